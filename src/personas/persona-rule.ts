import { checkMixedColumns, type MixedColumn } from "../cluster/mixed-column";

/*
 * The assignment rules as they are applied: the conditions a `personas.yaml` holds, how a value
 * satisfies one, and the first-match-wins reading of a rule list. The learner that writes them
 * is `learnRuleList` (learn-rule-list.ts); the scorer reads them through `assignPersona`.
 */

/**
 * One test on an attribute. A missing value satisfies a condition only when `orMissing` is
 * true; booleans are compared as the text `"true"` / `"false"`.
 * - `range`: `from ≤ x < to` (open ends are ±Infinity), numeric attributes
 * - `in` / `not-in`: the value is (is not) one of `values`, categorical and boolean attributes
 *   (an unseen value is `not-in` every set)
 * - `contains` / `lacks`: the set holds (does not hold) `value`, multi-valued attributes
 */
export type Condition =
  | { attribute: string; kind: "range"; from: number; to: number; orMissing: boolean }
  | { attribute: string; kind: "in" | "not-in"; values: string[]; orMissing: boolean }
  | { attribute: string; kind: "contains" | "lacks"; value: string; orMissing: boolean };

/** A rule as applied: when every condition holds, the lead gets `persona` (a persona's position). */
export interface AssignmentRule {
  conditions: Condition[];
  persona: number;
}

/**
 * The persona of a lead that no assignment rule matches: an explicit segment of its own, never
 * a persona's id (`parsePersonas` refuses a persona with this id).
 *
 * @example
 * import { OTHER_PERSONA } from "./persona-rule";
 * OTHER_PERSONA; // => "other"
 */
export const OTHER_PERSONA = "other";

/** A lead to tag: attribute name → value (number, string, boolean, string[]; null/undefined/NaN missing). */
export type LeadRecord = Readonly<Record<string, unknown>>;

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

/**
 * Whether one condition holds for a value (see {@link Condition}).
 *
 * @example
 * conditionHolds({ attribute: "employees", kind: "range", from: 200, to: 2000, orMissing: false }, 350); // => true
 * conditionHolds({ attribute: "crm", kind: "in", values: ["true"], orMissing: false }, true); // => true
 */
export function conditionHolds(c: Condition, value: unknown): boolean {
  if (isMissing(value)) return c.orMissing;
  switch (c.kind) {
    case "range":
      return typeof value === "number" && value >= c.from && value < c.to;
    case "in":
    case "not-in": {
      const s = typeof value === "boolean" || typeof value === "number" ? String(value) : value;
      const inside = typeof s === "string" && c.values.includes(s);
      return c.kind === "in" ? inside : !inside;
    }
    case "contains":
    case "lacks": {
      const inside = Array.isArray(value) && value.includes(c.value);
      return c.kind === "contains" ? inside : !inside;
    }
  }
}

/**
 * The persona a lead gets from a rule list: that of the first rule whose conditions all hold,
 * else `null` (the lead is {@link OTHER_PERSONA}). Attributes the record lacks count as missing.
 *
 * @example
 * const rules = [
 *   { persona: 0, conditions: [{ attribute: "employees", kind: "range" as const, from: -Infinity, to: 100, orMissing: false }] },
 *   { persona: 1, conditions: [{ attribute: "employees", kind: "range" as const, from: 100, to: Infinity, orMissing: false }] },
 * ];
 * applyRules({ rules }, { employees: 750 }); // => 1
 * applyRules({ rules }, { employees: null }); // => null (no rule accepts a missing value)
 */
export function applyRules(rules: { rules: readonly AssignmentRule[] }, record: LeadRecord): number | null {
  for (const r of rules.rules) if (r.conditions.every((c) => conditionHolds(c, record[c.attribute]))) return r.persona;
  return null;
}

