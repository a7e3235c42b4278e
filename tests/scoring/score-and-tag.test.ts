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

test("scoreAndTag matches persona categories as the scorer does (NFC, trimmed, case-folded) and reads the rules' missing tokens as missing", () => {
  const rules = readScoringRules("rules/sample/scoring.yaml");
  const personas = readPersonas("rules/sample/personas.yaml");
  const finance = scoreAndTag(rules, personas, { industry: "Financial Services" }).persona;
  assert.match(finance!, /^financial-services/);
  for (const industry of ["  FINANCIAL SERVICES", "financial services\u00a0", "Financial\u0020Services"]) assert.equal(scoreAndTag(rules, personas, { industry }).persona, finance, industry);
  // A hand-made rule list: Software or missing → "a"; anything else → no persona.
  const doc = { ...personas, assignment: { ...personas.assignment, rules: [{ persona: "a", when: [{ attribute: "industry", kind: "in" as const, values: ["Software"], orMissing: true }], support: 1, purity: 1, text: "" }] } };
  assert.ok(rules.inputs.missing?.includes("NA"), "the sample rules list NA as missing");
  assert.equal(scoreAndTag(rules, doc, { industry: "na" }).persona, "a", "a missing token of the rules");
  assert.equal(scoreAndTag(rules, doc, { industry: "" }).persona, "a");
  assert.equal(scoreAndTag(rules, doc, { industry: "unknown" }).persona, null);
  assert.equal(scoreAndTag(rules, doc, { industry: "unknown" }, { missing: ["Unknown"] }).persona, "a", "the missing option");
  assert.equal(scoreAndTag(rules, doc, { industry: "Retail" }).persona, null);
});
