import { readScoringRules } from "../scoring/parse-scoring-rules";
import { SQL_DIALECTS, type SqlDialect } from "../scoring/sql/dialects";
import { scoringSql } from "../scoring/sql/scoring-sql";
import { checkOutputPath, writeFileAtomic } from "./atomic-output";
import { CliError } from "./cli-error";
import { parseCommandArgs } from "./parse-command-args";

const USAGE = `leadlab sql <scoring.yaml> --dialect ${SQL_DIALECTS.join("|")} [--leads-table T] [--events-table E] [--view V] [--missing NA,N/A] [--out file.sql]`;

/**
 * `leadlab sql`: writes the `CREATE OR REPLACE VIEW` statement that scores a leads table
 * with a `scoring.yaml` in a warehouse's SQL dialect (event features computed from the raw
 * events table), to `--out` or stdout.
 *
 * @example
 * import { sqlCommand } from "leadlab";
 * sqlCommand(["tests/scoring/fixtures/scoring.yaml", "--dialect", "postgres", "--leads-table", "crm.leads"], (s) => process.stdout.write(s));
 */
export function sqlCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): void {
  const { values, positionals } = parseCommandArgs(
    "sql",
    USAGE,
    argv,
    {
      dialect: { type: "string" as const },
      "leads-table": { type: "string" as const },
      "events-table": { type: "string" as const },
      view: { type: "string" as const },
      missing: { type: "string" as const },
      out: { type: "string" as const },
    },
    1,
  );
  const d = values.dialect;
  if (d === undefined || !(SQL_DIALECTS as readonly string[]).includes(d))
    throw new CliError(`sql: ${d === undefined ? "--dialect is required" : `unknown dialect "${d}"`}; use one of ${SQL_DIALECTS.join(", ")}. Usage: ${USAGE}`);
  if (values.out) checkOutputPath(values.out);
  const rules = readScoringRules(positionals[0]);
  const sql = scoringSql(rules, {
    dialect: d as SqlDialect,
    leadsTable: values["leads-table"],
    eventsTable: values["events-table"],
    viewName: values.view,
    missing: values.missing === undefined ? undefined : values.missing.split(","),
  });
  if (values.out) {
    writeFileAtomic(values.out, sql);
    progress(`wrote ${values.out} (${d})`);
  } else out(sql);
}
