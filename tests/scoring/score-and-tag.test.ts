import assert from "node:assert/strict";
import { test } from "node:test";
import { readPersonas } from "../../src/personas/personas-yaml";
import { assignPersona, matchingRule } from "../../src/personas/assign-persona";
import { readScoringRules } from "../../src/scoring/parse-scoring-rules";
import { score } from "../../src/scoring/score";
import { scoreAndTag } from "../../src/scoring/score-and-tag";
import { samplePersonas, sampleTable } from "../helpers/sample-fixture";

test("scoreAndTag gives the scorer's points and the persona rules' persona for the same record", () => {
  const rules = readScoringRules("rules/sample/scoring.yaml");
  const personas = readPersonas("rules/sample/personas.yaml");
  const finance = { industry: "Financial Services", employees: 12000, committee_size: 6, seniority: "Director" };
  const tagged = scoreAndTag(rules, personas, finance);
  assert.deepEqual({ ...tagged, persona: undefined }, { ...score(rules, finance), persona: undefined });
  assert.equal(tagged.persona, assignPersona(personas, finance));
  // The sample's planted enterprise-finance archetype: a large Financial Services buyer lands in it.
  assert.match(tagged.persona!, /^financial-services/);
  assert.equal(scoreAndTag(rules, { ...personas, assignment: { ...personas.assignment, rules: [] } }, finance).persona, "other");
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
  assert.equal(scoreAndTag(rules, doc, { industry: "unknown" }).persona, "other");
  assert.equal(scoreAndTag(rules, doc, { industry: "unknown" }, { missing: ["Unknown"] }).persona, "a", "the missing option");
  assert.equal(scoreAndTag(rules, doc, { industry: "Retail" }).persona, "other");
});

test("the sample's exported rules, applied by the scorer to every clustered customer, give ≥ 85 % of them their cluster's persona", async () => {
  const rules = readScoringRules("rules/sample/scoring.yaml");
  const doc = readPersonas("rules/sample/personas.yaml");
  const [table, clusters] = await Promise.all([sampleTable(), samplePersonas()]);
  const used = doc.attributes.filter((a) => doc.assignment.rules.some((r) => r.when.some((c) => c.attribute === a.name)));
  assert.ok(used.length >= 3, `the rules read ${used.map((a) => a.name).join(", ")}`);
  assert.ok(doc.assignment.rules.some((r) => new Set(r.when.map((c) => c.attribute)).size >= 2), "some rule tests several attributes");
  const right = new Map<string, number>();
  const size = new Map<string, number>();
  clusters.customerRows.forEach((row, i) => {
    // a customer of the cluster set aside is "other", tagged with its anti-persona
    const own = doc.personas[clusters.labels[i]]?.id ?? clusters.antiPersonas[clusters.labels[i] - doc.personas.length].id;
    // every value as a CSV export gives it: text, multi-valued items joined by the separator
    const lead: Record<string, string> = {};
    for (const a of used) {
      const v = (table.columns[a.name] as ArrayLike<unknown>)[row];
      lead[a.name] = v === null || (typeof v === "number" && Number.isNaN(v)) ? "" : Array.isArray(v) ? v.join(a.separator ?? ";") : String(v);
    }
    size.set(own, (size.get(own) ?? 0) + 1);
    const persona = scoreAndTag(rules, doc, lead).persona;
    const given = persona !== "other" ? persona : matchingRule(doc, lead)?.antiPersona;
    if (given === own) right.set(own, (right.get(own) ?? 0) + 1);
  });
  const all = [...right.values()].reduce((a, b) => a + b, 0) / clusters.customerRows.length;
  assert.ok(all >= 0.85, `fidelity ${all}`);
  assert.ok(Math.abs(all - doc.assignment.fidelity) < 1e-4, `${all} vs the file's ${doc.assignment.fidelity}`);
  for (const [id, n] of size) assert.ok((right.get(id) ?? 0) / n >= 0.7, `${id}: ${right.get(id)} of ${n}`);
  // the file's per-segment figures are the scorer's
  assert.deepEqual(
    doc.assignment.bySegment.map((x) => [x.id, x.customers, x.fidelity]),
    [...size].map(([id, n]) => [id, n, Math.round(((right.get(id) ?? 0) / n) * 1e4) / 1e4]),
  );
  console.log(`# fidelity ${all.toFixed(4)}; ${[...size].map(([id, n]) => `${id} ${(right.get(id) ?? 0)}/${n} = ${((right.get(id) ?? 0) / n).toFixed(3)}`).join("; ")}`);
});

test('a lead no persona rule matches is "other", and no persona is called "other"', () => {
  const rules = readScoringRules("rules/sample/scoring.yaml");
  const doc = readPersonas("rules/sample/personas.yaml");
  // an industry the customers never had satisfies no rule
  assert.equal(scoreAndTag(rules, doc, { industry: "Aerospace", employees: 40, seniority: "Manager" }).persona, "other");
  assert.ok(doc.personas.every((p) => p.id !== "other"));
  assert.equal(doc.assignment.otherwise, "other");
});
