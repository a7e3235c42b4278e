import { compareText } from "./compare-text";
import { DEFAULT_HOLDOUT_SEED } from "../formats/provenance";
import { dirname, resolve } from "node:path";
import { addAttributeColumns, noteMissingTokens, type AttributeColumns } from "./attribute-columns";
import { placeholderCheck, placeholderValues } from "./placeholder-values";
import { DealTable, type AttributeMeta, type Column, type DealTableParts, type DecayedColumns, type Holdout } from "./deal-table";
import { DatasetError } from "../formats/dataset-error";
import type { DatasetSpec } from "../formats/dataset-spec";
import { openDuckDB } from "./duckdb-session";
import { DECAY_HALF_LIVES, eventFeatures } from "./event-features";
import { resolveDatasetSpec, type ResolvedDatasetSpec } from "./resolve-dataset-spec";
import { joinKey, joinTables } from "./join-tables";
import type { LoadContext } from "./load-context";
import type { AttributeReport, JoinReport, LoadReport } from "./load-report";
import { nearestName } from "../formats/nearest-name";
import { checkFutureDates } from "./future-dates";
import { isEventFeatureName } from "../sql/event-features-sql";
import { calendarRange } from "./table-provenance";
import { MIN_HOLDOUT_ROWS } from "./holdout-split";
import { readDatasetSpec } from "./parse-dataset-spec";
import { dealsTextColumn, readDeals, type DealsRead } from "./read-deals";
import { retentionTable } from "./retention-table";
import { countDistinct, countMissing, gatherColumn } from "./typed-column";
import { describeUnmatchedKeys } from "./unmatched-keys";

const DAY = 86_400_000;

/** Options of {@link loadDataset}. */
export interface LoadOptions {
  /** Called with a line of progress for long loads (the CLI prints it to stderr). */
  onProgress?: (message: string) => void;
  /** The instant (epoch ms) after which a closed deal's date is "in the future" and warned about. Default: now. */
  asOf?: number;
}

/** A loaded dataset: the table of closed deals, the report of what happened, and the spec. */
export interface LoadedDataset {
  table: DealTable;
  report: LoadReport;
  /** The spec, its defaults filled ({@link resolveDatasetSpec}). */
  spec: ResolvedDatasetSpec;
}

/**
 * Loads a `dataset.yaml` and its files into a {@link DealTable} of closed deals, with a
 * {@link LoadReport} that accounts for every row. Bad input throws a `DatasetError` that
 * names the file, field, row and value, and the fix.
 *
 * @example
 * import { loadDataset } from "leadlab";
 * const { table, report } = await loadDataset("data/sample/dataset.yaml");
 * report.deals.won + report.deals.lost === table.n; // => true
 */
export async function loadDataset(specPath: string, options: LoadOptions = {}): Promise<LoadedDataset> {
  const spec = readDatasetSpec(specPath);
  return loadDatasetSpec(spec, dirname(resolve(specPath)), specPath, options);
}

/**
 * Loads an already parsed spec whose relative paths resolve against `baseDir`.
 *
 * @example
 * import { loadDatasetSpec, parseDatasetSpec } from "leadlab";
 * const spec = parseDatasetSpec("name: s\ndeals: { file: deals.csv, id: deal_id, outcome: { column: stage, won: [Closed Won], lost: [Closed Lost] } }");
 * const { table } = await loadDatasetSpec(spec, "data/sample");
 * table.n > 0; // => true
 */
