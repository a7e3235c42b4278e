import type { DateRange, Provenance } from "../formats/provenance";
import { toolVersion } from "../tool-version";
import { dataFingerprint } from "./data-fingerprint";
import type { DealTable } from "./deal-table";
import { dateInZone } from "./time-zone";

/**
 * The provenance of a table, by one rule for every file that records it: the dataset's name, the
 * fingerprint of its closed deals, and the date range of `closed_at` (or of `created_at` when the
 * spec has no close date), the same dates the time holdout splits on, as calendar dates in the
 * dataset's time zone ({@link calendarRange}, which the load report uses too).
 *
 * @example
 * import { DealTable, tableProvenance } from "leadlab";
 * const t = new DealTable({ name: "d", ids: ["a", "b"], won: Uint8Array.from([1, 0]), closedAt: Float64Array.from([Date.UTC(2026, 0, 5), Date.UTC(2026, 2, 1)]), attributes: [], columns: {}, holdout: { by: "time", lastDays: 30 } });
 * tableProvenance(t).dateRange; // => { from: "2026-01-05", to: "2026-03-01", column: "closed_at" }
 */
export function tableProvenance(table: DealTable): Provenance {
  const range = dateRangeOf(table);
  return { dataset: table.name, toolVersion: toolVersion(), dataFingerprint: dataFingerprint(table), ...(range ? { dateRange: range } : {}) };
}

/** The dates the holdout splits on and the provenance reports: `closed_at`, else `created_at`. */
export function splitDates(table: Pick<DealTable, "closedAt" | "createdAt">): { dates: Float64Array; column: "closed_at" | "created_at" } | undefined {
  if (table.closedAt) return { dates: table.closedAt, column: "closed_at" };
  if (table.createdAt) return { dates: table.createdAt, column: "created_at" };
  return undefined;
}

function dateRangeOf(table: DealTable): DateRange | undefined {
  const split = splitDates(table);
  const range = split && calendarRange(split.dates, table.sources?.timeZone ?? "UTC");
  return range && { ...range, column: split.column };
}

/**
 * The first and last calendar dates (`YYYY-MM-DD`, in `timeZone`) of epoch-millisecond times;
 * missing times (NaN) are skipped; undefined when there is none.
 *
 * @example
 * import { calendarRange } from "./table-provenance";
 * calendarRange(Float64Array.from([Date.UTC(2026, 0, 5, 3), NaN]), "America/New_York"); // => { from: "2026-01-04", to: "2026-01-04" }
 */
export function calendarRange(times: Float64Array, timeZone: string): { from: string; to: string } | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of times) if (!Number.isNaN(x)) [lo, hi] = [Math.min(lo, x), Math.max(hi, x)];
  return hi >= lo ? { from: dateInZone(lo, timeZone), to: dateInZone(hi, timeZone) } : undefined;
}
