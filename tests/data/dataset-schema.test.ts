import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import Ajv from "ajv";
import YAML from "yaml";
import { DATASET_SCHEMA_PATH, datasetSchemaText } from "../../src/cli/schema-command";

test("the committed data/dataset.schema.json is what the spec definition generates (run `npm run schema`)", () => {
  assert.equal(readFileSync(DATASET_SCHEMA_PATH, "utf8"), datasetSchemaText());
});

test("the committed JSON Schema accepts the sample dataset.yaml and rejects a typo", () => {
  const ajv = new Ajv({ strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(DATASET_SCHEMA_PATH, "utf8")));
  const sample = YAML.parse(readFileSync("data/sample/dataset.yaml", "utf8"));
  assert.equal(validate(sample), true, JSON.stringify(validate.errors));
  assert.equal(validate({ ...sample, holdot: {} }), false);
});
