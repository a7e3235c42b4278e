import type { AucInterval } from "../model/auc";
import type { CriterionContribution } from "./criterion-contribution";
import type { CriterionEvidence } from "./criteria-evidence";
import type { NOfMRule, NOfMRules } from "./n-of-m";
import { formatPercent, formatPercentPoints } from "../format/percent";
import { formatAuc } from "../format/auc";
import { formatPValue } from "../format/p-value";
import { formatRateInterval } from "../format/rate-interval";
import { differenceText, listWords, ratioText } from "./wording";

/**
 * The verdicts of the framework evaluation, in words, each derived from the numbers it quotes
 * (internal to this folder; `evaluateFrameworks` puts them in its result).
 */

/** The false-discovery rate below which a criterion "goes with" more or fewer wins. */
const FDR = 0.05;

const rate = (r: { rate: number; lo: number; hi: number }) => formatRateInterval(r.rate, r.lo, r.hi);
/** A q-value after "q": `= 0.031`, `< 0.0001`. */
const q = (x: number) => {
  const t = formatPValue(x);
  return t.startsWith("<") ? t : `= ${t}`;
};

/**
 * What one criterion says about winning on its own.
 *
 * @example
 * import { evidenceVerdict } from "./verdicts";
 * const w = (rate: number) => ({ rate, lo: rate - 0.04, hi: rate + 0.04 });
 * evidenceVerdict("Need", { attribute: "need_confirmed", winRateMet: w(0.6), winRateNotMet: w(0.4), lift: { ratio: 1.5, lo: 1.3, hi: 1.7 }, q: 0.0001 } as never);
 * // => "Need (need_confirmed) goes with more wins: 60% [56%–64%] when met, 40% [36%–44%] when not (×1.50 [1.30–1.70], q = 0.0001)"
 */
export function evidenceVerdict(label: string, e: CriterionEvidence): string {
  const numbers = `${rate(e.winRateMet)} when met, ${rate(e.winRateNotMet)} when not (${ratioText(e.lift)}, q ${q(e.q)})`;
  const who = `${label} (${e.attribute})`;
  if (!Number.isFinite(e.lift.ratio)) return `${who} cannot be judged: it is ${e.met === 0 ? "never" : "always"} met on the test deals`;
  if (e.lift.lo > 1 && e.q < FDR) return `${who} goes with more wins: ${numbers}`;
  if (e.lift.hi < 1 && e.q < FDR) return `${who} goes with fewer wins: ${numbers}`;
  if (e.lift.lo > 1 || e.lift.hi < 1) return `${who} may go with ${e.lift.lo > 1 ? "more" : "fewer"} wins, but not once the other criteria tested are accounted for: ${numbers}`;
  return `${who} shows no clear link with winning: ${numbers}`;
}

/**
 * The best N-of-M rule of a framework.
 *
 * @example
 * import { bestRuleVerdict } from "./verdicts";
 * const w = (rate: number) => ({ rate, lo: rate - 0.04, hi: rate + 0.04 });
 * const rule = { atLeast: 2, of: 4, precision: w(0.58), recall: w(0.81), sharePassed: w(0.66) };
 * bestRuleVerdict("BANT", { best: 2, rules: [rule, rule], baseRate: w(0.47), bestRule: "the highest win rate among the rules that keep at least 50% of the wins" } as never);
 * // => "BANT: the best rule is at least 2 of 4 criteria met (the highest win rate among the rules that keep at least 50% of the wins): a win rate of 58% [54%–62%] against 47% for all deals, keeping 81% [77%–85%] of the wins and passing 66% of the deals"
 */
export function bestRuleVerdict(framework: string, r: NOfMRules): string {
  if (r.best === null) return `${framework}: no rule can be judged (${r.rules.length === 0 ? "no criterion has an attribute" : "the test deals have no wins"})`;
  const rule = r.rules[r.best - 1];
  const vs = rule.precision.lo > r.baseRate.rate ? " against" : ", hardly better than";
  return `${framework}: the best rule is at least ${rule.atLeast} of ${rule.of} criteria met (${r.bestRule}): a win rate of ${rate(rule.precision)}${vs} ${formatPercent(r.baseRate.rate)} for all deals, keeping ${rate(rule.recall)} of the wins and passing ${formatPercent(rule.sharePassed.rate)} of the deals`;
}

/**
 * What a criterion adds once the framework's other criteria are known.
 *
 * @example
 * import { contributionVerdict } from "./verdicts";
 * contributionVerdict("BANT", { label: "Budget", attribute: "budget_confirmed", finding: "nothing", aucDrop: { diff: 0.001, lo: -0.004, hi: 0.006 }, conditionalLift: { ratio: 1.01, lo: 0.92, hi: 1.1 } } as never, ["Authority", "Need", "Timeline"]);
 * // => "Budget adds nothing once Authority, Need and Timeline are known: AUC drop without it 0.001 [−0.004, 0.006], win rate when met ×1.01 [0.92–1.10] at the same answers to the others"
 */
