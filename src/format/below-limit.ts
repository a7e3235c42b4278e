/**
 * A number that is below a limit, written so that it reads below it: with `digits` decimals
 * when those stay under the limit, else truncated to one more decimal (0.198 against a limit of
 * 0.2 is "0.198", not "0.20", which would contradict "below 0.2").
 *
 * @example
 * import { formatBelowLimit } from "./below-limit";
 * [formatBelowLimit(0.1234, 0.2), formatBelowLimit(0.198, 0.2), formatBelowLimit(0.1996, 0.2)]; // => ["0.12", "0.198", "0.199"]
 */
export function formatBelowLimit(x: number, limit: number, digits = 2): string {
  const text = x.toFixed(digits);
  if (Number(text) < limit) return text;
  const scale = 10 ** (digits + 1);
  return (Math.floor(x * scale) / scale).toFixed(digits + 1);
}
