import { resolve } from "node:path";
import type { DuckDBConnection, DuckDBDataChunk, DuckDBVector } from "@duckdb/node-api";
import { float64Column, int32Column, uint64Words, varcharColumn, type VarcharColumn } from "../data/chunk-columns";
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
import { scoredInputs } from "./lead-value";
import { compileRules, createScorer, ScoreError, type LeadScore, type LeadValue } from "./score";
import { columnScorer, type LeadColumn } from "./column-scorer";
import { repeatedHashes } from "./repeated-hashes";
import { ScoredChunk, type ScoredOutput } from "./scored-output";
import type { ScoringRules } from "../formats/scoring-rules-schema";
import { rulesMissing } from "../formats/scoring-rules-schema";
import { csvField } from "../format/csv-line";
import { quoteIdentifier, quoteString } from "../sql/quoting";
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

/** Blank and repeated lead ids. */
export interface IdCounts {
  /** Rows whose id is empty or only spaces. */
  blank: number;
  /** Ids that are on more than one row, and the rows they are on. */
  duplicated: { ids: number; rows: number; examples: { id: string; rows: number }[] };
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
  /** Called with a line of progress every 262,144 leads. */
  onProgress?: (message: string) => void;
}

/**
 * Scores every row of a leads file (CSV, Parquet or NDJSON/JSON) with a `scoring.yaml`,
 * streaming: DuckDB reads the file chunk by chunk, each chunk is scored column by column with
 * the runtime scorer's compiled rules (see {@link columnScorer}; rows it leaves are scored one
 * by one), and CSV lines (`<id>,points,tier,grade,fit,engagement,reasons`; with a `value` block,
 * `win_chance,expected_amount,retained_chance,expected_value,value_tier` after engagement) go to `write` (text,
 * or UTF-8 bytes: see {@link ScoredOutput}) as each chunk is done, so a million leads never sit
 * in memory. The leads file has a column
 * per attribute's `source.column`; behavioural features are either columns named as the
 * attribute (e.g. `demo_request_count_90d`) with the value as of the scoring point, or, with
 * `events`, computed from the raw events by the loader's own definition (see
 * {@link leadEventFeatures}). A row that cannot be scored is written with empty points, tier
 * and grade and its reason. The report counts rows scored and not (per reason), category
 * values no bin lists (per attribute), and blank and duplicated ids. Everything is read and
 * checked (rules, columns, events) before `write` is first called. A file whose rows stop
 * coming before its last (DuckDB ends the stream quietly at a Latin-1 byte deep in a CSV) is an
 * error naming the row reached, DuckDB's cause and the fix, thrown after the rows read so far
 * were written (so `leadlab score --out` leaves its file untouched).
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
  const scorer = createScorer(rules, { reasons: options.reasons, missing: options.missing, onUnknown });
  const missing = ["", ...rulesMissing(rules), ...(options.missing ?? [])];
  const tagger = options.personas === undefined ? undefined : personaTagger(readPersonas(options.personas), missing);
  requireFile(leadsPath, { what: "the leads file", fix: "pass the path of a CSV, Parquet or NDJSON file of leads" });
  const idColumn = options.id ?? rules.inputs.id;
  const eventNames = new Set(options.events ? scoredInputs(rules).flatMap((a) => ("event" in a.source ? [a.name] : [])) : []);
  // Raw event times without an offset are read in the session's zone: the rules' zone, as in training.
  // DuckDB reads and converts the next chunks (its streaming buffer, about 1 MB of them) while JS scores this one.
  const db = await openDuckDB(process.cwd(), { timeZone: rules.inputs.timeZone ?? "UTC" });
  try {
    const notes: string[] = [];
    const expr = tableExpression({ file: resolve(leadsPath) }, { specFile: leadsPath, field: "leads", baseDir: process.cwd(), onNote: (n) => notes.push(n) }, { csvAllText: true });
    const types = await readableColumns(db, expr, leadsPath);
    const names = [...types.keys()];
    const fileKeys = scorer.keys.filter((k) => !eventNames.has(k));
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
    const readKeys = [...fileKeys, ...personaKeys];
    const textOnly = new Set(personaInputs.filter((p) => !p.numeric && !p.computed).map((p) => p.column));
    const plan = await readPlan(db, expr, rules, readKeys, idColumn, textOnly, types);
    // DuckDB's result stream can end early instead of raising when a row cannot be read (a
    // Latin-1 byte deep in a CSV): the rows are counted first, by a query that reads no value.
    const [[expected]] = (await db.runAndReadAll(`SELECT count(*) FROM ${expr}`)).getRowsJS();
    // Where each of the scorer's values comes from: the file (its index in fileKeys) or a computed feature.
    const sources = scorer.keys.map((k) => (eventNames.has(k) ? features!.columns.get(k)! : fileKeys.indexOf(k)));
    // Without personas, rows are scored a chunk at a time, column by column; the rows that
    // path leaves (values no bin takes) are scored one by one below.
    const encoder = new TextEncoder();
    const fast = tagger
      ? undefined
      : columnScorer(compileRules(rules, { reasons: options.reasons, missing: options.missing }), (s) => encoder.encode(scoreCells(s, "", tiers, reasonCells, valueCells)), onUnknown);
    const result = await db.stream(plan.query);
    const fileValues: LeadValue[] = new Array(readKeys.length);
    // Where each persona attribute comes from: a computed feature, or its column's index in readKeys.
    const personaSources = personaInputs.map((p) => [p.name, p.computed ? features!.columns.get(p.name)! : readKeys.indexOf(p.column)] as const);
    const personaCounts = new Map<string, number>();
    const antiCounts = new Map<string, number>();
    const values: LeadValue[] = new Array(scorer.keys.length);
    const tiers = new Map<string | null, string>();
    const valueCells = valueColumns(rules);
    // Reasons are few distinct texts: each is escaped once; the reasons cell is always quoted.
    const reasonCells = new Map<string, string>();
    const unscored = new Map<string, UnscoredReason>();
    let rows = 0;
    let scored = 0;
    // A chunk's lines are assembled as bytes and written together.
    const out = new ScoredChunk();
    out.text(`${csvField(idColumn)},points,tier,grade,fit,engagement,${valueCells.header}${tagger ? "persona,anti_persona," : ""}reasons\n`);
    // The next chunk is asked for before this one is scored, so DuckDB reads while JS scores.
    const fetch = () => {
      const chunk = result.fetchChunk();
      chunk.catch(() => undefined); // its failure is raised where it is awaited
      return chunk;
    };
    // Each id's hash is counted as the rows come; only ids whose hash repeats are grouped by their text after.
    const hashes = repeatedHashes(Number(expected));
    let next = fetch();
    for (;;) {
      const chunk = await next;
      if (!chunk || chunk.rowCount === 0) break;
      next = fetch();
      const n = chunk.rowCount;
      const read = plan.reader(chunk);
      hashes.add(read.hashes, n);
      const offset = rows;
      const lines = fast?.score(
        sources.map((from): LeadColumn => (typeof from === "number" ? read.columns[from] : { value: (r) => from[offset + r] })),
        n,
      );
      for (let r = 0; r < n; r++) {
        const line = lines?.[r];
        if (line !== undefined) {
          const bytes = read.ids.locate(r);
          if (!out.plainField(bytes, read.ids.start, read.ids.length)) out.text(`${csvField(read.id(r))},`);
          out.bytes(line);
          scored++;
          continue;
        }
        const id = read.id(r);
        read.fill(r, fileValues);
        for (let j = 0; j < sources.length; j++) {
          const from = sources[j];
          values[j] = typeof from === "number" ? fileValues[from] : from[rows + r];
        }
        let persona = "";
        if (tagger) {
          const lead: Record<string, LeadValue> = {};
          for (const [name, from] of personaSources) lead[name] = typeof from === "number" ? fileValues[from] : from[rows + r];
          const t = tagger.tag(lead);
          personaCounts.set(t.persona, (personaCounts.get(t.persona) ?? 0) + 1);
          for (const kind of t.anti) antiCounts.set(kind, (antiCounts.get(kind) ?? 0) + 1);
          persona = `${csvField(t.persona)},${csvField(t.anti.join("; "))},`;
        }
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
      out.flush(write);
      if (options.onProgress && rows % 262_144 < n) options.onProgress(`scored ${rows.toLocaleString("en-US")} leads`);
    }
    out.flush(write);
    if (rows !== Number(expected)) throw await stoppedReadingError(leadsPath, expr, rows, Number(expected));
    const [[blank]] = (await db.runAndReadAll("SELECT hash('')")).getRowsJS() as bigint[][];
    const ids = await idCounts(db, expr, idColumn, [...hashes.repeated(), ...(hashes.seen(blank) ? [blank] : [])]);
    return {
      rows,
      scored,
      unscored: [...unscored.values()].sort((a, b) => b.rows - a.rows || compareText(a.reason, b.reason)),
      unknown: [...unknown].map(([attribute, counts]) => ({
        attribute,
        rows: [...counts.values()].reduce((s, c) => s + c, 0),
        distinct: counts.size,
        top: [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).slice(0, 5).map(([value, c]) => ({ value, rows: c })),
      })),
      ids,
      ...(features ? { events: features.report } : {}),
      ...(tagger
        ? {
            personas: {
              personas: [...personaCounts].sort((a, b) => b[1] - a[1] || compareText(a[0] ?? "", b[0] ?? "")).map(([persona, rows]) => ({ persona, rows })),
              anti: [...antiCounts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([kind, rows]) => ({ kind, rows })),
            },
          }
        : {}),
      ...(notes.length ? { notes } : {}),
      seconds: (performance.now() - started) / 1000,
    };
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
  /** The column names, each followed by a comma. */
  header: string;
  /** The empty cells of a lead that could not be scored. */
  empty: string;
  cells(s: LeadScore): string;
}

