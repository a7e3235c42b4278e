import type { DuckDBConnection } from "@duckdb/node-api";
import type { AttributeMeta, Column, DecayedColumns } from "./deal-table";
import { DatasetError } from "../formats/dataset-error";
import type { ResolvedDatasetSpec } from "./resolve-dataset-spec";

import type { EventsReport } from "./load-report";
import { openTable, requireColumn, runUserQuery, type TableContext } from "./read-table";
import type { ReadErrorContext } from "./read-error";
import { float64Column, int32Column } from "./chunk-columns";
import type { EventAggregate } from "../formats/vocabulary";
import { dialect } from "../sql/dialects";
import { asOfFeatureSelect, decayedFeatureName, eventFeatureName, eventValueUnits, type EventFeatureSpec } from "../sql/event-features-sql";
import { quoteIdentifier, quoteString } from "../sql/quoting";

export { eventFeatureName };

const DAY = 86_400_000;

/**
 * The SQL instant of a time column of the given DuckDB type, for `epoch_ms`: an instant
 * (TIMESTAMPTZ) stays itself; a naive timestamp or date is read in the session's time zone
 * (the spec's `timezone:`; in UTC, the default, it is already the instant); text is parsed
 * with its offset when it has one, else in that zone.
 *
 * @example
 * import { instantSql } from "./event-features";
 * instantSql("ts", "TIMESTAMP WITH TIME ZONE", "Asia/Tokyo"); // => "ts"
 * instantSql("ts", "TIMESTAMP", "Asia/Tokyo"); // => "CAST(ts AS TIMESTAMPTZ)"
 * instantSql("ts", "VARCHAR", "UTC", "%m/%d/%Y"); // => "CAST(try_strptime(ts, '%m/%d/%Y') AS TIMESTAMPTZ)"
 */
export function instantSql(column: string, type: string, timeZone: string, dateFormat?: string): string {
  if (type === "TIMESTAMP WITH TIME ZONE") return column;
  if (type !== "VARCHAR") return timeZone === "UTC" ? `CAST(${column} AS TIMESTAMP)` : `CAST(${column} AS TIMESTAMPTZ)`;
  return dateFormat ? `CAST(try_strptime(${column}, ${quoteString(dateFormat, "duckdb")}) AS TIMESTAMPTZ)` : `TRY_CAST(${column} AS TIMESTAMPTZ)`;
}

/** At most this many event types become features (the most frequent); the rest are reported. */
export const MAX_EVENT_TYPES = 40;

/**
 * The half-lives (days) of the decayed counts the loader builds per event type over its largest
 * window, and so the grid the tuner tries against the fixed windows.
 */
export const DECAY_HALF_LIVES: readonly number[] = [3, 7, 14, 30, 60];

