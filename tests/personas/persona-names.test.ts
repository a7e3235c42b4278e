import assert from "node:assert/strict";
import { test } from "node:test";
import { DatasetError } from "../../src/formats/dataset-error";
import { applyPersonaNames, defaultPersonaNames, medoidMatches, personaId, personaNameParts, ruleNameParts, traitText, type NamingAttribute } from "../../src/personas/persona-names";
import { parsePersonaNames, personaNamesTemplate, personaNamesText, readPersonaNames } from "../../src/personas/persona-names-file";
import { personas } from "../../src/personas/personas";
import type { Trait } from "../../src/personas/traits";
import type { Condition } from "../../src/personas/persona-rule";
import { syntheticTable } from "./synthetic-table";

const trait = (t: Partial<Trait> & Pick<Trait, "attribute" | "kind" | "value">): Trait => ({
  count: 50,
  n: 100,
  share: 0.5,
  overallShare: 0.25,
  lift: 2,
  lo: 0.4,
  hi: 0.6,
  p: 1e-6,
  q: 1e-5,
  ...t,
});

const ATTRIBUTES: NamingAttribute[] = [
  { name: "industry", kind: "categorical", role: "firmographic" },
  { name: "employees", kind: "numeric", role: "firmographic", min: 3, max: 90000 },
  { name: "seniority", kind: "categorical", role: "demographic" },
  { name: "tech_stack", kind: "multi", role: "firmographic" },
  { name: "champion", kind: "boolean", role: "demographic" },
  { name: "demo_request_count_90d", kind: "numeric", role: "behavioral", min: 0, max: 9, feature: { eventType: "demo_request", windowDays: 90, aggregate: "count" } },
];
const attribute = (name: string) => ATTRIBUTES.find((a) => a.name === name)!;

test("traitText: categories, items, booleans and numeric bands read as phrases", () => {
  assert.equal(traitText(trait({ attribute: "industry", kind: "categorical", value: "Software" }), attribute("industry")), "Software");
  assert.equal(traitText(trait({ attribute: "tech_stack", kind: "multi", value: "HubSpot" }), attribute("tech_stack")), "HubSpot");
  assert.equal(traitText(trait({ attribute: "champion", kind: "boolean", value: "true" }), attribute("champion")), "champion");
  assert.equal(traitText(trait({ attribute: "champion", kind: "boolean", value: "false" }), attribute("champion")), "no champion");
  const band = (from: number, to: number, name = "employees") => traitText(trait({ attribute: name, kind: "numeric", value: `${from}–${to}`, band: { from, to } }), attribute(name));
  assert.equal(band(287, 1843), "290–1,800 employees");
  assert.equal(band(3, 61), "under 61 employees");
  assert.equal(band(5230, 90000), "5,200+ employees");
  assert.equal(band(3, 90000), null); // spans every value: says nothing
  assert.equal(band(2, 9, "demo_request_count_90d"), "2+ demo requests (90d)");
  assert.equal(band(0, 1, "demo_request_count_90d"), "no demo requests (90d)");
});

test("a category or item that says nothing alone (No, Other, Unknown, a bare number) reads after its attribute, in traits and in rules", () => {
  assert.equal(traitText(trait({ attribute: "seniority", kind: "categorical", value: "No" }), attribute("seniority")), "seniority: No");
  assert.equal(traitText(trait({ attribute: "industry", kind: "categorical", value: "Other" }), attribute("industry")), "industry: Other");
  assert.equal(traitText(trait({ attribute: "tech_stack", kind: "multi", value: "2" }), attribute("tech_stack")), "tech stack: 2");
  assert.equal(traitText(trait({ attribute: "industry", kind: "categorical", value: "Nonprofit" }), attribute("industry")), "Nonprofit");
  const parts = ruleNameParts(
    [
      { attribute: "industry", kind: "in", values: ["Unknown", "Retail"], orMissing: false },
      { attribute: "tech_stack", kind: "lacks", value: "None", orMissing: false },
    ],
    ATTRIBUTES,
  );
  assert.deepEqual(parts.map((p) => p.text), ["industry: Unknown or Retail", "no tech stack: None"]);
});

