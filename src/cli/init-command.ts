import { existsSync, linkSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { draftDatasetSpec } from "../init/draft-dataset-spec";
import { CliError } from "./cli-error";
import { parseCommandArgs } from "./parse-command-args";

const USAGE = "leadlab init <folder> [--out dataset.yaml] [--force]";

/**
 * `leadlab init`: drafts a commented dataset.yaml from the exports in a folder, prints what it
 * chose and what to check, and writes the file (by default `<folder>/dataset.yaml`) through a
 * temporary file, never over an existing one unless `--force`.
 *
 * @example
 * import { initCommand } from "./init-command";
 * let text = "";
 * await initCommand(["data/examples/excel", "--out", "/tmp/leadlab-init-example.yaml", "--force"], (s) => (text += s));
 * text.includes("outcome column \"stage\""); // => true
 */
export async function initCommand(argv: string[], out: (text: string) => void): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    "init",
    USAGE,
    argv,
    {
      out: { type: "string", value: "dataset.yaml", default: "<folder>/dataset.yaml", help: "where to write the drafted spec" },
      force: { type: "boolean", help: "replace an existing file at --out" },
    },
    1,
    { summary: "Drafts a commented dataset.yaml from the CSV, Excel, Parquet and NDJSON exports in a folder, and says what it chose and what to check.", args: [["<folder>", "the folder of exports"]] },
  );
  const folder = positionals[0];
  if (!existsSync(folder)) throw new CliError(`init: no folder ${folder}. Usage: ${USAGE}`);
  if (!statSync(folder).isDirectory())
    throw new CliError(`init: ${folder} is a file, not a folder; pass the folder that holds the exports (${dirname(folder)}). Usage: ${USAGE}`);
  const target = resolve(values.out ?? join(folder, "dataset.yaml"));
  if (existsSync(target) && !values.force) throw new CliError(`init: ${target} exists; pass --force to replace it, or --out another path`);
  const draft = await draftDatasetSpec(folder);
  const temp = join(dirname(target), `.${Date.now()}-${process.pid}.dataset.yaml.tmp`);
  writeFileSync(temp, draft.yaml);
  try {
    if (values.force) renameSync(temp, target);
    else linkSync(temp, target); // fails if the file appeared meanwhile: never overwritten
  } catch (e) {
    throw new CliError(`init: could not write ${target}: ${(e as Error).message}`);
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
  out(`chose:\n${draft.choices.map((c) => `  - ${c}\n`).join("")}check:\n${draft.checks.map((c) => `  - ${c}\n`).join("")}wrote ${target}\n`);
}
