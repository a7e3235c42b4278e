import assert from "node:assert/strict";
import { test } from "node:test";
import { compareAuc } from "../../src/model/auc";
import { verdictSection } from "../../src/report/report-sections";
import { tuneScorecard } from "../../src/scoring/tune-scorecard";
import { verdictProblems } from "../../src/scoring/verdict-checks";
import type { Tier } from "../../src/scoring/choose-tiers";
import { seededRandom } from "../../src/stats/random";
import { wilsonInterval } from "../../src/stats/wilson";
import { syntheticDeals } from "./synthetic-deals";
import { parseScoringRules, readScoringRules } from "../../src/scoring/parse-scoring-rules";
import { diffRules, formatRulesDiff } from "../../src/scoring/diff-rules";

const sampleRules = () => readScoringRules("rules/sample/scoring.yaml");

/**
 * 6000 deals, the newest 1000 held out. `stable` raises the log-odds by 1.4 in every period;
 * `flip` raises them by 0.9 while the card is trained and lowers them by 0.9 in the holdout
 * period: a card with both is beaten on the holdout by `stable` alone.
 */
function drifting() {
  const rand = seededRandom(21);
  const n = 6000;
  const stable: string[] = [], flip: string[] = [], won = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    stable.push(rand() < 0.5 ? "high" : "low");
    flip.push(rand() < 0.5 ? "on" : "off");
    const z = -1.1 + (stable[i] === "high" ? 1.4 : 0) + (flip[i] === "on" ? (i < 5000 ? 0.9 : -0.9) : 0);
    won[i] = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return syntheticDeals(won, { stable: { type: "categorical", values: stable }, flip: { type: "categorical", values: flip } }, 500);
}

test("not usable when the best single attribute beats the card significantly on the holdout; the CLI line, summary and report say so", () => {
  const card = tuneScorecard(drifting());
  assert.deepEqual(card.rules.attributes.map((a) => a.name).sort(), ["flip", "stable"]);
  assert.ok(card.metrics.auc.lo > 0.5, "the card ranks above chance, so the old verdict would have said usable");
  const ref = card.references.find((r) => r.name === "best single attribute (stable)")!;
  assert.ok(ref.vsScorecard!.diff < 0 && ref.vsScorecard!.p < 0.05, JSON.stringify(ref));
  assert.equal(card.usable, false);
  assert.match(
    card.verdict,
    /^not usable: the reference "best single attribute \(stable\)" ranks the holdout better than the card \(AUC 0\.\d{3} against 0\.\d{3}, p [=<] [\d.]+\); the tiers are out of order on the holdout: tier \w wins \d+% \[\d+%–\d+%\] against \d+% \[\d+%–\d+%\] for tier A; holdout AUC /,
  );
  const summary = card.toSummary();
  assert.equal(summary.usable, false);
  assert.equal(summary.notUsableBecause.length, 2, "both checks fail on this drift: a reference beats the card and tier A is not the best tier");
  assert.equal(card.rules.metadata.verdict, card.verdict);
  const box = verdictSection(card);
  assert.match(box, /^<section id="verdict" class="verdict bad"><p class="headline">Not usable: /);
  assert.match(box, /the reference &quot;best single attribute \(stable\)&quot; ranks the holdout better than the card/);
});

test("a steady card stays usable with no problem listed", () => {
  const rand = seededRandom(3);
  const n = 4000;
  const stable = Array.from({ length: n }, () => (rand() < 0.5 ? "high" : "low"));
  const other = Array.from({ length: n }, () => (rand() < 0.5 ? "on" : "off"));
  const won = Uint8Array.from({ length: n }, (_, i) => (rand() < 1 / (1 + Math.exp(-(-1 + (stable[i] === "high" ? 1.2 : 0) + (other[i] === "on" ? 0.8 : 0)))) ? 1 : 0));
  const card = tuneScorecard(syntheticDeals(won, { stable: { type: "categorical", values: stable }, other: { type: "categorical", values: other } }, 400));
  assert.equal(card.usable, true, card.verdict);
  assert.deepEqual(card.notUsableBecause, []);
});

