import { squareMatrix } from "./k-medoids";

/** Silhouette of a clustering. */
export interface SilhouetteResult {
  /** Mean silhouette over the clustered points, in [-1, 1]. */
  mean: number;
  /** Mean silhouette of each cluster's points (index = label; NaN for an empty cluster). */
  perCluster: number[];
  /** Silhouette of each point (NaN for a point with a negative label). */
  values: Float64Array;
}

/**
 * Silhouette (Rousseeuw 1987) of a labelling of the n points of a full n × n distance matrix
 * (row-major): for point i, a = mean distance to the other points of its cluster, b = the
 * smallest mean distance to another cluster, s = (b − a) / max(a, b); s = 0 for a point alone
 * in its cluster (as scikit-learn's `silhouette_score(metric="precomputed")`). Points with a
 * negative label are left out. Needs 2 ≤ clusters ≤ points − 1. Cost O(n²).
 *
 * @example
 * const x = [0, 1, 10, 11];
 * const d = Float32Array.from(x.flatMap((a) => x.map((b) => Math.abs(a - b))));
 * silhouette(d, [0, 0, 1, 1]).mean; // => 0.8997… (a = 1; b = 10.5 for 0 and 11, 9.5 for 1 and 10)
 */
export function silhouette(matrix: ArrayLike<number>, labels: ArrayLike<number>): SilhouetteResult {
  const { d, n } = squareMatrix(matrix, "silhouette");
  if (labels.length !== n) throw new Error(`silhouette: ${labels.length} labels for a ${n} × ${n} matrix`);
  let k = 0;
  let used = 0;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (!Number.isInteger(l)) throw new Error(`silhouette: label of point ${i} must be an integer; got ${l}`);
    if (l >= 0) {
      used++;
      if (l + 1 > k) k = l + 1;
    }
  }
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) if (labels[i] >= 0) sizes[labels[i]]++;
  let nonEmpty = 0;
  for (const s of sizes) if (s > 0) nonEmpty++;
  if (nonEmpty < 2 || nonEmpty > used - 1)
    throw new Error(`silhouette: needs between 2 and ${used - 1} non-empty clusters (points − 1); got ${nonEmpty}`);
  const values = new Float64Array(n).fill(NaN);
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const li = labels[i];
    if (li < 0) continue;
    sums.fill(0);
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const lj = labels[j];
      if (lj >= 0) sums[lj] += d[row + j];
    }
    if (sizes[li] === 1) {
      values[i] = 0;
      continue;
    }
    const a = sums[li] / (sizes[li] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== li && sizes[c] > 0 && sums[c] / sizes[c] < b) b = sums[c] / sizes[c];
    const m = Math.max(a, b);
    values[i] = m > 0 ? (b - a) / m : 0;
  }
  const perSum = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] < 0) continue;
    perSum[labels[i]] += values[i];
    total += values[i];
  }
  return {
    mean: total / used,
    perCluster: Array.from(perSum, (s, c) => (sizes[c] > 0 ? s / sizes[c] : NaN)),
    values,
  };
}
