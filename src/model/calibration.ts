import { checkConfidence, checkOutcome, checkProbabilities, type NumericArray } from "./input-checks";
import { assignToCuts, quantiles } from "./quantile-cuts";
import { wilsonInterval } from "../stats/wilson";

/** One bin of a calibration table. */
export interface CalibrationBin {
  /** Bin number, 1 = lowest predicted probabilities. Empty bins are left out, so numbers may skip. */
  bin: number;
  /** Rows in the bin. */
  n: number;
  /** Mean predicted probability in the bin. */
  meanPredicted: number;
  /** Observed win rate in the bin. */
  observedRate: number;
  /** Wilson interval of the observed win rate. */
  lo: number;
  hi: number;
  /** Smallest and largest predicted probability in the bin. */
  min: number;
  max: number;
}

/** Options of {@link calibrationTable}. */
export interface CalibrationOptions {
  /** Number of bins. Default 10 (deciles). */
  bins?: number;
  /**
   * `quantile` (default): edges at the quantiles of the predictions, so bins hold about equal
   * counts (ties are never split, so heavy ties give fewer bins); `uniform`: equal-width bins on [0, 1].
   */
  strategy?: "quantile" | "uniform";
  /** Level of the Wilson intervals. Default 0.95. */
  confidence?: number;
}

/**
 * Calibration by bins of predicted probability (deciles by default): for each bin, how many rows,
 * the mean prediction, the observed win rate and its Wilson interval. A well-calibrated model has
 * `observedRate ≈ meanPredicted`, the interval covering the mean prediction in most bins.
 *
 * Binning follows `sklearn.calibration.calibration_curve`: edges are the type-7 quantiles
 * (`quantile`) or equal widths on [0, 1] (`uniform`), and a prediction equal to an inner edge
 * belongs to the lower bin. O(n log n).
 *
 * @param probabilities predicted probabilities of a win, in [0, 1]
 * @param y 1 = won, 0 = lost
 * @example
 * import { calibrationTable } from "leadlab";
 * const p = [0.1, 0.1, 0.2, 0.2, 0.8, 0.8, 0.9, 0.9];
 * const y = Uint8Array.from([0, 0, 0, 1, 1, 1, 1, 1]);
 * calibrationTable(p, y, { bins: 2 }).map((b) => b.observedRate); // => [0.25, 1]
 */
export function calibrationTable(probabilities: NumericArray, y: Uint8Array, options: CalibrationOptions = {}): CalibrationBin[] {
  const { bins = 10, strategy = "quantile", confidence = 0.95 } = options;
  checkOutcome("calibrationTable", y);
  checkProbabilities("calibrationTable", probabilities, y.length);
  checkConfidence("calibrationTable", confidence);
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`calibrationTable: bins must be a positive integer; got ${bins}`);
  if (strategy !== "quantile" && strategy !== "uniform") {
    throw new Error(`calibrationTable: strategy must be "quantile" or "uniform"; got ${String(strategy)}`);
  }
  if (y.length === 0) return [];
  const inner: number[] = [];
  if (strategy === "quantile") {
    const probs: number[] = [];
    for (let k = 1; k < bins; k++) probs.push(k / bins);
    inner.push(...quantiles(probabilities, probs));
  } else {
    for (let k = 1; k < bins; k++) inner.push(k / bins);
  }
  // Bin k holds inner[k-1] < p ≤ inner[k]; repeated edges leave empty bins, which are dropped.
  const unique = inner.filter((v, i) => i === 0 || v !== inner[i - 1]);
  const ids = assignToCuts(probabilities, unique);
  // Bin b among the unique edges is bin (number of all edges below it) among the requested ones.
  const firstPosition = unique.map((v) => inner.indexOf(v));
  const count = new Float64Array(unique.length + 1);
  const sumP = new Float64Array(unique.length + 1);
  const wins = new Float64Array(unique.length + 1);
  const min = new Float64Array(unique.length + 1).fill(Infinity);
  const max = new Float64Array(unique.length + 1).fill(-Infinity);
  for (let i = 0; i < y.length; i++) {
    const b = ids[i];
    const p = probabilities[i];
    count[b]++;
    sumP[b] += p;
    wins[b] += y[i];
    if (p < min[b]) min[b] = p;
    if (p > max[b]) max[b] = p;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b <= unique.length; b++) {
    if (count[b] === 0) continue;
    const w = wilsonInterval(wins[b], count[b], confidence);
    out.push({
      bin: (b < unique.length ? firstPosition[b] : inner.length) + 1,
      n: count[b],
      meanPredicted: sumP[b] / count[b],
      observedRate: wins[b] / count[b],
      lo: w.lo,
      hi: w.hi,
      min: min[b],
      max: max[b],
    });
  }
  return out;
}
