/**
 * The first row number of a column that holds the row numbers: the whole numbers 0…n−1 or
 * 1…n, each once, in any order (a spreadsheet's or pandas' index, a counter of the rows, a
 * file sorted after it was numbered); undefined otherwise, and for fewer than two values.
 * Such a column counts rows: it never describes a deal.
 *
 * @example
 * import { rowNumbersStart } from "./row-numbers";
 * [rowNumbersStart(["2", "0", "1"]), rowNumbersStart(["1", "2", "3"]), rowNumbersStart(["0", "2"]), rowNumbersStart(["1", "1"])]; // => [0, 1, undefined, undefined]
 */
export function rowNumbersStart(values: readonly (string | null)[]): 0 | 1 | undefined {
  const n = values.length;
  if (n < 2) return undefined;
  const seen = new Uint8Array(n + 1);
  let lowest = Infinity;
  for (const v of values) {
    const t = v?.trim() ?? "";
    if (!/^\d+$/.test(t)) return undefined;
    const k = Number(t);
    if (k > n || seen[k]) return undefined;
    seen[k] = 1;
    lowest = Math.min(lowest, k);
  }
  // n distinct whole numbers within 0…n: they are 0…n−1 or 1…n exactly
  return lowest === 0 && !seen[n] ? 0 : lowest === 1 ? 1 : undefined;
}
