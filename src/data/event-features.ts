import type { DuckDBConnection } from "@duckdb/node-api";
import type { AttributeMeta, Column } from "./deal-table";
import { DatasetError } from "./dataset-error";
import type { DatasetSpec } from "./dataset-spec";
import { sqlIdentifier, sqlString } from "./duckdb-session";
import type { EventsReport } from "./load-report";
import { requireColumn, runUserQuery, tableExpression, tableLabel, type TableContext } from "./read-table";
import type { EventAggregate } from "./vocabulary";

const DAY = 86_400_000;
/** At most this many event types become features (the most frequent); the rest are reported. */
export const MAX_EVENT_TYPES = 40;

/** Behavioural features of the closed deals, and what happened to the events. */
export interface EventFeatures {
  attributes: AttributeMeta[];
  columns: Record<string, Column>;
  report: EventsReport;
  warnings: string[];
}

/** The deals the features are computed for: a key and a scoring point (epoch ms, NaN = none). */
export interface ScoringPoints {
  keys: (string | null)[];
  at: Float64Array;
  /** What the scoring point is, for the report. */
  description: string;
}

/**
 * The name of a behavioural feature: `<event type>_<aggregate>_<window>d`, lower case.
 *
 * @example
 * import { eventFeatureName } from "leadlab";
 * eventFeatureName("Demo Request", "count", 90); // => "demo_request_count_90d"
 */
export function eventFeatureName(eventType: string, aggregate: EventAggregate, windowDays: number): string {
  const slug = eventType.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "event";
  return `${slug}_${aggregate}_${windowDays}d`;
}

/**
 * Builds behavioural features per event type and window with DuckDB — count, sum of `value`,
 * distinct active days and days since the last event — from events **strictly before** each
 * deal's scoring point and within the window. Events at or after the scoring point never
 * count. A deal with no key or no scoring point gets missing features (not zeros).
 *
 * @example
 * // see loadDataset, which calls it with the deals' keys and scoring points
 */
