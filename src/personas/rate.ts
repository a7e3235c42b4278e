import { wilsonInterval } from "../stats/wilson";
import type { Rate } from "./personas-result";

/**
 * `events` of `n` as a {@link Rate} with its Wilson 95 % interval (value NaN and [0, 1] when
 * n = 0).
 *
 * @example
 * import { rateOf } from "./rate";
 * rateOf(8, 10); // => { value: 0.8, lo: 0.4901624…, hi: 0.9433178…, n: 10, events: 8 }
 */
export function rateOf(events: number, n: number): Rate {
  const w = wilsonInterval(events, n);
  return { value: w.rate, lo: w.lo, hi: w.hi, n, events };
}
