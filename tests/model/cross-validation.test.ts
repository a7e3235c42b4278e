import assert from "node:assert/strict";
import { test } from "node:test";
import { auc } from "../../src/model/auc";
import { chooseL2, crossValidatedAuc, forwardSelect, stratifiedKFold } from "../../src/model/cross-validation";
import { fitLogistic, predictLogit } from "../../src/model/logistic-regression";

/** Two informative columns of different strength, two pure-noise columns. */
function fixture(n: number, seed: number): { cols: Record<string, Float64Array>; y: Uint8Array } {
  let s = seed;
  const next = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const strong = new Float64Array(n);
  const weak = new Float64Array(n);
  const noise1 = new Float64Array(n);
  const noise2 = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    strong[i] = next() * 2 - 1;
    weak[i] = next() * 2 - 1;
    noise1[i] = next();
    noise2[i] = Math.floor(next() * 3);
    const eta = -0.3 + 2.5 * strong[i] + 0.8 * weak[i];
    y[i] = next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { cols: { noise1, weak, strong, noise2 }, y };
}

test("stratified folds partition the rows, balance sizes and wins, and depend only on the seed", () => {
  const { y } = fixture(203, 1);
  const wins = y.reduce((a, b) => a + b, 0);
  const folds = stratifiedKFold(y, { folds: 5, seed: 9 });
  assert.equal(folds.length, 5);
  const seen = new Uint8Array(y.length);
  for (const f of folds) {
    assert.equal(f.train.length + f.test.length, y.length);
    for (let k = 1; k < f.test.length; k++) assert.ok(f.test[k] > f.test[k - 1], "test ascending");
    for (let k = 1; k < f.train.length; k++) assert.ok(f.train[k] > f.train[k - 1], "train ascending");
    const inTest = new Set(f.test);
    for (const i of f.train) assert.ok(!inTest.has(i), "train and test disjoint");
    for (const i of f.test) seen[i]++;
  }
  assert.ok(seen.every((c) => c === 1), "every row is tested exactly once");
  const sizes = folds.map((f) => f.test.length);
  const foldWins = folds.map((f) => Array.from(f.test).reduce((a, i) => a + y[i], 0));
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes}`);
  assert.ok(Math.max(...foldWins) - Math.min(...foldWins) <= 1, `wins ${foldWins}`);
  assert.equal(foldWins.reduce((a, b) => a + b, 0), wins);
  assert.deepEqual(stratifiedKFold(y, { folds: 5, seed: 9 }), folds);
  assert.notDeepEqual(stratifiedKFold(y, { folds: 5, seed: 10 }), folds);
});

test("stratifiedKFold rejects a wrong fold count", () => {
  const y = Uint8Array.from([0, 1, 0]);
  assert.throws(() => stratifiedKFold(y, { folds: 1 }), /folds must be an integer ≥ 2/);
  assert.throws(() => stratifiedKFold(y, { folds: 4 }), /cannot exceed the number of rows \(3\)/);
});

test("crossValidatedAuc is the mean of the fold AUCs of fits on the other folds", () => {
  const { cols, y } = fixture(300, 2);
  const X = [cols.strong, cols.weak];
  const r = crossValidatedAuc(X, y, { folds: 4, seed: 5, l2: 0.5 });
  const manual = stratifiedKFold(y, { folds: 4, seed: 5 }).map((f) => {
    const model = fitLogistic(
      X.map((c) => Float64Array.from(f.train, (i) => c[i])),
      Uint8Array.from(f.train, (i) => y[i]),
      { l2: 0.5 },
    );
    const logits = predictLogit(model, X.map((c) => Float64Array.from(f.test, (i) => c[i])));
    return auc(logits, Uint8Array.from(f.test, (i) => y[i]));
  });
  assert.deepEqual(r.foldAuc, manual);
  const mean = manual.reduce((a, b) => a + b, 0) / manual.length;
  assert.ok(Math.abs(r.meanAuc - mean) < 1e-15);
  const sd = Math.sqrt(manual.reduce((a, v) => a + (v - mean) ** 2, 0) / (manual.length - 1));
  assert.ok(Math.abs(r.sdAuc - sd) < 1e-15);
  assert.deepEqual(r.warnings, []);
});

test("a fold without wins is left out of the mean, with a warning", () => {
  const x = Float64Array.from({ length: 20 }, (_, i) => i);
  const y = new Uint8Array(20);
  y[3] = 1;
  y[15] = 1; // two wins, five folds: three folds have no wins
  const r = crossValidatedAuc([x], y, { folds: 5, seed: 1 });
  assert.equal(r.foldAuc.filter(Number.isNaN).length, 3);
  assert.ok(Number.isFinite(r.meanAuc));
  assert.ok(r.warnings.some((w) => /no wins or no losses in the test part/.test(w)), r.warnings.join("\n"));
});

test("chooseL2 takes the best mean CV AUC and, on a tie, the larger penalty", () => {
  const { cols, y } = fixture(400, 3);
  // One feature: every penalty ranks the rows alike, so every mean AUC ties and the largest wins.
  const single = chooseL2([cols.strong], y, [0, 10, 1, 100], { folds: 5, seed: 4 });
  assert.equal(single.l2, 100);
  assert.ok(single.results.every((r) => Math.abs(r.meanAuc - single.results[0].meanAuc) <= 1e-12));
  assert.deepEqual(
    single.results.map((r) => r.l2),
    [0, 10, 1, 100],
  );
  // Several features: the choice is the argmax of the reported results, each equal to crossValidatedAuc.
  const X = [cols.strong, cols.weak, cols.noise1, cols.noise2];
  const grid = [0, 3, 30, 300, 3000];
  const r = chooseL2(X, y, grid, { folds: 5, seed: 4 });
  const best = Math.max(...r.results.map((t) => t.meanAuc));
  assert.equal(r.meanAuc, best);
  assert.equal(r.results.find((t) => t.l2 === r.l2)?.meanAuc, best);
  for (const t of r.results) {
    assert.ok(Math.abs(t.meanAuc - crossValidatedAuc(X, y, { folds: 5, seed: 4, l2: t.l2 }).meanAuc) < 1e-12);
  }
  assert.throws(() => chooseL2(X, y, []), /grid must be a non-empty array/);
  assert.throws(() => chooseL2(X, y, [1, -1]), /every penalty in grid must be a finite number ≥ 0; got -1/);
});

test("forwardSelect finds the signal in order, stops on the gain rule, and reports each step", () => {
  const { cols, y } = fixture(600, 4);
  const r = forwardSelect(cols, y, { folds: 5, seed: 1, minGain: 0.002 });
  assert.deepEqual(r.selected.slice(0, 2), ["strong", "weak"]);
  assert.ok(!r.selected.includes("noise1") || !r.selected.includes("noise2"));
  assert.equal(r.stopReason, r.selected.length === 4 ? "exhausted" : "minGain");
  assert.equal(r.steps.length, r.selected.length);
  assert.ok(Math.abs(r.steps[0].gain - (r.steps[0].cvAuc - 0.5)) < 1e-15);
  for (let k = 1; k < r.steps.length; k++) {
    assert.ok(Math.abs(r.steps[k].gain - (r.steps[k].cvAuc - r.steps[k - 1].cvAuc)) < 1e-15);
    assert.ok(r.steps[k].gain >= 0.002);
  }
  if (r.rejected) assert.ok(r.rejected.gain < 0.002);
  // Each step's AUC is the CV AUC of the model with the features selected so far.
  const first = crossValidatedAuc([cols.strong], y, { folds: 5, seed: 1 });
  assert.equal(r.steps[0].cvAuc, first.meanAuc);
  assert.equal(r.steps[0].candidates[0].feature, "strong");
  assert.equal(r.steps[0].candidates.length, 4);
  // Same seed, same answer.
  assert.deepEqual(forwardSelect(cols, y, { folds: 5, seed: 1, minGain: 0.002 }), r);
});

test("forwardSelect honours maxFeatures and names array columns by position", () => {
  const { cols, y } = fixture(300, 5);
  const r = forwardSelect([cols.noise1, cols.strong], y, { folds: 3, seed: 2, maxFeatures: 1 });
  assert.deepEqual(r.selected, ["1"]);
  assert.equal(r.stopReason, "maxFeatures");
});

test("forwardSelect by the worst fold prefers the attribute that helps in every fold to the one with the higher mean", () => {
  // Rows 0–7 are fitted on (both features rank wins higher there); rows 8–15 and 16–23 are the two validation folds,
  // 4 wins then 4 losses each. `bursty` is constant in the first (AUC 0.5) and ranks the second perfectly (AUC 1):
  // mean 0.75. `steady` ranks both 8, 6, 4, 2 above 7, 5, 3, 1: 10 of 16 pairs, AUC 0.625 in each fold.
  const y = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0]);
  const fit = [4, 3, 2, 1, 3, 2, 1, 0];
  const bursty = Float64Array.from([...fit, 1, 1, 1, 1, 1, 1, 1, 1, 8, 7, 6, 5, 4, 3, 2, 1]);
  const steady = Float64Array.from([...fit, 8, 6, 4, 2, 7, 5, 3, 1, 8, 6, 4, 2, 7, 5, 3, 1]);
  const range = (from: number) => Uint32Array.from({ length: 8 }, (_, i) => from + i);
  const foldList = [{ train: range(0), test: range(8) }, { train: range(0), test: range(16) }];
  const mean = forwardSelect({ bursty, steady }, y, { foldList, l2: 1, maxFeatures: 1 });
  assert.equal(mean.criterion, "mean");
  assert.deepEqual(mean.selected, ["bursty"]);
  assert.deepEqual(mean.steps[0].candidates, [{ feature: "bursty", cvAuc: 0.75, worstAuc: 0.5 }, { feature: "steady", cvAuc: 0.625, worstAuc: 0.625 }]);
  const worst = forwardSelect({ bursty, steady }, y, { foldList, l2: 1, maxFeatures: 1, criterion: "worst" });
  assert.deepEqual(worst.selected, ["steady"]);
  assert.equal(worst.steps[0].gain, 0.125, "the gain is the worst fold's AUC over 0.5");
  assert.deepEqual(worst.steps[0].candidates.map((c) => c.feature), ["steady", "bursty"]);
  assert.throws(() => forwardSelect({ steady }, y, { criterion: "median" as never }), /forwardSelect: criterion must be "mean" or "worst"; got median/);
});

test("on pure noise forwardSelect selects nothing and says so", () => {
  const n = 300;
  let s = 77;
  const next = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const a = Float64Array.from({ length: n }, next);
  const b = Float64Array.from({ length: n }, next);
  const y = Uint8Array.from({ length: n }, () => (next() < 0.4 ? 1 : 0));
  const r = forwardSelect({ a, b }, y, { folds: 5, seed: 3, minGain: 0.05 });
  assert.deepEqual(r.selected, []);
  assert.equal(r.stopReason, "minGain");
  assert.ok(r.warnings.some((w) => /nothing here predicts wins/.test(w)), r.warnings.join("\n"));
});

test("cross-validation does not change its inputs", () => {
  const { cols, y } = fixture(150, 6);
  const copies = Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, Float64Array.from(v)]));
  const y0 = Uint8Array.from(y);
  const grid = Object.freeze([0, 1, 10]) as readonly number[];
  chooseL2([cols.strong, cols.weak], y, grid, { folds: 3 });
  forwardSelect(cols, y, { folds: 3, maxFeatures: 2 });
  crossValidatedAuc([cols.weak], y, { folds: 3 });
  for (const [k, v] of Object.entries(cols)) assert.deepEqual(v, copies[k]);
  assert.deepEqual(y, y0);
  assert.deepEqual(grid, [0, 1, 10]);
});

test("forwardSelect by the worst fold sets aside a candidate at a fold below the best worst fold found, and chooses as trying every fold would", () => {
  // Eight seeded columns of graded signal on 600 rows, three time-ordered folds (fit on the rows before, validate on the next 150).
  let s = 11;
  const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
  const n = 600;
  const latent = Float64Array.from({ length: n }, () => next() * 2 - 1);
  const y = Uint8Array.from(latent, (z) => (z + 0.8 * (next() * 2 - 1) > 0 ? 1 : 0));
  const cols = Array.from({ length: 8 }, (_, j) => Float64Array.from(latent, (z) => Math.round((z * (8 - j)) / 8 + (next() * 2 - 1) * (0.3 + j / 4))));
  const range = (from: number, to: number) => Uint32Array.from({ length: to - from }, (_, i) => from + i);
  const foldList = [150, 300, 450].map((cut) => ({ train: range(0, cut), test: range(cut, cut + 150) }));
  const r = forwardSelect(cols, y, { foldList, l2: 1, maxFeatures: 3, criterion: "worst" });
  assert.equal(r.steps.length, 3);
  let setAside = 0;
  const chosen: number[] = [];
  for (const step of r.steps) {
    // Every candidate's worst fold, each fold fitted (from scratch), as an exhaustive search would.
    const exact = new Map(
      step.candidates.map((c) => {
        const folds = crossValidatedAuc([...chosen, Number(c.feature)].map((j) => cols[j]), y, { foldList, l2: 1 }).foldAuc;
        return [c.feature, Math.min(...folds)] as const;
      }),
    );
    const best = Math.max(...exact.values());
    assert.ok(Math.abs(exact.get(step.feature)! - best) < 1e-9, `step ${chosen.length + 1}: ${step.feature} has the best worst fold`);
    assert.ok(Math.abs(step.worstAuc - exact.get(step.feature)!) < 1e-9);
    for (const c of step.candidates.filter((x) => x.setAside)) {
      setAside++;
      assert.ok(Number.isNaN(c.cvAuc));
      assert.ok(exact.get(c.feature)! <= c.worstAuc + 1e-9, `${c.feature}: its worst fold is at most the fold that set it aside`);
      assert.ok(c.worstAuc < step.worstAuc, `${c.feature}: set aside below the chosen one's worst fold`);
    }
    chosen.push(Number(step.feature));
  }
  assert.ok(setAside >= 5, `candidates set aside: ${setAside}`);
});
