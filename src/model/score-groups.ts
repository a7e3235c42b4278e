import { fewValues, type FewValues } from "../stats/few-values";
import type { NumericArray } from "./input-checks";

/** The distinct values of a score with few of them, ascending, and the wins and losses at each. */
export interface ScoreGroups extends Omit<FewValues, "counts"> {
  wins: Float64Array;
  losses: Float64Array;
}

/**
 * The score's distinct values with the wins and losses at each ({@link fewValues}), or undefined
 * when it has more than `MAX_FEW_VALUES`: a score read from bins (each row its bin's weight of
 * evidence) takes a handful of values, and ranking them by their counts spares sorting every row.
 *
 * @example
 * import { scoreGroups } from "./score-groups";
 * const g = scoreGroups([0.5, -1, 0.5, 2], Uint8Array.from([1, 0, 0, 1]))!;
 * [[...g.values], [...g.wins], [...g.losses], [...g.groupOf]]; // => [[-1, 0.5, 2], [0, 1, 1], [1, 1, 0], [1, 0, 1, 2]]
 */
export function scoreGroups(scores: NumericArray, y: ArrayLike<number>): ScoreGroups | undefined {
  const few = fewValues(scores);
  if (!few) return undefined;
  const wins = new Float64Array(few.values.length);
  for (let i = 0; i < y.length; i++) if (y[i] === 1) wins[few.groupOf[i]]++;
  const losses = few.counts.map((c, g) => c - wins[g]);
  return { values: few.values, wins, losses, groupOf: few.groupOf };
}