/**
 * The value columns of `leadlab score`'s output for the rules: win_chance and retained_chance to
 * six decimals, expected_amount and expected_value to two, value_tier; none without a `value` block.
 */
function valueColumns(rules: ScoringRules): ValueColumns {
  if (!rules.value) return { header: "", empty: "", cells: () => "" };
  const retention = rules.value.retention !== undefined;
  const names = ["win_chance", "expected_amount", ...(retention ? ["retained_chance"] : []), "expected_value", "value_tier"];
  const tiers = new Map(rules.value.tiers.map((t) => [t.name, csvField(t.name)]));
  const fixed = (x: number, digits: number) => String(Number(x.toFixed(digits)));
  return {
    header: names.map((n) => `${n},`).join(""),
    empty: ",".repeat(names.length),
    cells: (s) => {
      const v = s.value!;
      return `${fixed(v.winChance, 6)},${fixed(v.expectedAmount, 2)},${retention ? `${fixed(v.retainedChance!, 6)},` : ""}${fixed(v.expectedValue, 2)},${v.tier === null ? "" : tiers.get(v.tier)},`;
    },
  };
}

/**
 * The leads file's columns and their DuckDB types, once every value of a CSV file has been read: DuckDB's reader of a
 * subset of the columns can end early or fail with an internal error at a byte that is not
 * UTF-8 (so everything after reads all columns of such a file only after this check), while
 * reading all of them raises its real cause, turned here into the message and fix.
 */
