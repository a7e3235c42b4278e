import assert from "node:assert/strict";
import { test } from "node:test";
import { DealTable } from "../../src/data/deal-table";
import { parseBeliefs } from "../../src/beliefs/parse-beliefs";
import { judge, testBeliefs } from "../../src/beliefs/test-beliefs";
import { formatBeliefs } from "../../src/beliefs/format-beliefs";
import { beliefsSection } from "../../src/report/beliefs-section";
import { checkSectionHtml } from "../../src/report/check-section-html";
import type { Belief } from "../../src/formats/beliefs-schema";
import { meta, plantedBeliefTable } from "./belief-table";

const doc = (beliefs: Belief[]) => ({ apiVersion: "leadlab/v1" as const, kind: "Beliefs" as const, beliefs });

test("planted claims: a true claim is confirmed, a false one contradicted, a null one unclear", () => {
  const table = plantedBeliefTable(6000, 5);
  const r = testBeliefs(table, doc([
    { name: "demo", when: "demo >= 1", predicts: "won", direction: "raises" },
    { name: "managers", when: "seniority in [Manager]", predicts: "won", direction: "raises" },
    { name: "noise", when: "noise between 0 and 499", predicts: "won", direction: "raises" },
    { name: "tools", when: "tools contains Salesforce", predicts: "won", direction: "lowers" },
    { name: "rare", when: "rare = true", predicts: "won", direction: "raises" },
    { name: "champion", when: "champion = yes", predicts: "retained", direction: "raises" },
  ]));
  const by = Object.fromEntries(r.beliefs.map((b) => [b.name, b]));
  assert.equal(by.demo.verdict, "confirmed", by.demo.reason);
  assert.ok(by.demo.lift.lo > 1 && by.demo.q < 0.05);
  assert.equal(by.managers.verdict, "contradicted", by.managers.reason);
  assert.ok(by.managers.lift.hi < 1);
  assert.equal(by.noise.verdict, "unclear");
  assert.match(by.noise.reason, /spans 1/);
  assert.equal(by.tools.verdict, "unclear");
  assert.equal(by.rare.verdict, "unclear");
  assert.match(by.rare.reason, /too few holdout deals meet the condition \(\d+, fewer than 20\)/);
  assert.equal(by.champion.verdict, "confirmed", by.champion.reason);
  // Only the holdout is used: the rows counted are the test part's (won claims) ...
  const test = table.split.test;
  assert.equal(by.demo.with.n + by.demo.without.n + by.demo.unknown, test.length);
  // ... and the missing seniority values are left out and counted, not read as "not Manager".
  const missing = Array.from(test).filter((r) => table.columns.seniority[r] === null).length;
  assert.ok(missing > 0);
  assert.equal(by.managers.unknown, missing);
  // Retention: among won holdout deals only.
  const wonTest = Array.from(test).filter((r) => table.won[r] === 1).length;
  assert.equal(by.champion.with.n + by.champion.without.n, wonTest);
  assert.ok(r.warnings.includes(`retention claims: ${test.length - wonTest} holdout deals left out: not won (retention is about customers)`), r.warnings.join("; "));
  // BH across the claims, by its definition: q of the i-th smallest p is min over j ≥ i of p_(j)·m/j.
  const sorted = [...r.beliefs].sort((a, b) => a.p - b.p);
  const m = sorted.length;
  sorted.forEach((b, i) => {
    const expected = Math.min(1, ...sorted.slice(i).map((c, k) => (c.p * m) / (i + k + 1)));
    assert.ok(Math.abs(b.q - expected) <= 1e-12 * Math.max(1, expected), `${b.name}: q ${b.q} vs ${expected}`);
  });
  assert.match(formatBeliefs(r), /CONFIRMED {4}demo: demo >= 1 raises the win rate/);
});

/**
 * A small table held out by time: 70 holdout deals (closed on day 100) where 18 of the 30 with
 * `flag = true` won and 12 of the 40 without; 50 older training deals where the flag goes with
 * losing, which the test must ignore.
 */
function handTable(perAccount = 1): DealTable {
  const won: number[] = [], flag: boolean[] = [], day: number[] = [];
  const add = (count: number, f: boolean, w: number, d: number) => {
    for (let i = 0; i < count * perAccount; i++) won.push(w), flag.push(f), day.push(d);
  };
  add(18, true, 1, 100), add(12, true, 0, 100), add(12, false, 1, 100), add(28, false, 0, 100);
  add(25, true, 0, 0), add(25, false, 1, 0);
  return new DealTable({
    name: "hand",
    ids: won.map((_, i) => `D${i}`),
    won: Uint8Array.from(won),
    closedAt: Float64Array.from(day, (d) => d * 86_400_000),
    attributes: [meta("flag", "boolean")],
    columns: { flag },
    holdout: { by: "time", lastDays: 10 },
    ...(perAccount > 1 ? { groups: { column: "account", keys: won.map((_, i) => `A${Math.floor(i / perAccount)}`) } } : {}),
  });
}

