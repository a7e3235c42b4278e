import assert from "node:assert/strict";
import { test } from "node:test";
import { wilsonInterval } from "../../src/stats/wilson";
import { close } from "../helpers/assert-close";

// /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint
// for s,n,a in [(8,10,0.05),(0,10,0.05),(10,10,0.05),(1,3,0.05),(45,120,0.05),(45,120,0.1),(500,100000,0.01),(3,7,0.2)]:
//     lo,hi=proportion_confint(s,n,alpha=a,method='wilson'); print(s,n,1-a,repr(lo),repr(hi))"
const REF: [number, number, number, number, number][] = [
  [8, 10, 0.95, 0.49016247153664183, 0.9433178485456247],
  [0, 10, 0.95, 0.0, 0.27753279986288926],
  [10, 10, 0.95, 0.7224672001371106, 1.0],
  [1, 3, 0.95, 0.06149194472039626, 0.7923403991979523],
  [45, 120, 0.95, 0.293524297864468, 0.464230493740208],
  [45, 120, 0.9, 0.30581624460050116, 0.44969602358628136],
  [500, 100000, 0.99, 0.004457390553752593, 0.00560829056472322],
  [3, 7, 0.8, 0.22598811161452578, 0.6583029463790934],
];

test("wilsonInterval matches statsmodels proportion_confint(method='wilson') to 1e-12", () => {
  for (const [s, n, conf, lo, hi] of REF) {
    const w = wilsonInterval(s, n, conf);
    close(w.rate, s / n, 0);
    close(w.lo, lo, 1e-12, `lo ${s}/${n}`);
    close(w.hi, hi, 1e-12, `hi ${s}/${n}`);
  }
});

test("wilsonInterval: n = 0, bounds and containment", () => {
  const z = wilsonInterval(0, 0);
  assert.ok(Number.isNaN(z.rate));
  assert.equal(z.lo, 0);
  assert.equal(z.hi, 1);
  assert.equal(wilsonInterval(0, 5).lo, 0);
  assert.equal(wilsonInterval(5, 5).hi, 1);
  for (let n = 1; n <= 40; n += 3)
    for (let s = 0; s <= n; s++) {
      const w = wilsonInterval(s, n);
      assert.ok(0 <= w.lo && w.lo <= w.rate && w.rate <= w.hi && w.hi <= 1, `${s}/${n}`);
      const wide = wilsonInterval(s, n, 0.99);
      assert.ok(wide.lo <= w.lo + 1e-15 && wide.hi >= w.hi - 1e-15, `99 % contains 95 % for ${s}/${n}`);
    }
  assert.throws(() => wilsonInterval(3, 2), /successes must be in \[0, n\] = \[0, 2\]; got 3/);
  assert.throws(() => wilsonInterval(1, 2, 1), /confidence must be in \(0, 1\); got 1/);
});
