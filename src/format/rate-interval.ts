import { formatPercent } from "./percent";

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
