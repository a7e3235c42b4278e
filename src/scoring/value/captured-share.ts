import { gatherNumbers } from "../../data/typed-column";

/**
 * The share of a total (e.g. won revenue) held by the top `share` of leads ranked by a score,
 * each lead counted `weights[i]` times (1 when not given; a bootstrap replicate's multiplicities).
 * Leads tied at the cut count in proportion: the cut falls inside their lump as a random order of
 * them would on average, so a whole-number score with large lumps is not favoured or penalised.
 * `order` is the leads sorted by score, highest first (see {@link rankOrder}). NaN when the total is 0.
 *
 * @example
 * import { capturedShare, rankOrder } from "./captured-share";
 * const score = [3, 2, 2, 1];
 * const revenue = [10, 20, 40, 30];
 * capturedShare(score, rankOrder(score), revenue, 0.25); // => 0.1
 * capturedShare(score, rankOrder(score), revenue, 0.5); // => 0.4
 */
export function capturedShare(score: ArrayLike<number>, order: ArrayLike<number>, value: ArrayLike<number>, share: number, weights?: ArrayLike<number>): number {
  return capturedShares(score, order, value, [share], weights)[0];
}

/**
 * {@link capturedShare} at several lead shares in one pass over the ranking (what a bootstrap
 * replicate needs): the same numbers, in the order of `shares`.
 *
 * @example
 * import { capturedShares, rankOrder } from "./captured-share";
 * const score = [3, 2, 2, 1];
 * capturedShares(score, rankOrder(score), [10, 20, 40, 30], [0.5, 0.25]); // => [0.4, 0.1]
 */
export function capturedShares(score: ArrayLike<number>, order: ArrayLike<number>, value: ArrayLike<number>, shares: readonly number[], weights?: ArrayLike<number>): number[] {
  return rankedCapturedShares(rankedValues(score, order, value), shares, weights);
}

/** Leads laid out in rank order (highest score first) for {@link rankedCapturedShares}: their indices, scores and values. */
export interface RankedValues {
  order: ArrayLike<number>;
  score: Float64Array;
  value: Float64Array;
}

/**
 * The scores and values of `order`'s leads in that order, so that the many bootstrap replicates of
 * {@link rankedCapturedShares} read them one after another.
 *
 * @example
 * import { rankedValues, rankOrder } from "./captured-share";
 * const score = [1, 3, 2];
 * Array.from(rankedValues(score, rankOrder(score), [10, 30, 20]).value); // => [30, 20, 10]
 */
export function rankedValues(score: ArrayLike<number>, order: ArrayLike<number>, value: ArrayLike<number>): RankedValues {
  return { order, score: gatherNumbers(score, order), value: gatherNumbers(value, order) };
}

/**
 * {@link capturedShares} of leads already in rank order ({@link rankedValues}): the same numbers,
 * summed in the same order. Lead `index[t]` is the t-th ranked (`ranked.order` by default) and
 * weighs `weights[index[t]]` (1 when not given): a bootstrap replicate's multiplicities are read
 * where they are, not gathered into rank order first; `index` maps the ranking of a subset of
 * leads to the replicate's leads.
 *
 * @example
 * import { rankedCapturedShares, rankedValues, rankOrder } from "./captured-share";
 * const score = [3, 2, 2, 1];
 * rankedCapturedShares(rankedValues(score, rankOrder(score), [10, 20, 40, 30]), [0.5, 0.25]); // => [0.4, 0.1]
 * rankedCapturedShares(rankedValues(score, rankOrder(score), [10, 20, 40, 30]), [0.25], [2, 1, 1, 0]); // => [0.125] (lead 0 counts twice: the cut takes half of it, 10 of 80)
 */
export function rankedCapturedShares(ranked: RankedValues, shares: readonly number[], weights?: ArrayLike<number>, index: ArrayLike<number> = ranked.order): number[] {
  const { score, value } = ranked;
  const n = score.length;
  let leads = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const w = weights ? weights[index[t]] : 1;
    leads += w;
    total += w * value[t];
  }
  if (!(total > 0)) return shares.map(() => NaN);
  const pending = shares.map((share, k) => ({ k, want: share * leads })).sort((a, b) => a.want - b.want);
  const held = new Array<number>(shares.length);
  let next = 0;
  let taken = 0;
  let sum = 0;
  for (let t = 0; t < n && next < pending.length; ) {
    while (next < pending.length && !(taken < pending[next].want)) held[pending[next++].k] = sum / total;
    let lumpLeads = 0;
    let lumpValue = 0;
    let u = t;
    for (; u < n && score[u] === score[t]; u++) {
      const w = weights ? weights[index[u]] : 1;
      lumpLeads += w;
      lumpValue += w * value[u];
    }
    // every share whose cut falls inside this lump takes the part of it the cut leaves
    while (lumpLeads > 0 && next < pending.length && pending[next].want <= taken + lumpLeads) {
      const part = Math.min(1, (pending[next].want - taken) / lumpLeads);
      held[pending[next++].k] = (sum + part * lumpValue) / total;
    }
    if (lumpLeads > 0) {
      taken += lumpLeads;
      sum += lumpValue;
    }
    t = u;
  }
  while (next < pending.length) held[pending[next++].k] = sum / total;
  return held;
}

/**
 * Lead indices sorted by score, highest first (ties in index order).
 *
 * @example
 * import { rankOrder } from "./captured-share";
 * Array.from(rankOrder([1, 3, 2])); // => [1, 2, 0]
 */
export function rankOrder(score: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b] - score[a] || a - b);
}
