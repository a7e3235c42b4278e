import assert from "node:assert/strict";
import { before, test } from "node:test";
import { crmPlan } from "../../../src/scoring/export/crm-plan";
import { hubspotExport, hubspotScore, type HubspotCriterion } from "../../../src/scoring/export/hubspot-export";
import type { ScoringRules } from "../../../src/formats/scoring-rules-schema";
import { crmFieldValue } from "./crm-field-value";
import { sampleLeads, type ScoredLead } from "./crm-leads";
import { fixtureLeads } from "./fixture-leads";

/*
 * The HubSpot score applied as HubSpot does: a rule adds its points when all its criteria hold
 * on the contact's property; a group adds at most its limit, the score at most the score limit.
 * Read back from hubspot-score.json, the score plus the stated offset must be score()'s points
 * and the tier on the HubSpot score score()'s tier, on every sample deal.
 */

function holds(c: HubspotCriterion, v: number | string | string[] | null): boolean {
  switch (c.operator) {
    case "is unknown": return v === null;
    case "is known": return v !== null;
    case "is any of": return v !== null && c.values!.includes(String(v));
    case "is none of": return v !== null && !c.values!.includes(String(v));
    case "contains any of": return Array.isArray(v) && c.values!.some((x) => v.includes(x));
    case "doesn't contain any of": return Array.isArray(v) && !c.values!.some((x) => v.includes(x));
    case "is greater than or equal to": return typeof v === "number" && v >= c.value!;
    case "is greater than": return typeof v === "number" && v > c.value!;
    case "is less than": return typeof v === "number" && v < c.value!;
    case "is less than or equal to": return typeof v === "number" && v <= c.value!;
  }
}

function assertAgrees(rules: ScoringRules, leads: ScoredLead[]): number {
  const plan = crmPlan(rules);
  const s = JSON.parse(hubspotExport(plan)["hubspot-score.json"]) as ReturnType<typeof hubspotScore>;
  const attribute = new Map(plan.attributes.map((a) => [a.name, a]));
  let agree = 0;
  for (const lead of leads) {
    let score = 0;
    for (const g of s.groups) {
      let group = 0;
      for (const r of g.rules) {
        const a = attribute.get(r.attribute)!;
        if (r.criteria.every((c) => holds(c, crmFieldValue(a, lead.record[a.field])))) group += r.points;
      }
      score += Math.min(group, g.groupLimit);
    }
    score = Math.min(score, s.scoreLimit);
    const tier = s.tiers.find((t) => t.minScore === null || score >= t.minScore)?.name ?? null;
    assert.deepEqual({ points: score + s.offset, tier }, { points: lead.points, tier: lead.tier }, `lead ${lead.id}`);
    agree++;
  }
  return agree;
}

let sample: Awaited<ReturnType<typeof sampleLeads>>;
before(async () => {
  sample = await sampleLeads();
});

test("hubspot: the score's criteria give score()'s points (less the offset) and tier on every sample deal", () => {
  assert.equal(assertAgrees(sample.rules, sample.leads), sample.leads.length);
});

test("hubspot: the fixture's leads agree with score()", () => {
  const { rules, leads } = fixtureLeads();
  assert.equal(assertAgrees(rules, leads), leads.length);
});

test("hubspot: every rule adds points ≥ 1, group limits add up within the score limit, behavioural properties are listed", () => {
  const plan = crmPlan(sample.rules);
  const s = hubspotScore(plan);
  assert.deepEqual(s.groups.map((g) => g.name), ["Fit", "Engagement"]);
  assert.ok(s.groups.every((g) => g.rules.every((r) => r.points >= 1)));
  const total = s.groups.reduce((t, g) => t + g.groupLimit, 0);
  assert.ok(total <= s.scoreLimit && s.scoreLimit % 100 === 0);
  const steps = hubspotExport(plan)["hubspot-steps.md"];
  for (const a of plan.attributes.filter((x) => x.outsideCrm)) {
    assert.ok(s.groups.flatMap((g) => g.rules).some((r) => r.attribute === a.name && r.computedOutsideCrm));
    assert.match(steps, new RegExp(`- ${a.name} \\(engagement\\): .*Apply through the scorer`));
  }
  if (total > 100) assert.match(steps, /over HubSpot's default score limit of 100/);
});
