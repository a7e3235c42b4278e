import { readdirSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { openDuckDB } from "../data/duckdb-session";
import { DEFAULT_MISSING } from "../data/resolve-dataset-spec";
import { parseDate } from "../data/parse-date";
import { fieldName, parseBoolean } from "../data/infer-attribute";
import { excelSheetNames } from "../data/read-excel";
import { checkFileContent } from "../data/file-content";
import { describeNumberFormat, detectNumberFormat, readNumberText } from "../data/number-format";
import { placeholderCheck, placeholderValues } from "../data/placeholder-values";
import { isCsvFile, readTextTable, type ReadTextOptions, type TextTable } from "../data/read-table";
import { describeUnmatchedKeys } from "../data/unmatched-keys";
import { DatasetError } from "../formats/dataset-error";
import type { DatasetSpec } from "../formats/dataset-spec";
import { columnFacts, type ColumnFacts } from "./column-facts";
import { dayMonthAmbiguous, wallClockTime } from "./date-format";
import { findJoin } from "./find-join";
import { churnFlag, findChurnFlag } from "./churn-flag";
import { findOutcome, isClosedSpelling, lastColumnFlag, LOST_SPELLINGS, type OutcomeChoice } from "./outcome-values";
import { specYaml, type SpecComments } from "./spec-yaml";
import { findWonTable, type WonTable } from "./won-table";
import { quoteIdentifier, quoteString } from "../sql/quoting";
import { formatPercent } from "../format/percent";

/** The files `leadlab init` inspects, by extension. */
export const INIT_EXTENSIONS = [".csv", ".tsv", ".xlsx", ".parquet", ".ndjson", ".jsonl", ".json"] as const;

/** A drafted dataset spec: the commented YAML, the spec itself, what was chosen and what to check. */
export interface DraftedSpec {
  yaml: string;
  spec: DatasetSpec;
  choices: string[];
  checks: string[];
}

interface Inspected {
  file: string;
  /** The sheet of a workbook with more than one. */
  sheet?: string;
  /** The rows read (those of the sample, when sampled). */
  rows: number;
  /** Inspected as a sample: the table's rows, of which `rows` were read, 1 in `every`. */
  sampled?: TextTable["sampled"];
  columns: ColumnFacts[];
  /** The text of each column, by name, row-aligned (`null` = missing). */
  text: Map<string, (string | null)[]>;
}

/** The rows of an inspected table, all of them when it was sampled. */
const allRows = (t: Inspected) => t.sampled?.rows ?? t.rows;

const name = (re: RegExp) => (c: ColumnFacts) => re.test(c.name);

const ID_NAME = /(^|[^a-z])(id|key)$|[a-z]Id$|^id$/i;
/**
 * Names of a measure of the buyer rather than of the deal: `AnnualRevenue`, `company_size`,
 * `Client Size By Revenue`, `NumberOfEmployees` (a customer's lifetime value stays an amount: a
 * customer list's value is the customer's).
 */
const COMPANY_MEASURE = /annual|compan|employee|client|organi[sz]ation/i;
/** Names of a change or a share rather than an amount: `OrderAmountHikeFromlastYear`, `amount_growth_pct`, `price_ratio`. */
const RELATIVE_MEASURE = /hike|growth|increase|decrease|change|percent|pct|ratio|rate\b|share/i;
const FREE_TEXT = /name$|description|notes?$|comment|feedback|subject|e-?mail|phone|url|website|address/i;

/**
 * When the outcome is a won flag (`IsWon`), whose false covers lost and open deals alike: the
 * check naming the stages of a stage column among the deals it drafts as lost that are no lost
 * spelling (`"IsWon" = 0 also holds deals whose "StageName" is "Open" (20 rows)`), or undefined.
 */
function openUnderFlag(deals: Inspected, outcome: OutcomeChoice): string | undefined {
  const flag = deals.columns.find((c) => c.name === outcome.column);
  if (!flag || !(flag.boolean || flag.numeric)) return undefined;
  const values = deals.text.get(outcome.column)!;
  // A stage column says won or lost for some deals ("Marital_Status" is no stage).
  const stages = deals.columns.filter((c) => c !== flag && !c.boolean && !c.numeric && /stage|status|outcome|result/i.test(c.name) && [...c.distinct].some(isClosedSpelling));
  for (const stage of stages) {
    const counts = new Map<string, number>();
    deals.text.get(stage.name)!.forEach((v, r) => {
      const f = values[r]?.trim();
      if (v !== null && f !== undefined && outcome.lost.includes(f) && !(LOST_SPELLINGS as readonly string[]).includes(v.trim().toLowerCase()))
        counts.set(v.trim(), (counts.get(v.trim()) ?? 0) + 1);
    });
    if (!counts.size) continue;
    const listed = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([v, n]) => `"${v}" (${n} row${n === 1 ? "" : "s"})`);
    return `"${outcome.column}" = ${outcome.lost.join("/")} also holds deals whose "${stage.name}" is ${listed.join(", ")}${counts.size > 5 ? ", …" : ""}: they are drafted as lost; if they are still open, set deals.outcome to the "${stage.name}" values that mean won and lost`;
  }
  return undefined;
}

