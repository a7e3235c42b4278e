/**
 * Quantile pre-bins over sorted distinct values: boundaries are placed at the row quantiles
 * 1/m, 2/m, … (m = maxPreBins) but only between distinct values, so tied values always stay in
 * the same pre-bin. With at most m distinct values every distinct value is its own pre-bin.
 * Heavy ties (e.g. 40 % zeros) simply give a larger pre-bin and fewer pre-bins in all.
 *
 * @param counts rows per distinct value, in ascending order of the values
 * @param maxPreBins m, the most pre-bins wanted
 * @returns for each pre-bin, the index of its last distinct value (ascending; the last is counts.length − 1)
 * @example
 * quantilePreBins([1, 1, 1, 1, 1, 1, 1, 1], 4); // => [1, 3, 5, 7]
 * quantilePreBins([5, 1, 1, 1], 2); // => [0, 3]
 */
export function quantilePreBins(counts: ArrayLike<number>, maxPreBins: number): number[] {
  const k = counts.length;
  if (k === 0) return [];
  if (k <= maxPreBins) return Array.from({ length: k }, (_, i) => i);
  let total = 0;
  for (let i = 0; i < k; i++) total += counts[i];
  const ends: number[] = [];
  let cum = 0;
  let q = 1;
  for (let i = 0; i < k - 1 && q < maxPreBins; i++) {
    cum += counts[i];
    if (cum >= (q * total) / maxPreBins - 1e-9) {
      ends.push(i);
      while (q < maxPreBins && cum >= (q * total) / maxPreBins - 1e-9) q++;
    }
  }
  ends.push(k - 1);
  return ends;
}
