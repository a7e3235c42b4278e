import { gatherFlags } from "../data/typed-column";
import { aucUnchecked } from "../model/auc";
import type { Fold, SelectionCriterion } from "../model/cross-validation";
import type { BinSet } from "../stats/binning/bin";
import { binEvidence, rowEvidence, type MissingTreatment } from "./bin-evidence";

/** Finer bins: at most this many (the drivers use 6). */
export const FINER_MAX_BINS = 12;
/** Finer bins: a level or range needs at least this share of the training deals (the drivers ask 5 %), and 30 deals. */
export const FINER_MIN_SHARE = 0.01;
/** Finer bins replace an attribute's bins only when they raise its out-of-fold AUC by more than this. */
export const FINER_MIN_GAIN = 0.005;

/**
 * How well one binning of an attribute ranks deals it was not counted on: in each fold, every
 * bin's evidence ({@link binEvidence}: shrunk weight of evidence, the missing bin as treated) is
 * counted on the fold's fitting rows only, and the validation rows are ranked by it; the fold
 * AUCs are combined as selection combines them (their mean, or the worst fold's). Folds whose
 * validation rows lack wins or losses are left out (NaN when none is left).
 *
 * @param set the bins (only their rules and order are used; counts come from the folds)
 * @param codes each row's bin (−1: none), rows as the folds index them
 * @param y each row's outcome (1 won, 0 lost)
 * @example
 * import { outOfFoldAuc } from "./finer-bins";
 * const set = { bins: [{ rule: { kind: "set", values: ["a"] } }, { rule: { kind: "set", values: ["b"] } }] };
 * const codes = Int32Array.from([0, 0, 1, 1, 0, 0, 1, 1]);
 * const y = Uint8Array.from([0, 0, 1, 0, 0, 1, 1, 1]);
 * const folds = [{ train: Uint32Array.from([0, 1, 2, 3]), test: Uint32Array.from([4, 5, 6, 7]) }];
 * outOfFoldAuc(set as never, codes, y, folds, "mean", "neutral"); // => 0.8333333333333334
 */
export function outOfFoldAuc(
  set: Pick<BinSet, "bins">,
  codes: Int32Array,
  y: Uint8Array,
  folds: readonly Fold[],
  criterion: SelectionCriterion,
  missing: MissingTreatment,
): number {
  return combineFolds(foldAucs({ set, codes }, y, folds, missing), criterion);
}

/** The folds' AUCs combined as selection combines them, those that are NaN left out (NaN when none is left). */
function combineFolds(aucs: readonly number[], criterion: SelectionCriterion): number {
  const known = aucs.filter((a) => !Number.isNaN(a));
  if (!known.length) return NaN;
  return criterion === "worst" ? Math.min(...known) : known.reduce((s, a) => s + a, 0) / known.length;
}

/**
 * A binning of an attribute on the rows the folds index: its bins and each row's code in them,
 * and, for a clean test, how the same binning is made on some rows only.
 */
export interface Binning {
  set: BinSet;
  codes: Int32Array;
  /**
   * The same binning made on these rows only: its bins, and every row's code in them. With it,
   * each fold's bins are made on the fold's fitting rows, so the rows a fold validates on never
   * shape the bins they are scored with (levels grouped by win rates, cut points placed by them).
   */
  on?: (rows: Uint32Array) => { set: BinSet; codes: Int32Array };
}

/** Each fold's out-of-fold AUC of a binning (NaN where the validation rows lack wins or losses). */
function foldAucs(binning: Binning | { set: Pick<BinSet, "bins">; codes: Int32Array; on?: undefined }, y: Uint8Array, folds: readonly Fold[], missing: MissingTreatment): number[] {
  return folds.map((fold) => {
    const { set, codes } = binning.on ? binning.on(fold.train) : binning;
    const n = set.bins.map(() => 0), events = set.bins.map(() => 0);
    let wins = 0;
    for (const i of fold.train) {
      wins += y[i];
      if (codes[i] >= 0) {
        n[codes[i]]++;
        events[codes[i]] += y[i];
      }
    }
    const counted = { bins: set.bins.map((b, k) => ({ ...b, n: n[k], events: events[k] })), events: wins, nonEvents: fold.train.length - wins };
    const evidence = binEvidence(counted as Pick<BinSet, "bins" | "events" | "nonEvents">, missing);
    const testY = gatherFlags(y, fold.test);
    const testWins = testY.reduce((s, v) => s + v, 0);
    if (testWins === 0 || testWins === testY.length) return NaN;
    return aucUnchecked(rowEvidence(codes, evidence, fold.test), testY);
  });
}

