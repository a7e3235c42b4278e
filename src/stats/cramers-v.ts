import { chiSquareTest } from "./chi-square";
import { crossTabulate, type Level } from "./contingency-table";

/**
 * Cramér's V between two categorical (or binned) vectors: √(X² / (n · (min(r, c) − 1))) of their
 * contingency table, from 0 (independent) to 1 (one determines the other). Used to flag redundant
 * attributes. Pairs with a missing value are left out; levels compare as text. Returns 0 when
 * either vector has a single level among the complete pairs (NaN when there are none).
 * Same as `scipy.stats.contingency.association(t, method="cramer")`.
 *
 * @example
 * cramersV(["a", "a", "b", "b"], ["x", "x", "y", "y"]); // => 1
 * cramersV(["a", "b", "a", "b"], ["x", "x", "y", "y"]); // => 0
 */
export function cramersV(x: ArrayLike<Level>, y: ArrayLike<Level>): number {
  const t = crossTabulate(x, y);
  if (t.rows.length === 0) return NaN;
  return chiSquareTest(t.counts).cramersV;
}
