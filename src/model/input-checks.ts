/**
 * Checks shared by the model functions (internal to this folder). Each throws an `Error` that names the function, the
 * argument, the offending position and value, and what is expected — a wrong call, not weak data.
 */

/** Numbers by position: a `Float64Array`, another typed array or a plain `number[]`. */
export type NumericArray = ArrayLike<number>;

/**
 * Checks that `y` is a 0/1 outcome (1 = won) and returns the counts of each class.
 *
 * @example
 * import { checkOutcome } from "./input-checks";
 * checkOutcome("auc", Uint8Array.from([1, 0, 1])); // => { positives: 2, negatives: 1 }
 */
export function checkOutcome(fn: string, y: ArrayLike<number>, n?: number): { positives: number; negatives: number } {
  if (y == null || typeof y.length !== "number") {
    throw new Error(`${fn}: y must be a Uint8Array of 0 (lost) and 1 (won); got ${String(y)}`);
  }
  if (n !== undefined && y.length !== n) {
    throw new Error(`${fn}: y has ${y.length} values but the scores or columns have ${n}; they must be the same rows`);
  }
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v === 1) positives++;
    else if (v !== 0) {
      throw new Error(`${fn}: y[${i}] is ${v}; the outcome must be 0 (lost) or 1 (won)`);
    }
  }
  return { positives, negatives: y.length - positives };
}

/**
 * Checks that `values` holds `n` finite numbers (`what` names it in the message).
 *
 * @example
 * import { checkFinite } from "./input-checks";
 * checkFinite("auc", "scores", [0.1, 0.7], 2); // returns without error
 */
export function checkFinite(fn: string, what: string, values: NumericArray, n?: number): void {
  if (values == null || typeof values.length !== "number") {
    throw new Error(`${fn}: ${what} must be an array of numbers; got ${String(values)}`);
  }
  if (n !== undefined && values.length !== n) {
    throw new Error(`${fn}: ${what} has ${values.length} values but y has ${n}; they must be the same rows`);
  }
  const bad = values instanceof Float64Array ? firstNonFiniteF64(values) : firstNonFinite(values);
  if (bad >= 0) {
    throw new Error(`${fn}: ${what}[${bad}] is ${values[bad]}; every value must be a finite number (impute or drop missing values first)`);
  }
}

function firstNonFiniteF64(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

function firstNonFinite(values: NumericArray): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/**
 * Checks that `p` holds probabilities in [0, 1].
 *
 * @example
 * import { checkProbabilities } from "./input-checks";
 * checkProbabilities("brierScore", [0, 0.5, 1], 3); // returns without error
 */
export function checkProbabilities(fn: string, p: NumericArray, n?: number): void {
  checkFinite(fn, "probabilities", p, n);
  for (let i = 0; i < p.length; i++) {
    if (p[i] < 0 || p[i] > 1) {
      throw new Error(`${fn}: probabilities[${i}] is ${p[i]}; predicted probabilities must lie in [0, 1]`);
    }
  }
}

/**
 * Checks that `confidence` is a level strictly between 0 and 1.
 *
 * @example
 * import { checkConfidence } from "./input-checks";
 * checkConfidence("aucWithCI", 0.95); // returns without error
 */
export function checkConfidence(fn: string, confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new Error(`${fn}: confidence must be between 0 and 1, e.g. 0.95; got ${confidence}`);
  }
}

/**
 * Copies the selected entries of a column into a new `Float64Array`.
 *
 * @example
 * import { take } from "./input-checks";
 * Array.from(take([5, 6, 7], [2, 0])); // => [7, 5]
 */
export function take(values: NumericArray, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}
