import assert from "node:assert/strict";
import { test } from "node:test";
import { chiSquareTest } from "../../src/stats/chi-square";
import { permutationChiSquareTest, sampleHypergeometric } from "../../src/stats/permutation-test";
import { seededRandom } from "../../src/stats/random";
import { frozen } from "../helpers/assert-close";

/** Exact permutation p of X² for an r×2 table: enumerate every table with the same margins. */
function exactPermutationP(table: number[][]): number {
  const obs = chiSquareTest(table).statistic;
  const rows = table.map((r) => r[0] + r[1]);
  const c0 = table.reduce((s, r) => s + r[0], 0);
  const n = rows.reduce((s, v) => s + v, 0);
  const lf = (k: number) => {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  };
  const logConst = rows.reduce((s, r) => s + lf(r), 0) + lf(c0) + lf(n - c0) - lf(n);
  let p = 0;
  const cells: number[] = [];
  const walk = (i: number, left: number) => {
    if (i === rows.length - 1) {
      if (left > rows[i]) return;
      cells[i] = left;
      const t = rows.map((r, k) => [cells[k], r - cells[k]]);
      const logP = logConst - t.reduce((s, [a, b]) => s + lf(a) + lf(b), 0);
      if (chiSquareTest(t).statistic >= obs * (1 - 1e-9)) p += Math.exp(logP);
      return;
    }
    for (let x = 0; x <= Math.min(rows[i], left); x++) {
      cells[i] = x;
      walk(i + 1, left - x);
    }
  };
  walk(0, c0);
  return p;
}

test("permutation p agrees with the exact permutation distribution (within 4 standard errors)", () => {
  for (const t of [
    [[3, 0], [1, 4], [0, 3]],
    [[2, 5], [4, 1], [1, 6], [3, 3]],
    [[6, 1], [2, 5]],
  ]) {
    const exact = exactPermutationP(t);
    const m = 20000;
    const r = permutationChiSquareTest(frozen(t), { seed: 42, permutations: m });
    const se = Math.sqrt((exact * (1 - exact)) / m);
    assert.ok(Math.abs(r.p - exact) < 4 * se + 1 / m, `${JSON.stringify(t)}: ${r.p} vs exact ${exact}`);
    assert.equal(r.p, (r.exceedances + 1) / (m + 1));
  }
});

test("permutation test is reproducible by seed and never returns 0", () => {
  const t = [[9, 0], [0, 9], [4, 5]];
  const a = permutationChiSquareTest(t, { seed: 3, permutations: 500 });
  const b = permutationChiSquareTest(t, { seed: 3, permutations: 500 });
  assert.deepEqual(a, b);
  assert.ok(a.p >= 1 / 501);
  const extreme = permutationChiSquareTest([[30, 0], [0, 30]], { permutations: 99 });
  assert.equal(extreme.p, 1 / 100);
  assert.equal(permutationChiSquareTest([[3, 0], [4, 0]]).p, 1);
  assert.throws(() => permutationChiSquareTest(t, { permutations: 0 }), /permutations must be an integer ≥ 1; got 0/);
});

test("sampleHypergeometric draws from the hypergeometric distribution", () => {
  const rand = seededRandom(11);
  const [N, K, n] = [60, 25, 20];
  const draws = 40000;
  const counts = new Map<number, number>();
  for (let i = 0; i < draws; i++) {
    const x = sampleHypergeometric(N, K, n, rand);
    counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  const lchoose = (a: number, b: number) => {
    let s = 0;
    for (let i = 1; i <= b; i++) s += Math.log((a - b + i) / i);
    return s;
  };
  let chi = 0;
  let cells = 0;
  for (let x = 0; x <= n; x++) {
    const e = draws * Math.exp(lchoose(K, x) + lchoose(N - K, n - x) - lchoose(N, n));
    if (e < 5) continue;
    const o = counts.get(x) ?? 0;
    chi += ((o - e) * (o - e)) / e;
    cells++;
  }
  // goodness of fit: X² over ~15 cells stays far below the 0.999 quantile (~37)
  assert.ok(chi < 37, `X² = ${chi} over ${cells} cells`);
  assert.equal(sampleHypergeometric(10, 10, 4, rand), 4);
  assert.equal(sampleHypergeometric(10, 0, 4, rand), 0);
  // large population: stays in range and near the mean
  let s = 0;
  for (let i = 0; i < 2000; i++) s += sampleHypergeometric(100000, 30000, 5000, rand);
  assert.ok(Math.abs(s / 2000 - 1500) < 5);
});

test("seededRandom is deterministic, in [0, 1) and roughly uniform", () => {
  const a = seededRandom(123);
  const b = seededRandom(123);
  const hist = new Array(10).fill(0);
  for (let i = 0; i < 10000; i++) {
    const x = a();
    assert.equal(x, b());
    assert.ok(x >= 0 && x < 1);
    hist[Math.floor(x * 10)]++;
  }
  for (const h of hist) assert.ok(Math.abs(h - 1000) < 150);
  assert.notEqual(seededRandom(1)(), seededRandom(2)());
});
