/** How many days before a deal's creation its planted behaviour can happen. */
const EVENT_WINDOW_DAYS = 90;

/**
 * The age of one planted event from a uniform draw `u` in [0, 1): how many days before the deal's
 * creation it happens, from 1 to {@link EVENT_WINDOW_DAYS}, recent days more often
 * (`1 + floor(90 · u^1.5)`; 48 % of events fall in the last 30 days).
 *
 * @example
 * import { eventAge } from "./event-age";
 * [eventAge(0), eventAge(0.5), eventAge(0.999)]; // => [1, 32, 90]
 */
export function eventAge(u: number): number {
  return 1 + Math.floor(EVENT_WINDOW_DAYS * u ** 1.5);
}

/**
 * The demo requests of won deals happen nearer the deal's creation: a request `age` days old is
 * `floor + 2^(−(age − 1) / halfLifeDays)` times as likely (up to a constant) for a won deal as
 * for any other, so how recent a request is tells about the outcome beyond how many there are,
 * and that information halves every `halfLifeDays` days down to `floor`.
 */
export const DEMO_RECENCY = { halfLifeDays: 7, floor: 0.25 } as const;

/** P(age = a) of {@link eventAge}, and of the won deals' demo requests, as cumulative tables over a = 1 … 90. */
const BASE = Array.from({ length: EVENT_WINDOW_DAYS }, (_, k) => ((k + 1) / EVENT_WINDOW_DAYS) ** (2 / 3) - (k / EVENT_WINDOW_DAYS) ** (2 / 3));
const WON_CUMULATIVE = (() => {
  const w = BASE.map((p, k) => p * (DEMO_RECENCY.floor + 2 ** (-k / DEMO_RECENCY.halfLifeDays)));
  const total = w.reduce((s, x) => s + x, 0);
  let sum = 0;
  return w.map((x) => (sum += x / total));
})();

/**
 * The age of one demo request from a uniform draw `u` in [0, 1): as {@link eventAge} for a lost
 * or open deal, tilted toward recent days for a won one ({@link DEMO_RECENCY}), by inverting the
 * cumulative distribution, so each request takes one draw either way.
 *
 * @example
 * import { demoRequestAge } from "./event-age";
 * [demoRequestAge(0.5, false), demoRequestAge(0.5, true)]; // => [32, 11]
 */
export function demoRequestAge(u: number, won: boolean | null): number {
  if (won !== true) return eventAge(u);
  const a = WON_CUMULATIVE.findIndex((c) => u < c);
  return a < 0 ? EVENT_WINDOW_DAYS : a + 1;
}
