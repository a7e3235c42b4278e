import { loadDataset } from "../data/load-dataset";
import { diffRules, formatRulesDiff } from "../scoring/diff-rules";
import { readScoringRules } from "../scoring/parse-scoring-rules";
import { scoreStability } from "../scoring/score-stability";
import { parseCommandArgs } from "./parse-command-args";

const USAGE = "leadlab diff <old.yaml> <new.yaml> [--data dataset.yaml] [--json]";

/**
 * `leadlab diff <old.yaml> <new.yaml> [--data dataset.yaml] [--json]`: what changed between two
 * scoring rules; with `--data`, also the PSI of the score distribution under the old rules
 * between the deals of the old rules' date range and the deals after it.
 *
 * @example
 * import { diffCommand } from "./diff-command";
 * await diffCommand(["rules/sample/scoring.yaml", "rules/sample/scoring.yaml"], (s) => process.stdout.write(s));
 */
export async function diffCommand(argv: string[], out: (text: string) => void): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    "diff",
    USAGE,
    argv,
    {
      data: { type: "string", value: "dataset.yaml", help: "this quarter's dataset: score its deals under the old rules and report the PSI between last quarter's deals and the ones after" },
      json: { type: "boolean", help: "print one JSON document instead of the text" },
    },
    2,
    {
      summary: "What changed between two scoring rules: attributes added or dropped, points and thresholds that moved, and with --data the PSI of the score distribution under the old rules.",
      args: [
        ["<old.yaml>", "the earlier scoring.yaml"],
        ["<new.yaml>", "the later scoring.yaml"],
      ],
    },
  );
  const before = readScoringRules(positionals[0]);
  const stability = values.data ? scoreStability(before, (await loadDataset(values.data)).table) : undefined;
  const d = diffRules(before, readScoringRules(positionals[1]), stability);
  out(values.json ? JSON.stringify(d, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n" : formatRulesDiff(d));
}
