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

/** Leads laid out in rank order (highest score first) for {@link rankedCapturedShares}: their indices and values, and where each lump of tied scores ends. */
export interface RankedValues {
  order: ArrayLike<number>;
  value: Float64Array;
  /** The end (exclusive) of each run of equal scores, in rank order. */
  lumps: Int32Array;
}

/**
 * The values of `order`'s leads in that order, and their lumps of tied scores, so that
 * the many bootstrap replicates of {@link rankedCapturedShares} read them one after another.
 *
 * @example
 * import { rankedValues, rankOrder } from "./captured-share";
 * const score = [1, 3, 2, 3];
 * const ranked = rankedValues(score, rankOrder(score), [10, 30, 20, 40]);
 * [Array.from(ranked.value), Array.from(ranked.lumps)]; // => [[30, 40, 20, 10], [2, 3, 4]]
 */
export function rankedValues(score: ArrayLike<number>, order: ArrayLike<number>, value: ArrayLike<number>): RankedValues {
  const ranked = gatherNumbers(score, order);
  const lumps: number[] = [];
  for (let t = 1; t <= ranked.length; t++) if (t === ranked.length || ranked[t] !== ranked[t - 1]) lumps.push(t);
  return { order, value: gatherNumbers(value, order), lumps: Int32Array.from(lumps) };
}

/**
 * {@link capturedShares} of leads already in rank order ({@link rankedValues}), in one pass over
 * the ranking, lump after lump; the total is the sum of the lumps. Lead `index[t]` is the t-th
 * ranked (`ranked.order` by default) and weighs `weights[index[t]]` (1 when not given): a bootstrap
 * replicate's multiplicities are read where they are, not gathered into rank order first; `index`
 * maps the ranking of a subset of leads to the replicate's leads. `leads`, the leads' total
 * weight, is the same for every ranking of them: a caller scoring several rankings may give it.
 *
 * @example
 * import { rankedCapturedShares, rankedValues, rankOrder } from "./captured-share";
 * const score = [3, 2, 2, 1];
 * rankedCapturedShares(rankedValues(score, rankOrder(score), [10, 20, 40, 30]), [0.5, 0.25]); // => [0.4, 0.1]
 * rankedCapturedShares(rankedValues(score, rankOrder(score), [10, 20, 40, 30]), [0.25], [2, 1, 1, 0]); // => [0.125] (lead 0 counts twice: the cut takes half of it, 10 of 80)
 */
export function rankedCapturedShares(ranked: RankedValues, shares: readonly number[], weights?: ArrayLike<number>, index: ArrayLike<number> = ranked.order, leads?: number): number[] {
  const { value, lumps } = ranked;
  const n = value.length;
  let all = leads ?? 0;
  if (leads === undefined) for (let t = 0; t < n; t++) all += weights ? weights[index[t]] : 1;
  const pending = shares.map((share, k) => ({ k, want: share * all })).sort((a, b) => a.want - b.want);
  // Each share's part of the total, held before the total is known.
  const held = new Array<number>(shares.length);
  let next = 0;
  let taken = 0;
  let sum = 0;
  for (let g = 0, t = 0; g < lumps.length; t = lumps[g++]) {
    while (next < pending.length && !(taken < pending[next].want)) held[pending[next++].k] = sum;
    let lumpLeads = 0;
    let lumpValue = 0;
    const u = lumps[g];
    if (weights) {
      for (let v = t; v < u; v++) {
        const w = weights[index[v]];
        lumpLeads += w;
        lumpValue += w * value[v];
      }
    } else {
      lumpLeads = u - t;
      for (let v = t; v < u; v++) lumpValue += value[v];
    }
    // every share whose cut falls inside this lump takes the part of it the cut leaves
    while (lumpLeads > 0 && next < pending.length && pending[next].want <= taken + lumpLeads) {
      const part = Math.min(1, (pending[next].want - taken) / lumpLeads);
      held[pending[next++].k] = sum + part * lumpValue;
    }
    if (lumpLeads > 0) {
      taken += lumpLeads;
      sum += lumpValue;
    }
  }
  while (next < pending.length) held[pending[next++].k] = sum;
  const total = sum;
  return total > 0 ? held.map((x) => x / total) : shares.map(() => NaN);
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
