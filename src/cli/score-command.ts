import { closeSync, existsSync, openSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import type { DuckDBConnection, DuckDBDataChunk, DuckDBVector } from "@duckdb/node-api";
import { DatasetError } from "../formats/dataset-error";
import { openDuckDB, sqlIdentifier, sqlString } from "../data/duckdb-session";
import { compareText } from "../data/compare-text";
import { nearestName } from "../formats/nearest-name";
import { tableExpression } from "../data/read-table";
import { readScoringRules } from "../scoring/parse-scoring-rules";
import { createScorer, ScoreError, type LeadValue } from "../scoring/score";
import type { ScoringRules } from "../formats/scoring-rules-schema";
import { CliError } from "./cli-error";
import { parseCommandArgs } from "./parse-command-args";

const USAGE = "leadlab score <scoring.yaml> <leads.csv|parquet|json> [--out scored.csv] [--reasons N] [--missing NA,N/A]";

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

/** What {@link scoreFile} did. */
export interface ScoreFileReport {
  rows: number;
  scored: number;
  unscored: UnscoredReason[];
  seconds: number;
}

/** Options of {@link scoreFile}. */
export interface ScoreFileOptions {
  /** How many reasons per lead (default 3). */
  reasons?: number;
  /** Text read as missing besides the empty string. */
  missing?: readonly string[];
  /** Called with a line of progress every 262,144 leads. */
  onProgress?: (message: string) => void;
}

/**
 * Scores every row of a leads file (CSV, Parquet or NDJSON/JSON) with a `scoring.yaml`,
 * streaming: DuckDB reads the file chunk by chunk, each row is scored with the runtime
 * scorer, and CSV lines (`<id>,points,tier,grade,reasons`) go to `write` as each chunk is
 * done, so a million leads never sit in memory. The leads file has a column per attribute's
 * `source.column`, and for each event feature a column named as the attribute (e.g.
 * `demo_request_count_90d`) with the precomputed value. A row that cannot be scored is
 * written with empty points, tier and grade and its reason, and counted in the report.
 *
 * @example
 * import { scoreFile } from "leadlab";
 * const lines: string[] = [];
 * const report = await scoreFile("tests/scoring/fixtures/scoring.yaml", "tests/scoring/fixtures/leads.csv", (t) => lines.push(t));
 * report.scored; // => 4
 */
export async function scoreFile(rulesPath: string, leadsPath: string, write: (text: string) => void, options: ScoreFileOptions = {}): Promise<ScoreFileReport> {
  const started = performance.now();
  const rules = readScoringRules(rulesPath);
  const scorer = createScorer(rules, { reasons: options.reasons, missing: options.missing });
  if (!existsSync(leadsPath)) throw new DatasetError("the leads file does not exist", { file: leadsPath }, "pass the path of a CSV, Parquet or NDJSON file of leads");
  const db = await openDuckDB(process.cwd());
  try {
    const expr = tableExpression({ file: resolve(leadsPath) }, { specFile: leadsPath, field: "leads", baseDir: process.cwd() }, { csvAllText: true });
    const names = (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${expr}`)).getRowObjectsJS().map((r) => String(r.column_name));
    requireColumns(rules, scorer.keys, names, leadsPath);
    const plan = await readPlan(db, expr, rules, scorer.keys);
    const result = await db.stream(plan.query);
    const values: LeadValue[] = new Array(scorer.keys.length);
    const tiers = new Map<string | null, string>();
    // Reasons are few distinct texts: each is escaped once; the reasons cell is always quoted.
    const reasonCells = new Map<string, string>();
    const unscored = new Map<string, UnscoredReason>();
    let rows = 0;
    let scored = 0;
    let out = `${csvField(rules.inputs.id)},points,tier,grade,reasons\n`;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      const read = plan.reader(chunk);
      for (let r = 0; r < n; r++) {
        const id = read(r, values);
        try {
          const s = scorer.scoreValues(values);
          let tier = tiers.get(s.tier);
          if (tier === undefined) tiers.set(s.tier, (tier = csvField(s.tier ?? "")));
          let cell = "";
          for (let k = 0; k < s.reasons.length; k++) {
            let quoted = reasonCells.get(s.reasons[k]);
            if (quoted === undefined) reasonCells.set(s.reasons[k], (quoted = s.reasons[k].replace(/"/g, '""')));
            cell += k === 0 ? quoted : `; ${quoted}`;
          }
          out += `${csvField(id)},${s.points},${tier},${s.grade},"${cell}"\n`;
          scored++;
        } catch (e) {
          if (!(e instanceof ScoreError)) throw e;
          out += `${csvField(id)},,,,${csvField(`could not score: ${e.message}`)}\n`;
          let u = unscored.get(e.problem);
          if (!u) unscored.set(e.problem, (u = { reason: e.problem, rows: 0, examples: [], values: [] }));
          u.rows++;
          if (u.examples.length < 5) u.examples.push(id);
          const shown = typeof e.value === "string" ? JSON.stringify(e.value) : String(e.value);
          if (u.values.length < 5 && !u.values.includes(shown)) u.values.push(shown);
        }
      }
      rows += n;
      write(out);
      out = "";
      if (options.onProgress && rows % 262_144 < n) options.onProgress(`scored ${rows.toLocaleString("en-US")} leads`);
    }
    if (out) write(out);
    return { rows, scored, unscored: [...unscored.values()].sort((a, b) => b.rows - a.rows), seconds: (performance.now() - started) / 1000 };
  } finally {
    db.closeSync();
  }
}

/** Throws naming a column the rules read that the leads file lacks (event features are precomputed columns). */
function requireColumns(rules: ScoringRules, keys: readonly string[], names: readonly string[], leadsPath: string): void {
  for (const key of [rules.inputs.id, ...keys]) {
    if (names.includes(key)) continue;
    const attribute = rules.attributes.find((a) => ("column" in a.source ? a.source.column : a.name) === key);
    const isEvent = attribute !== undefined && "event" in attribute.source;
    const near = nearestName(key, names);
    throw new DatasetError(
      `the leads file has no column "${key}"${isEvent ? ` (the event feature "${key}", precomputed)` : ""} (it has: ${names.join(", ")})`,
      { file: leadsPath },
      near
        ? `did you mean "${near}"?`
        : isEvent
          ? "add a column named as the event feature with its value as of the scoring point, or score in the warehouse with `leadlab sql`"
          : `add the column "${key}" that the rules read (inputs.id or an attribute's source.column)`,
    );
  }
}

/** The query that reads the leads, and how to turn a row of its chunks into the scorer's values. */
interface ReadPlan {
  query: string;
  /** For one chunk: a function that fills `values` (in the scorer's key order) for row `r` and returns the lead id. */
  reader(chunk: DuckDBDataChunk): (r: number, values: LeadValue[]) => string;
}

/**
 * How each column reaches score(): exactly its text, but cheaper than one JS string per value
 * (and nothing is NULL, so no validity masks are read):
 * - read only by numeric attributes: a DOUBLE when the text is DuckDB's canonical form of a
 *   finite number ("250", "-3", "2.5", "1e+20"), which the scorer's grammar reads as the same
 *   number; any other text (blank, " 75 ", "1e3", "NA", junk) comes as text;
 * - other columns with few distinct values in the first rows: the code of the text in a
 *   dictionary of those values (an ENUM), and the text itself when it is not in it;
 * - the rest: text.
 */
async function readPlan(db: DuckDBConnection, expr: string, rules: ScoringRules, keys: readonly string[]): Promise<ReadPlan> {
  const numericOnly = (key: string) =>
    rules.attributes.every((a) => ("column" in a.source ? a.source.column : a.name) !== key || a.match === "numeric");
  const text = (key: string) => `COALESCE(CAST(${sqlIdentifier(key)} AS VARCHAR), '')`;
  const numeric = keys.map(numericOnly);
  const dictionaries = await sampleDictionaries(db, expr, keys.filter((_, j) => !numeric[j]), text);
  // `inner` reads each column once; `flags` says whether a number's text is canonical; the
  // outer select hands out the number or code, and the text where they do not apply.
  const inner = [`${text(rules.inputs.id)} AS id`];
  const flags: string[] = [];
  const select = ["id"];
  const kinds: ("number" | "code" | "text")[] = [];
  const dictionary: string[][] = [];
  for (const [j, key] of keys.entries()) {
    const dict = dictionaries.get(key);
    if (numeric[j]) {
      inner.push(`CAST(${sqlIdentifier(key)} AS VARCHAR) AS r${j}`, `TRY_CAST(CAST(${sqlIdentifier(key)} AS VARCHAR) AS DOUBLE) AS d${j}`);
      flags.push(`COALESCE(isfinite(d${j}) AND (CAST(d${j} AS VARCHAR) = r${j} OR CAST(TRY_CAST(r${j} AS BIGINT) AS VARCHAR) = r${j}), false) AS ok${j}`);
      select.push(`CASE WHEN ok${j} THEN d${j} ELSE CAST('NaN' AS DOUBLE) END AS x${j}`, `CASE WHEN ok${j} THEN '' ELSE COALESCE(r${j}, '') END AS v${j}`);
      kinds.push("number");
    } else if (dict) {
      const type = `leadlab_dictionary_${j}`;
      await db.run(`CREATE TYPE ${type} AS ENUM (${dict.map(sqlString).join(", ")})`);
      inner.push(`TRY_CAST(${text(key)} AS ${type}) AS e${j}`, `${text(key)} AS r${j}`);
      select.push(`COALESCE(CAST(enum_code(e${j}) AS INTEGER), -1) AS x${j}`, `CASE WHEN e${j} IS NULL THEN r${j} ELSE '' END AS v${j}`);
      kinds.push("code");
    } else {
      inner.push(`${text(key)} AS r${j}`);
      select.push(`r${j} AS v${j}`);
      kinds.push("text");
    }
    dictionary.push(dict ?? []);
  }
  const query = `SELECT ${select.join(", ")} FROM (SELECT *${flags.length ? `, ${flags.join(", ")}` : ""} FROM (SELECT ${inner.join(", ")} FROM ${expr}))`;
  const reader = (chunk: DuckDBDataChunk) => {
    const ids = chunk.getColumnVector(0);
    const fast: (DuckDBVector | undefined)[] = [];
    const texts: DuckDBVector[] = [];
    let v = 1;
    for (let j = 0; j < keys.length; j++) {
      fast.push(kinds[j] !== "text" ? chunk.getColumnVector(v++) : undefined);
      texts.push(chunk.getColumnVector(v++));
    }
    return (r: number, values: LeadValue[]): string => {
      for (let j = 0; j < keys.length; j++) {
        const kind = kinds[j];
        if (kind === "number") {
          const x = fast[j]!.getItem(r) as number;
          values[j] = x === x ? x : (texts[j].getItem(r) as string);
        } else if (kind === "code") {
          const code = fast[j]!.getItem(r) as number;
          values[j] = code >= 0 ? dictionary[j][code] : (texts[j].getItem(r) as string);
        } else values[j] = texts[j].getItem(r) as string;
      }
      return ids.getItem(r) as string;
    };
  };
  return { query, reader };
}

/**
 * `leadlab score`: scores a leads file with a `scoring.yaml` and writes CSV (id, points,
 * tier, grade, reasons) to `--out` or stdout; reports to stderr how many leads were scored
 * and, per reason, the leads that could not be (with example ids and values).
 *
 * @example
 * import { scoreCommand } from "leadlab";
 * await scoreCommand(["tests/scoring/fixtures/scoring.yaml", "tests/scoring/fixtures/leads.csv"], (s) => process.stdout.write(s), (m) => process.stderr.write(m + "\n"));
 */
export async function scoreCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    "score",
    USAGE,
    argv,
    { out: { type: "string" as const }, reasons: { type: "string" as const }, missing: { type: "string" as const } },
    2,
  );
  const reasons = values.reasons === undefined ? undefined : Number(values.reasons);
  if (reasons !== undefined && !(Number.isInteger(reasons) && reasons >= 0)) throw new CliError(`score: --reasons must be a whole number ≥ 0; got "${values.reasons}". Usage: ${USAGE}`);
  const missing = values.missing === undefined ? undefined : values.missing.split(",");
  const [rulesPath, leadsPath] = positionals;
  let fd: number | undefined;
  try {
    if (values.out) fd = openSync(values.out, "w");
    const write = fd === undefined ? out : (text: string) => void writeSync(fd!, text);
    const report = await scoreFile(rulesPath, leadsPath, write, { reasons, missing, onProgress: progress });
    const rate = report.seconds > 0 ? Math.round(report.rows / report.seconds) : report.rows;
    progress(`scored ${report.scored.toLocaleString("en-US")} of ${leads(report.rows)} in ${report.seconds.toFixed(2)} s (${rate.toLocaleString("en-US")} leads/s)${values.out ? `; wrote ${values.out}` : ""}`);
    const failed = report.rows - report.scored;
    if (failed > 0) {
      progress(`could not score ${leads(failed)} (written with empty points and the reason):`);
      for (const u of report.unscored)
        progress(`  ${u.reason}: ${leads(u.rows)}, e.g. ${u.examples.map((x) => JSON.stringify(x)).join(", ")} (values ${u.values.join(", ")})`);
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const leads = (n: number) => `${n.toLocaleString("en-US")} lead${n === 1 ? "" : "s"}`;

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

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
