import assert from "node:assert/strict";
import { test } from "node:test";
import { brierScore } from "../../src/model/brier-score";
import { calibrationTable } from "../../src/model/calibration";
import { ksStatistic } from "../../src/model/ks-statistic";
import { liftTable } from "../../src/model/lift";
import { rocCurve } from "../../src/model/roc-curve";
import { closeAbs, closeAllAbs } from "../helpers/assert-close";

/**
 * Tests of the score metrics: KS, Brier, calibration, lift and gains, ROC points.
 *
 * Fixture shared with the Python that produced the reference values (MINSTD generator, exact in
 * both languages):
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
 * `a` is a probability on a 0.02 grid (many ties); `b` a coarser score on a 0.05 grid.
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

// ── KS ───────────────────────────────────────────────────────────────────────

test("KS matches scipy.stats.ks_2samp's statistic, with the score where it is reached", () => {
  // ks_2samp(a[y == 1], a[y == 0]).statistic
  // ts = np.unique(a); F1 = [(a[y==1] <= t).mean() for t in ts]; F0 = [(a[y==0] <= t).mean() for t in ts]
  // k = np.argmax(np.abs(F1 - F0)) -> ts[k], F1[k], F0[k]
  const { a, y } = fixture();
  const r = ksStatistic(a, y);
  closeAbs(r.ks, 0.37798624140087556, 1e-12, "ks");
  assert.equal(r.threshold, 0.52);
  closeAbs(r.wonBelow, 0.37073170731707317, 1e-12, "wonBelow");
  closeAbs(r.lostBelow, 0.7487179487179487, 1e-12, "lostBelow");
});

test("KS invariants: separated = 1, identical = 0", () => {
  assert.equal(ksStatistic([1, 2, 3, 4], Uint8Array.from([0, 0, 1, 1])).ks, 1);
  assert.equal(ksStatistic([1, 2, 1, 2], Uint8Array.from([0, 0, 1, 1])).ks, 0);
  assert.throws(() => ksStatistic([1, 2], Uint8Array.from([0, 0])), /at least one won and one lost/);
});

// ── Brier ────────────────────────────────────────────────────────────────────

test("Brier score matches sklearn.metrics.brier_score_loss, with and without weights", () => {
  // brier_score_loss(y, a); w = np.array([1 + (i % 3) for i in range(len(y))], float)
  // brier_score_loss(y, a, sample_weight=w)
  const { a, y } = fixture();
  closeAbs(brierScore(a, y), 0.219486, 1e-12, "brier");
  const w = Float64Array.from(y, (_, i) => 1 + (i % 3));
  closeAbs(brierScore(a, y, w), 0.2128685857321652, 1e-12, "weighted brier");
  assert.equal(brierScore([1, 0], Uint8Array.from([1, 0])), 0);
  assert.throws(() => brierScore([1.2, 0], Uint8Array.from([1, 0])), /probabilities\[0\] is 1.2/);
});

// ── Calibration ──────────────────────────────────────────────────────────────

test("calibration deciles match sklearn's calibration_curve (quantile) and statsmodels' Wilson intervals", () => {
  // pt, pp = calibration_curve(y, a, n_bins=10, strategy="quantile")
  const observed = [0.14285714285714285, 0.38636363636363635, 0.34210526315789475, 0.3333333333333333, 0.5238095238095238, 0.5151515151515151, 0.7073170731707317, 0.75, 0.7333333333333333, 0.7647058823529411];
  const predicted = [0.058095238095238116, 0.17272727272727273, 0.2715789473684211, 0.36577777777777787, 0.4652380952380954, 0.546060606060606, 0.6473170731707317, 0.7449999999999998, 0.8599999999999999, 0.9588235294117652];
  // bins = np.percentile(a, np.linspace(0, 1, 11) * 100); ids = np.searchsorted(bins[1:-1], a)
  // np.bincount(ids, minlength=10)
  const counts = [42, 44, 38, 45, 42, 33, 41, 36, 45, 34];
  // lo, hi = proportion_confint(wins, counts, alpha=0.05, method="wilson")
  const lo = [0.06715967015962646, 0.2572120275052556, 0.2121241517995941, 0.21358874934330024, 0.3772246413134498, 0.3521837544891414, 0.5552053227700284, 0.5892954623327165, 0.5896116224686505, 0.6000386207746361];
  const hi = [0.2784108947444478, 0.5337642460762172, 0.5010789644821693, 0.47929511690099574, 0.6664039876929454, 0.674959578918663, 0.8239081237388657, 0.8624952233700518, 0.8403509647893348, 0.8756301446736042];
  const { a, y } = fixture();
  const t = calibrationTable(a, y);
  assert.deepEqual(
    t.map((b) => b.bin),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  assert.deepEqual(
    t.map((b) => b.n),
    counts,
  );
  closeAllAbs(
    t.map((b) => b.observedRate),
    observed,
    1e-12,
    "observed",
  );
  closeAllAbs(
    t.map((b) => b.meanPredicted),
    predicted,
    1e-12,
    "predicted",
  );
  closeAllAbs(
    t.map((b) => b.lo),
    lo,
    1e-9,
    "lo",
  );
  closeAllAbs(
    t.map((b) => b.hi),
    hi,
    1e-9,
    "hi",
  );
  for (const b of t) assert.ok(b.min <= b.meanPredicted && b.meanPredicted <= b.max);
});

test("calibration never splits a tie: heavy ties give fewer bins, numbered by decile", () => {
  // 70 % of rows at 0.1: deciles 1-7 share one edge, so the first bin is bin 1 and the next bin 8.
  const p = Float64Array.from({ length: 100 }, (_, i) => (i < 70 ? 0.1 : 0.2 + i / 200));
  const y = Uint8Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0));
  const t = calibrationTable(p, y);
  assert.equal(t[0].n, 70);
  assert.equal(t[0].bin, 1);
  assert.equal(t[1].bin, 8);
  assert.equal(
    t.reduce((s, b) => s + b.n, 0),
    100,
  );
  // Equal widths on [0, 1]: 0.1 falls in bin 1, 0.55–0.595 in bin 3, the rest in bin 4; bins 2 and 5 are empty.
  const u = calibrationTable(p, y, { strategy: "uniform", bins: 5 });
  assert.deepEqual(
    u.map((b) => [b.bin, b.n]),
    [
      [1, 70],
      [3, 10],
      [4, 20],
    ],
  );
});

// ── Lift and gains ───────────────────────────────────────────────────────────

test("lift and gains by decile match a rank-based computation on tie-free scores", () => {
  // gen = minstd(4242); sc = [next(gen) for _ in range(1000)]
  // yl = [1 if next(gen) < 0.1 + 0.5 * s else 0 for s in sc]
  // order = np.argsort(-sc, kind="stable"); dec = yl[order].reshape(10, 100)
  // dec.sum(axis=1); dec.mean(axis=1) / yl.mean(); np.cumsum(dec.sum(axis=1)) / yl.sum()
  let s = 4242;
  const next = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const sc = Float64Array.from({ length: 1000 }, next);
  const yl = Uint8Array.from(sc, (v) => (next() < 0.1 + 0.5 * v ? 1 : 0));
  const t = liftTable(sc, yl);
  closeAbs(t.baseRate, 0.356, 1e-15, "base rate");
  assert.deepEqual(
    t.groups.map((g) => g.wins),
    [65, 57, 49, 38, 43, 24, 23, 18, 20, 19],
  );
  closeAllAbs(
    t.groups.map((g) => g.lift),
    [1.8258426966292136, 1.601123595505618, 1.3764044943820226, 1.0674157303370788, 1.2078651685393258, 0.6741573033707865, 0.6460674157303371, 0.5056179775280899, 0.5617977528089888, 0.5337078651685394],
    1e-12,
    "lift",
  );
  closeAllAbs(
    t.groups.map((g) => g.gain),
    [0.18258426966292135, 0.34269662921348315, 0.4803370786516854, 0.5870786516853933, 0.7078651685393258, 0.7752808988764045, 0.8398876404494382, 0.8904494382022472, 0.9466292134831461, 1.0],
    1e-12,
    "gain",
  );
  const last = t.groups[t.groups.length - 1];
  assert.equal(last.cumulativeShare, 1);
  closeAbs(last.cumulativeLift, 1, 1e-15, "cumulative lift of everyone");
  assert.deepEqual(t.warnings, []);
  for (const g of t.groups) assert.ok(g.lo <= g.winRate && g.winRate <= g.hi);
});

test("lift groups never split a tie, and custom cuts give top-share groups", () => {
  // Scores 10 (30 rows), 5 (40 rows), 1 (30 rows): the top-10 % threshold is 10, so the first
  // group is all 30 rows scoring 10 and the 10 %, 20 %, 30 % cuts merge.
  const scores = Float64Array.from({ length: 100 }, (_, i) => (i < 30 ? 10 : i < 70 ? 5 : 1));
  const y = Uint8Array.from({ length: 100 }, (_, i) => (i < 30 ? (i % 2 === 0 ? 1 : 0) : i % 5 === 0 ? 1 : 0));
  const t = liftTable(scores, y);
  assert.deepEqual(
    t.groups.map((g) => [g.from, g.to, g.n]),
    [
      [10, 10, 30],
      [5, 5, 40],
      [1, 1, 30],
    ],
  );
  assert.ok(t.warnings.some((w) => /merged 10 requested groups into 3/.test(w)));
  const c = liftTable(scores, y, { cuts: [0.3, 0.7] });
  assert.deepEqual(
    c.groups.map((g) => g.cumulativeShare),
    [0.3, 0.7, 1],
  );
  assert.deepEqual(c.warnings, []);
  assert.throws(() => liftTable(scores, y, { cuts: [0.5, 0.2] }), /strictly increasing/);
});

// ── ROC curve ────────────────────────────────────────────────────────────────

test("ROC points match sklearn.metrics.roc_curve", () => {
  // fpr, tpr, thr = roc_curve(y, b)   (sklearn's first threshold is max + 1; ours is Infinity)
  const fpr = [0.0, 0.0, 0.010256410256410256, 0.03076923076923077, 0.05641025641025641, 0.09230769230769231, 0.11282051282051282, 0.14871794871794872, 0.2717948717948718, 0.4, 0.4564102564102564, 0.5230769230769231, 0.6051282051282051, 0.6666666666666666, 0.7538461538461538, 0.8256410256410256, 0.8923076923076924, 0.9435897435897436, 0.9794871794871794, 1.0];
  const tpr = [0.0, 0.024390243902439025, 0.03414634146341464, 0.06341463414634146, 0.14146341463414633, 0.2048780487804878, 0.32195121951219513, 0.4, 0.43414634146341463, 0.5463414634146342, 0.6829268292682927, 0.7463414634146341, 0.8097560975609757, 0.8585365853658536, 0.9024390243902439, 0.9317073170731708, 0.9609756097560975, 0.9853658536585366, 0.9951219512195122, 1.0];
  const thr = [0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05];
  const { b, y } = fixture();
  const r = rocCurve(b, y);
  closeAllAbs(
    r.map((p) => p.fpr),
    fpr,
    1e-12,
    "fpr",
  );
  closeAllAbs(
    r.map((p) => p.tpr),
    tpr,
    1e-12,
    "tpr",
  );
  assert.equal(r[0].threshold, Infinity);
  closeAllAbs(
    r.slice(1).map((p) => p.threshold),
    thr,
    1e-12,
    "thresholds",
  );
});

test("ROC drops collinear points like sklearn's drop_intermediate", () => {
  // s = [5, 4, 3, 2, 1, 0.5, 0.2]; yy = [1, 1, 1, 0, 1, 0, 0]
  // roc_curve(yy, s) -> fpr [0, 0, 0, 1/3, 1/3, 1], tpr [0, .25, .75, .75, 1, 1], thr [6, 5, 3, 2, 1, 0.2]
  // roc_curve(yy, s, drop_intermediate=False) -> 8 points
  const s = [5, 4, 3, 2, 1, 0.5, 0.2];
  const y = Uint8Array.from([1, 1, 1, 0, 1, 0, 0]);
  const r = rocCurve(s, y);
  assert.deepEqual(
    r.map((p) => [p.fpr, p.tpr]),
    [
      [0, 0],
      [0, 0.25],
      [0, 0.75],
      [1 / 3, 0.75],
      [1 / 3, 1],
      [1, 1],
    ],
  );
  assert.deepEqual(
    r.slice(1).map((p) => p.threshold),
    [5, 3, 2, 1, 0.2],
  );
  assert.equal(rocCurve(s, y, { dropIntermediate: false }).length, 8);
});

test("metric inputs are not changed", () => {
  const { a, b, y } = fixture(120, 8);
  const a0 = Float64Array.from(a);
  const b0 = Float64Array.from(b);
  const y0 = Uint8Array.from(y);
  ksStatistic(a, y);
  brierScore(a, y);
  calibrationTable(a, y);
  liftTable(b, y);
  rocCurve(b, y);
  assert.deepEqual(a, a0);
  assert.deepEqual(b, b0);
  assert.deepEqual(y, y0);
});
