import assert from "node:assert/strict";
import { before, test } from "node:test";
import { crmPlan } from "../../../src/scoring/export/crm-plan";
import { hubspotExport, hubspotScore, type HubspotCriterion } from "../../../src/scoring/export/hubspot-export";
import type { ScoringRules } from "../../../src/formats/scoring-rules-schema";
import { attribute, bin, tinyRules } from "../helpers";
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

test("hubspot: a score over the largest limit of 500 is entered with 500 and says whether the cap moves a lead to another tier", () => {
  const plan = crmPlan(sample.rules);
  // the same card with every attribute's points doubled, its tiers cut at the same leads: the highest score passes 500
  const scaled = (tierShift = 0) => ({
    ...plan,
    attributes: plan.attributes.map((a) => ({ ...a, rows: a.rows.map((r) => ({ ...r, points: r.points * 2 })) })),
    tiers: plan.tiers.map((t) => ({ ...t, minPoints: t.minPoints === null ? null : plan.basePoints + (t.minPoints - plan.basePoints) * 2 + tierShift })),
  });
  const big = hubspotScore(scaled());
  const total = big.groups.reduce((t, g) => t + g.groupLimit, 0);
  const top = Math.max(...big.tiers.map((t) => t.minScore ?? -Infinity));
  assert.ok(total > 500 && top <= 500, `${total}, ${top}`);
  assert.equal(big.scoreLimit, 500);
  assert.deepEqual(big.warnings, [
    `the highest score is ${total}, over HubSpot's largest score limit of 500 (Marketing Hub Enterprise): set the score limit to 500; HubSpot caps higher scores at it, which moves no lead to another tier (the highest tier starts at ${top}), though the score of the leads above 500 is not theirs`,
  ]);
  assert.match(hubspotExport(scaled())["hubspot-steps.md"], /2\. Set the score limit to 500\./);
  // a top tier starting above the cap cannot be entered: the export says to apply the rules elsewhere
  const high = hubspotScore(scaled(500));
  assert.deepEqual(high.warnings, [
    `the highest score is ${total}, over HubSpot's largest score limit of 500 (Marketing Hub Enterprise): set the score limit to 500; HubSpot caps higher scores at it, so the tiers starting above it (from ${top + 500}) cannot be told apart: apply these rules through the scorer or the warehouse SQL`,
  ]);
});

test("hubspot: property names are lower case letters, digits and underscores, start with a letter and hold at most 100 characters", () => {
  const long = `What matters most ${"to you ".repeat(20)}`;
  const rules = tinyRules([
    attribute("2024 Budget (EUR)", "numeric", [bin("< 10", { kind: "range", hi: 10, loInclusive: false, hiInclusive: false }, 0), bin("≥ 10", { kind: "range", lo: 10, loInclusive: true, hiInclusive: false }, 3)]),
    attribute(long, "categorical", [bin("Yes", { kind: "set", values: ["Yes"] }, 5), bin("other", { kind: "other" }, 0)]),
  ]);
  const properties = [...new Set(hubspotScore(crmPlan(rules)).groups.flatMap((g) => g.rules.map((r) => r.property)))];
  assert.deepEqual(properties, ["p_2024_budget_eur", `what_matters_most_${"to_you_".repeat(20)}`.slice(0, 100)]);
  for (const p of properties) assert.ok(/^[a-z][a-z0-9_]*$/.test(p) && p.length <= 100, p);
});
