import { HISTORY_END } from "./calendar";
import { CRITERIA } from "./effects";

/** Days of the sample's time holdout (the newest closes), as written into its dataset.yaml. */
export const SAMPLE_HOLDOUT_DAYS = 180;

/**
 * The `dataset.yaml` describing the sample files, for an events file named `eventsFile`.
 * Retention uses the survival form; the flag form is given as a comment. The leaking
 * `loss_reason_code` is deliberately not excluded (the analysis must flag it itself), and
 * `truth.csv` is not referenced.
 *
 * @example
 * import { sampleDatasetYaml } from "./dataset-yaml";
 * sampleDatasetYaml("events.parquet").includes("file: events.parquet"); // => true
 */
export function sampleDatasetYaml(eventsFile: string): string {
  const criteria = CRITERIA.map(
    (c) => `  ${c.column}: { role: qualification, framework: ${c.framework}, criterion: ${c.criterion} }`,
  ).join("\n");
  return `# The leadlab sample: a seeded, generated B2B deal history with planted effects.
# README.md in this folder lists what predicts wins and retention, and what does not.
name: leadlab-sample
deals:
  file: deals.csv
  id: deal_id
  outcome:
    column: stage
    won: ["Closed Won"]
    lost: ["Closed Lost"]
  created_at: created_date
  closed_at: close_date
  amount: amount
join:
  - file: accounts.csv
    on: account_id
  - file: products.csv
    on: product
events:
  file: ${eventsFile}
  key: account_id
  time: ts
  type: event_type
  value: minutes
  windows: [30, 90]
retention:
  file: renewals.csv
  key: account_id
  start: contract_start
  churned_at: churn_date
  observed_until: "${HISTORY_END}"
  # or the flag form (renewal after the first year; empty while not yet due):
  # retained: { column: renewed, true: ["yes"], false: ["no"] }
attributes:
  industry: { role: firmographic }
  employees: { role: firmographic, type: numeric }
  annual_revenue: { role: firmographic, type: numeric }
  region: { role: firmographic }
  country: { role: firmographic }
  tech_stack: { role: firmographic, type: multi, separator: ";" }
  contact_title: { role: demographic }
  seniority: { role: demographic }
  department: { role: demographic }
  committee_size: { role: demographic, type: numeric }
  product: { role: product }
  family: { role: product }
  list_price: { role: product, type: numeric }
${criteria}
holdout: { by: time, last_days: ${SAMPLE_HOLDOUT_DAYS} }
`;
}
