import { selectKth } from "./select-kth";

/** A median with its distribution-free confidence interval. */
export interface MedianInterval {
  median: number;
  /** The order statistics x_(lower) and x_(upper) of the interval (1-based ranks). */
  lo: number;
  hi: number;
  lowerRank: number;
  upperRank: number;
  /** The exact coverage of [x_(lower), x_(upper)]: P(lower ≤ B < upper) for B ~ Binomial(n, ½). */
  coverage: number;
}

/** log(e^a + e^b) without overflow or underflow. */
function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b);
  return m === -Infinity ? m : m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/**
 * The sample median and the order-statistic (binomial) confidence interval of the population
 * median: [x_(l), x_(n−l+1)] with l the largest rank such that P(B ≤ l − 1) ≤ (1 − confidence)/2
 * for B ~ Binomial(n, ½), whose coverage 1 − 2·P(B ≤ l − 1) is at least `confidence` (exact, not
 * asymptotic, and valid for any continuous distribution). When n is too small for that
 * coverage (n < 6 at 95 %) the interval is the range [min, max] and `coverage` says how much
 * it reaches. Throws for an empty sample or a value that is not finite.
 *
 * @param values the sample (not changed)
 * @param confidence two-sided level in (0, 1), default 0.95
 * @example
 * import { medianInterval } from "leadlab";
 * const m = medianInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
 * [m.median, m.lo, m.hi, m.coverage.toFixed(4)]; // => [5.5, 2, 9, "0.9785"]
 */
export function medianInterval(values: ArrayLike<number>, confidence = 0.95): MedianInterval {
  const n = values.length;
  if (n === 0) throw new Error("medianInterval: the sample is empty");
  if (!(confidence > 0 && confidence < 1)) throw new Error(`medianInterval: confidence must be in (0, 1); got ${confidence}`);
  const x = Float64Array.from(values);
  for (const v of x) if (!Number.isFinite(v)) throw new Error(`medianInterval: values must be finite numbers; got ${v}`);
  // The three order statistics read, selected (not sorted): the median's, then on either side of it the interval's.
  const half = n >> 1;
  const above = selectKth(x, half);
  let below = -Infinity;
  if (n % 2 === 0) for (let i = 0; i < half; i++) below = Math.max(below, x[i]);
  const median = n % 2 ? above : (below + above) / 2;
  // The Binomial(n, ½) tail in logs, one term at a time: 2^−n underflows a double from n = 1075 on
  // (which would collapse the interval onto the median), and one pass keeps it O(n).
  const logAlpha = Math.log((1 - confidence) / 2);
  let l = 1;
  let logTerm = -n * Math.LN2; // log P(B = l − 1)
  let logTail = logTerm; // log P(B ≤ l − 1)
  while (l + 1 <= n / 2) {
    const nextTerm = logTerm + Math.log((n - l + 1) / l);
    const nextTail = logAddExp(logTail, nextTerm);
    if (!(nextTail <= logAlpha)) break;
    [l, logTerm, logTail] = [l + 1, nextTerm, nextTail];
  }
  const coverage = 1 - 2 * Math.exp(logTail);
  const lo = l - 1 === half ? above : selectKth(x, l - 1, 0, half);
  const hi = n - l === half ? above : selectKth(x, n - l, half + 1, n);
  return { median, lo, hi, lowerRank: l, upperRank: n - l + 1, coverage };
}
