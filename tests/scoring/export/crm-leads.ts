import { DEFAULT_MISSING } from "../../../src/data/resolve-dataset-spec";
import { readScoringRules } from "../../../src/scoring/parse-scoring-rules";
import { createScorer, ScoreError, type LeadRecord } from "../../../src/scoring/score";
import type { ScoringRules } from "../../../src/formats/scoring-rules-schema";
import { sampleTable } from "../../helpers/sample-fixture";

/** A lead as a CRM holds it: each field a number, a text or blank (null), keyed as the plan's fields. */
export type CrmRecord = Record<string, number | string | null>;

/** A lead and what score() gives it. */
export interface ScoredLead {
  id: string;
  record: CrmRecord;
  points: number;
  tier: string | null;
}

/** A value as a CRM field holds it: booleans as "true"/"false", missing as null. */
function crmValue(v: unknown): number | string | null {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return v.join(";");
  return String(v);
}

/** Every closed deal of the sample that score() can score, with the committed sample rules. */
export async function sampleLeads(): Promise<{ rules: ScoringRules; leads: ScoredLead[]; unscorable: number }> {
  const rules = readScoringRules("rules/sample/scoring.yaml");
  const table = await sampleTable();
  const scorer = createScorer(rules, { missing: DEFAULT_MISSING, reasons: 0 });
  const columns = scorer.keys.map((k) => table.column(k) as ArrayLike<unknown>);
  const leads: ScoredLead[] = [];
  let unscorable = 0;
  for (let i = 0; i < table.n; i++) {
    const record: CrmRecord = {};
    scorer.keys.forEach((k, j) => (record[k] = crmValue(columns[j][i])));
    try {
      const s = scorer(record as LeadRecord);
      leads.push({ id: table.ids[i], record, points: s.points, tier: s.tier });
    } catch (e) {
      if (!(e instanceof ScoreError)) throw e;
      unscorable++;
    }
  }
  return { rules, leads, unscorable };
}
