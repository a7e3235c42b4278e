import { TRENDS, type Trend } from "./bin";

/** Options shared by every binning function. */
export interface BinningOptions {
  /** Attribute name, used in labels and warnings (default `"x"`). */
  name?: string;
  /** Minimum rows per bin; default max(⌈5 % of the non-missing rows⌉, 30). */
  minBinSize?: number;
  /**
   * Minimum events (wins) per bin, default 0: a pure bin (all won or all lost) is allowed, so a
   * level that decides the outcome stays visible; its WOE is smoothed (see `weightOfEvidence`).
   */
  minEvents?: number;
  /** Minimum non-events (losses) per bin, default 0 (see `minEvents`). */
  minNonEvents?: number;
  /** Maximum number of bins, not counting `other` and `missing`; default 6. */
  maxBins?: number;
  /** Smoothing of zero cells in WOE (see `weightOfEvidence`), default 0.5. */
  smoothing?: number;
  /** Confidence level of the bins' Wilson intervals, default 0.95. */
  confidence?: number;
}

/** Options of `binNumeric`. */
export interface NumericBinningOptions extends BinningOptions {
  /** Trend of the bins' event rates, default `auto`. */
  trend?: Trend;
  /** Maximum quantile pre-bins the optimisation starts from, default 20 (2–40). */
  maxPreBins?: number;
  /** Values are epoch milliseconds: cut at observed values and label as ISO dates. */
  dates?: boolean;
}

/** Options of `binCategorical` (and of `binMulti`, which uses the shared ones). */
export interface CategoricalBinningOptions extends BinningOptions {
  /** Merge neighbouring levels (ordered by rate) whose rates do not differ, default true. */
  merge?: boolean;
  /** Two neighbours are merged while the test of their 2×2 table has p > alpha; default 0.05. */
  alpha?: number;
}

/** Every option filled in and checked. */
export interface ResolvedBinningOptions {
  name: string;
  minBinSize: number;
  minEvents: number;
  minNonEvents: number;
  maxBins: number;
  smoothing: number;
  confidence: number;
}

export interface ResolvedNumericOptions extends ResolvedBinningOptions {
  trend: Trend;
  maxPreBins: number;
  dates: boolean;
}

export interface ResolvedCategoricalOptions extends ResolvedBinningOptions {
  merge: boolean;
  alpha: number;
}

/**
 * The default minimum bin size: max(⌈5 % of the non-missing rows⌉, 30).
 *
 * @example
 * defaultMinBinSize(10000); // => 500
 * defaultMinBinSize(200); // => 30
 */
export function defaultMinBinSize(nonMissing: number): number {
  return Math.max(Math.ceil(0.05 * nonMissing), 30);
}

/**
 * Fills in and checks the shared binning options once, so the binning code reads a complete object.
 *
 * @example
 * resolveBinningOptions({}, 1000, "binNumeric").minBinSize; // => 50
 */
export function resolveBinningOptions(o: BinningOptions, nonMissing: number, fn: string): ResolvedBinningOptions {
  const r: ResolvedBinningOptions = {
    name: o.name ?? "x",
    minBinSize: o.minBinSize ?? defaultMinBinSize(nonMissing),
    minEvents: o.minEvents ?? 0,
    minNonEvents: o.minNonEvents ?? 0,
    maxBins: o.maxBins ?? 6,
    smoothing: o.smoothing ?? 0.5,
    confidence: o.confidence ?? 0.95,
  };
  const int = (key: keyof ResolvedBinningOptions, min: number) => {
    const v = r[key] as number;
    if (!Number.isInteger(v) || v < min) throw new Error(`${fn}: ${key} must be an integer ≥ ${min}; got ${v}`);
  };
  int("minBinSize", 1);
  int("minEvents", 0);
  int("minNonEvents", 0);
  int("maxBins", 1);
  if (!(r.smoothing >= 0)) throw new Error(`${fn}: smoothing must be ≥ 0; got ${r.smoothing}`);
  if (!(r.confidence > 0 && r.confidence < 1)) throw new Error(`${fn}: confidence must be in (0, 1); got ${r.confidence}`);
  return r;
}

/**
 * Fills in and checks the options of numeric binning.
 *
 * @example
 * resolveNumericOptions({ trend: "ascending" }, 1000).maxPreBins; // => 20
 */
export function resolveNumericOptions(o: NumericBinningOptions, nonMissing: number): ResolvedNumericOptions {
  const r: ResolvedNumericOptions = {
    ...resolveBinningOptions(o, nonMissing, "binNumeric"),
    trend: o.trend ?? "auto",
    maxPreBins: o.maxPreBins ?? 20,
    dates: o.dates ?? false,
  };
  if (!TRENDS.includes(r.trend)) throw new Error(`binNumeric: trend must be one of ${TRENDS.join(", ")}; got ${r.trend}`);
  if (!Number.isInteger(r.maxPreBins) || r.maxPreBins < 2 || r.maxPreBins > 40)
    throw new Error(`binNumeric: maxPreBins must be an integer from 2 to 40; got ${r.maxPreBins}`);
  return r;
}

/**
 * Fills in and checks the options of categorical binning.
 *
 * @example
 * resolveCategoricalOptions({}, 1000).alpha; // => 0.05
 */
export function resolveCategoricalOptions(o: CategoricalBinningOptions, nonMissing: number): ResolvedCategoricalOptions {
  const r: ResolvedCategoricalOptions = {
    ...resolveBinningOptions(o, nonMissing, "binCategorical"),
    merge: o.merge ?? true,
    alpha: o.alpha ?? 0.05,
  };
  if (!(r.alpha > 0 && r.alpha < 1)) throw new Error(`binCategorical: alpha must be in (0, 1); got ${r.alpha}`);
  return r;
}
