import { closeSync, openSync } from "node:fs";
import { resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DatasetError } from "../formats/dataset-error";
import type { EventsReport } from "../data/load-report";
import { openDuckDB } from "../data/duckdb-session";
import { compareText } from "../data/compare-text";
import { nearestName } from "../formats/nearest-name";
import { isCsvFile, tableExpression } from "../data/read-table";
import { readTableError } from "../data/read-error";
import { leadEventFeatures, type AsOf } from "./lead-event-features";
import { personaTagger } from "./persona-tags";
import { readPersonas } from "../personas/personas-yaml";
import { readScoringRules } from "./parse-scoring-rules";
import { scoredInputNames, scoredInputs } from "./lead-value";
import { compileRules, createScorer, ScoreError, type LeadScore, type LeadValue } from "./score";
import { ScoredChunk, writeAll, type ChunkOutput, type ScoredOutput } from "./scored-output";
import { scoreInDuckDB } from "./score-in-duckdb";
import { columnReaders, listColumnsAsText } from "./list-columns";
import { idCounts, type IdCounts } from "./id-counts";
import type { ScoringRules } from "../formats/scoring-rules-schema";
import { rulesMissing } from "../formats/scoring-rules-schema";
import { csvField } from "../format/csv-line";
import { quoteIdentifier } from "../sql/quoting";
import { requireFile } from "../formats/require-file";

/** Rows of a leads file that could not be scored, per reason. */
export interface UnscoredReason {
  /** E.g. `employees: not a number`. */
  reason: string;
  rows: number;
  /** Up to five example lead ids. */
  examples: string[];
  /** Up to five example values. */
  values: string[];
}

/** Category values in no bin of an attribute (scored in its `other` or `missing` bin). */
export interface UnknownCategories {
  attribute: string;
  rows: number;
  /** How many distinct values. */
  distinct: number;
  /** The most frequent (up to five), most rows first. */
  top: { value: string; rows: number }[];
}

/** With `personas`: leads per persona and per anti-persona kind. */
export interface PersonaCounts {
  /** Per persona id ("other": no rule matches), most leads first. */
  personas: { persona: string; rows: number }[];
  /** Per anti-persona kind, most leads first. */
  anti: { kind: string; rows: number }[];
}

/** What {@link scoreFile} did. */
export interface ScoreFileReport {
  rows: number;
  scored: number;
  unscored: UnscoredReason[];
  /** Per attribute (in the rules' order), the category values no bin lists. */
  unknown: UnknownCategories[];
  ids: IdCounts;
  /** With `events`: what became of the raw events (as in the load report). */
  events?: EventsReport;
  /** With `personas`: leads per persona and anti-persona kind. */
  personas?: PersonaCounts;
  /** What was left out of the leads file to read it (a CRM report's footer), when anything was. */
  notes?: string[];
  seconds: number;
}

/** Options of {@link scoreFile}. */
export interface ScoreFileOptions {
  /** How many reasons per lead (default 3). */
  reasons?: number;
  /** Text read as missing besides the empty string and the rules' `inputs.missing`. */
  missing?: readonly string[];
  /** The lead id column (default: the rules' `inputs.id`). */
  id?: string;
  /** A raw events file (CSV, Parquet, NDJSON) with the columns of `inputs.events`: behavioural features are computed from it as in training. */
  events?: string;
  /** With `events`: the leads' column holding each scoring point, or "now" (default: `inputs.scoringPoint`). */
  asOf?: string;
  /** The instant "now" stands for, in epoch milliseconds (default: when the call starts). */
  now?: number;
  /** A `personas.yaml`: each lead is tagged with its persona (and anti-persona kinds) by the file's assignment rules. */
  personas?: string;
  /** With `personas`: called with a line of progress every 262,144 leads. */
  onProgress?: (message: string) => void;
}

