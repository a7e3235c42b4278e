import { kMedoids, pamBuild, squareMatrix, type DistanceMatrix, type KMedoidsResult } from "./k-medoids";
import { silhouette } from "./silhouette";
import { bootstrapStabilities } from "./stability";

/** Options of {@link chooseK}. */
export interface ChooseKOptions {
  /** Smallest k tried (default 2). */
  kMin?: number;
  /** Largest k tried (default 8; at most points − 1). */
  kMax?: number;
  /** Use this k instead of choosing (it is still measured and reported). */
  k?: number;
  /** Bootstrap resamples per k for stability (default 20). */
  bootstraps?: number;
  /** Seed of the resampling (default 1); every k sees the same resamples. */
  seed?: number;
  /** Mean stability a k needs to be chosen on silhouette (default 0.75). */
  minStability?: number;
  /** Which points may be medoids (truthy = may); default every point. */
  candidates?: ArrayLike<boolean | number>;
}

/** One row of the k table. */
export interface KCandidate {
  k: number;
  /** Mean silhouette on the matrix's points, and per cluster. */
  silhouette: number;
  clusterSilhouette: number[];
  /** Mean bootstrap Jaccard stability, and per cluster. */
  stability: number;
  clusterStability: number[];
  /** Points per cluster. */
  sizes: number[];
  /** Total distance of the points to their medoids. */
  cost: number;
}

/** The chosen number of clusters, why, and every k measured. */
export interface ChooseKResult {
  k: number;
  /** The rule that picked k, in words. */
  reason: string;
  /** The clustering for the chosen k. */
  clustering: KMedoidsResult;
  /** Every k tried, in increasing k. */
  table: KCandidate[];
  /** Weak-structure warnings (low silhouette, unstable clusters). */
  warnings: string[];
}

interface ResolvedChooseKOptions {
  ks: number[];
  fixed: boolean;
  bootstraps: number;
  seed: number;
  minStability: number;
  candidates: Uint8Array;
}

/**
 * Chooses the number of k-medoids clusters of the points of a full distance matrix (usually a
 * sample's Gower matrix). Every k in kMin..kMax is clustered (`kMedoids`, BUILD start) and
 * measured by mean silhouette and mean bootstrap stability (`bootstrapStability`). The rule:
 * **the highest silhouette among the k whose mean stability ≥ `minStability` (0.75); when no k
 * is that stable, the most stable k**; ties go to the smaller k. With `k` given, only that k is
 * measured and it is used. Warns when the chosen silhouette is below 0.25 (Kaufman &
 * Rousseeuw: "no substantial structure") and when a cluster's stability is ≤ 0.5 (it dissolves
 * under resampling). Deterministic for a given seed.
 *
 * @example
 * const x = [0, 1, 2, 20, 21, 22, 40, 41, 42];
 * const d = Float32Array.from(x.flatMap((a) => x.map((b) => Math.abs(a - b))));
 * chooseK(d, { kMax: 4, bootstraps: 5 }).k; // => 3
 */
export function chooseK(matrix: ArrayLike<number>, options: ChooseKOptions = {}): ChooseKResult {
  const { d, n } = squareMatrix(matrix, "chooseK");
  return chooseKResolved(d, resolveChooseKOptions(options, n));
}

