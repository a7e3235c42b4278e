import assert from "node:assert/strict";
import { test } from "node:test";
import { selectKth } from "../../src/stats/select-kth";

test("selectKth gives every order statistic a sort gives, with ties, and leaves each side of it on its side", () => {
  let seed = 11;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (const [n, levels] of [[1, 5], [2, 5], [3, 2], [17, 3], [200, 1000], [1001, 7], [500, 1]]) {
    const values = Float64Array.from({ length: n }, () => Math.floor(rnd() * levels) - levels / 2);
    const sorted = Float64Array.from(values).sort();
    for (let k = 0; k < n; k++) {
      const x = Float64Array.from(values);
      const got = selectKth(x, k);
      assert.equal(got, sorted[k], `n ${n}, k ${k}`);
      for (let i = 0; i < k; i++) assert.ok(x[i] <= got, `n ${n}, k ${k}: x[${i}] on the left`);
      for (let i = k + 1; i < n; i++) assert.ok(x[i] >= got, `n ${n}, k ${k}: x[${i}] on the right`);
      assert.deepEqual(Float64Array.from(x).sort(), sorted, "the same values, reordered");
    }
  }
});

test("selectKth within a range searches it only; a k outside it is an error", () => {
  const x = Float64Array.from([100, 5, 3, 4, -100]);
  assert.equal(selectKth(x, 2, 1, 4), 4);
  assert.deepEqual([x[0], x[4]], [100, -100]);
  assert.throws(() => selectKth(x, 4, 1, 4), /^Error: selectKth: k must be in \[1, 4\); got 4$/);
});