export async function loadDatasetSpec(written: DatasetSpec, baseDir: string, specFile = "dataset.yaml", options: LoadOptions = {}): Promise<LoadedDataset> {
  const spec = resolveDatasetSpec(written, specFile);
  // Instants are compared in UTC; naive times are read in the spec's zone, never the machine's.
  const db = await openDuckDB(baseDir, { timeZone: spec.timezone });
  try {
    // What was left out of a file to read it (a report footer, a sep= line, a spreadsheet's empty margins): said in the load report's warnings.
    const notes: string[] = [];
    const load: LoadContext = {
      db, spec, specFile,
      progress: options.onProgress ?? (() => {}),
      tableAt: (field) => ({ specFile, field, baseDir, onNote: (note) => notes.push(note) }),
    };
    // The deals' and joined tables' raw text is read here and left behind: only the closed
    // deals' typed columns and key columns go on to the events, which hold the load's peak.
    const read = await readClosedDeals(load);
    const { closed, columns, attributes: into, keysOf } = read;
    const events = spec.events ? await addEventFeatures(load, spec.events, closed, keysOf, into.metas, columns) : undefined;
    const retention = spec.retention ? await readRetention(load, spec.retention, keysOf, closed.won) : undefined;
    excludeKeys(into.metas, keyColumns(spec), spec.attributes);
    const dated = datesAndHoldout(load, read.label, closed, options.asOf ?? Date.now());
    // A form's "Select" left as a level: said, never read as missing unasked.
    const placeholders = placeholderValues(into.metas.filter((m) => m.type === "categorical" && m.role !== "exclude").map((m) => ({ name: m.name, values: columns[m.name] as (string | null)[] })));
    const warnings = [
      ...notes, ...read.outcome.warnings, ...(events?.warnings ?? []), ...(retention?.warnings ?? []), ...restatedRetention(spec),
      ...dataWarnings(spec, read.joins, read.rows, closed), ...dated.warnings,
      ...(placeholders.length ? [placeholderCheck(placeholders, spec.missing)] : []),
    ];
    const grouped = dealGroups(spec, keysOf);
    const table = assembleTable(load, read, { attributes: into.metas, columns, ...(events ? { decayed: events.decayed } : {}), retention: retention?.retention, holdout: dated.holdout, groups: grouped?.groups });
    const report = assembleReport(spec, read, into, columns, { joins: read.joins, events: events?.report, retention: retention?.report, dated, grouping: grouped?.grouping, warnings });
    load.progress(`loaded ${table.n} closed deals, ${into.metas.length} attributes`);
    return { table, report, spec };
  } finally {
    db.closeSync();
  }
}

/** The text of a key column for each closed deal (trimmed): one of the columns {@link laterKeys} names. */
type KeysOf = (name: string) => (string | null)[];

/**
 * What the load keeps of the deals and joined tables once read: the closed deals, their
 * attributes' typed columns, the key columns the later phases join on, and what the report
 * says about the deals table. Their raw text is not kept.
 */
interface ClosedDealsRead {
  /** The deals table as messages name it, and how many rows it has. */
  label: string;
  rows: number;
  outcome: DealsRead["outcome"];
  amountCurrency?: string;
  closed: ClosedDeals;
  /** Each closed deal's id, trimmed. */
  ids: string[];
  attributes: Pick<AttributeColumns, "metas" | "altered" | "unread">;
  columns: Record<string, Column>;
  joins: JoinReport[];
  /** The key columns of the events, the retention and the deals' grouping, for the closed deals. */
  keysOf: KeysOf;
}

/**
 * Reads the deals and the joined tables, keeps the closed deals (in the canonical order) with
 * their attributes' typed columns, and reads the key columns the spec joins events and retention
 * on and groups deals by (each named in messages by the first field that asks for it).
 */
async function readClosedDeals(load: LoadContext): Promise<ClosedDealsRead> {
  const deals = await readDeals(load);
  const into = dealAttributes(load, deals);
  const joins = await joinTables(load, deals, into);
  const closed = closedDeals(deals);
  checkAttributeNames(load, into.metas);
  const columns: Record<string, Column> = {};
  for (const m of into.metas) columns[m.name] = gatherColumn(into.typed[m.name], closed.rows);
  const keys = new Map<string, (string | null)[]>();
  for (const [name, field] of laterKeys(load.spec)) if (!keys.has(name)) keys.set(name, closedDealKeys(load, deals, into, closed.rows, name, field));
  return {
    label: deals.table.label,
    rows: deals.table.rows,
    outcome: deals.outcome,
    ...(deals.amountCurrency ? { amountCurrency: deals.amountCurrency } : {}),
    closed,
    ids: Array.from(closed.rows, (r) => deals.ids[r]!.trim()),
    attributes: { metas: into.metas, altered: into.altered, unread: into.unread },
    columns,
    joins,
    keysOf: (name) => {
      const k = keys.get(name);
      if (!k) throw new Error(`loadDataset: the key column "${name}" was not read with the deals`);
      return k;
    },
  };
}

/** The key columns the phases after the deals read, with the spec field that names each: the events', the retention's and the grouping's. */
function laterKeys(spec: ResolvedDatasetSpec): [string, string][] {
  const group = groupColumn(spec);
  return [
    ...(spec.events ? [[spec.events.key, "events.key"] as [string, string]] : []),
    ...(spec.retention ? [[spec.retention.key, "retention.key"] as [string, string]] : []),
    ...(group ? [[group, "grouping"] as [string, string]] : []),
  ];
}

