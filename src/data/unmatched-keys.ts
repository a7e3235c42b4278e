import { nearestName } from "../formats/nearest-name";
import { compareText } from "./compare-text";

/** A key of the deals that no row of a lookup table has. */
export interface UnmatchedKey {
  key: string;
  /** The deals that have it. */
  rows: number;
  /** The table's key it may be a misspelling of (see {@link unmatchedKeys}). */
  nearest?: string;
}

/** Tables with more keys than this are not searched for a nearest key (each search compares every key). */
const MAX_SEARCHED = 50_000;

/**
 * The deals' keys (trimmed) that the table's keys do not hold, the most frequent first (then
 * in text order), at most `limit` of them, each with the table's key it may be a misspelling
 * of: the same but for case, spaces, dots, dashes and underscores ("GTXPro" where the lookup table has
 * "GTX Pro"), or, for a key of five characters or more, one edit per four characters away
 * ("technolgy" and "technology"); of equally near keys, the first in text order. Short
 * codes ("A9" beside "A1") are never said to be misspelt.
 *
 * @example
 * import { unmatchedKeys } from "./unmatched-keys";
 * unmatchedKeys(["GTXPro", "GTX Pro", "GTXPro", "Zeta"], new Set(["GTX Pro", "MG Special"]));
 * // => [{ key: "GTXPro", rows: 2, nearest: "GTX Pro" }, { key: "Zeta", rows: 1 }]
 */
export function unmatchedKeys(keys: Iterable<string | null>, tableKeys: ReadonlySet<string>, limit = 5): UnmatchedKey[] {
  const rows = new Map<string, number>();
  for (const k of keys) {
    if (k === null) continue;
    const key = k.trim();
    if (!tableKeys.has(key)) rows.set(key, (rows.get(key) ?? 0) + 1);
  }
  const candidates = tableKeys.size <= MAX_SEARCHED ? [...tableKeys].sort(compareText) : [];
  return [...rows]
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .slice(0, limit)
    .map(([key, n]) => {
      const nearest = misspeltFrom(key, candidates);
      return nearest === undefined ? { key, rows: n } : { key, rows: n, nearest };
    });
}

/**
 * The candidate `key` may be a misspelling of ({@link nearestName}'s, with no edit allowed below
 * five characters and one per four from there), or undefined (see {@link unmatchedKeys}).
 */
const misspeltFrom = (key: string, candidates: readonly string[]) => nearestName(key, candidates, (_, squashed) => (squashed.length < 5 ? 0 : Math.floor(squashed.length / 4)));

/**
 * Unmatched keys as a message lists them: each quoted, with its deals and the table's nearest key.
 *
 * @example
 * import { describeUnmatchedKeys } from "./unmatched-keys";
 * describeUnmatchedKeys([{ key: "GTXPro", rows: 1480, nearest: "GTX Pro" }, { key: "Zeta", rows: 1 }], "products.csv");
 * // => '"GTXPro" (1480 deals; products.csv has "GTX Pro"), "Zeta" (1 deal)'
 */
export function describeUnmatchedKeys(unmatched: readonly UnmatchedKey[], table: string): string {
  return unmatched.map((u) => `${JSON.stringify(u.key)} (${u.rows} deal${u.rows === 1 ? "" : "s"}${u.nearest !== undefined ? `; ${table} has ${JSON.stringify(u.nearest)}` : ""})`).join(", ");
}
