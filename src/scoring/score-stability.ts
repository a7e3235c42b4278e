import { splitDates } from "../data/table-provenance";
import type { DealTable } from "../data/deal-table";
import type { ScoringRules } from "../formats/scoring-rules-schema";
import { populationStability, type PopulationStability } from "../model/population-stability";
import { createScorer } from "./score";
import { leadRecordReader } from "./lead-record";
import { dateInZone, wallClockToInstant } from "../data/time-zone";

/** How the score distribution under a set of rules moved between the deals they were tuned on and the deals after. */
export type ScoreStability =
  | {
      /** The rules' date range (their provenance): deals dated in it are "before", deals dated after its last day "after". */
      before: { from: string; to: string; column: string; deals: number };
      after: { deals: number; to: string };
      /** PSI over the rules' tiers (the bins a team acts on). */
      tiers: Pick<PopulationStability, "psi" | "reading" | "bins" | "warnings">;
      /** PSI over the deciles of the "before" scores. */
      deciles: Pick<PopulationStability, "psi" | "reading" | "warnings">;
    }
  | { unavailable: string };

/**
 * The population stability index of the score distribution under `rules` between the deals of
 * the rules' own date range (their provenance: last quarter's data) and the deals of `table` dated
 * after it (this quarter's), both scored by the rules as written. The PSI is taken over the rules'
 * tiers (integer points: a tier starts at its `minPoints`) and over the deciles of the earlier
 * scores, with the customary reading (below 0.1 stable, to 0.25 moderate, above major). When the
 * rules carry no date range, the table has no dates, or either side has no deal, `unavailable`
 * says why.
 *
 * @param rules last quarter's rules
 * @param table deals spanning last quarter's range and the time after it
 * @example
 * import { DealTable, scoreStability } from "leadlab";
 * const t = new DealTable({ name: "d", ids: ["a"], won: Uint8Array.from([1]), attributes: [], columns: {}, holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * const rules = { metadata: {} } as never;
 * scoreStability(rules, t); // => { unavailable: "the rules record no date range" }
 */
export function scoreStability(rules: ScoringRules, table: DealTable): ScoreStability {
  const range = rules.metadata.dateRange;
  if (!range) return { unavailable: "the rules record no date range" };
  const split = splitDates(table);
  if (!split) return { unavailable: "the deals have no dates" };
  if (split.column !== range.column) return { unavailable: `the rules' dates are ${range.column}, the deals' ${split.column}` };
  // The range's calendar dates are the dataset's zone's (see `tableProvenance`): its days start at midnight there.
  const zone = table.sources?.timeZone ?? "UTC";
  const from = wallClockToInstant(Date.parse(`${range.from}T00:00:00Z`), zone);
  const end = wallClockToInstant(Date.parse(`${range.to}T00:00:00Z`) + 86400000, zone);
  const scorer = createScorer(rules, { reasons: 0 });
  const read = leadRecordReader(table, scorer.keys);
  const before: number[] = [];
  const after: number[] = [];
  let last = -Infinity;
  for (let r = 0; r < table.n; r++) {
    const t = split.dates[r];
    if (!(t >= from)) continue;
    const side = t < end ? before : after;
    side.push(scorer(read(r)).points);
    if (t >= end) last = Math.max(last, t);
  }
  if (before.length === 0) return { unavailable: `no deal of the table is dated in the rules' range ${range.from} to ${range.to}` };
  if (after.length === 0) return { unavailable: `no deal of the table is dated after ${range.to}, the end of the rules' range` };
  const cuts = rules.tiers
    .map((t) => t.minPoints)
    .filter((m): m is number => m !== null)
    .sort((a, b) => a - b)
    .map((m) => m - 0.5);
  const tiers = populationStability(before, after, { cuts });
  const deciles = populationStability(before, after);
  return {
    before: { ...range, deals: before.length },
    after: { deals: after.length, to: dateInZone(last, zone) },
    tiers: { psi: tiers.psi, reading: tiers.reading, bins: tiers.bins, warnings: tiers.warnings },
    deciles: { psi: deciles.psi, reading: deciles.reading, warnings: deciles.warnings },
  };
}
