import assert from "node:assert/strict";
import { test } from "node:test";
import { auc, aucWithCI, compareAuc } from "../../src/model/auc";
import { closeAbs } from "../helpers/assert-close";

/**
 * Fixture shared with the Python that produced the reference values (MINSTD generator, exact in
 * both languages; math.floor(x + 0.5) rather than round(), which differs between them):
 *
 *   def minstd(seed):
 *       s = seed
 *       while True:
 *           s = (s * 48271) % 2147483647
 *           yield s / 2147483647
 *   def fixture(n=400, seed=777):
 *       g = minstd(seed); a, b, y = [], [], []
 *       for i in range(n):
 *           u1, u2, u3 = next(g), next(g), next(g)
 *           s = math.floor(u1 * 50 + 0.5) / 50
 *           a.append(s)
 *           b.append(math.floor((s + u3) / 2 * 20 + 0.5) / 20)
 *           y.append(1 if u2 < 0.2 + 0.6 * s else 0)
 *       return np.array(a), np.array(b), np.array(y)
 *
 * Scores take 51 and 21 distinct values, so ties are everywhere.
 */
function fixture(n = 400, seed = 777): { a: Float64Array; b: Float64Array; y: Uint8Array } {
  let s = seed;
  const next = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const u1 = next();
    const u2 = next();
    const u3 = next();
    a[i] = Math.floor(u1 * 50 + 0.5) / 50;
    b[i] = Math.floor(((a[i] + u3) / 2) * 20 + 0.5) / 20;
    y[i] = u2 < 0.2 + 0.6 * a[i] ? 1 : 0;
  }
  return { a, b, y };
}

test("the fixture matches the Python one", () => {
  const { a, b, y } = fixture();
  assert.equal(y.reduce((s, v) => s + v, 0), 205);
  closeAbs(a.reduce((s, v) => s + v, 0), 199.04, 1e-9, "sum a");
  closeAbs(b.reduce((s, v) => s + v, 0), 198.7, 1e-9, "sum b");
});

test("AUC matches sklearn.metrics.roc_auc_score with heavy ties", () => {
  // roc_auc_score(y, a), roc_auc_score(y, b)
  const { a, b, y } = fixture();
  closeAbs(auc(a, y), 0.7267417135709818, 1e-12, "auc a");
  closeAbs(auc(b, y), 0.6517823639774859, 1e-12, "auc b");
});

test("AUC invariants: perfect = 1, reversed = 0, all tied = 0.5, invariant to monotone transforms", () => {
  const y = Uint8Array.from([0, 0, 0, 1, 1]);
  assert.equal(auc([1, 2, 3, 4, 5], y), 1);
  assert.equal(auc([5, 4, 3, 2, 1], y), 0);
  assert.equal(auc([7, 7, 7, 7, 7], y), 0.5);
  const { a, y: yy } = fixture(200, 3);
  assert.equal(auc(a, yy), auc(Float64Array.from(a, (v) => Math.exp(3 * v) - 10), yy));
  assert.equal(auc(a, yy), auc(Array.from(a), yy));
});

test("DeLong by hand: 3 wins, 3 losses", () => {
  // Wins score 0.35, 0.8, 0.9; losses 0.1, 0.4, 0.2. ψ per win: 2/3, 1, 1; per loss: 1, 2/3, 1.
  // AUC = 8/9; S10 = S01 = ((2/9)² + 2·(1/9)²) / 2 = 1/27; Var = (1/27)/3 + (1/27)/3 = 2/81; se = √2/9.
  const r = aucWithCI([0.1, 0.4, 0.35, 0.8, 0.2, 0.9], Uint8Array.from([0, 0, 1, 1, 0, 1]));
  closeAbs(r.auc, 8 / 9, 1e-15, "auc");
  closeAbs(r.se, Math.SQRT2 / 9, 1e-15, "se");
  closeAbs(r.lo, 8 / 9 - 1.959963984540054 * (Math.SQRT2 / 9), 1e-12, "lo");
  assert.equal(r.hi, 1, "clipped at 1");
});

/*
 * DeLong written from its definition with the full n1 × n0 comparison matrix:
 *
 *   def delong(s, y):
 *       pos, neg = s[y == 1], s[y == 0]
 *       psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
 *       return psi.mean(), psi.mean(axis=1), psi.mean(axis=0)
 *   A, a10, a01 = delong(a, y); B, b10, b01 = delong(b, y)
 *   n1, n0 = len(a10), len(a01)
 *   se_a = math.sqrt(np.var(a10, ddof=1) / n1 + np.var(a01, ddof=1) / n0)
 *   z95 = 1.959963984540054
 *   print(A, se_a, max(0, A - z95 * se_a), min(1, A + z95 * se_a))
 *   c10 = np.cov(a10, b10); c01 = np.cov(a01, b01)
 *   var = (c10[0,0] + c10[1,1] - 2*c10[0,1]) / n1 + (c01[0,0] + c01[1,1] - 2*c01[0,1]) / n0
 *   se = math.sqrt(var); z = (A - B) / se
 *   print(A - B, se, z, 2 * scipy.stats.norm.sf(abs(z)), A - B - z95 * se, A - B + z95 * se)
 */
