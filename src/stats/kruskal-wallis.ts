import { chiSquareSurvival } from "./chi-square-distribution";
import { midRanks, type MidRanks } from "./mid-ranks";

/** The result of {@link kruskalWallis}. */
export interface KruskalWallisResult {
  /** The H statistic, corrected for ties. */
  h: number;
  /** Degrees of freedom: non-empty groups − 1. */
  df: number;
  /** P(χ²(df) ≥ h); NaN when fewer than two groups have values or every value is the same. */
  p: number;
}

/**
 * The Kruskal–Wallis rank test that k groups come from one distribution (Kruskal & Wallis 1952):
 * all N values are ranked together (ties get their mean rank), H = 12/(N(N+1)) · Σ R_i²/n_i −
 * 3(N+1), R_i the rank sum of group i, divided by the tie correction 1 − Σ(t³ − t)/(N³ − N),
 * and referred to χ² with k − 1 degrees of freedom (k the non-empty groups). Same as
 * `scipy.stats.kruskal`. Distribution-free: it compares the groups' ranks, so a few huge
 * amounts weigh no more than any other large ones.
 *
 * @param values the observations
 * @param groups the group code (0-based) of each observation
 * @example
 * import { kruskalWallis } from "leadlab";
 * const r = kruskalWallis([1, 2, 3, 4, 5, 6], [0, 0, 0, 1, 1, 1]);
 * r.h.toFixed(4); // => "3.8571"
 */
export function kruskalWallis(values: ArrayLike<number>, groups: ArrayLike<number>): KruskalWallisResult {
  const n = values.length;
  if (groups.length !== n) throw new Error(`kruskalWallis: ${n} values but ${groups.length} group codes`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`kruskalWallis: values must be finite numbers; value ${i} is ${values[i]}`);
    if (!(Number.isInteger(groups[i]) && groups[i] >= 0)) throw new Error(`kruskalWallis: group codes must be integers ≥ 0; code ${i} is ${groups[i]}`);
  }
  return kruskalWallisOfRanks(midRanks(values), groups);
}

/**
 * {@link kruskalWallis} from the values' mid-ranks, already computed (several groupings of the
 * same values need them once): the same numbers.
 *
 * @param ranked `midRanks(values)`
 * @param groups the group code (0-based) of each value
 * @example
 * import { kruskalWallisOfRanks } from "./kruskal-wallis";
 * import { midRanks } from "./mid-ranks";
 * kruskalWallisOfRanks(midRanks([1, 2, 3, 4, 5, 6]), [0, 0, 0, 1, 1, 1]).h.toFixed(4); // => "3.8571"
 */
export function kruskalWallisOfRanks(ranked: MidRanks, groups: ArrayLike<number>): KruskalWallisResult {
  const { ranks, ties } = ranked;
  const n = ranks.length;
  if (groups.length !== n) throw new Error(`kruskalWallisOfRanks: ${n} ranks but ${groups.length} group codes`);
  const sums = new Map<number, { r: number; n: number }>();
  for (let i = 0; i < n; i++) {
    const s = sums.get(groups[i]) ?? { r: 0, n: 0 };
    s.r += ranks[i];
    s.n++;
    sums.set(groups[i], s);
  }
  const df = sums.size - 1;
  const correction = n > 1 ? 1 - ties / (n * n * n - n) : 0;
  if (df < 1 || correction <= 0) return { h: NaN, df: Math.max(df, 0), p: NaN };
  let s = 0;
  for (const g of sums.values()) s += (g.r * g.r) / g.n;
  const h = ((12 / (n * (n + 1))) * s - 3 * (n + 1)) / correction;
  return { h, df, p: chiSquareSurvival(h, df) };
}
