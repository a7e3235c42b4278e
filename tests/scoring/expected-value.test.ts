import assert from "node:assert/strict";
import { test } from "node:test";
import { DealTable } from "../../src/data/deal-table";
import { SAMPLE_GROUND_TRUTH } from "../../src/sample/ground-truth";
import { createScorer } from "../../src/scoring/score";
import { leadRecord } from "../../src/scoring/lead-record";
import { compileValue } from "../../src/scoring/lead-value";
import { fitAmountCard } from "../../src/scoring/value/amount-card";
import { captureChunksTaken, compareCapture } from "../../src/scoring/value/capture-comparison";
import { capturedShare, rankOrder } from "../../src/scoring/value/captured-share";
import { seededRandom } from "../../src/stats/random";
import { tuneScorecard } from "../../src/scoring/tune-scorecard";
import type { ValueModel } from "../../src/scoring/value/tune-value";
import { sampleScorecard, sampleTable } from "../helpers/sample-fixture";

test("the expected value is win chance × amount × retained chance, by hand", () => {
  const bins = (values: number[], key: "factor" | "logOdds") => ({
    name: "size", source: { column: "size" }, match: "categorical" as const, rationale: "",
    bins: [
      { label: "big", when: { kind: "set" as const, values: ["big"] }, [key]: values[0], trainDeals: 1, trainMedianAmount: 1, trainRetainedRate: 0.5, trainCustomers: 1 },
      { label: "other", when: { kind: "other" as const }, [key]: values[1], trainDeals: 1, trainMedianAmount: 1, trainRetainedRate: 0.5, trainCustomers: 1 },
    ],
  });
  const of = compileValue(
    {
      winChance: { intercept: -6, slope: 0.01 },
      amount: { base: 2000, attributes: [bins([2.5, 0.8], "factor") as never] },
      retention: { horizonDays: 365, baseLogOdds: 1, attributes: [bins([Math.log(3), -1], "logOdds") as never] },
      tiers: [{ name: "A", minValue: 1000, shareOfLeads: 0.5, shareOfWonRevenue: 0.5 }, { name: "B", minValue: null, shareOfLeads: 0.5, shareOfWonRevenue: 0.5 }],
    },
    0,
  );
  // 600 points: logit 0, win chance 1/2; big: 2000 × 2.5 = 5000; retained: logistic(1 + ln 3) = 3e / (1 + 3e).
  const v = of(600, [0, 0]);
  const r = (3 * Math.E) / (1 + 3 * Math.E);
  assert.equal(v.winChance, 0.5);
  assert.equal(v.expectedAmount, 5000);
  assert.ok(Math.abs(v.retainedChance! - r) < 1e-12);
  assert.ok(Math.abs(v.expectedValue - 2500 * r) < 1e-9);
  assert.equal(v.tier, "A");
  // other: 2000 × 0.8 = 1600, retained logistic(0) = 1/2, win 1/2: 400, tier B.
  assert.deepEqual(of(600, [1, 1]), { winChance: 0.5, expectedAmount: 1600, retainedChance: 0.5, expectedValue: 400, tier: "B" });
});

test("captured share: weighted leads and a tied lump at the cut count in proportion", () => {
  const score = [5, 4, 4, 4, 1];
  const revenue = [0, 30, 60, 0, 10];
  // top 40 % of 5 leads = 2 leads: lead 0 (0) and 1/3 of the lump {1,2,3} (90 / 3 = 30) → 30 / 100.
  assert.equal(capturedShare(score, rankOrder(score), revenue, 0.4), 0.3);
  // Weights 2,1,1,1,0 (a bootstrap replicate): 5 leads, total revenue 90; top 2 = lead 0 twice → 0.
  assert.equal(capturedShare(score, rankOrder(score), revenue, 0.4, [2, 1, 1, 1, 0]), 0);
});

/** Won deals of two sizes: `big` doubles the amount, `noise` is independent. */
function sizeTable(n: number, seed: number): DealTable {
  const rand = seededRandom(seed);
  const size = Array.from({ length: n }, () => (rand() < 0.5 ? "big" : "small"));
  const noise = Array.from({ length: n }, () => (rand() < 0.5 ? "x" : "y"));
  const amount = Float64Array.from(size, (s) => (s === "big" ? 2000 : 1000) * Math.exp(0.3 * (rand() - 0.5)));
  const meta = (name: string) => ({ name, type: "categorical" as const, role: "firmographic" as const, source: "spec" as const, table: "deals" });
  return new DealTable({ name: "sizes", ids: size.map((_, i) => `D${i}`), won: new Uint8Array(n).fill(1), attributes: [meta("size"), meta("noise")], columns: { size, noise }, amount, holdout: { by: "random", fraction: 0.25, seed: 1 } });
}

