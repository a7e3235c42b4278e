import { checkFinite, checkOutcome, type NumericArray } from "./input-checks";

/** One point of an ROC curve. */
export interface RocPoint {
  /** Rows scoring at least this are flagged; the first point uses Infinity (nobody flagged). */
  threshold: number;
  /** False-positive rate: share of losses flagged. */
  fpr: number;
  /** True-positive rate: share of wins flagged. */
  tpr: number;
}

/**
 * The ROC curve of a score, for charts: one point per distinct score from the highest down,
 * starting at (0, 0) and ending at (1, 1). With `dropIntermediate` (default true), points that lie
 * on a straight segment between their neighbours are dropped, which keeps the curve's shape and
 * area but makes it much smaller. The points match `sklearn.metrics.roc_curve` (whose first
 * threshold is max score + 1 rather than Infinity). O(n log n).
 *
 * @param scores higher = more likely to win
 * @param y 1 = won, 0 = lost
 * @example
 * import { rocCurve } from "leadlab";
 * rocCurve([0.1, 0.4, 0.35, 0.8], Uint8Array.from([0, 0, 1, 1])).map((p) => [p.fpr, p.tpr]);
 * // => [[0, 0], [0, 0.5], [0.5, 0.5], [0.5, 1], [1, 1]]
 */
export function rocCurve(scores: NumericArray, y: Uint8Array, options: { dropIntermediate?: boolean } = {}): RocPoint[] {
  const { dropIntermediate = true } = options;
  const { positives, negatives } = checkOutcome("rocCurve", y);
  checkFinite("rocCurve", "scores", scores, y.length);
  if (positives === 0 || negatives === 0) {
    throw new Error(`rocCurve: needs at least one won and one lost row; got ${positives} won and ${negatives} lost`);
  }
  const n = y.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  // Cumulative true and false positives at the end of each block of tied scores.
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k];
    if (y[i] === 1) tp++;
    else fp++;
    if (k === n - 1 || scores[idx[k + 1]] !== scores[i]) {
      thresholds.push(scores[i]);
      tps.push(tp);
      fps.push(fp);
    }
  }
  let keep = thresholds.map((_, k) => k);
  if (dropIntermediate && thresholds.length > 2) {
    keep = keep.filter((k) => {
      if (k === 0 || k === thresholds.length - 1) return true;
      const d2f = fps[k + 1] - 2 * fps[k] + fps[k - 1];
      const d2t = tps[k + 1] - 2 * tps[k] + tps[k - 1];
      return d2f !== 0 || d2t !== 0;
    });
  }
  const points: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  for (const k of keep) points.push({ threshold: thresholds[k], fpr: fps[k] / negatives, tpr: tps[k] / positives });
  return points;
}
