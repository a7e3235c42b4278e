import type { CrmAttribute, CrmCondition, CrmPlan } from "./crm-plan";
import { conditionWords } from "./condition-words";
import { outsideCrmLines } from "./outside-crm";
import { valueInCrmLines } from "./value-in-crm";
import { decayHintLines } from "./decay-hints";

/*
 * A HubSpot lead score (Marketing > Lead Scoring): a combined score with a Fit and an
 * Engagement property group, each with property rules of AND-ed criteria and the points they
 * add, a group limit and a score limit, as HubSpot's scoring tool is built (total limit →
 * group limits → rules → criteria). HubSpot scores start at 0 and are capped by the score
 * limit (100 by default, up to 500 in Enterprise), so the points are shifted: each attribute's
 * rows lose its lowest points (every rule adds ≥ 0, rules adding 0 are left out), and the tier
 * cuts lose the base and those shifts. The HubSpot score is then points − offset, the offset
 * stated in the file, and a tier holds the same leads as with the rules' cuts.
 */

/** HubSpot's largest score limit (Marketing Hub Enterprise); a score needing more cannot be entered exactly. */
export const HUBSPOT_MAX_SCORE_LIMIT = 500;

/** A criterion of a HubSpot property rule. */
export interface HubspotCriterion {
  operator: "is unknown" | "is known" | "is any of" | "is none of" | "contains any of" | "doesn't contain any of" | "is greater than or equal to" | "is greater than" | "is less than" | "is less than or equal to";
  values?: string[];
  value?: number;
}

/** The HubSpot score of a plan. */
export interface HubspotScore {
  name: string;
  object: "contact";
  scoreType: "combined";
  scoreLimit: number;
  /** HubSpot score = the rules' points − offset (base and per-attribute shifts). */
  offset: number;
  groups: {
    name: "Fit" | "Engagement";
    groupLimit: number;
    rules: { attribute: string; property: string; computedOutsideCrm: boolean; criteria: HubspotCriterion[]; description: string; points: number }[];
  }[];
  /** Best first, on the HubSpot score. */
  tiers: { name: string; minScore: number | null }[];
  warnings: string[];
}

/**
 * The HubSpot score of a plan (see the top of this file). Property names are the plan's fields
 * in HubSpot's internal-name form (lower case, `_` for other characters).
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { crmPlan } from "./crm-plan";
 * import { hubspotScore } from "./hubspot-export";
 * const s = hubspotScore(crmPlan(readScoringRules("tests/scoring/fixtures/scoring.yaml")));
 * s.groups.map((g) => g.name); // => ["Fit", "Engagement"]
 */
export function hubspotScore(plan: CrmPlan): HubspotScore {
  let offset = plan.basePoints;
  const groups: HubspotScore["groups"] = [];
  for (const name of ["Fit", "Engagement"] as const) {
    const attrs = plan.attributes.filter((a) => a.group === name.toLowerCase());
    let limit = 0;
    const rules: HubspotScore["groups"][number]["rules"] = [];
    for (const a of attrs) {
      const low = Math.min(...a.rows.map((r) => r.points));
      offset += low;
      limit += Math.max(...a.rows.map((r) => r.points)) - low;
      for (const r of a.rows)
        if (r.points !== low)
          for (const all of alternatives(a, r.condition))
            rules.push({ attribute: a.name, property: propertyName(a.field), computedOutsideCrm: a.outsideCrm !== undefined, criteria: all, description: `${a.name} ${conditionWords(a, r.condition)}`, points: r.points - low });
    }
    if (rules.length > 0) groups.push({ name, groupLimit: limit, rules });
  }
  const total = groups.reduce((s, g) => s + g.groupLimit, 0);
  const scoreLimit = Math.min(HUBSPOT_MAX_SCORE_LIMIT, Math.max(100, Math.ceil(total / 100) * 100));
  const tiers = plan.tiers.map((t) => ({ name: t.name, minScore: t.minPoints === null ? null : t.minPoints - offset }));
  const warnings: string[] = [];
  if (total <= HUBSPOT_MAX_SCORE_LIMIT) {
    if (scoreLimit > 100) warnings.push(`the highest score is ${total}, over HubSpot's default score limit of 100: set the score limit to ${scoreLimit} (Marketing Hub Enterprise)`);
  } else {
    // HubSpot caps a score at the limit: a tier starting at or below it still holds the same leads.
    const top = Math.max(...tiers.map((t) => t.minScore ?? -Infinity));
    warnings.push(
      `the highest score is ${total}, over HubSpot's largest score limit of ${HUBSPOT_MAX_SCORE_LIMIT} (Marketing Hub Enterprise): set the score limit to ${HUBSPOT_MAX_SCORE_LIMIT}; HubSpot caps higher scores at it, ` +
        (top <= HUBSPOT_MAX_SCORE_LIMIT
          ? `which moves no lead to another tier (the highest tier starts at ${top}), though the score of the leads above ${HUBSPOT_MAX_SCORE_LIMIT} is not theirs`
          : `so the tiers starting above it (from ${top}) cannot be told apart: apply these rules through the scorer or the warehouse SQL`),
    );
  }
  return {
    name: `leadlab ${plan.dataset}`,
    object: "contact",
    scoreType: "combined",
    scoreLimit,
    offset,
    groups,
    tiers,
    warnings,
  };
}

