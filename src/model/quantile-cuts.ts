import { checkFinite, type NumericArray } from "./input-checks";

/**
 * Quantiles by linear interpolation between order statistics (Hyndman–Fan type 7, the default
 * of numpy's `percentile` and R's `quantile`), for several probabilities at once.
 * Sorts a copy: O(n log n); the input is not changed.
 *
 * @param values finite numbers, at least one
 * @param probabilities each in [0, 1]
 * @example
 * import { quantiles } from "./quantile-cuts";
 * quantiles([1, 2, 3, 4], [0, 0.5, 1]); // => [1, 2.5, 4]
 */
export function quantiles(values: NumericArray, probabilities: readonly number[]): number[] {
  checkFinite("quantiles", "values", values);
  if (values.length === 0) throw new Error("quantiles: values is empty; at least one value is needed");
  const sorted = Float64Array.from(values).sort();
  return probabilities.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new Error(`quantiles: probability ${p} is outside [0, 1]`);
    return quantileOfSorted(sorted, p);
  });
}

/**
 * The type-7 quantile of an array already sorted ascending (no check that it is sorted), O(1).
 *
 * @example
 * import { quantileOfSorted } from "./quantile-cuts";
 * quantileOfSorted(Float64Array.from([1, 2, 3, 4]), 0.25); // => 1.75
 */
export function quantileOfSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Cut points that split `values` into `bins` groups of about equal count: the type-7 quantiles
 * at 1/bins, 2/bins, …, (bins-1)/bins, with repeated values removed (heavy ties give fewer,
 * larger groups rather than groups that split a tie).
 *
 * @example
 * import { quantileCuts } from "./quantile-cuts";
 * quantileCuts([1, 2, 3, 4, 5], 2); // => [3]
 * quantileCuts([0, 0, 0, 0, 1], 4); // => [0]
 */
export function quantileCuts(values: NumericArray, bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new Error(`quantileCuts: bins must be a positive integer; got ${bins}`);
  }
  const probs: number[] = [];
  for (let k = 1; k < bins; k++) probs.push(k / bins);
  const q = quantiles(values, probs);
  return q.filter((v, i) => i === 0 || v !== q[i - 1]);
}

/**
 * The bin of each value for ascending cut points: bin `k` holds the values with
 * `cuts[k-1] < x ≤ cuts[k]` (bin 0 is `x ≤ cuts[0]`, the last bin `x > cuts[cuts.length-1]`),
 * the same rule as numpy's `searchsorted(cuts, x, side="left")`. O(n log(cuts)).
 *
 * @example
 * import { assignToCuts } from "./quantile-cuts";
 * Array.from(assignToCuts([0.1, 0.5, 0.9], [0.5])); // => [0, 0, 1]
 */
export function assignToCuts(values: NumericArray, cuts: readonly number[]): Uint32Array {
  for (let k = 1; k < cuts.length; k++) {
    if (!(cuts[k] > cuts[k - 1])) {
      throw new Error(`assignToCuts: cut points must be strictly increasing; got ${cuts[k - 1]} then ${cuts[k]}`);
    }
  }
  const out = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cuts[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return out;
}