test("tiers out of order beyond their intervals make a card not usable; overlapping intervals do not", () => {
  const tier = (name: string, wins: number, n: number): Tier => {
    const w = wilsonInterval(wins, n);
    return { name, minPoints: 0, expectedWinRate: { value: w.rate, lo: w.lo, hi: w.hi }, shareOfLeads: 0.25, shareOfWins: 0.25, n };
  };
  // the telemarketing case: tier A won 23 %, tier D 71 %
  const inverted = [tier("A", 23, 100), tier("B", 40, 100), tier("C", 50, 100), tier("D", 71, 100)];
  assert.deepEqual(verdictProblems([], inverted), ["the tiers are out of order on the holdout: tier D wins 71% [61%–79%] against 23% [16%–32%] for tier A"]);
  // B below C by noise only (intervals overlap): in order as far as the data can tell
  assert.deepEqual(verdictProblems([], [tier("A", 60, 100), tier("B", 40, 100), tier("C", 45, 100), tier("D", 20, 100)]), []);
  // an empty tier is not compared
  assert.deepEqual(verdictProblems([], [tier("A", 60, 100), tier("B", 0, 0), tier("C", 20, 100)]), []);
  // a reference: the sign convention is card minus reference, as compareAuc(card, reference)
  const y = Uint8Array.from([0, 0, 1, 1, 0, 1, 0, 1, 1, 0]);
  const c = compareAuc([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, 1, 5, 6, 2, 7, 3, 8, 9, 4], y);
  assert.ok(c.diff < 0);
  const ref = { name: "previous rules", auc: { auc: c.aucB, lo: 0, hi: 1 }, vsScorecard: { diff: c.diff, lo: c.lo, hi: c.hi, p: c.p } };
  assert.equal(verdictProblems([ref], []).length, c.p < 0.05 ? 1 : 0);
  assert.deepEqual(verdictProblems([{ ...ref, vsScorecard: { diff: -0.1, lo: -0.2, hi: -0.01, p: 0.01 } }], []), [
    `the reference "previous rules" ranks the holdout better than the card (AUC ${c.aucB.toFixed(3)} against ${(c.aucB - 0.1).toFixed(3)}, p = 0.0100)`,
  ]);
});

test("a holdout without wins measures no AUC: the rules file says null, not 0, it reads back, and the diff says so", () => {
  // 2000 deals with a real effect, every win before the newest 180 days: the holdout has no win.
  const rand = seededRandom(5);
  const tier: string[] = [];
  const won = Uint8Array.from({ length: 2000 }, (_, i) => {
    tier.push(rand() < 0.5 ? "high" : "low");
    return i < 1600 && rand() < (tier[i] === "high" ? 0.5 : 0.15) ? 1 : 0;
  });
  const card = tuneScorecard(syntheticDeals(won, { tier: { type: "categorical", values: tier } }));
  assert.equal(card.verdict, "cannot validate: the holdout has no wins or no losses");
  const m = card.rules.metadata;
  assert.deepEqual(m.metrics.auc, { value: null, lo: null, hi: null });
  assert.equal(m.metrics.ks, null);
  assert.equal(m.metrics.baseRate, 0, "the holdout's win rate is measured: none of its deals won");
  assert.deepEqual([m.rounding?.aucExact, m.rounding?.aucRounded, m.rounding?.cost], [null, null, null]);
  const read = parseScoringRules(card.toYAML());
  assert.deepEqual(read.metadata.metrics.auc, { value: null, lo: null, hi: null });
  assert.match(formatRulesDiff(diffRules(read, sampleRules())), /^holdout AUC not measured → 0\.\d{3}$/m);
});

test("a training part without wins, losses or deals is refused with the holdout it came from and the fix, not a crash in the folds", () => {
  const tier = Array.from({ length: 400 }, (_, i) => (i % 2 ? "high" : "low"));
  const won = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 1 : 0));
  assert.throws(
    () => tuneScorecard(syntheticDeals(won, { tier: { type: "categorical", values: tier } }, 1000)),
    {
      message:
        "tune: the training part has 0 won and 0 lost deals (time holdout: the 400 deals dated after 2022-10-23 (the last 1000 days up to 2025-07-19) are the test part; the 0 older deals train); a scorecard is fitted on both. Fix: hold out fewer days (a shorter holdout.last_days in dataset.yaml), or ask for a random holdout: holdout: { by: random, fraction: 0.25 }",
    },
  );
  const lateWins = Uint8Array.from({ length: 400 }, (_, i) => (i >= 350 && i % 2 === 0 ? 1 : 0));
  assert.throws(() => tuneScorecard(syntheticDeals(lateWins, { tier: { type: "categorical", values: tier } }, 30)), /^Error: tune: the training part has 0 won and 340 lost deals \(time holdout: /);
});
