import { formatPercent } from "../charts/chart-parts";

/*
 * How numbers read in the report: rates as percentages with their interval, AUCs with three
 * decimals, p-values in words a reader can compare, counts with thousands separators.
 */

/**
 * A rate with its interval, e.g. `"85% [80%–88%]"`; "–" for a rate that is not a number.
 *
 * @example
 * import { formatRateInterval } from "leadlab";
 * formatRateInterval(0.8474, 0.803, 0.8833); // => "85% [80%–88%]"
 */
export function formatRateInterval(value: number, lo: number, hi: number): string {
  if (!Number.isFinite(value)) return "–";
  return `${formatPercent(value)} [${formatPercent(lo)}–${formatPercent(hi)}]`;
}

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
 * A p- or q-value for reading: `"< 0.0001"` when tiny, otherwise two significant digits
 * (`"0.031"`, `"0.42"`); "–" when not a number.
 *
 * @example
 * import { formatPValue } from "leadlab";
 * formatPValue(4.5e-16); // => "< 0.0001"
 * formatPValue(0.03127); // => "0.031"
 */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return "–";
  if (p < 1e-4) return "< 0.0001";
  return String(Number(p.toPrecision(2)));
}

/**
 * A number with thousands separators and a true minus sign: `"6,107"`, `"−22"`.
 *
 * @example
 * import { formatCount } from "leadlab";
 * formatCount(6107); // => "6,107"
 * formatCount(-22); // => "−22"
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return "–";
  return n < 0 ? `−${(-n).toLocaleString("en-US")}` : n.toLocaleString("en-US");
}

/**
 * Points with their sign, as added to a lead's score: `"+18"`, `"−14"` (a true minus sign), `"0"`.
 *
 * @example
 * import { formatPoints } from "leadlab";
 * [formatPoints(18), formatPoints(-14), formatPoints(0)]; // => ["+18", "−14", "0"]
 */
export function formatPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `−${-points}`;
  return "0";
}
