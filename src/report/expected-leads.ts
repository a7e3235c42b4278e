import type { DealTable } from "../data/deal-table";
import { createScorer } from "../scoring/score";
import type { Scorecard } from "../scoring/scorecard";
import { leadRecordReader } from "../scoring/lead-record";
import { dateInZone } from "../data/time-zone";

const DAY = 86_400_000;
/** The average month, in days. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** What a sales team can expect from one tier in a month. */
export interface TierVolume {
  tier: string;
  /** Deals of the period landing in the tier, per month. */
  leadsPerMonth: number;
  /** The tier's win rate on the holdout, with its 95 % interval; null when no holdout lead fell in the tier. */
  winRate: { value: number; lo: number; hi: number } | null;
  /** leadsPerMonth × the win rate; null without a win rate. */
  winsPerMonth: number | null;
}

/** The expected leads per tier per month, and the period they were counted in. */
export interface ExpectedLeads {
  /** The first and last close dates of the holdout deals (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The period's length in months of {@link DAYS_PER_MONTH} days, counting both ends' days. */
  months: number;
  /** Deals closed in the period (all of them, holdout or not). */
  deals: number;
  /** Best tier first, as the card's tiers. */
  tiers: TierVolume[];
}

/**
 * How many leads land in each tier per month, with the tier's holdout win rate: the period is
 * the holdout's (from its first to its last close date, or its creation dates when the deals
 * have no close date), every deal closed in it is scored with the card's rules, and each
 * tier's count is divided by the period's months; the expected wins per month are those leads
 * times the tier's win rate on the holdout. A time holdout counts exactly its own deals; a
 * random one, spread over the whole history, counts every deal of that history. Null when the
 * deals have no dates or the holdout is empty.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { expectedLeads } from "./expected-leads";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const e = expectedLeads(tuneScorecard(table), table)!;
 * [e.from, e.to, e.tiers.map((t) => t.tier).join("")]; // => ["2026-04-04", "2026-09-30", "ABCD"]
 */
export function expectedLeads(card: Scorecard, table: DealTable): ExpectedLeads | null {
  const dates = table.closedAt ?? table.createdAt;
  const test = table.split.test;
  if (dates === undefined || test.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const r of test) {
    const d = dates[r];
    if (Number.isFinite(d)) [first, last] = [Math.min(first, d), Math.max(last, d)];
  }
  if (!Number.isFinite(first)) return null;
  const day = (t: number) => Math.floor(t / DAY);
  const months = (day(last) - day(first) + 1) / DAYS_PER_MONTH;
  const scorer = createScorer(card.rules, { reasons: 0 });
  const read = leadRecordReader(table, scorer.keys);
  const counts = new Map(card.tiers.map((t) => [t.name, 0]));
  let deals = 0;
  for (let r = 0; r < table.n; r++) {
    const d = dates[r];
    if (!(day(d) >= day(first) && day(d) <= day(last))) continue;
    deals++;
    const tier = scorer(read(r)).tier;
    if (tier !== null) counts.set(tier, (counts.get(tier) ?? 0) + 1);
  }
  const iso = (t: number) => dateInZone(t, table.sources?.timeZone ?? "UTC");
  return {
    from: iso(first),
    to: iso(last),
    months,
    deals,
    tiers: card.tiers.map((t) => {
      const leadsPerMonth = counts.get(t.name)! / months;
      const winRate = t.expectedWinRate && { ...t.expectedWinRate };
      return { tier: t.name, leadsPerMonth, winRate, winsPerMonth: winRate && leadsPerMonth * winRate.value };
    }),
  };
}