test("aucWithCI matches DeLong written from its definition", () => {
  const { a, y } = fixture();
  const r = aucWithCI(a, y);
  closeAbs(r.auc, 0.7267417135709818, 1e-12, "auc");
  closeAbs(r.se, 0.025263700577112497, 1e-12, "se");
  closeAbs(r.lo, 0.6772257703236375, 1e-12, "lo");
  closeAbs(r.hi, 0.7762576568183261, 1e-12, "hi");
  const wide = aucWithCI(a, y, 0.99);
  assert.ok(wide.lo < r.lo && wide.hi > r.hi);
});

test("compareAuc matches the paired DeLong test written from its definition", () => {
  const { a, b, y } = fixture();
  const r = compareAuc(a, b, y);
  closeAbs(r.diff, 0.07495934959349593, 1e-12, "diff");
  closeAbs(r.se, 0.022738754077972715, 1e-12, "se");
  closeAbs(r.z, 3.2965460348643236, 1e-9, "z");
  closeAbs(r.p, 0.0009788157205201848, 1e-9, "p");
  closeAbs(r.lo, 0.03039221054735612, 1e-12, "lo");
  closeAbs(r.hi, 0.11952648863963573, 1e-12, "hi");
  closeAbs(r.aucA - r.aucB, r.diff, 1e-15, "aucA - aucB");
  // Swapping the scores flips the sign and keeps the p-value.
  const s = compareAuc(b, a, y);
  closeAbs(s.diff, -r.diff, 1e-15, "swapped diff");
  closeAbs(s.p, r.p, 1e-12, "swapped p");
});

test("compareAuc of a score with a monotone transform of itself: no difference, p = 1", () => {
  const { a, y } = fixture(150, 11);
  const r = compareAuc(a, Float64Array.from(a, (v) => 2 * v + 1), y);
  assert.equal(r.diff, 0);
  assert.equal(r.se, 0);
  assert.equal(r.p, 1);
});

test("inputs are not changed", () => {
  const scores = Object.freeze([0.3, 0.1, 0.2, 0.9]) as readonly number[] as number[];
  const y = Uint8Array.from([0, 0, 1, 1]);
  auc(scores, y);
  aucWithCI(scores, y);
  compareAuc(scores, scores, y);
  assert.deepEqual(scores, [0.3, 0.1, 0.2, 0.9]);
  assert.deepEqual(Array.from(y), [0, 0, 1, 1]);
});

test("a wrong call throws with a clear message", () => {
  assert.throws(() => auc([1, 2], Uint8Array.from([1, 1])), /at least 1 won and 1 lost row; got 2 won and 0 lost/);
  assert.throws(() => aucWithCI([1, 2, 3], Uint8Array.from([1, 0, 0])), /at least 2 won and 2 lost rows/);
  assert.throws(() => auc([1, NaN], Uint8Array.from([1, 0])), /scores\[1\] is NaN/);
  assert.throws(() => auc([1, 2, 3], Uint8Array.from([1, 0])), /scores has 3 values but y has 2/);
});

test("AUC with its DeLong interval on 200 000 rows where y ~ Bernoulli(score): 5/6, inside its interval", () => {
  const n = 200_000;
  let s = 5;
  const next = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const scores = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    scores[i] = next();
    y[i] = next() < scores[i] ? 1 : 0;
  }
  const r = aucWithCI(scores, y);
  closeAbs(r.auc, 5 / 6, 0.005, "auc of p = score"); // for y ~ Bernoulli(s), s ~ U(0, 1): E[AUC] = 4∫∫_{s1>s0} s1(1 − s0) = 5/6
  assert.ok(r.lo < 5 / 6 && 5 / 6 < r.hi, `95% interval [${r.lo}, ${r.hi}]`);
});

test("auc and aucWithCI on scores of few and of many distinct values (counted per value, then sorted and searched) match DeLong from its definition", () => {
  let seed = 3;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const y = Uint8Array.from({ length: 1500 }, () => (rnd() < 0.4 ? 1 : 0));
  for (const levels of [6, 400]) {
    const s = Float64Array.from(y, (v) => Math.floor((rnd() + 0.25 * v) * levels));
    // The n1 × n0 comparison matrix: each win's and each loss's mean ψ, then the variance.
    const pos = s.filter((_, i) => y[i] === 1);
    const neg = s.filter((_, i) => y[i] === 0);
    const psi = (p: number, q: number) => (p > q ? 1 : p === q ? 0.5 : 0);
    const v10 = Array.from(pos, (p) => neg.reduce((t, q) => t + psi(p, q), 0) / neg.length);
    const v01 = Array.from(neg, (q) => pos.reduce((t, p) => t + psi(p, q), 0) / pos.length);
    const mean = v10.reduce((t, x) => t + x, 0) / v10.length;
    const variance = (xs: number[]) => xs.reduce((t, x) => t + (x - mean) ** 2, 0) / (xs.length - 1);
    const r = aucWithCI(s, y);
    closeAbs(r.auc, mean, 1e-12, `aucWithCI with ${levels} levels`);
    closeAbs(auc(s, y), mean, 1e-12, `auc with ${levels} levels`);
    closeAbs(r.se, Math.sqrt(variance(v10) / v10.length + variance(v01) / v01.length), 1e-12, `se with ${levels} levels`);
  }
});
