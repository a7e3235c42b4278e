import { checkMixedColumns, type MixedColumn } from "./mixed-column";

/**
 * Options of {@link prepareGower}.
 */
export interface GowerOptions {
  /** Weight per column name; a column not named weighs 1, a weight of 0 leaves it out. */
  weights?: Readonly<Record<string, number>>;
  /**
   * How numeric columns are scaled before |x − y| is taken:
   * `"range"` — divided by the column's range (classic Gower, the default);
   * `"rank"` — replaced by their mid-rank percentile in [0, 1], so a long tail (employees,
   * revenue) does not squash everyone else together.
   */
  numeric?: "range" | "rank";
}

/** One column, encoded for fast distance computation. */
export type GowerColumn =
  | { name: string; kind: "numeric"; weight: number; /** scaled into [0, 1], NaN missing */ scaled: Float64Array }
  | { name: string; kind: "categorical" | "boolean"; weight: number; /** level index, -1 missing */ codes: Int32Array; levels: string[] }
  | {
      name: string;
      kind: "multi";
      weight: number;
      /** sorted level indices, null missing */
      sets: (Int32Array | null)[];
      /** the same sets as bit masks when there are at most 32 levels (missing: see `sets`) */
      masks: Int32Array | null;
      levels: string[];
    };

/** Mixed columns encoded once for Gower distances between any rows. Immutable. */
export interface GowerModel {
  /** Number of rows. */
  readonly n: number;
  /** The columns with a positive weight, encoded. */
  readonly columns: readonly GowerColumn[];
}

/**
 * Encodes mixed columns for Gower distance (Gower 1971). Between rows i and j:
 *
 *   d(i, j) = Σ_k w_k δ_ijk d_ijk / Σ_k w_k δ_ijk
 *
 * where δ_ijk = 0 when column k is missing in i or j (so missing values are skipped pair by
 * pair and the weights renormalised), and d_ijk is |x_i − x_j| / range for numeric columns
 * (see {@link GowerOptions.numeric}), 0/1 mismatch for categorical and boolean columns, and the
 * Jaccard distance 1 − |A ∩ B| / |A ∪ B| for multi-valued columns (two empty sets are equal).
 * A column whose values are all equal contributes 0. A pair with no column present in both
 * rows has nothing to compare and is taken as maximally different: d = 1.
 * Cost O(n · columns); the input is not modified.
 *
 * @example
 * const g = prepareGower([
 *   { name: "employees", kind: "numeric", values: Float64Array.from([10, 20, 30]) },
 *   { name: "industry", kind: "categorical", values: ["SaaS", "SaaS", "Retail"] },
 * ]);
 * gowerDistance(g, 0, 1); // => 0.25 (numeric 10/20 = 0.5, industry 0; mean of the two)
 */
export function prepareGower(columns: readonly MixedColumn[], options: GowerOptions = {}): GowerModel {
  const n = checkMixedColumns(columns);
  const numeric = options.numeric ?? "range";
  if (numeric !== "range" && numeric !== "rank") throw new Error(`gower: numeric must be "range" or "rank"; got ${String(numeric)}`);
  const weights = options.weights ?? {};
  for (const [name, w] of Object.entries(weights)) {
    if (!columns.some((c) => c.name === name)) throw new Error(`gower: weight given for unknown column "${name}"`);
    if (!(Number.isFinite(w) && w >= 0)) throw new Error(`gower: weight of "${name}" must be a finite number ≥ 0; got ${w}`);
  }
  const out: GowerColumn[] = [];
  for (const c of columns) {
    const weight = weights[c.name] ?? 1;
    if (weight === 0) continue;
    out.push(encodeColumn(c, weight, numeric));
  }
  if (out.length === 0) throw new Error("gower: every column has weight 0; give at least one a positive weight");
  return Object.freeze({ n, columns: Object.freeze(out) });
}

function encodeColumn(c: MixedColumn, weight: number, numeric: "range" | "rank"): GowerColumn {
  switch (c.kind) {
    case "numeric":
      return { name: c.name, kind: "numeric", weight, scaled: numeric === "rank" ? rankScale(c.values) : rangeScale(c.values) };
    case "categorical":
    case "boolean": {
      const levels: string[] = [];
      const index = new Map<string, number>();
      const codes = new Int32Array(c.values.length);
      for (let i = 0; i < c.values.length; i++) {
        const v = c.values[i];
        if (v === null || v === undefined) {
          codes[i] = -1;
          continue;
        }
        const key = String(v);
        let code = index.get(key);
        if (code === undefined) {
          code = levels.length;
          index.set(key, code);
          levels.push(key);
        }
        codes[i] = code;
      }
      return { name: c.name, kind: c.kind, weight, codes, levels };
    }
    case "multi": {
      const levels: string[] = [];
      const index = new Map<string, number>();
      const sets = c.values.map((v) => {
        if (v === null || v === undefined) return null;
        const codes = new Set<number>();
        for (const s of v) {
          let code = index.get(s);
          if (code === undefined) {
            code = levels.length;
            index.set(s, code);
            levels.push(s);
          }
          codes.add(code);
        }
        return Int32Array.from(codes).sort();
      });
      let masks: Int32Array | null = null;
      if (levels.length <= 32) {
        masks = new Int32Array(sets.length);
        sets.forEach((set, i) => {
          if (set) for (const code of set) masks![i] |= 1 << code;
        });
      }
      return { name: c.name, kind: "multi", weight, sets, masks, levels };
    }
  }
}

