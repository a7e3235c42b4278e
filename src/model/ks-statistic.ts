import { checkFinite, checkOutcome, type NumericArray } from "./input-checks";
import { splitSorted } from "./split-sorted";

/** The Kolmogorov–Smirnov separation of the score distributions of wins and losses. */
export interface KsResult {
  /** max over thresholds t of |F_won(t) − F_lost(t)|, in [0, 1]. */
  ks: number;
  /** The score t where the maximum is reached (the first, lowest, such score). */
  threshold: number;
  /** Share of wins with score ≤ threshold. */
  wonBelow: number;
  /** Share of losses with score ≤ threshold. */
  lostBelow: number;
}

/**
 * The KS statistic of a score: the largest gap between the empirical cumulative distributions
 * of the scores of wins and of losses (the two-sample statistic of `scipy.stats.ks_2samp`),
 * with the score where it occurs — a common single-number cut-off for "qualified". O(n log n).
 * Throws unless there is at least one win and one loss.
 *
 * @param scores higher = more likely to win
 * @param y 1 = won, 0 = lost
 * @example
 * import { ksStatistic } from "leadlab";
 * ksStatistic([1, 2, 3, 4], Uint8Array.from([0, 0, 1, 1])).ks; // => 1
 * ksStatistic([1, 2, 3, 4], Uint8Array.from([0, 0, 1, 1])).threshold; // => 2
 */
export function ksStatistic(scores: NumericArray, y: Uint8Array): KsResult {
  const { positives, negatives } = checkOutcome("ksStatistic", y);
  checkFinite("ksStatistic", "scores", scores, y.length);
  if (positives === 0 || negatives === 0) {
    throw new Error(`ksStatistic: needs at least one won and one lost row; got ${positives} won and ${negatives} lost`);
  }
  const { pos, neg } = splitSorted(scores, y);
  let i = 0;
  let j = 0;
  let best = { ks: 0, threshold: Math.min(pos[0], neg[0]), wonBelow: 0, lostBelow: 0 };
  // Walk the distinct scores in ascending order; compare the ECDFs after each tie block.
  while (i < positives || j < negatives) {
    const t = j >= negatives || (i < positives && pos[i] <= neg[j]) ? pos[i] : neg[j];
    while (i < positives && pos[i] === t) i++;
    while (j < negatives && neg[j] === t) j++;
    const f1 = i / positives;
    const f0 = j / negatives;
    const gap = Math.abs(f1 - f0);
    if (gap > best.ks) best = { ks: gap, threshold: t, wonBelow: f1, lostBelow: f0 };
  }
  return best;
}
