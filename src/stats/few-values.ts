/** The distinct values of an array that holds few, ascending, with how many times each occurs and where. */
export interface FewValues {
  values: Float64Array;
  counts: Float64Array;
  /** Each element's value, by its index in `values`. */
  groupOf: Uint8Array;
}

/** The most distinct values {@link fewValues} groups (a bin's weight of evidence has a handful, a count a few dozen at most). */
export const MAX_FEW_VALUES = 32;

/**
 * The distinct values of `x` ascending, with how many times each occurs and each element's, or
 * undefined when `x` holds more than {@link MAX_FEW_VALUES} of them: a score read from bins, or a
 * count, is ranked from these counts in one pass, where sorting every element costs n log n.
 * Values that compare equal are one (0 and −0 too, as `<` and `===` see them); every NaN is one
 * value, last (where a typed array's sort puts it). O(n × values).
 *
 * @example
 * import { fewValues } from "./few-values";
 * const g = fewValues([0.5, -1, 0.5, 2])!;
 * [[...g.values], [...g.counts], [...g.groupOf]]; // => [[-1, 0.5, 2], [1, 2, 1], [1, 0, 1, 2]]
 * [...fewValues([NaN, 3, NaN])!.values]; // => [3, NaN]
 */
export function fewValues(x: ArrayLike<number>): FewValues | undefined {
  const seen: number[] = [];
  const counts: number[] = [];
  const groupOf = new Uint8Array(x.length);
  let last = 0;
  // Where NaN is (it equals nothing, itself included, so it is found apart).
  let nan = -1;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    let g = last;
    if (seen[g] !== v) {
      g = v === v ? seen.indexOf(v) : nan;
      if (g < 0) {
        if (seen.length === MAX_FEW_VALUES) return undefined;
        g = seen.push(v) - 1;
        counts.push(0);
        if (v !== v) nan = g;
      }
      last = g;
    }
    groupOf[i] = g;
    counts[g]++;
  }
  // The values in ascending order, and each element's renumbered to match.
  const order = seen.map((_, g) => g).sort((a, b) => Number(seen[a] !== seen[a]) - Number(seen[b] !== seen[b]) || seen[a] - seen[b]);
  const rank = new Uint8Array(seen.length);
  order.forEach((g, k) => (rank[g] = k));
  for (let i = 0; i < groupOf.length; i++) groupOf[i] = rank[groupOf[i]];
  return { values: Float64Array.from(order, (g) => seen[g]), counts: Float64Array.from(order, (g) => counts[g]), groupOf };
}
