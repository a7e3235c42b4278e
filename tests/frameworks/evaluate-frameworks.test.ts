import assert from "node:assert/strict";
import { test } from "node:test";
import { DealTable, type AttributeMeta, type Column } from "../../src/data/deal-table";
import { evaluateFrameworks } from "../../src/frameworks/evaluate-frameworks";
import { formatFrameworks } from "../../src/frameworks/format-frameworks";
import { FrameworksResult } from "../../src/frameworks/frameworks-result";
import { compareAuc } from "../../src/model/auc";
import { splitHoldout } from "../../src/data/holdout-split";
import { seededRandom } from "../../src/stats/random";
import { frozen } from "../helpers/assert-close";

/**
 * 600 seeded deals with BANT answers in four attribute types: need (boolean) and authority
 * (numeric count of decision makers met) raise wins; budget (categorical status) and timeline
 * (yes/no text with some "maybe") do not. Random holdout of half the deals.
 */
function table(): DealTable {
  const n = 600;
  const rnd = seededRandom(11);
  const need: (boolean | null)[] = [];
  const authority = new Float64Array(n);
  const budget: (string | null)[] = [];
  const timeline: (string | null)[] = [];
  const won = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    need.push(rnd() < 0.05 ? null : rnd() < 0.5);
    authority[i] = rnd() < 0.5 ? 0 : 1 + Math.floor(rnd() * 3);
    budget.push(["Approved", "Pending", "None"][Math.floor(rnd() * 3)]);
    timeline.push(rnd() < 0.03 ? "maybe" : rnd() < 0.5 ? "yes" : "no");
    const logit = -1 + 1.4 * (need[i] ? 1 : 0) + 1.0 * (authority[i] > 0 ? 1 : 0);
    won[i] = rnd() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  const meta = (name: string, type: AttributeMeta["type"], framework: string, criterion: string): AttributeMeta => ({ name, type, role: "qualification", source: "spec", table: "deals", framework, criterion });
  const attributes = [
    meta("need_ok", "boolean", "BANT", "need"),
    meta("deciders_met", "numeric", "BANT", "authority"),
    meta("budget_status", "categorical", "BANT", "budget"),
    meta("timeline_text", "categorical", "ANUM", "urgency"),
  ];
  const columns: Record<string, Column> = { need_ok: need, deciders_met: authority, budget_status: budget, timeline_text: timeline };
  return new DealTable(
    frozen({
      name: "synthetic",
      ids: Array.from({ length: n }, (_, i) => `D${i}`),
      won,
      attributes,
      columns,
      holdout: { by: "random", fraction: 0.5, seed: 3 },
    }),
  );
}

test("evaluates on the holdout's test part, reports its size, and says what cannot be evaluated", () => {
  const t = table();
  const r = evaluateFrameworks(t, { metValues: { budget_status: ["approved"] } });
  const split = splitHoldout(t.n, t.holdout, undefined, t.won);
  assert.equal(r.holdout.test, split.test.length);
  assert.equal(r.holdout.train, split.train.length);
  assert.equal(r.holdout.test + r.holdout.train, 600);
  assert.equal(r.holdout.testWins, Array.from(split.test).reduce((s, i) => s + t.won[i], 0));
  assert.ok(r.criteria.every((e) => e.n === r.holdout.test));
  assert.deepEqual(r.criteria.map((e) => [e.attribute, e.criterion]), [
    ["need_ok", "need"],
    ["deciders_met", "authority"],
    ["budget_status", "budget"],
    ["timeline_text", "timeline"],
  ]);
  // Unreadable timeline values are unknown, counted and warned about.
  const timeline = r.criteria[3];
  assert.ok(timeline.unknown > 0);
  assert.ok(r.warnings.some((w) => /^timeline_text: \d+ values say neither met nor not met \("maybe" \d+\) and count as unknown; give the values that mean met \(option metValues\)$/.test(w)), r.warnings.join("\n"));
  // MEDDIC's Identified pain is answered by BANT's need; its other five criteria by nothing.
  const meddic = r.framework("MEDDIC");
  assert.equal(meddic.mapped, 1);
  assert.deepEqual(meddic.criteria.map((c) => c.attribute), [null, null, null, null, "need_ok", null]);
  assert.equal(meddic.criteria[4].via, "mapped for BANT as need");
  assert.equal(meddic.missing.length, 5);
  assert.equal(meddic.verdicts[0], "MEDDIC is tested on 1 of its 6 criteria; Metrics, Economic buyer, Decision criteria, Decision process and Champion have no attribute");
  assert.deepEqual(meddic.rules!.rules.map((x) => x.atLeast), [1]);
  const gpct = r.framework("gpctba/c&i");
  assert.equal(gpct.mapped, 4);
  assert.match(gpct.verdicts[0], /^GPCTBA\/C&I is tested on 4 of its 8 criteria; Goals, Plans, Consequences and Implications have no attribute$/);
  // CHAMP, ANUM and GPCTBA/C&I are answered by BANT's attributes.
  assert.deepEqual(r.frameworks.map((f) => f.sameAs), [null, "BANT", "BANT", null, "BANT"]);
  assert.deepEqual(r.comparison.rows.map((x) => x.framework), ["BANT", "CHAMP", "ANUM", "GPCTBA/C&I", "MEDDIC"]);
  assert.deepEqual(r.comparison.rows[1].belowBest, { diff: 0, lo: 0, hi: 0, p: 1 });
});