/**
 * The most rows `init` reads of a table: a longer one (an event log of millions) is inspected as
 * a sample of about this many rows (see {@link ReadTextOptions}), unless the draft takes it for
 * the deals or a lookup, which are then read whole.
 */
const INSPECT_ROWS = 500_000;

/**
 * Inspects the CSV, Excel, Parquet and NDJSON files of a folder and drafts a `dataset.yaml`
 * that loads as is: the deals table (unique id, outcome column and its won / lost values,
 * created and closed dates with their format, amount), joins found by value overlap (their match
 * rates in comments), an event log and retention data when present, and identifiers and free
 * text excluded with reasons. Reads every file with DuckDB, as the loader does; writes nothing.
 * A table of more than `options.sampleAbove` rows (default {@link INSPECT_ROWS}) is inspected as
 * a sample, by the hash of each row's values (so the same in any row order): enough to tell an
 * event log's key, time and type, whose figures the draft then says are estimates; a sampled
 * table the draft takes for the deals or a lookup is read again whole, and the draft made again.
 *
 * @example
 * import { draftDatasetSpec } from "leadlab";
 * const { spec } = await draftDatasetSpec("data/sample");
 * spec.deals.outcome; // => { column: "stage", won: ["Closed Won"], lost: ["Closed Lost"] }
 */
export async function draftDatasetSpec(folder: string, options: { sampleAbove?: number } = {}): Promise<DraftedSpec> {
  const dir = resolve(folder);
  const files = readdirSync(dir).filter((f) => (INIT_EXTENSIONS as readonly string[]).includes(extname(f).toLowerCase())).sort();
  const db = await openDuckDB(dir);
  try {
    const sampleAbove = options.sampleAbove ?? INSPECT_ROWS;
    const inspections = await inspectFiles(db, dir, files, sampleAbove);
    for (;;) {
      let exact: Inspected[];
      try {
        const drafted = draftFrom(dir, inspections);
        if (!drafted.exact.some((t) => t.sampled)) return drafted.spec;
        exact = drafted.exact;
      } catch (e) {
        // Drafted from samples, a failure may be theirs: read them whole and draft again.
        exact = inspections.flatMap((i) => (i.table?.sampled ? [i.table] : []));
        if (exact.length === 0) throw e;
      }
      // By name: the deals drafted from a table (its rows numbered, say) are a new object.
      const partial = new Set(exact.filter((t) => t.sampled).map(label));
      for (const [at, { table }] of inspections.entries()) if (table && partial.has(label(table))) inspections[at] = await inspectTable(db, dir, table.file, table.sheet);
    }
  } finally {
    db.closeSync();
  }
}

/** A file (or a sheet of a workbook) as init read it: its table, unless it could not be read, and what was noted on the way (a footer left out, the reason it was not read). */
interface Inspection {
  table?: Inspected;
  notes: string[];
}

/** Each file of the folder, and each sheet of a workbook of several, inspected (a table of more than `sampleAbove` rows as a sample). */
async function inspectFiles(db: DuckDBConnection, dir: string, files: readonly string[], sampleAbove: number): Promise<Inspection[]> {
  const inspections: Inspection[] = [];
  for (const file of files) {
    let sheets: (string | undefined)[] = [undefined];
    try {
      // A workbook's sheets are listed before its table is read (which checks every file's content): text named .xlsx is named as such first.
      if (extname(file).toLowerCase() === ".xlsx") {
        checkFileContent(join(dir, file), undefined);
        sheets = excelSheetNames(join(dir, file));
      }
      if (sheets.length < 2) sheets = [undefined];
    } catch (e) {
      inspections.push({ notes: [`${file} was not read: ${(e as Error).message.split("\n")[0]}`] });
      continue;
    }
    for (const sheet of sheets) inspections.push(await inspectTable(db, dir, file, sheet, sampleAbove));
  }
  return inspections;
}

/** One table read as text and its columns' facts; with `sampleAbove`, a longer one as a sample. */
async function inspectTable(db: DuckDBConnection, dir: string, file: string, sheet: string | undefined, sampleAbove?: number): Promise<Inspection> {
  const notes: string[] = [];
  try {
    const ctx = { specFile: join(dir, "dataset.yaml"), field: file, baseDir: dir, draft: true, onNote: (note: string) => notes.push(note) };
    const t = await readTextTable(db, { file, sheet }, ctx, DEFAULT_MISSING, { sampleAbove });
    const columns = t.names.map((n, j) => columnFacts(n, t.columns[j]));
    return { table: { file, ...(sheet ? { sheet } : {}), rows: t.rows, ...(t.sampled ? { sampled: t.sampled } : {}), columns, text: new Map(t.names.map((n, j) => [n, t.columns[j]])) }, notes };
  } catch (e) {
    return { notes: [...notes, `${sheet ? `${file} [${sheet}]` : file} was not read: ${(e as Error).message.split("\n")[0]}`] };
  }
}

