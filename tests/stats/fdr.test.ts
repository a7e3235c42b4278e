import assert from "node:assert/strict";
import { test } from "node:test";
import { benjaminiHochberg } from "../../src/stats/fdr";
import { close, frozen } from "../helpers/assert-close";

test("benjaminiHochberg matches statsmodels multipletests(method='fdr_bh')", () => {
  // /usr/bin/python3 -c "from statsmodels.stats.multitest import multipletests
  // print(list(map(repr, multipletests([0.01,0.04,0.03,0.2,0.5,0.001,0.04,0.9,0.049,1.0], method='fdr_bh')[1])))"
  const p = frozen([0.01, 0.04, 0.03, 0.2, 0.5, 0.001, 0.04, 0.9, 0.049, 1.0]);
  const expected = [0.049999999999999996, 0.08, 0.08, 0.28571428571428575, 0.625, 0.01, 0.08, 1.0, 0.08166666666666668, 1.0];
  const q = benjaminiHochberg(p);
  expected.forEach((e, i) => close(q[i], e, 1e-15, `q[${i}]`));
});

test("q-values: NaN-safe, q ≥ p, capped at 1, monotone in p", () => {
  const q = benjaminiHochberg([0.01, NaN, 0.04, 0.03]);
  assert.ok(Number.isNaN(q[1]));
  close(q[0], 0.03, 1e-15); // m = 3, NaN not counted
  close(q[2], 0.04, 1e-15);
  close(q[3], 0.04, 1e-15);
  let s = 9;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  for (let k = 0; k < 50; k++) {
    const p = Array.from({ length: 30 }, () => (rnd() < 0.3 ? rnd() * 0.01 : rnd()));
    const q = benjaminiHochberg(p);
    const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
    for (let r = 0; r < order.length; r++) {
      const i = order[r];
      assert.ok(q[i] >= p[i] && q[i] <= 1);
      if (r > 0) assert.ok(q[i] >= q[order[r - 1]]);
    }
  }
  assert.equal(benjaminiHochberg([]).length, 0);
  assert.throws(() => benjaminiHochberg([0.5, 1.2]), /p\[1\] = 1.2/);
});
