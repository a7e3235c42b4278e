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
