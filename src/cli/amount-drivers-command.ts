import { loadDataset } from "../data/load-dataset";
import { amountByBinChart } from "../charts/amount-by-bin-chart";
import { amountDrivers } from "../drivers/amount-drivers";
import { formatAmountDrivers } from "../drivers/format-amount-drivers";
import { CliError } from "./cli-error";

/**
 * `leadlab drivers --target amount`: what predicts the size of won deals (see `amountDrivers`);
 * `--json` prints the result with a vega-lite chart for each significant attribute.
 *
 * @example
 * import { amountDriversCommand } from "./amount-drivers-command";
 * await amountDriversCommand("data/sample/dataset.yaml", { json: false }, "leadlab drivers …", (s) => process.stdout.write(s), () => {});
 */
export async function amountDriversCommand(
  datasetPath: string,
  options: { json: boolean; top?: string },
  usage: string,
  out: (text: string) => void,
  progress: (m: string) => void,
): Promise<void> {
  const top = options.top === undefined ? 40 : Number(options.top);
  if (!Number.isInteger(top) || top < 1) throw new CliError(`drivers: --top must be a positive whole number; got "${options.top}". Usage: ${usage}`);
  const { table, report } = await loadDataset(datasetPath, { onProgress: progress });
  if (!table.amount) throw new CliError(`drivers: ${datasetPath} has no \`deals.amount\` column, so the target "amount" cannot be analysed`);
  progress(`analysing the amount of won deals over ${table.attributes.length} attributes`);
  const result = amountDrivers(table);
  if (options.json) {
    const charts = Object.fromEntries(
      result.attributes.filter((a) => a.significant).map((a) => [a.name, amountByBinChart(a.bins, { title: `Median won amount by ${a.name}`, overall: result.overall.median })]),
    );
    out(JSON.stringify({ ...result, charts, warnings: [...report.warnings, ...result.warnings] }, null, 2) + "\n");
    return;
  }
  out(formatAmountDrivers(result, top));
  for (const w of result.warnings.slice(0, 20)) progress(`warning: ${w}`);
}
