import { parseDate } from "./parse-date";
import { typedColumn, type ColumnOrigin, type TypedColumnOptions } from "./typed-column";

/**
 * A column of dates and times as epoch milliseconds, read in the dataset's time zone: every value
 * is first checked as {@link typedColumn} checks a date (an error names the row, the value and the
 * fix), then each wall-clock time (a date, or a time written without an offset) is placed in
 * `timeZone`; a time written with an offset keeps it. The deals' dates and the retention table's
 * are read alike, so a customer's lifetime and the deals' holdout cut are measured on one clock.
 *
 * @example
 * import { dateColumn } from "./date-column";
 * const iso = (t: number) => (Number.isNaN(t) ? null : new Date(t).toISOString());
 * Array.from(dateColumn(["2026-01-10", null], { file: "deals.csv", column: "closed" }, { timeZone: "Asia/Tokyo" }), iso); // => ["2026-01-09T15:00:00.000Z", null]
 * Array.from(dateColumn(["2026-01-10T00:00+01:00"], { file: "deals.csv", column: "closed" }, { timeZone: "Asia/Tokyo" }), iso); // => ["2026-01-09T23:00:00.000Z"]
 */
export function dateColumn(values: readonly (string | null)[], origin: ColumnOrigin, options: TypedColumnOptions & { timeZone: string }): Float64Array {
  const checked = typedColumn(values, "date", origin, options) as Float64Array;
  if (options.timeZone === "UTC") return checked;
  return Float64Array.from(values, (v, i) => (Number.isNaN(checked[i]) ? NaN : parseDate(v!, options.dateFormat, options.timeZone)));
}
