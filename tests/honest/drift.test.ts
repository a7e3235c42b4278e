import assert from "node:assert/strict";
import { test } from "node:test";
import { timeOrderedFolds } from "../../src/model/time-ordered-folds";
import { attributeDrift } from "../../src/scoring/period-drift";
import { tuneScorecard } from "../../src/scoring/tune-scorecard";
import { seededRandom } from "../../src/stats/random";
import { syntheticDeals } from "./synthetic-deals";

/**
 * 6000 deals in time order, the newest 1000 held out (training periods of 1250 deals each).
 * `stable` adds 1.2 to the log-odds throughout; `drifting` adds 1.2 in the first two training
 * periods and −0.8 from then on (holdout included): over the whole training part it still looks
 * like a positive driver; `fading` adds 1.5 in the first period, falling linearly to 0 at the end
 * of training.
 */
function planted() {
  const rand = seededRandom(8);
  const n = 6000;
  const cols = { stable: [] as string[], drifting: [] as string[], fading: [] as string[] };
  const won = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (const c of Object.values(cols)) c.push(rand() < 0.5 ? "yes" : "no");
    const fade = Math.max(0, 1.5 * (1 - i / 5000));
    const z = -1.2 + (cols.stable[i] === "yes" ? 1.2 : 0) + (cols.drifting[i] === "yes" ? (i < 2500 ? 1.2 : -0.8) : 0) + (cols.fading[i] === "yes" ? fade : 0);
    won[i] = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return syntheticDeals(won, Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, { type: "categorical" as const, values: v }])), 500);
}

test("time-ordered folds fit on earlier periods and validate on the next", () => {
  const { folds, period } = timeOrderedFolds(Float64Array.from([40, 10, 30, NaN, 20, 50, 60, 70]), 3);
  // 7 dated rows in time order 1, 4, 2, 0, 5, 6, 7; the k-th goes to period ⌊3k / 7⌋
  assert.deepEqual(Array.from(period), [1, 0, 0, -1, 0, 1, 2, 2]);
  assert.deepEqual(folds.map((f) => [Array.from(f.train), Array.from(f.test)]), [
    [[1, 2, 4], [0, 5]],
    [[0, 1, 2, 4, 5], [6, 7]],
  ]);
  assert.throws(() => timeOrderedFolds([1, 2], 1), /periods must be an integer ≥ 2; got 1/);
});

