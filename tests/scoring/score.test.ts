import assert from "node:assert/strict";
import { test } from "node:test";
import { createScorer, gradeOf, score, ScoreError, type LeadRecord } from "../../src/scoring/score";
import { attribute, bin, deepFreeze, fixtureRules, tinyRules } from "./helpers";

// The fixture's points, by hand (tests/scoring/fixtures/scoring.yaml): base 10;
// employees <50 −10, 50–199 +10, 200–1999 +35, ≥2000 +20, missing −5;
// industry SaaS +20, {Fintech, Bob's "Bait"; Tackle\} +5, Retail −15, other 0, missing −5;
// region EMEA +5, AMER 0, missing −3 (no other bin); budget_confirmed false −10, true +15, missing 0;
// tech_stack contains Salesforce: false 0, true +10, missing −2;
// demo_request count 90d <1 −20, 1–2 +15, ≥3 +30, missing 0; webinar days since last 30d <7 +10, ≥7 +3, missing −5;
// webinar sum 30d <30 0, ≥30 +8; email_open active days 30d <1 −4, 1–4 +4, ≥5 +9.
// Tiers A ≥ 80, B ≥ 40, else C. Grades: fit cuts 0/30/60, engagement cuts 0/15/35.
const rules = deepFreeze(fixtureRules());

const base: LeadRecord = {
  employees: "250",
  industry: "SaaS",
  region: "EMEA",
  budget_confirmed: "yes",
  tech_stack: "HubSpot; Salesforce",
  demo_request_count_90d: 0,
  webinar_days_since_last_30d: 2.5,
  webinar_sum_30d: 45,
  email_open_active_days_30d: 3,
};

/** The points of `base` (97) with some fields changed. */
const pointsWith = (change: LeadRecord) => score(rules, { ...base, ...change }).points;

test("a lead scored by hand: points, tier, grade, sub-scores and the top 3 reasons", () => {
  // fit 35 + 20 + 5 + 15 + 10 = 85; engagement −20 + 10 + 8 + 4 = 2; points 10 + 85 + 2 = 97.
  assert.deepEqual(score(rules, base), {
    points: 97,
    tier: "A",
    grade: "A3",
    fit: 85,
    engagement: 2,
    reasons: ["+35 employees 200–1,999", "+20 industry SaaS", "−20 no demo_request in the 90 days before"],
  });
});

test("a second lead by hand: ties in |points| keep the rules' order", () => {
  const s = score(rules, {
    employees: 40, industry: "Retail", region: "AMER", budget_confirmed: "no", tech_stack: "",
    demo_request_count_90d: 4, webinar_days_since_last_30d: null, webinar_sum_30d: 0, email_open_active_days_30d: 6,
  });
  // fit −10 − 15 + 0 − 10 − 2 = −37 (D); engagement 30 − 5 + 0 + 9 = 34 (≥ 15 → 2); points 10 − 37 + 34 = 7 (C).
  assert.deepEqual(s, {
    points: 7,
    tier: "C",
    grade: "D2",
    fit: -37,
    engagement: 34,
    reasons: ["+30 ≥ 3 demo_request in the 90 days before", "−15 industry Retail", "−10 employees < 50"],
  });
});

test("an empty record: every attribute's missing bin", () => {
  const s = score(rules, {}, { reasons: 10 });
  // 10 − 5 − 5 − 3 + 0 − 2 + 0 − 5 + 0 + 0 = −10
  assert.equal(s.points, -10);
  assert.equal(s.tier, "C");
  assert.equal(s.grade, "D4");
  assert.deepEqual(s.reasons, ["−5 employees missing", "−5 industry missing", "−5 no webinar in the 30 days before", "−3 region missing", "−2 tech_stack missing"]);
});

