import { normalQuantile } from "./normal-distribution";
import { checkCounts, type RatioInterval } from "./risk-ratio";

/** One stratum of {@link mantelHaenszelRiskRatio}: wins and sizes of the two groups. */
export interface RatioStratum {
  winsA: number;
  nA: number;
  winsB: number;
  nB: number;
}

/**
 * The Mantel–Haenszel common risk ratio of group A over group B across strata (the lift of A
 * once the stratifying variables are held fixed), with the variance of Greenland & Robins
 * (1985): with Tₖ = nₐₖ + n_bₖ, R = Σ aₖ n_bₖ / Tₖ, S = Σ cₖ nₐₖ / Tₖ, RR = R / S and
 * Var(log RR) = Σ ((aₖ + cₖ) nₐₖ n_bₖ − aₖ cₖ Tₖ) / Tₖ² ÷ (R·S). Strata with an empty group carry
 * no information and drop out. With one stratum this is `riskRatio`'s interval (without its zero
 * correction); statsmodels' `StratifiedTable(tables).riskratio_pooled` gives the same ratio.
 * When R or S is 0 the interval is [0, ∞).
 *
 * @param strata one entry per stratum
 * @param confidence two-sided level, default 0.95
 * @returns the ratio and interval, and how many strata had deals in both groups
 * @example
 * import { mantelHaenszelRiskRatio } from "leadlab";
 * const r = mantelHaenszelRiskRatio([{ winsA: 8, nA: 10, winsB: 4, nB: 10 }, { winsA: 3, nA: 10, winsB: 3, nB: 20 }]);
 * r.ratio; // => 2
 * r.strata; // => 2
 */
export function mantelHaenszelRiskRatio(strata: readonly RatioStratum[], confidence = 0.95): RatioInterval & { strata: number } {
  if (!(confidence > 0 && confidence < 1)) throw new Error(`mantelHaenszelRiskRatio: confidence must be in (0, 1); got ${confidence}`);
  let R = 0;
  let S = 0;
  let V = 0;
  let used = 0;
  for (const [k, s] of strata.entries()) {
    checkCounts("mantelHaenszelRiskRatio", s.winsA, s.nA, `stratum ${k} group A`);
    checkCounts("mantelHaenszelRiskRatio", s.winsB, s.nB, `stratum ${k} group B`);
    if (s.nA === 0 || s.nB === 0) continue;
    used++;
    const t = s.nA + s.nB;
    R += (s.winsA * s.nB) / t;
    S += (s.winsB * s.nA) / t;
    V += ((s.winsA + s.winsB) * s.nA * s.nB - s.winsA * s.winsB * t) / (t * t);
  }
  if (used === 0) return { ratio: NaN, lo: 0, hi: Infinity, strata: 0 };
  const ratio = R / S;
  if (R === 0 || S === 0) return { ratio, lo: 0, hi: Infinity, strata: used };
  const se = Math.sqrt(Math.max(0, V / (R * S)));
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { ratio, lo: ratio * Math.exp(-z * se), hi: ratio * Math.exp(z * se), strata: used };
}