/**
 * The draft from the inspected tables (see {@link draftDatasetSpec}), and the tables it relies on
 * row by row (`exact`: the deals, the tables they are drafted from, the lookups; not the events,
 * whose figures are shares).
 */
function draftFrom(dir: string, inspections: readonly Inspection[]): { spec: DraftedSpec; exact: Inspected[] } {
  const checks: string[] = inspections.flatMap((i) => i.notes);
  const choices: string[] = [];
  const comments: SpecComments = { top: [], fields: {} };
  const tables = inspections.flatMap((i) => (i.table ? [i.table] : []));
  if (tables.length === 0)
    throw new DatasetError(
      `no readable CSV, Excel, Parquet or NDJSON file${checks.length ? ` (${checks.join("; ")})` : ""}`,
      { file: dir },
      `put the exports (${INIT_EXTENSIONS.join(", ")}) in the folder, with a header row`,
    );

  // The deals table: the one with an outcome column (a history of the deals' stages, such as
  // Salesforce's OpportunityHistory, last; deal-like names first), else a customer list.
  const history = (t: Inspected) => Number(/histor|snapshot|audit|changes?\b|[^a-z]log\b/i.test(t.file));
  const withOutcome = tables
    .map((t) => ({ t, outcome: findOutcome(t.columns) }))
    .filter((x): x is { t: Inspected; outcome: OutcomeChoice } => !!x.outcome)
    .sort((a, b) => history(a.t) - history(b.t) || Number(/deal|opportunit|opp/i.test(b.t.file)) - Number(/deal|opportunit|opp/i.test(a.t.file)) || allRows(b.t) - allRows(a.t));
  let deals: Inspected, outcome: OutcomeChoice;
  let dealsSource: { file: string; sheet?: string } | { sql: string } | undefined;
  const pair = withOutcome.length ? undefined : findWonTable(tables);
  // A folder of one table and no column named as the outcome: a prepared dataset's last column, when it is a flag.
  const lastFlag = withOutcome.length || pair || tables.length !== 1 ? undefined : lastColumnFlag(tables[0].columns);
  const chosen = withOutcome[0] ?? (lastFlag && { t: tables[0], outcome: lastFlag });
  if (chosen) {
    ({ t: deals, outcome } = chosen);
    choices.push(`deals: ${label(deals)} (${deals.rows} rows); outcome column "${outcome.column}": ${outcome.why}`);
    if (withOutcome.length > 1) checks.push(`other tables also have outcome-like columns: ${withOutcome.slice(1).map((x) => `${label(x.t)} "${x.outcome.column}"`).join(", ")}`);
    if (lastFlag)
      checks.push(
        `"${outcome.column}" is the outcome by its place alone (no column is named like a stage, a won or a response flag): check that ${outcome.won.map((v) => `"${v}"`).join(", ")} means won, or set deals.outcome to the column that says so`,
      );
  } else if (pair) {
    ({ deals, outcome, source: dealsSource } = leadsWithOutcome(pair));
    choices.push(`deals: ${label(pair.leads)} (${pair.leads.rows} rows), each lead won when its "${pair.key}" is in ${label(pair.won)} (${pair.matched} of its ${pair.wonKeys} keys found)`);
    checks.push(
      `leads not in ${label(pair.won)} are drafted as lost: recent ones may still be open (shorten the data or hold out by time); ${label(pair.won)}'s other columns exist for won deals only, so they are not joined (they would leak the outcome)`,
    );
  } else {
    ({ deals, outcome } = customerList(tables, dir));
    choices.push(`deals: ${label(deals)} (${deals.rows} rows) as a customer list: ${outcome.why}`);
    checks.push(`no won/lost column found: ${label(deals)} is drafted as a customer list (win analysis is skipped); set deals.outcome if a column says won or lost`);
    const churn = churnFlag(deals.columns.find((c) => c.name === outcome.column)!);
    if (churn)
      checks.push(
        `"${outcome.column}" is a churn flag: drafted as a customer list, every customer counts as won (the drivers of retention and the personas read it so), and \`leadlab tune\` needs lost deals too; to rank customers by who stays, set deals.outcome to { column: ${JSON.stringify(outcome.column)}, won: ${JSON.stringify(churn.retained)}, lost: ${JSON.stringify(churn.churned)} } and drop \`retention:\` (it would restate the outcome)`,
      );
  }
  if (outcome.open.length) checks.push(`outcome values read as open (not trained on): ${outcome.open.slice(0, 10).map((v) => `"${v}"`).join(", ")}${outcome.open.length > 10 ? ", …" : ""}`);
  const hidden = openUnderFlag(deals, outcome);
  if (hidden) checks.push(hidden);

  let id = pickId(deals.columns);
  // the inspected table the deals are read from, when they are drafted anew from it
  let numbered: Inspected | undefined;
  if (!id && !dealsSource && extname(deals.file).toLowerCase() !== ".xlsx") {
    numbered = deals;
    ({ deals, id, source: dealsSource } = withRowIds(deals));
    checks.push(`${label(deals)} has no id column (no column unique on every row): each deal's id is drafted from its values (the first 16 hex digits of their MD5, then its number among identical rows), so it is the same in any row order; export the CRM's record id to use it instead`);
  }
  if (!id)
    throw new DatasetError(
      "no column has a unique value on every row to serve as the deal id",
      { file: join(dir, label(deals)) },
      `export the deal id (e.g. Record ID, Id, Deal - ID) with the deals; if the export has none (one row per deal), export the sheet as CSV: init then drafts each deal's id from its values`,
    );
  choices.push(id.name === ROW_ID ? `id: "${id.name}" (drafted from each row's values)` : `id: "${id.name}" (unique on all ${deals.rows} rows)`);

  const dates = deals.columns.filter((c) => c.dateFormat && c !== id);
  // engage_date: when a deal entered the pipeline in Maven's CRM sales-opportunities export
  const created = dates.find(name(/creat|add(ed)?\s*(time|date|on)|open(ed)?\s*date|first.?contact|engage/i)) ?? dates.find(name(/sign_?up|start/i));
  const closed = dates.find(name(/close/i)) ?? dates.find(name(/won\s*(time|date)|win\s*date/i));
  const formats = new Set([created, closed].filter((c): c is ColumnFacts => !!c).map((c) => c.dateFormat!));
  const dateFormat = [...formats].find((f) => f !== "ISO");
  if (formats.size > 1) checks.push(`created and closed dates have different formats (${[...formats].join(", ")}); one date_format applies to every column: convert one of them`);
  for (const c of [created, closed]) if (c && c.dateFormat !== "ISO" && dayMonthAmbiguous(c.values, c.dateFormat!)) checks.push(`"${c.name}" reads as month/day and as day/month; ${c.dateFormat} was chosen, check it`);
  if (created) choices.push(`created_at: "${created.name}" (${created.dateFormat})`);
  else {
    const dateCodes = deals.columns.filter((c) => namedAsDate(c.name) && readsAsNumbers(c)).map((c) => `"${c.name}"`);
    const why = dateCodes.length ? ` (${dateCodes.slice(0, 5).join(", ")}${dateCodes.length > 5 ? ", …" : ""} ${dateCodes.length > 1 ? "are" : "is"} named as a date but ${dateCodes.length > 1 ? "hold" : "holds"} numbers: export the dates as the CRM writes them, e.g. 2024-03-01)` : "";
    checks.push(`no created date found${why}: events cannot be cut at the scoring point; set deals.created_at if there is one`);
  }
  if (closed) {
    choices.push(`closed_at: "${closed.name}" (${closed.dateFormat})`);
    if (closed.missing) checks.push(`closed_at "${closed.name}" is missing on ${closed.missing} of ${deals.rows} rows${/won/i.test(closed.name) ? " (a won time exists only for won deals)" : ""}`);
  }
  // A deal's value, not its company's size: Salesforce's AnnualRevenue, a company_size or a client's revenue describe the buyer.
  const amount = deals.columns.find(
    (c) => c.distinct.size > 1 && readsAsNumbers(c) && !ID_NAME.test(c.name) && /amount|value|revenue|\barr\b|\bmrr\b|acv|price|charges?\b|size/i.test(c.name) && !COMPANY_MEASURE.test(c.name) && !RELATIVE_MEASURE.test(c.name),
  );
  if (amount) choices.push(`amount: "${amount.name}"${amount.numeric ? "" : ` (${describeNumberFormat(detectNumberFormat(amount.values))})`}`);
  else checks.push("no amount column found (a column named like amount, value, revenue, ARR, MRR, ACV, price, charges or size, of the deal rather than of the buyer (not AnnualRevenue or company_size) and not a change or a share, whose values all read as numbers, not all the same); set deals.amount if there is one");
  const reserved = new Set([id.name, outcome.column, created?.name, closed?.name, amount?.name].filter((x): x is string => !!x));

  // Joins: many-to-one lookups by value overlap, against deals and earlier joins, in passes
  // until none is found (a lookup keyed by a column of another lookup joins after it, whatever
  // the files' names: contacts by the ContactID of leads joined by the LeadID of activities).
  const available: ColumnFacts[] = [...deals.columns];
  const attributeNames = new Map<ColumnFacts, string>(deals.columns.filter((c) => !reserved.has(c.name)).map((c) => [c, c.name]));
  const joins: NonNullable<DatasetSpec["join"]> = [];
  const used = new Set<Inspected>([deals, ...(numbered ? [numbered] : []), ...(pair ? [pair.leads, pair.won] : [])]);
  const lookups = function* () {
    for (let found = true; found; ) {
      found = false;
      for (const t of tables.filter((x) => !used.has(x))) {
        // never by the outcome: a lookup of the stages (OpportunityHistoryGroup.csv) would bring the outcome in under other names
        // A sample holds 1 in `every` of a lookup's keys: a looser bar, the table then read whole confirms it.
        const j = findJoin(available.filter((c) => c !== id && c.name !== outcome.column), t.columns, t.sampled ? 0.4 / t.sampled.every : undefined, t.file);
        if (!j) continue;
        found = true;
        yield { t, j };
      }
    }
  };
  for (const { t, j } of lookups()) {
    used.add(t);
    const rate = j.matched / j.withKey;
    joins.push({ ...source(t), on: j.dealsColumn === j.tableColumn ? j.dealsColumn : { deals: j.dealsColumn, table: j.tableColumn } });
    comments.fields[`join.${joins.length - 1}`] = `${j.matched} of ${j.withKey} deals with a "${j.dealsColumn}" find a row (${pct(rate)}); ${t.rows} rows in ${label(t)}`;
    choices.push(`join: ${label(t)} on "${j.dealsColumn}" = "${j.tableColumn}", ${pct(rate)} of deals match`);
    if (rate < 0.95) checks.push(`join ${label(t)}: only ${pct(rate)} of deals match on "${j.dealsColumn}" (no row for ${describeUnmatchedKeys(j.unmatched, label(t))}); check the key`);
    const base = basename(t.file, extname(t.file));
    for (const c of t.columns) {
      if (c.name === j.tableColumn) continue;
      const taken = reserved.has(c.name) || [...attributeNames.values()].includes(c.name);
      attributeNames.set(c, taken ? `${base}_${c.name}` : c.name);
      available.push(taken ? { ...c, name: `${base}_${c.name}` } : c);
    }
  }
  const availableNames = new Set(available.map((c) => c.name));

  // Events: a many-rows-per-key table with a time and a type column, keyed by a deals column of the same name.
  const firstPoint = new Map<string, Map<string, number>>();
  if (created) {
    const at = deals.text.get(created.name)!.map((v) => (v === null ? NaN : parseDate(v, dateFormat)));
    for (const c of deals.columns) {
      const m = new Map<string, number>();
      deals.text.get(c.name)!.forEach((k, r) => {
        if (k !== null && !Number.isNaN(at[r])) m.set(k.trim(), Math.min(m.get(k.trim()) ?? Infinity, at[r]));
      });
      firstPoint.set(c.name, m);
    }
  }
  const events = pickEvents(tables.filter((t) => !used.has(t)), available, availableNames, firstPoint, checks);
  if (events) {
    used.add(events.table);
    const sampled = events.table.sampled;
    comments.fields.events = `${allRows(events.table)} events; ${pct(events.rate)} of their "${events.key}" values are deals' keys${sampled ? ` (in a sample of 1 in ${sampled.every})` : ""}`;
    if (sampled)
      checks.push(
        `${label(events.table)} has ${sampled.rows.toLocaleString("en-US")} rows: init inspected ${events.table.rows.toLocaleString("en-US")} of them (1 in ${sampled.every}, picked by a hash of each row's values), so its share of deals' keys is an estimate; \`leadlab validate\` reads every row`,
      );
    choices.push(`events: ${label(events.table)}, key "${events.key}", time "${events.time.name}", type "${events.type.name}"${events.value ? `, value "${events.value.name}"` : ""}`);
    if (events.time.dateFormat !== "ISO" && events.time.dateFormat !== dateFormat) checks.push(`event times in ${label(events.table)} are ${events.time.dateFormat}, but date_format is ${dateFormat ?? "ISO"}; convert them`);
  }
  const wallClock = [created, closed, events?.time].flatMap((c) => {
    const example = c && wallClockTime(c.values);
    return example ? [{ name: c.name, example }] : [];
  });
  if (wallClock.length)
    checks.push(
      `${wallClock.map((c) => `"${c.name}"`).join(", ")} ${wallClock.length > 1 ? "have" : "has"} times of day without a UTC offset (e.g. ${JSON.stringify(wallClock[0].example)}): they are read as UTC; if the export wrote local times (CRMs write the exporting user's zone), set the zone, e.g. \`timezone: America/New_York\`, so that events are cut at the right instant`,
    );

  // Retention: a churn or renewal flag, one row per key.
  const retention = pickRetention(tables, deals, id, joins, available);
  if (retention) choices.push(`retention: ${retention.spec.file}, key "${retention.spec.key}", ${retention.why}`);
  const unused = tables.filter((t) => !used.has(t) && !(t.file === retention?.spec.file && t.sheet === retention?.spec.sheet));
  if (unused.length)
    checks.push(`not used: ${unused.map(label).join(", ")} (one events table is used; a table joins only when one row per key matches a column of the deals or of a table joined to them; combine others with a \`sql:\` table)`);

  // Attributes kept out of the analysis, with reasons.
  const attributes: NonNullable<DatasetSpec["attributes"]> = {};
  const joinKeys = new Set(joins.map((j) => (typeof j.on === "string" ? j.on : j.on.deals)));
  for (const [c, as] of attributeNames) {
    if (joinKeys.has(as) || as === events?.key) continue;
    const reason = exclusionReason(c, outcome, retention?.flag === c);
    if (reason) attributes[as] = { role: "exclude", reason };
  }
  const excluded = Object.keys(attributes);
  if (excluded.length) choices.push(`excluded: ${excluded.map((n) => `"${n}"`).join(", ")}`);
  const placeholders = placeholderValues(
    [...attributeNames].filter(([, as]) => !attributes[as] && !joinKeys.has(as)).map(([c, as]) => ({ name: as, values: [...c.values, ...Array<null>(c.missing).fill(null)] })),
  );
  if (placeholders.length) checks.push(placeholderCheck(placeholders, DEFAULT_MISSING));
  checks.push("every other column is inferred by the loader: run `leadlab profile dataset.yaml` and read the roles and types it reports");

  const spec: DatasetSpec = {
    name: basename(dir),
    ...(dateFormat ? { date_format: dateFormat } : {}),
    deals: {
      ...(dealsSource ?? source(deals)),
      id: id.name,
      outcome: { column: outcome.column, won: outcome.won, lost: outcome.lost },
      ...(created ? { created_at: created.name } : {}),
      ...(closed ? { closed_at: closed.name } : {}),
      ...(amount ? { amount: amount.name } : {}),
    },
    ...(joins.length ? { join: joins } : {}),
    ...(events ? { events: { ...source(events.table), key: events.key, time: events.time.name, type: events.type.name, ...(events.value ? { value: events.value.name } : {}) } } : {}),
    ...(retention ? { retention: retention.spec } : {}),
    ...(excluded.length ? { attributes } : {}),
  };
  comments.top.push(`Drafted by \`leadlab init\` from ${tables.map(label).join(", ")}.`, "Read each choice; the checks printed by init say what to verify.");
  comments.fields["deals.outcome"] = outcome.open.length ? `any other value is an open deal: ${outcome.open.slice(0, 6).map((v) => JSON.stringify(v)).join(", ")}${outcome.open.length > 6 ? ", …" : ""}` : "any other value is an open deal";
  if (dateFormat) comments.fields.date_format = "the format of the deals' dates; applies to every date column";
  if (retention) comments.fields.retention = retention.why;
  const exact = [...used].filter((t) => t !== events?.table);
  return { spec: { yaml: specYaml(spec, comments), spec, choices, checks }, exact };
}

