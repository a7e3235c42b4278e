import { normalQuantile } from "./normal-distribution";

/** A proportion with its Wilson score interval. */
export interface WilsonInterval {
  /** successes / n (NaN when n = 0). */
  rate: number;
  /** Lower limit, in [0, 1]. */
  lo: number;
  /** Upper limit, in [0, 1]. */
  hi: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927), without continuity correction:
 * center (p + z²/2n) / (1 + z²/n), half-width z/(1 + z²/n) · √(p(1−p)/n + z²/4n²), z the
 * two-sided normal quantile. It behaves well near 0 and 1 and for small n, unlike the Wald
 * interval. With n = 0 there is no information: rate NaN and the interval [0, 1].
 *
 * @param successes number of successes, 0 ≤ successes ≤ n
 * @param n number of trials, ≥ 0
 * @param confidence two-sided confidence level in (0, 1), default 0.95
 * @example
 * wilsonInterval(8, 10); // => { rate: 0.8, lo: 0.4901624…, hi: 0.9433178… }
 * wilsonInterval(0, 0); // => { rate: NaN, lo: 0, hi: 1 }
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): WilsonInterval {
  if (!(confidence > 0 && confidence < 1)) throw new Error(`wilsonInterval: confidence must be in (0, 1); got ${confidence}`);
  if (!(n >= 0) || !Number.isFinite(n)) throw new Error(`wilsonInterval: n must be a finite number ≥ 0; got ${n}`);
  if (!(successes >= 0 && successes <= n)) throw new Error(`wilsonInterval: successes must be in [0, n] = [0, ${n}]; got ${successes}`);
  if (n === 0) return { rate: NaN, lo: 0, hi: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    rate: p,
    lo: successes === 0 ? 0 : Math.max(0, center - half),
    hi: successes === n ? 1 : Math.min(1, center + half),
  };
}
