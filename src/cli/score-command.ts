import { existsSync } from "node:fs";
import { scoreFile, type ScoreFileReport } from "../scoring/score-file";
import { checkOutputPath, openAtomicOutput, type AtomicOutput } from "./atomic-output";
import { CliError } from "./cli-error";
import { parseCommandArgs, type OptionSpecs } from "./parse-command-args";
import { formatPercent } from "../format/percent";

const USAGE =
  "leadlab score <scoring.yaml> <leads.csv|parquet|json> [--id column] [--events events.csv|parquet --as-of column|now] [--personas personas.yaml] [--out scored.csv] [--reasons N] [--missing NA,N/A]";

/** The options of `leadlab score`: parsing, checks and help. */
const SCORE_OPTIONS = {
  id: { type: "string", value: "column", default: "the rules' inputs.id", help: "the leads' id column" },
  events: { type: "string", value: "events.csv|parquet", help: "raw events (CSV, Parquet or NDJSON) to compute the behavioural features from" },
  "as-of": { type: "string", value: "column|now", help: "with --events: the date the features are computed at, a column of the leads or now" },
  personas: { type: "string", value: "personas.yaml", help: "add the persona and anti-persona columns from a personas.yaml written by leadlab tune" },
  out: { type: "string", value: "scored.csv", default: "stdout", help: "write the scored rows to this file (replaced only once complete)" },
  reasons: { type: "string", value: "N", number: { kind: "integer", min: 0 }, default: "3", help: "reasons (attributes with the most points) listed per lead" },
  missing: { type: "string", value: "tokens", help: "comma-separated text read as missing besides the empty string and the rules' inputs.missing, e.g. NA,N/A" },
} satisfies OptionSpecs;

const leads = (n: number) => `${n.toLocaleString("en-US")} lead${n === 1 ? "" : "s"}`;

/**
 * `leadlab score`: scores a leads file with a `scoring.yaml` and writes CSV (id, points, tier,
 * grade, fit and engagement points, reasons) to `--out` or stdout. `--id` names the id column
 * (default: the rules' `inputs.id`); `--events` computes the behavioural features from raw
 * events as of `--as-of` (a column of the leads, or now). `--out` is written to a temporary
 * file in its folder and renamed into place when complete, so a failed run never empties or
 * truncates it. The summary (see {@link scoreSummary}) goes to stderr.
 *
 * @example
 * import { scoreCommand } from "./score-command";
 * await scoreCommand(["tests/scoring/fixtures/scoring.yaml", "tests/scoring/fixtures/leads.csv"], (s) => process.stdout.write(s), (m) => process.stderr.write(m + "\n"));
 */
export async function scoreCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseCommandArgs("score", USAGE, argv, SCORE_OPTIONS, 2, {
    summary: "Scores a leads file with the rules: one CSV row per lead, in the file's order, with its points, tier, grade, the expected value and value tier (when the rules have a value block) and reasons; a summary of unscored rows on stderr.",
    args: [
      ["<scoring.yaml>", "the rules written by leadlab tune"],
      ["<leads.csv|parquet|json>", "the leads file: CSV, Parquet or JSON (NDJSON)"],
    ],
  });
  const reasons = values.reasons === undefined ? undefined : Number(values.reasons);
  if (values["as-of"] !== undefined && values.events === undefined) throw new CliError(`score: --as-of applies to features computed from --events; pass --events too. Usage: ${USAGE}`);
  if (values.events !== undefined && !existsSync(values.events)) throw new CliError(`score: the events file ${values.events} does not exist; pass the raw events (CSV, Parquet or NDJSON) with the columns of the rules' inputs.events`);
  const missing = values.missing === undefined ? undefined : values.missing.split(",");
  const [rulesPath, leadsPath] = positionals;
  if (values.out) checkOutputPath(values.out);
  // The scored file is written to a temporary file beside --out, which it replaces only once complete.
  const file: AtomicOutput | undefined = values.out === undefined ? undefined : openAtomicOutput(values.out);
  try {
    const report = await scoreFile(rulesPath, leadsPath, file ? { path: file.temp } : out, { reasons, missing, onProgress: progress, id: values.id, events: values.events, asOf: values["as-of"], personas: values.personas });
    file?.commit();
    for (const line of scoreSummary(report, values.out)) progress(line);
  } finally {
    file?.abort();
  }
}