/**
 * The HubSpot export: `hubspot-score.json` ({@link hubspotScore}) and `hubspot-steps.md`, the
 * steps to enter it in HubSpot's lead scoring tool.
 */
export function hubspotExport(plan: CrmPlan): Record<string, string> {
  const s = hubspotScore(plan);
  const outside = outsideCrmLines(plan, propertyName);
  const lines = [
    `# HubSpot lead score: ${plan.dataset}`,
    "",
    `Rules of dataset "${plan.dataset}" (${plan.dataFingerprint}). HubSpot score = leadlab points − ${s.offset}; the tiers below are on the HubSpot score and hold the same leads as the rules' tiers.`,
    ...s.warnings.map((w) => `\n**Note:** ${w}.`),
    "",
    "## Steps",
    "",
    "1. In HubSpot, go to Marketing > Lead Scoring, click Create score and choose a contact combined score (fit and engagement).",
    `2. Set the score limit to ${s.scoreLimit}.`,
    "3. For each group below, add a property group with that name and group limit; for each rule, add a property rule on the property with every criterion listed (all must hold) and the points.",
    ...(outside.length > 0 ? ["4. The properties marked ¹ are computed outside HubSpot: create a number property of that name and have the scorer or the warehouse write it (see the end)."] : []),
    `${outside.length > 0 ? 5 : 4}. HubSpot compares property values exactly, while the rules compare them trimmed and ignoring case: the properties must hold the values as spelled below (a dropdown property with these options, or values trimmed and spelled so on import); a value differing only in case or spaces would score as an unlisted one.${plan.attributes.some((a) => a.missing.length > 0) ? " Values that mean missing in the rules count as unknown: the rules below list them in that spelling." : ""}`,
    `${outside.length > 0 ? 6 : 5}. Review and publish the score. For the tiers, create segments (or a workflow setting a tier property) with the score's conditions below.`,
  ];
  for (const g of s.groups) {
    lines.push("", `## ${g.name} group (group limit ${g.groupLimit})`, "", "| property | criteria (all) | points |", "| --- | --- | ---: |");
    for (const r of g.rules) lines.push(`| ${r.property}${r.computedOutsideCrm ? " ¹" : ""} | ${r.criteria.map(criterionWords).join("; ").replace(/\|/g, "\\|")} | ${r.points} |`);
  }
  lines.push("", "## Tiers (on the HubSpot score)", "", "| tier | condition |", "| --- | --- |");
  for (const t of s.tiers) lines.push(`| ${t.name} | ${t.minScore === null ? "every other contact" : `score ≥ ${t.minScore}`} |`);
  if (outside.length > 0) lines.push("", "## ¹ Computed outside HubSpot", "", ...outside.map((l) => `- ${l}`));
  const value = valueInCrmLines(plan, "HubSpot");
  if (value.length > 0) lines.push("", ...value);
  const decay = decayHintLines(plan, "hubspot");
  if (decay.length > 0) lines.push("", "## Decay", "", ...decay.map((l) => `- ${l}`));
  return { "hubspot-score.json": `${JSON.stringify(s, null, 2)}\n`, "hubspot-steps.md": `${lines.join("\n")}\n` };
}

/** A field as a HubSpot internal property name: lower case letters, digits and underscores, starting with a letter, at most 100 characters. */
function propertyName(field: string): string {
  const name = field.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return `${/^[a-z]/.test(name) ? "" : "p_"}${name}`.slice(0, 100).replace(/_+$/, "");
}

/**
 * A condition as property rules, each a list of AND-ed criteria; a lead meets at most one.
 * "Blank" is two rules when the rules have missing tokens: unknown, or one of the tokens.
 */
function alternatives(a: CrmAttribute, c: CrmCondition): HubspotCriterion[][] {
  const notMissing: HubspotCriterion[] = a.missing.length > 0 ? [{ operator: "is none of", values: a.missing }] : [];
  switch (c.op) {
    case "blank":
      return [[{ operator: "is unknown" }], ...(a.missing.length > 0 ? [[{ operator: "is any of", values: a.missing } as const]] : [])];
    case "oneOf":
      if (a.kind === "contains") return [c.values[0] === "true" ? [{ operator: "contains any of", values: [a.item!.value] }] : [{ operator: "is known" }, ...notMissing, { operator: "doesn't contain any of", values: [a.item!.value] }]];
      return [[{ operator: "is any of", values: c.values }]];
    case "noneOf":
      return [[{ operator: "is known" }, { operator: "is none of", values: [...c.values, ...a.missing] }]];
    case "range":
      return [[
        ...(c.lo === undefined ? [] : [{ operator: c.loInclusive ? "is greater than or equal to" : "is greater than", value: c.lo } as const]),
        ...(c.hi === undefined ? [] : [{ operator: c.hiInclusive ? "is less than or equal to" : "is less than", value: c.hi } as const]),
        ...(c.lo === undefined && c.hi === undefined ? [{ operator: "is known" } as const] : []),
      ]];
  }
}

function criterionWords(c: HubspotCriterion): string {
  return `${c.operator}${c.values ? ` ${c.values.map((v) => `"${v}"`).join(", ")}` : ""}${c.value !== undefined ? ` ${c.value}` : ""}`;
}