/**
 * Whether a column is named as a date: its last word is date or timestamp, words split at
 * anything but letters and where a lower-case letter meets an upper-case one, after a
 * Salesforce custom field's `__c` ("CreatedDate", "Stage_Change_Date__c", "event timestamp";
 * not "arrival_date_year", a date's part, nor "lead_time", a duration).
 */
function namedAsDate(column: string): boolean {
  const words = fieldName(column)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z]+/)
    .filter(Boolean);
  return /^(date|timestamp)$/i.test(words[words.length - 1] ?? "");
}

/** Whether every value of a column reads as a number, plain or as exports write them ("$12,000.00", "1.200,50 €", "12%"), as the loader reads an amount. */
function readsAsNumbers(c: ColumnFacts): boolean {
  if (c.numeric) return true;
  if (c.values.length === 0) return false;
  const { decimal } = detectNumberFormat(c.values);
  return c.values.every((v) => Number.isFinite(readNumberText(v, decimal)?.value));
}

const label = (t: Inspected) => (t.sheet ? `${t.file} [${t.sheet}]` : t.file);
const source = (t: Inspected) => ({ file: t.file, ...(t.sheet ? { sheet: t.sheet } : {}) });
const pct = (x: number) => formatPercent(x, 1);

function pickId(columns: readonly ColumnFacts[]): ColumnFacts | undefined {
  const unique = columns.filter((c) => c.unique && !c.dateFormat && !c.boolean);
  return unique.find((c) => /^(record id|id|deal.*id|opportunity.*id)$/i.test(c.name)) ?? unique.find(name(ID_NAME)) ?? unique[0];
}

