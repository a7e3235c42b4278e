import { loadDataset } from "../data/load-dataset";
import { drivers } from "../drivers/drivers";
import { TARGETS, type Target } from "../drivers/drivers-options";
import { formatDrivers } from "../drivers/format-drivers";
import { amountDriversCommand } from "./amount-drivers-command";
import { CliError } from "./cli-error";
import { parseCommandArgs } from "./parse-command-args";

const USAGE = "leadlab drivers <dataset.yaml> [--target won|retained|amount] [--json] [--top N]";

/**
 * `leadlab drivers`: which attributes predict winning (or retention), ranked, with the verdict;
 * `--json` prints one document (see `DriversResult.toJSON`).
 *
 * @example
 * import { driversCommand } from "./drivers-command";
 * await driversCommand(["data/sample/dataset.yaml", "--target", "won"], (s) => process.stdout.write(s));
 */
export async function driversCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    "drivers",
    USAGE,
    argv,
    {
      target: { type: "string", value: "target", choices: [...TARGETS, "amount"], default: "won", help: "the outcome to explain: won (closed deals won), retained (customers who renewed; needs a retention: table) or amount (the size of won deals)" },
      json: { type: "boolean", help: "print one JSON document instead of the table" },
      top: { type: "string", value: "N", number: { kind: "integer", min: 1 }, default: "40", help: "attributes shown in the table (the JSON has them all)" },
    },
    1,
    { summary: "Which attributes predict winning (or retention, or the size of won deals), ranked, with effect sizes, q-values, leakage flags and the verdict.", args: [["<dataset.yaml>", "the dataset spec"]] },
  );
  if (values.target === "amount") return amountDriversCommand(positionals[0], { json: values.json === true, top: values.top }, USAGE, out, progress);
  const target = (values.target ?? "won") as Target;
  const top = values.top === undefined ? 40 : Number(values.top);
  const { table, report } = await loadDataset(positionals[0], { onProgress: progress });
  if (target === "retained" && !table.retention)
    throw new CliError(`drivers: ${positionals[0]} has no \`retention:\` table, so the target "retained" cannot be analysed`);
  progress(`analysing ${target} over ${table.attributes.length} attributes`);
  const result = drivers(table, { target });
  if (values.json) {
    const doc = result.toJSON();
    out(JSON.stringify({ ...doc, warnings: [...report.warnings, ...doc.warnings] }, null, 2) + "\n");
    return;
  }
  out(formatDrivers(result, top));
  for (const w of result.warnings.slice(0, 20)) progress(`warning: ${w}`);
}
