import assert from "node:assert/strict";
import { test } from "node:test";
import { spearmanCorrelation } from "../../src/stats/spearman";

// Reference values: /usr/bin/python3 -c "from scipy.stats import spearmanr; print(repr(spearmanr([1,2,3,4,5],[5,6,7,8,7]).statistic), repr(spearmanr([10,20,20,40,50,60],[3,1,2,2,9,8]).statistic))"
// → 0.8207826816681233 0.5441176470588235 (scipy 1.17.1)

test("spearmanCorrelation matches scipy's spearmanr, ties included", () => {
  assert.equal(spearmanCorrelation([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 0.8207826816681233);
  assert.ok(Math.abs(spearmanCorrelation([10, 20, 20, 40, 50, 60], [3, 1, 2, 2, 9, 8]) - 0.5441176470588235) < 1e-15);
});

test("spearmanCorrelation: a monotone transform is ±1, NaN pairs are left out, too few pairs or a constant side give NaN", () => {
  const x = [3, 1, 4, 1.5, 9, 2.6];
  assert.equal(spearmanCorrelation(x, x.map((v) => 12 * v)), 1); // ARR = 12 × MRR
  assert.equal(spearmanCorrelation(x, x.map((v) => Math.exp(-v))), -1);
  assert.equal(spearmanCorrelation([1, NaN, 2, 3], [10, 0, 20, 30]), 1);
  assert.ok(Number.isNaN(spearmanCorrelation([1], [2])));
  assert.ok(Number.isNaN(spearmanCorrelation([1, 2, 3], [5, 5, 5])));
  assert.throws(() => spearmanCorrelation([1, 2], [1]), /same length; got 2 and 1/);
});
