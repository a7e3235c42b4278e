import { itemSeparator } from "../../formats/vocabulary";
import type { BinMatch, BinnedInput, ScoringRules } from "../../formats/scoring-rules-schema";
import { rulesMissing } from "../../formats/scoring-rules-schema";
import { categoryKey } from "../category-key";
import { binSetText } from "../score";
import { uncoveredRanges, type NumberRange } from "./uncovered-ranges";
import type { EventSource } from "../../sql/event-features-sql";

/*
 * The rules as a CRM applies them: per attribute, rows of one field condition and the points
 * it adds. The rows of an attribute are exclusive and cover every value the scorer accepts, so
 * exactly one row of each attribute applies to a lead and the lead's points are basePoints plus
 * the sum of the rows that apply. The scorer's fallbacks become explicit rows: `other` is "is
 * known and none of the listed values"; an attribute without an `other` bin scores unlisted
 * values as missing, so its missing bin becomes two rows ("is blank", "none of the listed");
 * the values no range of a numeric attribute takes become the ranges of its `other` bin.
 * Every export target (sheet, Salesforce, HubSpot, Marketo) is written from this plan.
 *
 * Values are compared as score() compares them: trimmed and ignoring case (its categoryKey),
 * and a value that is one of the rules' missing tokens (`inputs.missing`, e.g. "NA") is blank.
 * `values` keep the rules' spelling (trimmed, one per key) for the CRM admin to read.
 */

/** How a CRM field is read: a number, text, a true/false value, or a list that may include an item. */
export type CrmValueKind = "number" | "text" | "boolean" | "contains";

/** A condition on one CRM field. `values` are the scorer's texts (booleans as "true" / "false"). */
export type CrmCondition =
  | { op: "blank" }
  | { op: "oneOf"; values: string[] }
  | { op: "noneOf"; values: string[] }
  | ({ op: "range" } & NumberRange);

/** One row of the plan: a condition on an attribute's field and the points it adds. */
export interface CrmRow {
  /** The bin's label in the rules. */
  bin: string;
  condition: CrmCondition;
  points: number;
}

/** An attribute as a CRM reads it. */
export interface CrmAttribute {
  name: string;
  group: "fit" | "engagement";
  /** The CRM field holding the value: the source column, or the attribute's name for an event feature. */
  field: string;
  kind: CrmValueKind;
  /** For kind `contains`: the item looked for, and the item separator of the field. */
  item?: { value: string; separator: string };
  /**
   * For event features: how the value is defined from raw events, e.g. "count of demo_request
   * events in the 90 days before the scoring point". A CRM cannot compute it; the scorer or the
   * warehouse SQL writes it into a field of this name.
   */
  outsideCrm?: string;
  /** For a decayed count: its event type and half-life (see `decayHintLines`). */
  decay?: { eventType: string; halfLifeDays: number };
  /** Exclusive rows covering every value the scorer accepts. */
  rows: CrmRow[];
  /** Text the condition `blank` also holds for: the rules' missing tokens (`inputs.missing`), trimmed, compared ignoring case. */
  missing: string[];
}

/**
 * The expected value as a CRM computes it: chance of winning = 1 / (1 + exp(−(intercept + slope ×
 * points))); expected amount = amountBase × the number (factor) of each amount attribute's row;
 * chance of retained = 1 / (1 + exp(−(retentionBase + the number (log-odds term) of each retention
 * attribute's row))); expected value = their product; value tier = the first whose minValue it reaches.
 * The rows' `points` hold the factors and terms.
 */
export interface CrmValuePlan {
  winChance: { intercept: number; slope: number };
  amountBase: number;
  amount: CrmAttribute[];
  /** Absent without a retention card. */
  retention?: { horizonDays: number; base: number; attributes: CrmAttribute[] };
  tiers: { name: string; minValue: number | null }[];
}

/** The rules as rows of field conditions and points, with the base and the tier cuts. */
export interface CrmPlan {
  dataset: string;
  dataFingerprint: string;
  /** Points every lead starts with (`scale.basePoints`). */
  basePoints: number;
  attributes: CrmAttribute[];
  /** Best first; a lead gets the first tier whose `minPoints` its points reach (null: every lead). */
  tiers: { name: string; minPoints: number | null }[];
  /** The expected value and value tiers, when the rules have a `value` block. */
  value?: CrmValuePlan;
}

/** Options of {@link crmPlan}. */
export interface CrmPlanOptions {
  /** CRM field names by source column or attribute name, where they differ from the rules' names. */
  fields?: Readonly<Record<string, string>>;
}

/**
 * The rules as a CRM applies them (see the top of this file).
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { crmPlan } from "./crm-plan";
 * const plan = crmPlan(readScoringRules("tests/scoring/fixtures/scoring.yaml"));
 * plan.attributes[0].rows[1]; // => { bin: "50–199", condition: { op: "range", lo: 50, hi: 200, loInclusive: true, hiInclusive: false }, points: 10 }
 */
export function crmPlan(rules: ScoringRules, options: CrmPlanOptions = {}): CrmPlan {
  const fields = options.fields ?? {};
  return {
    dataset: rules.metadata.dataset,
    dataFingerprint: rules.metadata.dataFingerprint,
    basePoints: rules.scale.basePoints,
    attributes: rules.attributes.map((a) => planAttribute(a, a.group, rules, fields, (b) => b.points)),
    tiers: rules.tiers.map((t) => ({ name: t.name, minPoints: t.minPoints })),
    ...(rules.value ? { value: valuePlan(rules.value, rules, fields) } : {}),
  };
}

