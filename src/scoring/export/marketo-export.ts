import type { CrmAttribute, CrmCondition, CrmPlan } from "./crm-plan";
import { conditionWords } from "./condition-words";
import { csvLine } from "../../format/csv-line";
import { outsideCrmLines } from "./outside-crm";
import { valueInCrmLines } from "./value-in-crm";
import { decayHintLines } from "./decay-hints";

/*
 * The Marketo smart-campaign plan. A relative "Change Score by N" double-counts when a field
 * changes from one bin to another, so each attribute gets its own score field set to its bin's
 * points: one triggered campaign per row (trigger: the person is created or the field's value
 * changes; filters: the row's condition; flow: Change Score of the attribute's field, "=N").
 * A total campaign sets the points field to the base plus the attribute fields, and one campaign
 * per tier sets the tier field from the points.
 */

/** The plan's CSV columns. */
export const MARKETO_COLUMNS = ["campaign", "trigger", "filters", "flow_step", "field", "change"] as const;

/** A Marketo smart-list filter: field, operator (Marketo's words) and values. */
export interface MarketoFilter {
  field: string;
  operator: "is empty" | "is not empty" | "is" | "is not" | "contains" | "not contains" | "at least" | "greater than" | "less than" | "at most";
  values?: string[];
  value?: number;
}

/** A row of the campaign plan. */
export interface MarketoCampaign {
  campaign: string;
  trigger: string;
  filters: MarketoFilter[];
  flowStep: "Change Score" | "Change Data Value";
  field: string;
  /** "=N" (set), or the total's formula "=base + {{lead.…}} + …", or a tier name. */
  change: string;
}

/**
 * The campaigns of a plan (see the top of this file). Score fields are named
 * "leadlab <attribute> points", the total "leadlab points" and the tier "leadlab tier".
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { crmPlan } from "./crm-plan";
 * import { marketoCampaigns } from "./marketo-export";
 * const c = marketoCampaigns(crmPlan(readScoringRules("tests/scoring/fixtures/scoring.yaml")));
 * c[0].change; // => "=-10"
 */
export function marketoCampaigns(plan: CrmPlan): MarketoCampaign[] {
  const campaigns: MarketoCampaign[] = [];
  const scoreField = (a: CrmAttribute) => `leadlab ${a.name} points`;
  for (const a of plan.attributes)
    a.rows.forEach((r, i) =>
      alternatives(a, r.condition).forEach((all, j, every) =>
        campaigns.push({
          campaign: `leadlab ${a.name} ${i + 1}${every.length > 1 ? String.fromCharCode(97 + j) : ""}: ${conditionWords(a, r.condition)}`,
          trigger: `Person is Created; Data Value Changes: ${a.field}`,
          filters: all,
          flowStep: "Change Score",
          field: scoreField(a),
          change: `=${r.points}`,
        }),
      ),
    );
  campaigns.push({
    campaign: "leadlab points: total",
    trigger: `Score is Changed: ${plan.attributes.map(scoreField).join(", ")}`,
    filters: [],
    flowStep: "Change Score",
    field: "leadlab points",
    change: `=${plan.basePoints}${plan.attributes.map((a) => ` + {{lead.${scoreField(a)}}}`).join("")}`,
  });
  plan.tiers.forEach((t, i) => {
    const above = plan.tiers[i - 1]?.minPoints;
    campaigns.push({
      campaign: `leadlab tier ${t.name}`,
      trigger: "Score is Changed: leadlab points",
      filters: [
        ...(t.minPoints === null ? [] : [{ field: "leadlab points", operator: "at least" as const, value: t.minPoints }]),
        ...(above === undefined || above === null ? [] : [{ field: "leadlab points", operator: "less than" as const, value: above }]),
      ],
      flowStep: "Change Data Value",
      field: "leadlab tier",
      change: t.name,
    });
  });
  return campaigns;
}

/**
 * The Marketo export: `marketo-campaigns.csv` (one campaign a row; filters as
 * `field | operator | values`, values as a JSON array, AND-ed) and `marketo-steps.md`.
 */