/** The closed deals (won or lost), in the canonical order, with their outcome, dates and amount. */
interface ClosedDeals {
  /** The row of the deals table of each closed deal. */
  rows: Int32Array;
  won: Uint8Array;
  createdAt?: Float64Array;
  closedAt?: Float64Array;
  amount?: Float64Array;
}

/** The deals' own columns (all but the reserved ones) as attributes, and the values read as missing. */
function dealAttributes(load: LoadContext, deals: DealsRead): AttributeColumns {
  const into: AttributeColumns = { text: {}, typed: {}, metas: [], altered: [], unread: new Map() };
  const table = deals.table;
  const dealCols = table.names.map((n, j) => [n, j] as const).filter(([n]) => !deals.reserved.has(n));
  addAttributeColumns(into, { names: dealCols.map(([n]) => n), columns: dealCols.map(([, j]) => table.columns[j]), label: table.label, table: "deals", lists: table.lists, nested: table.nested }, load.spec.attributes, load.spec.date_format);
  noteMissingTokens(into, table);
  return into;
}

/**
 * Closed deals only, in the canonical order (by deal id, which is unique), so that the same
 * rows in any order give the same table and the same files.
 */
function closedDeals(deals: DealsRead): ClosedDeals {
  const closed: number[] = [];
  for (let r = 0; r < deals.table.rows; r++) if (deals.outcome.codes[r] !== 2) closed.push(r);
  const rows = Int32Array.from(canonicalOrder(closed, deals.ids));
  const pickF = (a: Float64Array | undefined) => (a ? Float64Array.from(rows, (r) => a[r]) : undefined);
  const won = Uint8Array.from(rows, (r) => (deals.outcome.codes[r] === 1 ? 1 : 0));
  return { rows, won, createdAt: pickF(deals.createdAt), closedAt: pickF(deals.closedAt), amount: pickF(deals.amount) };
}

/** The trimmed text of a key column (of the deals or a joined table) for each closed deal; throws when there is no such column. */
function closedDealKeys(load: LoadContext, deals: DealsRead, into: AttributeColumns, rows: Int32Array, name: string, field: string): (string | null)[] {
  const { values: source, available } = dealsTextColumn(deals.reserved, deals.table, into.text, name);
  if (!source) {
    const near = nearestName(name, available);
    throw new DatasetError(`deals have no column "${name}" (they have: ${available.join(", ")})`, { file: load.specFile, field, value: name }, near ? `did you mean "${near}"?` : "name a column of deals or of a join");
  }
  return Array.from(rows, (r) => (source[r] === null ? null : source[r]!.trim()));
}

/** Throws when `attributes:` names a column that is in no table (event features aside). */
function checkAttributeNames(load: LoadContext, metas: AttributeMeta[]): void {
  for (const name of Object.keys(load.spec.attributes))
    if (!metas.some((m) => m.name === name) && !isEventFeatureName(name)) {
      const near = nearestName(name, metas.map((m) => m.name));
      throw new DatasetError(`no column "${name}" in deals or joined tables`, { file: load.specFile, field: `attributes.${name}` }, near ? `did you mean "${near}"?` : `name one of: ${metas.map((m) => m.name).join(", ")}`);
    }
}

/**
 * Builds the behavioural features as of each closed deal's scoring point (created_at, else
 * closed_at with a warning, else none with a warning) and adds them to the attributes and columns.
 */
async function addEventFeatures(
  load: LoadContext,
  events: NonNullable<ResolvedDatasetSpec["events"]>,
  closed: ClosedDeals,
  keysOf: KeysOf,
  metas: AttributeMeta[],
  columns: Record<string, Column>,
): Promise<{ report: NonNullable<LoadReport["events"]>; decayed: DecayedColumns; warnings: string[] }> {
  const deals = load.spec.deals;
  load.progress("building behavioural features");
  const keys = keysOf(events.key);
  const warnings: string[] = [];
  let at: Float64Array;
  let description: string;
  if (closed.createdAt) [at, description] = [closed.createdAt, `created_at (${deals.created_at})`];
  else if (closed.closedAt) {
    [at, description] = [closed.closedAt, `closed_at (${deals.closed_at}), as no created_at is given`];
    warnings.push("events: no created_at; behavioural features are cut at the close date and may reflect the sales process itself (set deals.created_at)");
  } else {
    at = new Float64Array(closed.rows.length).fill(Number.MAX_SAFE_INTEGER);
    description = "none: no created_at or closed_at, every event counts";
    warnings.push("events: the deals have no dates, so events cannot be cut at a scoring point; behavioural features may leak the outcome");
  }
  const f = await eventFeatures(load.db, events, load.tableAt("events"), { keys, at, description }, {
    missing: load.spec.missing, dateFormat: load.spec.date_format, timeZone: load.spec.timezone, taken: new Set(metas.map((m) => m.name)), onProgress: load.progress,
    decays: DECAY_HALF_LIVES.map((halfLifeDays) => ({ windowDays: Math.max(...events.windows), halfLifeDays })),
  });
  metas.push(...f.attributes);
  Object.assign(columns, f.columns);
  for (const [name, o] of Object.entries(load.spec.attributes)) {
    const m = f.attributes.find((a) => a.name === name);
    if (m && o.role) m.role = o.role;
  }
  return { report: f.report, decayed: f.decayed, warnings: [...warnings, ...f.warnings] };
}

