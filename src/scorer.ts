/**
 * leadlab/scorer: score leads with committed rules, in a service or a job. It reads scoring.yaml
 * and personas.yaml and scores one lead at a time; it needs only `yaml` and `@sinclair/typebox`
 * and loads no database, chart or DataFrame library.
 *
 * @example
 * import { parseScoringRules, score } from "leadlab/scorer";
 * import { readFileSync } from "node:fs";
 * const rules = parseScoringRules(readFileSync("rules/sample/scoring.yaml", "utf8"));
 * typeof score(rules, { industry: "Software", employees: 250 }).points; // => "number"
 */
export { parseScoringRules, readScoringRules } from "./scoring/parse-scoring-rules";
export { parsePersonas, readPersonas } from "./personas/personas-yaml";
export { score, createScorer, ScoreError, type LeadScore, type LeadRecord, type LeadValue, type ScoreOptions, type Scorer, type RulesToScore } from "./scoring/score";
export { decayedEventCount } from "./scoring/decayed-event-count";
export { scoreAndTag, type TaggedLead } from "./scoring/score-and-tag";
export { assignPersona, matchingRule, type PersonaLead, type PersonaLeadValue } from "./personas/assign-persona";
export { DatasetError, type ErrorLocation } from "./formats/dataset-error";
export type { ScoringRules, ScorecardAttribute, BinMatch } from "./formats/scoring-rules-schema";
export type { PersonasDocument, PersonaEntry, PersonaCondition } from "./formats/personas-schema";
