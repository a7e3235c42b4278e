import { gatherNumbers } from "../data/typed-column";
import { timeOrderedFolds } from "../model/time-ordered-folds";
import { dateInZone } from "../data/time-zone";

/** The training part cut into consecutive periods by time, with the holdout as a last period. */
export interface TrainingPeriods {
  /** Table rows of each training period, oldest first, then the holdout's rows. */
  rows: Int32Array[];
  /** Each period's dates, e.g. `2025-01-01 – 2025-03-31`; the last is `holdout (…)`. */
  labels: string[];
}

/** Training periods, and so time-ordered folds, need at least this many wins and losses each. */
export const MIN_PERIOD_OUTCOMES = 10;

/**
 * Cuts the training rows into `periods` consecutive blocks of equal size by time (see
 * {@link timeOrderedFolds}) and appends the holdout rows as a last period; null, with the reason,
 * when there are no dates or a period would hold fewer than {@link MIN_PERIOD_OUTCOMES} wins or losses.
 *
 * @param time one time per table row (epoch milliseconds; NaN = unknown)
 * @param timeZone the zone the periods' labels give calendar dates in (the dataset's)
 * @example
 * import { trainingPeriods } from "./training-periods";
 * const time = Float64Array.from({ length: 100 }, (_, i) => Date.UTC(2025, 0, 1 + i));
 * const won = Uint8Array.from({ length: 100 }, (_, i) => i % 2);
 * const p = trainingPeriods(time, won, Int32Array.from({ length: 80 }, (_, i) => i), Int32Array.from({ length: 20 }, (_, i) => 80 + i), 2);
 * "periods" in p && p.periods.labels; // => ["2025-01-01 – 2025-02-09", "2025-02-10 – 2025-03-21", "holdout (2025-03-22 – 2025-04-10)"]
 */
export function trainingPeriods(
  time: Float64Array | undefined,
  won: Uint8Array,
  train: Int32Array,
  test: Int32Array,
  periods: number,
  timeZone = "UTC",
): { periods: TrainingPeriods } | { reason: string } {
  if (!time) return { reason: "the deals have no dates" };
  const dated = train.filter((r) => !Number.isNaN(time[r])).length;
  if (dated < 2 * MIN_PERIOD_OUTCOMES * periods) return { reason: `only ${dated} training deals have a date` };
  const { period } = timeOrderedFolds(gatherNumbers(time, train), periods);
  const rows = Array.from({ length: periods }, (_, p) => Int32Array.from(train.filter((_, i) => period[i] === p)));
  for (const [p, r] of rows.entries()) {
    const wins = r.reduce((s, row) => s + won[row], 0);
    if (wins < MIN_PERIOD_OUTCOMES || r.length - wins < MIN_PERIOD_OUTCOMES)
      return { reason: `training period ${p + 1} of ${periods} has ${wins} wins and ${r.length - wins} losses (at least ${MIN_PERIOD_OUTCOMES} of each are needed)` };
  }
  const span = (r: Int32Array) => {
    let lo = Infinity, hi = -Infinity;
    for (const row of r) if (!Number.isNaN(time[row])) [lo, hi] = [Math.min(lo, time[row]), Math.max(hi, time[row])];
    const iso = (ms: number) => dateInZone(ms, timeZone);
    return hi >= lo ? `${iso(lo)} – ${iso(hi)}` : "no dates";
  };
  return { periods: { rows: [...rows, test], labels: [...rows.map(span), `holdout (${span(test)})`] } };
}