/**
 * The lines `leadlab score` writes to stderr: rows scored and not (per reason), what was left
 * out of the file to read it (a report footer), category
 * values in no bin (per attribute, the most frequent first), blank and duplicated ids, and
 * what became of the raw events.
 *
 * @example
 * import { scoreSummary } from "./score-command";
 * scoreSummary({ rows: 2, scored: 2, unscored: [], unknown: [], ids: { blank: 0, duplicated: { ids: 0, rows: 0, examples: [] } }, seconds: 1 }); // => ["scored 2 of 2 leads in 1.00 s (2 leads/s)", "ids: none blank, none duplicated"]
 */
export function scoreSummary(report: ScoreFileReport, outPath?: string): string[] {
  const lines: string[] = [];
  const rate = report.seconds > 0 ? Math.round(report.rows / report.seconds) : report.rows;
  lines.push(`scored ${report.scored.toLocaleString("en-US")} of ${leads(report.rows)} in ${report.seconds.toFixed(2)} s (${rate.toLocaleString("en-US")} leads/s)${outPath ? `; wrote ${outPath}` : ""}`);
  lines.push(...(report.notes ?? []));
  const failed = report.rows - report.scored;
  if (failed > 0) {
    lines.push(`could not score ${leads(failed)} (written with empty points and the reason):`);
    for (const u of report.unscored) lines.push(`  ${u.reason}: ${leads(u.rows)}, e.g. ${u.examples.map((x) => JSON.stringify(x)).join(", ")} (values ${u.values.join(", ")})`);
  }
  if (report.unknown.length > 0) {
    lines.push("category values no bin lists (scored in the attribute's other bin, or missing bin when it has none):");
    for (const u of report.unknown)
      lines.push(`  ${u.attribute}: ${leads(u.rows)}, ${u.distinct} value${u.distinct === 1 ? "" : "s"}: ${u.top.map((t) => `${JSON.stringify(t.value)} ${t.rows.toLocaleString("en-US")}`).join(", ")}${u.distinct > u.top.length ? ", …" : ""}`);
  }
  const d = report.ids.duplicated;
  lines.push(
    `ids: ${report.ids.blank ? `${report.ids.blank.toLocaleString("en-US")} blank` : "none blank"}, ${d.ids ? `${d.ids.toLocaleString("en-US")} on more than one row (${d.rows.toLocaleString("en-US")} rows), e.g. ${d.examples.map((e) => `${JSON.stringify(e.id)} ×${e.rows}`).join(", ")}` : "none duplicated"}`,
  );
  const p = report.personas;
  if (p) {
    const share = (n: number) => `${leads(n)} (${formatPercent(n / Math.max(report.rows, 1), 1)})`;
    lines.push(`personas: ${p.personas.map((x) => `${x.persona} ${share(x.rows)}`).join(", ")}`);
    lines.push(`anti-personas: ${p.anti.length ? p.anti.map((x) => `${x.kind} ${share(x.rows)}`).join(", ") : "none"}`);
  }
  const e = report.events;
  if (e)
    lines.push(
      `events: ${e.read.toLocaleString("en-US")} read from ${e.table}, as of ${e.scoringPoint}; ${e.unmatchedKey.toLocaleString("en-US")} match no lead, ${e.afterEveryScoringPoint.toLocaleString("en-US")} are at or after every scoring point of their key${e.dropped.map((x) => `, ${x.rows.toLocaleString("en-US")} dropped: ${x.reason}`).join("")}`,
    );
  return lines;
}