/** The name of the id column drafted for a table that has none. */
const ROW_ID = "leadlab_row_id";

/**
 * A table with no id column (a CSV, Parquet or NDJSON file), as a `sql:` table whose first column
 * is an id drafted from each row's values: the first 16 hex digits of the MD5 of the row's values
 * as text, in the order of the columns, joined by a unit separator (a missing value as a NUL),
 * then `-` and the row's number among identical rows. The id depends on the values only, so the
 * same rows in any order get the same ids (the rules stay the same), and identical rows,
 * interchangeable, are told apart by their number. A CSV is read as text, as the loader reads it.
 */
function withRowIds(deals: Inspected): { deals: Inspected; id: ColumnFacts; source: { sql: string } } {
  const read = isCsvFile(deals.file) ? `read_csv(${quoteString(deals.file, "duckdb")}, all_varchar = true)` : quoteString(deals.file, "duckdb");
  const row = `concat_ws(chr(31), ${deals.columns.map((c) => `COALESCE(CAST(${quoteIdentifier(c.name, "duckdb")} AS VARCHAR), chr(0))`).join(", ")})`;
  const sql = `SELECT left(md5(${row}), 16) || '-' || row_number() OVER (PARTITION BY ${row}) AS ${quoteIdentifier(ROW_ID, "duckdb")}, * FROM ${read}`;
  // the facts the draft reads of an id: a value on every row, each different
  const id = columnFacts(ROW_ID, Array.from({ length: deals.rows }, (_, r) => String(r)));
  return { deals: { ...deals, columns: [id, ...deals.columns], text: new Map([[ROW_ID, id.values], ...deals.text]) }, id, source: { sql } };
}

