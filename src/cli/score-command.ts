import { closeSync, existsSync, openSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { DatasetError } from "../data/dataset-error";
import { openDuckDB, sqlIdentifier } from "../data/duckdb-session";
import { nearestName } from "../data/nearest-name";
import { tableExpression } from "../data/read-table";
import { readScoringRules } from "../scoring/parse-scoring-rules";
import { createScorer, ScoreError, type LeadValue } from "../scoring/score";
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
    const idIndex = 0;
    const keys = [...new Set([rules.inputs.id, ...rules.attributes.map((a) => ("column" in a.source ? a.source.column : a.name))])];
    for (const key of keys)
      if (!names.includes(key)) {
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
    // Columns that only numeric attributes read come as a DOUBLE when their text is exactly
    // DuckDB's canonical form of a finite number ("250", "-3", "2.5", "1e+20"), which the
    // scorer's grammar reads as the same number; any other text (blank, " 75 ", "1e3", "NA",
    // junk) comes as text for score() to read. Nothing is NULL, so no validity masks are read.
    const numericOnly = (key: string) =>
      rules.attributes.every((a) => ("column" in a.source ? a.source.column : a.name) !== key || a.match === "numeric");
    const columns = keys.map((key, j) => {
      const raw = `CAST(${sqlIdentifier(key)} AS VARCHAR)`;
      if (j === idIndex || !numericOnly(key)) return { number: false, sql: `COALESCE(${raw}, '') AS v${j}` };
      const canonical = `(CAST(TRY_CAST(${raw} AS BIGINT) AS VARCHAR) = ${raw} OR (CAST(TRY_CAST(${raw} AS DOUBLE) AS VARCHAR) = ${raw} AND isfinite(TRY_CAST(${raw} AS DOUBLE))))`;
      return {
        number: true,
        sql: `CASE WHEN ${canonical} THEN CAST(${raw} AS DOUBLE) ELSE CAST('NaN' AS DOUBLE) END AS x${j}, CASE WHEN ${canonical} THEN '' ELSE COALESCE(${raw}, '') END AS v${j}`,
      };
    });
    const result = await db.stream(`SELECT ${columns.map((c) => c.sql).join(", ")} FROM ${expr}`);
    const record: Record<string, LeadValue> = {};
    const unscored = new Map<string, UnscoredReason>();
    let rows = 0;
    let scored = 0;
    write(`${csvField(rules.inputs.id)},points,tier,grade,reasons\n`);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      // Vector index of each key's text, and of its number (-1 for text-only columns).
      const vectors = [];
      let v = 0;
      for (const c of columns) {
        const number = c.number ? chunk.getColumnVector(v++) : undefined;
        vectors.push({ number, text: chunk.getColumnVector(v++) });
      }
      let out = "";
      for (let r = 0; r < n; r++) {
        for (let j = 0; j < keys.length; j++) {
          const number = vectors[j].number;
          const x = number ? (number.getItem(r) as number) : NaN;
          record[keys[j]] = x === x ? x : (vectors[j].text.getItem(r) as string);
        }
        const id = record[keys[idIndex]] as string;
        try {
          const s = scorer(record);
          out += `${csvField(id)},${s.points},${csvField(s.tier ?? "")},${s.grade},${csvField(s.reasons.join("; "))}\n`;
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
      if (options.onProgress && rows % 262_144 < n) options.onProgress(`scored ${rows.toLocaleString("en-US")} leads`);
    }
    return { rows, scored, unscored: [...unscored.values()].sort((a, b) => b.rows - a.rows), seconds: (performance.now() - started) / 1000 };
  } finally {
    db.closeSync();
  }
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

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