/** The bins an attribute goes on the card with, and why when they are the finer ones. */
export interface FinerBinsChoice {
  binSet: BinSet;
  /** Set when the finer bins were kept: e.g. `finer bins (9 instead of 4): out-of-fold AUC 0.712 vs 0.684 on the training part`. */
  note: string | null;
}

/**
 * Keeps an attribute's finer bins (more of them, smaller: see {@link FINER_MAX_BINS},
 * {@link FINER_MIN_SHARE}) instead of its drivers' bins only when they rank the training deals
 * they were not counted on better, worse in no fold and by more than {@link FINER_MIN_GAIN} of
 * the out-of-fold AUC (folds combined as {@link outOfFoldAuc} combines them): a card with more
 * bins must earn them on cross-validation, beyond the noise of the folds. A binning that says how
 * it is made (`on`) is made again on each fold's fitting rows; otherwise its bins are taken as
 * given, and if they were grouped by win rates the validation rows helped count, the test flatters them.
 *
 * @param coarse the drivers' bins and each row's code in them (rows as the folds index them)
 * @param finer the finer bins and each row's code in them
 * @example
 * import { chooseFinerBins } from "./finer-bins";
 * const rule = (v: string) => ({ kind: "set", values: [v] });
 * const coarse = { bins: [{ rule: rule("a"), label: "a" }, { rule: rule("b"), label: "b" }] };
 * const finer = { bins: [...coarse.bins, { rule: rule("c"), label: "c" }] };
 * const y = Uint8Array.from({ length: 60 }, (_, i) => (i % 3 === 2 ? 1 : i % 6 === 1 ? 1 : 0));
 * const fine = Int32Array.from({ length: 60 }, (_, i) => i % 3);
 * const rough = Int32Array.from(fine, (c) => Math.min(c, 1));
 * const folds = [{ train: Uint32Array.from({ length: 30 }, (_, i) => i), test: Uint32Array.from({ length: 30 }, (_, i) => 30 + i) }];
 * chooseFinerBins({ set: coarse as never, codes: rough }, { set: finer as never, codes: fine }, y, folds, "mean", "neutral").binSet === finer; // => true
 */
export function chooseFinerBins(
  coarse: Binning,
  finer: Binning,
  y: Uint8Array,
  folds: readonly Fold[],
  criterion: SelectionCriterion,
  missing: MissingTreatment,
): FinerBinsChoice {
  const used = (s: BinSet) => s.bins.filter((b) => b.rule.kind !== "missing").length;
  if (used(finer.set) <= used(coarse.set)) return { binSet: coarse.set, note: null };
  const coarseFolds = foldAucs(coarse, y, folds, missing);
  const finerFolds = foldAucs(finer, y, folds, missing);
  const before = combineFolds(coarseFolds, criterion);
  const after = combineFolds(finerFolds, criterion);
  const noFoldWorse = finerFolds.every((a, k) => Number.isNaN(a) || Number.isNaN(coarseFolds[k]) || a >= coarseFolds[k]);
  if (!(after - before > FINER_MIN_GAIN && noFoldWorse)) return { binSet: coarse.set, note: null };
  const which = criterion === "worst" ? "worst-fold" : "out-of-fold";
  return {
    binSet: finer.set,
    note: `finer bins (${used(finer.set)} instead of ${used(coarse.set)}): ${which} AUC ${after.toFixed(3)} vs ${before.toFixed(3)} on the training part`,
  };
}
