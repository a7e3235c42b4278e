/**
 * Formats a proportion as a percentage for a chart's captions: no decimals, one below 10 %
 * (so 4.5 % does not read as 5 %), and "–" for a rate that is not a number.
 *
 * @example
 * import { formatPercent } from "leadlab";
 * formatPercent(0.4678); // => "47%"
 * formatPercent(0.045); // => "4.5%"
 */
export function formatPercent(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const percent = x * 100;
  return percent > 0 && percent < 10 ? `${percent.toFixed(1)}%` : `${Math.round(percent)}%`;
}
