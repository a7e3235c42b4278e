import type { DealTable } from "../../data/deal-table";

const DAY = 86_400_000;

/** Per holdout deal: whether its customer was retained, as far as the data tell, and for how long it was observed after the deal. */
export interface HoldoutRetention {
  /** true / false for won deals with retention data; null for lost deals and won deals without it. */
  retained: (boolean | null)[];
  /** Survival form: days the customer was observed after the deal closed, up to the horizon (NaN when not a won deal with retention data); flag form: empty. */
  observedDays: number[];
  /** In words, for the summary and the report. */
  definition: string;
}

/**
 * Whether the customer of each won deal of `rows` was retained, as the holdout can tell it.
 * Flag form: the customer's flag. Survival form: not retained when the customer churned before
 * `horizonDays` after the deal closed (or before it closed); retained otherwise: a deal observed
 * for less than the horizon counts as retained unless it churned within what was observed, so
 * on a recent holdout this counts early churn only, and `observedDays` says how long was seen.
 * Undefined when the table has no retention data.
 *
 * @example
 * import { DealTable } from "leadlab";
 * import { holdoutRetention } from "./holdout-retention";
 * const day = 86_400_000;
 * const t = new DealTable({ name: "d", ids: ["a", "b", "c"], won: Uint8Array.from([1, 1, 0]), attributes: [], columns: {},
 *   closedAt: Float64Array.from([0, 0, 0]), holdout: { by: "random", fraction: 0.25, seed: 1 },
 *   retention: { form: "survival", key: ["A", "B", null], start: Float64Array.from([0, 0, NaN]), days: Float64Array.from([100, 30, NaN]), churned: Uint8Array.from([0, 1, 0]), observedUntil: 100 * day } });
 * const h = holdoutRetention(t, [0, 1, 2], 365)!;
 * [h.retained, h.observedDays]; // => [[true, false, null], [100, 30, NaN]]
 */
export function holdoutRetention(table: DealTable, rows: ArrayLike<number>, horizonDays: number): HoldoutRetention | undefined {
  const ret = table.retention;
  if (!ret) return undefined;
  const list = Array.from(rows);
  if (ret.form === "flag")
    return { retained: list.map((r) => (table.won[r] ? ret.retained[r] : null)), observedDays: [], definition: "the customer's retention flag (deals whose flag is unknown are left out)" };
  const closed = table.closedAt ?? table.createdAt;
  const retained: (boolean | null)[] = [];
  const observedDays: number[] = [];
  for (const r of list) {
    if (!table.won[r] || Number.isNaN(ret.days[r])) {
      retained.push(null);
      observedDays.push(NaN);
      continue;
    }
    const close = closed ? closed[r] : ret.start[r];
    const end = ret.start[r] + ret.days[r] * DAY;
    const daysAfter = (end - close) / DAY;
    retained.push(!(ret.churned[r] === 1 && daysAfter < horizonDays));
    observedDays.push(Math.max(0, Math.min(horizonDays, daysAfter)));
  }
  return {
    retained,
    observedDays,
    definition: `won deals whose customer had not churned ${horizonDays} days after the deal closed, as far as observed (a deal observed for less counts as retained unless it churned; deals without retention data are left out)`,
  };
}
