import { normalQuantile } from "./normal-distribution";

/** A ratio of two win rates with its confidence interval. */
export interface RatioInterval {
  /** Win rate of group A ÷ win rate of group B (NaN when a group is empty). */
  ratio: number;
  lo: number;
  hi: number;
}

/**
 * Checks the wins and size of one group (internal to this folder).
 *
 * @example
 * import { checkCounts } from "./risk-ratio";
 * checkCounts("riskRatio", 3, 10, "group A"); // returns without error
 */
export function checkCounts(fn: string, wins: number, n: number, what: string): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`${fn}: ${what} size must be an integer ≥ 0; got ${n}`);
  if (!(Number.isInteger(wins) && wins >= 0 && wins <= n)) throw new Error(`${fn}: ${what} wins must be an integer in [0, ${n}]; got ${wins}`);
}

/**
 * The lift of group A over group B: the ratio of their win rates (a risk ratio), with the
 * log-normal interval of Katz et al. (1978): log RR ± z·√(1/a − 1/n_A + 1/c − 1/n_B), a and c the
 * wins of the groups. When either group has no wins, ½ is added to each of the four cells (wins
 * and losses of both groups) for the ratio and its interval, so both stay finite. With an empty
 * group the ratio is NaN and the interval [0, ∞). Same as statsmodels'
 * `Table2x2([[a, n_A − a], [c, n_B − c]]).riskratio_confint()`.
 *
 * @param winsA wins in group A (e.g. deals where the criterion is met)
 * @param nA deals in group A
 * @param winsB wins in group B (e.g. deals where it is not)
 * @param nB deals in group B
 * @param confidence two-sided level, default 0.95
 * @example
 * import { riskRatio } from "leadlab";
 * const r = riskRatio(30, 50, 20, 50);
 * r.ratio; // => 1.5
 * [r.lo.toFixed(4), r.hi.toFixed(4)]; // => ["0.9975", "2.2557"]
 */
export function riskRatio(winsA: number, nA: number, winsB: number, nB: number, confidence = 0.95): RatioInterval {
  checkCounts("riskRatio", winsA, nA, "group A");
  checkCounts("riskRatio", winsB, nB, "group B");
  if (!(confidence > 0 && confidence < 1)) throw new Error(`riskRatio: confidence must be in (0, 1); got ${confidence}`);
  if (nA === 0 || nB === 0) return { ratio: NaN, lo: 0, hi: Infinity };
  let [a, na, c, nb] = [winsA, nA, winsB, nB];
  if (a === 0 || c === 0) [a, na, c, nb] = [a + 0.5, na + 1, c + 0.5, nb + 1];
  const ratio = (a * nb) / (c * na);
  const se = Math.sqrt(1 / a - 1 / na + 1 / c - 1 / nb);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { ratio, lo: ratio * Math.exp(-z * se), hi: ratio * Math.exp(z * se) };
}
