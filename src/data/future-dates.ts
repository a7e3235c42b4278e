import type { Holdout } from "./deal-table";
import { dateInZone } from "./time-zone";

const DAY = 86_400_000;

/** Dates of one column after the load's as-of instant. */
export interface FutureDates {
  column: string;
  /** Closed deals dated after the as-of. */
  rows: number;
  /** A few of them: the data row (1-based) and the date. */
  examples: { row: number; date: string }[];
}

/**
 * Finds the closed deals whose date is after `asOf` (a closed deal cannot close, or be
 * created, in the future: a typo like 2098, or a planned date left in the export). `rowOf`
 * maps a closed deal to its 1-based row in the file, for the examples.
 *
 * @example
 * import { futureDates } from "./future-dates";
 * futureDates("close_date", Float64Array.from([0, 4e12]), Date.UTC(2026, 0, 1), (i) => i + 1).rows; // => 1
 */
export function futureDates(column: string, dates: Float64Array, asOf: number, rowOf: (i: number) => number, timeZone = "UTC"): FutureDates {
  const examples: FutureDates["examples"] = [];
  let rows = 0;
  dates.forEach((d, i) => {
    if (!(d > asOf)) return;
    rows++;
    if (examples.length < 3) examples.push({ row: rowOf(i), date: dateInZone(d, timeZone) });
  });
  return { column, rows, examples };
}

/**
 * The warning for a time holdout that dates in the future shrink: the holdout is the last
 * `lastDays` days up to the newest date, so one date in 2098 leaves it a handful of deals.
 * Counts the holdout with and without the future dates (the same cut as `splitHoldout`:
 * dated after the newest date minus `lastDays` days), and warns when they shrink it below 30
 * deals or below half.
 *
 * @example
 * import { holdoutShrinkWarning } from "./future-dates";
 * const day = 86_400_000;
 * const dates = Float64Array.from([1, 2, 3, 40000], (d) => d * day);
 * holdoutShrinkWarning(dates, { by: "time", lastDays: 10 }, 100 * day)?.startsWith("holdout: the time holdout"); // => true
 */
export function holdoutShrinkWarning(dates: Float64Array, holdout: Holdout, asOf: number, timeZone = "UTC"): string | undefined {
  const iso = (ms: number) => dateInZone(ms, timeZone);
  if (holdout.by !== "time") return undefined;
  const count = (keep: (d: number) => boolean) => {
    let max = -Infinity;
    for (const d of dates) if (keep(d) && d > max) max = d;
    let k = 0;
    for (const d of dates) if (keep(d) && d > max - holdout.lastDays * DAY) k++;
    return { k, max };
  };
  const all = count((d) => Number.isFinite(d));
  const past = count((d) => Number.isFinite(d) && d <= asOf);
  if (all.max <= asOf || past.max === -Infinity || (all.k >= 30 && all.k >= past.k / 2)) return undefined;
  return `holdout: the time holdout (the last ${holdout.lastDays} days up to ${iso(all.max)}) holds only ${all.k} deal${all.k === 1 ? "" : "s"} because of dates after the as-of ${iso(asOf)}; without them it would hold ${past.k}. Fix: correct those dates in the export, or set \`holdout: { by: random, fraction: 0.25 }\` in dataset.yaml`;
}

/**
 * The future dates of the deals' date columns and their warnings: one per column with closed
 * deals dated after `asOf`, and one when they shrink the time holdout.
 *
 * @example
 * import { checkFutureDates } from "./future-dates";
 * const dates = Float64Array.from([Date.UTC(2026, 0, 1), Date.UTC(2098, 0, 1)]);
 * const c = checkFutureDates([["close_date", dates]], { asOf: Date.UTC(2026, 5, 1), rowOf: (i) => i + 1, label: "deals.csv", holdout: { by: "random", fraction: 0.25, seed: 7 } });
 * c.warnings[0]; // => "dates in the future: 1 closed deal has close_date after the as-of 2026-06-01 (2098-01-01 on row 2 of deals.csv); they are kept as they are. Fix: correct them in the export"
 */
export function checkFutureDates(
  columns: readonly (readonly [string | undefined, Float64Array | undefined])[],
  o: { asOf: number; rowOf: (i: number) => number; label: string; holdout: Holdout; holdoutDates?: Float64Array; timeZone?: string },
): { dates: FutureDates[]; warnings: string[] } {
  const zone = o.timeZone ?? "UTC";
  const dates: FutureDates[] = [];
  const warnings: string[] = [];
  for (const [name, values] of columns) {
    if (!name || !values) continue;
    const f = futureDates(name, values, o.asOf, o.rowOf, zone);
    if (!f.rows) continue;
    dates.push(f);
    const examples = f.examples.map((e) => `${e.date} on row ${e.row}`).join(", ") + (f.rows > f.examples.length ? ", …" : "");
    warnings.push(`dates in the future: ${f.rows} closed deal${f.rows === 1 ? " has" : "s have"} ${name} after the as-of ${dateInZone(o.asOf, zone)} (${examples} of ${o.label}); they are kept as they are. Fix: correct them in the export`);
  }
  const shrink = o.holdoutDates ? holdoutShrinkWarning(o.holdoutDates, o.holdout, o.asOf, zone) : undefined;
  if (shrink) warnings.push(shrink);
  return { dates, warnings };
}