/**
 * The warning when the retention is the outcome itself: its flag is the outcome's column, read
 * from the deals' own table, and the outcome has lost values (won = retained). The retention
 * analysis and the expected value's retention then restate the win analysis.
 */
function restatedRetention(spec: ResolvedDatasetSpec): string[] {
  const { retention, deals } = spec;
  if (!retention?.retained || deals.outcome.lost.length === 0 || retention.retained.column !== deals.outcome.column) return [];
  const source = (t: { file?: string; sheet?: string | number; sql?: string }) => JSON.stringify([t.file ?? null, t.sheet ?? null, t.sql ?? null]);
  if (source(retention) !== source(deals)) return [];
  return [
    `retention reads "${retention.retained.column}", the outcome's column in the deals' own table: the drivers of retention and the expected value's retention restate the win analysis; drop \`retention:\`, or keep every row won (a customer list) to analyse retention alone`,
  ];
}

/** Reads the retention of the won deals, by their retention key. */
async function readRetention(load: LoadContext, retention: NonNullable<DatasetSpec["retention"]>, keysOf: KeysOf, won: Uint8Array): ReturnType<typeof retentionTable> {
  load.progress("reading retention");
  return retentionTable(load.db, retention, load.tableAt("retention"), { keys: keysOf(retention.key), won }, { missing: load.spec.missing, dateFormat: load.spec.date_format, timeZone: load.spec.timezone });
}

/** The columns the spec joins tables on (the joins', the events' and the retention's keys). */
function keyColumns(spec: ResolvedDatasetSpec): Set<string> {
  return new Set([...spec.join.map(joinKey), ...(spec.events ? [spec.events.key] : []), ...(spec.retention ? [spec.retention.key] : [])]);
}

/** Excludes the key columns from the attributes, unless the spec gives them a role. */
function excludeKeys(metas: AttributeMeta[], keys: ReadonlySet<string>, overrides: ResolvedDatasetSpec["attributes"]): void {
  for (const m of metas)
    if (keys.has(m.name) && !overrides[m.name]?.role) {
      m.role = "exclude";
      m.reason = "a key used to join tables";
    }
}

/** Warnings about weak data: deals a join did not match, deals closed before they were created, few closed deals. */
function dataWarnings(spec: DatasetSpec, joins: JoinReport[], read: number, closed: ClosedDeals): string[] {
  const warnings: string[] = [];
  for (const j of joins)
    if (j.unmatched > 0) warnings.push(`join ${j.table}: ${j.unmatched} of ${read} deals found no row (e.g. ${describeUnmatchedKeys(j.examples, j.table)}); their columns from it are missing`);
  const { createdAt, closedAt } = closed;
  if (createdAt && closedAt) {
    let bad = 0;
    for (let i = 0; i < createdAt.length; i++) if (closedAt[i] < createdAt[i]) bad++;
    if (bad) warnings.push(`${bad} closed deals close before they were created; check ${spec.deals.created_at} and ${spec.deals.closed_at}`);
  }
  if (closed.rows.length < 200) warnings.push(`only ${closed.rows.length} closed deals: intervals will be wide and few attributes can be shown to matter`);
  return warnings;
}

/** The date range of the closed deals, the holdout resolved against it, and the warnings about future dates and a defaulted holdout. */
interface Dated {
  dateRange: LoadReport["dateRange"];
  holdout: Holdout;
  future: ReturnType<typeof checkFutureDates>;
  warnings: string[];
}

