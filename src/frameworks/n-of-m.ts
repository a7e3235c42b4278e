import { wilsonInterval, type WilsonInterval } from "../stats/wilson";
import { formatPercent } from "../format/percent";

/** One N-of-M rule: a deal is qualified when at least `atLeast` of the `of` criteria are met. */
export interface NOfMRule {
  atLeast: number;
  of: number;
  /** Deals qualified by the rule. */
  passed: number;
  /** Wins among them. */
  wins: number;
  /** Win rate of the qualified deals (precision), with its interval. */
  precision: WilsonInterval;
  /** Share of all wins the rule keeps (recall), with its interval. */
  recall: WilsonInterval;
  /** Share of all deals the rule passes, with its interval. */
  sharePassed: WilsonInterval;
  /** precision ÷ the base win rate (NaN when nothing passes). */
  lift: number;
  /** Harmonic mean of precision and recall (0 when nothing passes). */
  f1: number;
}

/** Every N-of-M rule of one framework and the best of them. */
export interface NOfMRules {
  /** Deals and wins the rules were evaluated on. */
  n: number;
  wins: number;
  baseRate: WilsonInterval;
  /** Rules for N = 1…M, in order. */
  rules: NOfMRule[];
  /** The best N (see {@link nOfMRules}), or null when there are no wins or no criteria. */
  best: number | null;
  /** The rule that chose `best`, in words. */
  bestRule: string;
}

/** Options of {@link nOfMRules}. */
export interface NOfMOptions {
  /** The best rule must keep at least this share of the wins. Default 0.5. */
  minRecall?: number;
  /** Two-sided level of the intervals. Default 0.95. */
  confidence?: number;
}

/**
 * Evaluates the rules "qualified when at least N of the M criteria are met", for N = 1…M, from
 * the count of criteria met per deal: precision (win rate of qualified deals), recall (share of
 * wins kept) and share of deals passed, each with a Wilson interval, lift over the base rate
 * and F1.
 *
 * **The best N** is the rule with the highest precision among those that keep at least
 * `minRecall` of the wins (default half); ties go to the smaller N, which keeps more deals.
 * When no rule keeps that many wins, N = 1. (F1 is reported but not used: with win rates near
 * one half it is highest for "pass everyone", which qualifies nothing.)
 *
 * @param counts criteria met per deal (0…M), for the deals evaluated
 * @param won 1 = won, 0 = lost, for the same deals
 * @param m the number of criteria (M)
 * @example
 * import { nOfMRules } from "./n-of-m";
 * const r = nOfMRules([2, 2, 1, 0, 2, 1], Uint8Array.from([1, 1, 0, 0, 0, 1]), 2);
 * r.rules.map((x) => [x.atLeast, x.passed, x.wins]); // => [[1, 5, 3], [2, 3, 2]]
 * r.best; // => 2 (precision 2/3 and recall 2/3 ≥ 0.5)
 */
export function nOfMRules(counts: ArrayLike<number>, won: ArrayLike<number>, m: number, options: NOfMOptions = {}): NOfMRules {
  const { minRecall = 0.5, confidence = 0.95 } = options;
  if (!(Number.isInteger(m) && m >= 0)) throw new Error(`nOfMRules: m must be an integer ≥ 0; got ${m}`);
  if (counts.length !== won.length) throw new Error(`nOfMRules: counts has ${counts.length} values but won has ${won.length}`);
  if (!(minRecall >= 0 && minRecall <= 1)) throw new Error(`nOfMRules: minRecall must be in [0, 1]; got ${minRecall}`);
  const n = counts.length;
  // passedAt[k] / winsAt[k]: deals (wins) with exactly k criteria met.
  const at = new Float64Array(m + 1);
  const winsAt = new Float64Array(m + 1);
  let wins = 0;
  for (let i = 0; i < n; i++) {
    const c = counts[i];
    if (!(Number.isInteger(c) && c >= 0 && c <= m)) throw new Error(`nOfMRules: counts[${i}] is ${c}; counts must be integers in [0, ${m}]`);
    if (won[i] !== 0 && won[i] !== 1) throw new Error(`nOfMRules: won[${i}] is ${won[i]}; the outcome must be 0 or 1`);
    at[c]++;
    winsAt[c] += won[i];
    wins += won[i];
  }
  const baseRate = wilsonInterval(wins, n, confidence);
  const rules: NOfMRule[] = [];
  let passed = 0;
  let passedWins = 0;
  for (let k = m; k >= 1; k--) {
    passed += at[k];
    passedWins += winsAt[k];
    const precision = wilsonInterval(passedWins, passed, confidence);
    const recall = wilsonInterval(passedWins, wins, confidence);
    const f1 = passedWins === 0 ? 0 : (2 * passedWins) / (passed + wins);
    rules.push(
      Object.freeze({
        atLeast: k,
        of: m,
        passed,
        wins: passedWins,
        precision,
        recall,
        sharePassed: wilsonInterval(passed, n, confidence),
        lift: passed === 0 ? NaN : precision.rate / baseRate.rate,
        f1,
      }),
    );
  }
  rules.reverse();
  let best: number | null = null;
  if (wins > 0 && m > 0) {
    best = 1;
    let bestPrecision = -1;
    for (const r of rules) {
      if (r.passed > 0 && r.recall.rate >= minRecall && r.precision.rate > bestPrecision) {
        best = r.atLeast;
        bestPrecision = r.precision.rate;
      }
    }
  }
  return {
    n,
    wins,
    baseRate,
    rules,
    best,
    bestRule: `the highest win rate among the rules that keep at least ${formatPercent(minRecall, 0)} of the wins`,
  };
}
