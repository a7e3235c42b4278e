/*
 * The vocabularies of the sample world: the values each generated column can take. Values
 * never contain a comma, a quote or a line break, so the CSV files need no quoting.
 */

/**
 * Industries of the accounts.
 *
 * @example
 * import { INDUSTRIES } from "./catalog";
 * INDUSTRIES.includes("Software"); // => true
 */
export const INDUSTRIES = [
  "Software",
  "Financial Services",
  "Marketing & Advertising",
  "Healthcare",
  "Manufacturing",
  "Retail",
  "Education",
  "Professional Services",
  "Logistics",
  "Media",
] as const;

/** An industry of {@link INDUSTRIES}. */
export type Industry = (typeof INDUSTRIES)[number];

/**
 * Regions and their countries (with weights); drawn independently of everything else.
 *
 * @example
 * import { REGIONS } from "./catalog";
 * REGIONS.map((r) => r.region); // => ["North America", "EMEA", "APAC", "LATAM"]
 */
export const REGIONS: readonly { region: string; weight: number; countries: readonly string[]; countryWeights: readonly number[] }[] = [
  { region: "North America", weight: 45, countries: ["United States", "Canada"], countryWeights: [80, 20] },
  {
    region: "EMEA",
    weight: 32,
    countries: ["United Kingdom", "Germany", "France", "Netherlands", "Sweden", "Spain"],
    countryWeights: [30, 25, 18, 12, 8, 7],
  },
  { region: "APAC", weight: 15, countries: ["Australia", "Japan", "Singapore", "India"], countryWeights: [35, 25, 20, 20] },
  { region: "LATAM", weight: 8, countries: ["Brazil", "Mexico", "Chile"], countryWeights: [50, 35, 15] },
];

/**
 * Seniority levels of the deal's main contact, most senior first.
 *
 * @example
 * import { SENIORITIES } from "./catalog";
 * SENIORITIES[0]; // => "C-level"
 */
export const SENIORITIES = ["C-level", "VP", "Director", "Manager", "Individual Contributor"] as const;

/** A level of {@link SENIORITIES}. */
export type Seniority = (typeof SENIORITIES)[number];

/**
 * Departments of the deal's main contact, with the C-level title of each; drawn independently.
 *
 * @example
 * import { DEPARTMENTS } from "./catalog";
 * DEPARTMENTS.find((d) => d.department === "Finance")?.chief; // => "Chief Financial Officer"
 */
export const DEPARTMENTS: readonly { department: string; chief: string; function: string }[] = [
  { department: "Sales", chief: "Chief Revenue Officer", function: "Sales" },
  { department: "Marketing", chief: "Chief Marketing Officer", function: "Marketing" },
  { department: "Operations", chief: "Chief Operating Officer", function: "Operations" },
  { department: "Finance", chief: "Chief Financial Officer", function: "Finance" },
  { department: "IT", chief: "Chief Information Officer", function: "IT" },
  { department: "Customer Success", chief: "Chief Customer Officer", function: "Customer Success" },
];

/**
 * The job title of a contact, from seniority and department ("VP of Sales", "Sales Manager").
 *
 * @example
 * import { contactTitle } from "./catalog";
 * contactTitle("VP", "Sales"); // => "VP of Sales"
 */
export function contactTitle(seniority: Seniority, department: string): string {
  const d = DEPARTMENTS.find((x) => x.department === department);
  if (!d) throw new Error(`contactTitle: unknown department "${department}"`);
  switch (seniority) {
    case "C-level":
      return d.chief;
    case "VP":
      return `VP of ${d.function}`;
    case "Director":
      return `Director of ${d.function}`;
    case "Manager":
      return `${d.function} Manager`;
    case "Individual Contributor":
      return `${d.function} Specialist`;
  }
}

/**
 * The `tech_stack` items with a role in the planted effects (or, for Zendesk, deliberately none).
 *
 * @example
 * import { TECH_ITEMS } from "./catalog";
 * TECH_ITEMS.hubspot; // => "HubSpot"
 */
export const TECH_ITEMS = {
  /** Linked to archetypes; raises the win rate. */
  salesforce: "Salesforce",
  /** Linked to the SMB agencies archetype; raises the win rate, lowers retention. */
  hubspot: "HubSpot",
  /** Independent of everything; raises retention only. */
  snowflake: "Snowflake",
  /** Independent of everything; no effect at all. */
  zendesk: "Zendesk",
} as const;

/**
 * Further `tech_stack` items, each independent of everything, with its share of accounts.
 *
 * @example
 * import { FILLER_TECH } from "./catalog";
 * FILLER_TECH[0]; // => { item: "Slack", share: 0.45 }
 */