export function contributionVerdict(framework: string, c: CriterionContribution, others: readonly string[]): string {
  const many = others.length > 3;
  const them = many ? `the other ${others.length} ${framework} criteria` : listWords(others);
  const verb = others.length === 1 ? "is" : "are";
  const auc = `AUC drop without it ${differenceText(c.aucDrop.diff, c.aucDrop.lo, c.aucDrop.hi)}`;
  const lift = `win rate when met ${ratioText(c.conditionalLift)} at the same answers to the others`;
  if (others.length === 0) {
    const what = { adds: "predicts wins", nothing: "does not predict wins", lowers: "goes with fewer wins", unclear: "may predict wins" }[c.finding];
    return `${c.label} ${what} on its own: ${auc}, ${lift.replace(" at the same answers to the others", "")}`;
  }
  switch (c.finding) {
    case "adds":
      return `${c.label} adds to what ${them} say${others.length === 1 ? "s" : ""}: ${auc}, ${lift}`;
    case "nothing":
      return `${c.label} adds nothing once ${them} ${verb} known: ${auc}, ${lift}`;
    case "lowers":
      return `${c.label} goes with fewer wins once ${them} ${verb} known: ${lift}; ${auc}`;
    default:
      if (c.conditionalLift.lo > 1)
        return `${c.label} may add to what ${them} say${others.length === 1 ? "s" : ""}: ${lift}, but the holdout AUC is not clearly lower without it (${auc})`;
      return `${c.label}: unclear what it adds once ${them} ${verb} known: the holdout AUC is ${c.aucDrop.lo > 0 ? "lower" : "higher"} without it (${auc}) but the conditional lift is not clear (${lift})`;
  }
}

/**
 * A claimed rule against the best rule of the same framework.
 *
 * @example
 * import { claimVerdict } from "./verdicts";
 * const w = (rate: number) => ({ rate, lo: rate - 0.04, hi: rate + 0.04 });
 * const claimed = { atLeast: 3, of: 4, precision: w(0.62), recall: w(0.45), sharePassed: w(0.34) };
 * const best = { atLeast: 2, of: 4, precision: w(0.56), recall: w(0.8), sharePassed: w(0.66) };
 * claimVerdict("BANT-qualified when at least three of four criteria are positive", claimed as never, best as never);
 * // => "The claim \"BANT-qualified when at least three of four criteria are positive\" (at least 3 of 4): a win rate of 62% [58%–66%] but only 45% [41%–49%] of the wins kept. The best rule, at least 2 of 4, wins 56% [52%–60%] and keeps 80% [76%–84%] of the wins: the claim trades 35 points of recall for 6 points of win rate"
 */
export function claimVerdict(text: string, claimed: NOfMRule | null, best: NOfMRule | null, reason = ""): string {
  const head = `The claim "${text}"`;
  if (!claimed || !best) return `${head} cannot be checked: ${reason}`;
  const desc = `${head} (at least ${claimed.atLeast} of ${claimed.of})`;
  const kept = claimed.recall.rate < 0.5 ? `but only ${rate(claimed.recall)} of the wins kept` : `keeping ${rate(claimed.recall)} of the wins`;
  const own = `${desc}: a win rate of ${rate(claimed.precision)} ${kept}`;
  if (claimed.atLeast === best.atLeast) return `${own}. It is the best rule too`;
  const points = (x: number) => formatPercentPoints(x, false);
  const dRecall = best.recall.rate - claimed.recall.rate;
  const dPrecision = claimed.precision.rate - best.precision.rate;
  const trade =
    claimed.atLeast > best.atLeast
      ? `the claim trades ${points(dRecall)} points of recall for ${dPrecision >= 0 ? `${points(dPrecision)} points of win rate` : `a win rate ${points(dPrecision)} points lower`}`
      : `the claim keeps ${points(dRecall)} more points of the wins at a win rate ${points(dPrecision)} points lower`;
  return `${own}. The best rule, at least ${best.atLeast} of ${best.of}, wins ${rate(best.precision)} and keeps ${rate(best.recall)} of the wins: ${trade}`;
}

/**
 * An AUC in words: whether it ranks wins above losses better than chance.
 *
 * @example
 * import { aucWords } from "./verdicts";
 * aucWords({ auc: 0.52, lo: 0.49, hi: 0.55, se: 0.015 }); // => "0.520 [0.490–0.550], no better than chance"
 */
export function aucWords(a: AucInterval): string {
  return `${formatAuc(a)}${a.lo <= 0.5 ? ", no better than chance" : ""}`;
}
