import { loadDataset } from "../data/load-dataset";
import { formatBeliefs } from "../beliefs/format-beliefs";
import { readBeliefs } from "../beliefs/parse-beliefs";
import { testBeliefs } from "../beliefs/test-beliefs";
import { parseCommandArgs } from "./parse-command-args";

const USAGE = "leadlab beliefs <dataset.yaml> <beliefs.yaml> [--json]";

/**
 * `leadlab beliefs`: tests the claims of a `beliefs.yaml` on the dataset's holdout and says
 * which are confirmed, contradicted or unclear; `--json` prints one JSON document instead.
 * The beliefs file is read and checked before the dataset is loaded.
 *
 * @example
 * import { beliefsCommand } from "./beliefs-command";
 * await beliefsCommand(["data/sample/dataset.yaml", "data/sample/beliefs.yaml"], (s) => process.stdout.write(s));
 */
export async function beliefsCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseCommandArgs("beliefs", USAGE, argv, { json: { type: "boolean", help: "print one JSON document instead of the table" } }, 2, {
    summary: "Tests each claim of a beliefs.yaml on the holdout (lift with an interval, q-value across the claims) and says confirmed, contradicted or unclear.",
    args: [
      ["<dataset.yaml>", "the dataset spec"],
      ["<beliefs.yaml>", "the claims (kind Beliefs; schema rules/schema/beliefs.schema.json)"],
    ],
  });
  const [datasetPath, beliefsPath] = positionals;
  const doc = readBeliefs(beliefsPath);
  const { table, report } = await loadDataset(datasetPath, { onProgress: progress });
  progress(`testing ${doc.beliefs.length} beliefs on the holdout`);
  const result = testBeliefs(table, doc, { file: beliefsPath });
  if (values.json) {
    out(JSON.stringify({ ...result, warnings: [...report.warnings, ...result.warnings] }, null, 2) + "\n");
    return;
  }
  out(formatBeliefs(result));
  for (const w of result.warnings.slice(0, 20)) progress(`warning: ${w}`);
}
