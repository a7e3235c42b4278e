/**
 * The "roundest" number c with a < c ≤ b: the one with the fewest significant digits (the
 * smallest such when several tie), so that bins read `50–199` rather than `48.5–199.5`.
 * Cutting anywhere in (a, b] puts the observed values a and b on the same sides, so the
 * training counts do not change. Falls back to b when a or b is not finite.
 *
 * @param a the largest value of the lower bin
 * @param b the smallest value of the upper bin (b > a)
 * @example
 * niceCut(48, 53); // => 50
 * niceCut(1999, 2001); // => 2000
 * niceCut(0.31, 0.34); // => 0.32
 * niceCut(-53, -48); // => -50
 */
export function niceCut(a: number, b: number): number {
  if (!(b > a)) throw new Error(`niceCut: need a < b; got ${a}, ${b}`);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return b;
  const span = Math.max(Math.abs(a), Math.abs(b));
  const top = span > 0 ? Math.ceil(Math.log10(span)) + 1 : 1;
  for (let p = top; p >= -20; p--) {
    let c: number;
    if (p >= 0) {
      const step = 10 ** p;
      c = (Math.floor(a / step) + 1) * step;
    } else {
      const scale = 10 ** -p;
      c = (Math.floor(a * scale) + 1) / scale;
      if (!(c > a)) c = (Math.floor(a * scale) + 2) / scale;
    }
    if (c > a && c <= b) return c + 0;
  }
  return b;
}