/** Resolves the date range of the closed deals (close dates, else creation dates) and the holdout, and checks for dates after `asOf`. */
function datesAndHoldout(load: LoadContext, label: string, closed: ClosedDeals, asOf: number): Dated {
  const { spec } = load;
  const { rows, createdAt, closedAt } = closed;
  const dates = closedAt ?? createdAt;
  const dateColumn = closedAt ? spec.deals.closed_at! : spec.deals.created_at;
  const calendar = dates && dateColumn ? calendarRange(dates, load.spec.timezone) : undefined;
  const dateRange: LoadReport["dateRange"] = calendar && { ...calendar, column: dateColumn! };
  const { holdout, newest } = resolveHoldout(spec, dateRange, dates);
  const future = checkFutureDates(
    [[spec.deals.created_at, createdAt], [spec.deals.closed_at, closedAt]],
    { asOf, rowOf: (i) => rows[i] + 1, label, holdout, holdoutDates: dates, timeZone: load.spec.timezone },
  );
  const warnings = [...future.warnings];
  if (!spec.holdout) warnings.push(`holdout: none given; using ${holdout.by === "time" ? `the last ${holdout.lastDays} days (time)${newest ? `, which hold the newest fifth of the deals (the last ${newest.spanDays} days held ${newest.deals})` : ""}` : `a random ${holdout.fraction} (seed ${holdout.seed})`}`);
  return { dateRange, holdout, future, warnings };
}

/** The deals' groups (the first key other than the deal id that several deals share), if any. */
function dealGroups(spec: ResolvedDatasetSpec, keysOf: KeysOf): { groups: NonNullable<DealTable["groups"]>; grouping: NonNullable<LoadReport["grouping"]> } | undefined {
  const column = groupColumn(spec);
  if (!column) return undefined;
  const keys = keysOf(column);
  const sizes = new Map<string, number>();
  for (const k of keys) if (k !== null) sizes.set(k, (sizes.get(k) ?? 0) + 1);
  const largest = Math.max(0, ...sizes.values());
  return largest > 1 ? { groups: { column, keys }, grouping: { column, groups: sizes.size, largest } } : undefined;
}

/** The column deals are grouped by: the first key other than the deal id (the events', a join's, the retention's). */
function groupColumn(spec: ResolvedDatasetSpec): string | undefined {
  return [spec.events?.key, ...spec.join.map(joinKey), spec.retention?.key].find((c): c is string => c !== undefined && c !== spec.deals.id);
}

/** The table of closed deals, with where its columns came from. */
function assembleTable(
  load: LoadContext,
  read: ClosedDealsRead,
  parts: Pick<DealTableParts, "attributes" | "columns" | "decayed" | "retention" | "holdout" | "groups">,
): DealTable {
  const { spec } = load;
  const { closed } = read;
  return new DealTable({
    name: spec.name,
    ids: read.ids,
    won: closed.won,
    createdAt: closed.createdAt,
    closedAt: closed.closedAt,
    amount: closed.amount,
    ...(read.amountCurrency ? { amountCurrency: read.amountCurrency } : {}),
    ...parts,
    sources: {
      id: spec.deals.id,
      ...(spec.deals.created_at ? { scoringPoint: spec.deals.created_at } : {}),
      ...(spec.events
        ? { events: { key: spec.events.key, time: spec.events.time, type: spec.events.type, ...(spec.events.value ? { value: spec.events.value } : {}), windows: [...spec.events.windows] } }
        : {}),
      keep: Object.entries(load.spec.attributes).filter(([, a]) => a.keep).map(([name]) => name).sort(),
      informativeMissing: Object.entries(load.spec.attributes).filter(([, a]) => a.missing === "informative").map(([name]) => name).sort(),
      missing: [...load.spec.missing],
      timeZone: load.spec.timezone,
      ...(load.spec.date_format ? { dateFormat: load.spec.date_format } : {}),
    },
  });
}

/** What the load report gathers from the phases besides the deals and the attributes. */
interface ReportParts {
  joins: JoinReport[];
  events?: LoadReport["events"];
  retention?: LoadReport["retention"];
  dated: Dated;
  grouping?: LoadReport["grouping"];
  warnings: string[];
}

