import type { DealTable } from "../data/deal-table";
import { canRunBeside } from "../thread/side-worker";
/** How points are scaled. */
export type Scale = { kind: "pdo"; base: number; baseOdds: number; pdo: number } | { kind: "0-100" };

/**
 * The card's largest size by default: credit-scoring practice keeps a scorecard to 8–15
 * characteristics, and forward selection stops earlier by itself when an attribute adds nothing
 * on the folds (on the sample it stops at 15 by itself; a cap of 12 left HubSpot in the stack
 * and MEDDIC metrics, both planted win terms, off the card, at 0.004 of holdout AUC).
 */
export const DEFAULT_MAX_ATTRIBUTES = 15;

/**
 * The size (deals × attributes) from which the tuner starts a side worker by default: below it,
 * starting the worker costs more than it saves (the 7,516-deal sample, 676,440 values: 3.5–3.8 s
 * without, 3.9–4.0 s with); on 93,684 deals × 89 attributes (`npm run bench:tune`) it saves about
 * 4 of 18 seconds.
 */
export const SIDE_THREAD_CELLS = 1_000_000;

/** Options of {@link tuneScorecard}. */
export interface TuneOptions {
  /** At most this many attributes on the card (default {@link DEFAULT_MAX_ATTRIBUTES}), chosen by forward selection on cross-validated AUC. */
  maxAttributes?: number;
  /** Attributes forced onto the card (if they carry any signal) / kept off it. */
  include?: readonly string[];
  exclude?: readonly string[];
  /** Attributes flagged as leakage that the user keeps. */
  keep?: readonly string[];
  /**
   * Attributes whose missingness is informative (`missing: informative` in dataset.yaml): their
   * missing bin earns its own points. Every other missing bin earns at most 0 points.
   */
  informativeMissing?: readonly string[];
  /** Points scale: default 600 points at win odds 1:1 and 20 points to double the odds. */
  scale?: Scale;
  /** Share of leads in the top tier (default 0.2); the tiers below split the rest equally. */
  capacity?: number;
  /** Alternatively: the top tier is the highest-scoring leads whose training win rate reaches this. */
  targetWinRate?: number;
  /** Tier names, best first (default A, B, C, D; e.g. ["SQL", "MQL", "Nurture", "Disqualify"]). */
  tierNames?: readonly string[];
  /** Seed of cross-validation and permutation tests (default 7). */
  seed?: number;
  /** Folds of cross-validation inside the training part (default 5). */
  folds?: number;
  /** Round numeric bin edges to readable values when that costs little (default true); false keeps the exact edges. */
  readableEdges?: boolean;
  /**
   * Start a side worker holding a copy of the table for half of the win drivers, the amount and
   * retention cards (while the win card is fitted), the provenance and half of the capture
   * bootstrap (default: when the machine has a second CPU and the table at least
   * {@link SIDE_THREAD_CELLS} values). The rules are the same either way.
   */
  sideThread?: boolean;
}

/** Every option filled in and checked. */
export interface ResolvedTuneOptions {
  maxAttributes: number;
  include: ReadonlySet<string>;
  exclude: ReadonlySet<string>;
  keep: readonly string[];
  informativeMissing: ReadonlySet<string>;
  scale: Scale;
  capacity: number;
  targetWinRate?: number;
  tierNames: readonly string[];
  seed: number;
  folds: number;
  readableEdges: boolean;
  sideThread: boolean;
}

/**
 * Fills in and checks the options of {@link tuneScorecard} once (for `table`: whose `sources`
 * add the spec's kept and informative-missing attributes, and whose size decides `sideThread`).
 *
 * @example
 * import { resolveTuneOptions } from "leadlab";
 * resolveTuneOptions({}).tierNames; // => ["A", "B", "C", "D"]
 */
export function resolveTuneOptions(o: TuneOptions, table?: Pick<DealTable, "sources" | "n" | "attributes">): ResolvedTuneOptions {
  const sources = table?.sources;
  const maxAttributes = o.maxAttributes ?? DEFAULT_MAX_ATTRIBUTES;
  if (!Number.isInteger(maxAttributes) || maxAttributes < 1) throw new Error(`tune: maxAttributes must be a positive whole number; got ${maxAttributes}`);
  const capacity = o.capacity ?? 0.2;
  if (!(capacity > 0 && capacity < 1)) throw new Error(`tune: capacity must be a share between 0 and 1, e.g. 0.2; got ${capacity}`);
  if (o.targetWinRate !== undefined && !(o.targetWinRate > 0 && o.targetWinRate < 1))
    throw new Error(`tune: targetWinRate must be between 0 and 1; got ${o.targetWinRate}`);
  const tierNames = o.tierNames ?? ["A", "B", "C", "D"];
  if (tierNames.length < 2 || new Set(tierNames).size !== tierNames.length) throw new Error(`tune: tierNames must be at least two distinct names; got ${tierNames.join(", ")}`);
  const scale = o.scale ?? { kind: "pdo", base: 600, baseOdds: 1, pdo: 20 };
  if (scale.kind === "pdo" && !(scale.pdo > 0 && scale.baseOdds > 0)) throw new Error("tune: scale.pdo and scale.baseOdds must be positive");
  return {
    maxAttributes,
    include: new Set(o.include ?? []),
    exclude: new Set(o.exclude ?? []),
    keep: [...new Set([...(sources?.keep ?? []), ...(o.keep ?? [])])].sort(),
    informativeMissing: new Set([...(sources?.informativeMissing ?? []), ...(o.informativeMissing ?? [])]),
    scale,
    capacity,
    targetWinRate: o.targetWinRate,
    tierNames,
    seed: o.seed ?? 7,
    folds: o.folds ?? 5,
    readableEdges: o.readableEdges ?? true,
    sideThread: o.sideThread ?? (table !== undefined && table.n * table.attributes.length >= SIDE_THREAD_CELLS && canRunBeside()),
  };
}
