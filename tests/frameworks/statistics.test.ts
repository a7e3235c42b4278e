import assert from "node:assert/strict";
import { test } from "node:test";
import { criteriaEvidence } from "../../src/frameworks/criteria-evidence";
import { mantelHaenszelRiskRatio } from "../../src/stats/mantel-haenszel";
import { nOfMRules } from "../../src/frameworks/n-of-m";
import { riskRatio } from "../../src/stats/risk-ratio";
import { normalQuantile } from "../../src/stats/normal-distribution";
import { wilsonInterval } from "../../src/stats/wilson";
import { close } from "../helpers/assert-close";

/**
 * Reference values from Debian's scipy 1.10 / statsmodels 0.13 (`/usr/bin/python3`):
 *
 *   import numpy as np
 *   from scipy.stats import fisher_exact
 *   from statsmodels.stats.multitest import multipletests
 *   from statsmodels.stats.proportion import proportion_confint
 *   from statsmodels.stats.contingency_tables import Table2x2, StratifiedTable
 *   Table2x2(np.array([[30, 20], [20, 30]])).riskratio_confint()   # (0.9974692771207864, 2.255708573295276)
 *   Table2x2(np.array([[60, 40], [40, 60]])).riskratio_confint()   # (1.124081458859326, 2.001634296399846)
 *   StratifiedTable([np.array(t) for t in ([[8, 2], [4, 6]], [[3, 7], [3, 17]], [[5, 1], [2, 6]])]).riskratio_pooled  # 2.2962962962962963
 *   ts = [[[6, 2], [1, 5]], [[4, 3], [3, 4]], [[6, 1], [1, 6]]]
 *   ps = [fisher_exact(t)[1] for t in ts]      # 0.10256410256410256, 1.0, 0.02913752913752914
 *   multipletests(ps, method="fdr_bh")[1]      # 0.15384615384615385, 1.0, 0.08741258741258742
 *   [Table2x2(np.array(t)).riskratio_confint() for t in ts]
 *   # (0.7194264127922744, 28.147423614049238), (0.4576887359869822, 3.8842506664361993), (0.953282132469588, 37.764265975213256)
 *   proportion_confint(4, 5, method="wilson")  # (0.3755346297625252, 0.9637758913675698)
 */

test("riskRatio: Katz log interval, as statsmodels' Table2x2.riskratio_confint", () => {
  const r = riskRatio(30, 50, 20, 50);
  assert.equal(r.ratio, 1.5);
  close(r.lo, 0.9974692771207864);
  close(r.hi, 2.255708573295276);
});

test("riskRatio: a group without wins gets ½ added to each cell; an empty group gives NaN and [0, ∞)", () => {
  // Cells 0.5, 10.5 | 5.5, 5.5: ratio (0.5/11)/(5.5/11) = 1/11, se = √(1/0.5 − 1/11 + 1/5.5 − 1/11) = √2.
  const r = riskRatio(0, 10, 5, 10);
  const z = normalQuantile(0.975);
  close(r.ratio, 1 / 11);
  close(r.lo, Math.exp(-z * Math.SQRT2) / 11);
  close(r.hi, Math.exp(z * Math.SQRT2) / 11);
  assert.deepEqual(riskRatio(0, 0, 3, 10), { ratio: NaN, lo: 0, hi: Infinity });
  assert.throws(() => riskRatio(6, 5, 1, 2), /group A wins must be an integer in \[0, 5\]; got 6/);
});

test("Mantel–Haenszel: statsmodels' pooled ratio; one stratum is Katz; identical strata are Katz on their sum", () => {
  const strata = [
    { winsA: 8, nA: 10, winsB: 4, nB: 10 },
    { winsA: 3, nA: 10, winsB: 3, nB: 20 },
    { winsA: 5, nA: 6, winsB: 2, nB: 8 },
  ];
  close(mantelHaenszelRiskRatio(strata).ratio, 2.2962962962962963);
  const one = mantelHaenszelRiskRatio([{ winsA: 30, nA: 50, winsB: 20, nB: 50 }]);
  close(one.lo, 0.9974692771207864);
  close(one.hi, 2.255708573295276);
  const two = mantelHaenszelRiskRatio([{ winsA: 30, nA: 50, winsB: 20, nB: 50 }, { winsA: 30, nA: 50, winsB: 20, nB: 50 }]);
  close(two.ratio, 1.5);
  close(two.lo, 1.124081458859326);
  close(two.hi, 2.001634296399846);
  // Strata with an empty group carry nothing.
  const withEmpty = mantelHaenszelRiskRatio([...strata, { winsA: 4, nA: 9, winsB: 0, nB: 0 }]);
  assert.equal(withEmpty.strata, 3);
  close(withEmpty.ratio, 2.2962962962962963);
  assert.deepEqual(mantelHaenszelRiskRatio([{ winsA: 1, nA: 2, winsB: 0, nB: 0 }]), { ratio: NaN, lo: 0, hi: Infinity, strata: 0 });
});