/** The load report: what was read, excluded and altered, the joins, events and retention, and each attribute's facts. */
function assembleReport(spec: DatasetSpec, read: ClosedDealsRead, into: ClosedDealsRead["attributes"], columns: Record<string, Column>, parts: ReportParts): LoadReport {
  const { outcome, closed } = read;
  const n = closed.rows.length;
  const attributes: AttributeReport[] = into.metas.map((m) => ({
    name: m.name, type: m.type, role: m.role, source: m.source, table: m.table, ...(m.reason ? { reason: m.reason } : {}),
    missing: n ? countMissing(columns[m.name]) / n : 0,
    distinct: countDistinct(columns[m.name]),
    ...(into.unread.has(m.name) ? { unread: into.unread.get(m.name) } : {}),
  }));
  const open = read.rows - n;
  const { dateRange, future } = parts.dated;
  return {
    dataset: spec.name,
    deals: { table: read.label, read: read.rows, won: outcome.won, lost: outcome.lost, open, dropped: open, openValues: outcome.openValues,
      ...(outcome.nearValues.length ? { nearValues: outcome.nearValues } : {}),
      ...(outcome.foldedValues.length ? { foldedValues: outcome.foldedValues } : {}),
    },
    excluded: open ? [{ reason: "open deal (outcome neither won nor lost): not trained on", rows: open, examples: outcome.openValues.slice(0, 5).map((v) => v.value) }] : [],
    altered: into.altered,
    joins: parts.joins,
    ...(parts.events ? { events: parts.events } : {}),
    ...(parts.retention ? { retention: parts.retention } : {}),
    ...(dateRange ? { dateRange } : {}),
    ...(future.dates.length ? { futureDates: future.dates } : {}),
    ...(parts.grouping ? { grouping: parts.grouping } : {}),
    attributes,
    warnings: parts.warnings,
  };
}

/**
 * Rows sorted by their (unique, trimmed) id, compared by code point: the order every table is
 * computed in, whatever the order of the file or of a `sql:` query without ORDER BY.
 */
function canonicalOrder(rows: number[], ids: (string | null)[]): number[] {
  const key = (r: number) => ids[r]!.trim();
  return rows.sort((a, b) => compareText(key(a), key(b)));
}

/**
 * The holdout the spec gives, else the last 20% of the date range, at least 90 days (a quarter
 * of seasons) but never more than half the range (deals closed over a few months still leave
 * their first half to train on), or, when those days hold too few deals, the days that hold the
 * newest fifth of them (`newest` says so; see {@link newestFifth}); else a random quarter.
 */
function resolveHoldout(spec: ResolvedDatasetSpec, range: LoadReport["dateRange"], dates?: ArrayLike<number>): { holdout: Holdout; newest?: { spanDays: number; deals: number } } {
  const h = spec.holdout;
  if (h?.by === "time") return { holdout: { by: "time", lastDays: h.last_days } };
  if (h?.by === "random") return { holdout: { by: "random", fraction: h.fraction, seed: h.seed } };
  if (range) {
    const span = (Date.parse(range.to) - Date.parse(range.from)) / DAY;
    const lastDays = Math.max(1, Math.round(Math.min(Math.max(90, span * 0.2), span / 2)));
    const newest = dates && newestFifth(dates, lastDays);
    return newest ? { holdout: { by: "time", lastDays: newest.lastDays }, newest: { spanDays: lastDays, deals: newest.held } } : { holdout: { by: "time", lastDays } };
  }
  return { holdout: { by: "random", fraction: 0.25, seed: DEFAULT_HOLDOUT_SEED } };
}
/**
 * When the deals are bunched in time (most of them a year before a few late ones), the last
 * `lastDays` days by the span hold too few deals to test on (fewer than {@link MIN_HOLDOUT_ROWS}
 * or a tenth of the dated deals): then the days that hold the newest fifth of them (the
 * k = ⌈n / 5⌉ newest and any dated as the k-th), as `splitHoldout` cuts (date > newest − days).
 * Undefined when the span's days hold enough.
 */
function newestFifth(dates: ArrayLike<number>, lastDays: number): { lastDays: number; held: number } | undefined {
  const dated = Array.from(dates).filter((t) => !Number.isNaN(t)).sort((a, b) => b - a);
  if (dated.length === 0) return undefined;
  const held = dated.filter((t) => t > dated[0] - lastDays * DAY).length;
  if (held >= Math.max(MIN_HOLDOUT_ROWS, 0.1 * dated.length)) return undefined;
  const kth = dated[Math.ceil(dated.length / 5) - 1];
  const days = Math.floor((dated[0] - kth) / DAY) + 1;
  return days > lastDays ? { lastDays: days, held } : undefined;
}
