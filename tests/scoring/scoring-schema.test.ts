import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import Ajv from "ajv";
import YAML from "yaml";
import { SCORING_RULES_SCHEMA_PATH, scoringRulesSchemaText } from "../../src/scoring/parse-scoring-rules";
import { FIXTURE_RULES } from "./helpers";

// The committed JSON Schema must be what the TypeBox definition generates. After changing
// src/scoring/scoring-rules-schema.ts, regenerate it with:
//   UPDATE_GOLDEN=1 node --import tsx --test tests/scoring/scoring-schema.test.ts
if (process.env.UPDATE_GOLDEN === "1") writeFileSync(SCORING_RULES_SCHEMA_PATH, scoringRulesSchemaText());

test("the committed rules/schema/scoring-rules.schema.json is what the rules definition generates", () => {
  assert.equal(readFileSync(SCORING_RULES_SCHEMA_PATH, "utf8"), scoringRulesSchemaText(), "stale: regenerate with UPDATE_GOLDEN=1 (see the top of this test)");
});

test("ajv validates the fixture rules against the committed schema and rejects a typo and a wrong apiVersion", () => {
  const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(SCORING_RULES_SCHEMA_PATH, "utf8")));
  const rules = YAML.parse(readFileSync(FIXTURE_RULES, "utf8"));
  assert.equal(validate(rules), true, JSON.stringify(validate.errors));
  assert.equal(validate({ ...rules, scael: rules.scale }), false);
  assert.equal(validate({ ...rules, apiVersion: "leadlab/v2" }), false);
  const badBin = structuredClone(rules);
  badBin.attributes[0].bins[0].when = { kind: "range", lo: "1" };
  assert.equal(validate(badBin), false);
});