/**
 * The persona of every row of some mixed columns under a rule list (-1: no rule matches, the
 * row is {@link OTHER_PERSONA}).
 *
 * @example
 * const cols = [{ name: "employees", kind: "numeric" as const, values: Float64Array.from([5, 8, NaN, 400, 600]) }];
 * const rules = [{ persona: 1, conditions: [{ attribute: "employees", kind: "range" as const, from: 100, to: Infinity, orMissing: false }] }];
 * Array.from(applyRulesToColumns({ rules }, cols)); // => [-1, -1, -1, 1, 1]
 */
export function applyRulesToColumns(rules: { rules: readonly AssignmentRule[] }, columns: readonly MixedColumn[]): Int32Array {
  const n = checkMixedColumns(columns);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const out = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (const r of rules.rules) {
      const ok = r.conditions.every((c) => {
        const col = byName.get(c.attribute);
        return conditionHolds(c, col ? (col.values as ArrayLike<unknown>)[i] : undefined);
      });
      if (ok) {
        out[i] = r.persona;
        break;
      }
    }
  }
  return out;
}

function num(x: number): string {
  return String(x);
}

/**
 * One condition as readable text, as in a rule's line.
 *
 * @example
 * formatCondition({ attribute: "industry", kind: "in", values: ["Healthcare"], orMissing: false }); // => "industry in {Healthcare}"
 */
export function formatCondition(c: Condition): string {
  let s: string;
  switch (c.kind) {
    case "range":
      s =
        c.from === -Infinity && c.to === Infinity
          ? `${c.attribute} is known`
          : c.from === -Infinity
            ? `${c.attribute} < ${num(c.to)}`
            : c.to === Infinity
              ? `${c.attribute} >= ${num(c.from)}`
              : `${c.attribute} in [${num(c.from)}, ${num(c.to)})`;
      break;
    case "in":
      s = c.values.length === 0 ? `${c.attribute} in {}` : `${c.attribute} in {${c.values.join(", ")}}`;
      break;
    case "not-in":
      s = `${c.attribute} not in {${c.values.join(", ")}}`;
      break;
    case "contains":
      s = `${c.attribute} contains ${c.value}`;
      break;
    case "lacks":
      s = `${c.attribute} lacks ${c.value}`;
      break;
  }
  return c.orMissing ? `(${s} or ${c.attribute} is missing)` : s;
}

/**
 * Whether no value can meet both conditions on the same attribute: value sets with no value in
 * common, ranges that do not overlap, or contains and lacks of the same item (a condition that
 * lets a missing value through on both sides can be met by a missing value). False for
 * conditions on different attributes.
 *
 * @example
 * conditionsExclude(
 *   { attribute: "industry", kind: "in", values: ["Healthcare"], orMissing: false },
 *   { attribute: "industry", kind: "in", values: ["Retail", "Media"], orMissing: true },
 * ); // => true
 */
export function conditionsExclude(a: Condition, b: Condition): boolean {
  if (a.attribute !== b.attribute || (a.orMissing && b.orMissing)) return false;
  if (a.kind === "in" && b.kind === "in") return !a.values.some((v) => b.values.includes(v));
  if (a.kind === "range" && b.kind === "range") return a.to <= b.from || b.to <= a.from;
  if ((a.kind === "contains" && b.kind === "lacks") || (a.kind === "lacks" && b.kind === "contains")) return a.value === b.value;
  return false;
}

/**
 * A rule as one readable line, e.g.
 * `if employees in [200, 2000) and industry in {SaaS} then persona 2`; `names` replaces
 * "persona 2" with `names[2]`.
 *
 * @example
 * formatRule({
 *   conditions: [
 *     { attribute: "employees", kind: "range", from: 200, to: 2000, orMissing: false },
 *     { attribute: "industry", kind: "in", values: ["SaaS"], orMissing: false },
 *   ],
 *   persona: 2,
 * }); // => "if employees in [200, 2000) and industry in {SaaS} then persona 2"
 */
export function formatRule(rule: AssignmentRule, names?: readonly string[]): string {
  const then = names?.[rule.persona] ?? `persona ${rule.persona}`;
  if (rule.conditions.length === 0) return `always ${then}`;
  return `if ${rule.conditions.map(formatCondition).join(" and ")} then ${then}`;
}

