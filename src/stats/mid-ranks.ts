import { fewValues } from "./few-values";

/** Ranks of values (1-based, ties get the mean of their ranks) and the tie term Σ(t³ − t) over tie groups. */
export interface MidRanks {
  ranks: Float64Array;
  /** Σ (t³ − t) over groups of t tied values: the tie correction of rank tests. */
  ties: number;
}

const NAN_RANK = "midRanks: a value is NaN, which has no rank; leave such values out first";

/**
 * Ranks values from 1 (the smallest) to n; tied values share the mean of the ranks they span
 * (mid-ranks, as `scipy.stats.rankdata(method="average")`). Values of a few distinct kinds (a
 * count, a bin) are ranked from how many there are of each ({@link fewValues}); others are sorted
 * as a typed array (natively, with no comparison callback) and each value's tie group found by
 * binary search: the values below it and those not above it. NaN has no rank and is an error.
 *
 * @example
 * import { midRanks } from "./mid-ranks";
 * Array.from(midRanks([10, 30, 20, 20]).ranks); // => [1, 4, 2.5, 2.5]
 * midRanks([10, 30, 20, 20]).ties; // => 6
 */
export function midRanks(values: ArrayLike<number>): MidRanks {
  const n = values.length;
  const few = fewValues(values);
  if (few) {
    if (few.values.some(Number.isNaN)) throw new Error(NAN_RANK);
    // Each value's rank: the values below it, plus the mean of the places its ties span.
    const rankOf = new Float64Array(few.values.length);
    let below = 0;
    let ties = 0;
    for (let g = 0; g < rankOf.length; g++) {
      const t = few.counts[g];
      rankOf[g] = (below + 1 + below + t) / 2;
      ties += t * t * t - t;
      below += t;
    }
    const ranks = new Float64Array(n);
    for (let i = 0; i < n; i++) ranks[i] = rankOf[few.groupOf[i]];
    return { ranks, ties };
  }
  const sorted = Float64Array.from(values).sort();
  if (n > 0 && Number.isNaN(sorted[n - 1])) throw new Error(NAN_RANK);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // below: how many values are < v; upTo: how many are ≤ v (−0 and 0 are equal, as ===).
    let below = 0;
    let hi = n;
    while (below < hi) {
      const m = (below + hi) >>> 1;
      if (sorted[m] < v) below = m + 1;
      else hi = m;
    }
    let upTo = below;
    hi = n;
    while (upTo < hi) {
      const m = (upTo + hi) >>> 1;
      if (sorted[m] <= v) upTo = m + 1;
      else hi = m;
    }
    ranks[i] = (below + 1 + upTo) / 2;
  }
  let ties = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    ties += t * t * t - t;
    i = j;
  }
  return { ranks, ties };
}