test("numeric: numbers and numeric text by range, bounds inclusive as written; missing forms", () => {
  const p = (employees: unknown) => pointsWith({ employees: employees as string }) - 97 + 35;
  assert.equal(p(250), 35);
  assert.equal(p(" 75 "), 10);
  assert.equal(p("1e3"), 35);
  assert.equal(p("+60"), 10);
  assert.equal(p(".5"), -10);
  assert.equal(p("-3"), -10);
  assert.equal(p(50), 10); // lo inclusive
  assert.equal(p(49.999), -10);
  assert.equal(p(2000), 20);
  for (const missing of [null, undefined, NaN, "", "   ", "\t"]) assert.equal(p(missing), -5, String(missing));
});

test("numeric: a value that is not a plain number cannot be scored (ScoreError names attribute and value)", () => {
  for (const bad of ["abc", "1,200", "$5", "12 employees", "Infinity", "inf", "NaN", "0x10", true])
    assert.throws(
      () => score(rules, { ...base, employees: bad }),
      (e: unknown) => e instanceof ScoreError && e.attribute === "employees" && e.problem === "employees: not a number" && e.message.startsWith("employees: "),
      String(bad),
    );
  for (const huge of ["1e400", "-1e400", "1.7976931348623159e308", Infinity, -Infinity])
    assert.throws(
      () => score(rules, { ...base, employees: huge }),
      (e: unknown) => e instanceof ScoreError && e.problem === "employees: not a finite number",
      String(huge),
    );
  assert.throws(() => score(rules, { ...base, employees: "about 50" }), { message: 'employees: "about 50" is not a number' });
});

test("numeric with the training's number format: text read as the loader read it, and only so", () => {
  const formatted = (decimal: "." | ",") => {
    const r = fixtureRules();
    r.attributes.find((a) => a.name === "employees")!.numberFormat = { decimal };
    return deepFreeze(r);
  };
  const dot = formatted(".");
  const comma = formatted(",");
  const p = (r: typeof rules, employees: string) => score(r, { ...base, employees }).points - 97 + 35;
  assert.equal(p(dot, "$1,200"), 35);
  assert.equal(p(dot, "US$ 1,999.50"), 35);
  assert.equal(p(dot, "2,000"), 20);
  assert.equal(p(dot, "(75)"), -10, "accounting negative");
  assert.equal(p(dot, "60 %"), 10);
  assert.equal(p(dot, "250"), 35, "plain numbers still read");
  assert.equal(p(comma, "1.200 EUR"), 35);
  assert.equal(p(comma, "49,9"), -10);
  assert.equal(p(comma, "50,0"), 10);
  assert.throws(() => score(dot, { ...base, employees: "1,20" }), {
    message: 'employees: "1,20" is not a number as the training data wrote them (decimal mark ".")',
  });
  assert.throws(() => score(comma, { ...base, employees: "1.5" }), (e: unknown) => e instanceof ScoreError && e.attribute === "employees");
});

test("categorical: compared after NFC, trimming and lower-casing; unknown values go to other, or to missing without an other bin", () => {
  const industry = (v: unknown) => pointsWith({ industry: v as string }) - 97 + 20;
  assert.equal(industry(" SaaS "), 20);
  assert.equal(industry("saas"), 20, "case does not matter");
  assert.equal(industry("\u00a0SAAS\t"), 20, "no-break space and tab trimmed");
  assert.equal(industry("Saas Co"), 0, "an unknown value → other");
  assert.equal(industry("Mining"), 0, "never seen → other");
  assert.equal(industry('Bob\'s "Bait"; Tackle\\'), 5, "quotes, a semicolon and a backslash");
  assert.equal(industry("Fintech"), 5);
  assert.equal(industry(5), 0, "a number is read as its text");
  assert.equal(industry(""), -5);
  const region = (v: unknown) => pointsWith({ region: v as string }) - 97 + 5;
  assert.equal(region("AMER"), 0);
  assert.equal(region("APAC"), -3, "no other bin: an unknown region scores as missing");
  assert.equal(region(null), -3);
});

