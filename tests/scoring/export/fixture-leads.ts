import { readFileSync } from "node:fs";
import { createScorer, ScoreError, type LeadRecord } from "../../../src/scoring/score";
import { fixtureRules } from "../helpers";
import { csvRows } from "./csv-rows";
import type { CrmRecord, ScoredLead } from "./crm-leads";

/** The hand-made fixture rules and leads (every match kind, quotes and separators in values), scored by score(). */
export function fixtureLeads() {
  const rules = fixtureRules();
  const scorer = createScorer(rules, { reasons: 0 });
  const leads: ScoredLead[] = [];
  for (const row of csvRows(readFileSync("tests/scoring/fixtures/leads.csv", "utf8"))) {
    const record: CrmRecord = {};
    for (const k of scorer.keys) record[k] = row[k] === undefined || row[k].trim() === "" ? null : row[k];
    try {
      const s = scorer(record as LeadRecord);
      leads.push({ id: row.lead_id, record, points: s.points, tier: s.tier });
    } catch (e) {
      if (!(e instanceof ScoreError)) throw e;
    }
  }
  return { rules, leads };
}