/**
 * Scores every row of a leads file (CSV, Parquet or NDJSON/JSON) with a `scoring.yaml` and writes
 * the scored CSV (`<id>,points,tier,grade,fit,engagement,reasons`; with a `value` block,
 * `win_chance,expected_amount,retained_chance,expected_value,value_tier` after engagement) to
 * `write`: a file path, text or UTF-8 bytes (see {@link ScoredOutput}), rows in the file's order.
 * Without personas DuckDB scores the rows, with the rules decided in JavaScript per distinct value
 * and combination (see {@link scoreInDuckDB}); with personas each row is read and scored one by
 * one, a chunk at a time, as the runtime scorer and `scoreAndTag` do. Either way every
 * value reaches the scorer as DuckDB's text of it (a number typed in Parquet as its shortest
 * text), and a million leads never sit in JavaScript's memory. The leads file has a column per
 * attribute's `source.column`; behavioural features are either columns named as the attribute
 * (e.g. `demo_request_count_90d`) with the value as of the scoring point, or, with `events`,
 * computed from the raw events by the loader's own definition (see {@link leadEventFeatures}). A
 * row that cannot be scored is written with empty points, tier and grade and its reason. The
 * report counts rows scored and not (per reason), category values no bin lists (per attribute,
 * in the rules' order), and blank and duplicated ids. Everything is read and checked (rules,
 * columns, events) before `write` is first called. A file whose rows stop coming before its last
 * (DuckDB ends a stream quietly at a Latin-1 byte deep in a CSV) is an error naming the row
 * reached, DuckDB's cause and the fix (so `leadlab score --out` leaves its file untouched).
 *
 * @example
 * import { scoreFile } from "leadlab";
 * const lines: string[] = [];
 * const report = await scoreFile("tests/scoring/fixtures/scoring.yaml", "tests/scoring/fixtures/leads.csv", (t) => lines.push(t));
 * report.scored; // => 4
 */
