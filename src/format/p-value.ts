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
