/**
 * The design effect of a grouped 0/1 outcome over an r-way grouping: how much larger the
 * variance of each group's rate is when rows come in clusters (deals of one account) than if
 * they were independent, averaged over the groups weighted by size and floored at 1. Dividing
 * a Pearson X² by it is the first-order Rao–Scott correction (Rao & Scott, 1981), which keeps
 * tests of account-level attributes honest when accounts have several deals.
 *
 * @param codes the group (bin) of each row, 0-based
 * @param y the outcome of each row, 0/1
 * @param clusters the cluster of each row (-1 = a cluster of its own)
 * @example
 * import { designEffect } from "./design-effect";
 * // two clusters of identical rows: each cluster counts as one observation, not two
 * designEffect(Int32Array.from([0, 0, 0, 0]), Uint8Array.from([1, 1, 0, 0]), Int32Array.from([0, 0, 1, 1])); // => 2
 */
export function designEffect(codes: Int32Array, y: Uint8Array, clusters: Int32Array): number {
  const groups = codes.reduce((m, g) => Math.max(m, g), -1) + 1;
  const n = new Float64Array(groups);
  const s = new Float64Array(groups);
  for (let i = 0; i < codes.length; i++) {
    n[codes[i]]++;
    s[codes[i]] += y[i];
  }
  // Sum of residuals per (group, cluster), then the between-cluster variance of each group's mean.
  // Rows without a cluster (-1) are clusters of their own: their squared residuals add directly.
  let clusterCount = 0;
  for (const c of clusters) if (c + 1 > clusterCount) clusterCount = c + 1;
  const residual = new Float64Array(clusterCount * groups);
  const seen = new Uint8Array(clusterCount * groups);
  const perGroupClusters = new Float64Array(groups);
  const between = new Float64Array(groups);
  for (let i = 0; i < codes.length; i++) {
    const g = codes[i];
    const r = y[i] - s[g] / n[g];
    if (clusters[i] < 0) {
      between[g] += r * r;
      perGroupClusters[g]++;
      continue;
    }
    const key = clusters[i] * groups + g;
    if (!seen[key]) {
      seen[key] = 1;
      perGroupClusters[g]++;
    }
    residual[key] += r;
  }
  for (let key = 0; key < residual.length; key++) if (seen[key]) between[key % groups] += residual[key] * residual[key];
  let weighted = 0, total = 0;
  for (let g = 0; g < groups; g++) {
    const p = s[g] / n[g];
    const c = perGroupClusters[g];
    if (n[g] < 2 || c < 2 || p <= 0 || p >= 1) continue;
    const clustered = between[g] / (n[g] * n[g]);
    const independent = (p * (1 - p)) / n[g];
    weighted += n[g] * (clustered / independent);
    total += n[g];
  }
  return total > 0 ? Math.max(1, weighted / total) : 1;
}