test("amount card: the planted size is chosen, the independent attribute is not; base × factor is each group's mean amount", () => {
  const t = sizeTable(600, 3);
  const rows = Int32Array.from({ length: t.n }, (_, i) => i);
  const card = fitAmountCard(t, rows, [{ name: "noise", attribute: "noise" }, { name: "size", attribute: "size" }]);
  assert.deepEqual(card.attributes.map((a) => a.name), ["size"]);
  const a = card.attributes[0];
  for (const level of ["big", "small"]) {
    const k = a.binSet.bins.findIndex((b) => b.label === level);
    const amounts = Array.from(rows).filter((r) => (t.columns.size as string[])[r] === level).map((r) => t.amount![r]);
    const mean = amounts.reduce((s, x) => s + x, 0) / amounts.length;
    // shrinkage of 30 pseudo-deals on ~300 deals moves a log effect of ±0.35 by about 10 %: within 5 % of the mean
    assert.ok(Math.abs((card.base * a.factors[k]) / mean - 1) < 0.05, `${level}: ${card.base * a.factors[k]} vs ${mean}`);
  }
  const none = fitAmountCard(t, rows, [{ name: "noise", attribute: "noise" }]);
  assert.deepEqual(none.attributes, []);
  assert.equal(none.cvR2, 0);
});

test("sample: the cards pick planted deal-size and retention drivers, and value tiers capture more holdout revenue than win tiers", async () => {
  const card = await sampleScorecard();
  assert.ok(!("reason" in card.value));
  const v = card.value as ValueModel;
  // Deal size in the generator: list price of the product × a seat count that grows with employees.
  const sizeDrivers = new Set(["product", "family", "list_price", "employees", "annual_revenue"]);
  const amountPicked = v.amount.attributes.map((a) => a.attribute);
  assert.ok(amountPicked.length > 0 && amountPicked.every((a) => sizeDrivers.has(a)), amountPicked.join(", "));
  assert.ok(amountPicked.some((a) => a === "employees" || a === "annual_revenue"), "company size drives deal size");
  assert.ok(amountPicked.some((a) => a === "product" || a === "list_price" || a === "family"), "the product's price drives deal size");
  // Retention: only attributes with a planted (or inherited) retention effect, none drawn independently.
  const truth = new Map(SAMPLE_GROUND_TRUTH.attributes.map((g) => [g.attribute, g]));
  const truthOf = (attribute: string) => truth.get(attribute) ?? truth.get(attribute.replace(/_(count|sum|active_days|days_since_last)_\d+d$/, ""));
  const retentionPicked = v.retention!.attributes.map((a) => a.attribute);
  assert.ok(retentionPicked.length > 0);
  for (const a of retentionPicked) {
    const g = truthOf(a);
    assert.ok(g && !g.independent && g.effectOnRetention !== "none", `${a} has no retention effect in the sample`);
  }
  // Censoring: customers not observed to the horizon are left out of the retention fit, not counted retained.
  assert.ok(v.retention!.leftOut.some((l) => /observed less than 365 days/.test(l.reason) && l.rows > 0));

  // Independently: score the holdout with the exported rules, rank by expected value and by points,
  // and bootstrap deals (not accounts, another seed) for the difference at the top tier's share.
  const t = await sampleTable();
  const scorer = createScorer(card.rules, { reasons: 0 });
  const test = Array.from(t.split.test);
  const scored = test.map((r) => scorer(leadRecord(t, r)));
  const ev = scored.map((s) => s.value!.expectedValue);
  const points = scored.map((s) => s.points);
  const won = test.map((r) => (t.won[r] ? t.amount![r] : 0));
  const share = v.capture[0].leadShare;
  const top = (score: number[], weights: number[]) => {
    // the best `share` of leads by score, ties shared in proportion, by a plain sort
    const order = score.map((_, i) => i).sort((a, b) => score[b] - score[a]);
    const total = weights.reduce((s, w, i) => s + w * won[i], 0);
    const want = share * weights.reduce((s, w) => s + w, 0);
    let taken = 0, held = 0;
    for (let i = 0; i < order.length && taken < want; ) {
      const lump = order.filter((j) => score[j] === score[order[i]]);
      const n = lump.reduce((s, j) => s + weights[j], 0);
      const part = Math.min(1, (want - taken) / n);
      taken += part * n;
      held += part * lump.reduce((s, j) => s + weights[j] * won[j], 0);
      i += lump.length;
    }
    return held / total;
  };
  const ones = test.map(() => 1);
  const diff = top(ev, ones) - top(points, ones);
  assert.ok(Math.abs(diff - v.capture[0].wonRevenue.diff.value) < 1e-9, `${diff} vs ${v.capture[0].wonRevenue.diff.value}`);
  const rand = seededRandom(2026);
  const diffs: number[] = [];
  for (let b = 0; b < 200; b++) {
    const w = test.map(() => 0);
    for (let k = 0; k < test.length; k++) w[Math.floor(rand() * test.length)]++;
    diffs.push(top(ev, w) - top(points, w));
  }
  diffs.sort((a, b) => a - b);
  const lo = diffs[Math.floor(0.025 * diffs.length)];
  assert.ok(lo > 0, `the value tiers' gain in won revenue: bootstrap 2.5 % point ${lo}`);
  assert.ok(v.capture[0].wonRevenue.diff.lo > 0 && v.capture[0].retainedRevenue!.diff.lo > 0, "the library's intervals agree: above 0 for won and retained revenue");
  // The value tiers are cut at the top tier's share of leads, and each tier's shares add up.
  assert.ok(Math.abs(v.tiers.value.reduce((s, x) => s + x.shareOfWonRevenue, 0) - 1) < 1e-9);
  assert.equal(v.tiers.value.reduce((s, x) => s + x.n, 0), test.length);
});