test("a framework none of whose criteria has an attribute cannot be tested, and says so", () => {
  const t = table();
  const only = new DealTable({ ...t, attributes: [{ ...t.attribute("need_ok"), framework: "MEDDIC", criterion: "champion" }], columns: { need_ok: t.columns.need_ok } });
  const r = evaluateFrameworks(only);
  const bant = r.framework("BANT");
  assert.equal(bant.mapped, 0);
  assert.equal(bant.rules, null);
  assert.equal(bant.countAuc, null);
  assert.equal(bant.missing.length, 4);
  assert.deepEqual(bant.verdicts, ["BANT: none of its 4 criteria has an attribute, so it cannot be tested"]);
  assert.equal(r.claims[0].verdict, 'The claim "BANT-qualified when at least three of four criteria are positive" cannot be checked: BANT has no rule to test (no criterion has an attribute)');
  assert.deepEqual(r.comparison.rows.map((x) => x.framework), ["MEDDIC"]);
});

test("planted criteria go with wins, the others do not; the best N and the claim are in words", () => {
  const r = evaluateFrameworks(table(), { metValues: { budget_status: ["approved"] } });
  const lift = (a: string) => r.criteria.find((e) => e.attribute === a)!.lift;
  assert.ok(lift("need_ok").lo > 1 && lift("deciders_met").lo > 1);
  assert.ok(lift("budget_status").lo < 1 && lift("budget_status").hi > 1);
  const bant = r.framework("BANT");
  const finding = (label: string) => bant.criteria.find((c) => c.label === label)!.contribution!.finding;
  const contribution = (label: string) => bant.criteria.find((c) => c.label === label)!.contribution!;
  // Need's conditional lift is clear; its AUC drop's interval is wide (without it the model ranks by
  // authority alone, a very different ranking), so the verdict is the cautious one.
  assert.ok(contribution("Need").conditionalLift.lo > 1 && contribution("Authority").conditionalLift.lo > 1);
  assert.equal(finding("Authority"), "adds");
  assert.equal(finding("Need"), "unclear");
  assert.equal(finding("Budget"), "nothing");
  assert.equal(finding("Timeline"), "nothing");
  assert.ok(bant.verdicts.some((v) => v.startsWith("Need may add to what Budget, Authority and Timeline say: win rate when met ×1.43 [1.18–1.74] at the same answers to the others, but")));
  assert.ok(bant.verdicts.some((v) => v.startsWith("Budget adds nothing once Authority, Need and Timeline are known: AUC drop without it ")));
  assert.equal(r.claims.length, 1);
  const claim = r.claims[0];
  assert.equal(claim.rule, bant.rules!.rules[2]);
  assert.equal(claim.best!.atLeast, bant.rules!.best);
  assert.match(claim.verdict, /^The claim "BANT-qualified when at least three of four criteria are positive" \(at least 3 of 4\): a win rate of \d+% \[\d+%–\d+%\]/);
});

