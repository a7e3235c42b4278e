import { loadDataset } from "../data/load-dataset";
import { parseCommandArgs } from "./parse-command-args";

/**
 * `leadlab validate`: checks a dataset.yaml and its files by loading them; prints one line
 * with the counts and warnings, or fails with the first problem.
 *
 * @example
 * import { validateCommand } from "./validate-command";
 * await validateCommand(["data/sample/dataset.yaml"], (s) => process.stdout.write(s));
 */
export async function validateCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): Promise<void> {
  const { positionals } = parseCommandArgs("validate", "leadlab validate <dataset.yaml>", argv, {}, 1, {
    summary: "Checks a dataset spec and its files by loading them; one line with the counts and warnings, or the first problem.",
    args: [["<dataset.yaml>", "the dataset spec"]],
  });
  const { table, report } = await loadDataset(positionals[0], { onProgress: progress });
  // The holdout's own warnings too (a time holdout asked for without dates falls back to a random one).
  const warnings = [...report.warnings, ...table.split.warnings];
  out(`ok: ${positionals[0]}: ${report.deals.read} deals read, ${table.n} closed (won ${report.deals.won}, lost ${report.deals.lost}), ${table.attributes.length} attributes, ${warnings.length} warnings\n`);
  for (const w of warnings) out(`  warning: ${w}\n`);
}
