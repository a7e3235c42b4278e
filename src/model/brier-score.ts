import { checkFinite, checkOutcome, checkProbabilities, type NumericArray } from "./input-checks";

/**
 * The Brier score: the mean squared difference between the predicted probability of a win and
 * the outcome, Σ wᵢ (pᵢ − yᵢ)² / Σ wᵢ. 0 is perfect; predicting the base rate r for everyone
 * scores r(1 − r), the bar a useful model must clear. Matches
 * `sklearn.metrics.brier_score_loss` (with `sample_weight`). O(n).
 *
 * @param probabilities predicted probabilities of a win, in [0, 1]
 * @param y 1 = won, 0 = lost
 * @param weights optional non-negative weights, one per row
 * @example
 * import { brierScore } from "leadlab";
 * brierScore([0.9, 0.2, 0.5], Uint8Array.from([1, 0, 1])).toFixed(4); // => "0.1000"
 */
export function brierScore(probabilities: NumericArray, y: Uint8Array, weights?: NumericArray): number {
  checkOutcome("brierScore", y);
  checkProbabilities("brierScore", probabilities, y.length);
  if (y.length === 0) throw new Error("brierScore: there are no rows");
  if (weights !== undefined) checkFinite("brierScore", "weights", weights, y.length);
  let s = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights === undefined ? 1 : weights[i];
    if (w < 0) throw new Error(`brierScore: weights[${i}] is ${w}; weights must be ≥ 0`);
    const e = probabilities[i] - y[i];
    s += w * e * e;
    total += w;
  }
  if (!(total > 0)) throw new Error("brierScore: all weights are 0");
  return s / total;
}
