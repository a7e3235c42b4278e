import assert from "node:assert/strict";
import { test } from "node:test";
import { readPersonas } from "../../src/personas/personas-yaml";
import { assignPersona } from "../../src/personas/assign-persona";
import { readScoringRules } from "../../src/scoring/parse-scoring-rules";
import { score } from "../../src/scoring/score";
import { scoreAndTag } from "../../src/scoring/score-and-tag";

test("scoreAndTag gives the scorer's points and the persona rules' persona for the same record", () => {
  const rules = readScoringRules("rules/sample/scoring.yaml");
  const personas = readPersonas("rules/sample/personas.yaml");
  const finance = { industry: "Financial Services", employees: 12000, committee_size: 6, seniority: "Director" };
  const tagged = scoreAndTag(rules, personas, finance);
  assert.deepEqual({ ...tagged, persona: undefined }, { ...score(rules, finance), persona: undefined });
  assert.equal(tagged.persona, assignPersona(personas, finance));
  // The sample's planted enterprise-finance archetype: a large Financial Services buyer lands in it.
  assert.match(tagged.persona!, /^financial-services/);
  assert.equal(scoreAndTag(rules, { ...personas, assignment: { ...personas.assignment, rules: [] } }, finance).persona, null);
});
