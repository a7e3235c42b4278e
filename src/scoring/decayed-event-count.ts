import { DECAY_WEIGHT_UNITS, decayWeightUnits } from "../formats/decay-weight";

/** Milliseconds in a day: ages are (scoring point − event time) / DAY_MS, fractional. */
const DAY_MS = 86_400_000;

/**
 * A decayed count of one event type for one lead, as training, the scoring view and the loader
 * compute it (the rules' `source.event.decay`): the sum over the lead's events **strictly before**
 * the scoring point and at or after `scoring point − windowDays days` of `2^(−age / halfLifeDays)`,
 * where `age = (scoringMs − eventMs) / 86,400,000` days (milliseconds included, so an event
 * 12 hours old weighs 2^(−0.5 / h)). An event one half-life old counts ½, two half-lives ¼. Each
 * weight is rounded to a billionth first ({@link decayWeightUnits}), so that the sum is the same in
 * any order and equals the loader's and the SQL's.
 * A missing scoring point (NaN) gives NaN (missing), as the loader does; event times that are NaN
 * are skipped.
 *
 * @param eventMs the lead's event times of the type, epoch milliseconds (any order)
 * @param scoringMs the lead's scoring point, epoch milliseconds
 * @example
 * import { decayedEventCount } from "leadlab/scorer";
 * const day = 86_400_000, at = Date.UTC(2026, 5, 30);
 * decayedEventCount([at - 7 * day, at - 14 * day, at - 100 * day, at], at, 90, 7); // => 0.75
 */
export function decayedEventCount(eventMs: ArrayLike<number>, scoringMs: number, windowDays: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0)) throw new Error(`decayedEventCount: halfLifeDays must be a positive number of days; got ${halfLifeDays}`);
  if (!(windowDays > 0)) throw new Error(`decayedEventCount: windowDays must be a positive number of days; got ${windowDays}`);
  if (Number.isNaN(scoringMs)) return NaN;
  const from = scoringMs - windowDays * DAY_MS;
  let units = 0;
  for (let i = 0; i < eventMs.length; i++) {
    const t = eventMs[i];
    if (t < scoringMs && t >= from) units += decayWeightUnits((scoringMs - t) / DAY_MS, halfLifeDays);
  }
  return units / DECAY_WEIGHT_UNITS;
}
