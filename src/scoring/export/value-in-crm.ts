import type { CrmPlan, CrmValuePlan } from "./crm-plan";
import { conditionWords } from "./condition-words";

/**
 * The expected value and value tier in words, for an export whose CRM adds points per field
 * condition and so cannot compute them (HubSpot, Marketo, a plain sheet): why, where to take the
 * value tier from instead (`leadlab score`'s `value_tier` column, or the warehouse view's), the
 * formula, the cards' rows and the value tiers, so an admin can check or rebuild it. Empty when
 * the rules have no `value` block.
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { crmPlan } from "./crm-plan";
 * import { valueInCrmLines } from "./value-in-crm";
 * valueInCrmLines(crmPlan(readScoringRules("tests/scoring/fixtures/scoring.yaml")), "HubSpot"); // => []
 */
export function valueInCrmLines(plan: CrmPlan, crm: string): string[] {
  const v = plan.value;
  if (!v) return [];
  return [
    "## Expected value and value tier",
    "",
    `${crm} adds points per field condition; the expected value multiplies a chance computed from the points by the two cards below, which a sum of points cannot express. Write the value tier into a ${crm} field from \`leadlab score\` (its \`value_tier\` and \`expected_value\` columns) or from the warehouse view of \`leadlab sql\` (the same columns), and route leads on it beside the tier.`,
    "",
    ...valueFormulaLines(v),
  ];
}

/** The formula of the expected value and the cards' rows as markdown lines (shared by every export's notes). */
export function valueFormulaLines(v: CrmValuePlan): string[] {
  const card = (attributes: CrmValuePlan["amount"], what: string) =>
    attributes.length === 0
      ? [`No attribute: every lead gets the base.`]
      : ["| attribute | CRM field | condition | " + what + " |", "| --- | --- | --- | ---: |", ...attributes.flatMap((a) => a.rows.map((r) => `| ${cell(a.name)} | ${cell(a.field)} | ${cell(conditionWords(a, r.condition))} | ${r.points} |`))];
  return [
    `- chance of winning = 1 / (1 + exp(−(${v.winChance.intercept} + ${v.winChance.slope} × points)))`,
    `- expected amount = ${v.amountBase} × the factor of the row of each attribute below that holds`,
    ...(v.retention ? [`- chance of being retained ${v.retention.horizonDays} days = 1 / (1 + exp(−(${v.retention.base} + the term of the row of each retention attribute that holds)))`] : []),
    `- expected value = chance of winning × expected amount${v.retention ? " × chance of being retained" : ""}`,
    `- value tier: ${v.tiers.map((t) => (t.minValue === null ? `${t.name} otherwise` : `${t.name} from ${t.minValue}`)).join(", ")}`,
    "",
    "Amount card:",
    "",
    ...card(v.amount, "factor"),
    ...(v.retention ? ["", "Retention card:", "", ...card(v.retention.attributes, "log-odds term")] : []),
  ];
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
