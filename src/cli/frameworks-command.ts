import { loadDataset } from "../data/load-dataset";
import { evaluateFrameworks } from "../frameworks/evaluate-frameworks";
import { formatFrameworks } from "../frameworks/format-frameworks";
import { parseCommandArgs } from "./parse-command-args";

const USAGE = "leadlab frameworks <dataset.yaml> [--json]";

/**
 * `leadlab frameworks`: loads a dataset and puts BANT, CHAMP, ANUM, MEDDIC and GPCTBA/C&I to the
 * test on its holdout (criteria on their own, what each adds once the others are known, N-of-M
 * rules, the frameworks side by side, verdicts); `--json` prints one JSON document instead.
 *
 * @example
 * import { frameworksCommand } from "./frameworks-command";
 * await frameworksCommand(["data/sample/dataset.yaml"], (s) => process.stdout.write(s));
 */
export async function frameworksCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseCommandArgs("frameworks", USAGE, argv, { json: { type: "boolean", help: "print one JSON document instead of the text" } }, 1, {
    summary: "BANT, CHAMP, ANUM, MEDDIC and GPCTBA/C&I tested on the holdout: criteria alone and together, N-of-M rules, verdicts.",
    args: [["<dataset.yaml>", "the dataset spec, with framework: and criterion: on the qualification attributes"]],
  });
  const { table } = await loadDataset(positionals[0], { onProgress: progress });
  progress("evaluating the qualification frameworks");
  const result = evaluateFrameworks(table);
  out(values.json ? JSON.stringify(result, null, 2) + "\n" : formatFrameworks(result));
}