test("categorical: the training values an other bin pools score there and are known categories; only others are reported unknown", () => {
  const pooled = attribute("industry", "categorical", [
    bin("SaaS", { kind: "set", values: ["SaaS"] }, 20),
    bin("other (2 values)", { kind: "other", values: ["Mining", "Retail"] }, -7),
    bin("missing", { kind: "missing" }, 0),
  ]);
  const r = tinyRules([pooled]);
  const unknown: string[] = [];
  const points = (industry: string) => score(r, { industry }, { onUnknown: (_, value) => unknown.push(value) }).points - r.scale.basePoints;
  assert.deepEqual([points("SaaS"), points(" retail "), points("MINING"), points("Aerospace")], [20, -7, -7, -7]);
  assert.deepEqual(unknown, ["Aerospace"], "pooled training values are no unknown categories; a value never seen is");
});

test("boolean: true/false and the loader's tokens; anything else cannot be scored", () => {
  const b = (v: unknown) => pointsWith({ budget_confirmed: v as string }) - 97 + 15;
  for (const t of [true, "true", "YES", " y ", "1", 1, "T"]) assert.equal(b(t), 15, String(t));
  for (const f of [false, "false", "No", "n", "0", 0, "f"]) assert.equal(b(f), -10, String(f));
  for (const m of [null, undefined, ""]) assert.equal(b(m), 0, String(m));
  assert.throws(() => b("maybe"), { message: 'budget_confirmed: "maybe" is not a boolean (true/false, yes/no, 1/0)' });
});

test("contains: an item of a multi-valued column, split at the separator, compared as categories; no item = missing", () => {
  const c = (v: unknown) => pointsWith({ tech_stack: v as string }) - 97 + 10;
  assert.equal(c("HubSpot; Salesforce"), 10);
  assert.equal(c("Salesforce"), 10);
  assert.equal(c(" Salesforce ;"), 10);
  assert.equal(c("SalesforceX;HubSpot"), 0);
  assert.equal(c("salesforce"), 10, "case does not matter");
  assert.equal(c("AWS; SALESFORCE "), 10);
  assert.equal(c("HubSpot"), 0);
  assert.equal(c(" ; "), -2, "only separators: no item → missing");
  assert.equal(c(""), -2);
  assert.equal(c(null), -2);
  assert.equal(c(["AWS", " Salesforce "]), 10, "an array of items");
  assert.equal(c([]), -2);
});

test("event features: precomputed values keyed by the attribute name; reasons in words", () => {
  const s = (r: LeadRecord) => score(rules, { ...base, ...r }, { reasons: 9 });
  assert.equal(s({ demo_request_count_90d: "2" }).points, 97 + 35);
  assert.equal(s({ demo_request_count_90d: 3 }).points, 97 + 50);
  assert.equal(s({ demo_request_count_90d: null }).points, 97 + 20);
  assert.equal(s({ webinar_days_since_last_30d: 7 }).points, 97 - 7);
  assert.equal(s({ webinar_days_since_last_30d: "" }).points, 97 - 15);
  assert.ok(s({ webinar_days_since_last_30d: "" }).reasons.includes("−5 no webinar in the 30 days before"));
  assert.ok(s({}).reasons.includes("+10 last webinar < 7 days before"));
  assert.ok(s({}).reasons.includes("+8 webinar minutes ≥ 30 in the 30 days before"));
  assert.ok(s({}).reasons.includes("+4 email_open on 1–4 days in the 30 days before"));
  assert.ok(s({ email_open_active_days_30d: 0 }).reasons.includes("−4 no email_open in the 30 days before"));
  assert.ok(s({ demo_request_count_90d: 1 }).reasons.includes("+15 1–2 demo_request in the 90 days before"));
  assert.ok(s({ budget_confirmed: "no" }).reasons.includes("−10 not budget_confirmed"));
  assert.ok(s({ tech_stack: "HubSpot" }).reasons.every((r) => !r.includes("tech_stack")), "zero points give no reason");
});

