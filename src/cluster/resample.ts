/**
 * `size` distinct integers drawn uniformly from `0..n-1` (partial Fisher–Yates), returned in
 * increasing order. When `size >= n` every index is returned. Cost O(n).
 *
 * @example
 * import { seededRandom } from "leadlab";
 * const s = sampleIndices(10, 3, seededRandom(1));
 * s.length; // => 3
 * s[0] < s[1] && s[1] < s[2]; // => true
 */
export function sampleIndices(n: number, size: number, random: () => number): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new Error(`sampleIndices: n must be a non-negative integer; got ${n}`);
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, size).sort();
}

/**
 * A bootstrap resample of `0..n-1` (n draws with replacement), as the distinct indices drawn
 * (increasing) and how many times each was drawn.
 *
 * @example
 * import { seededRandom } from "leadlab";
 * const b = bootstrapIndices(5, seededRandom(3));
 * b.counts.reduce((s, c) => s + c, 0); // => 5
 */
export function bootstrapIndices(n: number, random: () => number): { indices: Int32Array; counts: Int32Array } {
  const counts = new Int32Array(n);
  for (let d = 0; d < n; d++) counts[Math.floor(random() * n)]++;
  let m = 0;
  for (let i = 0; i < n; i++) if (counts[i] > 0) m++;
  const indices = new Int32Array(m);
  const c = new Int32Array(m);
  for (let i = 0, t = 0; i < n; i++) {
    if (counts[i] > 0) {
      indices[t] = i;
      c[t++] = counts[i];
    }
  }
  return { indices, counts: c };
}
