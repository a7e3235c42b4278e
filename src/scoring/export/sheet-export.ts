import type { CrmAttribute, CrmCondition, CrmPlan } from "./crm-plan";
import { conditionWords } from "./condition-words";
import { csvLine } from "../../format/csv-line";
import { outsideCrmLines } from "./outside-crm";
import { valueInCrmLines } from "./value-in-crm";
import { decayHintLines } from "./decay-hints";

/*
 * The flat sheet: one row per bin (attribute, CRM field, condition in words, points) that a CRM
 * admin types into any tool that adds points per field condition. The base is the first row,
 * "base: every lead", applied once: the rules' points are on the scale of the tier cuts, and
 * spreading the base over attributes would hide it in every row of one of them. Besides the
 * words, `operator`, `values`, `lo`, `hi` state each condition for a program. Text compares
 * trimmed and ignoring case, as the scorer compares it; "is blank" also holds for the text in
 * its `values` (the rules' missing tokens, e.g. "NA").
 */

/** The sheet's CSV columns. */
export const SHEET_COLUMNS = ["attribute", "group", "crm_field", "field_type", "condition", "operator", "values", "lo", "hi", "points", "computed_outside_crm"] as const;

/** The tier cuts' CSV columns. */
export const TIER_COLUMNS = ["tier", "min_points", "condition"] as const;

/** The `operator` cell of each condition. */
const OPERATOR: Record<CrmCondition["op"], string> = { blank: "is blank", oneOf: "is one of", noneOf: "is none of", range: "range" };

/**
 * The sheet of a plan: `scoring-sheet.csv` (one row per bin, the base first),
 * `scoring-tiers.csv` (the tier cuts on the same points) and `scoring-sheet.md` (both, with the
 * attributes a CRM cannot compute), as file name → contents.
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { crmPlan } from "./crm-plan";
 * import { sheetExport } from "./sheet-export";
 * const files = sheetExport(crmPlan(readScoringRules("tests/scoring/fixtures/scoring.yaml")));
 * files["scoring-sheet.csv"].split("\n")[1]; // => "base,,,,every lead,always,,,,10,"
 */
export function sheetExport(plan: CrmPlan): Record<string, string> {
  let csv = csvLine(SHEET_COLUMNS);
  csv += csvLine(["base", "", "", "", "every lead", "always", "", "", "", plan.basePoints, ""]);
  for (const a of plan.attributes)
    for (const r of a.rows) {
      const c = r.condition;
      const values = c.op === "oneOf" || c.op === "noneOf" ? JSON.stringify(c.values) : c.op === "blank" && a.missing.length > 0 ? JSON.stringify(a.missing) : "";
      const lo = c.op === "range" && c.lo !== undefined ? `${c.lo} (${c.loInclusive ? "inclusive" : "exclusive"})` : "";
      const hi = c.op === "range" && c.hi !== undefined ? `${c.hi} (${c.hiInclusive ? "inclusive" : "exclusive"})` : "";
      csv += csvLine([a.name, a.group, a.field, fieldType(a), conditionWords(a, c), OPERATOR[c.op], values, lo, hi, r.points, a.outsideCrm ? "yes" : ""]);
    }
  let tiers = csvLine(TIER_COLUMNS);
  for (const t of plan.tiers) tiers += csvLine([t.name, t.minPoints ?? "", tierWords(t.minPoints)]);
  return { "scoring-sheet.csv": csv, "scoring-tiers.csv": tiers, "scoring-sheet.md": markdown(plan) };
}

/** The type of CRM field an attribute reads. */
function fieldType(a: CrmAttribute): string {
  return a.kind === "contains" ? `list separated by "${a.item?.separator}"` : a.kind;
}

function tierWords(minPoints: number | null): string {
  return minPoints === null ? "every other lead" : `points ≥ ${minPoints}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function markdown(plan: CrmPlan): string {
  const lines = [
    `# Scoring sheet: ${plan.dataset}`,
    "",
    `Rules of dataset "${plan.dataset}" (${plan.dataFingerprint}). Start every lead at ${plan.basePoints} points (the base row), add the points of the one row of each attribute whose condition holds, and give the lead the first tier whose minimum its total reaches. Compare text trimmed and ignoring case ("saas " is "SaaS"); "is blank" also holds for the rules' missing tokens it lists. The rows of an attribute never overlap and cover every value, so exactly one applies.`,
    "",
    "| attribute | group | CRM field | condition | points |",
    "| --- | --- | --- | --- | ---: |",
    `| base | | | every lead | ${plan.basePoints} |`,
  ];
  for (const a of plan.attributes)
    for (const r of a.rows) lines.push(`| ${cell(a.name)} | ${a.group} | ${cell(a.field)}${a.outsideCrm ? " ¹" : ""} | ${cell(conditionWords(a, r.condition))} | ${r.points} |`);
  lines.push("", "## Tiers", "", "| tier | condition |", "| --- | --- |");
  for (const t of plan.tiers) lines.push(`| ${cell(t.name)} | ${tierWords(t.minPoints)} |`);
  const outside = outsideCrmLines(plan);
  if (outside.length > 0) lines.push("", "## ¹ Computed outside the CRM", "", ...outside.map((l) => `- ${l}`));
  const value = valueInCrmLines(plan, "A CRM that adds points per condition");
  if (value.length > 0) lines.push("", ...value);
  const decay = decayHintLines(plan, "sheet");
  if (decay.length > 0) lines.push("", "## Decay", "", ...decay.map((l) => `- ${l}`));
  return `${lines.join("\n")}\n`;
}
