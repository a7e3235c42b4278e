import assert from "node:assert/strict";
import { test } from "node:test";
import { crmPlan, type CrmAttribute, type CrmCondition } from "../../../src/scoring/export/crm-plan";
import { uncoveredRanges } from "../../../src/scoring/export/uncovered-ranges";
import { createScorer, ScoreError } from "../../../src/scoring/score";
import { attribute, bin, deepFreeze, tinyRules } from "../helpers";
import { crmFieldValue } from "./crm-field-value";
import { categoryKey } from "../../../src/scoring/category-key";

test("uncoveredRanges: the gaps between ranges, by hand", () => {
  const r = (lo: number | undefined, hi: number | undefined, loInclusive: boolean, hiInclusive: boolean) => ({ ...(lo === undefined ? {} : { lo }), ...(hi === undefined ? {} : { hi }), loInclusive, hiInclusive });
  // [0, 10) and (10, 20]: gaps (-∞, 0), the point 10, (20, ∞).
  assert.deepEqual(uncoveredRanges([r(10, 20, false, true), r(0, 10, true, false)]), [r(undefined, 0, false, false), r(10, 10, true, true), r(20, undefined, false, false)]);
  // (-∞, 5] and [5, ∞): nothing left.
  assert.deepEqual(uncoveredRanges([r(undefined, 5, false, true), r(5, undefined, true, false)]), []);
  // Overlapping [0, 10] and [5, 8]: (-∞, 0) and (10, ∞).
  assert.deepEqual(uncoveredRanges([r(0, 10, true, true), r(5, 8, true, true)]), [r(undefined, 0, false, false), r(10, undefined, false, false)]);
  assert.deepEqual(uncoveredRanges([]), [r(undefined, undefined, false, false)]);
});

/** Whether a plan condition holds for a value (as crmFieldValue reads it), text compared by categoryKey, the missing tokens blank. */
function holds(a: CrmAttribute, c: CrmCondition, raw: number | string | null): boolean {
  const v = raw !== null && a.missing.map(categoryKey).includes(categoryKey(String(raw))) ? null : crmFieldValue(a, raw);
  const text = Array.isArray(v) ? (v.map(categoryKey).includes(categoryKey(a.item!.value)) ? "true" : "false") : v === null ? null : categoryKey(String(v));
  const keys = c.op === "oneOf" || c.op === "noneOf" ? c.values.map(categoryKey) : [];
  switch (c.op) {
    case "blank": return v === null;
    case "oneOf": return text !== null && keys.includes(text);
    case "noneOf": return text !== null && !keys.includes(text);
    case "range": return typeof v === "number" && (c.lo === undefined || (c.loInclusive ? v >= c.lo : v > c.lo)) && (c.hi === undefined || (c.hiInclusive ? v <= c.hi : v < c.hi));
  }
}

test("crmPlan: the scorer's fallbacks become explicit rows; exactly one row holds for every value score() takes, with its points", () => {
  const rules = deepFreeze(
    tinyRules([
      // Ranges with gaps and an `other` bin: the gaps become ranges of `other`.
      attribute("employees", "numeric", [bin("< 10", { kind: "range", hi: 10, loInclusive: false, hiInclusive: false }, -5), bin("20–50", { kind: "range", lo: 20, hi: 50, loInclusive: true, hiInclusive: true }, 9), bin("other", { kind: "other" }, 1), bin("missing", { kind: "missing" }, -2)]),
      // No `other` bin: unlisted categories score as missing.
      attribute("industry", "categorical", [bin("SaaS", { kind: "set", values: ["SaaS"] }, 7), bin("Retail", { kind: "set", values: ["Retail", "Food"] }, -7), bin("missing", { kind: "missing" }, -1)]),
      // A boolean with only its true bin: false scores as missing.
      attribute("budget", "boolean", [bin("true", { kind: "set", values: ["yes"] }, 4), bin("missing", { kind: "missing" }, 0)]),
      attribute("stack=HubSpot", "contains", [bin("true", { kind: "set", values: ["true"] }, 3), bin("false", { kind: "set", values: ["false"] }, -3), bin("missing", { kind: "missing" }, 0)], { source: { column: "stack" }, containsValue: "HubSpot", separator: ";" }),
    ], { inputs: { id: "id", missing: ["", "NA"] } }),
  );
  const plan = crmPlan(rules);
  assert.deepEqual(plan.attributes[0].rows.map((r) => [r.bin, r.condition]), [
    ["< 10", { op: "range", hi: 10, loInclusive: false, hiInclusive: false }],
    ["20–50", { op: "range", lo: 20, hi: 50, loInclusive: true, hiInclusive: true }],
    ["other", { op: "range", lo: 10, hi: 20, loInclusive: true, hiInclusive: false }],
    ["other", { op: "range", lo: 50, loInclusive: false, hiInclusive: false }],
    ["missing", { op: "blank" }],
  ]);
  assert.deepEqual(plan.attributes[1].rows.map((r) => r.condition), [{ op: "oneOf", values: ["SaaS"] }, { op: "oneOf", values: ["Retail", "Food"] }, { op: "blank" }, { op: "noneOf", values: ["SaaS", "Retail", "Food"] }]);
  assert.deepEqual(plan.attributes[2].rows.map((r) => r.condition), [{ op: "oneOf", values: ["true"] }, { op: "blank" }, { op: "noneOf", values: ["true"] }]);
  // The training missing tokens count as blank; the empty one is blank already.
  assert.deepEqual(plan.attributes.map((a) => a.missing), [["NA"], ["NA"], ["NA"], ["NA"]]);
  const samples: Record<string, (number | string | null)[]> = {
    employees: [null, "NA", -3, 0, 9.99, 10, 15, 19.999, 20, 35, 50, 50.5, 1e6],
    industry: [null, " ", "SaaS", " SaaS ", "Retail", "Food", "Bank", "saas", " FOOD", "NA", " na "],
    budget: [null, "yes", "Y", "true", "1", "no", "false", "0", "Na"],
    stack: [null, "HubSpot", "Salesforce; HubSpot", "Salesforce", " ; ", "salesforce;hubspot ", "NA"],
  };
  const scorer = createScorer(rules, { reasons: 0 });
  let checked = 0;
  plan.attributes.forEach((a, i) => {
    for (const v of samples[a.field]) {
      let want: number;
      try {
        const record = Object.fromEntries(plan.attributes.map((b) => [b.field, b === a ? v : samples[b.field][0]]));
        const others = plan.attributes.reduce((s, b) => (b === a ? s : s + b.rows.find((r) => r.condition.op === "blank")!.points), 0);
        want = scorer(record).points - others;
      } catch (e) {
        if (e instanceof ScoreError) continue;
        throw e;
      }
      const rows = a.rows.filter((r) => holds(a, r.condition, v));
      assert.equal(rows.length, 1, `${a.name} = ${JSON.stringify(v)}: ${rows.length} rows hold`);
      assert.equal(rows[0].points, want, `${a.name} = ${JSON.stringify(v)} (attribute ${i})`);
      checked++;
    }
  });
  assert.equal(checked, 40, "every sample value is one score() takes");
});
