import assert from "node:assert/strict";
import { test } from "node:test";
import { exportRules, EXPORT_TARGETS } from "../../../src/scoring/export/export-rules";
import { crmPlan } from "../../../src/scoring/export/crm-plan";
import { decayHintLines } from "../../../src/scoring/export/decay-hints";
import { readScoringRules } from "../../../src/scoring/parse-scoring-rules";
import type { ScoringRules } from "../../../src/formats/scoring-rules-schema";
import { FIXTURE_RULES } from "../helpers";

/** The fixture rules with demo_request's count decaying with a 7-day half-life. */
function decayedRules(): ScoringRules {
  const rules = readScoringRules(FIXTURE_RULES);
  const demo = rules.attributes.find((a) => "event" in a.source && a.source.event.type === "demo_request" && a.source.event.aggregate === "count");
  assert.ok(demo && "event" in demo.source, "the fixture has a demo_request count");
  demo.source.event.decay = { halfLifeDays: 7 };
  return rules;
}

test("every CRM export carries a decayed count's hint instead of dropping the decay", () => {
  const rules = decayedRules();
  const plain = readScoringRules(FIXTURE_RULES);
  for (const to of EXPORT_TARGETS) {
    const files = exportRules(rules, to);
    const text = Object.values(files).join("\n");
    assert.match(text, /points for demo_request halve every 7 days/, `${to}: the hint`);
    assert.match(text, /rewrite it daily/, `${to}: the value must be recomputed every day`);
    assert.match(text, /each weighing 2\^\(−age in days \/ 7\) \(halving every 7 days\)/, `${to}: the definition of the value`);
    assert.doesNotMatch(Object.values(exportRules(plain, to)).join("\n"), /halve every/, `${to}: no hint without a decay`);
  }
  const hubspot = exportRules(rules, "hubspot")["hubspot-steps.md"];
  // A 7-day half-life keeps 2^(−30/7) ≈ 5 % after 30 days: HubSpot's monthly decay would have to take 95 %.
  assert.match(hubspot, /after 30 days 5% is left/);
  assert.match(hubspot, /loses 95% a month/);
  assert.match(exportRules(rules, "marketo")["marketo-steps.md"], /Change Score adds or subtracts and cannot halve/);
});

test("decayHintLines: one line per decayed attribute, none without", () => {
  assert.deepEqual(decayHintLines(crmPlan(readScoringRules(FIXTURE_RULES)), "sheet"), []);
  const lines = decayHintLines(crmPlan(decayedRules()), "sheet");
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^demo_request_count_90d: points for demo_request halve every 7 days \(an event 7 days old counts ½, 14 days old ¼; after 30 days 5% is left\)/);
});
