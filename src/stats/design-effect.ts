/**
 * The design effect of a grouped 0/1 outcome over an r-way grouping: how much larger the
 * variance of each group's rate is when rows come in clusters (deals of one account) than if
 * they were independent, averaged over the groups weighted by size and floored at 1. Dividing
 * a Pearson X² by it is the first-order Rao–Scott correction (Rao & Scott, 1981), which keeps
 * tests of account-level attributes honest when accounts have several deals.
 *
 * @param codes the group (bin) of each row, 0-based
 * @param y the outcome of each row, 0/1
 * @param clusters the cluster of each row (-1 = a cluster of its own); not to be changed after a call, as its order by cluster is kept for the next
 * @example
 * import { designEffect } from "./design-effect";
 * // two clusters of identical rows: each cluster counts as one observation, not two
 * designEffect(Int32Array.from([0, 0, 0, 0]), Uint8Array.from([1, 1, 0, 0]), Int32Array.from([0, 0, 1, 1])); // => 2
 */
export function designEffect(codes: Int32Array, y: Uint8Array, clusters: Int32Array): number {
  let groups = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] + 1 > groups) groups = codes[i] + 1;
  const n = new Float64Array(groups);
  const s = new Float64Array(groups);
  for (let i = 0; i < codes.length; i++) {
    n[codes[i]]++;
    s[codes[i]] += y[i];
  }
  const mean = new Float64Array(groups);
  for (let g = 0; g < groups; g++) mean[g] = s[g] / n[g];
  // The between-cluster variance of each group's mean: the squared sum of its residuals in each
  // cluster. Rows are visited cluster by cluster (in increasing cluster order, rows in their
  // order within one), so a cluster's sums are complete when its rows end. Rows without a
  // cluster (-1, first in that order) are clusters of their own: their squared residuals add directly.
  const { order, cluster } = clusterOrder(clusters);
  const perGroupClusters = new Float64Array(groups);
  const between = new Float64Array(groups);
  const sum = new Float64Array(groups);
  // The groups present in the current cluster.
  const inCluster = new Uint8Array(groups);
  const present = new Int32Array(groups);
  let k = 0;
  for (; k < order.length && cluster[k] < 0; k++) {
    const i = order[k];
    const r = y[i] - mean[codes[i]];
    between[codes[i]] += r * r;
    perGroupClusters[codes[i]]++;
  }
  while (k < order.length) {
    const c = cluster[k];
    let m = 0;
    for (; k < order.length && cluster[k] === c; k++) {
      const i = order[k];
      const g = codes[i];
      if (!inCluster[g]) {
        inCluster[g] = 1;
        present[m++] = g;
      }
      sum[g] += y[i] - mean[g];
    }
    for (let j = 0; j < m; j++) {
      const g = present[j];
      between[g] += sum[g] * sum[g];
      perGroupClusters[g]++;
      sum[g] = 0;
      inCluster[g] = 0;
    }
  }
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

/**
 * The rows of a clusters array ordered by cluster (−1 first), rows in their order within one,
 * and each one's cluster in that order: worked out once per array (a counting sort), as the
 * drivers pass the same clusters for every attribute.
 */
const clusterOrders = new WeakMap<Int32Array, { order: Int32Array; cluster: Int32Array }>();
function clusterOrder(clusters: Int32Array): { order: Int32Array; cluster: Int32Array } {
  const known = clusterOrders.get(clusters);
  if (known) return known;
  let count = 0;
  for (let i = 0; i < clusters.length; i++) if (clusters[i] + 2 > count) count = clusters[i] + 2;
  const start = new Int32Array(count + 1);
  for (let i = 0; i < clusters.length; i++) start[clusters[i] + 2]++;
  for (let c = 1; c <= count; c++) start[c] += start[c - 1];
  const order = new Int32Array(clusters.length);
  for (let i = 0; i < clusters.length; i++) order[start[clusters[i] + 1]++] = i;
  const sorted = { order, cluster: Int32Array.from(order, (i) => clusters[i]) };
  clusterOrders.set(clusters, sorted);
  return sorted;
}
