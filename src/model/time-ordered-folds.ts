import type { Fold } from "./cross-validation";

/**
 * Forward-chaining folds in time ("fit earlier, validate later"): the rows are ordered by time
 * (ties by position) and cut into `periods` consecutive blocks of equal size; fold k fits on
 * blocks 0..k−1 and validates on block k, so there are `periods − 1` folds and no fold ever
 * validates on a row older than one it was fitted on. Rows without a time (NaN) are left out.
 *
 * @param times one time per row (e.g. epoch milliseconds of closing)
 * @param periods blocks, at least 2
 * @returns the folds (row positions ascending in each part) and each row's block (−1 without a time)
 * @example
 * import { timeOrderedFolds } from "./time-ordered-folds";
 * const { folds } = timeOrderedFolds(Float64Array.from([5, 1, 4, 2, 6, 3]), 3);
 * folds.map((f) => [Array.from(f.train), Array.from(f.test)]); // => [[[1, 3], [2, 5]], [[1, 2, 3, 5], [0, 4]]]
 */
export function timeOrderedFolds(times: ArrayLike<number>, periods: number): { folds: Fold[]; period: Int32Array } {
  if (!Number.isInteger(periods) || periods < 2) throw new Error(`timeOrderedFolds: periods must be an integer ≥ 2; got ${periods}`);
  const order = Array.from({ length: times.length }, (_, i) => i)
    .filter((i) => !Number.isNaN(times[i]))
    .sort((a, b) => times[a] - times[b] || a - b);
  if (order.length < periods) throw new Error(`timeOrderedFolds: ${order.length} rows with a time cannot fill ${periods} periods`);
  const period = new Int32Array(times.length).fill(-1);
  order.forEach((row, k) => (period[row] = Math.floor((k * periods) / order.length)));
  const folds: Fold[] = [];
  for (let p = 1; p < periods; p++) {
    const train: number[] = [], test: number[] = [];
    for (let i = 0; i < times.length; i++) {
      if (period[i] >= 0 && period[i] < p) train.push(i);
      else if (period[i] === p) test.push(i);
    }
    folds.push({ train: Uint32Array.from(train), test: Uint32Array.from(test) });
  }
  return { folds, period };
}
