import { test } from "node:test";
import assert from "node:assert/strict";
import type { MixedColumn } from "../../src/cluster/mixed-column";
import { seededRandom } from "../../src/stats/random";
import { applyRules, applyRulesToColumns, conditionHolds, formatRule } from "../../src/personas/persona-rule";
import { learnRuleList } from "../../src/personas/learn-rule-list";

/** Personas defined exactly by the attributes (one of them decided by a missing value). */
function separable(n: number, seed: number): { columns: MixedColumn[]; labels: Int32Array } {
  const r = seededRandom(seed);
  const industry: (string | null)[] = [];
  const employees = new Float64Array(n);
  const stack: (string[] | null)[] = [];
  const crm: (boolean | null)[] = [];
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const tech = r() < 0.5;
    industry.push(tech ? (r() < 0.6 ? "SaaS" : "Fintech") : r() < 0.5 ? "Retail" : "Hospitality");
    employees[i] = r() < 0.1 ? NaN : Math.round(10 + r() * 3000);
    const shop = r() < 0.5;
    stack.push(shop ? ["shopify", "slack"] : ["slack"]);
    crm.push(r() < 0.1 ? null : r() < 0.5);
    labels[i] = tech ? (employees[i] >= 200 ? 0 : 1) : shop ? 2 : 3; // missing employees → persona 1
  }
  return {
    labels,
    columns: [
      { name: "employees", kind: "numeric", values: employees },
      { name: "industry", kind: "categorical", values: industry },
      { name: "stack", kind: "multi", values: stack },
      { name: "has_crm", kind: "boolean", values: crm },
    ],
  };
}

test("learnRuleList: separable personas are recovered with fidelity 1", () => {
  const { columns, labels } = separable(2000, 1);
  const before = JSON.stringify(columns.map((c) => Array.from(c.values as ArrayLike<unknown>)));
  const rl = learnRuleList(columns, labels);
  assert.equal(JSON.stringify(columns.map((c) => Array.from(c.values as ArrayLike<unknown>))), before);
  assert.equal(rl.fidelity, 1);
  assert.equal(rl.coverage, 1);
  assert.equal(rl.precision, 1);
  assert.equal(rl.rules.length, 4);
  assert.equal(rl.text[rl.text.length - 1], "otherwise other");
  for (const r of rl.rules) assert.ok(r.conditions.length <= 3 && r.purity === 1);
  // the missing employees go with persona 1, and the rule says so
  const p1 = rl.rules.find((r) => r.persona === 1)!;
  assert.match(p1.text, /\(employees < \d+ or employees is missing\)/);
  assert.match(p1.text, /industry in \{Fintech, SaaS\}/);
  const p2 = rl.rules.find((r) => r.persona === 2)!;
  assert.match(p2.text, /stack contains shopify/);
  // the rule list, applied row by row, gives back the clusters
  assert.deepEqual(applyRulesToColumns(rl, columns), labels);
  assert.equal(applyRules(rl, { industry: "SaaS", employees: 5000, stack: ["slack"] }), 0);
  assert.equal(applyRules(rl, { industry: "SaaS" }), 1);
  assert.equal(applyRules(rl, { industry: "Retail", stack: ["shopify"] }), 2);
  // an industry never seen satisfies no rule: the lead is "other", not a persona named after one industry
  assert.equal(applyRules(rl, { industry: "Government", employees: 10, stack: [] }), null);
  assert.ok(rl.rules.every((r) => r.conditions.every((c) => c.kind !== "not-in")));
  assert.deepEqual(learnRuleList(columns, labels), rl);
});

test('learnRuleList: a leaf below the purity threshold gives no persona (its rows are "other")', () => {
  const r = seededRandom(4);
  const n = 600;
  const size = Float64Array.from({ length: n }, () => r() * 100);
  // below 50: persona 0; above: a coin flip between 1 and 2
  const labels = Int32Array.from(size, (x) => (x < 50 ? 0 : r() < 0.5 ? 1 : 2));
  const rl = learnRuleList([{ name: "size", kind: "numeric", values: size }], labels, { maxDepth: 2, minLeaf: 30 });
  assert.deepEqual(
    rl.text,
    ["if size < 50 then persona 0", "otherwise other"],
  );
  assert.ok(rl.coverage > 0.4 && rl.coverage < 0.6);
  assert.ok(Math.abs(rl.fidelity - rl.coverage * rl.precision) < 1e-12);
  assert.equal(applyRules(rl, { size: 80 }), null);
  // rows labelled -1 are not trained on
  const partial = Int32Array.from(labels, (l, i) => (i % 2 ? -1 : l));
  assert.ok(learnRuleList([{ name: "size", kind: "numeric", values: size }], partial).rules.length >= 1);
});

test("conditions and formatting", () => {
  assert.equal(
    formatRule({
      conditions: [
        { attribute: "employees", kind: "range", from: 200, to: 2000, orMissing: false },
        { attribute: "industry", kind: "in", values: ["SaaS"], orMissing: false },
      ],
      persona: 2,
    }),
    "if employees in [200, 2000) and industry in {SaaS} then persona 2",
  );
  assert.equal(formatRule({ conditions: [{ attribute: "crm", kind: "in", values: ["true"], orMissing: true }], persona: 0 }, ["Scale-ups"]), "if (crm in {true} or crm is missing) then Scale-ups");
  assert.equal(conditionHolds({ attribute: "x", kind: "range", from: 1, to: 2, orMissing: false }, NaN), false);
  assert.equal(conditionHolds({ attribute: "x", kind: "range", from: 1, to: 2, orMissing: true }, undefined), true);
  assert.equal(conditionHolds({ attribute: "c", kind: "not-in", values: ["a"], orMissing: false }, "b"), true);
  assert.equal(conditionHolds({ attribute: "c", kind: "in", values: ["false"], orMissing: false }, false), true);
  assert.equal(conditionHolds({ attribute: "m", kind: "lacks", value: "a", orMissing: false }, ["b"]), true);
  assert.equal(conditionHolds({ attribute: "m", kind: "contains", value: "a", orMissing: false }, null), false);
});

test("learnRuleList: wrong calls throw", () => {
  const cols: MixedColumn[] = [{ name: "x", kind: "numeric", values: Float64Array.from([1, 2, 3]) }];
  assert.throws(() => learnRuleList(cols, [0, 1]), /2 labels for 3 rows/);
  assert.throws(() => learnRuleList(cols, [0, 1, 1], { maxDepth: 9 }), /maxDepth must be an integer from 1 to 8; got 9/);
  assert.throws(() => learnRuleList(cols, [-1, -1, -1]), /no row has a cluster label/);
  assert.throws(() => learnRuleList(cols, [0, 1.5, 1]), /label of row 1/);
});

test("learnRuleList: entropy works too, and a lead with a value never seen is handled", () => {
  const { columns, labels } = separable(1000, 2);
  const rl = learnRuleList(columns, labels, { criterion: "entropy" });
  assert.equal(rl.fidelity, 1);
  // employees was never missing among the non-tech rows: a tech lead with missing employees is persona 1 by rule
  assert.equal(applyRules(rl, { industry: "Fintech", employees: NaN }), 1);
  assert.equal(applyRules(rl, {}), null);
});
