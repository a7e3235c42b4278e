import assert from "node:assert/strict";
import { test } from "node:test";
import { binEvidence } from "../../src/scoring/bin-evidence";
import { tuneScorecard } from "../../src/scoring/tune-scorecard";
import { binCategorical } from "../../src/stats/binning/categorical";
import { seededRandom } from "../../src/stats/random";
import { credibleWoe, CREDIBILITY_DEALS } from "../../src/stats/woe";
import { pick, syntheticDeals } from "./synthetic-deals";

test("credible WOE: a pure bin is finite, small bins shrink toward 0, large bins keep their classic WOE", () => {
  // Hand-computed: p = 0.5, k = 30. Three deals, no win: r = 15 / 33, logit r = ln(15/18).
  assert.ok(Math.abs(credibleWoe(0, 3, 500, 500) - Math.log(15 / 18)) < 1e-12);
  // 3000 deals at a 75 % rate against p = 0.5: r = 2265 / 3030, within 0.015 of the classic ln 3.
  assert.ok(Math.abs(credibleWoe(2250, 3000, 5000, 5000) - Math.log(2265 / 765)) < 1e-12);
  assert.ok(Math.abs(Math.log(2265 / 765) - Math.log(3)) < 0.015);
  // Shrinkage grows as the bin shrinks, for the same rate.
  const woe = [3, 30, 300, 3000].map((n) => credibleWoe(0, n, 5000, 5000));
  for (let i = 1; i < woe.length; i++) assert.ok(woe[i] < woe[i - 1]);
  assert.equal(credibleWoe(0, 0, 10, 10), 0);
  assert.equal(CREDIBILITY_DEALS, 30);
});

test("binning allows a pure level its own bin", () => {
  const x = [...Array(200).fill("a"), ...Array(200).fill("b"), ...Array(200).fill("c")];
  const y = x.map((v, i) => (v === "a" ? 0 : v === "b" ? 1 : i % 2));
  const set = binCategorical(x, y, { name: "plan" });
  assert.deepEqual(set.bins.map((b) => [b.label, b.rate]), [["a", 0], ["c", 0.5], ["b", 1], ["missing", NaN]]);
  assert.ok(Number.isFinite(set.iv) && set.iv > 3, `IV ${set.iv}`);
});

/**
 * 4000 deals: `tier` is a real driver (levels gold / silver / bronze, 60 / 45 / 25 %) and carries
 * a three-deal level "trial" with no win (its "other" bin); `budget` is missing for a third of
 * the deals, and those win 75 % of the time (informative missingness, upward) or 10 % of the time
 * (downward), against 40 % when known.
 */
function planted(missingRate: number) {
  const rand = seededRandom(5);
  const n = 4000;
  const tier: string[] = [], budget = new Float64Array(n), won = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    tier.push(i % 1000 === 17 && i < 3000 ? "trial" : pick(rand(), ["gold", "silver", "bronze"], [0.3, 0.4, 0.3]));
    const missing = rand() < 1 / 3;
    budget[i] = missing ? NaN : Math.round(rand() * 100);
    const p = tier[i] === "trial" ? 0 : missing ? missingRate : (tier[i] === "gold" ? 0.6 : tier[i] === "silver" ? 0.45 : 0.25) * (0.6 + 0.8 * (budget[i] / 100));
    won[i] = rand() < p ? 1 : 0;
  }
  return syntheticDeals(won, { tier: { type: "categorical", values: tier }, budget: { type: "numeric", values: budget } }, 500);
}

test("a three-deal bin with no win earns near 0 points, not full points", () => {
  const card = tuneScorecard(planted(0.4), { include: ["tier"] });
  const tier = card.rules.attributes.find((a) => a.name === "tier")!;
  const trial = tier.bins.find((b) => b.when.kind === "other")!;
  const bronze = tier.bins.find((b) => b.label === "bronze")!;
  assert.equal(trial.trainDeals, 3);
  const set = card.drivers.attributes.find((a) => a.name === "tier")!.binSet;
  const other = set.bins.find((b) => b.rule.kind === "other")!;
  assert.equal(other.events, 0);
  // Points are proportional to the bin's evidence: the trial bin's share of bronze's points is
  // the ratio of their credible WOEs (hand formula), and a small fraction of its uncredited WOE.
  const evidence = binEvidence(set, "neutral");
  const k = set.bins.indexOf(other), kb = set.bins.findIndex((b) => b.label === "bronze");
  assert.ok(Math.abs(trial.points - (bronze.points * evidence[k]) / evidence[kb]) <= 1, `trial ${trial.points}, bronze ${bronze.points}`);
  const full = (bronze.points * other.woe) / evidence[kb];
  assert.ok(Math.abs(trial.points) <= 0.15 * Math.abs(full), `trial ${trial.points} against ${full.toFixed(1)} at full credibility`);
  assert.ok(Math.abs(trial.points) <= 5 && Math.abs(bronze.points) >= 10, `trial ${trial.points}, bronze ${bronze.points}`);
});

test("a missing bin earns at most 0 points unless declared informative; the rationale says which", () => {
  for (const [rate, direction] of [[0.75, "up"], [0.1, "down"]] as const) {
    const table = planted(rate);
    const neutral = tuneScorecard(table, { include: ["budget"] }).rules.attributes.find((a) => a.name === "budget")!;
    const informative = tuneScorecard(table, { include: ["budget"], informativeMissing: ["budget"] }).rules.attributes.find((a) => a.name === "budget")!;
    const missingPoints = (a: typeof neutral) => a.bins.find((b) => b.when.kind === "missing")!.points;
    assert.match(neutral.rationale, /missing counts as neutral \(at most 0 points\)$/);
    assert.match(informative.rationale, /missing is informative \(declared in dataset\.yaml\) and earns its own points$/);
    if (direction === "up") {
      assert.equal(missingPoints(neutral), 0, "a blank budget earns nothing by default");
      assert.ok(missingPoints(informative) > 10, `declared informative, it earns its points: ${missingPoints(informative)}`);
    } else {
      assert.ok(missingPoints(neutral) < -10, `a missing bin may still cost points: ${missingPoints(neutral)}`);
      assert.ok(Math.abs(missingPoints(informative) - missingPoints(neutral)) <= 3, "downward, both treatments agree");
    }
    const best = Math.max(...neutral.bins.map((b) => b.points));
    assert.ok(best > 0);
  }
});
