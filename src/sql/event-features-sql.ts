import type { ScoringRules } from "../formats/scoring-rules-schema";
import { DECAY_WEIGHT_UNITS } from "../formats/decay-weight";
import { EVENT_AGGREGATES, type EventAggregate } from "../formats/vocabulary";
import type { Dialect } from "./dialects";
import { sqlComment } from "./quoting";
import { missingAsNull, numberOfText, trimmedText } from "./text-values";

const DAY_MS = 86_400_000;

/**
 * The units event values are summed in: each value is rounded to a whole number of billionths
 * (half up, `FLOOR(value * 1e9 + 0.5)`, in doubles as every engine computes them), summed as the
 * dialect's exact integers ({@link Dialect.exactInteger}) and the sum divided once, so that a sum
 * does not depend on the order the engine adds in, and the loader and every exported dialect
 * give the same double.
 */
const VALUE_UNITS = 1_000_000_000;

/**
 * An event value's billionths ({@link VALUE_UNITS}) as a whole-number double: what the as-of
 * definition sums; the loader refuses a value whose billionths do not fit an exact integer.
 *
 * @example
 * import { eventValueUnits } from "./event-features-sql";
 * eventValueUnits("v"); // => "FLOOR(v * 1000000000 + 0.5)"
 */
export function eventValueUnits(value: string): string {
  return `FLOOR(${value} * ${VALUE_UNITS} + 0.5)`;
}

/** One behavioural feature the view computes: an event type, a window and an aggregate. */
export interface EventFeatureSpec {
  type: string;
  windowDays: number;
  aggregate: EventAggregate;
  /**
   * Only with aggregate `count`: each event counts `2^(−age / halfLifeDays)` instead of 1, its age
   * being (scoring point − event time) in days, milliseconds included: the scorer's `decayedEventCount`.
   */
  halfLifeDays?: number;
}

/**
 * The name of a behavioural feature: `<event type>_<aggregate>_<window>d`, lower case.
 *
 * @example
 * import { eventFeatureName } from "../data/event-features";
 * eventFeatureName("Demo Request", "count", 90); // => "demo_request_count_90d"
 */
export function eventFeatureName(eventType: string, aggregate: EventAggregate, windowDays: number): string {
  const slug = eventType.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "event";
  return `${slug}_${aggregate}_${windowDays}d`;
}

/** A rules attribute's event source (`source.event`). */
export type EventSource = Extract<ScoringRules["attributes"][number]["source"], { event: unknown }>["event"];

/**
 * The feature a rules attribute's event source defines (its decay's half-life as `halfLifeDays`).
 *
 * @example
 * import { eventFeatureOfSource } from "./event-features-sql";
 * eventFeatureOfSource({ type: "demo", windowDays: 90, aggregate: "count", decay: { halfLifeDays: 7 } }); // => { type: "demo", windowDays: 90, aggregate: "count", halfLifeDays: 7 }
 */
export function eventFeatureOfSource(e: EventSource): EventFeatureSpec {
  return { type: e.type, windowDays: e.windowDays, aggregate: e.aggregate, ...(e.decay ? { halfLifeDays: e.decay.halfLifeDays } : {}) };
}

/**
 * The name of a decayed count ({@link EventFeatureSpec.halfLifeDays}): the count's name and `_half<h>d`.
 *
 * @example
 * import { decayedFeatureName } from "./event-features-sql";
 * decayedFeatureName("Demo Request", 90, 7); // => "demo_request_count_90d_half7d"
 */
export function decayedFeatureName(eventType: string, windowDays: number, halfLifeDays: number): string {
  return `${eventFeatureName(eventType, "count", windowDays)}_half${halfLifeDays}d`;
}

/** The tail {@link eventFeatureName} and {@link decayedFeatureName} give a name: `_<aggregate>_<window>d`, maybe `_half<h>d`. */
const FEATURE_NAME = new RegExp(`_(${EVENT_AGGREGATES.join("|")})_\\d+d(_half\\d+d)?$`);

/**
 * Whether a name has the form {@link eventFeatureName} gives: `<type>_<aggregate>_<window>d`.
 *
 * @example
 * import { isEventFeatureName } from "./event-features-sql";
 * [isEventFeatureName("demo_request_count_90d"), isEventFeatureName("demo_request_count_90d_half7d"), isEventFeatureName("employees")]; // => [true, true, false]
 */
export function isEventFeatureName(name: string): boolean {
  return FEATURE_NAME.test(name);
}

/** The event-feature part of the view: its CTEs and, per feature, the lead-level expression. */
export interface EventFeatureSql {
  /** CTE definitions (`name AS (...)`), in order. */
  ctes: string[];
  /** Per feature (same order as given): the value for a lead of `lead_input AS i` joined to `event_feature AS f`. */
  values: string[];
  /** The join that brings the features to each lead. */
  join: string;
}

