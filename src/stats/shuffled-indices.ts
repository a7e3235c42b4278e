import { seededRandom } from "./random";

/**
 * The indices `0 … n-1` in a seeded random order (Fisher–Yates over `seededRandom`), in O(n):
 * the same `n` and seed give the same order on every platform.
 *
 * @param n how many indices
 * @param seed any finite number
 * @example
 * import { shuffledIndices } from "leadlab";
 * Array.from(shuffledIndices(5, 1)).sort(); // => [0, 1, 2, 3, 4]
 */
export function shuffledIndices(n: number, seed: number): Uint32Array {
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`shuffledIndices: n must be a non-negative integer; got ${n}`);
  }
  const random = seededRandom(seed);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
