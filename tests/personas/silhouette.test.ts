import { test } from "node:test";
import assert from "node:assert/strict";
import { silhouette } from "../../src/cluster/silhouette";

// Manhattan distances of 8 points (0,0) (1,0) (0,2) (5,5) (6,5) (5,7) (10,0) (3,3); cluster 2 is a singleton.
const D = [
  [0, 1, 2, 10, 11, 12, 10, 6],
  [1, 0, 3, 9, 10, 11, 9, 5],
  [2, 3, 0, 8, 9, 10, 12, 4],
  [10, 9, 8, 0, 1, 2, 10, 4],
  [11, 10, 9, 1, 0, 3, 9, 5],
  [12, 11, 10, 2, 3, 0, 12, 6],
  [10, 9, 12, 10, 9, 12, 0, 10],
  [6, 5, 4, 4, 5, 6, 10, 0],
];
const labels = [0, 0, 0, 1, 1, 1, 2, 1];

// scikit-learn 1.2.1:
//   /usr/bin/python3 -c 'import numpy as np; from sklearn.metrics import silhouette_score, silhouette_samples;
//     p = np.array([[0,0],[1,0],[0,2],[5,5],[6,5],[5,7],[10,0],[3,3]], float); D = np.abs(p[:,None]-p[None]).sum(-1);
//     l = [0,0,0,1,1,1,2,1]; print(repr(silhouette_score(D, l, metric="precomputed")), silhouette_samples(D, l, metric="precomputed").tolist())'
const sklearnMean = 0.5461344808119002;
const sklearnSamples = [0.8461538461538461, 0.7714285714285715, 0.6774193548387096, 0.7407407407407407, 0.6666666666666666, 0.6666666666666667, 0.0, 0.0];

test("silhouette matches scikit-learn's precomputed silhouette, singleton cluster included", () => {
  const m = Float32Array.from(D.flat());
  const s = silhouette(m, labels);
  assert.ok(Math.abs(s.mean - sklearnMean) < 1e-12);
  sklearnSamples.forEach((v, i) => assert.ok(Math.abs(s.values[i] - v) < 1e-12, `point ${i}`));
  const per = [0, 1, 2].map((c) => {
    const xs = sklearnSamples.filter((_, i) => labels[i] === c);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  });
  per.forEach((v, c) => assert.ok(Math.abs(s.perCluster[c] - v) < 1e-12));
});

test("silhouette leaves out points labelled -1 and checks its input", () => {
  const m = Float32Array.from(D.flat());
  const s = silhouette(m, [0, 0, 0, 1, 1, 1, -1, 1]);
  assert.ok(Number.isNaN(s.values[6]));
  assert.equal(s.perCluster.length, 2);
  assert.throws(() => silhouette(m, [0, 0, 0, 0, 0, 0, 0, 0]), /non-empty clusters/);
  assert.throws(() => silhouette(m, [0, 1]), /2 labels for a 8 × 8 matrix/);
  assert.throws(() => silhouette(new Float32Array(7), [0]), /must be square/);
});