/**
 * The leads as the deals table: the leads' columns and an outcome column, "won" when the lead's
 * key is in the won table, else "lost", read by a `sql:` SELECT over the two files.
 */
function leadsWithOutcome(pair: WonTable<Inspected>): { deals: Inspected; outcome: OutcomeChoice; source: { sql: string } } {
  const taken = new Set(pair.leads.columns.map((c) => c.name));
  const column = ["won_or_lost", "leadlab_outcome", "outcome"].find((n) => !taken.has(n)) ?? `outcome_${taken.size}`;
  const wonKeys = pair.won.columns.find((c) => c.name === pair.key)!.distinct;
  const keys = pair.leads.text.get(pair.key)!;
  const values = keys.map((k) => (k !== null && wonKeys.has(k.trim()) ? "won" : "lost"));
  const q = (n: string) => quoteIdentifier(n, "duckdb");
  // CSV values as written (DuckDB would otherwise retype dates and numbers before the loader reads them).
  const read = (file: string) => (isCsvFile(file) ? `read_csv(${quoteString(file, "duckdb")}, all_varchar = true)` : quoteString(file, "duckdb"));
  const sql =
    `SELECT l.*, CASE WHEN w.${q(pair.key)} IS NULL THEN 'lost' ELSE 'won' END AS ${q(column)} ` +
    `FROM ${read(pair.leads.file)} AS l LEFT JOIN (SELECT DISTINCT ${q(pair.key)} FROM ${read(pair.won.file)}) AS w ON l.${q(pair.key)} = w.${q(pair.key)}`;
  const deals: Inspected = { ...pair.leads, columns: [...pair.leads.columns, columnFacts(column, values)], text: new Map([...pair.leads.text, [column, values]]) };
  return { deals, outcome: { column, won: ["won"], lost: ["lost"], open: [], why: `"won" when in ${label(pair.won)}` }, source: { sql } };
}