function rangeScale(values: ArrayLike<number>): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const range = hi - lo;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    out[i] = Number.isNaN(x) ? NaN : range > 0 ? (x - lo) / range : 0;
  }
  return out;
}

function rankScale(values: ArrayLike<number>): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) idx.push(i);
  idx.sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Float64Array(values.length).fill(NaN);
  for (let s = 0; s < idx.length; ) {
    let e = s;
    while (e + 1 < idx.length && values[idx[e + 1]] === values[idx[s]]) e++;
    const mid = (s + e) / 2;
    for (let t = s; t <= e; t++) ranks[idx[t]] = mid;
    s = e + 1;
  }
  // mid-ranks run from (ties of the minimum) to (ties of the maximum): range-normalise them
  return rangeScale(ranks);
}

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Jaccard distance between two sorted sets of level indices. */
function jaccardDistance(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return 1 - inter / (a.length + b.length - inter);
}

/**
 * The Gower distance between rows `i` and `j` of a prepared model (see {@link prepareGower}).
 * Cost O(columns).
 *
 * @example
 * const g = prepareGower([
 *   { name: "size", kind: "numeric", values: Float64Array.from([0, 10, NaN]) },
 *   { name: "crm", kind: "boolean", values: [true, false, true] },
 *   { name: "stack", kind: "multi", values: [["a", "b"], ["b", "c"], ["a"]] },
 * ]);
 * gowerDistance(g, 0, 1); // => (1 + 1 + 2/3) / 3 ≈ 0.889
 * gowerDistance(g, 0, 2); // => (0 + 1/2) / 2 = 0.25 (size is missing in row 2: skipped)
 */
export function gowerDistance(model: GowerModel, i: number, j: number): number {
  if (!(i >= 0 && i < model.n && j >= 0 && j < model.n && Number.isInteger(i) && Number.isInteger(j)))
    throw new Error(`gowerDistance: rows must be integers in 0..${model.n - 1}; got ${i}, ${j}`);
  let num = 0;
  let den = 0;
  for (const c of model.columns) {
    let d: number;
    if (c.kind === "numeric") {
      const a = c.scaled[i];
      const b = c.scaled[j];
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      d = Math.abs(a - b);
    } else if (c.kind === "multi") {
      const a = c.sets[i];
      const b = c.sets[j];
      if (a === null || b === null) continue;
      d = jaccardDistance(a, b);
    } else {
      const a = c.codes[i];
      const b = c.codes[j];
      if (a < 0 || b < 0) continue;
      d = a === b ? 0 : 1;
    }
    num += c.weight * d;
    den += c.weight;
  }
  return den > 0 ? num / den : 1;
}

/**
 * Adds column `c`'s weighted contribution for row `i` against rows `rows[from..]` into
 * `num`/`den` (indexed from 0 = rows[from]).
 */
function accumulate(c: GowerColumn, i: number, rows: ArrayLike<number>, from: number, num: Float64Array, den: Float64Array): void {
  const w = c.weight;
  const m = rows.length;
  if (c.kind === "numeric") {
    const s = c.scaled;
    const a = s[i];
    if (Number.isNaN(a)) return;
    for (let t = from; t < m; t++) {
      const b = s[rows[t]];
      if (b !== b) continue;
      num[t - from] += w * (a > b ? a - b : b - a);
      den[t - from] += w;
    }
  } else if (c.kind === "multi") {
    const a = c.sets[i];
    if (a === null) return;
    const masks = c.masks;
    if (masks) {
      const sets = c.sets;
      const ma = masks[i];
      for (let t = from; t < m; t++) {
        const r = rows[t];
        if (sets[r] === null) continue;
        const mb = masks[r];
        const union = ma | mb;
        if (union !== 0) num[t - from] += w * (1 - popcount(ma & mb) / popcount(union));
        den[t - from] += w;
      }
      return;
    }
    for (let t = from; t < m; t++) {
      const b = c.sets[rows[t]];
      if (b === null) continue;
      num[t - from] += w * jaccardDistance(a, b);
      den[t - from] += w;
    }
  } else {
    const codes = c.codes;
    const a = codes[i];
    if (a < 0) return;
    for (let t = from; t < m; t++) {
      const b = codes[rows[t]];
      if (b < 0) continue;
      if (a !== b) num[t - from] += w;
      den[t - from] += w;
    }
  }
}

