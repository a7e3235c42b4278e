/**
 * Formats a proportion as a percentage, the one way leadlab writes percentages (`"47%"`):
 * with `decimals` decimals when given, else none, or one below 10 % (so 4.5 % does not read
 * as 5 %); "–" for a rate that is not a number. A share strictly between none and all never
 * reads as 0% or 100%: it gets the decimals it needs (up to four) not to.
 *
 * @example
 * import { formatPercent } from "leadlab";
 * formatPercent(0.4678); // => "47%"
 * formatPercent(0.045); // => "4.5%"
 * formatPercent(0.4678, 1); // => "46.8%"
 * formatPercent(0.9997); // => "99.97%"
 * formatPercent(1); // => "100%"
 */
export function formatPercent(x: number, decimals?: number): string {
  if (!Number.isFinite(x)) return "–";
  const percent = x * 100;
  let digits = decimals ?? (percent > 0 && percent < 10 ? 1 : 0);
  let text = percent.toFixed(digits);
  if (x > 0 && x < 1) while (digits < 4 && (Number(text) === 0 || Number(text) === 100)) text = percent.toFixed(++digits);
  return `${text}%`;
}

/**
 * A difference of two proportions in percentage points, rounded: `"+11"`, `"−3"` (a true minus
 * sign) or `"0"`; unsigned (`"11"`) with `signed` false; "–" when it is not a number.
 *
 * @example
 * import { formatPercentPoints } from "leadlab";
 * [formatPercentPoints(0.112), formatPercentPoints(-0.03), formatPercentPoints(0.001), formatPercentPoints(-0.112, false)]; // => ["+11", "−3", "0", "11"]
 */
export function formatPercentPoints(x: number, signed = true): string {
  if (!Number.isFinite(x)) return "–";
  const p = Math.round(x * 100);
  if (!signed) return String(Math.abs(p));
  return p > 0 ? `+${p}` : p < 0 ? `\u2212${-p}` : "0";
}
