import { chiSquareTest } from "../stats/chi-square";

/** A pair of attributes that carry the same information. */
export interface RedundantPair {
  a: string;
  b: string;
  cramersV: number;
}

/**
 * Pairs of attributes whose bins are strongly associated (Cramér's V at or above `threshold`,
 * default 0.8), so a scorecard does not count one thing twice. Each attribute is given as the
 * bin index of every row compared (the same rows for all: at most 20,000 evenly spaced ones,
 * {@link redundancyRows}, are plenty to estimate V to about ±0.01); the contingency table of two
 * attributes is counted directly from the indexes and measured with {@link chiSquareTest}.
 *
 * @example
 * import { redundantPairs } from "./redundancy";
 * redundantPairs([{ name: "a", codes: Int32Array.from([0, 0, 1, 1]) }, { name: "b", codes: Int32Array.from([1, 1, 0, 0]) }]);
 * // => [{ a: "a", b: "b", cramersV: 1 }]
 */
export function redundantPairs(attributes: readonly { name: string; codes: Int32Array }[], threshold = 0.8): RedundantPair[] {
  const sizes = attributes.map(({ codes }) => codes.reduce((m, v) => Math.max(m, v), 0) + 1);
  const out: RedundantPair[] = [];
  for (let i = 0; i < attributes.length; i++)
    for (let j = i + 1; j < attributes.length; j++) {
      const ki = sizes[i], kj = sizes[j];
      if (ki < 2 || kj < 2) continue;
      const flat = new Float64Array(ki * kj);
      const ci = attributes[i].codes, cj = attributes[j].codes;
      for (let r = 0; r < ci.length; r++) if (ci[r] >= 0 && cj[r] >= 0) flat[ci[r] * kj + cj[r]]++;
      const table = Array.from({ length: ki }, (_, x) => Array.from(flat.subarray(x * kj, (x + 1) * kj)));
      const v = chiSquareTest(table).cramersV;
      if (v >= threshold) out.push({ a: attributes[i].name, b: attributes[j].name, cramersV: v });
    }
  return out;
}

/**
 * The rows {@link redundantPairs} compares among `rows`: all of them up to `maxRows`, else every
 * k-th from the first, k the smallest step that leaves at most `maxRows` (so only their bins need
 * be found).
 *
 * @example
 * import { redundancyRows } from "./redundancy";
 * Array.from(redundancyRows(Int32Array.from([10, 11, 12, 13, 14, 15, 16]), 3)); // => [10, 13, 16]
 */
export function redundancyRows(rows: Int32Array, maxRows = 20000): Int32Array {
  const step = Math.max(1, Math.ceil(rows.length / maxRows));
  return step === 1 ? rows : Int32Array.from({ length: Math.ceil(rows.length / step) }, (_, i) => rows[i * step]);
}
