import assert from "node:assert/strict";
import { test } from "node:test";
import { CRITERIA, CRITERION_ALIASES, CRITERION_QUESTIONS, normalCriterionName, resolveCriterion } from "../../src/frameworks/criteria";
import { FRAMEWORKS, FRAMEWORK_NAMES, frameworksAsking, resolveFramework } from "../../src/frameworks/framework-definitions";

test("the vocabulary: unique criteria, each with a question; aliases resolve to criteria and are not criteria", () => {
  assert.equal(new Set(CRITERIA).size, CRITERIA.length);
  for (const c of CRITERIA) assert.ok(CRITERION_QUESTIONS[c].length > 0, c);
  for (const [alias, c] of Object.entries(CRITERION_ALIASES)) {
    assert.ok(CRITERIA.includes(c), `${alias} → ${c}`);
    assert.ok(!(CRITERIA as readonly string[]).includes(alias), `${alias} is also a criterion`);
    assert.equal(normalCriterionName(alias), alias, `alias ${alias} is in normal form`);
  }
});

test("Challenges and Identified pain are Need; Money is Budget; Urgency and Prioritization are Timeline", () => {
  for (const name of ["identified_pain", "Identified Pain", "identify-pain", "pain", "Challenges"]) assert.equal(resolveCriterion(name), "need", name);
  assert.equal(resolveCriterion("Money"), "budget");
  assert.equal(resolveCriterion("urgency"), "timeline");
  assert.equal(resolveCriterion("Prioritization"), "timeline");
  assert.equal(resolveCriterion("Economic Buyer"), "economic_buyer");
  assert.equal(resolveCriterion("negative consequences"), "consequences");
  assert.equal(resolveCriterion("vibes"), undefined);
  assert.equal(normalCriterionName("  Decision--Process. "), "decision_process");
});

test("frameworks as data: the five, in order, each criterion in the vocabulary and asked once", () => {
  assert.deepEqual(FRAMEWORK_NAMES, ["BANT", "CHAMP", "ANUM", "MEDDIC", "GPCTBA/C&I"]);
  const shape = Object.fromEntries(FRAMEWORKS.map((f) => [f.name, f.criteria.map((c) => `${c.label}=${c.criterion}`)]));
  assert.deepEqual(shape, {
    BANT: ["Budget=budget", "Authority=authority", "Need=need", "Timeline=timeline"],
    CHAMP: ["Challenges=need", "Authority=authority", "Money=budget", "Prioritization=timeline"],
    ANUM: ["Authority=authority", "Need=need", "Urgency=timeline", "Money=budget"],
    MEDDIC: ["Metrics=metrics", "Economic buyer=economic_buyer", "Decision criteria=decision_criteria", "Decision process=decision_process", "Identified pain=need", "Champion=champion"],
    "GPCTBA/C&I": ["Goals=goals", "Plans=plans", "Challenges=need", "Timeline=timeline", "Budget=budget", "Authority=authority", "Consequences=consequences", "Implications=implications"],
  });
  for (const f of FRAMEWORKS) {
    assert.equal(new Set(f.criteria.map((c) => c.criterion)).size, f.criteria.length, `${f.name} asks a criterion twice`);
    for (const c of f.criteria) {
      assert.ok(CRITERIA.includes(c.criterion));
      // The framework's own name for a criterion means that criterion.
      assert.equal(resolveCriterion(c.key), c.criterion, `${f.name} ${c.key}`);
    }
  }
  // Every criterion of the vocabulary is asked by some framework.
  for (const c of CRITERIA) assert.ok(frameworksAsking(c).length > 0, c);
  assert.ok(Object.isFrozen(FRAMEWORKS) && Object.isFrozen(FRAMEWORKS[0]) && Object.isFrozen(FRAMEWORKS[0].criteria[0]));
});

test("framework names resolve ignoring case and punctuation", () => {
  assert.equal(resolveFramework("bant")?.name, "BANT");
  assert.equal(resolveFramework("GPCTBA")?.name, "GPCTBA/C&I");
  assert.equal(resolveFramework("gpctba-c&i")?.name, "GPCTBA/C&I");
  assert.equal(resolveFramework("SPICED"), undefined);
  assert.deepEqual(frameworksAsking("budget").map((x) => `${x.framework}: ${x.label}`), ["BANT: Budget", "CHAMP: Money", "ANUM: Money", "GPCTBA/C&I: Budget"]);
  assert.throws(() => frameworksAsking("pain" as never), /unknown criterion "pain"/);
});
