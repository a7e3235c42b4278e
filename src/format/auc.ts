/**
 * An AUC with its interval, three decimals: `"0.802 [0.779–0.825]"`; "–" when it could not be
 * measured.
 *
 * @example
 * import { formatAuc } from "leadlab";
 * formatAuc({ auc: 0.80243, lo: 0.77949, hi: 0.82537 }); // => "0.802 [0.779–0.825]"
 */
export function formatAuc(estimate: { auc: number; lo: number; hi: number }): string {
  if (!Number.isFinite(estimate.auc)) return "–";
  return `${estimate.auc.toFixed(3)} [${estimate.lo.toFixed(3)}–${estimate.hi.toFixed(3)}]`;
}

/**
 * An AUC alone, three or four decimals; "not measured" when the holdout could not give one
 * (null in a rules file, NaN in memory).
 *
 * @example
 * import { formatAucValue } from "./auc";
 * [formatAucValue(0.80243), formatAucValue(0.80243, 4), formatAucValue(null)]; // => ["0.802", "0.8024", "not measured"]
 */
export function formatAucValue(auc: number | null, decimals = 3): string {
  return auc !== null && Number.isFinite(auc) ? auc.toFixed(decimals) : "not measured";
}

