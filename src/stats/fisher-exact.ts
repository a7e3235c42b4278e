/**
 * Which deviation from independence {@link fisherExact} tests.
 *
 * @example
 * FISHER_ALTERNATIVES.includes("less"); // => true
 */
export const FISHER_ALTERNATIVES = ["two-sided", "less", "greater"] as const;
export type FisherAlternative = (typeof FISHER_ALTERNATIVES)[number];

/** The result of {@link fisherExact}. */
export interface FisherExactResult {
  p: number;
  /** Sample odds ratio a·d / (b·c) (Infinity when b·c = 0 < a·d, NaN when both are 0). */
  oddsRatio: number;
}

/**
 * Fisher's exact test on a 2×2 table [[a, b], [c, d]]: conditional on the margins, a follows a
 * hypergeometric distribution. Two-sided p sums the probabilities of all tables no more likely
 * than the observed one (relative tolerance 1e-7, as scipy.stats.fisher_exact); `less` is
 * P(A ≤ a) and `greater` P(A ≥ a). Probabilities are built by the ratio recurrence from the mode,
 * so they stay accurate for large counts.
 *
 * @example
 * fisherExact([[8, 2], [1, 5]]).p; // => 0.034965… (= 5/143)
 */
export function fisherExact(table: readonly (readonly number[])[], alternative: FisherAlternative = "two-sided"): FisherExactResult {
  if (table.length !== 2 || table[0].length !== 2 || table[1].length !== 2) throw new Error("fisherExact: the table must be 2×2");
  const [[a, b], [c, d]] = table;
  for (const v of [a, b, c, d])
    if (!(v >= 0) || !Number.isInteger(v)) throw new Error(`fisherExact: counts must be integers ≥ 0; got ${v}`);
  if (!FISHER_ALTERNATIVES.includes(alternative))
    throw new Error(`fisherExact: alternative must be one of ${FISHER_ALTERNATIVES.join(", ")}; got ${alternative}`);
  const oddsRatio = b * c === 0 ? (a * d === 0 ? NaN : Infinity) : (a * d) / (b * c);
  const r1 = a + b;
  const c1 = a + c;
  const n = a + b + c + d;
  const lo = Math.max(0, r1 + c1 - n);
  const hi = Math.min(r1, c1);
  if (lo === hi) return { p: 1, oddsRatio };
  const w = hypergeometricWeights(n, c1, r1, lo, hi);
  let total = 0;
  for (const v of w) total += v;
  let s = 0;
  if (alternative === "less") for (let x = lo; x <= a; x++) s += w[x - lo];
  else if (alternative === "greater") for (let x = a; x <= hi; x++) s += w[x - lo];
  else {
    const cut = w[a - lo] * (1 + 1e-7);
    for (const v of w) if (v <= cut) s += v;
  }
  return { p: Math.min(1, s / total), oddsRatio };
}

/**
 * Unnormalised hypergeometric probabilities of x = lo..hi successes in `draws` draws from a
 * population of `population` with `successes` successes, scaled to 1 at the mode.
 */
function hypergeometricWeights(population: number, successes: number, draws: number, lo: number, hi: number): Float64Array {
  const w = new Float64Array(hi - lo + 1);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((draws + 1) * (successes + 1)) / (population + 2))));
  w[mode - lo] = 1;
  // P(x+1)/P(x) = (K − x)(n − x) / ((x + 1)(N − K − n + x + 1))
  for (let x = mode; x < hi; x++)
    w[x + 1 - lo] = (w[x - lo] * (successes - x) * (draws - x)) / ((x + 1) * (population - successes - draws + x + 1));
  for (let x = mode; x > lo; x--)
    w[x - 1 - lo] = (w[x - lo] * x * (population - successes - draws + x)) / ((successes - x + 1) * (draws - x + 1));
  return w;
}