/**
 * The SQL of behavioural features computed from the raw events table, with the loader's
 * semantics: per (event key, scoring point) of the leads, events of the feature's type with
 * time strictly before the scoring point and at or after `scoring point − windowDays days`;
 * count, sum of the value column, distinct active days (UTC day of the epoch) and days since
 * the last event (fractional). A lead with no key or no scoring point gets NULL (missing);
 * with both but no event in the window, count / sum / active days are 0 and days since the
 * last event is NULL. Event times without an offset are wall-clock times in `timeZone`, read
 * with `dateFormat` when given (see {@link Dialect.epochMs}). Expects a CTE `lead_input` with columns `event_key` and `scoring_ms`.
 *
 * @example
 * import { dialect, eventFeatureSql } from "leadlab";
 * const columns = { key: "account_id", leadKey: "account_id", time: "ts", type: "event_type" };
 * const sql = eventFeatureSql(dialect("duckdb"), [{ type: "demo", windowDays: 90, aggregate: "count" }], columns, "events", [], "UTC");
 * sql.ctes.length; // => 4
 */
export function eventFeatureSql(
  d: Dialect,
  features: readonly EventFeatureSpec[],
  columns: NonNullable<ScoringRules["inputs"]["events"]>,
  eventsTable: string,
  missing: readonly string[],
  timeZone: string,
  dateFormat?: string,
): EventFeatureSql {
  const q = (s: string) => d.string(s);
  const col = (c: string) => `e.${d.identifier(c)}`;
  const keyOf = (f: EventFeatureSpec) => `${f.type}\u0000${f.windowDays}\u0000${f.aggregate}\u0000${f.halfLifeDays ?? ""}`;
  const distinct: EventFeatureSpec[] = [];
  const slot = new Map<string, number>();
  for (const f of features)
    if (!slot.has(keyOf(f))) {
      slot.set(keyOf(f), distinct.length);
      distinct.push(f);
    }
  const types = [...new Set(distinct.map((f) => f.type.trim()))];
  const present = (trimmed: string) => missingAsNull(d, trimmed, missing);

  const ctes = [
    [
      "lead_event_point AS (",
      "  SELECT DISTINCT event_key, scoring_ms",
      "  FROM lead_input",
      "  WHERE event_key IS NOT NULL AND scoring_ms IS NOT NULL",
      ")",
    ].join("\n"),
    [
      "event_raw AS (",
      "  SELECT",
      `    ${trimmedText(d, col(columns.key))} AS event_key,`,
      `    ${trimmedText(d, col(columns.time))} AS event_time,`,
      `    ${trimmedText(d, col(columns.type))} AS event_type,`,
      `    ${columns.value ? trimmedText(d, col(columns.value)) : "NULL"} AS event_value`,
      `  FROM ${d.table(eventsTable)} AS e`,
      ")",
    ].join("\n"),
    [
      d.materializedCte("event_input"),
      "  SELECT",
      `    ${present("event_key")} AS event_key,`,
      `    ${d.epochMs(present("event_time"), timeZone, dateFormat)} AS event_ms,`,
      `    ${present("event_type")} AS event_type,`,
      `    ${columns.value ? numberOfText(d, present("event_value")) : d.double("NULL")} AS event_value`,
      "  FROM event_raw",
      `  WHERE ${present("event_type")} IN (${types.map(q).join(", ")})`,
      ")",
    ].join("\n"),
    ["event_feature AS (", ...asOfFeatureSelect(d, distinct, { points: "lead_event_point", events: "event_input" }), ")"].join("\n"),
  ];
  const values = features.map((f) => {
    const k = slot.get(keyOf(f))! + 1;
    return f.aggregate === "days_since_last"
      ? `f.f${k}`
      : `CASE WHEN i.event_key IS NULL OR i.scoring_ms IS NULL THEN NULL ELSE COALESCE(f.f${k}, 0) END`;
  });
  return { ctes, values, join: "LEFT JOIN event_feature AS f ON f.event_key = i.event_key AND f.scoring_ms = i.scoring_ms" };
}

/**
 * Names of the two relations the as-of aggregate reads: `points` with columns `event_key` and
 * `scoring_ms` (one row per distinct pair), `events` with `event_key`, `event_ms`, `event_type`
 * (trimmed) and `event_value`.
 */
export interface AsOfRelations {
  points: string;
  events: string;
}

