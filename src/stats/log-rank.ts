import { chiSquareSurvival } from "./chi-square-distribution";
import type { Level } from "./contingency-table";

/** The result of {@link logRankTest}. */
export interface LogRankResult {
  /** (O − E)ᵀ V⁻¹ (O − E) over the first k − 1 groups. */
  statistic: number;
  /** k − 1, k the number of groups tested. */
  df: number;
  p: number;
  /** Group levels (as text, sorted) in the order of `observed` and `expected`. */
  groups: string[];
  /** Observed events per group. */
  observed: number[];
  /** Expected events per group under equal hazards. */
  expected: number[];
  /** Rows left out (time, event or group missing). */
  ignored: number;
  /** Groups left out because none of their members was at risk at any event time. */
  untestable: string[];
}

/**
 * k-group log-rank test (Mantel–Cox) of equal survival curves, right-censored data:
 * at every event time t with n_t > 1 at risk and d_t events, group j expects
 * n_jt·d_t/n_t events; V_jl = Σ_t d_t (n_t − d_t)/(n_t − 1) · (n_jt/n_t)(δ_jl − n_lt/n_t).
 * The statistic (O − E)ᵀ V⁻¹ (O − E) over k − 1 groups is χ²(k − 1) under the null. Same as
 * statsmodels' `survdiff(time, status, group)`. Groups never at risk at an event time carry no
 * information and are left out (listed in `untestable`); with fewer than two groups left the
 * result is statistic 0, df 0, p 1.
 *
 * @param time time to event or censoring; NaN rows are left out
 * @param event 1 (or true) = event observed, 0 (or false) = censored
 * @param group group of each row (levels compare as text; missing rows are left out)
 * @param order the rows by time, {@link timeOrder} of `time`: given when many groupings of the
 *   same rows are tested, so the rows are sorted once
 * @example
 * logRankTest([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1], ["a", "a", "a", "b", "b", "b"]).df; // => 1
 */
export function logRankTest(time: ArrayLike<number>, event: ArrayLike<number | boolean>, group: ArrayLike<Level>, order: Int32Array = timeOrder(time)): LogRankResult {
  if (time.length !== event.length || time.length !== group.length)
    throw new Error(`logRankTest: time, event and group must have the same length; got ${time.length}, ${event.length}, ${group.length}`);
  if (order.length > time.length) throw new Error(`logRankTest: order has ${order.length} rows for ${time.length} times; pass timeOrder(time)`);
  const rows: number[] = [];
  // Each row's group, first numbered as met (a value is turned into text once, not per row),
  // then renumbered in the text order of the levels.
  const metOf = new Map<Level, number>();
  const metText = new Map<string, number>();
  const met = new Int32Array(time.length);
  // The rows in time order (ties in row order), as sorting the rows kept would give them; rows without a time are not in it.
  let ignored = time.length - order.length;
  for (const i of order) {
    const e = Number(event[i]);
    const g = group[i];
    if (!(e === 0 || e === 1) || g === null || g === undefined || (typeof g === "number" && Number.isNaN(g))) {
      ignored++;
      continue;
    }
    rows.push(i);
    let j = metOf.get(g);
    if (j === undefined) {
      const text = String(g);
      j = metText.get(text) ?? metText.set(text, metText.size).size - 1;
      metOf.set(g, j);
    }
    met[i] = j;
  }
  const allGroups = [...metText.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const sortedIndex = Int32Array.from(metText.values(), () => 0);
  allGroups.forEach((text, j) => (sortedIndex[metText.get(text)!] = j));
  const level = met.map((j) => sortedIndex[j] ?? 0);
  const K = allGroups.length;
  const atRisk = new Float64Array(K);
  for (const i of rows) atRisk[level[i]]++;
  const O = new Float64Array(K);
  const E = new Float64Array(K);
  const V = Array.from({ length: K }, () => new Float64Array(K));
  const d = new Float64Array(K);
  const removed = new Float64Array(K);
  for (let start = 0; start < rows.length; ) {
    const t = time[rows[start]];
    let end = start;
    d.fill(0);
    removed.fill(0);
    while (end < rows.length && time[rows[end]] === t) {
      const i = rows[end];
      const j = level[i];
      removed[j]++;
      if (Number(event[i]) === 1) d[j]++;
      end++;
    }
    let nt = 0;
    let dt = 0;
    for (let j = 0; j < K; j++) {
      nt += atRisk[j];
      dt += d[j];
    }
    if (dt > 0) {
      // with n_t = 1 the single member's group expects exactly its event: no variance
      const f = nt > 1 ? (dt * (nt - dt)) / (nt - 1) : 0;
      for (let j = 0; j < K; j++) {
        O[j] += d[j];
        E[j] += (atRisk[j] * dt) / nt;
        if (f === 0) continue;
        const pj = atRisk[j] / nt;
        for (let l = 0; l < K; l++) V[j][l] += f * pj * ((j === l ? 1 : 0) - atRisk[l] / nt);
      }
    }
    for (let j = 0; j < K; j++) atRisk[j] -= removed[j];
    start = end;
  }
  const keep: number[] = [];
  const untestable: string[] = [];
  for (let j = 0; j < K; j++) {
    if (V[j][j] > 0) keep.push(j);
    else untestable.push(allGroups[j]);
  }
  const base = { groups: allGroups, observed: Array.from(O), expected: Array.from(E), ignored, untestable };
  if (keep.length < 2) return { ...base, statistic: 0, df: 0, p: 1 };
  const use = keep.slice(0, -1);
  const diff = use.map((j) => O[j] - E[j]);
  const M = use.map((j) => use.map((l) => V[j][l]));
  const x = solve(M, diff);
  let statistic = 0;
  for (let a = 0; a < use.length; a++) statistic += diff[a] * x[a];
  const df = keep.length - 1;
  return { ...base, statistic, df, p: chiSquareSurvival(statistic, df) };
}

/** Solves M x = b by Gaussian elimination with partial pivoting (M small, symmetric positive definite). */
function solve(M: number[][], b: number[]): number[] {
  const n = b.length;
  const A = M.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    const piv = A[c][c];
    if (piv === 0) throw new Error("logRankTest: singular variance matrix");
    for (let r = c + 1; r < n; r++) {
      const f = A[r][c] / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) A[r][k] -= f * A[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = A[r][n];
    for (let k = r + 1; k < n; k++) s -= A[r][k] * x[k];
    x[r] = s / A[r][r];
  }
  return x;
}

/**
 * The rows whose time is not NaN, in time order, ties in row order: what {@link logRankTest}
 * reads the rows in.
 *
 * @example
 * import { timeOrder } from "./log-rank";
 * Array.from(timeOrder([3, NaN, 1, 3])); // => [2, 0, 3]
 */
export function timeOrder(time: ArrayLike<number>): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < time.length; i++) if (!Number.isNaN(time[i])) rows.push(i);
  return Int32Array.from(rows.sort((a, b) => time[a] - time[b] || a - b));
}
