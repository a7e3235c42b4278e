import { quantileSorted } from "simple-statistics";
import { benjaminiHochberg } from "../stats/fdr";
import { fisherExact } from "../stats/fisher-exact";
import { wilsonInterval } from "../stats/wilson";
import { checkMixedColumns, type MixedColumn, type MixedKind } from "../cluster/mixed-column";

/** Options of {@link clusterTraits}. */
export interface TraitOptions {
  /** Smallest in-cluster share for a value to count as a trait (default 0.1). */
  minShare?: number;
  /** Smallest number of cluster rows with the value (default 5). */
  minCount?: number;
  /** A trait must have lift above this (default 1: over-represented in the cluster). */
  minLift?: number;
  /** Confidence of the Wilson interval (default 0.95). */
  confidence?: number;
}

/** One distinguishing trait of a cluster. */
export interface Trait {
  attribute: string;
  kind: MixedKind;
  /** The value (`"SaaS"`, `"true"`, a multi value), or a numeric band such as `"200–2,000"`. */
  value: string;
  /** Cluster rows with the value (in the band), and cluster rows where the attribute is known. */
  count: number;
  n: number;
  /** Share of the cluster with the value, and of all rows (both among known values). */
  share: number;
  overallShare: number;
  /** share / overallShare. */
  lift: number;
  /** Wilson interval of `share`. */
  lo: number;
  hi: number;
  /** Fisher's exact test (two-sided) of the share in the cluster against the share in the other rows. */
  p: number;
  /** Benjamini–Hochberg q-value across every value tested for this cluster. */
  q: number;
  /** Numeric attributes: the band `[from, to)` (closed at the overall maximum) and the medians. */
  band?: { from: number; to: number };
  clusterMedian?: number;
  overallMedian?: number;
}

interface ResolvedTraitOptions {
  minShare: number;
  minCount: number;
  minLift: number;
  confidence: number;
}

/**
 * The traits that distinguish one cluster from all customers. For a categorical, boolean or
 * multi-valued attribute, every value: its share in the cluster and overall (among rows where
 * the attribute is known), the lift, a Wilson interval on the in-cluster share, and Fisher's
 * exact test of cluster against the other rows. For a numeric attribute: the cluster and
 * overall medians, and the band of overall quartiles (one quartile, or two adjacent ones) the
 * cluster concentrates in — the band with the highest lift among those holding at least half
 * the cluster (`"employees 200–2,000"`), tested the same way. Traits with lift > `minLift`,
 * share ≥ `minShare` and count ≥ `minCount` are returned, by lift (then share) descending;
 * q-values are Benjamini–Hochberg over every value tested. Rows with label -1 count in
 * "overall" only. Quartiles and medians as simple-statistics' `quantileSorted`.
 *
 * @example
 * const industry = ["SaaS", "SaaS", "SaaS", "SaaS", "SaaS", "Retail", "Retail", "Retail", "Retail", "SaaS"];
 * const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
 * const t = clusterTraits([{ name: "industry", kind: "categorical", values: industry }], labels, 0);
 * [t[0].value, t[0].share, t[0].overallShare]; // => ["SaaS", 1, 0.6]
 */
export function clusterTraits(
  columns: readonly MixedColumn[],
  labels: ArrayLike<number>,
  cluster: number,
  options: TraitOptions = {},
): Trait[] {
  const n = checkMixedColumns(columns);
  if (labels.length !== n) throw new Error(`clusterTraits: ${labels.length} labels for ${n} rows`);
  let inCluster = 0;
  for (let i = 0; i < n; i++) if (labels[i] === cluster) inCluster++;
  if (inCluster === 0) throw new Error(`clusterTraits: cluster ${cluster} has no rows`);
  return traitsResolved(columns, labels, cluster, resolveTraitOptions(options));
}

function resolveTraitOptions(o: TraitOptions): ResolvedTraitOptions {
  const confidence = o.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new Error(`clusterTraits: confidence must be in (0, 1); got ${confidence}`);
  const minShare = o.minShare ?? 0.1;
  if (!(minShare >= 0 && minShare <= 1)) throw new Error(`clusterTraits: minShare must be in [0, 1]; got ${minShare}`);
  const minCount = o.minCount ?? 5;
  if (!(Number.isInteger(minCount) && minCount >= 0)) throw new Error(`clusterTraits: minCount must be a non-negative integer; got ${minCount}`);
  const minLift = o.minLift ?? 1;
  if (!(minLift >= 0)) throw new Error(`clusterTraits: minLift must be ≥ 0; got ${minLift}`);
  return { minShare, minCount, minLift, confidence };
}

/** A value's 2 × 2 counts: cluster rows with it / known, all rows with it / known. */
interface Tally {
  attribute: string;
  kind: MixedKind;
  value: string;
  count: number;
  n: number;
  total: number;
  known: number;
  band?: { from: number; to: number };
  clusterMedian?: number;
  overallMedian?: number;
}

