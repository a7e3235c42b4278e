import { test } from "node:test";
import assert from "node:assert/strict";
import { adjustedRandIndex } from "../../src/cluster/adjusted-rand";

// Expected values from scikit-learn 1.2.1 (Debian's python3-sklearn):
//   /usr/bin/python3 -c 'from sklearn.metrics import adjusted_rand_score as f;
//     print(repr(f([0,0,0,1,1,1,2,2,2,2,0,1,2,0,1,3,3,3,0,2], [1,1,0,0,0,2,2,2,1,2,1,0,2,1,0,3,3,1,1,2])),
//           repr(f([0,0,1,2],[0,0,1,1])), repr(f([0,0,0,0],[0,1,2,3])),
//           repr(f(["x","x","y","y","z","z"],[0,0,0,1,1,1])), repr(f([0,1,0,1,0,1,0,1],[0,0,1,1,0,0,1,1])))'
//   → 0.4761831827232348 0.5714285714285714 0.0 0.24242424242424243 -0.16666666666666666
const cases: [(number | string)[], (number | string)[], number][] = [
  [[0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1, 2, 0, 1, 3, 3, 3, 0, 2], [1, 1, 0, 0, 0, 2, 2, 2, 1, 2, 1, 0, 2, 1, 0, 3, 3, 1, 1, 2], 0.4761831827232348],
  [[0, 0, 1, 2], [0, 0, 1, 1], 0.5714285714285714],
  [[0, 0, 0, 0], [0, 1, 2, 3], 0.0],
  [["x", "x", "y", "y", "z", "z"], [0, 0, 0, 1, 1, 1], 0.24242424242424243],
  [[0, 1, 0, 1, 0, 1, 0, 1], [0, 0, 1, 1, 0, 0, 1, 1], -0.16666666666666666],
];

test("adjustedRandIndex matches scikit-learn", () => {
  for (const [a, b, want] of cases) {
    assert.ok(Math.abs(adjustedRandIndex(a, b) - want) < 1e-12, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    assert.ok(Math.abs(adjustedRandIndex(b, a) - want) < 1e-12, "symmetric");
  }
});

test("adjustedRandIndex: renaming labels does not change it; identical partitions give 1", () => {
  const a = [0, 0, 1, 1, 2, 2, 2];
  assert.equal(adjustedRandIndex(a, a.map((x) => (x + 1) * 7)), 1);
  assert.equal(adjustedRandIndex([5, 5, 5], [1, 1, 1]), 1);
  assert.equal(adjustedRandIndex([0, 1, 2], [2, 1, 0]), 1);
});

test("adjustedRandIndex: large labellings stay exact", () => {
  const n = 30000;
  const a = Int32Array.from({ length: n }, (_, i) => i % 3);
  const b = Int32Array.from({ length: n }, (_, i) => (i % 3 === 2 && i % 100 === 0 ? 1 : i % 3));
  const v = adjustedRandIndex(a, b);
  assert.ok(v > 0.97 && v < 1);
  assert.throws(() => adjustedRandIndex([0, 1], [0]), /differ in length/);
});
