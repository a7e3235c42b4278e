import { midRanks } from "./mid-ranks";

/**
 * Spearman's rank correlation: Pearson's correlation of the mid-ranks of `x` and `y` (ties
 * share their mean rank), as `scipy.stats.spearmanr`. Pairs where either value is NaN are left
 * out; NaN with fewer than two pairs or when either side is constant.
 *
 * @example
 * import { spearmanCorrelation } from "./spearman";
 * spearmanCorrelation([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]); // => 0.8207826816681233
 * spearmanCorrelation([1, 2, 3], [30, 20, 10]); // => -1
 */
export function spearmanCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`spearmanCorrelation: x and y must have the same length; got ${x.length} and ${y.length}`);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    xs.push(x[i]);
    ys.push(y[i]);
  }
  const n = xs.length;
  if (n < 2) return NaN;
  const rx = midRanks(xs).ranks;
  const ry = midRanks(ys).ranks;
  const mean = (n + 1) / 2; // the mean of ranks 1…n, ties included
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const a = rx[i] - mean;
    const b = ry[i] - mean;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}