test("the N-of-M rules count criteria met on the test deals, unknown as not met", () => {
  const t = table();
  const r = evaluateFrameworks(t, { metValues: { budget_status: ["approved"] } });
  const split = splitHoldout(t.n, t.holdout, undefined, t.won);
  const need = t.columns.need_ok as (boolean | null)[];
  const auth = t.columns.deciders_met as Float64Array;
  const budget = t.columns.budget_status as string[];
  const timeline = t.columns.timeline_text as string[];
  const counts = Array.from(split.test, (i) => (need[i] === true ? 1 : 0) + (auth[i] > 0 ? 1 : 0) + (budget[i] === "Approved" ? 1 : 0) + (timeline[i] === "yes" ? 1 : 0));
  for (const rule of r.framework("BANT").rules!.rules) {
    const passed = Array.from(split.test).filter((_, k) => counts[k] >= rule.atLeast);
    assert.equal(rule.passed, passed.length);
    assert.equal(rule.wins, passed.reduce((s, i) => s + t.won[i], 0));
  }
});

test("an external score is compared with every framework on the same test rows", () => {
  const t = table();
  // A score that knows the planted terms: need, authority.
  const scores = Float64Array.from({ length: t.n }, (_, i) => 1.4 * ((t.columns.need_ok as (boolean | null)[])[i] ? 1 : 0) + ((t.columns.deciders_met as Float64Array)[i] > 0 ? 1 : 0));
  const r = evaluateFrameworks(t, { frameworks: ["BANT", "meddic"], scorecard: { name: "tuned scorecard", scores }, metValues: { budget_status: ["Approved"] } });
  assert.deepEqual(r.frameworks.map((f) => f.name), ["BANT", "MEDDIC"]);
  assert.equal(r.comparison.scorecard!.name, "tuned scorecard");
  const split = splitHoldout(t.n, t.holdout, undefined, t.won);
  const y = Uint8Array.from(split.test, (i) => t.won[i]);
  const count = new Float64Array(split.test.length);
  const bant = r.framework("BANT");
  for (const c of bant.criteria) {
    const met = c.attribute!;
    split.test.forEach((i, k) => {
      const v = t.columns[met][i];
      count[k] += met === "budget_status" ? (v === "Approved" ? 1 : 0) : met === "timeline_text" ? (v === "yes" ? 1 : 0) : typeof v === "number" ? (v > 0 ? 1 : 0) : v === true ? 1 : 0;
    });
  }
  const expected = compareAuc(Float64Array.from(split.test, (i) => scores[i]), count, y);
  const row = r.comparison.rows[0];
  assert.equal(row.framework, "BANT");
  assert.equal(row.scorecardAbove!.diff, expected.diff);
  assert.equal(row.scorecardAbove!.lo, expected.lo);
  assert.ok(r.verdicts.some((v) => v.startsWith("tuned scorecard: AUC ")));
  assert.throws(() => evaluateFrameworks(t, { scorecard: { name: "s", scores: new Float64Array(3) } }), /scorecard.scores must have one score per table row \(600\); got 3/);
  const withNaN = Float64Array.from(scores);
  withNaN[split.test[0]] = NaN;
  assert.throws(() => evaluateFrameworks(t, { scorecard: { name: "s", scores: withNaN } }), new RegExp(`scorecard.scores\\[${split.test[0]}\\] is NaN; every test row needs a finite score`));
});

