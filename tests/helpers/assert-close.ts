/**
 * Numeric assertions shared by the tests that compare leadlab's statistics with reference values
 * (scipy, statsmodels, scikit-learn, hand-computed), and `frozen` to catch functions that mutate
 * their input.
 */
import assert from "node:assert/strict";

/** Asserts |actual − expected| ≤ tol · max(1, |expected|) (relative for large values, absolute near 0); NaN and ±∞ must match exactly. */
export function close(actual: number, expected: number, tol = 1e-9, what = ""): void {
  if (Number.isNaN(expected)) {
    assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
    return;
  }
  if (!Number.isFinite(expected)) {
    assert.equal(actual, expected, what);
    return;
  }
  const err = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  assert.ok(err <= tol, `${what}: ${actual} vs ${expected} (error ${err.toExponential(2)} > ${tol})`);
}

/** Asserts relative closeness |a − e| ≤ tol · |e| (for tiny tail probabilities); an expected 0 needs |actual| < 1e-300. */
export function relClose(actual: number, expected: number, tol = 1e-9, what = ""): void {
  if (expected === 0) {
    assert.ok(Math.abs(actual) < 1e-300, `${what}: expected 0, got ${actual}`);
    return;
  }
  const err = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(err <= tol, `${what}: ${actual} vs ${expected} (relative error ${err.toExponential(2)} > ${tol})`);
}

/** Asserts the absolute difference |actual − expected| ≤ tol. */
export function closeAbs(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} differs from ${expected} by more than ${tol}`);
}

/** `closeAbs` element by element, after checking the lengths. */
export function closeAllAbs(actual: readonly number[], expected: readonly number[], tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((v, i) => closeAbs(v, expected[i], tol, `${what}[${i}]`));
}

/** Deep-freezes arrays and objects so a test fails if a function mutates its input. */
export function frozen<T>(x: T): T {
  if (x && typeof x === "object" && !ArrayBuffer.isView(x)) {
    for (const v of Object.values(x as object)) frozen(v);
    Object.freeze(x);
  }
  return x;
}
