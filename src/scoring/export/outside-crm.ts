import type { CrmPlan } from "./crm-plan";

/**
 * The attributes a CRM cannot compute (event-window counts, days since the last event), of the
 * scorecard and of the value cards, one
 * line each: how the value is defined, that it is applied through the scorer or the warehouse
 * SQL, and the CRM field the export reads it from when the CRM holds it. Every export lists
 * them; none is dropped. Empty when every attribute is a field of the lead.
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { crmPlan } from "./crm-plan";
 * import { outsideCrmLines } from "./outside-crm";
 * outsideCrmLines(crmPlan(readScoringRules("tests/scoring/fixtures/scoring.yaml")))[0];
 * // => 'demo_request_count_90d (engagement): count of demo_request events in the 90 days before the scoring point. Apply through the scorer (`leadlab score`) or the warehouse SQL (`leadlab sql`); this export reads it from a CRM field "demo_request_count_90d" that holds that value.'
 */
export function outsideCrmLines(plan: CrmPlan, fieldName: (field: string) => string = (f) => f): string[] {
  const value = plan.value ? [...plan.value.amount, ...(plan.value.retention?.attributes ?? [])] : [];
  // The value cards' event features too, each once.
  return [...new Map([...plan.attributes, ...value].map((a) => [a.name, a])).values()]
    .filter((a) => a.outsideCrm !== undefined)
    .map(
      (a) =>
        `${a.name} (${a.group}): ${a.outsideCrm}. Apply through the scorer (\`leadlab score\`) or the warehouse SQL (\`leadlab sql\`); this export reads it from a CRM field "${fieldName(a.field)}" that holds that value.`,
    );
}
