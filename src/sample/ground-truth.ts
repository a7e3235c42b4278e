import { ARCHETYPES } from "./archetypes";
import { DEMO_RECENCY } from "./event-age";

/**
 * How an attribute moves an outcome, judged one attribute at a time on a large sample:
 * - `raises` / `lowers`: higher values (numeric), "yes" (yes/no), or the listed level or item
 *   (categorical, multi-valued) go with more / fewer wins, or with better / worse retention;
 * - `non-monotone`: a numeric attribute best in the middle;
 * - `differs`: a categorical attribute whose levels differ (see `levels`);
 * - `none`: no association.
 */
export type Effect = "raises" | "lowers" | "non-monotone" | "differs" | "none";

/** The ground truth of one attribute of the loaded table (or, for events, one event type). */
export interface GroundTruthEffect {
  /** The column name in the loaded table; for behaviour, the event type. */
  attribute: string;
  /** Where the column comes from. */
  table: "deals" | "accounts" | "products" | "events";
  effectOnWin: Effect;
  /** Effect on retention of won accounts: `raises` = churns less. */
  effectOnRetention: Effect;
  /**
   * Drawn independently of everything else: no term in either outcome and no correlation
   * with an attribute that has one. Any finding on such an attribute is a false discovery.
   */
  independent: boolean;
  /**
   * For an event type whose information about the outcome fades with the event's age (days
   * before the deal's creation): the days after which it halves. Absent: every event in the
   * window tells the same.
   */
  halfLifeDays?: number;
  /** Level-specific effects (the level against all others) of a categorical or multi-valued attribute. */
  levels?: readonly { level: string; effectOnWin: Effect; effectOnRetention: Effect }[];
  /** Where the effect comes from: a planted term, or a correlation with one. */
  note: string;
}

/** The ground truth of the whole sample. */
export interface SampleGroundTruth {
  /** The deals columns, joined columns and event types, in the order of the files. */
  attributes: readonly GroundTruthEffect[];
  /** The post-outcome column that nearly determines the outcome. */
  leakingColumn: string;
  /** The event type written after a win, which leaks the outcome unless features are cut at the scoring point. */
  postCloseEventType: string;
  /** The planted customer archetypes; `truth.csv` holds each deal's archetype id ("none" for the background). */
  archetypes: readonly { id: string; name: string; description: string; share: number }[];
  /** How behavioural feature names are formed from an event type. */
  featureNames: string;
}

const none = (attribute: string, table: GroundTruthEffect["table"], note: string): GroundTruthEffect => ({
  attribute,
  table,
  effectOnWin: "none",
  effectOnRetention: "none",
  independent: true,
  note,
});

/**
 * What the sample's generator planted, per attribute as it appears in the loaded table: the
 * yardstick for the drivers, frameworks, scorecard and personas. Effects are what a one-at-a-time
 * analysis finds on a large sample; the note says whether they are a planted term or come
 * through a correlated attribute. Behaviour is listed per event type: the loader's features
 * `<event_type>_<aggregate>_<window>d` (aggregates count, sum, active_days, days_since_last)
 * carry the event type's effect (`days_since_last` in the opposite direction: recent is high).
 *
 * @example
 * import { SAMPLE_GROUND_TRUTH } from "leadlab";
 * SAMPLE_GROUND_TRUTH.leakingColumn; // => "loss_reason_code"
 * SAMPLE_GROUND_TRUTH.attributes.find((a) => a.attribute === "employees")?.effectOnWin; // => "non-monotone"
 * SAMPLE_GROUND_TRUTH.attributes.filter((a) => a.independent).length; // => 16
 * SAMPLE_GROUND_TRUTH.attributes.find((a) => a.attribute === "demo_request")?.halfLifeDays; // => 7
 */
