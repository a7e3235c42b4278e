import { BOOLEAN_TOKENS } from "../../data/infer-attribute";
import { categoryKey } from "../category-key";
import type { CrmAttribute, CrmCondition, CrmPlan } from "./crm-plan";

/*
 * Salesforce formula fields that compute the points and the tier of a Lead or Contact from its
 * fields, written from the CRM plan with a small subset of the formula language: IF, CASE,
 * ISBLANK, AND, TRIM, LOWER, TEXT (picklists), CONTAINS, SUBSTITUTE, `&`, `+`, comparisons.
 * Text compares after TRIM and LOWER (categories ignore case and surrounding space); a boolean
 * field is a text or picklist field holding a true/false token (true, yes, y, t, 1 / false,
 * no, n, f, 0); a list field (`contains`) is text whose items are compared with spaces removed.
 * Salesforce limits a formula to 3,900 characters: when the sum of all attributes is longer,
 * the attributes are packed into part fields and the points field adds the parts.
 */

/** Salesforce's limit on the characters of a formula. */
export const SALESFORCE_FORMULA_CHARACTERS = 3900;

/** Options of {@link salesforceFormulas}. */
export interface SalesforceOptions {
  /** API names of fields that are (single-select) picklists, read through TEXT(). */
  picklists?: readonly string[];
  /** Prefix of the formula fields' API names (default "leadlab_"). */
  prefix?: string;
}

/** One formula field to create. */
export interface SalesforceFormula {
  /** API name, e.g. "leadlab_points__c". */
  field: string;
  returnType: "Number" | "Text";
  formula: string;
  /** The attributes it scores (a points part), empty for the total and the tier. */
  attributes: string[];
  /** What it computes, in words, where its attributes do not say it. */
  description?: string;
}

/** The formula fields of a plan: the points parts (none when one formula fits), the points and the tier. */
export interface SalesforceFormulas {
  parts: SalesforceFormula[];
  points: SalesforceFormula;
  tier: SalesforceFormula;
  /** The API name of the field each attribute reads, by attribute name. */
  fieldOf: Record<string, string>;
  /**
   * With a `value` block: the expected value's formula fields in the order to create them (win
   * chance, expected amount, retained chance, expected value, value tier).
   */
  value: SalesforceFormula[];
  /** Formulas that exceed the character limit even alone (an attribute with very many values). */
  warnings: string[];
}

/**
 * The Salesforce formula fields that compute a plan's points and tier (see the top of this
 * file). Field names of the plan that look like API names (`Industry`, `Account.Industry`,
 * `Score__c`) are used as they are; others become custom fields (`employees` → `employees__c`).
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { crmPlan } from "./crm-plan";
 * import { salesforceFormulas } from "./salesforce-formulas";
 * const f = salesforceFormulas(crmPlan(readScoringRules("tests/scoring/fixtures/scoring.yaml")));
 * f.tier.formula; // => 'IF(leadlab_points__c >= 80, "A", IF(leadlab_points__c >= 40, "B", "C"))'
 */
