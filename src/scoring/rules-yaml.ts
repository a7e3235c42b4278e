import YAML from "yaml";
import type { ScoringRules } from "../formats/scoring-rules-schema";

/**
 * Writes rules as YAML deterministically: keys in the order of the object (which the tuner
 * builds in schema order), no line wrapping, no anchors, numbers as JavaScript prints them.
 *
 * @example
 * import { rulesToYaml } from "leadlab";
 * rulesToYaml({ apiVersion: "leadlab/v1", kind: "ScoringRules" } as never); // => "apiVersion: leadlab/v1\nkind: ScoringRules\n"
 */
export function rulesToYaml(rules: ScoringRules | Record<string, unknown>): string {
  return YAML.stringify(rules, { lineWidth: 0, aliasDuplicateObjects: false, indent: 2 });
}
