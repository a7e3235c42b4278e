#!/usr/bin/env node
import { DatasetError } from "../formats/dataset-error";
import { PersonasError } from "../personas/personas-error";
import { CliError } from "./cli-error";
import { frameworksCommand } from "./frameworks-command";
import { diffCommand } from "./diff-command";
import { exportCommand } from "./export-command";
import { driversCommand } from "./drivers-command";
import { beliefsCommand } from "./beliefs-command";
import { tuneCommand } from "./tune-command";
import { personasCommand } from "./personas-command";
import { profileCommand } from "./profile-command";
import { schemaCommand } from "./schema-command";
import { scoreCommand } from "./score-command";
import { sqlCommand } from "./sql-command";
import { validateCommand } from "./validate-command";
import { runSampleCommand } from "./sample-command";
import { initCommand } from "./init-command";
import { HelpRequested } from "./parse-command-args";
import { progressReporter } from "./progress";
import { toolVersion } from "../tool-version";

type Command = (argv: string[], out: (text: string) => void, progress: (message: string) => void) => Promise<void> | void;

/** Every command of the `leadlab` CLI, with a line of help. */
export const COMMANDS: Record<string, { run: Command; help: string }> = {
  tune: { run: tuneCommand, help: "tune <dataset.yaml> --out <dir> [--previous <dir>] [--capacity 0.2] [--tiers A,B,C,D]   the quarterly scorecard" },
  diff: { run: diffCommand, help: "diff <old.yaml> <new.yaml> [--json]   what changed between two scoring rules" },
  profile: { run: profileCommand, help: "profile <dataset.yaml> [--json]   load report and a line per attribute" },
  drivers: { run: driversCommand, help: "drivers <dataset.yaml> [--target won|retained|amount] [--json] [--top N]   what predicts winning, retention or deal size" },
  beliefs: { run: beliefsCommand, help: "beliefs <dataset.yaml> <beliefs.yaml> [--json]   the team's claims tested on the holdout" },
  personas: { run: personasCommand, help: "personas <dataset.yaml> [--k N] [--customers won|retained] [--json] [--out personas.yaml]   buyer personas of the best customers" },
  validate: { run: validateCommand, help: "validate <dataset.yaml>          check a dataset spec and its files" },
  sample: { run: (argv) => runSampleCommand(argv), help: "sample --out <dir> [--seed N --deals N --events N --events-format parquet|csv]   write the seeded sample" },
  schema: { run: schemaCommand, help: "schema                           write the JSON Schemas of the spec formats" },
  score: { run: scoreCommand, help: "score <scoring.yaml> <leads> [--out f.csv]   score a leads file (CSV/Parquet/JSON)" },
  sql: { run: sqlCommand, help: "sql <scoring.yaml> --dialect D [--out f.sql]  the scoring view for a warehouse" },
  export: { run: exportCommand, help: "export <scoring.yaml> --to sheet|hubspot|salesforce|marketo --out <dir>   the rules in the form a CRM takes" },
  init: { run: initCommand, help: "init <folder> [--out dataset.yaml] [--force]   draft a commented dataset.yaml from a folder of exports" },
  frameworks: { run: frameworksCommand, help: "frameworks <dataset.yaml> [--json]  BANT, CHAMP, ANUM, MEDDIC, GPCTBA/C&I tested on the holdout" },
};

function usage(): string {
  return `usage: leadlab <command> [options]\n\n${Object.values(COMMANDS).map((c) => `  leadlab ${c.help}`).join("\n")}\n\nleadlab <command> --help explains every option of a command; leadlab --version prints the version.\nAdd --debug to see the stack of an unexpected error.\n`;
}

/**
 * Runs the `leadlab` command line: results on stdout, progress on stderr, a wrong call or bad
 * input as one line on stderr with a non-zero exit code (the stack only with `--debug`).
 *
 * @example
 * import { main } from "./main";
 * await main(["validate", "data/sample/dataset.yaml"]); // => 0
 */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  // `leadlab help tune` is `leadlab tune --help`
  const [name, ...rest] = args[0] === "help" && args[1] !== undefined ? [args[1], "--help"] : args;
  const reporter = progressReporter(process.stderr);
  const out = (text: string) => {
    reporter.clear();
    process.stdout.write(text);
  };
  const progress = reporter.report;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    out(usage());
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-V") {
    out(`leadlab ${toolVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`leadlab: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(", ")}\n`);
    return 2;
  }
  try {
    await command.run(rest, out, progress);
    reporter.clear();
    return 0;
  } catch (e) {
    reporter.clear();
    const err = e as Error;
    if (err instanceof HelpRequested) {
      out(err.text);
      return 0;
    }
    if (debug) process.stderr.write(`${err.stack}\n`);
    if (err instanceof CliError) {
      process.stderr.write(`leadlab: ${err.message}\n`);
      return 2;
    }
    // The data's own limits (a bad input, too few customers for personas) are no bug.
    const expected = err instanceof DatasetError || err instanceof PersonasError;
    process.stderr.write(`leadlab: ${expected ? "" : "unexpected error: "}${oneLine(err.message)}${debug || expected ? "" : " (run with --debug for the stack)"}\n`);
    return 1;
  }
}

/** A message on one line, every line of it kept (a native library's cause may span several). */
function oneLine(message: string): string {
  return message.split("\n").map((line) => line.trim()).filter((line) => line !== "").join("; ");
}

/**
 * Ends quietly when the reader of stdout goes away (`leadlab profile | head -1`): the output
 * was not wanted any more, which is not an error. Any other stdout failure is one line.
 */
function endQuietlyOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === "EPIPE") process.exit(0);
  process.stderr.write(`leadlab: cannot write the output: ${error.message}\n`);
  process.exit(1);
}

if (require.main === module) {
  process.stdout.on("error", endQuietlyOnClosedPipe);
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
