import type { Tier } from "./choose-tiers";
import type { Reference } from "./scorecard";
import { formatRateInterval } from "../format/rate-interval";

/** A reference must beat the card with a paired DeLong p-value below this to make it not usable. */
export const REFERENCE_ALPHA = 0.05;

/**
 * Why a scorecard must not be used even though its holdout AUC is above chance, or an empty list:
 * - a simpler reference score (the best single attribute, a count of behavioural events, the
 *   previous rules) ranks the holdout significantly better than the card (paired DeLong test,
 *   p < {@link REFERENCE_ALPHA}): use the simpler score instead;
 * - the tiers are out of order on the holdout: a lower tier's win-rate interval lies entirely above
 *   a higher tier's (beyond their Wilson intervals, so sampling noise alone does not trigger it).
 *
 * @param references each with `vsScorecard` = card minus reference
 * @param tiers best first, measured on the holdout
 * @example
 * import { verdictProblems } from "./verdict-checks";
 * const tier = (name: string, value: number, lo: number, hi: number) => ({ name, minPoints: 0, expectedWinRate: { value, lo, hi }, shareOfLeads: 0.5, shareOfWins: 0.5, n: 100 });
 * verdictProblems([], [tier("A", 0.23, 0.16, 0.32), tier("D", 0.71, 0.61, 0.79)]);
 * // => ["the tiers are out of order on the holdout: tier D wins 71% [61%–79%] against 23% [16%–32%] for tier A"]
 */
export function verdictProblems(references: readonly Reference[], tiers: readonly Tier[]): string[] {
  const problems: string[] = [];
  for (const r of references) {
    const c = r.vsScorecard;
    if (c && c.diff < 0 && c.p < REFERENCE_ALPHA)
      problems.push(
        `the reference "${r.name}" ranks the holdout better than the card (AUC ${r.auc.auc.toFixed(3)} against ${(r.auc.auc + c.diff).toFixed(3)}, p ${c.p < 1e-4 ? "< 0.0001" : `= ${c.p.toFixed(4)}`})`,
      );
  }
  type Measured = Tier & { expectedWinRate: NonNullable<Tier["expectedWinRate"]> };
  const rate = (t: Measured) => formatRateInterval(t.expectedWinRate.value, t.expectedWinRate.lo, t.expectedWinRate.hi);
  const measured = tiers.filter((t): t is Measured => t.expectedWinRate !== null);
  let worst: [Measured, Measured] | null = null;
  for (let i = 0; i < measured.length; i++)
    for (let j = i + 1; j < measured.length; j++) {
      const [hi, lo] = [measured[i], measured[j]];
      const gap = lo.expectedWinRate.lo - hi.expectedWinRate.hi;
      if (gap > 0 && (!worst || gap > worst[1].expectedWinRate.lo - worst[0].expectedWinRate.hi)) worst = [hi, lo];
    }
  if (worst) problems.push(`the tiers are out of order on the holdout: tier ${worst[1].name} wins ${rate(worst[1])} against ${rate(worst[0])} for tier ${worst[0].name}`);
  return problems;
}
