/**
 * A numeric scale learned on a reference group (the customers) that any value can be put on:
 * the value's mid-rank among the reference values, range-normalised so that the smallest
 * reference value maps to 0 and the largest to 1; values outside the reference range are
 * clamped to 0 or 1, values between two reference values fall half-way between their ranks, and
 * NaN (missing) stays NaN. On the reference values themselves it equals Gower's `"rank"`
 * scaling (`prepareGower(…, { numeric: "rank" })`), so the customers' distances are exactly
 * those of the clustering, while every other deal is measured on the same scale — a long tail
 * (employees, revenue) does not squash everyone else together. With fewer than two distinct
 * reference values every known value maps to 0. The input is not modified.
 *
 * @example
 * const scale = rankScaler(Float64Array.from([10, 20, 20, 40]));
 * [scale(10), scale(20), scale(40), scale(30), scale(5), scale(NaN)];
 * // => [0, 0.5, 1, 0.8333333333333334, 0, NaN] (20's mid-rank is 1.5 of 0…3; 30 sits at rank 2.5)
 */
export function rankScaler(reference: ArrayLike<number>): (x: number) => number {
  const sorted: number[] = [];
  for (let i = 0; i < reference.length; i++) if (!Number.isNaN(reference[i])) sorted.push(reference[i]);
  sorted.sort((a, b) => a - b);
  const m = sorted.length;
  if (m === 0 || sorted[0] === sorted[m - 1]) return (x) => (Number.isNaN(x) ? NaN : 0);
  const lower = (x: number) => {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const upper = (x: number) => {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const rank = (x: number) => {
    const a = lower(x);
    const b = upper(x);
    return b > a ? (a + b - 1) / 2 : a - 0.5;
  };
  const min = rank(sorted[0]);
  const span = rank(sorted[m - 1]) - min;
  return (x) => {
    if (Number.isNaN(x)) return NaN;
    if (x <= sorted[0]) return 0;
    if (x >= sorted[m - 1]) return 1;
    return (rank(x) - min) / span;
  };
}