export function salesforceFormulas(plan: CrmPlan, options: SalesforceOptions = {}): SalesforceFormulas {
  const prefix = options.prefix ?? "leadlab_";
  const picklists = new Set(options.picklists ?? []);
  const fieldOf: Record<string, string> = {};
  const v = plan.value;
  const valueAttributes = v ? [...v.amount, ...(v.retention?.attributes ?? [])] : [];
  const names = apiNames([...plan.attributes, ...valueAttributes].map((a) => a.field));
  for (const a of [...plan.attributes, ...valueAttributes]) fieldOf[a.field] = names.get(a.field)!;
  for (const a of plan.attributes) fieldOf[a.name] = names.get(a.field)!;
  const terms = plan.attributes.map((a) => ({ name: a.name, expr: term(attributeExpression(a, fieldOf[a.name], picklists.has(fieldOf[a.name]))) }));
  const pointsField = `${prefix}points__c`;
  const sum = (exprs: string[]) => exprs.join(" + ");
  const warnings: string[] = [];
  let parts: SalesforceFormula[] = [];
  let points = `${plan.basePoints} + ${sum(terms.map((t) => t.expr))}`;
  if (points.length > SALESFORCE_FORMULA_CHARACTERS) {
    const packs: { names: string[]; exprs: string[] }[] = [];
    for (const t of terms) {
      const last = packs[packs.length - 1];
      if (last && sum([...last.exprs, t.expr]).length <= SALESFORCE_FORMULA_CHARACTERS) {
        last.names.push(t.name);
        last.exprs.push(t.expr);
      } else packs.push({ names: [t.name], exprs: [t.expr] });
    }
    parts = packs.map((p, i) => ({ field: `${prefix}points_part${i + 1}__c`, returnType: "Number", formula: sum(p.exprs), attributes: p.names }));
    points = `${plan.basePoints} + ${sum(parts.map((p) => p.field))}`;
  }
  for (const p of parts)
    if (p.formula.length > SALESFORCE_FORMULA_CHARACTERS)
      warnings.push(`${p.field} (${p.attributes.join(", ")}) has ${p.formula.length} characters, over Salesforce's ${SALESFORCE_FORMULA_CHARACTERS}: score that attribute through the scorer or the warehouse SQL, or merge its values into fewer bins`);
  let tier = "\"\"";
  for (let i = plan.tiers.length - 1; i >= 0; i--) {
    const t = plan.tiers[i];
    tier = t.minPoints === null ? text(t.name) : `IF(${pointsField} >= ${t.minPoints}, ${text(t.name)}, ${tier})`;
  }
  const value = v ? valueFormulas(v, prefix, pointsField, (a) => attributeExpression(a, fieldOf[a.field], picklists.has(fieldOf[a.field]))) : [];
  for (const f of value)
    if (f.formula.length > SALESFORCE_FORMULA_CHARACTERS)
      warnings.push(`${f.field} has ${f.formula.length} characters, over Salesforce's ${SALESFORCE_FORMULA_CHARACTERS}: take the expected value from the scorer or the warehouse SQL instead`);
  return {
    parts,
    points: { field: pointsField, returnType: "Number", formula: points, attributes: [] },
    tier: { field: `${prefix}tier__c`, returnType: "Text", formula: tier, attributes: [] },
    value,
    fieldOf,
    warnings,
  };
}

/**
 * The expected value as formula fields: the win chance from the points field, the expected
 * amount (base × each amount attribute's factor), the retained chance (logistic of the base plus
 * each retention attribute's term), their product, and the value tier from it; the runtime
 * scorer's formula, with EXP.
 */
function valueFormulas(v: NonNullable<CrmPlan["value"]>, prefix: string, pointsField: string, expression: (a: CrmAttribute) => string): SalesforceFormula[] {
  const logistic = (z: string) => `1 / (1 + EXP(-(${z})))`;
  const win = { field: `${prefix}win_chance__c`, returnType: "Number" as const, formula: logistic(`${v.winChance.intercept} + ${v.winChance.slope} * ${pointsField}`), attributes: [], description: "the chance of winning from the points" };
  const amount = { field: `${prefix}expected_amount__c`, returnType: "Number" as const, formula: [String(v.amountBase), ...v.amount.map((a) => `(${expression(a)})`)].join(" * "), attributes: v.amount.map((a) => a.name) };
  const retained = v.retention
    ? { field: `${prefix}retained_chance__c`, returnType: "Number" as const, formula: logistic([String(v.retention.base), ...v.retention.attributes.map((a) => term(expression(a)))].join(" + ")), attributes: v.retention.attributes.map((a) => a.name) }
    : undefined;
  const expected = { field: `${prefix}expected_value__c`, returnType: "Number" as const, formula: [win.field, amount.field, ...(retained ? [retained.field] : [])].join(" * "), attributes: [], description: "win chance × expected amount" + (retained ? " × retained chance" : "") };
  let tier = '""';
  for (let i = v.tiers.length - 1; i >= 0; i--) {
    const t = v.tiers[i];
    tier = t.minValue === null ? text(t.name) : `IF(${expected.field} >= ${t.minValue}, ${text(t.name)}, ${tier})`;
  }
  return [win, amount, ...(retained ? [retained] : []), expected, { field: `${prefix}value_tier__c`, returnType: "Text", formula: tier, attributes: [], description: "the value tier from the expected value" }];
}

/** The longest name of a Salesforce custom field, before `__c`. */
const CUSTOM_FIELD_LENGTH = 40;

/**
 * Plan fields as Salesforce API names: as they are when they look like one, else custom fields
 * `name__c` (letters, digits and single underscores, starting with a letter, at most 40
 * characters before `__c`, as Salesforce requires); two fields whose names would be the same
 * are told apart by a number.
 */