async function readableColumns(db: DuckDBConnection, expr: string, leadsPath: string): Promise<Map<string, string>> {
  try {
    const types = new Map((await db.runAndReadAll(`DESCRIBE SELECT * FROM ${expr}`)).getRowObjectsJS().map((r) => [String(r.column_name), String(r.column_type)]));
    if (isCsvFile(leadsPath)) await db.runAndReadAll(`SELECT max(length(concat_ws('', *COLUMNS(*)))) FROM ${expr}`);
    return types;
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

/** The id of a row as counted: trimmed, NULL as blank (its `hash()` is what the read plan hands out beside each row). */
const countedId = (idColumn: string) => `trim(COALESCE(CAST(${quoteIdentifier(idColumn, "duckdb")} AS VARCHAR), ''))`;
/** Up to this many hashes are looked up as a list; more, and DuckDB groups the hashes itself. */
const HASH_LIST_MAX = 10_000;

/**
 * Blank and duplicated ids of the leads file, counted by DuckDB. Grouping a million distinct
 * texts is costly: only the ids whose hash is in `hashes` (those on more than one row, and
 * blank's, as the rows were read) are grouped by their text; none when it is empty.
 */
async function idCounts(db: DuckDBConnection, expr: string, idColumn: string, hashes: readonly bigint[]): Promise<IdCounts> {
  if (hashes.length === 0) return { blank: 0, duplicated: { ids: 0, rows: 0, examples: [] } };
  const ids = `(SELECT ${countedId(idColumn)} AS id FROM ${expr})`;
  const wanted =
    hashes.length <= HASH_LIST_MAX
      ? `hash(id) IN (${hashes.map((h) => `${h}::UBIGINT`).join(", ")})`
      : `id = '' OR hash(id) IN (SELECT hash(id) FROM ${ids} GROUP BY hash(id) HAVING count(*) > 1)`;
  await db.run(`CREATE TEMP TABLE leadlab_id_counts AS SELECT id, count(*) AS rows FROM ${ids} WHERE ${wanted} GROUP BY id`);
  const [blank] = (await db.runAndReadAll(`SELECT COALESCE(sum(rows), 0) FROM leadlab_id_counts WHERE id = ''`)).getRowsJS();
  const repeated = `(SELECT id, rows FROM leadlab_id_counts WHERE id <> '' AND rows > 1)`;
  const [totals] = (await db.runAndReadAll(`SELECT count(*), COALESCE(sum(rows), 0) FROM ${repeated}`)).getRowsJS();
  const examples = (await db.runAndReadAll(`SELECT id, rows FROM ${repeated} ORDER BY rows DESC, id LIMIT 5`)).getRowsJS();
  await db.run("DROP TABLE leadlab_id_counts");
  return {
    blank: Number(blank[0]),
    duplicated: { ids: Number(totals[0]), rows: Number(totals[1]), examples: examples.map(([id, rows]) => ({ id: String(id), rows: Number(rows) })) },
  };
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

/** The query that reads the leads, and how to read the rows of its chunks. */
interface ReadPlan {
  query: string;
  /** For one chunk: the lead id of row r (as text, and as bytes in `ids`), the hash of each counted id (two words per row, see {@link uint64Words}), the columns (in the order of the keys read), and `fill`, which puts row r's values in that order. */
  reader(chunk: DuckDBDataChunk): { id(r: number): string; ids: VarcharColumn; hashes: Uint32Array; columns: LeadColumn[]; fill(r: number, values: LeadValue[]): void };
}

/** DuckDB column types whose every value is a double, or an integer a double holds as its text reads (so no text need be read). */
const EXACT_NUMBER_TYPES = new Set(["DOUBLE", "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UINTEGER", "USMALLINT", "UTINYINT"]);

/**
 * How each column reaches score(): exactly its text, but cheaper than one JS string per value
 * (numbers and codes are typed arrays over DuckDB's memory, see {@link float64Column}, and no
 * validity mask is read):
 * - read only by numeric attributes: a DOUBLE when the text is DuckDB's canonical form of a
 *   finite number ("250", "-3", "2.5", "1e+20"), which the scorer's grammar reads as the same
 *   number; NaN when NULL (read as blank); any other text (" 75 ", "1e3", "NA", junk) comes
 *   in the column's fallback text. A column typed DOUBLE or integer (Parquet) comes as a DOUBLE
 *   when finite, with no text made: its text is DuckDB's shortest form of the same number (an
 *   integer column is always finite or NULL, so it has no fallback text at all);
 * - other columns with few distinct values in the first rows: the code of the text in a
 *   dictionary of those values (an ENUM), and the text in the column's fallback text when it
 *   is not in it;
 * - the rest: text.
 * A fallback text is NULL on every row where the number or code applies: a million rows read
 * as a few typed columns, an id and a hash, and a few texts. (One list of a row's texts, made
 * where any column needed one, cost DuckDB as much as the rest of the query together.)
 */
async function readPlan(
  db: DuckDBConnection,
  expr: string,
  rules: ScoringRules,
  keys: readonly string[],
  idColumn: string,
  textOnly: ReadonlySet<string>,
  types: ReadonlyMap<string, string>,
): Promise<ReadPlan> {
  const numericOnly = (key: string) =>
    !textOnly.has(key) &&
    scoredInputs(rules).every((a) => ("column" in a.source ? a.source.column : a.name) !== key || a.match === "numeric");
  const text = (key: string) => `COALESCE(CAST(${quoteIdentifier(key, "duckdb")} AS VARCHAR), '')`;
  const numeric = keys.map(numericOnly);
  const dictionaries = await sampleDictionaries(db, expr, keys.filter((_, j) => !numeric[j]), text);
  // `inner` reads each column once; `flags` says whether a number's text is canonical; the
  // outer select hands out the number or code, and the column's text where that does not
  // apply (`t<j>`, NULL elsewhere; `fallbacks` holds where each such column is, by key).
  const inner = [`${text(idColumn)} AS id`];
  const flags: string[] = [];
  const select = ["id"];
  const fallbackSelect: string[] = [];
  const fallbacks: (number | undefined)[] = [];
  const kinds: ("number" | "code" | "text")[] = [];
  const dictionary: string[][] = [];
  const fallback = (j: number, unusable: string, value: string) => {
    fallbacks.push(1 + keys.length + fallbackSelect.length);
    fallbackSelect.push(`CASE WHEN ${unusable} THEN ${value} END AS t${j}`);
  };
  // A number column's value: the number where finite, NaN where NULL (read as blank), +Infinity where its text is in `t<j>`.
  const number = (j: number, finite: string, value: string, raw: string) =>
    `CASE WHEN ${finite} THEN ${value} WHEN ${raw} IS NULL THEN CAST('NaN' AS DOUBLE) ELSE CAST('Infinity' AS DOUBLE) END AS x${j}`;
  for (const [j, key] of keys.entries()) {
    const dict = dictionaries.get(key);
    const column = quoteIdentifier(key, "duckdb");
    const type = types.get(key) ?? "";
    if (numeric[j] && EXACT_NUMBER_TYPES.has(type)) {
      inner.push(`COALESCE(isfinite(${column}), false) AS ok${j}`, `${column} AS n${j}`);
      select.push(number(j, `ok${j}`, `CAST(n${j} AS DOUBLE)`, `n${j}`));
      if (type === "DOUBLE") fallback(j, `NOT (ok${j} OR n${j} IS NULL)`, `CAST(n${j} AS VARCHAR)`);
      else fallbacks.push(undefined);
      kinds.push("number");
    } else if (numeric[j]) {
      inner.push(`CAST(${column} AS VARCHAR) AS r${j}`, `TRY_CAST(CAST(${column} AS VARCHAR) AS DOUBLE) AS d${j}`);
      flags.push(`COALESCE(isfinite(d${j}) AND (CAST(d${j} AS VARCHAR) = r${j} OR CAST(TRY_CAST(r${j} AS BIGINT) AS VARCHAR) = r${j}), false) AS ok${j}`);
      select.push(number(j, `ok${j}`, `d${j}`, `r${j}`));
      fallback(j, `NOT (ok${j} OR r${j} IS NULL)`, `r${j}`);
      kinds.push("number");
    } else if (dict) {
      const type = `leadlab_dictionary_${j}`;
      await db.run(`CREATE TYPE ${type} AS ENUM (${dict.map((v) => quoteString(v, "duckdb")).join(", ")})`);
      inner.push(`TRY_CAST(${text(key)} AS ${type}) AS e${j}`, `${text(key)} AS r${j}`);
      select.push(`COALESCE(CAST(enum_code(e${j}) AS INTEGER), -1) AS x${j}`);
      fallback(j, `e${j} IS NULL`, `r${j}`);
      kinds.push("code");
    } else {
      inner.push(`${text(key)} AS r${j}`);
      select.push(`r${j} AS v${j}`);
      fallbacks.push(undefined);
      kinds.push("text");
    }
    dictionary.push(dict ?? []);
  }
  select.push(...fallbackSelect);
  inner.push(`hash(${countedId(idColumn)}) AS h`);
  select.push("h");
  const query = `SELECT ${select.join(", ")} FROM (SELECT *${flags.length ? `, ${flags.join(", ")}` : ""} FROM (SELECT ${inner.join(", ")} FROM ${expr}))`;
  const reader = (chunk: DuckDBDataChunk) => {
    const columns: LeadColumn[] = [];
    // A column's text where its number or code does not apply; its vector is fetched when first read.
    const texts: (DuckDBVector | undefined)[] = [];
    const textOf = (r: number, j: number) => (texts[j] ??= chunk.getColumnVector(fallbacks[j]!)).getItem(r) as string;
    for (let j = 0; j < keys.length; j++) {
      const kind = kinds[j];
      if (kind === "number") {
        const numbers = float64Column(chunk, 1 + j);
        columns.push({ numbers, value: (r) => (numbers[r] - numbers[r] === 0 ? numbers[r] : numbers[r] === Infinity ? textOf(r, j) : "") });
      } else if (kind === "code") {
        const codes = int32Column(chunk, 1 + j);
        const dict = dictionary[j];
        columns.push({ codes, dictionary: dict, value: (r) => (codes[r] >= 0 ? dict[codes[r]] : textOf(r, j)) });
      } else {
        const values = chunk.getColumnVector(1 + j);
        columns.push({ value: (r) => values.getItem(r) as string });
      }
    }
    let ids: DuckDBVector | undefined;
    return {
      id: (r: number) => (ids ??= chunk.getColumnVector(0)).getItem(r) as string,
      ids: varcharColumn(chunk, 0),
      hashes: uint64Words(chunk, 1 + keys.length + fallbackSelect.length),
      columns,
      fill(r: number, values: LeadValue[]) {
        for (let j = 0; j < columns.length; j++) values[j] = columns[j].value(r);
      },
    };
  };
  return { query, reader };
}

/** Columns with at most this many distinct values in the first rows are read through a dictionary. */
const DICTIONARY_MAX = 200;
const DICTIONARY_SAMPLE = 10_000;

/** The distinct texts of each column in the first rows of the file, for the columns that have few. */
async function sampleDictionaries(db: DuckDBConnection, expr: string, keys: readonly string[], text: (key: string) => string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (keys.length === 0) return out;
  const lists = keys.map((k, j) => `list(DISTINCT ${text(k)}) AS d${j}`).join(", ");
  const [row] = (await db.runAndReadAll(`SELECT ${lists} FROM (SELECT * FROM ${expr} LIMIT ${DICTIONARY_SAMPLE})`)).getRowsJS();
  keys.forEach((k, j) => {
    const values = (row?.[j] ?? []) as string[];
    if (values.length > 0 && values.length <= DICTIONARY_MAX) out.set(k, [...values].sort(compareText));
  });
  return out;
}
