import assert from "node:assert/strict";
import { test } from "node:test";
import { spearmanAgainst, spearmanCorrelation } from "../../src/stats/spearman";

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

test("spearmanAgainst ranks y once and gives spearmanCorrelation's number for every x, ties and NaN on either side", () => {
  // A seeded generator (mulberry32): values with many ties, −0 beside 0, and NaN on both sides.
  let a = 7;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const column = (n: number, distinct: number) => Array.from({ length: n }, () => (rnd() < 0.1 ? NaN : rnd() < 0.05 ? -0 : Math.floor(rnd() * distinct)));
  const y = column(500, 40);
  const against = spearmanAgainst(y);
  for (const distinct of [2, 7, 1000]) {
    const x = column(500, distinct);
    // The textbook computation: ranks of the kept pairs only, each side sorted on its own.
    const kept = x.flatMap((v, i) => (Number.isNaN(v) || Number.isNaN(y[i]) ? [] : [i]));
    const rank = (vs: number[]) => vs.map((v) => (vs.filter((w) => w < v).length + 1 + vs.filter((w) => w <= v).length) / 2);
    const rx = rank(kept.map((i) => x[i]));
    const ry = rank(kept.map((i) => y[i]));
    const m = (kept.length + 1) / 2;
    const sxy = rx.reduce((s, r, i) => s + (r - m) * (ry[i] - m), 0);
    const sxx = rx.reduce((s, r) => s + (r - m) ** 2, 0);
    const syy = ry.reduce((s, r) => s + (r - m) ** 2, 0);
    assert.equal(against(x), sxy / Math.sqrt(sxx * syy));
    assert.equal(against(x), spearmanCorrelation(x, y));
  }
});
