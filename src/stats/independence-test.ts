import { chiSquareTest } from "./chi-square";
import { fisherExact } from "./fisher-exact";
import { permutationChiSquareTest } from "./permutation-test";
import { formatPercent } from "../format/percent";

/**
 * The tests {@link independenceTest} chooses from.
 *
 * @example
 * INDEPENDENCE_METHODS[0]; // => "chi-square"
 */
export const INDEPENDENCE_METHODS = ["chi-square", "fisher-exact", "permutation", "none"] as const;
export type IndependenceMethod = (typeof INDEPENDENCE_METHODS)[number];

/** Options of {@link independenceTest}. */
export interface IndependenceTestOptions {
  /** Seed of the permutation test (default 1). */
  seed?: number;
  /** Permutations of the permutation test (default 9999). */
  permutations?: number;
}

/** The result of {@link independenceTest}. */
export interface IndependenceTestResult {
  method: IndependenceMethod;
  /** Why this method was used, in one sentence. */
  reason: string;
  /** Pearson X² of the table (whatever the method, so attributes can be compared). */
  statistic: number;
  df: number;
  p: number;
  cramersV: number;
  n: number;
  minExpected: number;
  smallExpectedShare: number;
}

/**
 * Tests whether rows and columns of a contingency table are independent (e.g. bins × won/lost),
 * picking the test the data allow (Cochran's rule): the chi-square approximation is trusted when
 * no expected count is below 1 and at most 20 % are below 5. Otherwise a 2×2 table gets
 * Fisher's exact test (two-sided) and a larger table a seeded permutation test of X²
 * (reproducible: same seed, same p). Empty rows and columns are removed first; a table with
 * fewer than two non-empty rows or columns has nothing to test: method `none`, p 1.
 *
 * @example
 * independenceTest([[10, 20], [30, 15]]).method; // => "chi-square"
 * independenceTest([[8, 2], [1, 5]]).method; // => "fisher-exact"
 */
export function independenceTest(table: readonly (readonly number[])[], options: IndependenceTestOptions = {}): IndependenceTestResult {
  const chi = chiSquareTest(table);
  const base = {
    statistic: chi.statistic,
    df: chi.df,
    cramersV: chi.cramersV,
    n: chi.n,
    minExpected: chi.minExpected,
    smallExpectedShare: chi.smallExpectedShare,
  };
  if (chi.df === 0) return { ...base, method: "none", reason: "fewer than two non-empty rows or columns: nothing to test", p: 1 };
  const small = chi.minExpected < 1 || chi.smallExpectedShare > 0.2;
  if (!small) return { ...base, method: "chi-square", reason: "expected counts are large enough for the chi-square approximation", p: chi.p };
  const why = `${formatPercent(chi.smallExpectedShare, 0)} of expected counts are below 5 (smallest ${chi.minExpected.toPrecision(3)})`;
  const t = chi.table;
  if (t.length === 2 && t[0].length === 2 && t.every((row) => row.every(Number.isInteger)))
    return { ...base, method: "fisher-exact", reason: `${why}: exact test on the 2×2 table`, p: fisherExact(t).p };
  const perm = permutationChiSquareTest(t, { seed: options.seed, permutations: options.permutations });
  return { ...base, method: "permutation", reason: `${why}: permutation test, ${perm.permutations} permutations, seed ${perm.seed}`, p: perm.p };
}
