import type { DealSources } from "../data/deal-table";
import type { ScoringRules } from "../formats/scoring-rules-schema";

/**
 * The column names of the raw tables a consumer needs to apply the rules, from where the table's
 * deals came from (`DealTable.sources`, set by the loader). A table built by hand has no sources:
 * its id column is taken to be `deal_id`.
 *
 * @example
 * import { rulesInputs } from "./rules-inputs";
 * rulesInputs({ id: "deal_id", scoringPoint: "created", keep: [], missing: ["", "NA"], timeZone: "UTC" }); // => { id: "deal_id", scoringPoint: "created", missing: ["", "NA"] }
 */
export function rulesInputs(sources: DealSources | undefined): ScoringRules["inputs"] {
  if (!sources) return { id: "deal_id" };
  const e = sources.events;
  return {
    id: sources.id,
    ...(sources.scoringPoint ? { scoringPoint: sources.scoringPoint } : {}),
    missing: [...sources.missing],
    ...(sources.timeZone !== "UTC" ? { timeZone: sources.timeZone } : {}),
    ...(sources.dateFormat ? { dateFormat: sources.dateFormat } : {}),
    ...(e ? { events: { key: e.key, leadKey: e.key, time: e.time, type: e.type, ...(e.value ? { value: e.value } : {}) } } : {}),
  };
}
