import type { Industry, Seniority } from "./catalog";
import type { CriterionColumn } from "./sample-data";

/**
 * The qualification criteria of the sample: the deals column, its framework and criterion,
 * the share of deals where it is "yes", and its planted effect on the win logit (0 = none).
 *
 * @example
 * import { CRITERIA } from "./effects";
 * CRITERIA.find((c) => c.column === "budget_confirmed")?.winEffect; // => 0
 */
export const CRITERIA: readonly { column: CriterionColumn; framework: "BANT" | "MEDDIC"; criterion: string; share: number; winEffect: number }[] = [
  { column: "budget_confirmed", framework: "BANT", criterion: "budget", share: 0.55, winEffect: 0 },
  { column: "authority_confirmed", framework: "BANT", criterion: "authority", share: 0.5, winEffect: 0.5 },
  { column: "need_confirmed", framework: "BANT", criterion: "need", share: 0.6, winEffect: 0.7 },
  { column: "timeline_confirmed", framework: "BANT", criterion: "timeline", share: 0.45, winEffect: 0 },
  { column: "metrics_identified", framework: "MEDDIC", criterion: "metrics", share: 0.4, winEffect: 0.3 },
  { column: "economic_buyer_engaged", framework: "MEDDIC", criterion: "economic_buyer", share: 0.45, winEffect: 0.4 },
  { column: "decision_criteria_known", framework: "MEDDIC", criterion: "decision_criteria", share: 0.5, winEffect: 0 },
  { column: "decision_process_known", framework: "MEDDIC", criterion: "decision_process", share: 0.4, winEffect: 0 },
  { column: "pain_identified", framework: "MEDDIC", criterion: "identified_pain", share: 0.55, winEffect: 0.6 },
  { column: "champion_identified", framework: "MEDDIC", criterion: "champion", share: 0.35, winEffect: 0.9 },
];

/**
 * The planted effects on the win probability, as terms of its logit. Attributes not named
 * here (region, country, department, lead source, product, most tech items, several event
 * types) have no term and are drawn independently of everything that has one.
 *
 * @example
 * import { WIN_EFFECTS } from "./effects";
 * WIN_EFFECTS.seniority["Individual Contributor"] < 0; // => true
 */
export const WIN_EFFECTS = {
  intercept: -3.6,
  industry: { Software: 0.45, "Marketing & Advertising": 0.35, Retail: -0.45, Education: -0.55 } as Partial<Record<Industry, number>>,
  /** A bump on log10(employees): `peak * exp(-((x - center) / width)^2 / 2)`; best around 600 employees. */
  sizeSweetSpot: { peak: 1.1, center: 2.8, width: 0.35 },
  seniority: { "C-level": 0.2, VP: 0.45, Director: 0.3, Manager: 0, "Individual Contributor": -0.7 } as Record<Seniority, number>,
  /** Per buying-committee member above `committeeBase`. */
  committeePerMember: -0.12,
  committeeBase: 3,
  salesforce: 0.35,
  hubspot: 0.35,
  /** Per demo request in the 90 days before the deal was created, up to `demoCap`. */
  demoRequest: 0.5,
  demoCap: 3,
  /** Per pricing-page view in the 90 days before the deal was created, up to `pricingCap`. */
  pricingView: 0.18,
  pricingCap: 6,
  trialSignup: 0.5,
  /** An expansion deal: the account is a live customer (product use in the weeks before the deal). */
  activeCustomer: 0.6,
} as const;

/**
 * The planted effects on churn of won accounts, as terms of the log hazard (positive = churns
 * sooner). The deal-level terms come from the account's first won deal.
 *
 * @example
 * import { CHURN_EFFECTS } from "./effects";
 * CHURN_EFFECTS.snowflake < 0; // => true
 */
export const CHURN_EFFECTS = {
  /** Yearly churn of a reference account (log10 employees = `sizeCenter`, no other term). */
  baseAnnualChurn: 0.16,
  /** Per unit of log10(employees) above `sizeCenter`: larger companies churn less. */
  perLog10Employees: -0.4,
  sizeCenter: 2.5,
  marketingIndustry: 0.6,
  hubspot: 0.5,
  snowflake: -0.6,
  champion: -0.9,
  webinar: -0.8,
} as const;