function customerList(tables: readonly Inspected[], dir: string): { deals: Inspected; outcome: OutcomeChoice } {
  // The table whose unique id other tables refer to most is the customer list.
  const scored = tables.map((t) => {
    const id = pickId(t.columns);
    const refs = id ? tables.filter((o) => o !== t && o.columns.some((c) => c.name === id.name)).length : -1;
    return { t, refs };
  });
  const t = scored.sort((a, b) => b.refs - a.refs || allRows(b.t) - allRows(a.t))[0].t;
  const trial = t.columns.find((c) => c.boolean && /trial/i.test(c.name));
  if (trial) {
    const vals = [...trial.distinct].sort();
    const isTrue = (v: string) => parseBoolean(v) === true;
    return { deals: t, outcome: { column: trial.name, won: vals.filter((v) => !isTrue(v)), lost: [], open: vals.filter(isTrue), why: `rows not on trial ("${trial.name}" false) count as won customers, trials as open` } };
  }
  // Every row is a won customer; the outcome column only has to hold a value on every row. A
  // retention flag says most about such a table (and is read as retention too), so it comes first.
  const churn = findChurnFlag(t.columns);
  if (churn) {
    const { column, retained, churned, others } = churn;
    return { deals: t, outcome: { column: column.name, won: [...retained, ...churned], lost: [], open: others, why: `every row counts as a won customer (the values ${JSON.stringify([...retained, ...churned])} of the churn flag "${column.name}")` } };
  }
  const any = t.columns.find((c) => !c.unique && !c.numeric && !c.dateFormat && c.missing === 0 && c.distinct.size <= 20);
  if (!any)
    throw new DatasetError(
      "no column says which deals were won or lost (a stage, status or won column), and no table reads as a customer list",
      { file: join(dir, label(t)) },
      "write the dataset.yaml's deals.outcome by hand (the column and its won and lost values); when the won deals are a separate table, make deals a `sql:` SELECT that marks each lead won when it is in that table",
    );
  return { deals: t, outcome: { column: any.name, won: [...any.distinct].sort(), lost: [], open: [], why: `every row counts as a won customer (all values of "${any.name}")` } };
}

