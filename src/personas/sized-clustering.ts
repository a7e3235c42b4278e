import { clusterPersonas, type ClusterPersonasOptions, type PersonaClustering } from "./cluster-personas";
import type { MixedColumn } from "../cluster/mixed-column";

/** Options of {@link clusterWithMinimumSize}. */
export interface SizedClusteringOptions extends ClusterPersonasOptions {
  /** Smallest share of the clustered sample a cluster must hold for its k to be chosen (default 0.05). */
  minShare?: number;
  /** … and the smallest number of sample rows (default 10). */
  minSize?: number;
}

/**
 * {@link clusterPersonas} with one more condition on the choice of k: **every cluster must hold
 * at least `minShare` of the clustered sample (and `minSize` rows)**. Silhouette alone rewards
 * splitting off a handful of odd customers — a "persona" of five customers is no persona — so
 * the rule becomes: the highest silhouette among the k whose clusters are all that large and
 * whose mean stability is ≥ `minStability`; else the most stable of the k that are large
 * enough; when no k is large enough, clusterPersonas' own choice, with a warning. When that
 * changes k, the chosen k is clustered again on its own (same seed, same sample: the same
 * clustering as in the table of every k, which is kept). With `k` given, nothing changes.
 *
 * @example
 * const x = Float64Array.from({ length: 203 }, (_, i) => (i < 100 ? i % 10 : i < 200 ? 100 + (i % 10) : 400 + i));
 * const p = clusterWithMinimumSize([{ name: "x", kind: "numeric", values: x }], { bootstraps: 4, kMax: 4 });
 * Math.min(...p.sizes) >= 10; // => true (the three far points are not a cluster of their own)
 */
export function clusterWithMinimumSize(columns: readonly MixedColumn[], options: SizedClusteringOptions = {}): PersonaClustering {
  const { minShare = 0.05, minSize = 10, ...rest } = options;
  if (!(minShare >= 0 && minShare < 1)) throw new Error(`clusterWithMinimumSize: minShare must be in [0, 1); got ${minShare}`);
  if (!(Number.isInteger(minSize) && minSize >= 1)) throw new Error(`clusterWithMinimumSize: minSize must be a positive integer; got ${minSize}`);
  const first = clusterPersonas(columns, rest);
  if (rest.k !== undefined) return first;
  const floor = Math.max(minSize, Math.ceil(minShare * first.sample.length));
  const large = first.table.filter((c) => Math.min(...c.sizes) >= floor);
  const describe = `every cluster ≥ ${floor} of the ${first.sample.length} customers clustered`;
  if (large.length === 0)
    return { ...first, warnings: [...first.warnings, `no k gives clusters of at least ${floor} customers each; k = ${first.k} has clusters of ${Math.min(...first.sizes)}`] };
  const minStability = rest.minStability ?? 0.75;
  const stable = large.filter((c) => c.stability >= minStability);
  const pick = stable.length
    ? stable.reduce((b, c) => (c.silhouette > b.silhouette ? c : b))
    : large.reduce((b, c) => (c.stability > b.stability ? c : b));
  const reason = stable.length
    ? `highest silhouette (${pick.silhouette.toFixed(3)}) among k with mean stability ≥ ${minStability} and ${describe} (${stable.map((c) => c.k).join(", ")})`
    : `no k with ${describe} reached mean stability ${minStability}; the most stable of them (${pick.stability.toFixed(3)})`;
  if (pick.k === first.k) return { ...first, reason };
  const again = clusterPersonas(columns, { ...rest, kMin: undefined, kMax: undefined, k: pick.k });
  return {
    ...again,
    reason,
    table: first.table,
    warnings: [
      ...again.warnings,
      ...(stable.length ? [] : [`no k from ${first.table[0].k} to ${first.table[first.table.length - 1].k} with ${describe} has mean bootstrap stability ≥ ${minStability}`]),
    ],
  };
}
