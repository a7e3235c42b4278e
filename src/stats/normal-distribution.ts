import { regularizedGammaQ } from "./incomplete-gamma";

/**
 * Cumulative distribution function of the standard normal distribution, Φ(z), computed from
 * erfc(t) = Q(1/2, t²) to double precision in both tails (simple-statistics' normal functions are
 * a four-decimal table and an approximation with error about 1e-7, too coarse here).
 *
 * @example
 * normalCdf(1.959963984540054); // => 0.975 (to 1e-15)
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const tail = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  return z < 0 ? tail : 1 - tail;
}

/**
 * Quantile function of the standard normal distribution, Φ⁻¹(p): Acklam's rational
 * approximation (relative error 1.2e-9) refined by one Halley step on {@link normalCdf}, which
 * brings it to about 1e-15.
 *
 * @param p probability in [0, 1] (0 and 1 give −∞ and +∞)
 * @example
 * normalQuantile(0.975); // => 1.95996398454005…
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return NaN;
  if (p < 0 || p > 1) throw new Error(`normalQuantile: p must be in [0, 1]; got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p);
  let x = acklam(p);
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  x = x - u / (1 + (x * u) / 2);
  return x;
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Acklam's approximation for p ≤ 0.5. */
function acklam(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}
