import type { CrmPlan } from "./crm-plan";
import { outsideCrmLines } from "./outside-crm";
import { valueFormulaLines } from "./value-in-crm";
import { decayHintLines } from "./decay-hints";
import { csvLine } from "../../format/csv-line";
import { SALESFORCE_FORMULA_CHARACTERS, salesforceFormulas, type SalesforceFormula, type SalesforceOptions } from "./salesforce-formulas";

/** The objects the formula fields are created on. */
export const SALESFORCE_OBJECTS = ["Lead", "Contact"] as const;

/**
 * The Salesforce export of a plan: one `.formula` file per formula field (paste into the
 * formula editor), `salesforce-fields.csv` (object, field, type, formula file, characters) and
 * `salesforce.md` (the steps, for Lead and Contact, and the attributes computed outside the CRM).
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { crmPlan } from "./crm-plan";
 * import { salesforceExport } from "./salesforce-export";
 * const files = salesforceExport(crmPlan(readScoringRules("tests/scoring/fixtures/scoring.yaml")));
 * Object.keys(files); // => ["leadlab_points__c.formula", "leadlab_tier__c.formula", "salesforce-fields.csv", "salesforce.md"]
 */
export function salesforceExport(plan: CrmPlan, options: SalesforceOptions = {}): Record<string, string> {
  const f = salesforceFormulas(plan, options);
  const formulas: SalesforceFormula[] = [...f.parts, f.points, f.tier, ...f.value];
  const files: Record<string, string> = {};
  for (const x of formulas) files[`${x.field}.formula`] = `${x.formula}\n`;
  let csv = csvLine(["object", "api_name", "type", "formula_file", "characters", "scores"]);
  // Every attribute the formulas read: the scorecard's and the value cards'.
  const read = [...plan.attributes, ...(plan.value ? [...plan.value.amount, ...(plan.value.retention?.attributes ?? [])] : [])];
  const inputs = [...new Set(read.map((a) => f.fieldOf[a.field]))];
  for (const object of SALESFORCE_OBJECTS) {
    for (const a of [...new Map(read.map((x) => [x.field, x])).values()].filter((x) => x.outsideCrm !== undefined))
      csv += csvLine([object, f.fieldOf[a.field], "Number (written by the scorer or the warehouse)", "", "", a.name]);
    for (const x of formulas) csv += csvLine([object, x.field, `Formula (${x.returnType})`, `${x.field}.formula`, x.formula.length, x.attributes.join("; ")]);
  }
  files["salesforce-fields.csv"] = csv;
  const outside = outsideCrmLines(plan, (field) => f.fieldOf[field]);
  const lines = [
    `# Salesforce formula fields: ${plan.dataset}`,
    "",
    `Rules of dataset "${plan.dataset}" (${plan.dataFingerprint}). The formulas compute the points (base ${plan.basePoints} included) and the tier of a ${SALESFORCE_OBJECTS.join(" or a ")} from the fields ${inputs.map((x) => `\`${x}\``).join(", ")}.`,
    "",
    "## Steps, for Lead and again for Contact",
    "",
    "1. Make sure each field above exists on the object (for a Contact, a field of its Account is written `Account.Field`; pass the names with `--field name=ApiName`). Text and picklist fields are read with TRIM and LOWER; pass picklists with `--picklist`.",
    ...(outside.length > 0 ? ["2. Create a Number field for each attribute computed outside the CRM (listed below) and have the scorer or the warehouse write it."] : []),
    `${outside.length > 0 ? 3 : 2}. Create the formula fields in this order (Setup → Object Manager → Fields & Relationships → New → Formula), pasting each \`.formula\` file; Number fields with 0 decimal places; under "Blank Field Handling" choose **Treat blank fields as blanks** (a blank field scores its \`missing\` points).`,
    "",
    "| field | type | characters | scores |",
    "| --- | --- | ---: | --- |",
    ...formulas.map((x) => `| \`${x.field}\` | ${x.returnType} | ${x.formula.length} | ${x.attributes.join(", ") || x.description || (x === f.tier ? "the tier from the points" : "base + every attribute")} |`),
    "",
    f.parts.length > 0
      ? `One formula would exceed Salesforce's ${SALESFORCE_FORMULA_CHARACTERS}-character limit, so the attributes are split into ${f.parts.length} part fields and \`${f.points.field}\` adds them. Salesforce also limits a formula's compiled size to 5,000 bytes, counting the formula fields it references: if saving \`${f.points.field}\` reports it too large, make the parts Number fields set by a record-triggered Flow whose formula resources hold the same formulas.`
      : `The points fit one formula (${f.points.formula.length} of ${SALESFORCE_FORMULA_CHARACTERS} characters). Salesforce also limits the compiled size to 5,000 bytes; "Check Syntax" reports it.`,
    ...f.warnings.map((w) => `\n**Warning:** ${w}.`),
  ];
  if (outside.length > 0) lines.push("", "## Computed outside the CRM", "", ...outside.map((l) => `- ${l}`));
  if (plan.value)
    lines.push(
      "",
      "## Expected value and value tier",
      "",
      `The fields from \`${f.value[0].field}\` on compute the expected value of the lead from its points and the two cards below, with the runtime scorer's formula; give the chance and amount fields 6 decimal places. Route leads on \`${f.value[f.value.length - 1].field}\` beside the tier.`,
      "",
      ...valueFormulaLines(plan.value),
    );
  const decay = decayHintLines(plan, "salesforce");
  if (decay.length > 0) lines.push("", "## Decay", "", ...decay.map((l) => `- ${l}`));
  files["salesforce.md"] = `${lines.join("\n")}\n`;
  return files;
}