test("drifting and fading attributes are flagged and kept off the card; win rates by period are in the result", () => {
  const table = planted();
  const card = tuneScorecard(table);
  assert.equal(card.selectionFolds, "time-ordered");
  const by = (name: string) => card.drift.find((d) => d.name === name)!;
  const drifting = by("drifting");
  assert.equal(drifting.flag, "flips");
  assert.match(drifting.note!, /^its effect flips: in \d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d it ranks deals the wrong way \(AUC 0\.\d+ \[/);
  assert.equal(by("stable").flag, null);
  assert.equal(by("fading").flag, "fades");
  // the win rate of each bin in each period: four training periods and the holdout
  assert.equal(drifting.periods.length, 5);
  assert.equal(drifting.periods[4].holdout, true);
  const rate = (p: number, label: string) => drifting.periods[p].bins.find((b) => b.label === label)!.winRate!;
  assert.ok(rate(0, "yes") > rate(0, "no") + 0.15, "early, yes wins more");
  assert.ok(rate(3, "yes") < rate(3, "no") - 0.1, "late, yes wins less");
  assert.equal(drifting.periods.slice(0, 4).reduce((s, p) => s + p.n, 0), card.holdout.train);
  // the decision: off the card, with a warning; forcing it on costs holdout AUC
  assert.deepEqual(card.rules.attributes.map((a) => a.name), ["stable"], "the drifting and the fading attributes are penalised: off the card");
  assert.ok(card.warnings.some((w) => /^drifting: its effect flips: .*; set aside from the card$/.test(w)));
  const forced = tuneScorecard(table, { include: ["drifting"] });
  assert.ok(forced.rules.attributes.some((a) => a.name === "drifting"));
  assert.ok(card.metrics.auc.auc > forced.metrics.auc.auc + 0.02, `${card.metrics.auc.auc} vs ${forced.metrics.auc.auc} with the drifting attribute`);
  assert.deepEqual(card.toSummary().drift.map((d) => [d.name, d.flag]).sort(), [["drifting", "flips"], ["fading", "fades"], ["stable", null]]);
});

test("an attribute that flipped in one period but ranks the latest training period right is not flagged; the note says so", () => {
  // 4 periods of 400 deals; the attribute wins 70 % against 30 % except in the second period, where it is reversed.
  const n = 1600;
  const codes = Int32Array.from({ length: n }, (_, i) => i % 2);
  const woe = Float64Array.from(codes, (c) => (c ? 1 : -1));
  const won = Uint8Array.from({ length: n }, (_, i) => {
    const good = (i % 2 === 1) !== (i >= 400 && i < 800);
    return i % 10 < (good ? 7 : 3) ? 1 : 0;
  });
  const rows = (from: number) => Int32Array.from({ length: 400 }, (_, i) => from + i);
  const set = { name: "recovering", bins: [{ label: "no" }, { label: "yes" }] };
  const periods = [rows(0), rows(400), rows(800), rows(1200)];
  const d = attributeDrift(set as never, codes, woe, won, periods, ["p1", "p2", "p3", "p4"], false);
  assert.ok(d.periods[1].auc.hi < 0.5 && d.periods[3].auc.lo > 0.5);
  assert.equal(d.flag, null);
  assert.match(d.note!, /^its effect flipped in p2 \(AUC 0\.\d+ \[.*\]\) but it ranks the latest training period's deals the right way \(p4, AUC 0\.\d+ .*\): kept as a candidate$/);
  // Reversed in the latest period too: flagged.
  const late = Uint8Array.from({ length: n }, (_, i) => {
    const good = (i % 2 === 1) !== (i >= 1200);
    return i % 10 < (good ? 7 : 3) ? 1 : 0;
  });
  assert.equal(attributeDrift(set as never, codes, woe, late, periods, ["p1", "p2", "p3", "p4"], false).flag, "flips");
});

/**
 * 6000 deals in time order, the newest 1000 held out (training periods of 1250 deals each).
 * `steady` adds 0.8 to the log-odds throughout. `seasonal` adds 1.0 in the first training period,
 * −0.5 in the second, 2.5 in the last two and nothing in the holdout: like a calendar month under
 * a moving base rate, it is strongest lately and on average, but ranks one period the wrong way.
 */
function seasonalPlanted() {
  const rand = seededRandom(21);
  const n = 6000;
  const cols = { steady: [] as string[], seasonal: [] as string[] };
  const won = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (const c of Object.values(cols)) c.push(rand() < 0.5 ? "yes" : "no");
    const effect = i < 1250 ? 1.0 : i < 2500 ? -0.5 : i < 5000 ? 2.5 : 0;
    const z = -1 + (cols.steady[i] === "yes" ? 0.8 : 0) + (cols.seasonal[i] === "yes" ? effect : 0);
    won[i] = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return syntheticDeals(won, Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, { type: "categorical" as const, values: v }])), 500);
}

test("selection on time-ordered folds is judged by the worst fold: an attribute strong lately but wrong in one period stays off the card", () => {
  const table = seasonalPlanted();
  const card = tuneScorecard(table);
  const seasonal = card.drift.find((d) => d.name === "seasonal")!;
  // not set aside by the drift check (it ranks the latest training period right again): selection judges it
  assert.equal(seasonal.flag, null);
  assert.ok(seasonal.periods[1].auc.hi < 0.5 && seasonal.periods[3].auc.lo > 0.5);
  const first = card.selection[0];
  const cand = (name: string) => first.candidates.find((c) => c.feature === name)!;
  // on average over the folds it looks best; in its worst fold it ranks below chance
  assert.ok(cand("seasonal").cvAuc > cand("steady").cvAuc, `mean ${cand("seasonal").cvAuc} vs ${cand("steady").cvAuc}`);
  assert.ok(cand("seasonal").worstAuc < 0.5 && cand("steady").worstAuc > 0.55);
  assert.deepEqual(card.rules.attributes.map((a) => a.name), ["steady"]);
  // forcing it on costs holdout AUC (where its effect is gone)
  const forced = tuneScorecard(table, { include: ["seasonal"] });
  assert.ok(card.metrics.auc.auc > forced.metrics.auc.auc + 0.02, `${card.metrics.auc.auc} vs ${forced.metrics.auc.auc} with the seasonal attribute`);
});
