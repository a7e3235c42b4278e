/** Ranks of values (1-based, ties get the mean of their ranks) and the tie term Σ(t³ − t) over tie groups. */
export interface MidRanks {
  ranks: Float64Array;
  /** Σ (t³ − t) over groups of t tied values: the tie correction of rank tests. */
  ties: number;
}

/**
 * Ranks values from 1 (the smallest) to n; tied values share the mean of the ranks they span
 * (mid-ranks, as `scipy.stats.rankdata(method="average")`).
 *
 * @example
 * import { midRanks } from "./mid-ranks";
 * Array.from(midRanks([10, 30, 20, 20]).ranks); // => [1, 4, 2.5, 2.5]
 * midRanks([10, 30, 20, 20]).ties; // => 6
 */
export function midRanks(values: ArrayLike<number>): MidRanks {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let ties = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const t = j - i + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2 + 1;
    ties += t * t * t - t;
    i = j + 1;
  }
  return { ranks, ties };
}