export async function scoreFile(rulesPath: string, leadsPath: string, write: ScoredOutput, options: ScoreFileOptions = {}): Promise<ScoreFileReport> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  const rules = readScoringRules(rulesPath);
  const unknown = new Map<string, Map<string, number>>();
  const onUnknown = (attribute: string, value: string) => {
    let values = unknown.get(attribute);
    if (!values) unknown.set(attribute, (values = new Map()));
    values.set(value, (values.get(value) ?? 0) + 1);
  };
  // The rules compiled (and checked) once: their keys name the columns read, and DuckDB's scoring
  // applies them; with personas, the scorer of one row at a time compiles its own, reporting to onUnknown.
  const c = compileRules(rules, { reasons: options.reasons, missing: options.missing });
  const missing = ["", ...rulesMissing(rules), ...(options.missing ?? [])];
  const personas = options.personas === undefined ? undefined : readPersonas(options.personas);
  const tagger = personas === undefined ? undefined : personaTagger(personas, missing);
  requireFile(leadsPath, { what: "the leads file", fix: "pass the path of a CSV, Parquet or NDJSON file of leads" });
  const idColumn = options.id ?? rules.inputs.id;
  const eventNames = new Set(options.events ? scoredInputs(rules).flatMap((a) => ("event" in a.source ? [a.name] : [])) : []);
  // Raw event times without an offset are read in the session's zone: the rules' zone, as in training.
  const db = await openDuckDB(process.cwd(), { timeZone: rules.inputs.timeZone ?? "UTC" });
  try {
    const notes: string[] = [];
    const fileExpr = tableExpression({ file: resolve(leadsPath) }, { specFile: leadsPath, field: "leads", baseDir: process.cwd(), onNote: (n) => notes.push(n) }, { csvAllText: true });
    const read = await readableColumns(db, fileExpr, leadsPath);
    const { types, expr } = await listColumnsAsText(db, columnReaders(rules, personas), read.types, read.expr, leadsPath);
    const names = [...types.keys()];
    const fileKeys = c.keys.filter((k) => !eventNames.has(k));
    // The persona attributes read from the file (event features the rules compute come from them).
    const personaInputs = (tagger?.inputs ?? []).map((p) => ({ ...p, computed: p.event && eventNames.has(p.name) }));
    const personaKeys = [...new Set(personaInputs.filter((p) => !p.computed && !fileKeys.includes(p.column)).map((p) => p.column))];
    const asOf = options.events ? asOfOf(rules, options.asOf, now) : undefined;
    requireColumns(rules, [idColumn, ...fileKeys, ...(options.events ? [rules.inputs.events?.leadKey ?? idColumn] : []), ...(asOf && "column" in asOf ? [asOf.column] : [])], names, leadsPath, options.id !== undefined);
    for (const p of personaInputs)
      if (!p.computed && !names.includes(p.column))
        throw new DatasetError(
          `the leads file has no column "${p.column}", which the persona rules of ${options.personas} read (it has: ${names.join(", ")})`,
          { file: leadsPath },
          p.event ? `add a column named as the event feature with its value as of the scoring point` : `add the column "${p.column}" (the persona attribute ${p.name}'s source.column)`,
        );
    const features = options.events ? await leadEventFeatures(db, expr, leadsPath, rules, options.events, asOf!, missing) : undefined;
    // DuckDB's result stream can end early instead of raising when a row cannot be read (a
    // Latin-1 byte deep in a CSV): the rows are counted first and compared with those scored (a
    // CSV file was read whole into a table, whose reading raises such an error itself).
    const [[expected]] = (await db.runAndReadAll(`SELECT count(*) FROM ${expr}`)).getRowsJS();
    const tiers = new Map<string | null, string>();
    const valueCells = valueColumns(rules);
    // Reasons are few distinct texts: each is escaped once; the reasons cell is always quoted.
    const reasonCells = new Map<string, string>();
    const header = [csvField(idColumn), "points", "tier", "grade", "fit", "engagement", ...valueCells.names, ...(tagger ? ["persona", "anti_persona"] : []), "reasons"];
    const attributeOrder = scoredInputNames(rules);
    const report = (rows: number, scored: number, unscored: Iterable<UnscoredReason>, ids: IdCounts, personas?: PersonaCounts): ScoreFileReport => ({
      rows,
      scored,
      unscored: [...unscored].sort((a, b) => b.rows - a.rows || compareText(a.reason, b.reason)),
      // In the rules' order of attributes.
      unknown: [...unknown].sort((a, b) => attributeOrder.indexOf(a[0]) - attributeOrder.indexOf(b[0])).map(([attribute, counts]) => ({
        attribute,
        rows: [...counts.values()].reduce((s, c) => s + c, 0),
        distinct: counts.size,
        top: [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).slice(0, 5).map(([value, c]) => ({ value, rows: c })),
      })),
      ids,
      ...(features ? { events: features.report } : {}),
      ...(personas ? { personas } : {}),
      ...(notes.length ? { notes } : {}),
      seconds: (performance.now() - started) / 1000,
    });
    if (!tagger) {
      // DuckDB scores the rows (see scoreInDuckDB), with the computed features beside the file's columns.
      const cells = { header, format: (s: LeadScore) => scoreCells(s, "", tiers, reasonCells, valueCells).slice(0, -1), empty: `,,,,,,${valueCells.empty}` };
      const done = await scoreInDuckDB(db, expr, idColumn, types, c, write, cells, features?.columns);
      if (done.rows !== Number(expected)) throw await stoppedReadingError(leadsPath, fileExpr, done.rows, Number(expected));
      for (const [attribute, counts] of done.unknown) unknown.set(attribute, counts);
      return report(done.rows, done.scored, done.unscored, done.ids);
    }
    const readKeys = [...fileKeys, ...personaKeys];
    const scorer = createScorer(rules, { reasons: options.reasons, missing: options.missing, onUnknown });
    // Where each of the scorer's values comes from: the file (its index in fileKeys) or a computed feature.
    const sources = scorer.keys.map((k) => (eventNames.has(k) ? features!.columns.get(k)! : fileKeys.indexOf(k)));
    const result = await db.stream(readQuery(expr, idColumn, readKeys));
    // A file to write is written a chunk at a time, as it comes.
    const fd = "path" in write ? openSync(write.path, "w") : undefined;
    const sink = fd === undefined ? (write as ChunkOutput) : { bytes: (chunk: Uint8Array) => writeAll(fd, chunk), transient: true };
    const fileValues: LeadValue[] = new Array(readKeys.length);
    // Where each persona attribute comes from: a computed feature, or its column's index in readKeys.
    const personaSources = personaInputs.map((p) => [p.name, p.computed ? features!.columns.get(p.name)! : readKeys.indexOf(p.column)] as const);
    const personaCounts = new Map<string, number>();
    const antiCounts = new Map<string, number>();
    const values: LeadValue[] = new Array(scorer.keys.length);
    const unscored = new Map<string, UnscoredReason>();
    let rows = 0;
    let scored = 0;
    // A chunk's lines are assembled as bytes and written together.
    const out = new ScoredChunk();
    out.text(`${header.join(",")}\n`);
    // The next chunk is asked for before this one is scored, so DuckDB reads while JS scores.
    const fetch = () => {
      const chunk = result.fetchChunk();
      chunk.catch(() => undefined); // its failure is raised where it is awaited
      return chunk;
    };
    let next = fetch();
    for (;;) {
      const chunk = await next;
      if (!chunk || chunk.rowCount === 0) break;
      next = fetch();
      const n = chunk.rowCount;
      const columns = Array.from({ length: readKeys.length + 1 }, (_, j) => chunk.getColumnVector(j));
      for (let r = 0; r < n; r++) {
        const id = columns[0].getItem(r) as string;
        for (let j = 0; j < readKeys.length; j++) fileValues[j] = columns[j + 1].getItem(r) as string;
        for (let j = 0; j < sources.length; j++) {
          const from = sources[j];
          values[j] = typeof from === "number" ? fileValues[from] : from[rows + r];
        }
        const lead: Record<string, LeadValue> = {};
        for (const [name, from] of personaSources) lead[name] = typeof from === "number" ? fileValues[from] : from[rows + r];
        const t = tagger.tag(lead);
        personaCounts.set(t.persona, (personaCounts.get(t.persona) ?? 0) + 1);
        for (const kind of t.anti) antiCounts.set(kind, (antiCounts.get(kind) ?? 0) + 1);
        const persona = `${csvField(t.persona)},${csvField(t.anti.join("; "))},`;
        try {
          out.text(`${csvField(id)},${scoreCells(scorer.scoreValues(values), persona, tiers, reasonCells, valueCells)}`);
          scored++;
        } catch (e) {
          if (!(e instanceof ScoreError)) throw e;
          out.text(`${csvField(id)},,,,,,${valueCells.empty}${persona}${csvField(`could not score: ${e.message}`)}\n`);
          let u = unscored.get(e.problem);
          if (!u) unscored.set(e.problem, (u = { reason: e.problem, rows: 0, examples: [], values: [] }));
          u.rows++;
          if (u.examples.length < 5) u.examples.push(id);
          const shown = typeof e.value === "string" ? JSON.stringify(e.value) : String(e.value);
          if (u.values.length < 5 && !u.values.includes(shown)) u.values.push(shown);
        }
      }
      rows += n;
      out.flush(sink);
      if (options.onProgress && rows % 262_144 < n) options.onProgress(`scored ${rows.toLocaleString("en-US")} leads`);
    }
    out.flush(sink);
    if (fd !== undefined) closeSync(fd);
    if (rows !== Number(expected)) throw await stoppedReadingError(leadsPath, fileExpr, rows, Number(expected));
    return report(rows, scored, unscored.values(), await idCounts(db, expr, idColumn), {
      personas: [...personaCounts].sort((a, b) => b[1] - a[1] || compareText(a[0] ?? "", b[0] ?? "")).map(([persona, rows]) => ({ persona, rows })),
      anti: [...antiCounts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([kind, rows]) => ({ kind, rows })),
    });
  } catch (e) {
    // DuckDB failing part-way through the leads (a corrupt Parquet page, say): its cause, with the file.
    if (!(e instanceof Error) || e instanceof DatasetError || !/^[A-Za-z ]*Error: /.test(e.message)) throw e;
    const fresh = await openDuckDB(process.cwd());
    try {
      throw await leadsReadError(fresh, e, leadsPath);
    } finally {
      fresh.closeSync();
    }
  } finally {
    db.closeSync();
  }
}