test("lift, Katz interval and Fisher p on a hand-computed holdout table", () => {
  const r = testBeliefs(handTable(), doc([{ name: "flag", when: "flag = true", predicts: "won", direction: "raises" }]));
  const b = r.beliefs[0];
  assert.deepEqual([b.with.events, b.with.n, b.without.events, b.without.n], [18, 30, 12, 40]);
  // lift = (18/30) / (12/40) = 2; Katz: SE = √(1/18 − 1/30 + 1/12 − 1/40) = 0.283823,
  // 2·exp(∓1.959964·SE) = [1.146672, 3.488355] (scipy.stats.norm.ppf(0.975) for z).
  assert.equal(b.lift.value, 2);
  assert.ok(Math.abs(b.lift.lo - 1.1466723219361072) < 1e-9);
  assert.ok(Math.abs(b.lift.hi - 3.488354888732442) < 1e-9);
  // python3 -c "from scipy import stats; print(stats.fisher_exact([[18,12],[12,28]]).pvalue)"
  assert.ok(Math.abs(b.p - 0.015606130881175354) < 1e-12);
  assert.equal(b.q, b.p); // one claim: q = p
  assert.equal(b.designEffect, 1);
  assert.equal(b.verdict, "confirmed");
  // The same data says the opposite claim is contradicted.
  const opposite = testBeliefs(handTable(), doc([{ name: "flag", when: "flag = true", predicts: "won", direction: "lowers" }]));
  assert.equal(opposite.beliefs[0].verdict, "contradicted");
});

test("deals of one account count as one: each deal twice in its account gives the same interval", () => {
  const b = testBeliefs(handTable(2), doc([{ name: "flag", when: "flag = true", predicts: "won", direction: "raises" }])).beliefs[0];
  assert.deepEqual([b.with.events, b.with.n, b.without.events, b.without.n], [36, 60, 24, 80]);
  assert.ok(Math.abs(b.designEffect - 2) < 1e-12);
  // Katz on the doubled counts has SE/√2; widened by √2 it is the interval of the single deals.
  assert.ok(Math.abs(b.lift.lo - 1.1466723219361072) < 1e-9);
  assert.ok(Math.abs(b.lift.hi - 3.488354888732442) < 1e-9);
  // X² doubles with the counts; divided by the design effect it is X² of the single deals:
  // python3 -c "from scipy import stats; print(stats.chi2_contingency([[18,12],[12,28]], correction=False))"
  assert.ok(Math.abs(b.p - 0.012073797243122913) < 1e-12);
});

test("verdict rules: interval on the claimed side, q, and too few deals", () => {
  assert.equal(judge("raises", 50, 50, { lo: 1.1, hi: 2 }, 0.01, 0.05, 20).verdict, "confirmed");
  assert.equal(judge("lowers", 50, 50, { lo: 1.1, hi: 2 }, 0.01, 0.05, 20).verdict, "contradicted");
  assert.deepEqual(judge("raises", 50, 50, { lo: 0.9, hi: 2 }, 0.01, 0.05, 20), { verdict: "unclear", reason: "the interval of the lift spans 1 (q = 0.01)" });
  assert.deepEqual(judge("raises", 50, 50, { lo: 1.1, hi: 2 }, 0.2, 0.05, 20), { verdict: "unclear", reason: "not significant once corrected for the number of claims (q = 0.2 ≥ 0.05)" });
  assert.deepEqual(judge("raises", 500, 19, { lo: 1.1, hi: 2 }, 0.001, 0.05, 20), { verdict: "unclear", reason: "too few holdout deals miss the condition (19, fewer than 20)" });
});

test("all / any combine with three-valued logic; missing values are left out", () => {
  const table = plantedBeliefTable(400, 9);
  const r = testBeliefs(table, doc([
    { name: "both", when: { all: ["seniority in [VP]", "demo >= 1"] }, predicts: "won", direction: "raises" },
    { name: "either", when: { any: ["seniority in [VP]", "demo >= 1"] }, predicts: "won", direction: "raises" },
  ]));
  const test = Array.from(table.split.test);
  const s = table.columns.seniority as (string | null)[];
  const d = table.columns.demo as Float64Array;
  // all: unknown only when seniority is missing and demo ≥ 1 (demo = 0 makes it false anyway).
  assert.equal(r.beliefs[0].unknown, test.filter((i) => s[i] === null && d[i] >= 1).length);
  assert.equal(r.beliefs[0].with.n, test.filter((i) => s[i] === "VP" && d[i] >= 1).length);
  // any: unknown only when seniority is missing and demo = 0.
  assert.equal(r.beliefs[1].unknown, test.filter((i) => s[i] === null && d[i] === 0).length);
  assert.equal(r.beliefs[1].with.n, test.filter((i) => s[i] === "VP" || d[i] >= 1).length);
  assert.equal(r.beliefs[1].condition, "seniority in [VP] or demo >= 1");
});

test("parseBeliefs reads the YAML form of the sample's beliefs file", () => {
  const d = parseBeliefs("apiVersion: leadlab/v1\nkind: Beliefs\nbeliefs:\n  - name: a\n    when:\n      all:\n        - seniority in [VP, Director]\n        - need = true\n    predicts: won\n    direction: raises\n", "b.yaml");
  assert.deepEqual(d.beliefs[0].when, { all: ["seniority in [VP, Director]", "need = true"] });
});

test("the report's beliefs section shows each verdict, lift and interval, with the text escaped", () => {
  const r = testBeliefs(handTable(), doc([{ name: "flag", claim: "Flags & banners <win>", by: "sales", when: "flag = true", predicts: "won", direction: "raises" }]));
  const section = beliefsSection(r);
  assert.equal(checkSectionHtml(section.html, section.title), section.html);
  assert.match(section.html, /<td>confirmed<\/td><td>flag: Flags &amp; banners &lt;win&gt; \(sales\)<\/td>/);
  assert.match(section.html, /×2\.00 \[1\.15–3\.49\]/);
  assert.match(section.html, /1 confirmed, 0 contradicted, 0 unclear/);
});
