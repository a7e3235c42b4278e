import { itemSeparator } from "../formats/vocabulary";
import { matchingRule, type PersonaLead, type PersonaLeadValue } from "../personas/assign-persona";
import { OTHER_PERSONA } from "../personas/persona-rule";
import type { PersonasDocument } from "../formats/personas-schema";
import { categoryKey } from "./category-key";

/** An attribute the assignment rules of a `personas.yaml` read, and where a leads file holds it. */
export interface PersonaInput {
  /** The attribute's name (the key of the lead record given to {@link assignPersona}). */
  name: string;
  /** The leads file's column: the attribute's `source.column`, or, for an event feature, its name (a precomputed column). */
  column: string;
  /** An event feature: computed from raw events when the scoring rules compute the same-named one. */
  event: boolean;
  /** Read as a number (numeric and date attributes); other types are read as text. */
  numeric: boolean;
}

/** A lead's persona and the kinds of the anti-personas drawn from that persona. */
export interface PersonaTag {
  /** The persona id of the first assignment rule that holds, or "other". */
  persona: string;
  /** E.g. `["wins-but-churns"]` when the rule that holds tags an anti-persona (the persona is then "other"); else empty. */
  anti: string[];
}

/** What `leadlab score --personas` and {@link scoreAndTag} need of a `personas.yaml`. */
export interface PersonaTagger {
  inputs: PersonaInput[];
  /** The persona of a lead keyed by attribute name (values as they come from a file, a CRM or JSON). */
  tag(lead: PersonaLead): PersonaTag;
}

/**
 * Tags leads with the persona of a `personas.yaml` by {@link assignPersona} (the first
 * assignment rule whose conditions all hold), with text matched as the scorer matches
 * categories: a categorical value or multi-valued item is compared by its
 * {@link categoryKey} (NFC, trimmed, case-folded), so " SOFTWARE" is the file's "Software";
 * and text that is one of the `missing` tokens (by the same key) is missing. A lead the rule of
 * an anti-persona matches (a cluster of customers set aside, `source: customers`) is "other"
 * and tagged with the anti-persona's kind; anti-personas that are clusters of deals
 * (`source: deals`) have no assignment rule, so no lead is tagged with them.
 *
 * @example
 * import { personaTagger, readPersonas } from "leadlab";
 * const tagger = personaTagger(readPersonas("rules/sample/personas.yaml"), ["NA"]);
 * tagger.inputs.map((i) => i.name); // => ["seniority", "industry", "employees"]
 * tagger.tag({ industry: " SOFTWARE" }); // => { persona: "software", anti: [] }
 * tagger.tag({ industry: "Marketing & Advertising", employees: "NA" }); // => { persona: "other", anti: ["wins-but-churns"] }
 * tagger.tag({ industry: "Aerospace" }); // => { persona: "other", anti: [] }
 */
export function personaTagger(doc: Pick<PersonasDocument, "attributes" | "assignment"> & Partial<Pick<PersonasDocument, "antiPersonas">>, missing: readonly string[] = []): PersonaTagger {
  const used = new Set(doc.assignment.rules.flatMap((r) => r.when.map((c) => c.attribute)));
  const attributes = doc.attributes.filter((a) => used.has(a.name));
  const inputs = attributes.map((a) => ({
    name: a.name,
    column: "column" in a.source ? a.source.column : a.name,
    event: "event" in a.source,
    numeric: a.type === "numeric" || a.type === "date",
  }));
  // Per text attribute: the key of each value the rules name → that value as the file writes it.
  const spellings = new Map<string, Map<string, string>>();
  for (const rule of doc.assignment.rules)
    for (const c of rule.when) {
      if (c.kind === "range") continue;
      let map = spellings.get(c.attribute);
      if (!map) spellings.set(c.attribute, (map = new Map()));
      for (const v of "value" in c ? [c.value] : c.values) map.set(categoryKey(v), v);
    }
  const missingKeys = new Set(["", ...missing.map(categoryKey)]);
  const text = attributes.flatMap((a) => (a.type === "categorical" || a.type === "multi" ? [{ name: a.name, multi: a.type === "multi", separator: itemSeparator(a), map: spellings.get(a.name)! }] : []));
  const others = attributes.filter((a) => a.type !== "categorical" && a.type !== "multi").map((a) => a.name);
  const spelled = (map: Map<string, string>, item: string) => map.get(categoryKey(item)) ?? item;
  const anti = new Map<string, string>();
  for (const a of doc.antiPersonas ?? []) anti.set(a.id, a.kind);
  return {
    inputs,
    tag(lead) {
      const read: Record<string, PersonaLeadValue> = {};
      for (const name of others) {
        const v = lead[name];
        read[name] = typeof v === "string" && missingKeys.has(categoryKey(v)) ? null : v;
      }
      for (const { name, multi, separator, map } of text) {
        const v = lead[name];
        if (typeof v !== "string" && !Array.isArray(v)) read[name] = v;
        else if (!multi) read[name] = typeof v === "string" ? (missingKeys.has(categoryKey(v)) ? null : spelled(map, v)) : v;
        else {
          const items = (typeof v === "string" ? (missingKeys.has(categoryKey(v)) ? [] : v.split(separator)) : (v as readonly string[])).map(String);
          read[name] = items.map((item) => spelled(map, item));
        }
      }
      const rule = matchingRule(doc, read);
      const kind = rule?.antiPersona === undefined ? undefined : anti.get(rule.antiPersona);
      return { persona: rule?.persona ?? OTHER_PERSONA, anti: kind === undefined ? [] : [kind] };
    },
  };
}