/** Behavioural features of the closed deals, and what happened to the events. */
export interface EventFeatures {
  attributes: AttributeMeta[];
  columns: Record<string, Column>;
  /** Per event type, its decayed counts of `options.decays` (the loader's: see {@link DECAY_HALF_LIVES}). */
  decayed: DecayedColumns;
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
 * Builds behavioural features per event type and window with DuckDB — count, sum of `value`,
 * distinct active days and days since the last event — from events **strictly before** each
 * deal's scoring point and within the window. Events at or after the scoring point never
 * count. A deal with no key or no scoring point gets missing features (not zeros). Besides, per
 * event type and (window, half-life) of `options.decays`, the decayed count
 * (each event weighs 2^(−age / h), age in days: `decayedEventCount`), returned apart in `decayed`.
 *
 * @example
 * // see loadDataset, which calls it with the deals' keys and scoring points
 */
export async function eventFeatures(
  db: DuckDBConnection,
  spec: EventsSpec,
  ctx: TableContext,
  points: ScoringPoints,
  options: EventFeatureOptions,
): Promise<EventFeatures> {
  const windows = spec.windows;
  const staged = await stageEvents(db, spec, ctx, options);
  const { label } = staged;
  const progress = options.onProgress ?? (() => {});
  progress("events: read; checking them");
  const counts = await checkEvents(db, spec, staged, options.dateFormat);
  // ev keeps the rows with no key, time or type (counted above); the queries below skip them.

  progress(`events: ${counts.n} rows; indexing the deals' scoring points`);
  const withoutPoint = await stageScoringPoints(db, points);
  const { typeRows, kept, warnings } = await eventTypes(db, spec, options.types);
  const usage = await eventUsage(db, windows[windows.length - 1]);
  const decays = options.decays ?? [];
  const built = featureColumns(kept, [...new Set([...windows, ...decays.map((x) => x.windowDays)])].sort((a, b) => a - b), decays, points, options.taken, label);
  const matched = await aggregateFeatures(db, built, kept, progress);
  await db.run(staged.drop);
  await db.run(`DROP TABLE dp`);
  const dropped = [
    { reason: `no key (${spec.key})`, rows: counts.noKey },
    { reason: `no time (${spec.time})`, rows: counts.noTime },
    { reason: `no type (${spec.type})`, rows: counts.noType },
  ].filter((d) => d.rows > 0);
  if (points.keys.length > withoutPoint && counts.n > 0 && matched === 0)
    warnings.push(`events: no event of a deal's key falls in a window before its scoring point (${usage.unmatched} match no deal, ${usage.afterAll} are at or after every scoring point of their key); every count is 0`);
  if (withoutPoint > 0) warnings.push(`events: ${withoutPoint} closed deals have no scoring point; their behavioural features are missing`);
  const { attributes, columns, decayed } = built;
  return {
    attributes,
    columns,
    decayed,
    warnings,
    report: {
      table: label,
      read: counts.n,
      dropped,
      unmatchedKey: usage.unmatched,
      afterEveryScoringPoint: usage.afterAll,
      beforeEveryWindow: usage.beforeAll,
      dealsWithoutScoringPoint: withoutPoint,
      scoringPoint: points.description,
      types: typeRows.map((t) => ({ type: String(t.t), events: num(t.n) })),
      windows,
      features: attributes.length,
    },
  };
}

/** The `events:` part of a dataset spec, resolved (its windows distinct and ascending). */
type EventsSpec = NonNullable<ResolvedDatasetSpec["events"]>;

/** Options of {@link eventFeatures}. */
export interface EventFeatureOptions {
  missing: readonly string[];
  dateFormat?: string;
  timeZone: string;
  taken: ReadonlySet<string>;
  onProgress?: (message: string) => void;
  /** Build features for exactly these event types (e.g. the ones a scoring.yaml uses), with or without events, instead of the most frequent. */
  types?: readonly string[];
  /** The decayed counts to build per type: window and half-life, whole days (default none; the loader asks each of {@link DECAY_HALF_LIVES} over the largest window). */
  decays?: readonly { windowDays: number; halfLifeDays: number }[];
}

/** A DuckDB count (a bigint, or null) as a number. */
const num = (x: unknown) => Number(x ?? 0);

/**
 * Stages the events as `ev` (a view of a compressed table read in one pass over the source, or
 * a view over a Parquet file): key, type, instant (epoch ms) and value parsed, with a flag where
 * a time or value failed to parse (a flag, not the raw text: a text column of 10 million mostly
 * empty cells costs hundreds of MB). Returns the table's label and how to find the first row
 * that failed with its raw text (to name it).
 */
async function stageEvents(db: DuckDBConnection, spec: EventsSpec, ctx: TableContext, options: EventFeatureOptions): Promise<StagedEvents> {
  // A CSV is read as text (as deals are), so that keys keep their leading zeros and every bad
  // time or value is named with its row below, rather than guessed from a sample of the file.
  const { expr, where } = await openTable(db, spec, ctx, { csvAllText: true, nullTokens: [...options.missing] });
  const label = where.label;
  const described = (await runUserQuery(db, `DESCRIBE SELECT * FROM ${expr}`, where)).getRowObjectsJS();
  const names = described.map((r) => String(r.column_name));
  const table = { label, names };
  const field = (f: string) => `events.${f}`;
  for (const [f, col] of [["key", spec.key], ["time", spec.time], ["type", spec.type], ...(spec.value ? [["value", spec.value]] : [])] as [string, string][])
    requireColumn(table, col, field(f), ctx.specFile);
  const q = (name: string) => quoteIdentifier(name, "duckdb");
  const miss = `(${[...options.missing].map((v) => quoteString(v, "duckdb")).join(", ") || "NULL"})`;
  const typeOf = (c: string) => String(described[names.indexOf(c)].column_type);
  // Text columns are trimmed and matched against `missing:` once, in inner queries; typed
  // columns (Parquet) pass through untouched.
  const clean = (c: string) =>
    typeOf(c) === "VARCHAR"
      ? `CASE WHEN ${q(c)} IN ${miss} THEN NULL ELSE ${q(c)} END`
      : `CAST(${q(c)} AS VARCHAR)`;
  // The text columns read, each trimmed once (DuckDB does not share the two trims of a CASE:
  // 1.5 s more on 10 million events), under its own name.
  const used = [...new Set([spec.key, spec.type, spec.time, ...(spec.value ? [spec.value] : [])])];
  const trimmed = `(SELECT ${used.map((c) => (typeOf(c) === "VARCHAR" ? `trim(${q(c)}) AS ${q(c)}` : q(c))).join(", ")} FROM ${expr})`;
  const timeType = typeOf(spec.time);
  const timeIsText = timeType === "VARCHAR";
  if (!timeIsText && !/^(TIMESTAMP|DATE)/.test(timeType))
    throw new DatasetError(
      `the time column is ${timeType}, not a date or timestamp`,
      { file: label, field: spec.time },
      "convert it to ISO dates, or use a `sql:` events table that converts it (e.g. to_timestamp(seconds))",
    );
  const ms = `epoch_ms(${instantSql("time0", timeType, options.timeZone, options.dateFormat)})`;
  const valueType = spec.value === undefined ? "" : typeOf(spec.value);
  const valueIsText = valueType === "VARCHAR";
  const inner = [
    `${clean(spec.key)} AS k`,
    `${clean(spec.type)} AS t`,
    `${timeIsText ? clean(spec.time) : q(spec.time)} AS time0`,
    `${spec.value ? (valueIsText ? clean(spec.value) : q(spec.value)) : "CAST(NULL AS DOUBLE)"} AS v0`,
  ].join(", ");
  // Values are summed by the as-of definition in whole billionths (eventValueUnits); a value
  // that is not a number, or whose billionths do not fit an exact integer, is refused here.
  const whole = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/.test(valueType);
  const value = whole ? "CAST(v0 AS BIGINT)" : `TRY_CAST(${eventValueUnits("TRY_CAST(v0 AS DOUBLE)")} AS HUGEINT)`;
  // Parsed columns, and flags where a time or value failed to parse.
  const parsed = `SELECT *, ${ms} AS ms, ${value} AS v FROM (SELECT ${inner} FROM ${trimmed})`;
  const flags = "time0 IS NULL AS no_time, time0 IS NOT NULL AND ms IS NULL AS bad_time, v0 IS NOT NULL AND v IS NULL AS bad_value";
  // A Parquet file is columnar: the four scans below read it again in 0.2 s for 10 million
  // events, with no memory, where a table of them would hold about 500 MB. Text (CSV, a sheet, a
  // `sql:` query) is parsed once into a table: through a view, the scans of a CSV of 10 million
  // events took 50 s instead of 7. The table lives in an in-memory database of its own that
  // compresses what it holds at a checkpoint: 10 million events take 75–100 MB instead of 666
  // (about 1–2 s more), so the aggregation below does not stack on an uncompressed copy.
  // What is kept is narrower than what `ev` shows, since the uncompressed table is the peak: a
  // value as its number (no check of it), and no `no_time` (no time is no instant and no bad time).
  const kept = `SELECT k, ms, t, ${whole ? "v" : "TRY_CAST(v0 AS DOUBLE)"} AS vd, time0 IS NOT NULL AND ms IS NULL AS bad_time, v0 IS NOT NULL AND v IS NULL AS bad_value FROM (${parsed})`;
  const shown = (from: string) =>
    `SELECT k, ms, t, CAST(vd AS DOUBLE) AS v, ms IS NULL AND NOT bad_time AS no_time, bad_time, bad_value FROM ${from}`;
  const kind = spec.file !== undefined && /\.parquet$/i.test(spec.file) ? "VIEW" : "TABLE";
  if (kind === "VIEW") await runUserQuery(db, `CREATE OR REPLACE TEMP VIEW ev AS ${shown(`(${kept})`)}`, where);
  else {
    await db.run(`ATTACH IF NOT EXISTS ':memory:' AS leadlab_scratch (COMPRESS)`);
    await runUserQuery(db, `CREATE OR REPLACE TABLE leadlab_scratch.ev AS ${kept}`, where);
    await db.run("CHECKPOINT leadlab_scratch");
    await db.run(`CREATE OR REPLACE TEMP VIEW ev AS ${shown("leadlab_scratch.ev")}`);
  }
  // The first bad row is numbered and its raw text read in one query over the source, so the
  // two cannot come from different rows however DuckDB splits the scan.
  const firstBad = async (flag: "bad_time" | "bad_value", column: "time0" | "v0") => {
    const numbered = `SELECT row_number() OVER () AS r, CAST(${column} AS VARCHAR) AS raw, ${flags} FROM (${parsed})`;
    const [bad] = (await runUserQuery(db, `SELECT r, raw FROM (${numbered}) WHERE ${flag} ORDER BY r LIMIT 1`, where)).getRowObjectsJS();
    return { row: num(bad.r), raw: bad.raw };
  };
  return { label, firstBad, where, drop: kind === "VIEW" ? "DROP VIEW ev" : "DROP VIEW ev; DROP TABLE leadlab_scratch.ev" };
}

/** The events staged as `ev` ({@link stageEvents}). */
interface StagedEvents {
  label: string;
  /** The first source row (counting from 1) whose time (`bad_time`) or value (`bad_value`) did not parse, and its raw text. */
  firstBad: (flag: "bad_time" | "bad_value", column: "time0" | "v0") => Promise<{ row: number; raw: unknown }>;
  /** Where the events come from, for messages: `ev` may be a view that reads the source again. */
  where: ReadErrorContext;
  /** The statement that drops `ev`. */
  drop: string;
}

/** Counts the staged events and those with no key, time or type; throws on the first time or value that did not parse. */
async function checkEvents(db: DuckDBConnection, spec: EventsSpec, staged: StagedEvents, dateFormat: string | undefined): Promise<{ n: number; noKey: number; noTime: number; noType: number }> {
  const { label } = staged;
  const [counts] = (
    await runUserQuery(
      db,
      `SELECT count(*) AS n, count(*) FILTER (WHERE k IS NULL) AS no_key, count(*) FILTER (WHERE no_time) AS no_time,
              count(*) FILTER (WHERE t IS NULL) AS no_type, count(*) FILTER (WHERE bad_time) AS bad_times, count(*) FILTER (WHERE bad_value) AS bad_values FROM ev`,
      staged.where,
    )
  ).getRowObjectsJS();
  if (num(counts.bad_times) > 0) {
    const bad = await staged.firstBad("bad_time", "time0");
    throw new DatasetError(
      `not a date in the expected format ${dateFormat ?? "ISO 8601 (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)"}`,
      { file: label, field: spec.time, row: bad.row, value: bad.raw },
      "set `date_format:` in dataset.yaml to the format the file uses, or add the value to `missing:`",
    );
  }
  if (num(counts.bad_values) > 0) {
    const bad = await staged.firstBad("bad_value", "v0");
    throw new DatasetError(
      "not a number (or beyond ±1e29)",
      { file: label, field: spec.value, row: bad.row, value: bad.raw },
      "clean the value column, or add the value to `missing:`",
    );
  }
  return { n: num(counts.n), noKey: num(counts.no_key), noTime: num(counts.no_time), noType: num(counts.no_type) };
}

/** Writes the deals with a key and a scoring point into the temp table `dp`; returns how many have a key but no scoring point. */
async function stageScoringPoints(db: DuckDBConnection, points: ScoringPoints): Promise<number> {
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
  return withoutPoint;
}

/** An event type with its count of events (`n`) and of values (`nv`), as DuckDB returns them. */
type TypeRow = Record<string, unknown>;

/**
 * The event types by frequency, and those that get features: the given `types`, else the
 * {@link MAX_EVENT_TYPES} most frequent (with a warning when there are more).
 */
async function eventTypes(db: DuckDBConnection, spec: EventsSpec, types: readonly string[] | undefined): Promise<{ typeRows: TypeRow[]; kept: TypeRow[]; warnings: string[] }> {
  const typeRows = (await db.runAndReadAll(`SELECT t, count(*) AS n, count(v) AS nv FROM ev WHERE k IS NOT NULL AND ms IS NOT NULL AND t IS NOT NULL GROUP BY t ORDER BY n DESC, t`)).getRowObjectsJS();
  const warnings: string[] = [];
  const kept = types ? types.map((t) => ({ t, nv: spec.value ? 1 : 0 })) : typeRows.slice(0, MAX_EVENT_TYPES);
  if (!types && typeRows.length > MAX_EVENT_TYPES)
    warnings.push(`events: ${typeRows.length} event types; features are built for the ${MAX_EVENT_TYPES} most frequent, the rest are ignored`);
  return { typeRows, kept, warnings };
}

/** How many events match no deal's key, fall at or after every scoring point of their key, or before every window (of `maxWindow` days). */
async function eventUsage(db: DuckDBConnection, maxWindow: number): Promise<{ unmatched: number; afterAll: number; beforeAll: number }> {
  const [usage] = (
    await db.runAndReadAll(
      `WITH kk AS (SELECT k, max(sp) AS mx, min(sp) AS mn FROM dp GROUP BY k)
       SELECT count(*) FILTER (WHERE kk.k IS NULL) AS unmatched,
              count(*) FILTER (WHERE ev.ms >= kk.mx) AS after_all,
              count(*) FILTER (WHERE ev.ms < kk.mn - ${maxWindow}::BIGINT * ${DAY}) AS before_all
       FROM ev LEFT JOIN kk ON ev.k = kk.k WHERE ev.k IS NOT NULL AND ev.ms IS NOT NULL AND ev.t IS NOT NULL`,
    )
  ).getRowObjectsJS();
  return { unmatched: num(usage.unmatched), afterAll: num(usage.after_all), beforeAll: num(usage.before_all) };
}

/** The feature columns before aggregation (0, or missing for a deal with no key or scoring point), their metadata and definitions, in one order. */
interface BuiltFeatures {
  attributes: AttributeMeta[];
  columns: Record<string, Column>;
  /** The column of each feature, in the order of `features`. */
  targets: Float64Array[];
  features: EventFeatureSpec[];
  decayed: DecayedColumns;
}

/**
 * Names and allocates a feature per kept event type, window and aggregate (a sum only for types
 * with values), and per type and (window, half-life) of `decays` a decayed count.
 */
function featureColumns(kept: TypeRow[], windows: number[], decays: NonNullable<EventFeatureOptions["decays"]>, points: ScoringPoints, taken: ReadonlySet<string>, label: string): BuiltFeatures {
  const n = points.keys.length;
  const attributes: AttributeMeta[] = [];
  const columns: Record<string, Column> = {};
  // Each column starts as a copy of one of two templates: 0 for a deal with a key and a scoring
  // point (missing otherwise), or missing throughout (days since the last event).
  const zeros = new Float64Array(n);
  for (let i = 0; i < n; i++) zeros[i] = points.keys[i] !== null && Number.isFinite(points.at[i]) ? 0 : NaN;
  const missing = new Float64Array(n).fill(NaN);
  const targets: Float64Array[] = [];
  const features: EventFeatureSpec[] = [];
  const decayed: DecayedColumns = { attributes: [], columns: {} };
  for (const tr of kept) {
    const type = String(tr.t);
    for (const w of windows) {
      const aggregates: EventAggregate[] = ["count", ...(num(tr.nv) > 0 ? (["sum"] as const) : []), "active_days", "days_since_last"];
      for (const agg of aggregates) {
        let name = eventFeatureName(type, agg, w);
        if (taken.has(name) || columns[name]) name = `events_${name}`;
        const col = (agg === "days_since_last" ? missing : zeros).slice();
        columns[name] = col;
        targets.push(col);
        features.push({ type, windowDays: w, aggregate: agg });
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
    for (const { windowDays: w, halfLifeDays: h } of decays) {
      let name = decayedFeatureName(type, w, h);
      if (taken.has(name) || columns[name]) name = `events_${name}`;
      const col = zeros.slice();
      decayed.columns[name] = col;
      targets.push(col);
      features.push({ type, windowDays: w, aggregate: "count", halfLifeDays: h });
      decayed.attributes.push({
        name,
        type: "numeric",
        role: "behavioral",
        source: "events",
        table: label,
        reason: `"${type}" events in the ${w} days before the scoring point, each weighing 2^(−age in days / ${h}): halving every ${h} days`,
        feature: { eventType: type, windowDays: w, aggregate: "count", halfLifeDays: h },
      });
    }
  }
  return { attributes, columns, targets, features, decayed };
}

/**
 * Runs the as-of aggregate the SQL export renders (asOfFeatureSelect) on the checked events, one
 * event type at a time (saying so on `progress`), and fills the feature columns; returns how
 * many (deal, type) pairs had events. A type's features depend on its own events only, so the
 * passes give what one query over every type gives, while the aggregation's hash tables hold
 * one type's groups at a time: on 10 million events of the 100k bench, a peak of 713 MB instead
 * of 1,119–1,175 from Parquet, and 13 s instead of 19 from CSV.
 */
async function aggregateFeatures(db: DuckDBConnection, built: BuiltFeatures, kept: TypeRow[], progress: (message: string) => void): Promise<number> {
  const { features, targets } = built;
  if (features.length === 0) return 0;
  let matched = 0;
  for (const [k, tr] of kept.entries()) {
    const type = String(tr.t);
    const own = features.flatMap((f, j) => (f.type === type ? [j] : []));
    if (own.length === 0) continue;
    progress(`events: aggregating per deal and window: ${type} (type ${k + 1} of ${kept.length})`);
    const select = asOfFeatureSelect(dialect("duckdb"), own.map((j) => features[j]), {
      points: "(SELECT DISTINCT k AS event_key, sp AS scoring_ms FROM dp)",
      events: `(SELECT k AS event_key, ms AS event_ms, t AS event_type, v AS event_value FROM ev WHERE k IS NOT NULL AND ms IS NOT NULL AND t = ${quoteString(type, "duckdb")})`,
    });
    // A deal with no event of a type keeps the column's value for that (0, or missing for days since the last).
    const outputs = own.map((j, i) => {
      const f = features[j];
      return `COALESCE(CAST(f.f${i + 1} AS DOUBLE), ${f.aggregate === "days_since_last" ? "'NaN'::DOUBLE" : "0"})`;
    });
    const result = await db.stream(`SELECT dp.i, ${outputs.join(", ")} FROM dp JOIN (\n${select.join("\n")}\n) AS f ON f.event_key = dp.k AND f.scoring_ms = dp.sp`);
    // Chunk by chunk, straight from DuckDB's vectors (no NULL is left to read): no JS value per cell.
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const idx = int32Column(chunk, 0);
      own.forEach((j, i) => {
        const target = targets[j];
        const value = float64Column(chunk!, i + 1);
        for (let r = 0; r < value.length; r++) target[idx[r]] = value[r];
      });
      matched += chunk.rowCount;
    }
  }
  return matched;
}

