import type { PersonasResult } from "./personas-result";

/** What personas are ranked by: its name in words, and whether it is an amount of money. */
export interface RankingMeasure {
  name: "retained revenue" | "won revenue" | "retained customers" | "customers";
  money: boolean;
}

/**
 * What a persona's `retainedRevenue` measures, from what the data hold (see
 * `customerRetainedRevenue`): with amounts and retention the amounts of the customers retained
 * at the horizon ("retained revenue"); with amounts only, of every customer ("won revenue");
 * with retention only, the customers retained ("retained customers"); with neither, every
 * customer, so the personas are ranked by size ("customers").
 *
 * @example
 * import { rankingMeasure } from "./ranking-measure";
 * rankingMeasure({ retention: null, medianAmount: 18800 }); // => { name: "won revenue", money: true }
 * rankingMeasure({ retention: null, medianAmount: null }).name; // => "customers"
 */
export function rankingMeasure(base: Pick<PersonasResult["base"], "retention" | "medianAmount">): RankingMeasure {
  const money = base.medianAmount !== null;
  if (base.retention) return { name: money ? "retained revenue" : "retained customers", money };
  return { name: money ? "won revenue" : "customers", money };
}
