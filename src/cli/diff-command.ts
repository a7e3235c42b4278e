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
  const { values, positionals } = parseCommandArgs("diff", "leadlab diff <old.yaml> <new.yaml> [--json]", argv, { json: { type: "boolean" } }, 2);
  const d = diffRules(readScoringRules(positionals[0]), readScoringRules(positionals[1]));
  out(values.json ? JSON.stringify(d, null, 2) + "\n" : formatRulesDiff(d));
}
