import assert from "node:assert/strict";
import { before, test } from "node:test";
import { crmPlan } from "../../../src/scoring/export/crm-plan";
import { marketoExport } from "../../../src/scoring/export/marketo-export";
import type { ScoringRules } from "../../../src/formats/scoring-rules-schema";
import { crmFieldValue } from "./crm-field-value";
import { sampleLeads, type ScoredLead } from "./crm-leads";
import { csvRows } from "./csv-rows";
import { fixtureLeads } from "./fixture-leads";

/*
 * The Marketo plan applied from its CSV as Marketo runs it: every campaign whose filters hold
 * sets its score field; the total campaign adds the base and the fields its formula names; the
 * tier campaign whose filters hold on the total sets the tier. Must equal score() on every lead.
 */

type Value = number | string | string[] | null;

function holds(filter: string, value: (field: string) => Value): boolean {
  const [field, operator, arg] = filter.split(" | ");
  const v = value(field);
  const list = () => JSON.parse(arg) as string[];
  switch (operator) {
    case "is empty": return v === null;
    case "is not empty": return v !== null;
    // Marketo's is / is not ignore case.
    case "is": return v !== null && list().some((x) => x.toLowerCase() === String(v).toLowerCase());
    case "is not": return v !== null && !list().some((x) => x.toLowerCase() === String(v).toLowerCase());
    case "contains": return Array.isArray(v) && list().every((x) => v.includes(x));
    case "not contains": return Array.isArray(v) && !list().some((x) => v.includes(x));
    case "at least": return typeof v === "number" && v >= Number(arg);
    case "greater than": return typeof v === "number" && v > Number(arg);
    case "less than": return typeof v === "number" && v < Number(arg);
    case "at most": return typeof v === "number" && v <= Number(arg);
  }
  throw new Error(`unknown filter operator ${operator}`);
}

function assertAgrees(rules: ScoringRules, leads: ScoredLead[]): number {
  const plan = crmPlan(rules);
  const rows = csvRows(marketoExport(plan)["marketo-campaigns.csv"]);
  const byField = new Map(plan.attributes.map((a) => [a.field, a]));
  const attrRows = rows.filter((r) => r.field !== "leadlab points" && r.field !== "leadlab tier");
  const total = rows.find((r) => r.field === "leadlab points")!;
  const tiers = rows.filter((r) => r.field === "leadlab tier");
  let agree = 0;
  for (const lead of leads) {
    const fields = new Map<string, Value>();
    const value = (f: string): Value => (fields.has(f) ? fields.get(f)! : crmFieldValue(byField.get(f)!, lead.record[f]));
    const set = new Map<string, number>();
    for (const r of attrRows)
      if (r.filters.split(" AND ").every((f) => holds(f, value))) {
        assert.ok(!set.has(r.field), `lead ${lead.id}: ${r.field} set twice`);
        set.set(r.field, Number(r.change.slice(1)));
      }
    const [base, ...tokens] = total.change.slice(1).split(" + ");
    const points = Number(base) + tokens.reduce((s, t) => s + set.get(/^\{\{lead\.(.*)\}\}$/.exec(t)![1])!, 0);
    fields.set("leadlab points", points);
    const tier = tiers.filter((r) => r.filters === "" || r.filters.split(" AND ").every((f) => holds(f, value)));
    assert.equal(tier.length, 1, `lead ${lead.id}: one tier campaign`);
    assert.deepEqual({ points, tier: tier[0].change }, { points: lead.points, tier: lead.tier }, `lead ${lead.id}`);
    agree++;
  }
  return agree;
}

let sample: Awaited<ReturnType<typeof sampleLeads>>;
before(async () => {
  sample = await sampleLeads();
});

test("marketo: the campaigns give score()'s points and tier on every sample deal", () => {
  assert.equal(assertAgrees(sample.rules, sample.leads), sample.leads.length);
});

test("marketo: the fixture's leads agree with score()", () => {
  const { rules, leads } = fixtureLeads();
  assert.equal(assertAgrees(rules, leads), leads.length);
});

test("marketo: behavioural features are listed as computed outside Marketo", () => {
  const steps = marketoExport(crmPlan(sample.rules))["marketo-steps.md"];
  for (const a of sample.rules.attributes.filter((x) => "event" in x.source)) assert.match(steps, new RegExp(`- ${a.name} \\(engagement\\): .*Apply through the scorer`));
});
