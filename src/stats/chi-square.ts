import { chiSquareSurvival } from "./chi-square-distribution";
import { compactTable } from "./contingency-table";

/** The result of {@link chiSquareTest}. */
export interface ChiSquareResult {
  /** Pearson's X² = Σ (O − E)² / E. */
  statistic: number;
  /** (r − 1)(c − 1) over the non-empty rows and columns. */
  df: number;
  /** P(χ²(df) ≥ X²); 1 when there is nothing to test (df = 0). */
  p: number;
  /** √(X² / (n · (min(r, c) − 1))), in [0, 1]; 0 when df = 0. */
  cramersV: number;
  n: number;
  /** Expected counts under independence, for the compacted table. */
  expected: number[][];
  /** Smallest expected count. */
  minExpected: number;
  /** Share of cells with an expected count below 5. */
  smallExpectedShare: number;
  /** The table tested: the input without empty rows and columns. */
  table: number[][];
}

/**
 * Pearson's chi-square test of independence on an r×c contingency table, without continuity
 * correction (as `scipy.stats.chi2_contingency(t, correction=False)`). Rows or columns whose
 * total is zero are removed first; if fewer than two rows or two columns remain there is no
 * variation to test and the result is statistic 0, df 0, p 1.
 *
 * The chi-square approximation needs large expected counts; {@link independenceTest} checks
 * that and switches to an exact or permutation test when they are small.
 *
 * @param table counts, `table[i][j]`, e.g. one row per bin and columns [wins, losses]
 * @example
 * chiSquareTest([[10, 20], [30, 15]]).p; // => 0.004586392080253… (X² = 8.0357…, df 1)
 */
export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquareResult {
  const t = compactTable(table);
  const r = t.length;
  const c = r > 0 ? t[0].length : 0;
  const rowSum = t.map((row) => row.reduce((s, v) => s + v, 0));
  const colSum = new Array<number>(c).fill(0);
  for (const row of t) for (let j = 0; j < c; j++) colSum[j] += row[j];
  const n = rowSum.reduce((s, v) => s + v, 0);
  const expected = t.map((_, i) => colSum.map((cs) => (rowSum[i] * cs) / n));
  let statistic = 0;
  let minExpected = Infinity;
  let small = 0;
  for (let i = 0; i < r; i++)
    for (let j = 0; j < c; j++) {
      const e = expected[i][j];
      const d = t[i][j] - e;
      statistic += (d * d) / e;
      if (e < minExpected) minExpected = e;
      if (e < 5) small++;
    }
  const df = r >= 2 && c >= 2 ? (r - 1) * (c - 1) : 0;
  if (df <= 0) {
    return { statistic: 0, df: 0, p: 1, cramersV: 0, n, expected, minExpected: r * c ? minExpected : NaN, smallExpectedShare: r * c ? small / (r * c) : 0, table: t };
  }
  const k = Math.min(r, c) - 1;
  return {
    statistic,
    df,
    p: chiSquareSurvival(statistic, df),
    cramersV: Math.min(1, Math.sqrt(statistic / (n * k))),
    n,
    expected,
    minExpected,
    smallExpectedShare: small / (r * c),
    table: t,
  };
}

/**
 * Pearson's X² of a table against given expected counts (no checks; used in inner loops).
 *
 * @example
 * chiSquareStatistic([[10, 20], [30, 15]], [[16, 14], [24, 21]]); // => 8.035714285714285
 */
export function chiSquareStatistic(table: readonly (ArrayLike<number>)[], expected: readonly (ArrayLike<number>)[]): number {
  let s = 0;
  for (let i = 0; i < table.length; i++) {
    const o = table[i];
    const e = expected[i];
    for (let j = 0; j < o.length; j++) {
      const d = o[j] - e[j];
      s += (d * d) / e[j];
    }
  }
  return s;
}
