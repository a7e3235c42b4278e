import { assignPersona, type PersonaLead } from "../personas/assign-persona";
import type { PersonasDocument } from "../formats/personas-schema";

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
  /** The persona id of the first assignment rule that holds, or null. */
  persona: string | null;
  /** E.g. `["rarely-wins"]`; empty when the persona is no anti-persona (or there is none). */
  anti: string[];
}

/** What `leadlab score --personas` needs of a `personas.yaml`. */
export interface PersonaTagger {
  inputs: PersonaInput[];
  tag(lead: PersonaLead): PersonaTag;
}

/**
 * Tags leads with the persona of a `personas.yaml` as {@link assignPersona} does (the first
 * assignment rule whose conditions all hold), and with the kinds of the anti-personas found
 * among personas (`source: persona`) when the lead's persona is one. Anti-personas that are
 * clusters of deals (`source: deals`) have no assignment rule, so no lead is tagged with them.
 *
 * @example
 * import { personaTagger, readPersonas } from "leadlab";
 * const tagger = personaTagger(readPersonas("rules/sample/personas.yaml"));
 * tagger.inputs.map((i) => i.name); // => ["industry"]
 * tagger.tag({ industry: "Healthcare" }); // => { persona: "healthcare-700-plus-employees-director", anti: ["rarely-wins"] }
 */
export function personaTagger(doc: Pick<PersonasDocument, "attributes" | "assignment" | "antiPersonas">): PersonaTagger {
  const used = new Set(doc.assignment.rules.flatMap((r) => r.when.map((c) => c.attribute)));
  const inputs = doc.attributes
    .filter((a) => used.has(a.name))
    .map((a) => ({ name: a.name, column: "column" in a.source ? a.source.column : a.name, event: "event" in a.source, numeric: a.type === "numeric" || a.type === "date" }));
  const anti = new Map<string, string[]>();
  for (const a of doc.antiPersonas) if (a.source === "persona" && a.persona !== null) anti.set(a.persona, [...(anti.get(a.persona) ?? []), a.kind]);
  return {
    inputs,
    tag(lead) {
      const persona = assignPersona(doc, lead);
      return { persona, anti: persona === null ? [] : (anti.get(persona) ?? []) };
    },
  };
}
