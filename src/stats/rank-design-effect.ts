/**
 * The design effect of group mean ranks when rows come in clusters (deals of one account): for
 * each group g, the variance of its mean rank computed between clusters, Σ_c (Σ_{i∈c} e_i)², over
 * the variance if rows were independent, Σ_i e_i², with e_i = rank_i − mean rank of g; averaged
 * over the groups weighted by size and floored at 1. Dividing the Kruskal–Wallis H by it is the
 * rank analogue of the first-order Rao–Scott correction the win drivers apply to X²
 * (see `designEffect`): deals of one account share their size, so they count for less than as
 * many independent deals.
 *
 * @param ranks the rank of each row among all rows
 * @param codes the group of each row, 0-based
 * @param clusters the cluster of each row as a code 0, 1, … (as `accountCodes` gives; -1 = a cluster of its own): memory grows with the largest code times the groups
 * @example
 * import { rankDesignEffect } from "./rank-design-effect";
 * // each cluster holds two identical rows: they count as one observation, not two
 * rankDesignEffect([1.5, 1.5, 3.5, 3.5, 5.5, 5.5, 7.5, 7.5], Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3])); // => 2
 */
export function rankDesignEffect(ranks: ArrayLike<number>, codes: Int32Array, clusters: Int32Array): number {
  let groups = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= groups) groups = codes[i] + 1;
  const n = new Float64Array(groups);
  const sum = new Float64Array(groups);
  for (let i = 0; i < codes.length; i++) (n[codes[i]]++, (sum[codes[i]] += ranks[i]));
  // summed residual per (cluster, group), in the order the pairs first appear (as a Map would keep them)
  let clusterCodes = 0;
  for (let i = 0; i < clusters.length; i++) if (clusters[i] >= clusterCodes) clusterCodes = clusters[i] + 1;
  const slot = new Int32Array(clusterCodes * groups).fill(-1);
  const keys = new Int32Array(codes.length);
  const residual = new Float64Array(codes.length);
  let pairs = 0;
  const within = new Float64Array(groups);
  const between = new Float64Array(groups);
  const clusterCount = new Float64Array(groups);
  for (let i = 0; i < codes.length; i++) {
    const g = codes[i];
    const e = ranks[i] - sum[g] / n[g];
    within[g] += e * e;
    if (clusters[i] < 0) {
      between[g] += e * e;
      clusterCount[g]++;
      continue;
    }
    const key = clusters[i] * groups + g;
    if (slot[key] < 0) {
      slot[key] = pairs;
      keys[pairs++] = key;
      clusterCount[g]++;
    }
    residual[slot[key]] += e;
  }
  for (let s = 0; s < pairs; s++) between[keys[s] % groups] += residual[s] * residual[s];
  let weighted = 0, total = 0;
  for (let g = 0; g < groups; g++) {
    if (n[g] < 2 || clusterCount[g] < 2 || within[g] <= 0) continue;
    weighted += n[g] * (between[g] / within[g]);
    total += n[g];
  }
  return total > 0 ? Math.max(1, weighted / total) : 1;
}
