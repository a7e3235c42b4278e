import { diffRules, formatRulesDiff } from "../scoring/diff-rules";
import { readScoringRules } from "../scoring/parse-scoring-rules";
import { parseCommandArgs } from "./parse-command-args";

/**
 * `leadlab diff <old.yaml> <new.yaml> [--json]`: what changed between two scoring rules.
 *
 * @example
 * import { diffCommand } from "leadlab";
 * await diffCommand(["rules/sample/scoring.yaml", "rules/sample/scoring.yaml"], (s) => process.stdout.write(s));
 */
export async function diffCommand(argv: string[], out: (text: string) => void): Promise<void> {
  const { values, positionals } = parseCommandArgs("diff", "leadlab diff <old.yaml> <new.yaml> [--json]", argv, { json: { type: "boolean", help: "print one JSON document instead of the text" } }, 2, {
    summary: "What changed between two scoring rules: attributes added or dropped, points and thresholds that moved.",
    args: [
      ["<old.yaml>", "the earlier scoring.yaml"],
      ["<new.yaml>", "the later scoring.yaml"],
    ],
  });
  const d = diffRules(readScoringRules(positionals[0]), readScoringRules(positionals[1]));
  out(values.json ? JSON.stringify(d, null, 2) + "\n" : formatRulesDiff(d));
}
