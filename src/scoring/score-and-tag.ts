import type { PersonasDocument } from "../formats/personas-schema";
import { score, type LeadRecord, type LeadScore, type ScoreOptions } from "./score";
import type { ScoringRules } from "../formats/scoring-rules-schema";
import { rulesMissing } from "../formats/scoring-rules-schema";
import { personaTagger } from "./persona-tags";

/** A lead's score and the persona its assignment rules give it ("other": no rule matches). */
export interface TaggedLead extends LeadScore {
  persona: string;
}

/**
 * Scores a lead with `scoring.yaml` and tags it with a persona of `personas.yaml`, from one
 * record: what a CRM webhook needs. Like {@link score}, it has no dependencies beyond the two
 * parsed files. Category text is matched as the scorer matches it (NFC, trimmed, case-folded)
 * and the rules' and options' missing tokens are missing, for the persona too (see
 * {@link personaTagger}).
 *
 * @example
 * import { readPersonas, readScoringRules, scoreAndTag } from "leadlab";
 * const lead = { industry: "Financial Services", employees: 12000, committee_size: 6 };
 * scoreAndTag(readScoringRules("rules/sample/scoring.yaml"), readPersonas("rules/sample/personas.yaml"), lead).persona; // => "financial-services"
 */
export function scoreAndTag(rules: ScoringRules, personas: Pick<PersonasDocument, "attributes" | "assignment">, record: LeadRecord, options: ScoreOptions = {}): TaggedLead {
  const missing = [...rulesMissing(rules), ...(options.missing ?? [])];
  return { ...score(rules, record, options), persona: personaTagger(personas, missing).tag(record).persona };
}
