/**
 * The k-th smallest of `x[from … to − 1]` (k counted from 0 in the whole array, from ≤ k < to),
 * found by selection (Hoare's FIND with a median-of-three pivot, as Numerical Recipes' `select`):
 * O(to − from) on average, where sorting is O(n log n). `x` is reordered in place within the range
 * so that `x[k]` holds the answer, every element before it in the range is ≤ it and every element
 * after it is ≥ it (so a second selection may search one side only). Values must not be NaN.
 * Written here because what a median's interval reads is three order statistics, not a sort.
 *
 * @example
 * import { selectKth } from "./select-kth";
 * const x = Float64Array.from([9, 1, 8, 2, 7, 3]);
 * [selectKth(x, 0), selectKth(x, 2), selectKth(x, 5)]; // => [1, 3, 9]
 */
export function selectKth(x: Float64Array, k: number, from = 0, to = x.length): number {
  if (!(Number.isInteger(k) && from <= k && k < to && from >= 0 && to <= x.length)) throw new Error(`selectKth: k must be in [${from}, ${to}); got ${k}`);
  const swap = (a: number, b: number) => {
    const t = x[a];
    x[a] = x[b];
    x[b] = t;
  };
  let l = from;
  let r = to - 1;
  for (;;) {
    if (r <= l + 1) {
      if (r === l + 1 && x[r] < x[l]) swap(l, r);
      return x[k];
    }
    // The median of x[l], x[mid], x[r] as the pivot, at l + 1, with x[l] ≤ pivot ≤ x[r] as sentinels.
    swap((l + r) >>> 1, l + 1);
    if (x[l] > x[r]) swap(l, r);
    if (x[l + 1] > x[r]) swap(l + 1, r);
    if (x[l] > x[l + 1]) swap(l, l + 1);
    const pivot = x[l + 1];
    let i = l + 1;
    let j = r;
    for (;;) {
      do i++;
      while (x[i] < pivot);
      do j--;
      while (x[j] > pivot);
      if (j < i) break;
      swap(i, j);
    }
    x[l + 1] = x[j];
    x[j] = pivot;
    // The pivot is in its place j: the k-th is on one side of it, or is it.
    if (j >= k) r = j - 1;
    if (j <= k) l = i;
  }
}