test("no signal anywhere: every lead has the same expected value, so no value tiers are cut, and the reason says so", () => {
  // outcome, amount and the one attribute drawn independently: nothing predicts wins or size
  const rand = seededRandom(11);
  const n = 1200;
  const colour = Array.from({ length: n }, () => ["red", "green", "blue"][Math.floor(rand() * 3)]);
  const won = Uint8Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0));
  const amount = Float64Array.from({ length: n }, () => 1000 + Math.floor(rand() * 9000));
  const table = new DealTable({
    name: "noise", ids: colour.map((_, i) => `D${i}`), won, amount,
    attributes: [{ name: "colour", type: "categorical", role: "firmographic", source: "spec", table: "deals" }], columns: { colour },
    holdout: { by: "random", fraction: 0.25, seed: 1 },
  });
  const card = tuneScorecard(table);
  assert.equal(card.rules.attributes.length, 0, card.verdict);
  assert.ok("reason" in card.value, "no value model");
  assert.match((card.value as { reason: string }).reason, /^every training lead has the same expected value: no attribute predicts the win chance, the amount or retention/);
  assert.equal(card.rules.value, undefined);
  assert.ok(card.warnings.some((w) => w.startsWith("expected value: not fitted: every training lead has the same expected value")));
});

test("no expected value when the won deals' amounts are 0 or less: the reason counts them, not 'no amount'", () => {
  const rand = seededRandom(4);
  const n = 1200;
  const tier = Array.from({ length: n }, () => (rand() < 0.5 ? "high" : "low"));
  const won = Uint8Array.from(tier, (t) => (rand() < (t === "high" ? 0.5 : 0.2) ? 1 : 0));
  const closedAt = Float64Array.from({ length: n }, (_, i) => Date.UTC(2025, 0, 1) + i * 43_200_000);
  const table = new DealTable({
    name: "zero amounts", ids: Array.from({ length: n }, (_, i) => `D${i}`), won,
    attributes: [{ name: "tier", type: "categorical", role: "firmographic", source: "spec", table: "deals" }],
    columns: { tier }, closedAt, amount: Float64Array.from({ length: n }, (_, i) => (i % 2 ? 0 : -50)),
    holdout: { by: "time", lastDays: 120 },
  });
  const card = tuneScorecard(table);
  const wonTrain = Array.from(table.split.train).filter((r) => won[r] === 1).length;
  assert.deepEqual(card.value, { reason: `0 won training deals have a positive amount (${wonTrain} have an amount of 0 or less); the expected value needs at least 30` });
});

test("sample: the amount and retention cards fitted on a side thread give the same rules and value model, to the byte", async () => {
  const here = await sampleScorecard(); // the sample is too small for a side thread by default
  const beside = tuneScorecard(await sampleTable(), { sideThread: true });
  assert.equal(beside.toYAML(), here.toYAML());
  assert.equal(JSON.stringify(beside.value), JSON.stringify(here.value));
  // The retention drivers' attributes with their survival curves too, which cross from the worker
  // packed (the value's JSON leaves them out), each key in its place.
  const attributes = (card: typeof here) => ("reason" in card.value ? [] : card.value.retention!.drivers.attributes);
  assert.ok(attributes(here).some((a) => a.survival !== undefined && a.survival[0].curve.length > 10));
  assert.equal(JSON.stringify(attributes(beside)), JSON.stringify(attributes(here)));
});

test("compareCapture: chunks of the bootstrap another thread took but did not give back (it failed) are drawn here, the same numbers", () => {
  const input = { valueScore: [4, 3, 2, 1, 5], winScore: [1, 2, 3, 4, 0], wonRevenue: [50, 30, 20, 0, 10], clusters: [0, 0, 1, -1, 2], shares: [0.4], replicates: 230, seed: 3 };
  const taken = new Int32Array(1);
  taken[0] = 2; // chunks 0 and 1 went elsewhere, and nothing came back
  assert.equal(JSON.stringify(compareCapture(input, { taken, chunks: () => [] })), JSON.stringify(compareCapture(input)));
  // Chunks given back out of order, with one (the last, 30 replicates) missing.
  const there = captureChunksTaken(input, Object.assign(new Int32Array(1), { 0: 1 })).filter(([k]) => k !== 4).reverse();
  assert.equal(JSON.stringify(compareCapture(input, { taken: Object.assign(new Int32Array(1), { 0: 99 }), chunks: () => there })), JSON.stringify(compareCapture(input)));
});
