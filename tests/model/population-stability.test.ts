import assert from "node:assert/strict";
import { test } from "node:test";
import { PSI_THRESHOLDS, populationStability, readPsi } from "../../src/model/population-stability";
import { closeAbs } from "../helpers/assert-close";

test("PSI of shares 25/25/25/25 → 10/20/30/40 is Σ (a − e) ln(a / e)", () => {
  // e = np.array([0.25] * 4); q = np.array([0.1, 0.2, 0.3, 0.4]); np.sum((q - e) * np.log(q / e))
  const expected = [1, 2, 3, 4].flatMap((v) => Array<number>(25).fill(v));
  const actual = [1, 2, 3, 4].flatMap((v, k) => Array<number>(10 * (k + 1)).fill(v));
  const r = populationStability(expected, actual, { cuts: [1, 2, 3] });
  closeAbs(r.psi, 0.22821740957339182, 1e-12, "psi");
  assert.equal(r.reading, "moderate");
  assert.deepEqual(
    r.bins.map((b) => [b.from, b.to, b.expectedN, b.actualN]),
    [
      [-Infinity, 1, 25, 10],
      [1, 2, 25, 20],
      [2, 3, 25, 30],
      [3, Infinity, 25, 40],
    ],
  );
  closeAbs(
    r.bins.reduce((s, b) => s + b.contribution, 0),
    r.psi,
    1e-15,
    "contributions add up",
  );
  assert.deepEqual(r.warnings, []);
});

test("PSI over the deciles of the expected scores matches numpy", () => {
  // With a, b from the metrics fixture (tests/model/metrics.test.ts):
  // cuts = np.unique(np.percentile(a, np.arange(1, 10) * 10))
  // ea = np.bincount(np.searchsorted(cuts, a), minlength=len(cuts) + 1) / len(a)   (same for b)
  // np.sum((eb - ea) * np.log(eb / ea))
  let s = 777;
  const next = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 400; i++) {
    const u1 = next();
    next();
    const u3 = next();
    const v = Math.floor(u1 * 50 + 0.5) / 50;
    a.push(v);
    b.push(Math.floor(((v + u3) / 2) * 20 + 0.5) / 20);
  }
  const r = populationStability(a, b);
  assert.deepEqual(
    r.bins.map((x) => x.to).slice(0, -1),
    [0.1, 0.22, 0.3, 0.4, 0.5, 0.58, 0.7, 0.78, 0.9],
  );
  closeAbs(r.psi, 0.36802821183434403, 1e-12, "psi");
  assert.equal(r.reading, "major");
});

test("PSI of identical distributions is 0; the readings follow the usual thresholds", () => {
  const x = Float64Array.from({ length: 500 }, (_, i) => Math.sin(i) * 10);
  const r = populationStability(x, Float64Array.from(x).reverse());
  assert.equal(r.psi, 0);
  assert.equal(r.reading, "stable");
  assert.equal(r.bins.length, 10);
  assert.deepEqual(PSI_THRESHOLDS, { moderate: 0.1, major: 0.25 });
  assert.equal(readPsi(0.0999), "stable");
  assert.equal(readPsi(0.1), "moderate");
  assert.equal(readPsi(0.25), "moderate");
  assert.equal(readPsi(0.2501), "major");
});

test("an empty bin on one side is floored, with a warning naming it", () => {
  const r = populationStability([1, 1, 2, 2], [1, 1, 1, 1], { cuts: [1] });
  // Bin 2 has share 0.5 expected, 0 actual → 1e-4: (1e-4 − 0.5)·ln(1e-4 / 0.5) + (1 − 0.5)·ln(1 / 0.5)
  closeAbs(r.psi, (1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2), 1e-12, "psi");
  assert.ok(r.warnings.some((w) => /bin 2 is empty on one side/.test(w)), r.warnings.join("\n"));
  assert.throws(() => populationStability([1], [1], { cuts: [2, 1] }), /cuts must be strictly increasing/);
  assert.throws(() => populationStability([], [1]), /both distributions need rows/);
});
