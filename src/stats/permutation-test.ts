import { gammaln } from "simple-statistics";
import { chiSquareTest } from "./chi-square";
import { seededRandom } from "./random";

/** Options of {@link permutationChiSquareTest}. */
export interface PermutationTestOptions {
  /** Seed of the random number generator (default 1): the same seed gives the same p. */
  seed?: number;
  /** Number of permutations m (default 9999). */
  permutations?: number;
}

/** The result of {@link permutationChiSquareTest}. */
export interface PermutationTestResult {
  /** Observed Pearson X². */
  statistic: number;
  df: number;
  /** (b + 1) / (m + 1), b the number of permutations with X² ≥ the observed one. */
  p: number;
  permutations: number;
  exceedances: number;
  seed: number;
}

/**
 * Permutation test of independence with Pearson's X² as statistic: the column labels (e.g.
 * won/lost) are permuted at random across the rows, X² is recomputed m times, and
 * p = (b + 1) / (m + 1), where b counts permuted X² ≥ the observed X² (with a relative
 * tolerance of 1e-9 for ties). The +1s count the observed labelling as one of the
 * permutations, so p is never 0 and the test is valid at any m.
 *
 * A random permutation of the labels gives a random table with the observed margins, whose
 * distribution is the multivariate hypergeometric; the tables are drawn directly from it
 * (each cell a hypergeometric draw given the rest, sampled by inversion from the mode), which
 * costs O(r·c·√n) per permutation instead of O(n). Use it when expected counts are too small
 * for the chi-square approximation. Empty rows and columns are removed first.
 *
 * @param table counts, `table[i][j]`
 * @example
 * permutationChiSquareTest([[3, 0], [1, 4], [0, 3]], { seed: 1, permutations: 999 }).p; // => 0.066
 */
export function permutationChiSquareTest(table: readonly (readonly number[])[], options: PermutationTestOptions = {}): PermutationTestResult {
  const seed = options.seed ?? 1;
  const m = options.permutations ?? 9999;
  if (!Number.isInteger(m) || m < 1) throw new Error(`permutationChiSquareTest: permutations must be an integer ≥ 1; got ${m}`);
  const obs = chiSquareTest(table);
  for (const row of obs.table)
    for (const v of row) if (!Number.isInteger(v)) throw new Error(`permutationChiSquareTest: counts must be integers; got ${v}`);
  if (obs.df === 0) return { statistic: 0, df: 0, p: 1, permutations: m, exceedances: m, seed };
  const t = obs.table;
  const r = t.length;
  const c = t[0].length;
  const rowSum = t.map((row) => row.reduce((s, v) => s + v, 0));
  const colSum = new Array<number>(c).fill(0);
  for (const row of t) for (let j = 0; j < c; j++) colSum[j] += row[j];
  const n = obs.n;
  const invE = new Float64Array(r * c);
  const E = new Float64Array(r * c);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < c; j++) {
      E[i * c + j] = (rowSum[i] * colSum[j]) / n;
      invE[i * c + j] = 1 / E[i * c + j];
    }
  const threshold = obs.statistic * (1 - 1e-9) - 1e-12;
  const rand = seededRandom(seed);
  const remaining = new Float64Array(c);
  let b = 0;
  for (let k = 0; k < m; k++) {
    for (let j = 0; j < c; j++) remaining[j] = colSum[j];
    let left = n;
    let stat = 0;
    for (let i = 0; i < r; i++) {
      let draws = rowSum[i];
      let pop = left;
      for (let j = 0; j < c; j++) {
        let x: number;
        if (i === r - 1) x = remaining[j];
        else if (j === c - 1) x = draws;
        else x = sampleHypergeometric(pop, remaining[j], draws, rand);
        pop -= remaining[j];
        draws -= x;
        remaining[j] -= x;
        const d = x - E[i * c + j];
        stat += d * d * invE[i * c + j];
      }
      left -= rowSum[i];
    }
    if (stat >= threshold) b++;
  }
  return { statistic: obs.statistic, df: obs.df, p: (b + 1) / (m + 1), permutations: m, exceedances: b, seed };
}

/**
 * One draw of the number of successes in `draws` draws without replacement from a population
 * of `population` items of which `successes` are successes: inversion by a chop-down search
 * that starts at the mode and alternates outwards (expected cost about one standard deviation).
 *
 * @example
 * sampleHypergeometric(10, 10, 4, Math.random); // => 4
 */
export function sampleHypergeometric(population: number, successes: number, draws: number, rand: () => number): number {
  const lo = Math.max(0, draws - (population - successes));
  const hi = Math.min(draws, successes);
  if (lo >= hi) return lo;
  const fails = population - successes;
  const mode = Math.min(hi, Math.max(lo, Math.floor(((draws + 1) * (successes + 1)) / (population + 2))));
  const pMode = Math.exp(
    logChoose(successes, mode) + logChoose(fails, draws - mode) - logChoose(population, draws),
  );
  let u = rand() - pMode;
  if (u < 0) return mode;
  let xu = mode;
  let pu = pMode;
  let xd = mode;
  let pd = pMode;
  for (;;) {
    let moved = false;
    if (xu < hi) {
      pu *= ((successes - xu) * (draws - xu)) / ((xu + 1) * (fails - draws + xu + 1));
      xu++;
      u -= pu;
      if (u < 0) return xu;
      moved = true;
    }
    if (xd > lo) {
      pd *= (xd * (fails - draws + xd)) / ((successes - xd + 1) * (draws - xd + 1));
      xd--;
      u -= pd;
      if (u < 0) return xd;
      moved = true;
    }
    if (!moved) return mode; // rounding left a tiny remainder; the mode is the safest answer
  }
}

function logChoose(n: number, k: number): number {
  if (k === 0 || k === n) return 0;
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}