/**
 * A scored lead's cells after its id, up to the end of the line: points, tier, grade, fit and
 * engagement points, the persona cells (`persona`: empty, or the two cells and a comma), and the
 * reasons (always quoted). Tiers and reasons are few distinct texts, each escaped once (`tiers`,
 * `reasonCells` remember them).
 */
function scoreCells(s: LeadScore, persona: string, tiers: Map<string | null, string>, reasonCells: Map<string, string>, value: ValueColumns): string {
  let tier = tiers.get(s.tier);
  if (tier === undefined) tiers.set(s.tier, (tier = csvField(s.tier ?? "")));
  let cell = "";
  for (let k = 0; k < s.reasons.length; k++) {
    let quoted = reasonCells.get(s.reasons[k]);
    if (quoted === undefined) reasonCells.set(s.reasons[k], (quoted = s.reasons[k].replace(/"/g, '""')));
    cell += k === 0 ? quoted : `; ${quoted}`;
  }
  return `${s.points},${tier},${s.grade},${s.fit},${s.engagement},${value.cells(s)}${persona}"${cell}"\n`;
}

/** The expected-value cells of a scored line, each followed by a comma: none when the rules have no `value` block. */
interface ValueColumns {
  /** The column names. */
  names: string[];
  /** The empty cells of a lead that could not be scored. */
  empty: string;
  cells(s: LeadScore): string;
}

/**
 * The value columns of `leadlab score`'s output for the rules: win_chance and retained_chance to
 * six decimals, expected_amount and expected_value to two, value_tier; none without a `value` block.
 */
function valueColumns(rules: ScoringRules): ValueColumns {
  if (!rules.value) return { names: [], empty: "", cells: () => "" };
  const retention = rules.value.retention !== undefined;
  const names = ["win_chance", "expected_amount", ...(retention ? ["retained_chance"] : []), "expected_value", "value_tier"];
  const tiers = new Map(rules.value.tiers.map((t) => [t.name, csvField(t.name)]));
  const fixed = (x: number, digits: number) => String(Number(x.toFixed(digits)));
  return {
    names,
    empty: ",".repeat(names.length),
    cells: (s) => {
      const v = s.value!;
      return `${fixed(v.winChance, 6)},${fixed(v.expectedAmount, 2)},${retention ? `${fixed(v.retainedChance!, 6)},` : ""}${fixed(v.expectedValue, 2)},${v.tier === null ? "" : tiers.get(v.tier)},`;
    },
  };
}

/**
 * The leads file's columns and their DuckDB types, and the expression to read its rows from: a
 * CSV file is read whole, once, into a temporary table (its text is sniffed and parsed once, not
 * once per pass). Every value is read before anything else: DuckDB's reader of a subset of a CSV file's
 * columns can end early or fail with an internal error at a byte that is not UTF-8, while
 * reading all of them raises its real cause, turned here into the message and fix.
 */
async function readableColumns(db: DuckDBConnection, fileExpr: string, leadsPath: string): Promise<{ types: Map<string, string>; expr: string }> {
  try {
    // A CSV file is sniffed by the one query that reads it (described afterwards, as the table).
    const expr = isCsvFile(leadsPath) ? "leadlab_leads_read" : fileExpr;
    if (expr !== fileExpr) await db.run(`CREATE TEMP TABLE ${expr} AS SELECT * FROM ${fileExpr}`);
    const types = new Map((await db.runAndReadAll(`DESCRIBE SELECT * FROM ${expr}`)).getRowObjectsJS().map((r) => [String(r.column_name), String(r.column_type)]));
    return { types, expr };
  } catch (e) {
    throw await leadsReadError(db, e, leadsPath);
  }
}

/**
 * The error for a leads file whose rows stopped coming before its last (DuckDB's stream ends
 * quietly at some read errors): the row reached, and DuckDB's cause, got by reading every
 * column from that row on in a new session (the stream's own may be invalidated by the failure).
 */
async function stoppedReadingError(leadsPath: string, expr: string, rows: number, expected: number): Promise<Error> {
  const stopped = `DuckDB stopped reading after row ${rows.toLocaleString("en-US")} of ${expected.toLocaleString("en-US")} (counting data rows), so the rest were not scored`;
  const db = await openDuckDB(process.cwd());
  try {
    await db.runAndReadAll(`SELECT * FROM ${expr} OFFSET ${rows}`);
  } catch (e) {
    const cause = await leadsReadError(db, e, leadsPath);
    return new DatasetError(`${stopped}: ${cause.problem}`, { file: leadsPath }, cause.fix);
  } finally {
    db.closeSync();
  }
  return new DatasetError(`${stopped}; reading it again from that row gave no error`, { file: leadsPath }, "check the file is complete and readable, e.g. re-save it as UTF-8 CSV or as Parquet");
}

/** DuckDB's failure to read the leads file as a {@link DatasetError} naming the file, the line and the fix (`problem`: the message without file and fix). */
async function leadsReadError(db: DuckDBConnection, e: unknown, leadsPath: string): Promise<DatasetError & { problem: string }> {
  if (e instanceof DatasetError) return Object.assign(e, { problem: e.message });
  const ctx = { specFile: leadsPath, field: "leads", label: leadsPath, ...(isCsvFile(leadsPath) ? { csvPath: resolve(leadsPath) } : {}) };
  const cause = await readTableError(db, e, ctx);
  const problem = cause.message.slice(`${leadsPath}: `.length, -` Fix: ${cause.fix.replace(/\.$/, "")}.`.length - 1);
  const name = leadsPath.split(/[\\/]/).pop();
  const fix = /not UTF-8 encoded/.test(problem)
    ? `re-save it as UTF-8 naming its encoding, e.g. \`iconv -f latin1 -t utf-8 ${name} > utf8-${name}\``
    : /^its lines end both in CRLF/.test(problem)
      ? cause.fix.replace(/\.$/, "")
      : "export the leads again (the file may be truncated or corrupt) as CSV with a header row, Parquet or NDJSON";
  return Object.assign(new DatasetError(problem, { file: leadsPath }, fix), { problem });
}

/** The scoring point of `--as-of`: a column, or "now"; by default the rules' scoring point column. */
function asOfOf(rules: ScoringRules, asOf: string | undefined, now: number): AsOf {
  if (asOf === "now") return { at: now };
  const column = asOf ?? rules.inputs.scoringPoint;
  if (column === undefined)
    throw new Error("score: --events needs --as-of: the leads' column with each scoring point, or now (the rules name no inputs.scoringPoint)");
  return { column };
}

/** Throws naming a column the rules read that the leads file lacks (event features are precomputed columns). */
function requireColumns(rules: ScoringRules, keys: readonly string[], names: readonly string[], leadsPath: string, idGiven: boolean): void {
  for (const [k, key] of keys.entries()) {
    if (names.includes(key)) continue;
    const attribute = scoredInputs(rules).find((a) => ("column" in a.source ? a.source.column : a.name) === key);
    const isEvent = attribute !== undefined && "event" in attribute.source;
    const near = nearestName(key, names);
    throw new DatasetError(
      `the leads file has no column "${key}"${isEvent ? ` (the event feature "${key}", precomputed)` : ""} (it has: ${names.join(", ")})`,
      { file: leadsPath },
      near
        ? `did you mean "${near}"?`
        : isEvent
          ? "add a column named as the event feature with its value as of the scoring point, or compute it from raw events with --events, or score in the warehouse with `leadlab sql`"
          : k === 0
            ? idGiven
              ? "pass the lead id column with --id"
              : `add the column "${key}" (the rules' inputs.id), or name the lead id column with --id`
            : `add the column "${key}" that the rules read (an attribute's source.column, inputs.events.leadKey or the --as-of column)`,
    );
  }
}

/**
 * The query that reads the leads for scoring one by one (with personas): the id, then each of
 * `keys`, every value as DuckDB's text of it (NULL as blank), as {@link scoreInDuckDB} reads them.
 */
function readQuery(expr: string, idColumn: string, keys: readonly string[]): string {
  const text = (key: string) => `COALESCE(CAST(${quoteIdentifier(key, "duckdb")} AS VARCHAR), '')`;
  return `SELECT ${[idColumn, ...keys].map(text).join(", ")} FROM ${expr}`;
}