export const SAMPLE_GROUND_TRUTH: SampleGroundTruth = {
  attributes: [
    none("lead_source", "deals", "Drawn independently."),
    {
      attribute: "contact_title",
      table: "deals",
      effectOnWin: "differs",
      effectOnRetention: "differs",
      independent: false,
      note: "Seniority plus department: carries the effects of seniority; the department part has none.",
    },
    {
      attribute: "seniority",
      table: "deals",
      effectOnWin: "differs",
      effectOnRetention: "differs",
      independent: false,
      levels: [
        { level: "VP", effectOnWin: "raises", effectOnRetention: "raises" },
        { level: "Director", effectOnWin: "raises", effectOnRetention: "none" },
        { level: "Manager", effectOnWin: "lowers", effectOnRetention: "none" },
        { level: "Individual Contributor", effectOnWin: "lowers", effectOnRetention: "none" },
        { level: "C-level", effectOnWin: "none", effectOnRetention: "lowers" },
      ],
      note: "Planted win terms (VP best, individual contributors worst). Retention only through the archetypes: agency founders (C-level) churn, mid-market SaaS VPs stay.",
    },
    none("department", "deals", "Drawn independently (also of the archetypes)."),
    {
      attribute: "committee_size",
      table: "deals",
      effectOnWin: "lowers",
      effectOnRetention: "raises",
      independent: false,
      note: "Planted win term per member above 3. Retention only through the SMB agencies, who buy alone and churn.",
    },
    none("budget_confirmed", "deals", "BANT budget: drawn independently; does not predict wins."),
    {
      attribute: "authority_confirmed",
      table: "deals",
      effectOnWin: "raises",
      effectOnRetention: "none",
      independent: false,
      note: "BANT authority: planted win term.",
    },
    {
      attribute: "need_confirmed",
      table: "deals",
      effectOnWin: "raises",
      effectOnRetention: "none",
      independent: false,
      note: "BANT need: planted win term (the strongest BANT criterion).",
    },
    none("timeline_confirmed", "deals", "BANT timeline: drawn independently; does not predict wins."),
    {
      attribute: "metrics_identified",
      table: "deals",
      effectOnWin: "raises",
      effectOnRetention: "none",
      independent: false,
      note: "MEDDIC metrics: a weak planted win term.",
    },
    {
      attribute: "economic_buyer_engaged",
      table: "deals",
      effectOnWin: "raises",
      effectOnRetention: "none",
      independent: false,
      note: "MEDDIC economic buyer: planted win term.",
    },
    none("decision_criteria_known", "deals", "MEDDIC decision criteria: drawn independently; does not predict wins."),
    none("decision_process_known", "deals", "MEDDIC decision process: drawn independently; does not predict wins."),
    {
      attribute: "pain_identified",
      table: "deals",
      effectOnWin: "raises",
      effectOnRetention: "none",
      independent: false,
      note: "MEDDIC identified pain: planted win term.",
    },
    {
      attribute: "champion_identified",
      table: "deals",
      effectOnWin: "raises",
      effectOnRetention: "raises",
      independent: false,
      note: "MEDDIC champion: the strongest planted win term; also a planted retention term through the account's first won deal (so weaker per deal).",
    },
    {
      attribute: "loss_reason_code",
      table: "deals",
      effectOnWin: "differs",
      effectOnRetention: "none",
      independent: false,
      levels: [{ level: "(missing)", effectOnWin: "raises", effectOnRetention: "none" }],
      note: "LEAK: written after the outcome. Empty on 97 % of won deals, a reason code on 97 % of lost ones.",
    },
    none("product", "deals", "Chosen independently; two product names are missing from products.csv."),
    {
      attribute: "industry",
      table: "accounts",
      effectOnWin: "differs",
      effectOnRetention: "differs",
      independent: false,
      levels: [
        { level: "Software", effectOnWin: "raises", effectOnRetention: "none" },
        { level: "Marketing & Advertising", effectOnWin: "raises", effectOnRetention: "lowers" },
        { level: "Retail", effectOnWin: "lowers", effectOnRetention: "none" },
        { level: "Education", effectOnWin: "lowers", effectOnRetention: "none" },
      ],
      note: "Planted terms for the listed levels; the other levels differ through company size and the archetypes (Financial Services and Healthcare are large companies, so win less).",
    },
    {
      attribute: "employees",
      table: "accounts",
      effectOnWin: "non-monotone",
      effectOnRetention: "raises",
      independent: false,
      note: "Planted sweet spot: 200–2,000 employees win best, the smallest and largest least. Planted retention term: small companies churn more.",
    },
    {
      attribute: "annual_revenue",
      table: "accounts",
      effectOnWin: "non-monotone",
      effectOnRetention: "raises",
      independent: false,
      note: "No term of its own: employees times revenue per employee, so it carries the employee effects (less sharply).",
    },
    none("region", "accounts", "Drawn independently."),
    none("country", "accounts", "Drawn independently (within its region)."),
    {
      attribute: "tech_stack",
      table: "accounts",
      effectOnWin: "differs",
      effectOnRetention: "differs",
      independent: false,
      levels: [
        { level: "Salesforce", effectOnWin: "raises", effectOnRetention: "raises" },
        { level: "HubSpot", effectOnWin: "raises", effectOnRetention: "lowers" },
        { level: "Snowflake", effectOnWin: "none", effectOnRetention: "raises" },
        { level: "Zendesk", effectOnWin: "none", effectOnRetention: "none" },
        { level: "Slack", effectOnWin: "none", effectOnRetention: "none" },
        { level: "Jira", effectOnWin: "none", effectOnRetention: "none" },
        { level: "Marketo", effectOnWin: "none", effectOnRetention: "none" },
        { level: "Segment", effectOnWin: "none", effectOnRetention: "none" },
        { level: "Looker", effectOnWin: "none", effectOnRetention: "none" },
        { level: "Shopify", effectOnWin: "none", effectOnRetention: "none" },
      ],
      note: "Planted win terms for Salesforce and HubSpot; planted retention terms for HubSpot (churns: the SMB agencies' stack) and Snowflake (a retention-only effect). Salesforce retains better only because the churning agencies rarely have it. The other items are independent.",
    },
    none("family", "products", "The product's family: independent."),
    none("list_price", "products", "The product's list price: independent."),
    {
      attribute: "demo_request",
      table: "events",
      effectOnWin: "raises",
      effectOnRetention: "none",
      independent: false,
      halfLifeDays: DEMO_RECENCY.halfLifeDays,
      note: `Planted win term per request in the 90 days before the deal (up to 3). The requests of won deals also fall nearer the deal's creation: a request a days old is ${DEMO_RECENCY.floor} + 2^(−(a−1)/${DEMO_RECENCY.halfLifeDays}) times as likely (up to a constant) for a won deal as for another, so how recent the requests are tells about the outcome beyond how many there are, and that halves every ${DEMO_RECENCY.halfLifeDays} days.`,
    },
    {
      attribute: "pricing_page_view",
      table: "events",
      effectOnWin: "raises",
      effectOnRetention: "lowers",
      independent: false,
      note: "Planted win term per view in the 90 days before the deal (up to 6). Retention only through the SMB agencies, who view pricing most and churn (a faint effect).",
    },
    {
      attribute: "trial_signup",
      table: "events",
      effectOnWin: "raises",
      effectOnRetention: "lowers",
      independent: false,
      note: "Planted win term for a trial in the 90 days before the deal. Retention only through the SMB agencies, who trial most and churn (a faint effect).",
    },
    {
      attribute: "webinar_attended",
      table: "events",
      effectOnWin: "none",
      effectOnRetention: "raises",
      independent: false,
      note: "A retention-only effect: attending a webinar before the account's first won deal lowers its churn; no win term. Minutes are the time attended.",
    },
    {
      attribute: "product_active_day",
      table: "events",
      effectOnWin: "raises",
      effectOnRetention: "raises",
      independent: false,
      note: "Product use by a live customer. Before a deal it marks an expansion deal (planted win term) of an account that has not churned (retention). After a win it is the post-close leak: every won account uses the product from its first close on.",
    },
    none("email_open", "events", "Neutral: each account's own steady rate, unrelated to its deals."),
    none("web_visit", "events", "Neutral."),
    none("email_click", "events", "Neutral."),
    none("content_download", "events", "Neutral."),
    none("datasheet_view", "events", "Neutral."),
  ],
  leakingColumn: "loss_reason_code",
  postCloseEventType: "product_active_day",
  archetypes: ARCHETYPES.filter((a) => a.id !== "none").map(({ id, name, description, share }) => ({ id, name, description, share })),
  featureNames: "<event_type>_<aggregate>_<window>d, aggregates count, sum, active_days, days_since_last; windows 30 and 90",
};