function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

function checkRows(model: GowerModel, rows: ArrayLike<number>, what: string): void {
  for (let t = 0; t < rows.length; t++) {
    const r = rows[t];
    if (!(Number.isInteger(r) && r >= 0 && r < model.n)) throw new Error(`${what}: row ${r} at position ${t} is not in 0..${model.n - 1}`);
  }
}

/**
 * The full, symmetric Gower distance matrix of some rows (all rows when `rows` is omitted),
 * as a row-major `Float32Array` of m × m with a zero diagonal: entry `[a * m + b]` is the
 * distance between `rows[a]` and `rows[b]`. Meant for a sample (m of a few thousand: 3,000
 * rows take 36 MB); use {@link gowerToPoints} to compare every row with a few medoids.
 * Cost O(m² · columns / 2).
 *
 * @example
 * const g = prepareGower([{ name: "x", kind: "numeric", values: Float64Array.from([0, 1, 4]) }]);
 * Array.from(gowerMatrix(g)); // => [0, 0.25, 1, 0.25, 0, 0.75, 1, 0.75, 0]
 */
export function gowerMatrix(model: GowerModel, rows?: ArrayLike<number>): Float32Array {
  const r = rows ?? allRows(model.n);
  checkRows(model, r, "gowerMatrix");
  const m = r.length;
  const out = new Float32Array(m * m);
  const num = new Float64Array(m);
  const den = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    const from = a + 1;
    const len = m - from;
    num.fill(0, 0, len);
    den.fill(0, 0, len);
    for (const c of model.columns) accumulate(c, r[a], r, from, num, den);
    for (let t = 0; t < len; t++) {
      const d = den[t] > 0 ? num[t] / den[t] : 1;
      const b = from + t;
      out[a * m + b] = d;
      out[b * m + a] = d;
    }
  }
  return out;
}

/**
 * Gower distances from some rows (all rows when `rows` is omitted) to a few `points` (e.g.
 * medoids), without building an n × n matrix: a row-major `Float32Array` of
 * rows.length × points.length, entry `[r * points.length + p]`. Cost O(n · points · columns).
 *
 * @example
 * const g = prepareGower([{ name: "x", kind: "numeric", values: Float64Array.from([0, 1, 4]) }]);
 * Array.from(gowerToPoints(g, [0, 2])); // => [0, 1, 0.25, 0.75, 1, 0]
 */
export function gowerToPoints(model: GowerModel, points: ArrayLike<number>, rows?: ArrayLike<number>): Float32Array {
  const r = rows ?? allRows(model.n);
  checkRows(model, r, "gowerToPoints");
  checkRows(model, points, "gowerToPoints (points)");
  const m = r.length;
  const k = points.length;
  const out = new Float32Array(m * k);
  const num = new Float64Array(m);
  const den = new Float64Array(m);
  for (let p = 0; p < k; p++) {
    num.fill(0);
    den.fill(0);
    for (const c of model.columns) accumulate(c, points[p], r, 0, num, den);
    for (let t = 0; t < m; t++) out[t * k + p] = den[t] > 0 ? num[t] / den[t] : 1;
  }
  return out;
}

/**
 * For each row, the share of the total column weight that is known (not missing): 1 for a
 * complete row, 0 for a row with nothing to compare. Rows at 0 cannot be clustered; rows near
 * 1 make good medoids (a medoid with missing values looks close to everyone on the columns it
 * lacks, since those are skipped).
 *
 * @example
 * const g = prepareGower([
 *   { name: "x", kind: "numeric", values: Float64Array.from([1, NaN, NaN]) },
 *   { name: "c", kind: "categorical", values: ["a", "b", null] },
 * ]);
 * Array.from(rowCompleteness(g)); // => [1, 0.5, 0]
 */
export function rowCompleteness(model: GowerModel): Float64Array {
  const out = new Float64Array(model.n);
  let total = 0;
  for (const c of model.columns) {
    total += c.weight;
    for (let i = 0; i < model.n; i++) {
      const known = c.kind === "numeric" ? !Number.isNaN(c.scaled[i]) : c.kind === "multi" ? c.sets[i] !== null : c.codes[i] >= 0;
      if (known) out[i] += c.weight;
    }
  }
  for (let i = 0; i < model.n; i++) out[i] /= total;
  return out;
}
