import { CRITERIA } from "./effects";
import {
  DEPARTMENTS,
  LEAD_SOURCES,
  PRODUCTS,
  SENIORITIES,
  UNLISTED_PRODUCT_SHARE,
  UNLISTED_PRODUCTS,
  type Seniority,
} from "./catalog";
import type { AccountDraw } from "./draw-account";
import type { Random } from "./random";
import type { CriterionColumn } from "./sample-data";

/** A deal as drawn before its outcome: what the sales team recorded, and the behaviour before it. */
export interface DealDraw {
  created: number;
  /** Day the deal closes (or would close: after the end of the history it stays open). */
  close: number;
  amount: number;
  product: string;
  leadSource: string | null;
  seniority: Seniority;
  department: string;
  committee: number;
  /** True answers; `recorded` may blank them out. */
  criteria: Record<CriterionColumn, boolean>;
  recorded: {
    contactTitle: boolean;
    seniority: boolean;
    department: boolean;
    committee: boolean;
    criteria: Record<CriterionColumn, boolean>;
  };
  /** Planted events in the 90 days before `created`. */
  demoRequests: number;
  pricingViews: number;
  trialSignups: number;
  webinars: number;
}

/** Relative weights of the products of the catalogue; chosen independently of everything. */
const PRODUCT_WEIGHTS = [14, 16, 8, 12, 10, 8, 12, 10, 10];

/**
 * Draws one deal of an account created on day `created`: contact, buying committee,
 * qualification answers, product, amount, cycle length and the behaviour before it.
 *
 * @example
 * import { Random } from "./random";
 * import { drawAccount } from "./draw-account";
 * import { drawDeal } from "./draw-deal";
 * const rng = new Random(1);
 * const deal = drawDeal(rng, drawAccount(rng, "A00001"), 20000);
 * deal.close > deal.created; // => true
 */
export function drawDeal(rng: Random, account: AccountDraw, created: number): DealDraw {
  const a = account.archetype;
  const seniority = rng.weighted(SENIORITIES, a.seniority);
  const department = rng.pick(DEPARTMENTS).department;
  const committee = Math.min(14, 1 + rng.poisson(a.committee - 1));
  const criteria = {} as Record<CriterionColumn, boolean>;
  const recordedCriteria = {} as Record<CriterionColumn, boolean>;
  for (const c of CRITERIA) {
    criteria[c.column] = rng.bernoulli(c.share);
    recordedCriteria[c.column] = !rng.bernoulli(0.04);
  }
  const item = rng.bernoulli(UNLISTED_PRODUCT_SHARE) ? rng.pick(UNLISTED_PRODUCTS) : rng.weighted(PRODUCTS, PRODUCT_WEIGHTS);
  const leadSource = rng.bernoulli(0.02)
    ? null
    : rng.weighted(
        LEAD_SOURCES.map((s) => s.source),
        LEAD_SOURCES.map((s) => s.weight),
      );
  const seats = Math.sqrt(Math.min(6, Math.max(0.3, 10 ** account.log10Employees / 400)));
  const cycle = Math.round(Math.min(400, Math.max(7, rng.logNormal(Math.log(a.cycleDays), 0.5))));
  return {
    created,
    close: created + cycle,
    amount: Math.max(500, Math.round((item.list_price * seats * rng.logNormal(0, 0.2)) / 100) * 100),
    product: item.product,
    leadSource,
    seniority,
    department,
    committee,
    criteria,
    recorded: {
      contactTitle: !rng.bernoulli(0.04),
      seniority: !rng.bernoulli(0.03),
      department: !rng.bernoulli(0.04),
      committee: !rng.bernoulli(0.06),
      criteria: recordedCriteria,
    },
    demoRequests: rng.poisson(a.demoRequests),
    pricingViews: rng.poisson(a.pricingViews),
    trialSignups: rng.bernoulli(a.trialSignup) ? 1 : 0,
    webinars: rng.bernoulli(0.25) ? rng.int(1, 2) : 0,
  };
}

