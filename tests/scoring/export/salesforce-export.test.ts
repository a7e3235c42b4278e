import assert from "node:assert/strict";
import { before, test } from "node:test";
import { crmPlan } from "../../../src/scoring/export/crm-plan";
import { salesforceExport } from "../../../src/scoring/export/salesforce-export";
import { SALESFORCE_FORMULA_CHARACTERS, salesforceFormulas, type SalesforceFormulas } from "../../../src/scoring/export/salesforce-formulas";
import type { ScoringRules } from "../../../src/formats/scoring-rules-schema";
import { attribute, bin, tinyRules } from "../helpers";
import { sampleLeads, type ScoredLead } from "./crm-leads";
import { fixtureLeads } from "./fixture-leads";
import { evaluateFormula, parseFormula } from "./salesforce-interpreter";

/*
 * The generated Salesforce formulas evaluated by a small interpreter of the formula subset
 * (tests/scoring/export/salesforce-interpreter.ts) on each lead's fields, as Salesforce would
 * with "treat blank fields as blanks": the points and tier fields must equal score()'s.
 */

/** The points and tier fields of a lead whose fields are given by plan field name, the formulas parsed once. */
function evaluator(rules: ScoringRules, f: SalesforceFormulas): (lead: ScoredLead) => { points: number | string | boolean | null; tier: number | string | boolean | null } {
  const plan = crmPlan(rules);
  const numeric = new Set(plan.attributes.filter((a) => a.kind === "number").map((a) => f.fieldOf[a.name]));
  const formulas = new Map([...f.parts, f.points, f.tier].map((x) => [x.field, parseFormula(x.formula)]));
  return (lead) => {
    const values = new Map<string, number | string | null>();
    for (const a of plan.attributes) {
      const v = lead.record[a.field];
      values.set(f.fieldOf[a.name], v === null ? null : numeric.has(f.fieldOf[a.name]) ? Number(v) : String(v));
    }
    const field = (name: string): number | string | boolean | null => {
      const formula = formulas.get(name);
      if (formula) return evaluateFormula(formula, field);
      if (!values.has(name)) throw new Error(`formula reads an unknown field ${name}`);
      return values.get(name)!;
    };
    const tier = field(f.tier.field);
    return { points: field(f.points.field), tier: tier === "" ? null : tier };
  };
}

function assertAgrees(rules: ScoringRules, leads: ScoredLead[], f = salesforceFormulas(crmPlan(rules))): number {
  const evaluate = evaluator(rules, f);
  let agree = 0;
  for (const lead of leads) {
    assert.deepEqual(evaluate(lead), { points: lead.points, tier: lead.tier }, `lead ${lead.id}`);
    agree++;
  }
  return agree;
}

let sample: Awaited<ReturnType<typeof sampleLeads>>;
before(async () => {
  sample = await sampleLeads();
});

test("salesforce: the points and tier formulas give score()'s on every sample deal", () => {
  const f = salesforceFormulas(crmPlan(sample.rules));
  // the sample's 15 attributes need part fields; each formula stays within the limit
  for (const x of [...f.parts, f.points, f.tier]) assert.ok(x.formula.length <= SALESFORCE_FORMULA_CHARACTERS, `${x.field}: ${x.formula.length} characters`);
  assert.equal(assertAgrees(sample.rules, sample.leads, f), sample.leads.length);
});

test("salesforce: the fixture's leads (contains, booleans, quotes in values) agree with score()", () => {
  const { rules, leads } = fixtureLeads();
  assert.equal(assertAgrees(rules, leads), leads.length);
});