/** The value block as a CRM applies it: the cards' rows carry their factor or log-odds term as `points`. */
function valuePlan(v: NonNullable<ScoringRules["value"]>, rules: ScoringRules, fields: Readonly<Record<string, string>>): CrmValuePlan {
  return {
    winChance: v.winChance,
    amountBase: v.amount.base,
    amount: v.amount.attributes.map((a) => planAttribute(a, "fit", rules, fields, (b) => b.factor)),
    ...(v.retention
      ? { retention: { horizonDays: v.retention.horizonDays, base: v.retention.baseLogOdds, attributes: v.retention.attributes.map((a) => planAttribute(a, "fit", rules, fields, (b) => b.logOdds)) } }
      : {}),
    tiers: v.tiers.map((t) => ({ name: t.name, minValue: t.minValue })),
  };
}

/** The tier of a lead's points: the first (best first) whose minPoints it reaches. */
export function tierOf(tiers: CrmPlan["tiers"], points: number): string | null {
  for (const t of tiers) if (t.minPoints === null || points >= t.minPoints) return t.name;
  return null;
}

/** An attribute (of the scorecard or of a value card) as rows of conditions, each row carrying `numberOf(bin)` as its points. */
function planAttribute<B extends BinnedInput["bins"][number]>(
  a: Omit<BinnedInput, "bins"> & { bins: readonly B[] },
  group: CrmAttribute["group"],
  rules: ScoringRules,
  fields: Readonly<Record<string, string>>,
  numberOf: (bin: B) => number,
): CrmAttribute {
  const key = "column" in a.source ? a.source.column : a.name;
  const kind: CrmValueKind = a.match === "numeric" ? "number" : a.match === "categorical" ? "text" : a.match;
  const shown = (values: readonly string[]) => distinctByKey(values.map((v) => (kind === "text" ? v.trim() : binSetText(v, a.match))));
  const listed = shown(a.bins.flatMap((b) => (b.when.kind === "set" ? b.when.values : [])));
  const hasOther = a.bins.some((b) => b.when.kind === "other");
  // A true/false attribute whose sets list both values has no unlisted value (the scorer rejects other text).
  const everyBoolean = kind !== "text" && kind !== "number" && listed.includes("true") && listed.includes("false");
  const missing = distinctByKey(rulesMissing(rules).map((t) => t.trim()).filter((t) => t !== ""));
  const ranges = a.bins.flatMap((b) => (b.when.kind === "range" ? [rangeOf(b.when)] : []));
  const rows = a.bins.flatMap((b): CrmRow[] => {
    const row = (condition: CrmCondition): CrmRow => ({ bin: b.label, condition, points: numberOf(b) });
    const w = b.when;
    switch (w.kind) {
      case "set":
        return [row({ op: "oneOf", values: shown(w.values) })];
      case "range":
        return [row({ op: "range", ...rangeOf(w) })];
      case "other":
        return kind === "number" ? uncoveredRanges(ranges).map((r) => row({ op: "range", ...r })) : [row({ op: "noneOf", values: listed })];
      case "missing":
        return [row({ op: "blank" }), ...(kind !== "number" && !hasOther && !everyBoolean ? [row({ op: "noneOf", values: listed })] : [])];
    }
  });
  const attribute: CrmAttribute = { name: a.name, group, field: fields[key] ?? fields[a.name] ?? key, kind, rows, missing };
  if (kind === "contains") attribute.item = { value: (a.containsValue ?? "").trim(), separator: itemSeparator(a) };
  if ("event" in a.source) attribute.outsideCrm = eventDefinition(a.source.event, rules);
  if ("event" in a.source && a.source.event.decay) attribute.decay = { eventType: a.source.event.type, halfLifeDays: a.source.event.decay.halfLifeDays };
  return attribute;
}

/** The values, the first of each {@link categoryKey} kept, in order. */
function distinctByKey(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = categoryKey(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function rangeOf(w: Extract<BinMatch, { kind: "range" }>): NumberRange {
  const r: NumberRange = { loInclusive: w.loInclusive, hiInclusive: w.hiInclusive };
  if (w.lo !== undefined) r.lo = w.lo;
  if (w.hi !== undefined) r.hi = w.hi;
  return r;
}

/** An event feature's definition in words, e.g. "count of demo_request events in the 90 days before the scoring point". */
function eventDefinition(e: EventSource, rules: ScoringRules): string {
  const within = `in the ${e.windowDays} days before the scoring point`;
  switch (e.aggregate) {
    case "count":
      return e.decay
        ? `count of ${e.type} events ${within}, each weighing 2^(−age in days / ${e.decay.halfLifeDays}) (halving every ${e.decay.halfLifeDays} days)`
        : `count of ${e.type} events ${within}`;
    case "sum":
      return `sum of ${rules.inputs.events?.value ?? "value"} over ${e.type} events ${within}`;
    case "active_days":
      return `days with a ${e.type} event ${within}`;
    case "days_since_last":
      return `days from the last ${e.type} event to the scoring point, looking back ${e.windowDays} days (blank when none)`;
  }
}