export function marketoExport(plan: CrmPlan): Record<string, string> {
  const campaigns = marketoCampaigns(plan);
  let csv = csvLine(MARKETO_COLUMNS);
  for (const c of campaigns) csv += csvLine([c.campaign, c.trigger, c.filters.map(filterText).join(" AND "), c.flowStep, c.field, c.change]);
  const outside = outsideCrmLines(plan);
  const lines = [
    `# Marketo scoring campaigns: ${plan.dataset}`,
    "",
    `Rules of dataset "${plan.dataset}" (${plan.dataFingerprint}), as ${campaigns.length} triggered smart campaigns (marketo-campaigns.csv).`,
    "",
    "1. Create a score field per attribute (`leadlab <attribute> points`), a score field `leadlab points` and a string field `leadlab tier`.",
    "2. For each row, create a triggered smart campaign: the triggers listed, the filters (all must hold), and the flow step. A row's change `=N` sets the attribute's score field, so a field that changes bin never counts twice; set each campaign's schedule to let a person run through every time.",
    "3. The total campaign sets `leadlab points` to the base plus the attribute fields. If your instance does not take lead tokens in Change Score, compute the same sum with a formula flow step (for example the Compute Formula self-service flow step) into `leadlab points`.",
    "4. The tier campaigns set `leadlab tier` from `leadlab points`.",
    "5. Run each attribute's campaigns once as a batch over existing people.",
    "6. The rules compare text trimmed and ignoring case. Marketo's `is` ignores case but not surrounding spaces: trim the fields on import (or with a data-management campaign) so that \" SaaS\" scores as \"SaaS\".",
  ];
  if (outside.length > 0) lines.push("", "## Computed outside Marketo", "", ...outside.map((l) => `- ${l}`));
  const value = valueInCrmLines(plan, "Marketo");
  if (value.length > 0) lines.push("", ...value);
  const decay = decayHintLines(plan, "marketo");
  if (decay.length > 0) lines.push("", "## Decay", "", ...decay.map((l) => `- ${l}`));
  return { "marketo-campaigns.csv": csv, "marketo-steps.md": `${lines.join("\n")}\n` };
}

function filterText(f: MarketoFilter): string {
  return `${f.field} | ${f.operator}${f.values ? ` | ${JSON.stringify(f.values)}` : ""}${f.value !== undefined ? ` | ${f.value}` : ""}`;
}

/**
 * A condition as campaigns' filter lists, each AND-ed; a lead meets at most one. "Blank" is
 * two campaigns when the rules have missing tokens: empty, or one of the tokens.
 */
function alternatives(a: CrmAttribute, c: CrmCondition): MarketoFilter[][] {
  const field = a.field;
  const notMissing: MarketoFilter[] = a.missing.length > 0 ? [{ field, operator: "is not", values: a.missing }] : [];
  switch (c.op) {
    case "blank":
      return [[{ field, operator: "is empty" }], ...(a.missing.length > 0 ? [[{ field, operator: "is", values: a.missing } as const]] : [])];
    case "oneOf":
      if (a.kind === "contains") return [c.values[0] === "true" ? [{ field, operator: "contains", values: [a.item!.value] }] : [{ field, operator: "is not empty" }, ...notMissing, { field, operator: "not contains", values: [a.item!.value] }]];
      return [[{ field, operator: "is", values: c.values }]];
    case "noneOf":
      return [[{ field, operator: "is not empty" }, { field, operator: "is not", values: [...c.values, ...a.missing] }]];
    case "range":
      return [[
        ...(c.lo === undefined ? [] : [{ field, operator: c.loInclusive ? "at least" : "greater than", value: c.lo } as const]),
        ...(c.hi === undefined ? [] : [{ field, operator: c.hiInclusive ? "at most" : "less than", value: c.hi } as const]),
        ...(c.lo === undefined && c.hi === undefined ? [{ field, operator: "is not empty" } as const] : []),
      ]];
  }
}
