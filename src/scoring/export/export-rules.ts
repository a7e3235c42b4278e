import type { ScoringRules } from "../../formats/scoring-rules-schema";
import { crmPlan } from "./crm-plan";
import { hubspotExport } from "./hubspot-export";
import { marketoExport } from "./marketo-export";
import { salesforceExport } from "./salesforce-export";
import { sheetExport } from "./sheet-export";

/** The systems `leadlab export` writes for. */
export const EXPORT_TARGETS = ["sheet", "hubspot", "salesforce", "marketo"] as const;
/** One of {@link EXPORT_TARGETS}. */
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** Options of {@link exportRules}. */
export interface ExportOptions {
  /** CRM field names by source column or attribute name, where they differ from the rules' names. */
  fields?: Readonly<Record<string, string>>;
  /** Salesforce: API names of picklist fields (read through TEXT()). */
  picklists?: readonly string[];
}

/**
 * The files that apply a `scoring.yaml` in a CRM, as file name → contents: the flat sheet, a
 * HubSpot score, Salesforce formula fields or a Marketo campaign plan. Each lists the
 * behavioural features a CRM cannot compute.
 *
 * @example
 * import { exportRules, readScoringRules } from "leadlab";
 * Object.keys(exportRules(readScoringRules("tests/scoring/fixtures/scoring.yaml"), "sheet"));
 * // => ["scoring-sheet.csv", "scoring-tiers.csv", "scoring-sheet.md"]
 */
export function exportRules(rules: ScoringRules, target: ExportTarget, options: ExportOptions = {}): Record<string, string> {
  const plan = crmPlan(rules, { fields: options.fields });
  switch (target) {
    case "sheet":
      return sheetExport(plan);
    case "hubspot":
      return hubspotExport(plan);
    case "salesforce":
      return salesforceExport(plan, { picklists: options.picklists });
    case "marketo":
      return marketoExport(plan);
  }
}
