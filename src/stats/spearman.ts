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
  return spearmanAgainst(y)(x);
}

/**
 * Spearman's rank correlation of many `x` against one `y`, which is sorted once: for each `x`,
 * `y`'s mid-ranks among the pairs kept (neither value NaN) are read off that order in one pass,
 * rather than sorted again. The same number as {@link spearmanCorrelation} of each pair.
 *
 * @example
 * import { spearmanAgainst } from "./spearman";
 * const against = spearmanAgainst([5, 6, 7, 8, 7]);
 * against([1, 2, 3, 4, 5]); // => 0.8207826816681233
 * against([1, NaN, 3, 4, 5]).toFixed(12); // => "0.632455532034" (scipy: 0.632455532033676)
 */
export function spearmanAgainst(y: ArrayLike<number>): (x: ArrayLike<number>) => number {
  const order = Array.from({ length: y.length }, (_, i) => i)
    .filter((i) => !Number.isNaN(y[i]))
    .sort((a, b) => y[a] - y[b] || a - b);
  return (x) => {
    if (x.length !== y.length) throw new Error(`spearmanCorrelation: x and y must have the same length; got ${x.length} and ${y.length}`);
    // The pairs kept, in x's order, and y's ranks among them from y's order.
    const place = new Int32Array(x.length).fill(-1);
    let n = 0;
    for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) place[i] = n++;
    if (n < 2) return NaN;
    const xs = new Float64Array(n);
    for (let i = 0; i < x.length; i++) if (place[i] >= 0) xs[place[i]] = x[i];
    const ry = new Float64Array(n);
    let rank = 0;
    for (let i = 0; i < order.length; ) {
      // One tie group of y's values (among all pairs), ranked among the kept ones.
      let j = i;
      let kept = 0;
      while (j < order.length && y[order[j]] === y[order[i]]) kept += place[order[j++]] >= 0 ? 1 : 0;
      const mid = rank + (kept + 1) / 2;
      for (let k = i; k < j; k++) if (place[order[k]] >= 0) ry[place[order[k]]] = mid;
      rank += kept;
      i = j;
    }
    const rx = midRanks(xs).ranks;
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
  };
}
