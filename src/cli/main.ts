#!/usr/bin/env node
import { DatasetError } from "../formats/dataset-error";
import { PersonasError } from "../personas/personas-error";
import { CliError } from "./cli-error";
import { HelpRequested } from "./parse-command-args";
import { progressReporter, type ProgressStream } from "./progress";
import { toolVersion } from "../tool-version";

type Command = (argv: string[], out: (text: string) => void, progress: (message: string) => void) => Promise<void> | void;

/** A command whose module is loaded when it first runs. */
function lazy<M>(load: () => Promise<M>, pick: (module: M) => Command): Command {
  return async (argv, out, progress) => pick(await load())(argv, out, progress);
}

/**
 * Every command of the `leadlab` CLI, with a line of help. A command's modules are loaded when it
 * runs, so that one command does not wait for every other's (DuckDB, vega, the Excel reader):
 * `leadlab --version` starts in a fifth of the time.
 */
export const COMMANDS: Record<string, { run: Command; help: string }> = {
  tune: { run: lazy(() => import("./tune-command"), (m) => m.tuneCommand), help: "tune <dataset.yaml> --out <dir> [--previous <dir>] [--capacity 0.2] [--tiers A,B,C,D]   the quarterly scorecard" },
  diff: { run: lazy(() => import("./diff-command"), (m) => m.diffCommand), help: "diff <old.yaml> <new.yaml> [--json]   what changed between two scoring rules" },
  profile: { run: lazy(() => import("./profile-command"), (m) => m.profileCommand), help: "profile <dataset.yaml> [--json]   load report and a line per attribute" },
  drivers: { run: lazy(() => import("./drivers-command"), (m) => m.driversCommand), help: "drivers <dataset.yaml> [--target won|retained|amount] [--json] [--top N]   what predicts winning, retention or deal size" },
  beliefs: { run: lazy(() => import("./beliefs-command"), (m) => m.beliefsCommand), help: "beliefs <dataset.yaml> <beliefs.yaml> [--json]   the team's claims tested on the holdout" },
  personas: { run: lazy(() => import("./personas-command"), (m) => m.personasCommand), help: "personas <dataset.yaml> [--k N] [--customers won|retained] [--json] [--out personas.yaml]   buyer personas of the best customers" },
  validate: { run: lazy(() => import("./validate-command"), (m) => m.validateCommand), help: "validate <dataset.yaml>          check a dataset spec and its files" },
  sample: { run: lazy(() => import("./sample-command"), (m) => (argv) => m.runSampleCommand(argv)), help: "sample --out <dir> [--seed N --deals N --events N --events-format parquet|csv]   write the seeded sample" },
  schema: { run: lazy(() => import("./schema-command"), (m) => m.schemaCommand), help: "schema                           write the JSON Schemas of the spec formats" },
  score: { run: lazy(() => import("./score-command"), (m) => m.scoreCommand), help: "score <scoring.yaml> <leads> [--out f.csv]   score a leads file (CSV/Parquet/JSON)" },
  sql: { run: lazy(() => import("./sql-command"), (m) => m.sqlCommand), help: "sql <scoring.yaml> --dialect D [--out f.sql]  the scoring view for a warehouse" },
  export: { run: lazy(() => import("./export-command"), (m) => m.exportCommand), help: "export <scoring.yaml> --to sheet|hubspot|salesforce|marketo --out <dir>   the rules in the form a CRM takes" },
  init: { run: lazy(() => import("./init-command"), (m) => m.initCommand), help: "init <folder> [--out dataset.yaml] [--force]   draft a commented dataset.yaml from a folder of exports" },
  frameworks: { run: lazy(() => import("./frameworks-command"), (m) => m.frameworksCommand), help: "frameworks <dataset.yaml> [--json]  BANT, CHAMP, ANUM, MEDDIC, GPCTBA/C&I tested on the holdout" },
};

function usage(): string {
  return `usage: leadlab <command> [options]\n\n${Object.values(COMMANDS).map((c) => `  leadlab ${c.help}`).join("\n")}\n\nleadlab <command> --help explains every option of a command; leadlab --version prints the version.\nAdd --debug to see the stack of an unexpected error.\n`;
}

/**
 * Runs the `leadlab` command line: results on stdout, progress on stderr, a wrong call or bad
 * input as one line on stderr with a non-zero exit code (the stack only with `--debug`). The
 * streams are the process's unless given.
 *
 * @example
 * import { main } from "./main";
 * await main(["validate", "data/sample/dataset.yaml"]); // => 0
 */
export async function main(argv: string[], streams: { stdout: ProgressStream; stderr: ProgressStream } = process): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  // `leadlab help tune` is `leadlab tune --help`
  const [name, ...rest] = args[0] === "help" && args[1] !== undefined ? [args[1], "--help"] : args;
  const reporter = progressReporter(streams.stderr);
  const out = (text: string) => {
    reporter.clear();
    streams.stdout.write(text);
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
    streams.stderr.write(`leadlab: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(", ")}\n`);
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
    if (debug) streams.stderr.write(`${err.stack}\n`);
    if (err instanceof CliError) {
      streams.stderr.write(`leadlab: ${err.message}\n`);
      return 2;
    }
    // The data's own limits (a bad input, too few customers for personas) are no bug.
    const expected = err instanceof DatasetError || err instanceof PersonasError;
    streams.stderr.write(`leadlab: ${expected ? "" : "unexpected error: "}${oneLine(err.message)}${debug || expected ? "" : " (run with --debug for the stack)"}\n`);
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
