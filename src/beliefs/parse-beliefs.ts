import { readFileSync } from "node:fs";
import { BeliefsSchema, type BeliefsDocument } from "../formats/beliefs-schema";
import { DatasetError } from "../formats/dataset-error";
import { assertMatchesSchema, parseYamlMapping } from "../formats/schema-errors";
import { assertDocumentKind } from "../formats/document-kind";
import { requireFile } from "../formats/require-file";

/**
 * Where the committed JSON Schema of beliefs.yaml lives.
 *
 * @example
 * import { BELIEFS_SCHEMA_PATH } from "leadlab";
 * BELIEFS_SCHEMA_PATH; // => "rules/schema/beliefs.schema.json"
 */
export const BELIEFS_SCHEMA_PATH = "rules/schema/beliefs.schema.json";

/**
 * The JSON Schema of `beliefs.yaml` as committed, generated from the TypeBox definition that
 * {@link parseBeliefs} validates with; stable formatting and a trailing newline.
 *
 * @example
 * import { beliefsSchemaText } from "leadlab";
 * JSON.parse(beliefsSchemaText()).title; // => "leadlab beliefs"
 */
export function beliefsSchemaText(): string {
  const schema = { $schema: "http://json-schema.org/draft-07/schema#", ...JSON.parse(JSON.stringify(BeliefsSchema)) };
  return JSON.stringify(schema, null, 2) + "\n";
}

/**
 * Parses and validates the text of a `beliefs.yaml`: its shape against the schema, then that
 * claim names are unique. Whether the attributes and values exist is checked against a table
 * by `testBeliefs`.
 *
 * @example
 * import { parseBeliefs } from "leadlab";
 * const text = "apiVersion: leadlab/v1\nkind: Beliefs\nbeliefs:\n  - { name: demo, when: demo_request_count_30d >= 1, predicts: won, direction: raises }\n";
 * parseBeliefs(text, "beliefs.yaml").beliefs[0].when; // => "demo_request_count_30d >= 1"
 */
export function parseBeliefs(text: string, file = "beliefs.yaml"): BeliefsDocument {
  const data = parseYamlMapping(text, file, "start from data/sample/beliefs.yaml or rules/schema/beliefs.schema.json");
  assertDocumentKind(data, "Beliefs", file);
  assertMatchesSchema(BeliefsSchema, data, file, BELIEFS_SCHEMA_PATH);
  const doc = data as unknown as BeliefsDocument;
  const seen = new Map<string, number>();
  doc.beliefs.forEach((b, i) => {
    const first = seen.get(b.name);
    if (first !== undefined)
      throw new DatasetError(`claims ${first} and ${i} share the name "${b.name}"`, { file, field: `beliefs[${i}].name`, value: b.name }, "give each claim its own name");
    seen.set(b.name, i);
  });
  return doc;
}

/**
 * Reads and validates a `beliefs.yaml` from disk (see {@link parseBeliefs}).
 *
 * @example
 * import { readBeliefs } from "leadlab";
 * readBeliefs("data/sample/beliefs.yaml").kind; // => "Beliefs"
 */
export function readBeliefs(path: string): BeliefsDocument {
  requireFile(path, { what: "the beliefs file", name: "beliefs.yaml", fix: "pass the path of the team's beliefs.yaml (see data/sample/beliefs.yaml)" });
  return parseBeliefs(readFileSync(path, "utf8"), path);
}
