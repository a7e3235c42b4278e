import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import Ajv from "ajv";
import YAML from "yaml";
import { BELIEFS_SCHEMA_PATH, beliefsSchemaText, readBeliefs } from "../../src/beliefs/parse-beliefs";
import { beliefsCommand } from "../../src/cli/beliefs-command";

test("the committed JSON Schema is the one generated from the format's definition", () => {
  assert.equal(readFileSync(BELIEFS_SCHEMA_PATH, "utf8"), beliefsSchemaText(), "run `npm run schema`");
});

test("the sample's beliefs.yaml is valid for the parser and for ajv with the committed schema, which rejects a typo", () => {
  const doc = readBeliefs("data/sample/beliefs.yaml");
  assert.ok(doc.beliefs.length >= 5);
  const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(BELIEFS_SCHEMA_PATH, "utf8")));
  const data = YAML.parse(readFileSync("data/sample/beliefs.yaml", "utf8"));
  assert.equal(validate(data), true, JSON.stringify(validate.errors));
  data.beliefs[0].direction = "rises";
  assert.equal(validate(data), false);
  data.beliefs[0].direction = "raises";
  data.beliefs[0].when = { every: ["a >= 1"] };
  assert.equal(validate(data), false);
});

test("leadlab beliefs checks the beliefs file before loading the dataset", async () => {
  await assert.rejects(beliefsCommand(["no-such-dataset.yaml", "no-such-beliefs.yaml"], () => {}), {
    message: "no-such-beliefs.yaml: the beliefs file does not exist. Fix: pass the path of the team's beliefs.yaml (see data/sample/beliefs.yaml).",
  });
  await assert.rejects(beliefsCommand(["data/sample/dataset.yaml"], () => {}), { message: /^beliefs: expected 2 arguments, got 1\. Usage: leadlab beliefs <dataset\.yaml> <beliefs\.yaml> \[--json\]$/ });
});