test("wrong options throw naming the option, the value and the fix", () => {
  const t = table();
  assert.throws(() => evaluateFrameworks(t, { frameworks: ["BANTT"] }), /frameworks: "BANTT" is not a framework leadlab defines \(did you mean BANT\?\)/);
  assert.throws(() => evaluateFrameworks(t, { metValues: { budget_stat: ["x"] } }), /metValues names "budget_stat", which is not an attribute of the table \(did you mean budget_status\?\)/);
  assert.throws(() => evaluateFrameworks(t, { metValues: { need_ok: ["x"] } }), /metValues.need_ok: values that mean met apply to categorical and multi attributes; "need_ok" is boolean, read as true = met/);
  assert.throws(() => evaluateFrameworks(t, { minRecall: 2 }), /minRecall must be in \[0, 1\], e.g. 0.5; got 2/);
  assert.throws(() => evaluateFrameworks(t, { frameworks: ["MEDDIC"], claims: [{ framework: "BANT", atLeast: 3, text: "x" }] }), /claims\[0\] is about BANT, which is not among the frameworks evaluated \(MEDDIC\)/);
  // The default BANT claim is left out when BANT is not evaluated.
  assert.deepEqual(evaluateFrameworks(t, { frameworks: ["MEDDIC"] }).claims, []);
});

test("a claim the framework cannot answer says why", () => {
  const r = evaluateFrameworks(table(), { frameworks: ["CHAMP"], claims: [{ framework: "CHAMP", atLeast: 5, text: "five of CHAMP" }] });
  assert.equal(r.claims[0].rule, null);
  assert.equal(r.claims[0].verdict, 'The claim "five of CHAMP" cannot be checked: CHAMP has only 4 criteria with an attribute, fewer than 5');
});

test("deterministic, immutable, never mutates its input; JSON, DataFrames and text", () => {
  const t = table();
  const before = Array.from(t.won);
  const a = evaluateFrameworks(t, { metValues: { budget_status: ["approved"] } });
  const b = evaluateFrameworks(t, { metValues: { budget_status: ["approved"] } });
  assert.deepEqual(Array.from(t.won), before);
  assert.ok(a instanceof FrameworksResult);
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.equal(formatFrameworks(a), formatFrameworks(b));
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.frameworks) && Object.isFrozen(a.frameworks[0].criteria[0]) && Object.isFrozen(a.frameworks[0].rules!.rules[0].precision));
  assert.throws(() => {
    (a.frameworks as unknown[]).push(1);
  });
  const json = JSON.parse(JSON.stringify(a));
  assert.equal(json.frameworks[0].rules.best, a.framework("BANT").rules!.best);
  assert.equal(json.criteria[0].attribute, "need_ok");
  assert.equal(json.frameworks[3].mapped, 1);
  assert.equal(json.frameworks[3].criteria[0].attribute, null);
  const criteria = a.toDataFrame();
  assert.equal(criteria.shape[0], 4 + 4 + 4 + 6 + 8);
  assert.ok(criteria.columns.includes("auc_drop_lo") && criteria.columns.includes("conditional_lift_hi"));
  assert.equal(a.toDataFrame("rules").shape[0], 4 * 4 + 1);
  assert.equal(a.toDataFrame("frameworks").shape[0], 5);
  assert.throws(() => a.toDataFrame("bins" as never), /table must be one of criteria, rules, frameworks; got bins/);
  const text = formatFrameworks(a);
  assert.match(text, /^frameworks: synthetic\nrandom holdout: /);
  assert.match(text, /MEDDIC: no attribute answers 'Metrics' \(metrics\); map one in dataset.yaml with `criterion: metrics`/);
  assert.match(text, /≥ 2 of 4 +\d+% \[\d+%–\d+%\]/);
});

test("a test part with too few wins or losses is warned about, not thrown", () => {
  const t = table();
  const allLost = new DealTable({ ...t, won: new Uint8Array(t.n) });
  const r = evaluateFrameworks(allLost, { metValues: { budget_status: ["approved"] } });
  assert.equal(r.comparison.best, null);
  assert.ok(r.warnings.some((w) => /the test part has 0 wins and \d+ losses: AUCs need at least two of each/.test(w)));
  assert.equal(r.framework("BANT").rules!.best, null);
  assert.equal(r.framework("BANT").countAuc, null);
  assert.ok(r.framework("BANT").verdicts.some((v) => v === "BANT: no rule can be judged (the test deals have no wins)"));
});
