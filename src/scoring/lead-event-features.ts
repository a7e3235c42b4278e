import { resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { scoredInputs } from "./lead-value";
import { DatasetError } from "../formats/dataset-error";

import { eventFeatures } from "../data/event-features";
import type { EventsReport } from "../data/load-report";
import { parseDate } from "../data/parse-date";
import { canonicalTimeZone } from "../data/time-zone";
import type { ScoringRules } from "../formats/scoring-rules-schema";
import { quoteIdentifier } from "../sql/quoting";

/** When each lead is scored: a column of the leads file holding its scoring point, or one instant for every lead. */
export type AsOf = { column: string } | { at: number };

/** The behavioural features of a file of leads, computed from raw events. */
export interface LeadEventFeatures {
  /** Per event attribute of the rules (by name): its value for each lead, in the file's row order; NaN = missing. */
  columns: Map<string, Float64Array>;
  /** What happened to the events (as in the load report). */
  report: EventsReport;
}

/**
 * Computes the rules' behavioural features for every lead of a file from a raw events file,
 * with the training definition itself: the loader's {@link eventFeatures} (events strictly
 * before the scoring point and within each window; count, sum, active days, days since the
 * last event, decayed counts; no key or no scoring point = missing), run for exactly the event
 * types, windows, aggregates and half-lives the rules use. The events file has the columns named in `inputs.events`; the
 * leads file has `inputs.events.leadKey` and, with `asOf.column`, the scoring point as ISO
 * dates or timestamps (in the rules' `inputs.timeZone`, as training read them, unless an offset
 * is given). `leadsExpr` is the DuckDB expression
 * that reads the leads file (rows in file order); `db` is a session opened in the rules' zone
 * (`openDuckDB(dir, { timeZone })`), as the loader's was, and anything else is refused.
 *
 * @example
 * // see scoreFile, which calls it for `leadlab score --events`
 */
export async function leadEventFeatures(
  db: DuckDBConnection,
  leadsExpr: string,
  leadsFile: string,
  rules: ScoringRules,
  eventsFile: string,
  asOf: AsOf,
  missing: readonly string[],
): Promise<LeadEventFeatures> {
  const zone = rules.inputs.timeZone ?? "UTC";
  const session = String((await db.runAndReadAll("SELECT current_setting('TimeZone')")).getRowsJS()[0][0]);
  if (canonicalTimeZone(session) !== canonicalTimeZone(zone))
    throw new Error(`leadEventFeatures: the DuckDB session reads times in ${session} but the rules in ${zone}; open it with openDuckDB(dir, { timeZone: "${zone}" })`);
  const events = rules.inputs.events;
  // Each event feature once, though the scorecard and a value card may both read it.
  const wanted = [...new Map(scoredInputs(rules).flatMap((a) => ("event" in a.source ? [[a.name, { name: a.name, ...a.source.event }] as const] : []))).values()];
  if (!events)
    throw new DatasetError("the rules have no inputs.events, so raw events cannot be read", { file: eventsFile }, "score without --events (with the features as columns of the leads file), or use rules tuned on a dataset with events");
  const tokens = new Set(missing);
  const read = (column: string) => `CAST(${quoteIdentifier(column, "duckdb")} AS VARCHAR)`;
  const select = [read(events.leadKey), ..."column" in asOf ? [read(asOf.column)] : []].join(", ");
  const rows = (await db.runAndReadAll(`SELECT ${select} FROM ${leadsExpr}`)).getRowsJS() as (string | null)[][];
  const text = (v: string | null) => (v === null || tokens.has(v.trim()) ? null : v.trim());
  const keys = rows.map((r) => text(r[0]));
  const at = Float64Array.from(rows, (r, i) => {
    if (!("column" in asOf)) return asOf.at;
    const t = text(r[1]);
    if (t === null) return NaN;
    const ms = parseDate(t, rules.inputs.dateFormat, zone);
    if (Number.isNaN(ms))
      throw new DatasetError(
        rules.inputs.dateFormat
          ? `not a date in the rules' format ${rules.inputs.dateFormat} (inputs.dateFormat, as training read dates)`
          : "not a date (ISO 8601: YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, with an optional offset)",
        { file: leadsFile, field: asOf.column, row: i + 1, value: r[1] },
        "write the scoring point as an ISO date, leave it blank (its behavioural features are then missing), or score --as-of now",
      );
    return ms;
  });
  const description = "column" in asOf ? `the leads' ${asOf.column}` : `now (${new Date(asOf.at).toISOString()})`;
  const spec = { file: resolve(eventsFile), key: events.key, time: events.time, type: events.type, ...(events.value ? { value: events.value } : {}), windows: [...new Set(wanted.map((w) => w.windowDays))].sort((a, b) => a - b) };
  const types = [...new Set(wanted.map((w) => w.type.trim()))];
  const decays = wanted.flatMap((w) => (w.decay ? [{ windowDays: w.windowDays, halfLifeDays: w.decay.halfLifeDays }] : []));
  const f = await eventFeatures(db, spec, { specFile: eventsFile, field: "events", baseDir: process.cwd() }, { keys, at, description }, { missing, timeZone: zone, ...(rules.inputs.dateFormat ? { dateFormat: rules.inputs.dateFormat } : {}), taken: new Set(), types, decays });
  const columns = new Map<string, Float64Array>();
  const built = [...f.attributes.map((m) => ({ m, c: f.columns[m.name] as Float64Array })), ...f.decayed.attributes.map((m) => ({ m, c: f.decayed.columns[m.name] }))];
  for (const w of wanted) {
    const found = built.find(({ m }) => m.feature?.eventType === w.type.trim() && m.feature.windowDays === w.windowDays && m.feature.aggregate === w.aggregate && m.feature.halfLifeDays === w.decay?.halfLifeDays);
    if (!found) throw new DatasetError(`the events give no ${w.aggregate} of "${w.type}" (the rules' ${w.name})`, { file: eventsFile }, "name the value column in inputs.events.value to sum it");
    columns.set(w.name, found.c);
  }
  return { columns, report: f.report };
}
