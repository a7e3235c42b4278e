import { CHURN_EFFECTS, CRITERIA, WIN_EFFECTS } from "./effects";
import type { AccountDraw } from "./draw-account";
import type { DealDraw } from "./draw-deal";

/**
 * The true win probability of a deal: the logistic of the planted terms of {@link WIN_EFFECTS}
 * and {@link CRITERIA}. `activeCustomer` is true for an expansion deal of a live customer.
 *
 * @example
 * import { Random } from "./random";
 * import { drawAccount } from "./draw-account";
 * import { drawDeal } from "./draw-deal";
 * import { winProbability } from "./planted-model";
 * const rng = new Random(1);
 * const account = drawAccount(rng, "A1");
 * const p = winProbability(account, drawDeal(rng, account, 20000), false);
 * p > 0 && p < 1; // => true
 */
export function winProbability(account: AccountDraw, deal: DealDraw, activeCustomer: boolean): number {
  const w = WIN_EFFECTS;
  const bump = (account.log10Employees - w.sizeSweetSpot.center) / w.sizeSweetSpot.width;
  let logit =
    w.intercept +
    (w.industry[account.industry] ?? 0) +
    w.sizeSweetSpot.peak * Math.exp(-0.5 * bump * bump) +
    w.seniority[deal.seniority] +
    w.committeePerMember * (deal.committee - w.committeeBase) +
    (account.salesforce ? w.salesforce : 0) +
    (account.hubspot ? w.hubspot : 0) +
    w.demoRequest * Math.min(deal.demoRequests, w.demoCap) +
    w.pricingView * Math.min(deal.pricingViews, w.pricingCap) +
    w.trialSignup * deal.trialSignups +
    (activeCustomer ? w.activeCustomer : 0);
  for (const c of CRITERIA) if (deal.criteria[c.column]) logit += c.winEffect;
  return 1 / (1 + Math.exp(-logit));
}

/**
 * The churn hazard per day of an account won through `firstWin`: a yearly base rate moved by
 * the planted terms of {@link CHURN_EFFECTS} on the log scale.
 *
 * @example
 * import { Random } from "./random";
 * import { drawAccount } from "./draw-account";
 * import { drawDeal } from "./draw-deal";
 * import { churnHazard } from "./planted-model";
 * const rng = new Random(1);
 * const account = drawAccount(rng, "A1");
 * churnHazard(account, drawDeal(rng, account, 20000)) > 0; // => true
 */
export function churnHazard(account: AccountDraw, firstWin: DealDraw): number {
  const c = CHURN_EFFECTS;
  const logHazard =
    Math.log(-Math.log(1 - c.baseAnnualChurn) / 365) +
    c.perLog10Employees * (account.log10Employees - c.sizeCenter) +
    (account.industry === "Marketing & Advertising" ? c.marketingIndustry : 0) +
    (account.hubspot ? c.hubspot : 0) +
    (account.snowflake ? c.snowflake : 0) +
    (firstWin.criteria.champion_identified ? c.champion : 0) +
    (firstWin.webinars > 0 ? c.webinar : 0);
  return Math.exp(logHazard);
}