/** 7 wins (rows 0–6), 7 losses (7–13), one unknown win (14) and a row outside the evaluated rows (15). */
function column(metWins: number, metLosses: number): Int8Array {
  const met = new Int8Array(16);
  for (let i = 0; i < metWins; i++) met[i] = 1;
  for (let i = 0; i < metLosses; i++) met[7 + i] = 1;
  met[14] = -1;
  met[15] = 1;
  return met;
}

test("criteriaEvidence: counts, Fisher p and BH q as scipy / statsmodels; unknown rows left out", () => {
  const won = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
  const rows = Uint32Array.from({ length: 15 }, (_, i) => i);
  const columns = [
    { attribute: "a", criterion: "need" as const, met: column(6, 2) },
    { attribute: "b", criterion: "budget" as const, met: column(4, 3) },
    { attribute: "c", criterion: "champion" as const, met: column(6, 1) },
  ];
  const e = criteriaEvidence(columns, won, rows);
  assert.deepEqual(
    e.map((x) => [x.n, x.unknown, x.met, x.winsMet, x.notMet, x.winsNotMet]),
    [
      [15, 1, 8, 6, 6, 1],
      [15, 1, 7, 4, 7, 3],
      [15, 1, 7, 6, 7, 1],
    ],
  );
  const p = [0.10256410256410256, 1.0, 0.02913752913752914];
  const q = [0.15384615384615385, 1.0, 0.08741258741258742];
  const ci = [
    [0.7194264127922744, 28.147423614049238],
    [0.4576887359869822, 3.8842506664361993],
    [0.953282132469588, 37.764265975213256],
  ];
  e.forEach((x, j) => {
    close(x.p, p[j], 1e-9, `p ${x.attribute}`);
    close(x.q, q[j], 1e-9, `q ${x.attribute}`);
    close(x.lift.lo, ci[j][0], 1e-9, `lift lo ${x.attribute}`);
    close(x.lift.hi, ci[j][1], 1e-9, `lift hi ${x.attribute}`);
  });
  assert.deepEqual(e[0].winRateMet, wilsonInterval(6, 8));
  assert.deepEqual(e[0].shareMet, wilsonInterval(8, 14));
  assert.ok(Object.isFrozen(e[0]));
  assert.throws(() => criteriaEvidence([{ attribute: "x", criterion: "need", met: new Int8Array(3) }], won, rows), /"x" has 3 values for 16 deals/);
});

test("N-of-M rules on a tiny table, by hand", () => {
  // 10 deals, 3 criteria; 5 wins.
  const counts = Object.freeze([3, 3, 2, 2, 2, 1, 1, 0, 0, 1]);
  const won = Uint8Array.from([1, 1, 1, 0, 1, 0, 1, 0, 0, 0]);
  const r = nOfMRules(counts, won, 3);
  assert.equal(r.n, 10);
  assert.equal(r.wins, 5);
  // ≥1: 8 pass, 5 wins. ≥2: rows 0–4, 4 wins. ≥3: rows 0–1, 2 wins.
  assert.deepEqual(
    r.rules.map((x) => [x.atLeast, x.of, x.passed, x.wins, x.precision.rate, x.recall.rate, x.sharePassed.rate]),
    [
      [1, 3, 8, 5, 5 / 8, 1, 0.8],
      [2, 3, 5, 4, 0.8, 0.8, 0.5],
      [3, 3, 2, 2, 1, 0.4, 0.2],
    ],
  );
  close(r.rules[1].precision.lo, 0.3755346297625252);
  close(r.rules[1].precision.hi, 0.9637758913675698);
  assert.deepEqual(r.rules[1].recall, wilsonInterval(4, 5));
  assert.equal(r.rules[1].lift, 1.6);
  close(r.rules[0].f1, 10 / 13);
  close(r.rules[1].f1, 0.8);
  // Best: highest precision keeping ≥ 50 % of wins → N = 2 (N = 3 keeps 40 %).
  assert.equal(r.best, 2);
  assert.equal(nOfMRules(counts, won, 3, { minRecall: 0.4 }).best, 3);
  assert.equal(nOfMRules(counts, won, 3, { minRecall: 1 }).best, 1);
});

test("N-of-M: ties go to the smaller N; no wins or no criteria give no best rule", () => {
  assert.equal(nOfMRules([2, 2, 0, 0], Uint8Array.from([1, 0, 1, 0]), 2).best, 1);
  const none = nOfMRules([1, 0], Uint8Array.from([0, 0]), 1);
  assert.equal(none.best, null);
  assert.equal(none.rules[0].precision.rate, 0);
  const empty = nOfMRules([0, 0], Uint8Array.from([1, 0]), 0);
  assert.deepEqual(empty.rules, []);
  assert.equal(empty.best, null);
  const nobody = nOfMRules([0, 0], Uint8Array.from([1, 0]), 1);
  assert.equal(nobody.rules[0].passed, 0);
  assert.ok(Number.isNaN(nobody.rules[0].lift));
  assert.throws(() => nOfMRules([4], Uint8Array.from([1]), 3), /counts\[0\] is 4; counts must be integers in \[0, 3\]/);
});
