import { regularizedGammaP, regularizedGammaQ } from "./incomplete-gamma";

/**
 * Cumulative distribution function of the chi-square distribution: P(X ≤ x) for X ~ χ²(df),
 * which is P(df/2, x/2), the regularized lower incomplete gamma function.
 *
 * @param x the statistic (values ≤ 0 give 0)
 * @param df degrees of freedom, > 0
 * @example
 * chiSquareCdf(3.841458820694124, 1); // => 0.95 (to 1e-15)
 */
export function chiSquareCdf(x: number, df: number): number {
  if (!(df > 0)) throw new Error(`chiSquareCdf: df must be > 0; got ${df}`);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  return regularizedGammaP(df / 2, x / 2);
}

/**
 * Survival function of the chi-square distribution, P(X ≥ x) for X ~ χ²(df): the p-value of a
 * chi-square statistic. Computed as Q(df/2, x/2) directly, so tiny p-values keep their relative
 * accuracy (about 1e-14).
 *
 * @param x the statistic (values ≤ 0 give 1)
 * @param df degrees of freedom, > 0
 * @example
 * chiSquareSurvival(3.841458820694124, 1); // => 0.05 (to 1e-15)
 * chiSquareSurvival(10, 2); // => 0.0067379469990854… (e⁻⁵)
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new Error(`chiSquareSurvival: df must be > 0; got ${df}`);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