export async function eventFeatures(
  db: DuckDBConnection,
  spec: NonNullable<DatasetSpec["events"]>,
  ctx: TableContext,
  points: ScoringPoints,
  options: { missing: readonly string[]; dateFormat?: string; taken: ReadonlySet<string> },
): Promise<EventFeatures> {
  const label = tableLabel(spec, ctx);
  const windows = [...new Set(spec.windows ?? [90])].sort((a, b) => a - b);
  const maxW = windows[windows.length - 1];
  const isCsv = !!spec.file && /\.(csv|tsv|txt)$/i.test(spec.file);
  const csvOptions = isCsv ? { nullTokens: [...options.missing] } : {};
  let expr = tableExpression(spec, ctx, csvOptions);
  if (isCsv && options.dateFormat) expr = expr.replace(/\)$/, `, types = {${sqlString(spec.time)}: 'VARCHAR'})`);
  const described = (await runUserQuery(db, `DESCRIBE SELECT * FROM ${expr}`, ctx, label)).getRowObjectsJS();
  const names = described.map((r) => String(r.column_name));
  const table = { label, names };
  const field = (f: string) => `events.${f}`;
  for (const [f, col] of [["key", spec.key], ["time", spec.time], ["type", spec.type], ...(spec.value ? [["value", spec.value]] : [])] as [string, string][])
    requireColumn(table, col, field(f), ctx.specFile);
  const timeType = String(described[names.indexOf(spec.time)].column_type);
  const q = sqlIdentifier;
  const miss = `(${[...options.missing].map(sqlString).join(", ") || "NULL"})`;
  const text = (c: string) => `CASE WHEN trim(CAST(${q(c)} AS VARCHAR)) IN ${miss} THEN NULL ELSE trim(CAST(${q(c)} AS VARCHAR)) END`;
  let ms: string;
  if (/^(TIMESTAMP|DATE)/.test(timeType)) ms = `epoch_ms(CAST(${q(spec.time)} AS TIMESTAMP))`;
  else if (timeType === "VARCHAR")
    ms = options.dateFormat
      ? `epoch_ms(try_strptime(${text(spec.time)}, ${sqlString(options.dateFormat)}))`
      : `epoch_ms(TRY_CAST(${text(spec.time)} AS TIMESTAMP))`;
  else
    throw new DatasetError(
      `the time column is ${timeType}, not a date or timestamp`,
      { file: label, field: spec.time },
      "convert it to ISO dates, or use a `sql:` events table that converts it (e.g. to_timestamp(seconds))",
    );
  const value = spec.value ? `TRY_CAST(${text(spec.value)} AS DOUBLE)` : "CAST(NULL AS DOUBLE)";
  const valueText = spec.value ? text(spec.value) : "NULL";
  await runUserQuery(
    db,
    `CREATE OR REPLACE TEMP TABLE ev_raw AS SELECT row_number() OVER () AS r, ${text(spec.key)} AS k, ${ms} AS ms, ${text(spec.time)} AS traw, ${text(spec.type)} AS t, ${value} AS v, ${valueText} AS vraw FROM ${expr}`,
    ctx,
    label,
  );
  const [counts] = (
    await db.runAndReadAll(
      `SELECT count(*) AS n, count(*) FILTER (WHERE k IS NULL) AS no_key, count(*) FILTER (WHERE traw IS NULL) AS no_time,
              count(*) FILTER (WHERE t IS NULL) AS no_type,
              min(r) FILTER (WHERE traw IS NOT NULL AND ms IS NULL) AS bad_time_row,
              min(r) FILTER (WHERE vraw IS NOT NULL AND v IS NULL) AS bad_value_row FROM ev_raw`,
    )
  ).getRowObjectsJS();
  const num = (x: unknown) => Number(x ?? 0);
  if (counts.bad_time_row !== null) {
    const row = num(counts.bad_time_row);
    const [bad] = (await db.runAndReadAll(`SELECT traw FROM ev_raw WHERE r = ${row}`)).getRowObjectsJS();
    throw new DatasetError(
      `not a date in the expected format ${options.dateFormat ?? "ISO 8601 (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)"}`,
      { file: label, field: spec.time, row, value: bad.traw },
      "set `date_format:` in dataset.yaml to the format the file uses, or add the value to `missing:`",
    );
  }
  if (counts.bad_value_row !== null) {
    const row = num(counts.bad_value_row);
    const [bad] = (await db.runAndReadAll(`SELECT vraw FROM ev_raw WHERE r = ${row}`)).getRowObjectsJS();
    throw new DatasetError("not a number", { file: label, field: spec.value, row, value: bad.vraw }, "clean the value column, or add the value to `missing:`");
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE ev AS SELECT k, ms, t, v FROM ev_raw WHERE k IS NOT NULL AND ms IS NOT NULL AND t IS NOT NULL`);
  await db.run(`DROP TABLE ev_raw`);

  const n = points.keys.length;
  await db.run(`CREATE OR REPLACE TEMP TABLE dp (i INTEGER, k VARCHAR, sp BIGINT)`);
  const appender = await db.createAppender("dp");
  let withoutPoint = 0;
  for (let i = 0; i < n; i++) {
    const k = points.keys[i];
    if (k === null) continue;
    if (!Number.isFinite(points.at[i])) {
      withoutPoint++;
      continue;
    }
    appender.appendInteger(i);
    appender.appendVarchar(k);
    appender.appendBigInt(BigInt(Math.round(points.at[i])));
    appender.endRow();
  }
  appender.closeSync();

  const typeRows = (await db.runAndReadAll(`SELECT t, count(*) AS n, count(v) AS nv FROM ev GROUP BY t ORDER BY n DESC, t`)).getRowObjectsJS();
  const warnings: string[] = [];
  const kept = typeRows.slice(0, MAX_EVENT_TYPES);
  if (typeRows.length > MAX_EVENT_TYPES)
    warnings.push(`events: ${typeRows.length} event types; features are built for the ${MAX_EVENT_TYPES} most frequent, the rest are ignored`);
  const [usage] = (
    await db.runAndReadAll(
      `WITH kk AS (SELECT k, max(sp) AS mx, min(sp) AS mn FROM dp GROUP BY k)
       SELECT count(*) FILTER (WHERE kk.k IS NULL) AS unmatched,
              count(*) FILTER (WHERE ev.ms >= kk.mx) AS after_all,
              count(*) FILTER (WHERE ev.ms < kk.mn - ${maxW}::BIGINT * ${DAY}) AS before_all
       FROM ev LEFT JOIN kk ON ev.k = kk.k`,
    )
  ).getRowObjectsJS();

  const aggs = windows
    .map((w) => {
      const inW = `ev.ms >= dp.sp - ${w}::BIGINT * ${DAY}`;
      return `count(*) FILTER (WHERE ${inW}) AS c${w}, sum(ev.v) FILTER (WHERE ${inW}) AS s${w},
              count(DISTINCT ev.ms // ${DAY}) FILTER (WHERE ${inW}) AS d${w},
              (max(dp.sp) - max(ev.ms) FILTER (WHERE ${inW})) / ${DAY}.0 AS l${w}`;
    })
    .join(", ");
  const result = await db.runAndReadAll(
    `SELECT dp.i AS i, ev.t AS t, ${aggs}
     FROM dp JOIN ev ON ev.k = dp.k AND ev.ms < dp.sp AND ev.ms >= dp.sp - ${maxW}::BIGINT * ${DAY}
     GROUP BY dp.i, ev.t`,
  );
  const cols = result.getColumnsObjectJS() as Record<string, unknown[]>;

  const attributes: AttributeMeta[] = [];
  const columns: Record<string, Column> = {};
  const has = new Uint8Array(n);
  for (let i = 0; i < n; i++) has[i] = points.keys[i] !== null && Number.isFinite(points.at[i]) ? 1 : 0;
  const slot = new Map<string, Record<string, Float64Array>>();
  for (const tr of kept) {
    const type = String(tr.t);
    const perType: Record<string, Float64Array> = {};
    for (const w of windows) {
      const aggregates: EventAggregate[] = ["count", ...(num(tr.nv) > 0 ? (["sum"] as const) : []), "active_days", "days_since_last"];
      for (const agg of aggregates) {
        let name = eventFeatureName(type, agg, w);
        if (options.taken.has(name) || columns[name]) name = `events_${name}`;
        const zero = agg === "days_since_last" ? NaN : 0;
        const col = Float64Array.from(has, (h) => (h ? zero : NaN));
        columns[name] = col;
        perType[`${agg}:${w}`] = col;
        attributes.push({
          name,
          type: "numeric",
          role: "behavioral",
          source: "events",
          table: label,
          reason: `${agg.replace(/_/g, " ")} of "${type}" events in the ${w} days before the scoring point`,
          feature: { eventType: type, windowDays: w, aggregate: agg },
        });
      }
    }
    slot.set(type, perType);
  }
  const idx = cols.i as number[];
  const types = cols.t as string[];
  for (let r = 0; r < idx.length; r++) {
    const perType = slot.get(types[r]);
    if (!perType) continue;
    const i = idx[r];
    for (const w of windows) {
      const c = Number(cols[`c${w}`][r]);
      if (c === 0) continue;
      perType[`count:${w}`][i] = c;
      if (perType[`sum:${w}`]) perType[`sum:${w}`][i] = Number(cols[`s${w}`][r] ?? 0);
      perType[`active_days:${w}`][i] = Number(cols[`d${w}`][r]);
      perType[`days_since_last:${w}`][i] = Number(cols[`l${w}`][r]);
    }
  }
  await db.run(`DROP TABLE ev`);
  await db.run(`DROP TABLE dp`);
  const dropped = [
    { reason: `no key (${spec.key})`, rows: num(counts.no_key) },
    { reason: `no time (${spec.time})`, rows: num(counts.no_time) },
    { reason: `no type (${spec.type})`, rows: num(counts.no_type) },
  ].filter((d) => d.rows > 0);
  if (withoutPoint > 0) warnings.push(`events: ${withoutPoint} closed deals have no scoring point; their behavioural features are missing`);
  return {
    attributes,
    columns,
    warnings,
    report: {
      table: label,
      read: num(counts.n),
      dropped,
      unmatchedKey: num(usage.unmatched),
      afterEveryScoringPoint: num(usage.after_all),
      beforeEveryWindow: num(usage.before_all),
      dealsWithoutScoringPoint: withoutPoint,
      scoringPoint: points.description,
      types: typeRows.map((t) => ({ type: String(t.t), events: num(t.n) })),
      windows,
      features: attributes.length,
    },
  };
}
