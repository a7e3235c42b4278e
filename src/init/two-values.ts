import type { ColumnFacts } from "./column-facts";

/** At most this many rows (or this share of them, if more) may hold neither of a flag's two values. */
const STRAY_ROWS = 5;
const STRAY_SHARE = 0.001;

/** A column's two most common values (sorted), and the few other values its rows hold (sorted). */
export interface TwoValues {
  two: [string, string];
  others: string[];
}

/**
 * The two values of a flag column, tolerating a few rows with another value (at most 5, or 0.1 %
 * of the rows if more: a `?`, a row of descriptions under the header, a mistyped `05`), as the
 * loader tolerates a few unreadable values; undefined when the column has fewer than two values
 * or more strays than that. Ties in frequency go to the value that sorts first.
 *
 * @example
 * import { columnFacts } from "./column-facts";
 * import { twoValues } from "./two-values";
 * twoValues(columnFacts("Purchased", ["0", "1", "0", "1", "05"])); // => { two: ["0", "1"], others: ["05"] }
 * twoValues(columnFacts("plan", ["a", "b", "c", "d", "e", "f", "g", "h"])); // => undefined
 */
export function twoValues(c: ColumnFacts): TwoValues | undefined {
  if (c.distinct.size < 2) return undefined;
  const counts = new Map<string, number>();
  for (const v of c.values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const byCount = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const stray = c.values.length - byCount[0][1] - byCount[1][1];
  if (stray > Math.max(STRAY_ROWS, STRAY_SHARE * c.values.length)) return undefined;
  const two = [byCount[0][0], byCount[1][0]].sort() as [string, string];
  return { two, others: byCount.slice(2).map(([v]) => v).sort() };
}
