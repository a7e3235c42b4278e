import type { NumericArray } from "./input-checks";

/** The distinct values of a score with few of them, ascending, and the wins and losses at each. */
export interface ScoreGroups {
  values: Float64Array;
  wins: Float64Array;
  losses: Float64Array;
  /** Each row's group, by its index in `values`. */
  groupOf: Uint8Array;
}

/** The most distinct values {@link scoreGroups} groups (a bin's weight of evidence has a few). */
export const MAX_SCORE_GROUPS = 32;

/**
 * The score's distinct values with the wins and losses at each, or undefined when it has more
 * than {@link MAX_SCORE_GROUPS}: a score read from bins (each row its bin's weight of evidence)
 * takes a handful of values, and ranking them by their counts spares sorting every row. Values
 * that compare equal are one group (0 and −0 too, as `<` and `===` see them). O(n × groups).
 *
 * @example
 * import { scoreGroups } from "./score-groups";
 * const g = scoreGroups([0.5, -1, 0.5, 2], Uint8Array.from([1, 0, 0, 1]))!;
 * [[...g.values], [...g.wins], [...g.losses], [...g.groupOf]]; // => [[-1, 0.5, 2], [0, 1, 1], [1, 1, 0], [1, 0, 1, 2]]
 */
export function scoreGroups(scores: NumericArray, y: ArrayLike<number>): ScoreGroups | undefined {
  const seen: number[] = [];
  const wins: number[] = [];
  const losses: number[] = [];
  const first = new Uint8Array(scores.length);
  let last = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    let g = last;
    if (seen[g] !== s) {
      g = seen.indexOf(s);
      if (g < 0) {
        if (seen.length === MAX_SCORE_GROUPS) return undefined;
        g = seen.push(s) - 1;
        wins.push(0);
        losses.push(0);
      }
      last = g;
    }
    first[i] = g;
    if (y[i] === 1) wins[g]++;
    else losses[g]++;
  }
  // The groups in ascending order of value, and each row's group renumbered to match.
  const order = seen.map((_, g) => g).sort((a, b) => seen[a] - seen[b]);
  const rank = new Uint8Array(seen.length);
  order.forEach((g, k) => (rank[g] = k));
  for (let i = 0; i < first.length; i++) first[i] = rank[first[i]];
  return {
    values: Float64Array.from(order, (g) => seen[g]),
    wins: Float64Array.from(order, (g) => wins[g]),
    losses: Float64Array.from(order, (g) => losses[g]),
    groupOf: first,
  };
}
