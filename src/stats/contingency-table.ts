/** A contingency table: `counts[i][j]` rows with level `rows[i]` of x and `cols[j]` of y. */
export interface ContingencyTable {
  rows: string[];
  cols: string[];
  counts: number[][];
  /** Pairs left out because x or y was missing. */
  dropped: number;
}

/** A value of a categorical or binned vector; null, undefined and NaN are missing. */
export type Level = string | number | boolean | null | undefined;

/**
 * Cross-tabulates two vectors of the same length into a contingency table. Levels are compared
 * as text (`String(v)`) and sorted; pairs in which either value is missing (null, undefined,
 * NaN) are left out and counted in `dropped`.
 *
 * @example
 * crossTabulate(["a", "a", "b", null], [true, false, true, true]);
 * // => { rows: ["a", "b"], cols: ["false", "true"], counts: [[1, 1], [0, 1]], dropped: 1 }
 */
export function crossTabulate(x: ArrayLike<Level>, y: ArrayLike<Level>): ContingencyTable {
  if (x.length !== y.length) throw new Error(`crossTabulate: x has ${x.length} values but y has ${y.length}`);
  const xi = new Map<string, number>();
  const yi = new Map<string, number>();
  const pairs = new Map<number, number>();
  const xs: string[] = [];
  const ys: string[] = [];
  let dropped = 0;
  for (let k = 0; k < x.length; k++) {
    const a = x[k];
    const b = y[k];
    if (isMissing(a) || isMissing(b)) {
      dropped++;
      continue;
    }
    const sa = String(a);
    const sb = String(b);
    let i = xi.get(sa);
    if (i === undefined) xi.set(sa, (i = xs.push(sa) - 1));
    let j = yi.get(sb);
    if (j === undefined) yi.set(sb, (j = ys.push(sb) - 1));
    const key = i * 1048576 + j;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const rows = [...xs].sort(compareText);
  const cols = [...ys].sort(compareText);
  const rowOf = new Map(rows.map((r, i) => [xi.get(r)!, i]));
  const colOf = new Map(cols.map((c, j) => [yi.get(c)!, j]));
  const counts = rows.map(() => new Array<number>(cols.length).fill(0));
  for (const [key, n] of pairs) counts[rowOf.get(Math.floor(key / 1048576))!][colOf.get(key % 1048576)!] = n;
  return { rows, cols, counts, dropped };
}

/**
 * Checks a table of counts (rectangular, finite, non-negative) and returns a copy without the
 * rows and columns whose total is zero: they carry no information and would make expected
 * counts zero.
 *
 * @example
 * compactTable([[1, 0, 2], [0, 0, 0], [3, 0, 4]]); // => [[1, 2], [3, 4]]
 */
export function compactTable(table: readonly (readonly number[])[]): number[][] {
  if (table.length === 0) return [];
  const c = table[0].length;
  for (let i = 0; i < table.length; i++) {
    if (table[i].length !== c) throw new Error(`contingency table: row ${i} has ${table[i].length} cells, row 0 has ${c}`);
    for (let j = 0; j < c; j++) {
      const v = table[i][j];
      if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`contingency table: cell [${i}][${j}] must be a finite count ≥ 0; got ${v}`);
    }
  }
  const keepCols: number[] = [];
  for (let j = 0; j < c; j++) {
    let s = 0;
    for (const row of table) s += row[j];
    if (s > 0) keepCols.push(j);
  }
  const out: number[][] = [];
  for (const row of table) {
    let s = 0;
    for (const v of row) s += v;
    if (s > 0) out.push(keepCols.map((j) => row[j]));
  }
  return out;
}

function isMissing(v: Level): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
