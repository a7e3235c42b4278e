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
  const w = (i: number) => (weights ? weights[i] : 1);
  let leads = 0;
  let total = 0;
  for (let t = 0; t < order.length; t++) {
    leads += w(order[t]);
    total += w(order[t]) * value[order[t]];
  }
  if (!(total > 0)) return NaN;
  const want = share * leads;
  let taken = 0;
  let held = 0;
  for (let t = 0; t < order.length && taken < want; ) {
    let lumpLeads = 0;
    let lumpValue = 0;
    let u = t;
    for (; u < order.length && score[order[u]] === score[order[t]]; u++) {
      lumpLeads += w(order[u]);
      lumpValue += w(order[u]) * value[order[u]];
    }
    const part = lumpLeads > 0 ? Math.min(1, (want - taken) / lumpLeads) : 0;
    taken += part * lumpLeads;
    held += part * lumpValue;
    t = u;
  }
  return held / total;
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