test("options: number of reasons, and extra missing tokens", () => {
  assert.deepEqual(score(rules, base, { reasons: 0 }).reasons, []);
  assert.equal(score(rules, base, { reasons: 1 }).reasons.length, 1);
  assert.throws(() => score(rules, { ...base, employees: "NA" }), ScoreError);
  assert.equal(score(rules, { ...base, employees: " NA " }, { missing: ["NA"] }).points, 97 - 35 - 5);
  assert.throws(() => createScorer(rules, { reasons: -1 }), /reasons must be a whole number/);
});

test("tiers: the first reached, best first; null when no tier is reached and none is a catch-all", () => {
  const a = attribute("x", "numeric", [bin("< 10", { kind: "range", hi: 10, loInclusive: false, hiInclusive: false }, 5), bin("≥ 10", { kind: "range", lo: 10, loInclusive: true, hiInclusive: false }, 50)]);
  const tiers = [
    { name: "hot", minPoints: 50, expectedWinRate: { value: 0.5, lo: 0.4, hi: 0.6 }, shareOfLeads: 0.5, shareOfWins: 0.5 },
    { name: "warm", minPoints: 20, expectedWinRate: { value: 0.5, lo: 0.4, hi: 0.6 }, shareOfLeads: 0.5, shareOfWins: 0.5 },
  ];
  const r = tinyRules([a], { tiers });
  assert.equal(score(r, { x: 10 }).tier, "hot");
  assert.equal(score(r, { x: 9 }).tier, null);
});

test("no bin for the value: other for numbers outside every range, else ScoreError", () => {
  const ranges = [bin("1–5", { kind: "range", lo: 1, hi: 5, loInclusive: true, hiInclusive: true }, 3)];
  const noOther = tinyRules([attribute("x", "numeric", ranges)]);
  assert.equal(score(noOther, { x: 5 }).points, 3, "hi inclusive");
  assert.throws(() => score(noOther, { x: 6 }), { message: "x: 6 is in no bin (and the attribute has no other bin)" });
  assert.throws(() => score(noOther, { x: null }), { message: "x: null is missing and the attribute has no missing bin" });
  const withOther = tinyRules([attribute("x", "numeric", [...ranges, bin("other", { kind: "other" }, -1)])]);
  assert.equal(score(withOther, { x: 6 }).points, -1);
  const catNoFallback = tinyRules([attribute("c", "categorical", [bin("a", { kind: "set", values: ["a"] }, 1)])]);
  assert.throws(() => score(catNoFallback, { c: "b" }), ScoreError);
});

test("rules a scorer cannot apply are refused when the scorer is made", () => {
  const contains = attribute("t=x", "contains", [bin("true", { kind: "set", values: ["true"] }, 1)], { source: { column: "t" } });
  assert.throws(() => createScorer(tinyRules([contains])), /has no containsValue/);
  const cuts = tinyRules([], { grades: { fitCuts: [0, 1], engagementCuts: [0, 1, 2], matrix: [] } });
  assert.throws(() => createScorer(cuts), /grades.fitCuts must have 3 cut points/);
});

test("gradeOf: letter from fit cuts, digit from engagement cuts, at-or-above each cut", () => {
  assert.equal(gradeOf(60, 35, [0, 30, 60], [0, 15, 35]), "A1");
  assert.equal(gradeOf(59, 34, [0, 30, 60], [0, 15, 35]), "B2");
  assert.equal(gradeOf(0, 0, [0, 30, 60], [0, 15, 35]), "C3");
  assert.equal(gradeOf(-1, -1, [0, 30, 60], [0, 15, 35]), "D4");
});

test("score() neither mutates nor needs mutable inputs, and caches per rules object", () => {
  const record = deepFreeze({ ...base });
  const first = score(rules, record);
  assert.deepEqual(score(rules, record), first);
  assert.notEqual(score(rules, record), first, "a new result object each call");
});
