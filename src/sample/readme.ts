import { HISTORY_END, HISTORY_START } from "./calendar";
import { SAMPLE_GROUND_TRUTH, type Effect } from "./ground-truth";
import type { SampleSummary } from "./write-sample";
import { formatPercent } from "../format/percent";

const FILE_NOTES: Record<string, string> = {
  "accounts.csv": "One row per account: industry, employees, annual_revenue, region, country, tech_stack (items separated by `;`). Some cells are empty.",
  "products.csv": "The product catalogue: product, family, list_price. Two product names used in deals.csv are missing here.",
  "deals.csv":
    "One row per opportunity: stage (`Closed Won`, `Closed Lost`, or open: `Discovery`, `Proposal`, `Negotiation`), dates, amount, product, lead source, main contact (title, seniority, department), buying-committee size, BANT and MEDDIC answers (yes/no), and the leaking `loss_reason_code`.",
  "renewals.csv":
    "One row per account with a won deal, from its first win: contract_start, renewed (after the first year; empty while not yet due), churn_date (empty if not churned).",
  "truth.csv": "The answer key, not referenced by dataset.yaml: each deal's true win probability and its account's archetype.",
  "events.parquet": "The behavioural log: account_id, ts, event_type, minutes (for webinars and product use). Sorted by account, then time.",
  "events.csv": "The behavioural log: account_id, ts, event_type, minutes (for webinars and product use). Sorted by account, then time.",
  "dataset.yaml": "The dataset spec that loads all of the above (retention in the survival form; the flag form is a comment).",
  "beliefs.yaml": "What the sample's sales and success teams believe, as claims `leadlab beliefs` tests on the holdout (some hold, one is contradicted, some are null).",
};

const mark = (e: Effect) => (e === "none" ? "–" : e);

/**
 * The README.md of a written sample: its files and counts, and the ground truth (what
 * predicts wins and retention, the archetypes, the leaks) rendered from `SAMPLE_GROUND_TRUTH`.
 *
 * @example
 * import { writeSample } from "leadlab";
 * import { sampleReadme } from "./readme";
 * const summary = await writeSample("/tmp/leadlab-sample", { deals: 400, eventsFormat: "csv" });
 * sampleReadme(summary).startsWith("# leadlab sample data"); // => true
 */
export function sampleReadme(summary: SampleSummary): string {
  const o = summary.options;
  const g = SAMPLE_GROUND_TRUTH;
  const files = summary.files.map((f) => `| \`${f.name}\` | ${f.rows > 0 ? f.rows.toLocaleString("en-US") : ""} | ${FILE_NOTES[f.name]} |`);
  const effects = g.attributes.map(
    (a) => `| \`${a.attribute}\` | ${a.table} | ${mark(a.effectOnWin)} | ${mark(a.effectOnRetention)} | ${a.independent ? "yes" : ""} | ${a.note} |`,
  );
  const levels = g.attributes.flatMap((a) =>
    (a.levels ?? []).map((l) => `| \`${a.attribute}\` = ${l.level} | ${mark(l.effectOnWin)} | ${mark(l.effectOnRetention)} |`),
  );
  const archetypes = g.archetypes.map((a) => `| \`${a.id}\` | ${a.name} | ${formatPercent(a.share, 0)} | ${a.description} |`);
  const misses = summary.productMisses.map((m) => `${m.product} (${m.deals} deals)`).join(", ");
  return `# leadlab sample data

A seeded, generated B2B deal history with planted effects, for trying leadlab and for testing
that it finds what is there and nothing else. Generated files: do not edit them, regenerate with
\`npm run sample\` (the same seed always gives byte-identical files). The generator is
\`src/sample/\`; the machine-readable ground truth is \`SAMPLE_GROUND_TRUTH\`.

Seed ${o.seed}: ${o.accounts.toLocaleString("en-US")} accounts, ${summary.deals.total.toLocaleString("en-US")} deals created from ${HISTORY_START} to ${HISTORY_END}, ${summary.events.total.toLocaleString("en-US")} events.

## Files

| file | rows | what it is |
|---|---:|---|
${files.join("\n")}

Deals: ${summary.deals.won.toLocaleString("en-US")} won, ${summary.deals.lost.toLocaleString("en-US")} lost, ${summary.deals.open.toLocaleString("en-US")} still open on ${HISTORY_END}.
Joining products misses ${misses}.
Renewals: ${summary.renewals.accounts.toLocaleString("en-US")} won accounts, ${summary.renewals.churned.toLocaleString("en-US")} churned by ${HISTORY_END}.

**The best possible ranking.** The generator knows each deal's true win probability (\`truth.csv\`).
Ranked by it, the ${summary.bestHoldoutAuc.deals.toLocaleString("en-US")} deals of the time holdout (closed in the last 180 days) reach an AUC of
${summary.bestHoldoutAuc.auc.toFixed(3)} [${summary.bestHoldoutAuc.lo.toFixed(3)}, ${summary.bestHoldoutAuc.hi.toFixed(3)}]: no scorecard can be expected to do better on these deals. \`leadlab tune\`'s
holdout AUC on the same deals is in \`rules/sample/summary.json\`; a test requires it to be at least this minus 0.03.

## How the outcomes were drawn

Each deal's outcome is a coin flip with its true win probability (\`truth.csv\`), the logistic of a
sum of planted terms. Each won account's churn time is drawn from a hazard with planted terms,
at its first win. Accounts belong to customer archetypes, which set correlated traits (industry,
size, contacts, tech stack, behaviour); archetypes act on outcomes only through those traits.
Missing cells are missing at random: they carry no signal.

## Ground truth

Effects as a one-attribute-at-a-time analysis finds them on a large sample. "raises" means higher
values, "yes", or the named level go with more wins / better retention (less churn); "–" means
none. Attributes marked *independent* were drawn independently of everything: any finding on one
of them is a false discovery. Behaviour is listed by event type: the loaded features are
\`${g.featureNames.split(",")[0]}\` (${g.featureNames.split(", ").slice(1).join(", ")}), and
\`days_since_last\` runs the other way (recent = small).

| attribute | table | win | retention | independent | note |
|---|---|---|---|---|---|
${effects.join("\n")}

Levels of categorical and multi-valued attributes (the level against all others):

| attribute = level | win | retention |
|---|---|---|
${levels.join("\n")}

## Archetypes

Each account belongs to one archetype (or to none: the background population, ${formatPercent(1 - g.archetypes.reduce((s, a) => s + a.share, 0), 0)});
\`truth.csv\` gives each deal its account's archetype. Personas found among won deals should
resemble these.

| id | name | accounts | traits |
|---|---|---:|---|
${archetypes.join("\n")}

## Leaks, on purpose

- \`${g.leakingColumn}\` is filled in after the outcome and nearly determines it. dataset.yaml does
  not exclude it: the analysis must flag it by itself.
- \`${g.postCloseEventType}\` events start the day after a won deal closes (${summary.events.productUseAfterWin.toLocaleString("en-US")} of them).
  Counted without cutting events at the scoring point (\`created_date\`), they would predict wins
  almost perfectly.
`;
}
