import { test } from "node:test";
import assert from "node:assert/strict";
import { assignToMedoids } from "../../src/cluster/assign";
import { prepareGower } from "../../src/cluster/gower";
import { kMedoids, pamBuild } from "../../src/cluster/k-medoids";
import { seededRandom } from "../../src/stats/random";

function randomMatrix(n: number, seed: number): Float32Array {
  const r = seededRandom(seed);
  const pts = Array.from({ length: n }, () => [r(), r(), r()]);
  return Float32Array.from(pts.flatMap((a) => pts.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]))));
}

function cost(d: ArrayLike<number>, n: number, med: ArrayLike<number>, w?: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (const m of Array.from(med)) best = Math.min(best, d[i * n + m]);
    s += (w ? w[i] : 1) * best;
  }
  return s;
}

test("kMedoids: the result is swap-optimal (no single medoid swap lowers the cost)", () => {
  for (const [n, k, seed] of [
    [40, 3, 1],
    [60, 5, 2],
    [35, 2, 3],
    [50, 8, 4],
  ]) {
    const d = randomMatrix(n, seed);
    for (const init of ["build", "random"] as const) {
      const r = kMedoids(d, k, { init, seed });
      const base = cost(d, n, r.medoids);
      assert.ok(Math.abs(base - r.cost) < 1e-4, "reported cost is the cost of the medoids");
      const med = Array.from(r.medoids);
      for (let c = 0; c < k; c++)
        for (let j = 0; j < n; j++) {
          if (med.includes(j)) continue;
          const alt = med.slice();
          alt[c] = j;
          assert.ok(cost(d, n, alt) >= base - 1e-4, `swap ${med[c]} → ${j} improves (n=${n}, k=${k}, ${init})`);
        }
      // labels are the nearest medoid; clusters numbered by size, largest first
      const sizes = new Array(k).fill(0);
      for (let i = 0; i < n; i++) {
        sizes[r.labels[i]]++;
        const own = d[i * n + r.medoids[r.labels[i]]];
        for (let c = 0; c < k; c++) assert.ok(own <= d[i * n + r.medoids[c]]);
      }
      for (let c = 1; c < k; c++) assert.ok(sizes[c] <= sizes[c - 1]);
    }
  }
});

test("kMedoids: finds the global optimum of small clustered problems (exhaustive check)", () => {
  // local search can stop above the optimum on structureless data (it is swap-optimal, see above);
  // on data with groups, BUILD + swaps reaches the optimum
  const n = 15;
  for (const seed of [5, 6, 7, 8]) {
    const r = seededRandom(seed);
    const pts = Array.from({ length: n }, (_, i) => [(i % 3) * 3 + r(), Math.floor(i / 3) % 2 ? r() : 2 * r()]);
    const d = Float32Array.from(pts.flatMap((a) => pts.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1]))));
    let best = Infinity;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) for (let c = b + 1; c < n; c++) best = Math.min(best, cost(d, n, [a, b, c]));
    assert.ok(Math.abs(kMedoids(d, 3).cost - best) < 1e-4);
    assert.ok(Math.abs(kMedoids(d, 3, { init: "random", seed }).cost - best) < 1e-4);
  }
});

test("kMedoids: weights act as duplicated points", () => {
  const n = 30;
  const d = randomMatrix(n, 11);
  const counts = Array.from({ length: n }, (_, i) => 1 + (i % 3));
  const expanded: number[] = [];
  counts.forEach((c, i) => {
    for (let t = 0; t < c; t++) expanded.push(i);
  });
  const m = expanded.length;
  const big = Float32Array.from({ length: m * m }, (_, t) => d[expanded[Math.floor(t / m)] * n + expanded[t % m]]);
  const weighted = kMedoids(d, 4, { weights: counts });
  const dup = kMedoids(big, 4);
  assert.ok(Math.abs(weighted.cost - dup.cost) < 1e-3);
});

test("kMedoids: deterministic, inputs untouched, wrong calls throw", () => {
  const d = randomMatrix(50, 21);
  const copy = Float32Array.from(d);
  const a = kMedoids(d, 4, { init: "random", seed: 9 });
  const b = kMedoids(d, 4, { init: "random", seed: 9 });
  assert.deepEqual(a, b);
  assert.deepEqual(kMedoids(d, 4), kMedoids(d, 4));
  assert.deepEqual(d, copy);
  const one = kMedoids(d, 1);
  assert.ok(one.labels.every((l) => l === 0));
  assert.throws(() => kMedoids(d, 0), /k must be an integer in 1..50/);
  assert.throws(() => kMedoids(d, 51), /k must be an integer in 1..50/);
  assert.throws(() => kMedoids(new Float32Array(10), 2), /must be square/);
  assert.throws(() => kMedoids(d, 2, { weights: [1] }), /weights has 1 values for 50 points/);
});

test("assignToMedoids: nearest medoid for every row, -1 for rows without values", () => {
  const g = prepareGower([
    { name: "x", kind: "numeric", values: Float64Array.from([0, 1, 9, 10, NaN, 5]) },
    { name: "c", kind: "categorical", values: ["a", "a", "b", "b", null, "b"] },
  ]);
  const a = assignToMedoids(g, [0, 3]);
  assert.deepEqual(Array.from(a.labels), [0, 0, 1, 1, -1, 1]);
  assert.ok(Math.abs(a.distances[1] - 0.05) < 1e-6);
  assert.ok(Number.isNaN(a.distances[4]));
  assert.deepEqual(Array.from(assignToMedoids(g, [0, 3], [5, 2]).labels), [1, 1]);
});

test("pamBuild is greedy: the BUILD for k is the first k medoids of a larger BUILD", () => {
  const d = randomMatrix(45, 31);
  const eight = pamBuild(d, 8);
  for (let k = 1; k <= 8; k++) assert.deepEqual(pamBuild(d, k), eight.slice(0, k));
  // starting from those medoids is the same as starting from BUILD
  for (let k = 2; k <= 8; k++) assert.deepEqual(kMedoids(d, k, { init: eight.subarray(0, k) }), kMedoids(d, k));
  assert.throws(() => kMedoids(d, 3, { init: [0, 0, 1] }), /3 distinct points/);
  assert.throws(() => kMedoids(d, 3, { init: [0, 1] }), /2 starting medoids for k = 3/);
});

test("kMedoids: medoids come only from the candidates", () => {
  const d = randomMatrix(40, 41);
  const candidates = Array.from({ length: 40 }, (_, i) => i % 4 === 0);
  for (const init of ["build", "random"] as const) {
    const r = kMedoids(d, 4, { candidates, init });
    for (const m of r.medoids) assert.ok(candidates[m], `medoid ${m}`);
  }
  assert.throws(() => kMedoids(d, 11, { candidates }), /only 10 points may be medoids/);
  assert.throws(() => kMedoids(d, 2, { candidates, init: [1, 4] }), /starting medoid 1 is not among the candidates/);
});
