import { binStats, finishBinSet, outcomeOf, type BinSet, type Outcome } from "./bin";
import { assignBin, type BinValue } from "./assign-bin";

/** Options of {@link applyBins}. */
export interface ApplyBinsOptions {
  /** WOE smoothing of zero cells, default 0.5. */
  smoothing?: number;
  /** Confidence level of the Wilson intervals, default 0.95. */
  confidence?: number;
}

/**
 * Applies fitted bins to other rows (e.g. the holdout) and recomputes every bin's statistics
 * there: same rules and labels, new counts, rates, intervals, WOE and IV. Each row is placed by
 * {@link assignBin}; rows sent to a fallback bin are counted in a warning.
 *
 * @param binSet bins fitted on the training rows
 * @param values the attribute on the new rows
 * @param outcome 1/true = event, 0/false = non-event, other values leave the row out
 * @example
 * import { applyBins } from "leadlab";
 * import { binBoolean } from "./boolean";
 * const fitted = binBoolean([true, false, true, false], [1, 0, 1, 0]);
 * applyBins(fitted, [true, true], [1, 0]).bins[1].rate; // => 0.5
 */
export function applyBins(binSet: BinSet, values: ArrayLike<BinValue>, outcome: Outcome, options: ApplyBinsOptions = {}): BinSet {
  if (values.length !== outcome.length) throw new Error(`applyBins: values has ${values.length} rows but outcome has ${outcome.length}`);
  const k = binSet.bins.length;
  const e = new Array<number>(k).fill(0);
  const ne = new Array<number>(k).fill(0);
  let ignored = 0;
  const fallbacks = { other: 0, missing: 0 };
  let unplaced = 0;
  for (let i = 0; i < values.length; i++) {
    const y = outcomeOf(outcome[i]);
    if (y < 0) {
      ignored++;
      continue;
    }
    const a = assignBin(binSet, values[i]);
    if (a.fallback) fallbacks[a.fallback]++;
    if (a.index < 0) {
      unplaced++;
      continue;
    }
    if (y === 1) e[a.index]++;
    else ne[a.index]++;
  }
  const stats = binStats(e, ne, options.smoothing ?? 0.5, options.confidence ?? 0.95);
  const bins = binSet.bins.map((b, i) => ({ rule: b.rule, label: b.label, ...stats[i] }));
  const warnings: string[] = [];
  if (fallbacks.other) warnings.push(`${binSet.name}: ${fallbacks.other} rows had a value unseen in training and went to "other"`);
  if (fallbacks.missing) warnings.push(`${binSet.name}: ${fallbacks.missing} rows had a value no bin holds and went to "missing"`);
  if (unplaced) warnings.push(`${binSet.name}: ${unplaced} rows fit no bin and were left out`);
  const E = e.reduce((s, v) => s + v, 0);
  const N = ne.reduce((s, v) => s + v, 0);
  return finishBinSet({ ...binSet, bins, events: E, nonEvents: N, ignored, warnings });
}