export const FILLER_TECH: readonly { item: string; share: number }[] = [
  { item: "Slack", share: 0.45 },
  { item: "Jira", share: 0.3 },
  { item: "Marketo", share: 0.15 },
  { item: "Segment", share: 0.15 },
  { item: "Looker", share: 0.15 },
  { item: "Shopify", share: 0.1 },
];

/**
 * Lead sources, with weights; drawn independently of everything.
 *
 * @example
 * import { LEAD_SOURCES } from "./catalog";
 * LEAD_SOURCES.length; // => 6
 */
export const LEAD_SOURCES: readonly { source: string; weight: number }[] = [
  { source: "Inbound Web", weight: 30 },
  { source: "Outbound SDR", weight: 25 },
  { source: "Partner Referral", weight: 12 },
  { source: "Event", weight: 10 },
  { source: "Paid Search", weight: 15 },
  { source: "Customer Referral", weight: 8 },
];

/** One row of `products.csv`. */
export interface Product {
  product: string;
  family: string;
  list_price: number;
}

/**
 * The products table; products are chosen for deals independently of everything.
 *
 * @example
 * import { PRODUCTS } from "./catalog";
 * PRODUCTS[0]; // => { product: "Pipeline Starter", family: "Core", list_price: 6000 }
 */
export const PRODUCTS: readonly Product[] = [
  { product: "Pipeline Starter", family: "Core", list_price: 6000 },
  { product: "Pipeline Growth", family: "Core", list_price: 18000 },
  { product: "Pipeline Enterprise", family: "Core", list_price: 60000 },
  { product: "Forecasting", family: "Analytics", list_price: 24000 },
  { product: "Revenue Insights", family: "Analytics", list_price: 30000 },
  { product: "Conversation Intelligence", family: "Analytics", list_price: 36000 },
  { product: "CRM Sync", family: "Integrations", list_price: 9000 },
  { product: "Warehouse Connector", family: "Integrations", list_price: 12000 },
  { product: "Onboarding Package", family: "Services", list_price: 8000 },
];

/**
 * Product names that deals use but `products.csv` lacks (a join reports them as misses).
 *
 * @example
 * import { UNLISTED_PRODUCTS } from "./catalog";
 * UNLISTED_PRODUCTS.map((p) => p.product); // => ["Legacy Bundle", "Partner Pilot"]
 */
export const UNLISTED_PRODUCTS: readonly { product: string; list_price: number }[] = [
  { product: "Legacy Bundle", list_price: 15000 },
  { product: "Partner Pilot", list_price: 5000 },
];

/**
 * Share of deals whose product is one of {@link UNLISTED_PRODUCTS}.
 *
 * @example
 * import { UNLISTED_PRODUCT_SHARE } from "./catalog";
 * UNLISTED_PRODUCT_SHARE; // => 0.03
 */
export const UNLISTED_PRODUCT_SHARE = 0.03;

/**
 * Stages of deals still open at the end of the history.
 *
 * @example
 * import { OPEN_STAGES } from "./catalog";
 * OPEN_STAGES.includes("Negotiation"); // => true
 */
export const OPEN_STAGES = ["Discovery", "Proposal", "Negotiation"] as const;

/**
 * Codes of the leaking `loss_reason_code` column, filled in after a deal is lost.
 *
 * @example
 * import { LOSS_REASONS } from "./catalog";
 * LOSS_REASONS[0]; // => "PRICE"
 */
export const LOSS_REASONS = ["PRICE", "COMPETITOR", "NO_DECISION", "TIMING", "NO_BUDGET", "WENT_DARK"] as const;

/**
 * Event types of the events table.
 *
 * @example
 * import { EVENT_TYPES } from "./catalog";
 * EVENT_TYPES.length; // => 10
 */
export const EVENT_TYPES = [
  "web_visit",
  "pricing_page_view",
  "email_open",
  "email_click",
  "content_download",
  "datasheet_view",
  "demo_request",
  "webinar_attended",
  "trial_signup",
  "product_active_day",
] as const;

/** An event type of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Event types with no effect on anything, with weights. Their amount scales so that the
 * events table reaches the requested size; the types with a planted effect keep fixed rates.
 *
 * @example
 * import { NEUTRAL_EVENTS } from "./catalog";
 * NEUTRAL_EVENTS.map((e) => e.type).includes("email_open"); // => true
 */
export const NEUTRAL_EVENTS: readonly { type: EventType; weight: number }[] = [
  { type: "web_visit", weight: 45 },
  { type: "email_open", weight: 30 },
  { type: "email_click", weight: 9 },
  { type: "content_download", weight: 8 },
  { type: "datasheet_view", weight: 8 },
];