/**
 * The one definition of the as-of event features: the `SELECT` (as lines, two spaces in) that
 * aggregates, per (event key, scoring point), the events of each feature's type strictly before
 * the scoring point and at or after `scoring point − windowDays days`: count, sum of the value,
 * distinct active days (UTC day of the epoch) and days since the last event (fractional); the
 * sum in whole billionths ({@link eventValueUnits}), exact in any order; a
 * count with a half-life h weighs each event by `POWER(2, −age / h)`, age = (scoring_ms −
 * event_ms) / 86,400,000 days as a double, rounded to whole billionths and summed as whole numbers
 * (so the sum does not depend on the order the engine adds in; the scorer's `decayedEventCount`
 * computes the same in JavaScript). Its
 * columns are `event_key`, `scoring_ms` and `f1…fN` in the order of `features`; pairs with no
 * event in the largest window have no row. The loader runs it for DuckDB; the scoring view and
 * the training query render it for every dialect.
 *
 * @example
 * import { asOfFeatureSelect, dialect } from "leadlab";
 * asOfFeatureSelect(dialect("bigquery"), [{ type: "demo", windowDays: 1, aggregate: "count" }], { points: "p0", events: "e0" })[3].endsWith("SUM(IF(t.event_type = 'demo', t.c1, NULL)) AS f1"); // => true
 */
export function asOfFeatureSelect(d: Dialect, features: readonly EventFeatureSpec[], relations: AsOfRelations): string[] {
  const windows = [...new Set(features.map((f) => f.windowDays))].sort((x, y) => x - y);
  const maxWindow = windows[windows.length - 1];
  const day = d.epochDay("e.event_ms");
  // Two stages, with no DISTINCT aggregate (which would not parallelise): per pair, type and
  // day the events inside each window, then per pair; active days are the days with an event.
  const inWindow = (w: number) => `e.event_ms >= p.scoring_ms - ${w * DAY_MS}`;
  const units = d.exactInteger(eventValueUnits("e.event_value"));
  const perDay = windows.flatMap((w) => [`${d.countIf(inWindow(w))} AS c${w}`, `${d.sumIf(units, inWindow(w))} AS s${w}`, `${d.maxIf("e.event_ms", inWindow(w))} AS m${w}`]);
  // Decayed counts: per window and (whole-day) half-life, the sum of the events' weights.
  const decayColumn = (w: number, h: number) => `x${w}_${h}`;
  const decays = [...new Map(features.filter((f) => f.halfLifeDays !== undefined).map((f) => [decayColumn(f.windowDays, f.halfLifeDays!), f])).values()];
  const age = d.msToDays("p.scoring_ms - e.event_ms");
  // Each weight in whole billionths (decayWeightUnits), so that the sums are of whole numbers: exact, and the same in any order.
  const weight = (h: number) => `FLOOR(POWER(${d.double("2")}, -(${age}) / ${h}) * ${DECAY_WEIGHT_UNITS} + 0.5)`;
  perDay.push(...decays.map((f) => `${d.sumIf(weight(f.halfLifeDays!), inWindow(f.windowDays))} AS ${decayColumn(f.windowDays, f.halfLifeDays!)}`));
  const aggregate = (f: EventFeatureSpec): string => {
    const ofType = `t.event_type = ${d.string(f.type.trim())}`;
    const w = f.windowDays;
    switch (f.aggregate) {
      case "count":
        return f.halfLifeDays === undefined ? d.sumIf(`t.c${w}`, ofType) : `${d.sumIf(`t.${decayColumn(w, f.halfLifeDays)}`, ofType)} / ${d.double(String(DECAY_WEIGHT_UNITS))}`;
      case "sum":
        return `${d.double(d.sumIf(`t.s${w}`, ofType))} / ${d.double(String(VALUE_UNITS))}`;
      case "active_days":
        return d.countIf(`${ofType} AND t.c${w} > 0`);
      case "days_since_last":
        return d.msToDays(`t.scoring_ms - ${d.maxIf(`t.m${w}`, ofType)}`);
      default:
        throw new Error(`asOfFeatureSelect: unknown event aggregate "${String(f.aggregate)}"`);
    }
  };
  return [
    "  SELECT",
    "    t.event_key,",
    "    t.scoring_ms,",
    features.map((f, k) => `    ${sqlComment(`${f.type} ${f.aggregate} ${f.windowDays}d${f.halfLifeDays === undefined ? "" : ` half-life ${f.halfLifeDays}d`}`)}\n    ${aggregate(f)} AS f${k + 1}`).join(",\n"),
    "  FROM (",
    "    SELECT",
    "      p.event_key,",
    "      p.scoring_ms,",
    "      e.event_type,",
    perDay.map((x) => `      ${x}`).join(",\n"),
    `    FROM ${relations.points} AS p`,
    `    JOIN ${relations.events} AS e`,
    "      ON e.event_key = p.event_key",
    "      AND e.event_ms < p.scoring_ms",
    `      AND e.event_ms >= p.scoring_ms - ${maxWindow * DAY_MS}`,
    `    GROUP BY p.event_key, p.scoring_ms, e.event_type, ${day}`,
    "  ) AS t",
    "  GROUP BY t.event_key, t.scoring_ms",
  ];
}