test("personaNameParts keeps strong, common traits, one per attribute, strongest first", () => {
  const parts = personaNameParts(
    [
      trait({ attribute: "industry", kind: "categorical", value: "Software", share: 0.8, lift: 2.5 }),
      trait({ attribute: "industry", kind: "categorical", value: "IT", share: 0.45, lift: 1.5 }),
      trait({ attribute: "seniority", kind: "categorical", value: "VP", share: 0.45, lift: 1.6 }),
      trait({ attribute: "tech_stack", kind: "multi", value: "Slack", share: 0.3, lift: 3 }), // too rare in the persona
      trait({ attribute: "champion", kind: "boolean", value: "true", share: 0.9, lift: 1.1 }), // barely over-represented
      trait({ attribute: "employees", kind: "numeric", value: "x", band: { from: 200, to: 2000 }, share: 0.6, lift: 2, q: 0.2 }), // not significant
    ],
    ATTRIBUTES,
  );
  assert.deepEqual(parts.map((p) => p.text), ["Software", "VP"]);
  assert.ok(parts[0].strength > parts[1].strength);
});

test("defaultPersonaNames: firmographic first, clashes lengthened then numbered, ids from names", () => {
  const p = (attribute: string, text: string, strength: number) => ({ attribute, text, strength });
  const { names, ids } = defaultPersonaNames(
    [
      [p("seniority", "VP", 0.9), p("industry", "Software", 0.5)],
      [p("industry", "Software", 0.9), p("seniority", "Director", 0.2), p("employees", "5,200+ employees", 0.1), p("tech_stack", "Slack", 0.05)],
      [p("industry", "Software", 0.9), p("seniority", "Director", 0.2), p("employees", "5,200+ employees", 0.1), p("tech_stack", "Slack", 0.05)],
      [],
    ],
    ATTRIBUTES,
  );
  assert.deepEqual(names, [
    "Software · VP",
    "Software · 5,200+ employees · Slack · Director",
    "Software · 5,200+ employees · Slack · Director (2)",
    "Mixed profile",
  ]);
  assert.deepEqual(ids, ["software-vp", "software-5200-plus-employees-slack-director", "software-5200-plus-employees-slack-director-2", "mixed-profile"]);
  assert.equal(personaId("Marketing & Advertising · under 190 employees"), "marketing-and-advertising-under-190-employees");
  assert.equal(personaId("Café · ≥ 5"), "cafe-5");
});

test("medoidMatches: values, lists, items, ranges; a missing value matches nothing", () => {
  const medoid = { industry: "Software", employees: 640, stack: ["HubSpot", "Slack"], founder: true, region: null };
  assert.equal(medoidMatches(medoid, { industry: "Software" }), true);
  assert.equal(medoidMatches(medoid, { industry: ["Retail", "Software"] }), true);
  assert.equal(medoidMatches(medoid, { employees: { from: 200, to: 2000 } }), true);
  assert.equal(medoidMatches(medoid, { employees: { to: 640 } }), false);
  assert.equal(medoidMatches(medoid, { employees: 640 }), true);
  assert.equal(medoidMatches(medoid, { stack: "Slack" }), true);
  assert.equal(medoidMatches(medoid, { stack: ["Slack", "Salesforce"] }), false);
  assert.equal(medoidMatches(medoid, { founder: true }), true);
  assert.equal(medoidMatches(medoid, { founder: "true" }), true);
  assert.equal(medoidMatches(medoid, { region: "EMEA" }), false);
  assert.equal(medoidMatches(medoid, { industry: "Software", employees: { from: 1000 } }), false);
});