function apiNames(fields: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const field of fields) {
    if (out.has(field)) continue;
    if (/^[A-Z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(field) || /^[A-Za-z][A-Za-z0-9_]*__c$/.test(field)) {
      out.set(field, field);
      taken.add(field.toLowerCase());
      continue;
    }
    const cleaned = field.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
    const base = `${/^[A-Za-z]/.test(cleaned) ? "" : "f_"}${cleaned}`;
    const fit = (name: string, suffix = "") => `${name.slice(0, CUSTOM_FIELD_LENGTH - suffix.length).replace(/_+$/, "")}${suffix}__c`;
    let name = fit(base);
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = fit(base, `_${k}`);
    out.set(field, name);
    taken.add(name.toLowerCase());
  }
  return out;
}

/** A Salesforce string literal. */
function text(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** An expression as a term of a sum: a negative number in parentheses. */
function term(expr: string): string {
  return expr.startsWith("-") ? `(${expr})` : expr;
}

function attributeExpression(a: CrmAttribute, field: string, picklist: boolean): string {
  const blank = a.rows.find((r) => r.condition.op === "blank")?.points;
  if (a.kind === "number") {
    const ranges = a.rows.flatMap((r) => (r.condition.op === "range" ? [{ range: r.condition, points: r.points }] : []));
    const chain = numberChain(field, ranges);
    return blank === undefined ? chain : `IF(ISBLANK(${field}), ${blank}, ${chain})`;
  }
  const raw = picklist ? `TEXT(${field})` : field;
  const none = a.rows.find((r) => r.condition.op === "noneOf")?.points ?? 0;
  const cases: string[] = [];
  const seen = new Set<string>();
  // The rules' missing tokens score as blank (a contains key is only "true" / "false", so not there).
  if (blank !== undefined && a.kind !== "contains")
    for (const token of a.missing) {
      const key = categoryKey(token);
      if (seen.has(key)) continue;
      seen.add(key);
      cases.push(`${text(key)}, ${blank}`);
    }
  for (const r of a.rows) {
    if (r.condition.op !== "oneOf") continue;
    for (const v of r.condition.values)
      for (const key of a.kind === "boolean" ? [...BOOLEAN_TOKENS[v === "true" ? "true" : "false"]] : [categoryKey(v)]) {
        if (seen.has(key)) continue;
        seen.add(key);
        cases.push(`${text(key)}, ${r.points}`);
      }
  }
  const key =
    a.kind === "contains"
      ? `IF(CONTAINS(${text(a.item!.separator)} & LOWER(SUBSTITUTE(${raw}, " ", "")) & ${text(a.item!.separator)}, ${text(a.item!.separator + categoryKey(a.item!.value).replace(/ /g, "") + a.item!.separator)}), "true", "false")`
      : `LOWER(TRIM(${raw}))`;
  const inner = cases.length > 0 ? `CASE(${key}, ${cases.join(", ")}, ${none})` : String(none);
  return blank === undefined ? inner : `IF(ISBLANK(TRIM(${raw})), ${blank}, ${inner})`;
}

/**
 * The points of a number: when the ranges tile the number line in ascending order, a chain of
 * upper-bound tests (`IF(x < 18, -4, IF(x < 300, 1, …))`); otherwise each range in full, in the
 * plan's order (the scorer takes the first range that holds).
 */
function numberChain(field: string, ranges: { range: Extract<CrmCondition, { op: "range" }>; points: number }[]): string {
  if (ranges.length === 0) return "0";
  const sorted = [...ranges].sort((a, b) => (a.range.lo ?? -Infinity) - (b.range.lo ?? -Infinity));
  const tiles =
    sorted[0].range.lo === undefined &&
    sorted[sorted.length - 1].range.hi === undefined &&
    sorted.every((r, i) => i === 0 || (r.range.lo === sorted[i - 1].range.hi && r.range.loInclusive !== sorted[i - 1].range.hiInclusive));
  if (tiles) {
    let chain = String(sorted[sorted.length - 1].points);
    for (let i = sorted.length - 2; i >= 0; i--) chain = `IF(${field} ${sorted[i].range.hiInclusive ? "<=" : "<"} ${sorted[i].range.hi}, ${sorted[i].points}, ${chain})`;
    return chain;
  }
  let chain = "0";
  for (let i = ranges.length - 1; i >= 0; i--) {
    const r = ranges[i].range;
    const tests = [
      ...(r.lo === undefined ? [] : [`${field} ${r.loInclusive ? ">=" : ">"} ${r.lo}`]),
      ...(r.hi === undefined ? [] : [`${field} ${r.hiInclusive ? "<=" : "<"} ${r.hi}`]),
    ];
    const test = tests.length === 0 ? "TRUE" : tests.length === 1 ? tests[0] : `AND(${tests.join(", ")})`;
    chain = `IF(${test}, ${ranges[i].points}, ${chain})`;
  }
  return chain;
}