test("salesforce: rules over the character limit are split into part fields that still agree", () => {
  // 6 attributes of 60 long category names each: about 6 × 60 × 40 characters, well over 3,900.
  const attrs = [0, 1, 2, 3, 4, 5].map((k) =>
    attribute(`segment_${k}`, "categorical", [
      ...Array.from({ length: 60 }, (_, i) => bin(`v${i}`, { kind: "set", values: [`Segment ${k} value number ${i} long name`] }, (i % 7) - 3 + k)),
      bin("other", { kind: "other" }, -5),
      bin("missing", { kind: "missing" }, 2),
    ]),
  );
  const rules = tinyRules(attrs, {
    tiers: [
      { name: "hot", minPoints: 5, expectedWinRate: { value: 0.5, lo: 0.4, hi: 0.6 }, shareOfLeads: 0.5, shareOfWins: 0.5 },
      { name: "cold", minPoints: null, expectedWinRate: { value: 0.5, lo: 0.4, hi: 0.6 }, shareOfLeads: 0.5, shareOfWins: 0.5 },
    ],
  });
  const f = salesforceFormulas(crmPlan(rules));
  assert.ok(f.parts.length >= 2, `split into ${f.parts.length} parts`);
  for (const p of [...f.parts, f.points]) assert.ok(p.formula.length <= SALESFORCE_FORMULA_CHARACTERS, `${p.field}: ${p.formula.length}`);
  assert.deepEqual(f.parts.flatMap((p) => p.attributes), attrs.map((a) => a.name));
  // Leads built to hit listed values (in other case and with spaces), unlisted values and blanks.
  const leads: ScoredLead[] = [];
  for (let i = 0; i < 70; i++) {
    const record: Record<string, string | null> = {};
    attrs.forEach((a, k) => (record[a.name] = i % 10 === 9 ? null : i < 60 ? ` Segment ${k} value number ${(i + k) % 60} long name ` : `unlisted ${i}`));
    const points = 0 + attrs.reduce((s, a, k) => s + (record[a.name] === null ? 2 : i < 60 ? (((i + k) % 60) % 7) - 3 + k : -5), 0);
    leads.push({ id: `L${i}`, record, points, tier: points >= 5 ? "hot" : "cold" });
  }
  assert.equal(assertAgrees(rules, leads, f), 70);
  const files = salesforceExport(crmPlan(rules));
  assert.match(files["salesforce.md"], /split into \d+ part fields/);
});

test("salesforce: Lead and Contact fields, and behavioural features listed for the scorer or the warehouse", () => {
  const files = salesforceExport(crmPlan(sample.rules));
  const csv = files["salesforce-fields.csv"];
  for (const object of ["Lead", "Contact"]) assert.match(csv, new RegExp(`^${object},leadlab_points__c,Formula \\(Number\\)`, "m"));
  for (const a of sample.rules.attributes.filter((x) => "event" in x.source)) {
    assert.match(csv, new RegExp(`^Lead,${a.name}__c,Number \\(written by the scorer or the warehouse\\)`, "m"));
    assert.match(files["salesforce.md"], new RegExp(`- ${a.name} \\(engagement\\): .*Apply through the scorer`));
  }
});

test("salesforce: the interpreter rejects functions outside the subset", () => {
  assert.throws(() => parseFormula("ROUND(x, 1)"), /ROUND is not in the subset/);
  assert.equal(evaluateFormula(parseFormula('IF(ISBLANK(a), 1, CASE(LOWER(TRIM(b)), "x", 2, 3))'), (n) => (n === "a" ? "" : " X ")), 1);
  assert.equal(evaluateFormula(parseFormula('IF(ISBLANK(a), 1, CASE(LOWER(TRIM(b)), "x", 2, 3))'), (n) => (n === "a" ? 4 : " X ")), 2);
});

test("salesforce: a column name becomes a custom field Salesforce accepts: at most 40 characters before __c, single underscores, distinct", () => {
  const long = "What matters most to you in choosing a course"; // 45 characters
  const twin = "What matters most to you in choosing a course (2nd)";
  const rules = tinyRules([
    attribute(long, "categorical", [bin("Better Career Prospects", { kind: "set", values: ["Better Career Prospects"] }, 10), bin("other", { kind: "other" }, 0)]),
    attribute(twin, "categorical", [bin("Yes", { kind: "set", values: ["Yes"] }, 5), bin("other", { kind: "other" }, 0)]),
    attribute("2024 budget", "numeric", [bin("< 10", { kind: "range", hi: 10, loInclusive: false, hiInclusive: false }, 0), bin("≥ 10", { kind: "range", lo: 10, loInclusive: true, hiInclusive: false }, 3)]),
  ]);
  const f = salesforceFormulas(crmPlan(rules));
  const names = [f.fieldOf[long], f.fieldOf[twin], f.fieldOf["2024 budget"]];
  assert.deepEqual(names, ["What_matters_most_to_you_in_choosing_a_c__c", "What_matters_most_to_you_in_choosing_a_2__c", "f_2024_budget__c"]);
  for (const stem of names.map((n) => n.slice(0, -"__c".length))) assert.ok(/^[A-Za-z][A-Za-z0-9_]*[A-Za-z0-9]$/.test(stem) && !stem.includes("__") && stem.length <= 40, stem);
  assert.match(f.points.formula, /What_matters_most_to_you_in_choosing_a_c__c/);
});