function pickEvents(
  candidates: readonly Inspected[],
  available: readonly ColumnFacts[],
  names: ReadonlySet<string>,
  firstPoint: ReadonlyMap<string, ReadonlyMap<string, number>>,
  checks: string[],
) {
  const found = [];
  for (const t of candidates) {
    const time = t.columns.find((c) => c.dateFormat && /time|date|at$|timestamp|when/i.test(c.name)) ?? t.columns.find((c) => c.dateFormat);
    if (!time) continue;
    let best: { key: string; rate: number } | undefined;
    for (const c of t.columns) {
      // a key tells deals apart: named as an id or with many values (not LeadSource's five), neither unique per event, nor a date, nor a yes/no flag (IsDeleted)
      if (!names.has(c.name) || c.unique || c.dateFormat || c.boolean || !(ID_NAME.test(c.name) || c.distinct.size >= 20)) continue;
      const dealValues = available.find((a) => a.name === c.name)!.distinct;
      const rate = c.values.filter((v) => dealValues.has(v)).length / Math.max(1, c.values.length);
      if (rate >= 0.3 && (!best || rate > best.rate)) best = { key: c.name, rate };
    }
    if (!best) continue;
    // Events count only before a deal's scoring point: a log that starts after every deal was created feeds nothing.
    const points = firstPoint.get(best.key);
    if (points) {
      const keys = t.text.get(best.key)!, times = t.text.get(time.name)!;
      const format = time.dateFormat === "ISO" ? undefined : time.dateFormat;
      if (!keys.some((k, r) => k !== null && times[r] !== null && parseDate(times[r]!, format) < (points.get(k.trim()) ?? -Infinity))) {
        checks.push(`${label(t)} has no "${time.name}" before a deal's created date${t.sampled ? ` in the ${t.rows} of its rows inspected (1 in ${t.sampled.every})` : ""}: not used as the event log`);
        continue;
      }
    }
    const text = t.columns.filter((c) => c !== time && c.name !== best!.key && !c.unique && !c.numeric && !c.dateFormat && !c.boolean && c.distinct.size >= 2 && c.distinct.size <= 200);
    // Without a column named as the events' type, a table with a date and a shared column (contacts
    // with their LastActivityDate and LeadSource) would be taken for an event log.
    const type = text.find(name(/type|event|activity|action|feature|kind|category|reason/i));
    if (!type) {
      checks.push(`${label(t)} has a date ("${time.name}") and deals' keys ("${best.key}") but no column named as an event's type (type, event, activity, action, feature, kind, category, reason): not used as the event log`);
      continue;
    }
    const value = t.columns.find((c) => c.numeric && !ID_NAME.test(c.name) && /duration|minutes|secs|seconds|count|value|amount|hours|quantity/i.test(c.name));
    found.push({ table: t, key: best.key, rate: best.rate, time, type, value });
  }
  return found.sort((a, b) => b.rate - a.rate || allRows(b.table) - allRows(a.table))[0];
}

function pickRetention(tables: readonly Inspected[], deals: Inspected, id: ColumnFacts, joins: NonNullable<DatasetSpec["join"]>, available: readonly ColumnFacts[]) {
  // Keyed tables: the deals (by id) and each joined table (by the deals side of its key).
  const keyed: { t: Inspected; key: string; tableKey: string }[] = [{ t: deals, key: id.name, tableKey: id.name }];
  for (const j of joins) {
    const t = tables.find((x) => x.file === j.file && x.sheet === j.sheet)!;
    const [dk, tk] = typeof j.on === "string" ? [j.on, j.on] : [j.on.deals, j.on.table];
    if (dk === tk) keyed.push({ t, key: dk, tableKey: tk });
  }
  for (const { t, key } of keyed.reverse()) {
    const churn = findChurnFlag(t.columns);
    if (!churn || !available.some((c) => c.name === key)) continue;
    const { column: flag, retained, churned, others } = churn;
    return {
      flag,
      // A few stray values (a "?", a row of descriptions) are read as unknown retention.
      spec: { ...source(t), key, retained: { column: flag.name, true: retained, false: churned, ...(others.length ? { other: "missing" } : {}) } } as NonNullable<DatasetSpec["retention"]>,
      why: `"${flag.name}" ${retained.map((v) => JSON.stringify(v)).join("/")} means retained${others.length ? `, ${others.map((v) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)).join(", ")} unknown` : ""}`,
    };
  }
  return undefined;
}

function exclusionReason(c: ColumnFacts, outcome: OutcomeChoice, retentionFlag: boolean): string | undefined {
  if (retentionFlag) return "the retention outcome: it would leak into the drivers of retention";
  if (c.name !== outcome.column && (/(^|[^a-z])(is_?)?(won|lost|closed)$|iswon|isclosed/i.test(c.name.replace(/\s+/g, "_")) || findOutcome([c], { responses: false })))
    return "restates the outcome (known only after the close)";
  if (c.dateFormat && /close|won|lost|end/i.test(c.name)) return "a date set at or after the close: it would leak the outcome";
  if (!c.dateFormat && namedAsDate(c.name) && readsAsNumbers(c))
    return "named as a date but holds numbers (dates written as numbers, or as codes by a preprocessed export): as an attribute it would score leads by when something happened to them";
  if (/(^|[^a-z])(won|lost|loss)([^a-z]|$)/i.test(c.name)) return "recorded only once a deal is won or lost: it would leak the outcome";
  // Salesforce fills a lead's ConvertedDate, ConvertedAccountId, … when it converts
  if (/^converted[\s_]*[a-z]/i.test(c.name)) return "recorded only once a lead is converted: it would leak the outcome";
  if (ID_NAME.test(c.name) && c.distinct.size > 20) return "an identifier: it does not generalise to new leads";
  if (c.unique && c.values.length >= 20 && !c.numeric && !c.dateFormat) return "unique on every row: an identifier";
  if (!c.numeric && !c.dateFormat && (FREE_TEXT.test(c.name) || c.meanLength > 40) && c.distinct.size > Math.min(50, 0.5 * c.values.length))
    return "free text or a name: too many distinct values to learn from";
  return undefined;
}
