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
