import assert from "node:assert/strict";
import { test } from "node:test";
import { auc } from "../../src/model/auc";
import { stratifiedKFold } from "../../src/model/cross-validation";
import { binEvidence } from "../../src/scoring/bin-evidence";
import { chooseFinerBins, FINER_MIN_GAIN, outOfFoldAuc, type Binning } from "../../src/scoring/finer-bins";
import { assignBins } from "../../src/stats/binning/assign-bin";
import { binColumn } from "../../src/stats/binning/bin-column";
import type { BinSet } from "../../src/stats/binning/bin";
import { seededRandom } from "../../src/stats/random";

/** A bin set of categories: one bin per group of levels, then the missing bin. */
function setOf(groups: number[][]): BinSet {
  const bins = [...groups.map((g) => ({ rule: { kind: "set", values: g.map(String) }, label: g.join(", ") })), { rule: { kind: "missing" }, label: "missing" }];
  return { bins } as unknown as BinSet;
}

/** 4000 deals, ten levels of one attribute dealt in turn, each deal won with its level's probability. */
function planted(rate: (level: number) => number, seed: number) {
  const rand = seededRandom(seed);
  const level = Int32Array.from({ length: 4000 }, (_, i) => i % 10);
  const y = Uint8Array.from(level, (l) => (rand() < rate(l) ? 1 : 0));
  return { level, y, folds: stratifiedKFold(y, { folds: 5, seed: 3 }) };
}

test("out-of-fold AUC counts each fold's evidence on its fitting rows only, and takes the mean or the worst fold", () => {
  const set = setOf([[0], [1]]);
  const codes = Int32Array.from([0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1]);
  const y = Uint8Array.from([0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1]);
  const folds = [
    { train: Uint32Array.from([0, 1, 2, 3, 4, 5]), test: Uint32Array.from([6, 7, 8, 9, 10, 11]) },
    { train: Uint32Array.from([6, 7, 8, 9, 10, 11]), test: Uint32Array.from([0, 1, 2, 3, 4, 5]) },
  ];
  // by hand, fold by fold: the evidence of each bin counted on the fitting rows, the validation rows ranked by it
  const foldAuc = folds.map((f) => {
    const count = (k: number) => [...f.train].filter((i) => codes[i] === k);
    const bins = [0, 1].map((k) => ({ rule: { kind: "set" }, n: count(k).length, events: count(k).filter((i) => y[i]).length }));
    const wins = [...f.train].filter((i) => y[i]).length;
    const ev = binEvidence({ bins, events: wins, nonEvents: f.train.length - wins } as never, "neutral");
    return auc(Float64Array.from(f.test, (i) => ev[codes[i]]), Uint8Array.from(f.test, (i) => y[i]));
  });
  // fold 1: bin 1 wins 3 of 3 and bin 0 1 of 3, so bin 1 ranks above; wins 8 (1), 9 (0), 11 (1) against losses 6 (0), 7 (1), 10 (0): 6 of 9 pairs
  assert.ok(Math.abs(foldAuc[0] - 6 / 9) < 1e-12, String(foldAuc[0]));
  assert.equal(outOfFoldAuc(set, codes, y, folds, "mean", "neutral"), (foldAuc[0] + foldAuc[1]) / 2);
  assert.equal(outOfFoldAuc(set, codes, y, folds, "worst", "neutral"), Math.min(...foldAuc));
});

test("finer bins are kept when each level has its own win rate, not when two groups tell it all", () => {
  const coarse3 = setOf([[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  const finer = setOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((l) => [l]));
  // Ten win rates from 5 % to 86 %: three bins lose ranking inside each bin
  const graded = planted((l) => 0.05 + 0.09 * l, 11);
  const coarseCodes = Int32Array.from(graded.level, (l) => (l < 4 ? 0 : l < 7 ? 1 : 2));
  const kept = chooseFinerBins({ set: coarse3, codes: coarseCodes }, { set: finer, codes: graded.level }, graded.y, graded.folds, "mean", "neutral");
  assert.equal(kept.binSet, finer);
  const gain = outOfFoldAuc(finer, graded.level, graded.y, graded.folds, "mean", "neutral") - outOfFoldAuc(coarse3, coarseCodes, graded.y, graded.folds, "mean", "neutral");
  assert.ok(gain > FINER_MIN_GAIN, String(gain));
  assert.match(kept.note!, /^finer bins \(10 instead of 3\): out-of-fold AUC 0\.\d{3} vs 0\.\d{3} on the training part$/);
  // Levels 0–4 win 20 %, 5–9 win 50 %: ten bins only add noise
  const twoGroups = planted((l) => (l < 5 ? 0.2 : 0.5), 12);
  const coarse2 = setOf([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]);
  const halves = Int32Array.from(twoGroups.level, (l) => (l < 5 ? 0 : 1));
  const left = chooseFinerBins({ set: coarse2, codes: halves }, { set: finer, codes: twoGroups.level }, twoGroups.y, twoGroups.folds, "mean", "neutral");
  assert.equal(left.binSet, coarse2);
  assert.equal(left.note, null);
});

test("bins grouped by win rate on all the rows flatter their folds; made again on each fold's fitting rows, noise is not kept", () => {
  // 40 levels of one attribute, every deal won with the same 30 %: nothing to find.
  const rand = seededRandom(5);
  const n = 3000;
  const level = Array.from({ length: n }, (_, i) => `L${i % 40}`);
  const y = Uint8Array.from(level, () => (rand() < 0.3 ? 1 : 0));
  const folds = stratifiedKFold(y, { folds: 5, seed: 3 });
  const all = Array.from({ length: n }, (_, i) => i);
  const made = (rows: ArrayLike<number>, options: object) =>
    binColumn(Array.from(rows, (i) => level[i]), "categorical", Uint8Array.from(rows, (i) => y[i]), { name: "page", ...options })[0];
  const binning = (options: object): Binning => {
    const set = made(all, options);
    return { set, codes: assignBins(set, level), on: (rows) => ({ set: made(rows, options), codes: assignBins(made(rows, options), level) }) };
  };
  // The coarse bins say nothing: the 40 levels in one group (then the empty other bin and missing).
  const coarse = binning({ maxBins: 1 });
  // Levels merged only where their rates are nearly equal (alpha 0.99): noise makes twelve groups.
  const finer = binning({ maxBins: 12, minBinSize: 30, alpha: 0.99 });
  assert.deepEqual([coarse.set.bins.length, finer.set.bins.length], [3, 13]);
  // Counted fold by fold but grouped on every row, the twelve groups look like signal…
  const flattered = chooseFinerBins({ set: coarse.set, codes: coarse.codes }, { set: finer.set, codes: finer.codes }, y, folds, "mean", "neutral");
  assert.equal(flattered.binSet, finer.set);
  assert.ok(outOfFoldAuc(finer.set, finer.codes, y, folds, "mean", "neutral") > 0.55);
  // …grouped again on each fold's fitting rows, they do not pay.
  const clean = chooseFinerBins(coarse, finer, y, folds, "mean", "neutral");
  assert.equal(clean.binSet, coarse.set);
  assert.equal(clean.note, null);
});
