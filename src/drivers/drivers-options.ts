import type { DealSources } from "../data/deal-table";
import type { Trend } from "../stats/binning/bin";
import { RETENTION_HORIZON_DAYS } from "../stats/kaplan-meier";

/** The targets drivers can explain. */
export const TARGETS = ["won", "retained"] as const;
export type Target = (typeof TARGETS)[number];

/** Options of {@link drivers}. */
export interface DriversOptions {
  /** `won` (won vs lost; open deals are not in the table) or `retained` (among won deals). Default `won`. */
  target?: Target;
  /** Only these rows (e.g. the training part); default all closed deals. */
  rows?: ArrayLike<number>;
  /** False-discovery rate: an attribute is significant when its q-value is below it. Default 0.05. */
  fdr?: number;
  /** Bins per numeric attribute (not counting missing/other). Default 6. */
  maxBins?: number;
  /** Minimum deals per bin; default max(5 % of rows, 30). */
  minBinSize?: number;
  /** Trend of numeric bins' rates. Default `auto`. */
  trend?: Trend;
  /** For the survival form of retention: retained means still a customer this many days after the start. Default 365. */
  horizonDays?: number;
  /** Seed of permutation tests. Default 1. */
  seed?: number;
  /** Cramér's V at or above which two attributes are reported as redundant. Default 0.8. */
  redundancy?: number;
  /** Attribute names to leave out. */
  exclude?: readonly string[];
  /** Attributes flagged as leakage that the user keeps, besides those the dataset spec keeps (`keep: true`, in the table's sources). */
  keep?: readonly string[];
}

/** Every option filled in. */
export interface ResolvedDriversOptions {
  target: Target;
  rows: Int32Array;
  fdr: number;
  maxBins: number;
  minBinSize?: number;
  trend: Trend;
  horizonDays: number;
  seed: number;
  redundancy: number;
  exclude: ReadonlySet<string>;
  keep: ReadonlySet<string>;
}

/** How the drivers bin an attribute unless told otherwise (the minimum bin size is the binning's own default). */
export const DRIVER_BINNING = { maxBins: 6, trend: "auto" } as const;

/**
 * Fills in and checks the options of {@link drivers} once; the attributes kept are the table's
 * (`sources.keep`, from the spec) and the options' together.
 *
 * @example
 * import { resolveDriversOptions } from "leadlab";
 * resolveDriversOptions({}, 10).target; // => "won"
 * [...resolveDriversOptions({ keep: ["b"] }, 10, { keep: ["a"] }).keep]; // => ["a", "b"]
 */
export function resolveDriversOptions(o: DriversOptions, n: number, sources?: Pick<DealSources, "keep">): ResolvedDriversOptions {
  const target = o.target ?? "won";
  if (!TARGETS.includes(target)) throw new Error(`drivers: target must be one of ${TARGETS.join(", ")}; got ${String(target)}`);
  const fdr = o.fdr ?? 0.05;
  if (!(fdr > 0 && fdr < 1)) throw new Error(`drivers: fdr must be in (0, 1); got ${fdr}`);
  const rows = o.rows ? Int32Array.from(o.rows) : Int32Array.from({ length: n }, (_, i) => i);
  for (const r of rows) if (!(r >= 0 && r < n)) throw new Error(`drivers: row ${r} is outside the table (0–${n - 1})`);
  return {
    target,
    rows,
    fdr,
    maxBins: o.maxBins ?? DRIVER_BINNING.maxBins,
    minBinSize: o.minBinSize,
    trend: o.trend ?? DRIVER_BINNING.trend,
    horizonDays: o.horizonDays ?? RETENTION_HORIZON_DAYS,
    seed: o.seed ?? 1,
    redundancy: o.redundancy ?? 0.8,
    exclude: new Set(o.exclude ?? []),
    keep: new Set([...(sources?.keep ?? []), ...(o.keep ?? [])]),
  };
}
