import type { NumericArray } from "./input-checks";

/**
 * The scores of the wins and of the losses, each sorted ascending (a copy; the input is not
 * changed). Shared by AUC and KS, which both compare the two distributions.
 *
 * @example
 * import { splitSorted } from "./split-sorted";
 * splitSorted([3, 1, 2], Uint8Array.from([1, 0, 1])); // => { pos: Float64Array [2, 3], neg: Float64Array [1] }
 */
export function splitSorted(scores: NumericArray, y: ArrayLike<number>): { pos: Float64Array; neg: Float64Array } {
  let n1 = 0;
  for (let i = 0; i < y.length; i++) n1 += y[i];
  const pos = new Float64Array(n1);
  const neg = new Float64Array(y.length - n1);
  let a = 0;
  let b = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  pos.sort();
  neg.sort();
  return { pos, neg };
}
