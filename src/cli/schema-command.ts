import { writeFileSync } from "node:fs";
import { BELIEFS_SCHEMA_PATH, beliefsSchemaText } from "../beliefs/parse-beliefs";
import { datasetJsonSchema } from "../formats/dataset-spec";
import { PERSONAS_SCHEMA_PATH, personasSchemaText } from "../personas/personas-yaml";
import { SCORING_RULES_SCHEMA_PATH, scoringRulesSchemaText } from "../scoring/parse-scoring-rules";
import { SUMMARY_SCHEMA_PATH, summarySchemaText } from "../formats/summary-schema";
import { parseCommandArgs } from "./parse-command-args";

/** Where the committed JSON Schema of dataset.yaml lives. */
export const DATASET_SCHEMA_PATH = "data/dataset.schema.json";

/**
 * The committed JSON Schema text of dataset.yaml (stable formatting, trailing newline).
 *
 * @example
 * import { datasetSchemaText } from "./schema-command";
 * JSON.parse(datasetSchemaText()).title; // => "leadlab dataset spec"
 */
export function datasetSchemaText(): string {
  return JSON.stringify(datasetJsonSchema(), null, 2) + "\n";
}

/**
 * `leadlab schema`: writes the JSON Schemas generated from the spec definitions.
 *
 * @example
 * import { schemaCommand } from "./schema-command";
 * schemaCommand([], (s) => process.stdout.write(s));
 */
export function schemaCommand(argv: string[], out: (text: string) => void): void {
  parseCommandArgs("schema", "leadlab schema", argv, {}, 0, {
    summary: `Writes the JSON Schemas of dataset.yaml, scoring.yaml, personas.yaml, beliefs.yaml and summary.json (${DATASET_SCHEMA_PATH}, ${SCORING_RULES_SCHEMA_PATH}, ${PERSONAS_SCHEMA_PATH}, ${BELIEFS_SCHEMA_PATH}, ${SUMMARY_SCHEMA_PATH}), relative to the current folder.`,
  });
  for (const [path, text] of [
    [DATASET_SCHEMA_PATH, datasetSchemaText()],
    [SCORING_RULES_SCHEMA_PATH, scoringRulesSchemaText()],
    [PERSONAS_SCHEMA_PATH, personasSchemaText()],
    [BELIEFS_SCHEMA_PATH, beliefsSchemaText()],
    [SUMMARY_SCHEMA_PATH, summarySchemaText()],
  ]) {
    writeFileSync(path, text);
    out(`wrote ${path}\n`);
  }
}
