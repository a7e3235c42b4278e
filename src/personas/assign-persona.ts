import { itemSeparator } from "../formats/vocabulary";
import { parseBoolean, parseNumber } from "../data/infer-attribute";
import { conditionHolds, OTHER_PERSONA, type Condition } from "./persona-rule";
import type { PersonaCondition, PersonasDocument } from "../formats/personas-schema";

/** A value of a lead as it may come from a CSV row, JSON or a CRM field. */
export type PersonaLeadValue = number | string | boolean | null | undefined | readonly string[];

/** A lead: values keyed by attribute name (event features precomputed, keyed by their name). */
export type PersonaLead = Readonly<Record<string, PersonaLeadValue>>;

/**
 * Tags a lead with a persona as other systems do from `personas.yaml`: the persona id of the
 * first rule under `assignment.rules` whose conditions all hold, else `"other"` (no rule
 * matches: the lead is like none of the personas).
 *
 * Values are read by the attribute's type in the file: numeric — a number, or text that is a
 * plain number (anything else is missing); boolean — true/false or the tokens yes/no, y/n, 1/0,
 * t/f; multi-valued — an array of items or text split at the attribute's `separator`, items
 * trimmed; categorical — trimmed text. Empty text, null, undefined and NaN are missing, and a
 * missing value satisfies a condition only where the rule says `orMissing`.
 *
 * @example
 * import { assignPersona, readPersonas } from "leadlab";
 * const doc = readPersonas("rules/sample/personas.yaml");
 * assignPersona(doc, { industry: "Financial Services", employees: 12000, tech_stack: "Salesforce;Slack" }); // => "financial-services"
 * assignPersona(doc, { industry: "Aerospace" }); // => "other" (an industry no customer had)
 * assignPersona(doc, {}); // => "software" (a rule accepts a missing industry, seniority and employees)
 */
export function assignPersona(doc: Pick<PersonasDocument, "attributes" | "assignment">, lead: PersonaLead): string {
  return matchingRule(doc, lead)?.persona ?? OTHER_PERSONA;
}

/**
 * The first rule under `assignment.rules` of a `personas.yaml` whose conditions all hold for a
 * lead (values read as {@link assignPersona} reads them), or undefined: what tells a persona, or
 * "other" with the anti-persona of the rule.
 *
 * @example
 * import { matchingRule, readPersonas } from "leadlab";
 * const doc = readPersonas("rules/sample/personas.yaml");
 * matchingRule(doc, { industry: "Marketing & Advertising", employees: 30 })?.antiPersona;
 * // => "marketing-and-advertising-under-550-employees-wins-but-churns"
 */
export function matchingRule(doc: Pick<PersonasDocument, "attributes" | "assignment">, lead: PersonaLead): PersonasDocument["assignment"]["rules"][number] | undefined {
  const types = new Map(doc.attributes.map((a) => [a.name, { type: a.type, separator: itemSeparator(a) }]));
  return doc.assignment.rules.find((rule) => rule.when.every((c) => conditionHolds(toCondition(c), readValue(lead[c.attribute], types.get(c.attribute)))));
}

function toCondition(c: PersonaCondition): Condition {
  return c.kind === "range" ? { attribute: c.attribute, kind: "range", from: c.from ?? -Infinity, to: c.to ?? Infinity, orMissing: c.orMissing } : c;
}

function readValue(value: PersonaLeadValue, attribute: { type: string; separator: string } | undefined): unknown {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return null;
  const text = (v: unknown) => {
    const t = String(v).trim();
    return t === "" ? null : t;
  };
  switch (attribute?.type) {
    case "numeric":
    case "date": {
      if (typeof value === "number") return Number.isFinite(value) ? value : null;
      const t = typeof value === "string" ? text(value) : null;
      const x = t === null ? NaN : parseNumber(t);
      return Number.isNaN(x) ? null : x;
    }
    case "boolean": {
      if (typeof value === "boolean") return value;
      const t = typeof value === "string" ? text(value) : null;
      return t === null ? null : (parseBoolean(t) ?? null);
    }
    case "multi": {
      const items = (Array.isArray(value) ? (value as readonly unknown[]).map(String) : String(value).split(attribute.separator)).map((s) => s.trim()).filter((s) => s !== "");
      return items.length ? items : null;
    }
    default:
      return Array.isArray(value) ? null : text(value);
  }
}
