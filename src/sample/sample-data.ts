import type { EventType, Product } from "./catalog";

/** How much sample to generate. Every field is optional; see {@link resolveSampleOptions}. */
export interface SampleOptions {
  /** Seed of the generator (an unsigned 32-bit integer). Default 42. */
  seed?: number;
  /** Number of accounts. Default 3,000, or 3 per 8 deals when `deals` is given. */
  accounts?: number;
  /** Number of deals. Default 8,000. */
  deals?: number;
  /**
   * Target number of events. Default 50 per deal. The events with a planted effect and the
   * product use after a win are always written; the neutral events fill up to the target.
   */
  events?: number;
}

/** {@link SampleOptions} with every default filled in. */
export interface ResolvedSampleOptions {
  seed: number;
  accounts: number;
  deals: number;
  events: number;
}

/**
 * Checks the options and fills in the defaults. Throws naming the option and the value.
 *
 * @example
 * import { resolveSampleOptions } from "./sample-data";
 * resolveSampleOptions({ deals: 800 }); // => { seed: 42, accounts: 300, deals: 800, events: 40000 }
 */
export function resolveSampleOptions(options: SampleOptions): ResolvedSampleOptions {
  const check = (name: string, value: number | undefined, min: number, max: number) => {
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max))
      throw new Error(`sample: ${name} must be an integer from ${min} to ${max}; got ${value}`);
  };
  check("seed", options.seed, 0, 0xffffffff);
  check("accounts", options.accounts, 1, 10_000_000);
  check("deals", options.deals, 1, 10_000_000);
  check("events", options.events, 0, 1_000_000_000);
  const deals = options.deals ?? 8000;
  return {
    seed: options.seed ?? 42,
    accounts: options.accounts ?? (options.deals === undefined ? 3000 : Math.max(1, Math.round((deals * 3) / 8))),
    deals,
    events: options.events ?? deals * 50,
  };
}

/** One row of `accounts.csv`; `null` is an empty cell. */
export interface AccountRow {
  account_id: string;
  industry: string | null;
  employees: number | null;
  annual_revenue: number | null;
  region: string;
  country: string | null;
  /** Items separated by ";". */
  tech_stack: string | null;
}

/** The yes/no qualification columns of `deals.csv`. */
export type CriterionColumn =
  | "budget_confirmed"
  | "authority_confirmed"
  | "need_confirmed"
  | "timeline_confirmed"
  | "metrics_identified"
  | "economic_buyer_engaged"
  | "decision_criteria_known"
  | "decision_process_known"
  | "pain_identified"
  | "champion_identified";

/** One row of `deals.csv`; `null` is an empty cell. */
export type DealRow = {
  deal_id: string;
  account_id: string;
  /** "Closed Won", "Closed Lost", or an open stage. */
  stage: string;
  created_date: string;
  /** Empty for open deals. */
  close_date: string | null;
  amount: number;
  product: string;
  lead_source: string | null;
  contact_title: string | null;
  seniority: string | null;
  department: string | null;
  committee_size: number | null;
  /** Filled in after the outcome: nearly always empty for won deals and set for lost ones. */
  loss_reason_code: string | null;
} & Record<CriterionColumn, "yes" | "no" | null>;

/** One row of `renewals.csv`: one per account with a won deal, from its first win. */
export interface RenewalRow {
  account_id: string;
  contract_start: string;
  /** "no" when churned in the first year, "yes" when past it, empty when not yet due. */
  renewed: "yes" | "no" | null;
  /** Empty when not churned by the end of the history. */
  churn_date: string | null;
}

/** One row of `truth.csv`: what the outcome was drawn from. */
export interface TruthRow {
  deal_id: string;
  p_win: number;
  archetype: string;
}

/** One event; `ts` is in seconds since 1970-01-01 UTC. */
export interface SampleEvent {
  account_id: string;
  ts: number;
  event_type: EventType;
  minutes: number | null;
}

/** A generated sample: the tables in memory, the events as a stream. */
export interface SampleData {
  options: ResolvedSampleOptions;
  accounts: AccountRow[];
  products: readonly Product[];
  deals: DealRow[];
  renewals: RenewalRow[];
  truth: TruthRow[];
  /** The events, one account at a time (each batch sorted by time), the same on every call. */
  events(): Generator<SampleEvent[]>;
}
