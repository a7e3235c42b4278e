import assert from "node:assert/strict";
import { test } from "node:test";
import { assignToCuts, quantileCuts, quantiles } from "../../src/model/quantile-cuts";
import { shuffledIndices } from "../../src/stats/shuffled-indices";

test("quantiles match numpy.percentile's default (linear) method", () => {
  // np.percentile([3.1, 0.2, 7.7, 1.5, 9.0, 4.4, 2.2], [10, 25, 50, 90, 97.5, 33.3])
  const expected = [0.9800000000000001, 1.85, 3.1, 8.22, 8.805, 2.1986];
  const got = quantiles([3.1, 0.2, 7.7, 1.5, 9.0, 4.4, 2.2], [0.1, 0.25, 0.5, 0.9, 0.975, 0.333]);
  got.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12, `${v} vs ${expected[i]}`));
  assert.deepEqual(quantiles([5], [0, 0.5, 1]), [5, 5, 5]);
});

test("quantile cuts drop repeated values and bins follow searchsorted(side='left')", () => {
  // np.percentile([0, 0, 0, 0, 0, 0, 1, 2, 3, 4], [25, 50, 75]) -> [0, 0, 1.75]
  assert.deepEqual(quantileCuts([0, 0, 0, 0, 0, 0, 1, 2, 3, 4], 4), [0, 1.75]);
  assert.deepEqual(Array.from(assignToCuts([-1, 0, 0.5, 1.5, 1.6, 9], [0, 1.5])), [0, 0, 1, 1, 2, 2]);
  assert.throws(() => assignToCuts([1], [2, 2]), /strictly increasing/);
  assert.throws(() => quantileCuts([1, 2], 0), /bins must be a positive integer/);
});

test("shuffledIndices is a seeded permutation", () => {
  const a = shuffledIndices(1000, 3);
  assert.deepEqual(
    Array.from(a).sort((x, y) => x - y),
    Array.from({ length: 1000 }, (_, i) => i),
  );
  assert.deepEqual(shuffledIndices(1000, 3), a);
  assert.notDeepEqual(shuffledIndices(1000, 4), a);
  assert.deepEqual(shuffledIndices(0, 1), new Uint32Array(0));
});
