import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadDataset } from "../data/load-dataset";
import { drivers } from "../drivers/drivers";
import { formatPersonas } from "../personas/format-personas";
import { PERSONA_NAMES_FILE, readPersonaNames } from "../personas/persona-names-file";
import { CUSTOMER_SETS, type CustomerSet } from "../formats/vocabulary";
import { personas } from "../personas/personas";
import { personasDocument } from "../personas/personas-yaml";
import { CliError } from "./cli-error";
import { parseCommandArgs } from "./parse-command-args";

const USAGE =
  "leadlab personas <dataset.yaml> [--k N] [--customers won|retained] [--seed N] [--sample N] [--names personas.names.yaml] [--json] [--out personas.yaml]";

/**
 * `leadlab personas`: loads a dataset, derives buyer personas from the best customers and prints
 * them (names, sizes, win and retention rates with intervals, top traits, assignment rules,
 * anti-personas, warnings); `--json` prints the personas.yaml document as JSON instead, and
 * `--out` writes personas.yaml. Renames are read from `--names`, or from personas.names.yaml
 * beside the `--out` file when it exists. Progress goes to stderr.
 *
 * @example
 * import { personasCommand } from "./personas-command";
 * await personasCommand(["data/sample/dataset.yaml", "--out", "/tmp/leadlab-personas.yaml"], (s) => process.stdout.write(s));
 */
export async function personasCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    "personas",
    USAGE,
    argv,
    {
      k: { type: "string", value: "N", number: { kind: "integer", min: 2 }, default: "chosen from 2 to 8 by stability", help: "number of personas" },
      customers: { type: "string", value: "set", choices: CUSTOMER_SETS, default: "retained when the dataset has retention, else won", help: "which customers to cluster" },
      seed: { type: "string", value: "N", number: { kind: "integer", min: 0 }, default: "1", help: "seed of the sample, the bootstraps and the screening" },
      sample: { type: "string", value: "N", number: { kind: "integer", min: 10 }, default: "2000", help: "customers clustered at most (a seeded sample; the rest are assigned)" },
      names: { type: "string", value: "file", default: "personas.names.yaml beside --out, if it exists", help: "persona renames" },
      json: { type: "boolean", help: "print the personas.yaml document as JSON instead of the text" },
      out: { type: "string", value: "personas.yaml", help: "also write personas.yaml here" },
    },
    1,
    { summary: "Buyer personas of the best customers: names, sizes, win and retention rates with intervals, top traits, assignment rules and anti-personas.", args: [["<dataset.yaml>", "the dataset spec"]] },
  );
  const integer = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  const k = integer(values.k);
  const seed = integer(values.seed);
  const sample = integer(values.sample);
  const customers = values.customers;
  const namesPath = values.names ?? (values.out ? path.join(path.dirname(values.out), PERSONA_NAMES_FILE) : undefined);
  if (values.names !== undefined && !existsSync(values.names)) throw new CliError(`personas: --names ${values.names} does not exist`);
  const names = namesPath !== undefined && existsSync(namesPath) ? readPersonaNames(namesPath) : undefined;
  if (names) progress(`personas: names from ${namesPath}`);

  const { table } = await loadDataset(positionals[0], { onProgress: progress });
  progress("personas: judging leakage with the drivers of winning (attributes set aside are not persona traits)");
  const result = personas(table, {
    drivers: drivers(table, { target: "won" }),
    ...(k !== undefined ? { k } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(sample !== undefined ? { sample } : {}),
    ...(customers !== undefined ? { customers: customers as CustomerSet } : {}),
    ...(names ? { names } : {}),
    onProgress: progress,
  });
  if (values.out) {
    const dir = path.dirname(values.out);
    if (dir && !existsSync(dir)) mkdirSync(dir, { recursive: true });
    writeFileSync(values.out, result.toYAML());
    progress(`personas: wrote ${values.out}`);
  }
  out(values.json ? JSON.stringify(personasDocument(result), null, 2) + "\n" : formatPersonas(result));
}