function resolveChooseKOptions(o: ChooseKOptions, n: number): ResolvedChooseKOptions {
  const int = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`chooseK: ${name} must be an integer in ${lo}..${hi}; got ${v}`);
    return v;
  };
  if (n < 3) throw new Error(`chooseK: needs at least 3 points to compare clusterings; got ${n}`);
  const bootstraps = int("bootstraps", o.bootstraps ?? 20, 1, 10_000);
  const seed = o.seed ?? 1;
  const minStability = o.minStability ?? 0.75;
  if (!(minStability >= 0 && minStability <= 1)) throw new Error(`chooseK: minStability must be in [0, 1]; got ${minStability}`);
  if (o.candidates && o.candidates.length !== n) throw new Error(`chooseK: candidates has ${o.candidates.length} values for ${n} points`);
  const candidates = Uint8Array.from({ length: n }, (_, i) => (o.candidates ? (o.candidates[i] ? 1 : 0) : 1));
  const allowed = candidates.reduce((a, c) => a + c, 0);
  if (o.k !== undefined) {
    if (o.kMin !== undefined || o.kMax !== undefined) throw new Error("chooseK: give either k (fixed) or kMin/kMax (a range to choose from), not both");
    return { ks: [int("k", o.k, 2, Math.min(n - 1, allowed))], fixed: true, bootstraps, seed, minStability, candidates };
  }
  const kMin = int("kMin", o.kMin ?? 2, 2, n - 1);
  const kMax = Math.min(int("kMax", o.kMax ?? 8, kMin, Number.MAX_SAFE_INTEGER), n - 1, allowed);
  if (kMax < kMin) throw new Error(`chooseK: only ${allowed} points may be medoids; kMin = ${kMin} needs at least kMin`);
  return { ks: Array.from({ length: kMax - kMin + 1 }, (_, i) => kMin + i), fixed: false, bootstraps, seed, minStability, candidates };
}

function chooseKResolved(d: DistanceMatrix, o: ResolvedChooseKOptions): ChooseKResult {
  // BUILD is greedy: one run for the largest k gives the start of every k
  const candidates = o.candidates;
  const start = pamBuild(d, o.ks[o.ks.length - 1], { candidates });
  const clusterings = o.ks.map((k) => kMedoids(d, k, { init: start.subarray(0, k), candidates }));
  const stability = bootstrapStabilities(
    d,
    clusterings.map((c, i) => ({ k: o.ks[i], labels: c.labels })),
    { bootstraps: o.bootstraps, seed: o.seed, candidates },
  );
  const table: KCandidate[] = clusterings.map((cl, i) => {
    const k = o.ks[i];
    const sil = silhouette(d, cl.labels);
    const sizes = new Array<number>(k).fill(0);
    for (const l of cl.labels) sizes[l]++;
    return {
      k,
      silhouette: sil.mean,
      clusterSilhouette: sil.perCluster,
      stability: stability[i].mean,
      clusterStability: stability[i].perCluster,
      sizes,
      cost: cl.cost,
    };
  });
  let pick: number;
  let reason: string;
  if (o.fixed) {
    pick = 0;
    reason = `k = ${o.ks[0]} was given`;
  } else {
    const stable = table.map((_, i) => i).filter((i) => table[i].stability >= o.minStability);
    if (stable.length > 0) {
      pick = stable.reduce((b, i) => (table[i].silhouette > table[b].silhouette ? i : b));
      reason = `highest silhouette (${fmt(table[pick].silhouette)}) among k with mean stability ≥ ${o.minStability} (${stable.map((i) => table[i].k).join(", ")})`;
    } else {
      pick = table.reduce((b, _, i) => (table[i].stability > table[b].stability ? i : b), 0);
      reason = `no k reached mean stability ${o.minStability}; the most stable k (${fmt(table[pick].stability)})`;
    }
  }
  const chosen = table[pick];
  const warnings: string[] = [];
  if (chosen.silhouette < 0.25)
    warnings.push(
      `weak structure: mean silhouette ${fmt(chosen.silhouette)} at k = ${chosen.k} is below 0.25, so the clusters are slices of a continuum rather than distinct groups`,
    );
  if (!o.fixed && !table.some((r) => r.stability >= o.minStability))
    warnings.push(`no k from ${o.ks[0]} to ${o.ks[o.ks.length - 1]} has mean bootstrap stability ≥ ${o.minStability}`);
  chosen.clusterStability.forEach((s, c) => {
    if (s <= 0.5) warnings.push(`cluster ${c} of k = ${chosen.k} is unstable: mean bootstrap Jaccard ${fmt(s)} ≤ 0.5`);
  });
  return { k: chosen.k, reason, clustering: clusterings[pick], table, warnings };
}

function fmt(x: number): string {
  return x.toFixed(3);
}
