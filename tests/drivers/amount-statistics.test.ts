import assert from "node:assert/strict";
import { test } from "node:test";
import { kruskalWallis } from "../../src/stats/kruskal-wallis";
import { medianInterval } from "../../src/stats/median-interval";
import { midRanks } from "../../src/stats/mid-ranks";
import { rankDesignEffect } from "../../src/stats/rank-design-effect";

const close = (actual: number, expected: number, tol = 1e-10) => assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} vs ${expected}`);

/**
 * Reference values from scipy 1.17.1 (Debian python3-scipy):
 *   python3 -c "from scipy import stats; print(stats.kruskal([2.9,3.0,2.5,2.6,3.2],[3.8,2.7,4.0,2.4],[2.8,3.4,3.7,2.2,2.0]))"
 * and likewise for each case below.
 */
const SCIPY_KRUSKAL: { name: string; groups: number[][]; h: number; p: number }[] = [
  { name: "no ties", groups: [[2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4], [2.8, 3.4, 3.7, 2.2, 2.0]], h: 0.7714285714285722, p: 0.6799647735788936 },
  { name: "ties", groups: [[1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 6], [1, 1, 2, 7]], h: 2.6725508317929796, p: 0.26282275328261545 },
  { name: "two groups", groups: [[1, 2, 3], [4, 5, 6]], h: 3.857142857142854, p: 0.049534613435626915 },
  { name: "heavy ties", groups: [[0, 0, 0, 1, 1], [0, 1, 1, 1, 1, 1], [0, 0, 0, 0, 1]], h: 4.374999999999994, p: 0.11219689052034404 },
];

test("Kruskal–Wallis H and p agree with scipy.stats.kruskal (with and without ties)", () => {
  for (const c of SCIPY_KRUSKAL) {
    const values = c.groups.flat();
    const codes = c.groups.flatMap((g, i) => g.map(() => i));
    const r = kruskalWallis(values, codes);
    close(r.h, c.h, 1e-12);
    close(r.p, c.p, 1e-9);
    assert.equal(r.df, c.groups.length - 1, c.name);
    // Any row order gives the same result; group codes need not be contiguous.
    const rev = kruskalWallis([...values].reverse(), [...codes].reverse().map((g) => g * 3));
    close(rev.h, c.h, 1e-12);
  }
});

test("Kruskal–Wallis: one group or all values equal cannot be tested; bad input is refused", () => {
  assert.ok(Number.isNaN(kruskalWallis([1, 2, 3], [0, 0, 0]).p));
  assert.ok(Number.isNaN(kruskalWallis([5, 5, 5, 5], [0, 0, 1, 1]).p));
  assert.throws(() => kruskalWallis([1, NaN], [0, 1]), /value 1 is NaN/);
  assert.throws(() => kruskalWallis([1, 2], [0]), /2 values but 1 group codes/);
});

test("median interval: order statistics chosen by the Binomial(n, ½) tail, by hand", () => {
  // n = 20: P(B ≤ 5) = (1 + 20 + 190 + 1140 + 4845 + 15504) / 2^20 = 21700 / 1048576 = 0.020695 ≤ 0.025,
  // P(B ≤ 6) = 60460 / 1048576 = 0.05766 > 0.025, so the interval is [x_(6), x_(15)] with coverage
  // 1 − 2 · 21700 / 1048576 = 0.958611.
  const x = Array.from({ length: 20 }, (_, i) => (i + 1) * 10).reverse();
  const m = medianInterval(x);
  assert.deepEqual([m.median, m.lo, m.hi, m.lowerRank, m.upperRank], [105, 60, 150, 6, 15]);
  close(m.coverage, 1 - (2 * 21700) / 1048576, 1e-14);
  // n = 10: P(B ≤ 1) = 11/1024 ≤ 0.025 < P(B ≤ 2) = 56/1024: [x_(2), x_(9)], coverage 1 − 22/1024.
  const t = medianInterval([7, 1, 9, 3, 5, 2, 8, 4, 10, 6]);
  assert.deepEqual([t.median, t.lo, t.hi], [5.5, 2, 9]);
  close(t.coverage, 1 - 22 / 1024, 1e-14);
  // n = 5 cannot reach 95 %: the range, covering 1 − 2/32 = 0.9375.
  const s = medianInterval([3, 1, 2, 5, 4]);
  assert.deepEqual([s.median, s.lo, s.hi, s.coverage], [3, 1, 5, 0.9375]);
  assert.throws(() => medianInterval([]), /empty/);
  // Large samples, where 2^−n underflows a double: ranks and coverage from scipy
  // (`binom.cdf(l, n, 0.5)` with the same rule; scipy 1.10, Debian python3-scipy):
  // n = 1075 → [x_(505), x_(571)], 0.955934; n = 2788 → [x_(1342), x_(1447)], 0.953272; n = 40000 → [x_(19804), x_(20197)], 0.950587.
  for (const [n, lower, upper, coverage] of [
    [1075, 505, 571, 0.9559335206201511],
    [2788, 1342, 1447, 0.953271745592198],
    [40000, 19804, 20197, 0.9505871181608814],
  ]) {
    const big = medianInterval(Array.from({ length: n }, (_, i) => n - i));
    assert.deepEqual([big.lowerRank, big.upperRank, big.lo, big.hi], [lower, upper, lower, upper], `n = ${n}`);
    close(big.coverage, coverage, 1e-9);
  }
});

test("mid-ranks and the tie term", () => {
  const r = midRanks([3, 1, 3, 3, 2]);
  assert.deepEqual(Array.from(r.ranks), [4, 1, 4, 4, 2]);
  assert.equal(r.ties, 24); // one group of three: 27 − 3
});

test("mid-ranks of few distinct values (counted) and of many (sorted) match their definition, −0 tied with 0; NaN is an error", () => {
  let seed = 5;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (const levels of [4, 31, 33, 900]) {
    const x = Array.from({ length: 700 }, () => Math.floor(rnd() * levels) - 2);
    x[3] = -0;
    // From the definition: 1 + the values below, plus half the others equal to it.
    const want = x.map((v) => 1 + x.filter((w) => w < v).length + (x.filter((w) => w === v).length - 1) / 2);
    const sizes = [...new Set(x.map((v) => (v === 0 ? 0 : v)))].map((v) => x.filter((w) => w === v).length);
    const r = midRanks(x);
    assert.deepEqual(Array.from(r.ranks), want, `${levels} levels`);
    assert.equal(r.ties, sizes.reduce((s, t) => s + t ** 3 - t, 0), `${levels} levels`);
  }
  assert.throws(() => midRanks([1, NaN, 1]), /^Error: midRanks: a value is NaN, which has no rank; leave such values out first$/);
  assert.throws(() => midRanks(Array.from({ length: 40 }, (_, i) => (i === 39 ? NaN : i))), /a value is NaN/);
});

test("rank design effect: 1 for independent rows, the cluster size for clusters of identical rows", () => {
  const ranks = Array.from({ length: 12 }, (_, i) => i + 1);
  const codes = Int32Array.from(ranks, (_, i) => (i < 6 ? 0 : 1));
  assert.equal(rankDesignEffect(ranks, codes, new Int32Array(12).fill(-1)), 1);
  // Three identical rows per cluster: each cluster's residual sum is 3e, so between / within = 3.
  const tripled = [1, 1, 1, 4, 4, 4, 7, 7, 7, 10, 10, 10].map((x) => x + 1);
  const clusters = Int32Array.from(tripled, (_, i) => Math.floor(i / 3));
  const codes2 = Int32Array.from(tripled, (_, i) => (i < 6 ? 0 : 1));
  close(rankDesignEffect(tripled, codes2, clusters), 3, 1e-12);
});

test("midRanks: the mean rank of each tie group, −0 tied with 0, and NaN refused", () => {
  const values = [3, -0, 0, 2, 3, 3, -1];
  assert.deepEqual(Array.from(midRanks(values).ranks), [6, 2.5, 2.5, 4, 6, 6, 1]);
  assert.equal(midRanks(values).ties, 6 + 24); // a pair (2³ − 2) and a triple (3³ − 3)
  assert.throws(() => midRanks([1, NaN, 2]), /midRanks: a value is NaN, which has no rank; leave such values out first/);
});
