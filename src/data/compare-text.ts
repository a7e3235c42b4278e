/**
 * Compares two strings by code point: the same order on every machine and locale, which
 * deterministic outputs need (`localeCompare` is not).
 *
 * @example
 * import { compareText } from "./compare-text";
 * ["b", "B", "a"].sort(compareText); // => ["B", "a", "b"]
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