function traitsResolved(columns: readonly MixedColumn[], labels: ArrayLike<number>, cluster: number, o: ResolvedTraitOptions): Trait[] {
  const n = labels.length;
  const tallies: Tally[] = [];
  for (const c of columns) {
    if (c.kind === "numeric") {
      const t = numericTally(c.name, c.values, labels, cluster);
      if (t) tallies.push(t);
      continue;
    }
    const count = new Map<string, number>();
    const total = new Map<string, number>();
    let known = 0;
    let nIn = 0;
    for (let i = 0; i < n; i++) {
      const v = c.values[i];
      if (v === null || v === undefined) continue;
      known++;
      const inC = labels[i] === cluster;
      if (inC) nIn++;
      const keys = c.kind === "multi" ? new Set(v as readonly string[]) : [String(v)];
      for (const key of keys) {
        total.set(key, (total.get(key) ?? 0) + 1);
        if (inC) count.set(key, (count.get(key) ?? 0) + 1);
      }
    }
    if (nIn === 0) continue;
    for (const value of [...total.keys()].sort()) {
      tallies.push({ attribute: c.name, kind: c.kind, value, count: count.get(value) ?? 0, n: nIn, total: total.get(value)!, known });
    }
  }
  const ps = tallies.map(
    (t) =>
      fisherExact([
        [t.count, t.n - t.count],
        [t.total - t.count, t.known - t.n - (t.total - t.count)],
      ]).p,
  );
  const qs = benjaminiHochberg(ps);
  const traits: Trait[] = [];
  tallies.forEach((t, i) => {
    const share = t.count / t.n;
    const overallShare = t.total / t.known;
    const lift = share / overallShare;
    if (!(lift > o.minLift && share >= o.minShare && t.count >= o.minCount)) return;
    const { lo, hi } = wilsonInterval(t.count, t.n, o.confidence);
    const trait: Trait = {
      attribute: t.attribute,
      kind: t.kind,
      value: t.value,
      count: t.count,
      n: t.n,
      share,
      overallShare,
      lift,
      lo,
      hi,
      p: ps[i],
      q: qs[i],
    };
    if (t.band) {
      trait.band = t.band;
      trait.clusterMedian = t.clusterMedian;
      trait.overallMedian = t.overallMedian;
    }
    traits.push(trait);
  });
  return traits.sort(
    (a, b) => b.lift - a.lift || b.share - a.share || cmp(a.attribute, b.attribute) || cmp(a.value, b.value),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The quartile band a cluster concentrates in, as a tally. */
function numericTally(name: string, values: ArrayLike<number>, labels: ArrayLike<number>, cluster: number): Tally | undefined {
  const all: number[] = [];
  const inside: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    all.push(x);
    if (labels[i] === cluster) inside.push(x);
  }
  if (inside.length === 0) return undefined;
  all.sort((a, b) => a - b);
  inside.sort((a, b) => a - b);
  const cuts = [all[0], quantileSorted(all, 0.25), quantileSorted(all, 0.5), quantileSorted(all, 0.75), all[all.length - 1]];
  const bounds = cuts.filter((x, i) => i === 0 || x > cuts[i - 1]);
  const top = all[all.length - 1];
  // bands [b_i, b_{i+1}), the last one closed; runs of one or two adjacent bands
  const inBand = (sorted: number[], from: number, to: number) =>
    lowerBound(sorted, to === top ? Infinity : to) - lowerBound(sorted, from);
  const runs: { from: number; to: number; count: number; total: number }[] = [];
  const nb = Math.max(1, bounds.length - 1);
  for (let width = 1; width <= 2; width++) {
    for (let s = 0; s + width <= nb; s++) {
      const from = bounds[s];
      const to = bounds.length === 1 ? bounds[0] : bounds[s + width];
      runs.push({ from, to, count: inBand(inside, from, to), total: inBand(all, from, to) });
    }
  }
  const lift = (r: (typeof runs)[number]) => r.count / inside.length / (r.total / all.length);
  const half = runs.filter((r) => r.count >= inside.length / 2);
  const pool = half.length > 0 ? half : runs;
  let best = pool[0];
  for (const r of pool) if (lift(r) > lift(best) + 1e-12) best = r;
  return {
    attribute: name,
    kind: "numeric",
    value: `${formatNumber(best.from)}–${formatNumber(best.to)}`,
    count: best.count,
    n: inside.length,
    total: best.total,
    known: all.length,
    band: { from: best.from, to: best.to },
    clusterMedian: quantileSorted(inside, 0.5),
    overallMedian: quantileSorted(all, 0.5),
  };
}

/** First index of a sorted array whose value is ≥ x. */
function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function formatNumber(x: number): string {
  return x.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
