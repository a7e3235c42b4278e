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
 * import { personasCommand } from "leadlab";
 * await personasCommand(["data/sample/dataset.yaml", "--out", "/tmp/leadlab-personas.yaml"], (s) => process.stdout.write(s));
 */
export async function personasCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    "personas",
    USAGE,
    argv,
    {
      k: { type: "string" },
      customers: { type: "string" },
      seed: { type: "string" },
      sample: { type: "string" },
      names: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
    },
    1,
  );
  const integer = (flag: string, text: string | undefined, min: number): number | undefined => {
    if (text === undefined) return undefined;
    const x = Number(text);
    if (!(Number.isInteger(x) && x >= min && /^-?\d+$/.test(text.trim()))) throw new CliError(`personas: --${flag} must be an integer ≥ ${min}; got "${text}". Usage: ${USAGE}`);
    return x;
  };
  const k = integer("k", values.k, 2);
  const seed = integer("seed", values.seed, 0);
  const sample = integer("sample", values.sample, 10);
  const customers = values.customers;
  if (customers !== undefined && !(CUSTOMER_SETS as readonly string[]).includes(customers))
    throw new CliError(`personas: --customers must be one of ${CUSTOMER_SETS.join(", ")}; got "${customers}". Usage: ${USAGE}`);
  const namesPath = values.names ?? (values.out ? path.join(path.dirname(values.out), PERSONA_NAMES_FILE) : undefined);
  if (values.names !== undefined && !existsSync(values.names)) throw new CliError(`personas: --names ${values.names} does not exist`);
  const names = namesPath !== undefined && existsSync(namesPath) ? readPersonaNames(namesPath) : undefined;
  if (names) progress(`personas: names from ${namesPath}`);

  const { table, spec } = await loadDataset(positionals[0], { onProgress: progress });
  progress("personas: judging leakage with the drivers of winning (attributes set aside are not persona traits)");
  const keep = Object.entries(spec.attributes ?? {}).filter(([, a]) => a.keep).map(([name]) => name);
  const result = personas(table, {
    drivers: drivers(table, { target: "won", keep }),
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
