import type { ScorecardAttribute } from "../formats/scoring-rules-schema";
import { applyBins } from "../stats/binning/apply-bins";
import type { BinSet, Outcome } from "../stats/binning/bin";
import type { BinValue } from "../stats/binning/assign-bin";
import { binMatch, binRuleOf } from "./bin-match";

/**
 * The stated test of `tune --previous`: an attribute keeps last quarter's bins unless this
 * quarter's bins raise the card's cross-validated AUC on the training part (time-ordered folds
 * when the deals have dates) by more than this.
 */
export const REBIN_MIN_GAIN = 0.002;

/**
 * Last quarter's bins of an attribute (as its `scoring.yaml` wrote them), laid over the bin set
 * fitted now and counted again on the given rows (the training part): the same rules and labels
 * as last quarter, this quarter's counts, rates and WOE. When they cannot stand in for the new
 * ones (another kind of match, another item of a multi-valued column), the reason instead.
 *
 * @param current the bins fitted this quarter
 * @param old the attribute in last quarter's rules
 * @param values the attribute on the rows to count
 * @param outcome 1 = won, 0 = lost
 * @example
 * import { binBoolean } from "../stats/binning/boolean";
 * import { previousBins } from "./previous-bins";
 * const now = binBoolean([true, false, true, false], [1, 0, 1, 0], { name: "champion" });
 * const old = { name: "champion", source: { column: "champion" }, match: "numeric" as const, role: "qualification" as const, group: "fit" as const, rationale: "", bins: [] };
 * previousBins(now, old, [true], [1]); // => { reason: "last quarter matched it as numeric, now as boolean" }
 */
export function previousBins(current: BinSet, old: ScorecardAttribute, values: ArrayLike<BinValue>, outcome: Outcome): BinSet | { reason: string } {
  const match = current.indicator ? "contains" : current.type;
  if (old.match !== match) return { reason: `last quarter matched it as ${old.match}, now as ${match}` };
  if (current.indicator && old.containsValue !== current.indicator.value)
    return { reason: `last quarter looked for "${old.containsValue}", now for "${current.indicator.value}"` };
  const laid: BinSet = { ...current, bins: old.bins.map((b) => ({ ...current.bins[0], rule: binRuleOf(b.when), label: b.label })) };
  return applyBins(laid, values, outcome);
}

/**
 * Whether two bin sets hold the same values in the same bins, compared as `scoring.yaml`
 * writes them.
 *
 * @example
 * import { binBoolean } from "../stats/binning/boolean";
 * import { sameBins } from "./previous-bins";
 * sameBins(binBoolean([true, false], [1, 0]), binBoolean([false, true, true], [1, 0, 1])); // => true
 */
export function sameBins(a: Pick<BinSet, "bins">, b: Pick<BinSet, "bins">): boolean {
  return JSON.stringify(a.bins.map((x) => binMatch(x.rule))) === JSON.stringify(b.bins.map((x) => binMatch(x.rule)));
}

/** The choice made for one attribute of the card by {@link choosePreviousBins}. */
export interface BinsChoice {
  name: string;
  /** `kept` last quarter's bins, `re-binned`, or `new` on the card (not in last quarter's rules). */
  choice: "kept" | "re-binned" | "new";
  /** Cross-validated training AUC with this quarter's bins minus with last quarter's (null when not compared). */
  gain: number | null;
  /** The sentence the attribute's rationale ends with. */
  note: string;
}

/**
 * Goes through the card's attributes in order and puts back last quarter's bins unless the data
 * say they moved: an attribute is re-binned only when this quarter's bins raise the card's
 * cross-validated training AUC by more than {@link REBIN_MIN_GAIN} over last quarter's (each
 * comparison made on the card as decided so far), or when last quarter's bins cannot be used.
 *
 * @param card the card's attributes with this quarter's bins
 * @param lastQuarter each attribute's last-quarter encoding, or why there is none (`undefined`: not on last quarter's card)
 * @param cvAuc the cross-validated training AUC of a card
 * @example
 * import { choosePreviousBins } from "./previous-bins";
 * const card = [{ name: "x", binSet: { bins: [] } }];
 * const r = choosePreviousBins(card, () => ({ name: "x", binSet: { bins: [] } }), () => 0.7);
 * r.choices[0].note; // => "kept last quarter's bins (the same bins)"
 */
export function choosePreviousBins<E extends { name: string; binSet: Pick<BinSet, "bins"> }>(
  card: readonly E[],
  lastQuarter: (e: E) => E | { reason: string } | undefined,
  cvAuc: (card: readonly E[]) => number,
): { card: E[]; choices: BinsChoice[] } {
  const out = [...card];
  const choices: BinsChoice[] = [];
  out.forEach((e, j) => {
    const old = lastQuarter(e);
    if (old === undefined) return choices.push({ name: e.name, choice: "new", gain: null, note: "new on the card this quarter" });
    if ("reason" in old) return choices.push({ name: e.name, choice: "re-binned", gain: null, note: `re-binned: ${old.reason}` });
    if (sameBins(old.binSet, e.binSet)) {
      out[j] = old;
      return choices.push({ name: e.name, choice: "kept", gain: 0, note: "kept last quarter's bins (the same bins)" });
    }
    const withOld = out.map((x, k) => (k === j ? old : x));
    const gain = cvAuc(out) - cvAuc(withOld);
    const signed = `${Number(gain.toFixed(4)) < 0 ? "−" : "+"}${Math.abs(gain).toFixed(4)}`;
    if (gain > REBIN_MIN_GAIN)
      return choices.push({ name: e.name, choice: "re-binned", gain, note: `re-binned: the new bins raise the cross-validated training AUC by ${signed} (more than ${REBIN_MIN_GAIN})` });
    out[j] = old;
    return choices.push({ name: e.name, choice: "kept", gain, note: `kept last quarter's bins (the new bins would change the cross-validated training AUC by ${signed}, not more than ${REBIN_MIN_GAIN})` });
  });
  return { card: out, choices };
}
