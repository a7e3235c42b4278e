import { readScoringRules } from "../scoring/parse-scoring-rules";
import { SQL_DIALECTS, type SqlDialect } from "../sql/dialects";
import { scoringSql } from "../scoring/sql/scoring-sql";
import { rulesTrainingFeaturesSql } from "../sql/training-features-sql";
import { checkOutputPath, writeFileAtomic } from "./atomic-output";
import { CliError } from "./cli-error";
import { parseCommandArgs } from "./parse-command-args";

const USAGE = `leadlab sql <scoring.yaml> --dialect ${SQL_DIALECTS.join("|")} [--leads-table T] [--events-table E] [--view V] [--missing NA,N/A] [--reasons 3] [--features] [--out file.sql]`;

/**
 * `leadlab sql`: writes the `CREATE OR REPLACE VIEW` statement that scores a leads table
 * with a `scoring.yaml` in a warehouse's SQL dialect (event features computed from the raw
 * events table), to `--out` or stdout. With `--features`, the per-deal training feature query
 * instead: every event type and window of the rules, per deal id and scoring point.
 *
 * @example
 * import { sqlCommand } from "./sql-command";
 * sqlCommand(["tests/scoring/fixtures/scoring.yaml", "--dialect", "postgres", "--leads-table", "crm.leads"], (s) => process.stdout.write(s));
 */
export function sqlCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): void {
  const { values, positionals } = parseCommandArgs(
    "sql",
    USAGE,
    argv,
    {
      dialect: { type: "string", value: "dialect", choices: SQL_DIALECTS, required: true, help: "the warehouse's SQL dialect" },
      "leads-table": { type: "string", value: "table", default: "leads", help: "the leads table (schema.table allowed)" },
      "events-table": { type: "string", value: "table", default: "events", help: "the raw events table, for event features" },
      view: { type: "string", value: "name", default: "lead_scores", help: "the view to create or replace" },
      missing: { type: "string", value: "tokens", help: "comma-separated text read as missing besides the empty string and the rules' inputs.missing, e.g. NA,N/A" },
      reasons: { type: "string", value: "N", number: { kind: "integer", min: 0, max: 20 }, default: "3", help: "reason columns in the view (reason_1…reason_N: the largest contributions, as leadlab score gives them); 0 for none" },
      out: { type: "string", value: "file.sql", default: "stdout", help: "write the statement to this file (replaced only once complete)" },
      features: { type: "boolean", help: "write the per-deal training feature query (every event type and window of the rules, as of each deal's scoring point) instead of the scoring view" },
    },
    1,
    { summary: "The CREATE OR REPLACE VIEW statement that scores a leads table with the rules in a warehouse: points, tier, grade, fit and engagement points and the top reasons per lead.", args: [["<scoring.yaml>", "the rules written by leadlab tune"]] },
  );
  const d = values.dialect;
  if (d === undefined) throw new CliError(`sql: --dialect is required; use one of ${SQL_DIALECTS.join(", ")}. Usage: ${USAGE}`);
  if (values.out) checkOutputPath(values.out);
  const rules = readScoringRules(positionals[0]);
  const common = {
    dialect: d as SqlDialect,
    leadsTable: values["leads-table"],
    eventsTable: values["events-table"],
    missing: values.missing === undefined ? undefined : values.missing.split(","),
  };
  if (values.features && values.view !== undefined) throw new CliError(`sql: --view names the scoring view; --features writes a query, not a view. Usage: ${USAGE}`);
  let sql: string;
  try {
    sql = values.features
      ? rulesTrainingFeaturesSql(rules, common)
      : scoringSql(rules, { ...common, viewName: values.view, ...(values.reasons === undefined ? {} : { reasons: Number(values.reasons) }) });
  } catch (e) {
    throw new CliError(`${positionals[0]}: ${(e as Error).message}`);
  }
  if (values.out) {
    writeFileAtomic(values.out, sql);
    progress(`wrote ${values.out} (${d})`);
  } else out(sql);
}
