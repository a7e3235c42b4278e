import type { Industry } from "./catalog";

/** Weights over the five seniority levels, most senior first (C-level, VP, Director, Manager, IC). */
type SeniorityWeights = readonly [number, number, number, number, number];

/**
 * A planted customer archetype: the traits its accounts and their deals are drawn from.
 * Every trait acts on the outcome only through the attributes it sets (industry, size,
 * seniority, tech stack, buying committee, behaviour), never through the archetype itself.
 */
export interface Archetype {
  /** The label written to `truth.csv`. */
  id: string;
  name: string;
  /** What a persona found among won deals should look like. */
  description: string;
  /** Share of the accounts. */
  share: number;
  /** Industries with weights; empty = every industry equally likely. */
  industries: readonly { industry: Industry; weight: number }[];
  /** log10 of the employee count: a normal distribution, or a uniform range. */
  log10Employees: { mean: number; sd: number } | { min: number; max: number };
  /** Probability that the tech stack holds Salesforce, and HubSpot. */
  salesforce: number;
  hubspot: number;
  seniority: SeniorityWeights;
  /** Mean buying-committee size. */
  committee: number;
  /** Mean demo requests and pricing-page views in the 90 days before a deal, and trial sign-up probability. */
  demoRequests: number;
  pricingViews: number;
  trialSignup: number;
  /** Median sales-cycle length in days. */
  cycleDays: number;
  /** Relative number of deals per account. */
  dealVolume: number;
}

/**
 * The archetypes of the sample, the last one ("none") being the background population.
 *
 * @example
 * import { ARCHETYPES } from "./archetypes";
 * ARCHETYPES.map((a) => a.id); // => ["mid-market-saas", "enterprise-finance", "smb-agencies", "healthcare-it", "none"]
 */
export const ARCHETYPES: readonly Archetype[] = [
  {
    id: "mid-market-saas",
    name: "Mid-market SaaS leaders",
    description:
      "Software companies of 200–2,000 employees, bought by a VP or Director, Salesforce in the stack, who request demos, look at pricing and start trials; the best win rate and good retention.",
    share: 0.18,
    industries: [
      { industry: "Software", weight: 85 },
      { industry: "Professional Services", weight: 15 },
    ],
    log10Employees: { mean: 2.8, sd: 0.22 },
    salesforce: 0.85,
    hubspot: 0.1,
    seniority: [8, 47, 35, 10, 0],
    committee: 3,
    demoRequests: 1.3,
    pricingViews: 3,
    trialSignup: 0.45,
    cycleDays: 45,
    dealVolume: 1.2,
  },
  {
    id: "enterprise-finance",
    name: "Enterprise finance",
    description:
      "Financial-services enterprises of 5,000+ employees, bought by C-level or VP contacts through large buying committees after long cycles, Salesforce in the stack; win less often but retain best.",
    share: 0.12,
    industries: [{ industry: "Financial Services", weight: 1 }],
    log10Employees: { mean: 4.1, sd: 0.25 },
    salesforce: 0.75,
    hubspot: 0.05,
    seniority: [40, 40, 20, 0, 0],
    committee: 7,
    demoRequests: 0.5,
    pricingViews: 1,
    trialSignup: 0.05,
    cycleDays: 90,
    dealVolume: 1.5,
  },
  {
    id: "smb-agencies",
    name: "SMB agencies",
    description:
      "Marketing agencies of 10–100 employees, bought by the founder or a manager alone, HubSpot in the stack, short cycles after pricing views and trials; win easily but churn the most.",
    share: 0.15,
    industries: [{ industry: "Marketing & Advertising", weight: 1 }],
    log10Employees: { mean: 1.6, sd: 0.25 },
    salesforce: 0.08,
    hubspot: 0.9,
    seniority: [60, 0, 15, 25, 0],
    committee: 1.3,
    demoRequests: 0.8,
    pricingViews: 3.5,
    trialSignup: 0.5,
    cycleDays: 25,
    dealVolume: 0.8,
  },
  {
    id: "healthcare-it",
    name: "Healthcare IT evaluators",
    description:
      "Healthcare organisations of 1,000–10,000 employees, bought by directors and managers through mid-sized committees after long evaluations; an average win rate.",
    share: 0.12,
    industries: [{ industry: "Healthcare", weight: 1 }],
    log10Employees: { mean: 3.45, sd: 0.22 },
    salesforce: 0.4,
    hubspot: 0.1,
    seniority: [0, 15, 50, 35, 0],
    committee: 5,
    demoRequests: 0.6,
    pricingViews: 1.2,
    trialSignup: 0.1,
    cycleDays: 75,
    dealVolume: 1,
  },
  {
    id: "none",
    name: "No archetype",
    description: "The background population: every industry and size, no planted pattern.",
    share: 0.43,
    industries: [],
    log10Employees: { min: 0.8, max: 4.7 },
    salesforce: 0.35,
    hubspot: 0.25,
    seniority: [10, 15, 25, 30, 20],
    committee: 3,
    demoRequests: 0.45,
    pricingViews: 1.3,
    trialSignup: 0.12,
    cycleDays: 50,
    dealVolume: 1,
  },
];