test("applyPersonaNames: by id first, then by medoid; ambiguity and misses are warnings", () => {
  const list = [
    { id: "software-vp", medoid: { industry: "Software", employees: 500 } },
    { id: "software-director", medoid: { industry: "Software", employees: 5000 } },
    { id: "retail", medoid: { industry: "Retail", employees: 40 } },
  ];
  const applied = applyPersonaNames(list, {
    apiVersion: "leadlab/v1",
    kind: "PersonaNames",
    names: [
      { name: "Growth SaaS", id: "software-vp" },
      { name: "Enterprise SaaS", id: "gone", medoid: { industry: "Software", employees: { from: 2000 } } },
      { name: "Any SaaS", medoid: { industry: "Software" } },
      { name: "Shops", id: "gone-too" },
      { name: "Banks", medoid: { industry: "Financial Services" } },
    ],
  });
  assert.deepEqual(applied.names, ["Growth SaaS", "Enterprise SaaS", null]);
  assert.deepEqual(applied.matchedBy, ["id", "medoid", null]);
  assert.equal(applied.warnings.length, 3);
  assert.match(applied.warnings[0], /"Any SaaS" matches no persona: no unnamed persona's medoid has/);
  assert.match(applied.warnings[1], /"Shops" \(id gone-too\) matches no persona: no persona has that id any more/);
  assert.match(applied.warnings[2], /"Banks" matches no persona/);
  const ambiguous = applyPersonaNames(list, { apiVersion: "leadlab/v1", kind: "PersonaNames", names: [{ name: "SaaS", medoid: { industry: "Software" } }] });
  assert.deepEqual(ambiguous.names, [null, null, null]);
  assert.match(ambiguous.warnings[0], /the medoids of software-vp, software-director all have/);
});

test("parsePersonaNames validates and explains; the fixture reads", () => {
  assert.equal(readPersonaNames("tests/personas/fixtures/personas.names.yaml").names.length, 2);
  const cases: [string, RegExp][] = [
    ["apiVersion: leadlab/v1\nkind: PersonaNames\nnames:\n  - nam: X\n    id: a\n", /field "names.0.nam": unknown field "nam".*did you mean "name"\?/],
    ["apiVersion: leadlab/v1\nkind: PersonaNames\nnames:\n  - name: X\n", /the entry "X" says neither which id nor which medoid it names/],
    ["apiVersion: leadlab/v1\nkind: PersonaNames\nnames:\n  - { name: X, id: a }\n  - { name: X, id: b }\n", /the name "X" is given twice/],
    ["apiVersion: leadlab/v1\nkind: PersonaNames\nnames:\n  - { name: X, medoid: { employees: { from: 10, to: 5 } } }\n", /field "names.0.medoid.employees": the range holds no number/],
    ["apiVersion: leadlab/v1\nkind: Personas\nnames: []\n", /this is not a persona names file.*pass the personas.names.yaml, not personas.yaml/],
  ];
  for (const [text, message] of cases)
    assert.throws(() => parsePersonaNames(text, "personas.names.yaml"), (e: unknown) => e instanceof DatasetError && message.test(e.message), String(message));
  assert.throws(() => readPersonaNames("nowhere.yaml"), /the persona names file does not exist/);
});

test("renames survive a re-run: by id, and by medoid when the id changed", () => {
  const table = syntheticTable();
  const first = personas(table, { bootstraps: 4, antiPersonas: false });
  const template = personaNamesTemplate(first);
  // the agencies win but churn: set aside as an anti-persona, so two personas are named
  assert.equal(first.antiPersonas.filter((a) => a.source === "customers").length, 1);
  assert.equal(template.names.length, 2);
  assert.ok(template.names.every((e, i) => e.id === first.personas[i].id && e.medoid && Object.keys(e.medoid).length > 0));
  // the analyst renames them; the text round-trips
  const renamed = { ...template, names: template.names.map((e, i) => ({ ...e, name: `Persona ${String.fromCharCode(65 + i)}` })) };
  const text = personaNamesText(renamed);
  assert.deepEqual(parsePersonaNames(text), renamed);
  const second = personas(table, { bootstraps: 4, antiPersonas: false, names: parsePersonaNames(text) });
  assert.deepEqual(second.personas.map((p) => p.name), ["Persona A", "Persona B"]);
  assert.ok(second.personas.every((p) => p.renamedBy === "id" && p.defaultName === first.personas[p.index].name));
  for (const p of second.personas) assert.ok(second.assignment.rules.some((r) => r.persona === p.id && r.text.endsWith(`then ${p.name}`)), p.name);
  // next quarter the top traits moved and the ids changed: the medoids still find them
  const moved = { ...renamed, names: renamed.names.map((e) => ({ ...e, id: `${e.id}-old` })) };
  const third = personas(table, { bootstraps: 4, antiPersonas: false, names: moved });
  assert.deepEqual(third.personas.map((p) => p.name), ["Persona A", "Persona B"]);
  assert.ok(third.personas.every((p) => p.renamedBy === "medoid"));
  assert.deepEqual(third.warnings.filter((w) => /name/.test(w)), []);
  // the committed fixture: one entry by id, one by medoid values
  const fixture = personas(table, { bootstraps: 4, antiPersonas: false, names: readPersonaNames("tests/personas/fixtures/personas.names.yaml") });
  const named = Object.fromEntries(fixture.personas.map((p) => [p.defaultName, [p.name, p.renamedBy]]));
  assert.ok(Object.values(named).some(([n, by]) => n === "Banks" && by === "medoid"), JSON.stringify(named));
});

test("ruleNameParts: one part per condition of the rule, with its exact values and ends", () => {
  const attrs: NamingAttribute[] = [
    { name: "industry", kind: "categorical", role: "firmographic" },
    { name: "employees", kind: "numeric", role: "firmographic", min: 3, max: 90000 },
    { name: "champion", kind: "boolean", role: "qualification" },
    { name: "stack", kind: "multi", role: "firmographic" },
    { name: "trials", kind: "numeric", role: "behavioral", min: 0, max: 9, feature: { eventType: "trial_signup", windowDays: 90, aggregate: "count" } },
  ];
  const parts = ruleNameParts(
    [
      { attribute: "industry", kind: "in", values: ["Retail", "Education"], orMissing: true },
      { attribute: "employees", kind: "range", from: 1250, to: 12000, orMissing: false },
      { attribute: "champion", kind: "in", values: ["false"], orMissing: false },
      { attribute: "stack", kind: "lacks", value: "HubSpot", orMissing: false },
      { attribute: "trials", kind: "range", from: -Infinity, to: 1, orMissing: false },
      { attribute: "employees", kind: "range", from: 40, to: Infinity, orMissing: false },
    ],
    attrs,
  );
  // the thresholds are the rule's, not rounded (a name rounded to 1,300 would not say what the rule tests)
  assert.deepEqual(parts.map((p) => p.text), ["Retail or Education", "1,250–12,000 employees", "no champion", "no HubSpot", "no trial signups (90d)", "40+ employees"]);
  assert.deepEqual(defaultPersonaNames([parts.slice(0, 3)], attrs, Infinity).names, ["Retail or Education · 1,250–12,000 employees · no champion"]);
});

test("ruleNameParts names a long list of categories by the few it leaves out, or cuts it with a count", () => {
  const activities = ["Approached upfront", "Converted to Lead", "Email Bounced", "Email Link Clicked", "Email Opened", "Form Submitted", "Olark Chat", "Page Visited", "SMS Sent", "Unreachable"];
  const attrs: NamingAttribute[] = [
    { name: "last_activity", kind: "categorical", role: "behavioral", levels: activities },
    { name: "lead_source", kind: "categorical", role: "firmographic" },
    { name: "industry", kind: "categorical", role: "firmographic", levels: ["Education", "Retail", "Software"] },
  ];
  const text = (conditions: Condition[]) => ruleNameParts(conditions, attrs).map((p) => p.text);
  const taken = activities.filter((a) => !["Email Bounced", "Olark Chat"].includes(a));
  assert.deepEqual(text([{ attribute: "last_activity", kind: "in", values: taken, orMissing: false }]), ["last activity other than Email Bounced or Olark Chat"]);
  assert.deepEqual(text([{ attribute: "last_activity", kind: "in", values: activities.slice(0, 5), orMissing: false }]), ["last activity: Approached upfront, Converted to Lead, Email Bounced or 2 more"]);
  // without the attribute's categories, the list taken is cut; a list left out reads "other than"
  assert.deepEqual(text([{ attribute: "lead_source", kind: "in", values: ["Google", "bing", "Direct", "Referral"], orMissing: false }]), ["lead source: Google, bing, Direct or 1 more"]);
  assert.deepEqual(text([{ attribute: "industry", kind: "in", values: ["Education", "Software"], orMissing: false }]), ["Education or Software"]);
  assert.deepEqual(text([{ attribute: "industry", kind: "not-in", values: ["Retail"], orMissing: false }]), ["Education or Software"]);
  assert.deepEqual(text([{ attribute: "lead_source", kind: "not-in", values: ["Google"], orMissing: false }]), ["lead source other than Google"]);
  // a long name still makes a short id
  assert.equal(defaultPersonaNames([ruleNameParts([{ attribute: "last_activity", kind: "in", values: activities.slice(0, 5), orMissing: false }], attrs)], attrs).ids[0], "last-activity-approached-upfront-converted-to-lead-email");
});
