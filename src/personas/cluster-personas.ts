import { assignToMedoids } from "../cluster/assign";
import { chooseK, type ChooseKOptions, type KCandidate } from "../cluster/choose-k";
import { gowerMatrix, prepareGower, rowCompleteness, type GowerOptions } from "../cluster/gower";
import type { MixedColumn } from "../cluster/mixed-column";
import { seededRandom } from "../stats/random";
import { sampleIndices } from "../cluster/resample";

/** Options of {@link clusterPersonas}. */
export interface ClusterPersonasOptions extends GowerOptions, Omit<ChooseKOptions, "seed" | "candidates"> {
  /** Rows clustered (the rest are assigned to the nearest medoid); default 2,000. */
  sampleSize?: number;
  /** Seed of the sample and the bootstraps (default 1). */
  seed?: number;
  /**
   * Which sample rows may be medoids: `"most-complete"` (the default) — rows at least as
   * complete as the median sample row, so that a persona's prototype is a well-described
   * customer (a medoid with missing values would look close to everyone on the columns it
   * lacks); `"any"` — every sample row.
   */
  medoids?: "most-complete" | "any";
}

/** Clusters of customers, every row assigned. */
export interface PersonaClustering {
  k: number;
  /** Cluster of every row (0 = the largest in the sample); -1 for a row with no value in any column. */
  labels: Int32Array;
  /** Row index of each cluster's medoid (its most typical customer). */
  medoids: Int32Array;
  /** Gower distance of each row to its medoid (NaN when unassigned). */
  distances: Float64Array;
  /** Rows per cluster. */
  sizes: number[];
  /** Rows with no value in any column (not assigned). */
  unassigned: number;
  /** The rows that were clustered (increasing), and how many of them could be medoids. */
  sample: Int32Array;
  medoidCandidates: number;
  /** Mean silhouette on the sample, and per cluster. */
  silhouette: number;
  clusterSilhouette: number[];
  /** Mean bootstrap stability on the sample, and per cluster. */
  stability: number;
  clusterStability: number[];
  /** Why this k, and every k measured. */
  reason: string;
  table: KCandidate[];
  warnings: string[];
}

/**
 * Finds clusters of customers over mixed attributes, at any size: takes a seeded random
 * sample of at most `sampleSize` rows (rows with at least one value), builds its Gower matrix
 * (`prepareGower`, `gowerMatrix`), chooses k and clusters it (`chooseK`: k-medoids,
 * silhouette, bootstrap stability), then assigns **every** row exactly to its nearest medoid
 * (`assignToMedoids`). Medoids are taken among the most complete sample rows (see
 * `medoids`). Clusters are numbered by their size in the sample, largest first.
 * Same columns and options → same result. The inputs are not modified.
 *
 * @example
 * const employees = Float64Array.from({ length: 60 }, (_, i) => (i < 30 ? 10 + (i % 5) : 5000 + (i % 7)));
 * const industry = Array.from({ length: 60 }, (_, i) => (i < 30 ? "Retail" : "SaaS"));
 * const p = clusterPersonas(
 *   [{ name: "employees", kind: "numeric", values: employees }, { name: "industry", kind: "categorical", values: industry }],
 *   { kMax: 4, bootstraps: 5 },
 * );
 * p.k; // => 2
 */
export function clusterPersonas(columns: readonly MixedColumn[], options: ClusterPersonasOptions = {}): PersonaClustering {
  const { sampleSize = 2000, seed = 1, weights, numeric, medoids: medoidRule = "most-complete", ...kOptions } = options;
  if (!Number.isInteger(sampleSize) || sampleSize < 3) throw new Error(`clusterPersonas: sampleSize must be an integer ≥ 3; got ${sampleSize}`);
  if (medoidRule !== "most-complete" && medoidRule !== "any")
    throw new Error(`clusterPersonas: medoids must be "most-complete" or "any"; got ${String(medoidRule)}`);
  const model = prepareGower(columns, { weights, numeric });
  const completeness = rowCompleteness(model);
  const usable: number[] = [];
  for (let i = 0; i < model.n; i++) if (completeness[i] > 0) usable.push(i);
  if (usable.length < 3) throw new Error(`clusterPersonas: needs at least 3 rows with values; got ${usable.length}`);
  const pick = sampleIndices(usable.length, sampleSize, seededRandom(seed));
  const sample = Int32Array.from(pick, (t) => usable[t]);
  const sampleCompleteness = Float64Array.from(sample, (i) => completeness[i]);
  const median = Float64Array.from(sampleCompleteness).sort()[Math.floor((sample.length - 1) / 2)];
  const candidates = Uint8Array.from(sampleCompleteness, (c) => (medoidRule === "any" || c >= median ? 1 : 0));
  const d = gowerMatrix(model, sample);
  const choice = chooseK(d, { ...kOptions, seed, candidates });
  const k = choice.k;
  const medoids = Int32Array.from(choice.clustering.medoids, (t) => sample[t]);
  const assigned = assignToMedoids(model, medoids);
  const sizes = new Array<number>(k).fill(0);
  for (const l of assigned.labels) if (l >= 0) sizes[l]++;
  const row = choice.table.find((r) => r.k === k)!;
  return {
    k,
    labels: assigned.labels,
    medoids,
    distances: assigned.distances,
    sizes,
    unassigned: model.n - usable.length,
    sample,
    medoidCandidates: candidates.reduce((a, c) => a + c, 0),
    silhouette: row.silhouette,
    clusterSilhouette: row.clusterSilhouette,
    stability: row.stability,
    clusterStability: row.clusterStability,
    reason: choice.reason,
    table: choice.table,
    warnings: choice.warnings,
  };
}
