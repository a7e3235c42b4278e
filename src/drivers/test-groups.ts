import type { AttributeMeta, Column } from "../data/deal-table";
import { gatherNumbers, knownSorted } from "../data/typed-column";
import { quantilePreBins } from "../stats/binning/pre-bins";

/** Groups per numeric attribute in the independence test. */
export const TEST_QUANTILE_GROUPS = 10;
/** Groups with fewer deals than this are pooled with a neighbour (numbers) or with the rest (categories). */
export const TEST_MIN_GROUP = 20;

/** A numeric column's values at the rows (`gatherNumbers`) and their known values sorted (`knownSorted`), when the caller has them. */
export interface GatheredNumbers {
  values: Float64Array;
  sorted: Float64Array;
}

/**
 * Groups rows for the test of independence **without looking at the outcome**: numbers in up
 * to 10 equal-count groups of distinct values (a group under 20 deals joins its lower
 * neighbour), categories with at least 20 deals as themselves (the rest pooled), booleans and
 * indicators as themselves, and missing as its own group.
 * The supervised bins maximise information value, so a test on them would be biased toward
 * significance; a grouping fixed before seeing the outcome keeps the p-value honest.
 * Returns a group code per row (0-based) and the number of groups. `numbers`: a numeric
 * column's values at `rows` and their sort, when the caller has them already.
 *
 * @example
 * import { testGroups } from "./test-groups";
 * const meta = { name: "x", type: "boolean", role: "qualification", source: "spec", table: "deals" } as const;
 * Array.from(testGroups([true, null, false], meta, Int32Array.from([0, 1, 2])).codes); // => [1, 3, 0] (false 0, true 1, the pooled rest 2, missing 3)
 */
export function testGroups(column: Column, meta: AttributeMeta, rows: Int32Array, indicator?: string, numbers?: GatheredNumbers): { codes: Int32Array; groups: number } {
  const codes = new Int32Array(rows.length);
  if (indicator !== undefined) {
    const c = column as (string[] | null)[];
    rows.forEach((r, i) => (codes[i] = c[r] === null ? 2 : c[r]!.includes(indicator) ? 0 : 1));
    return { codes, groups: 3 };
  }
  if (column instanceof Float64Array) {
    const picked = numbers?.values ?? gatherNumbers(column, rows);
    const values = numbers?.sorted ?? knownSorted(picked);
    const distinct: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (distinct.length && distinct[distinct.length - 1] === x) counts[counts.length - 1]++;
      else distinct.push(x), counts.push(1);
    }
    const ends: number[] = [];
    let size = 0, prev = -1;
    for (const j of distinct.length ? quantilePreBins(counts, TEST_QUANTILE_GROUPS) : []) {
      for (let k = prev + 1; k <= j; k++) size += counts[k];
      prev = j;
      if (size >= TEST_MIN_GROUP || ends.length === 0) ends.push(distinct[j]), (size = 0);
      else ends[ends.length - 1] = distinct[j], (size = 0);
    }
    for (let i = 0; i < picked.length; i++) {
      const x = picked[i];
      if (Number.isNaN(x)) codes[i] = ends.length;
      else {
        let g = 0;
        while (x > ends[g]) g++;
        codes[i] = g;
      }
    }
    return { codes, groups: ends.length + 1 };
  }
  // one pass: each row's level as a provisional id (missing -1), and the deals per level
  const c = column as (string | boolean | null)[];
  const ids = new Map<string, number>();
  const counts: number[] = [];
  const provisional = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    const v = c[r];
    if (v === null) {
      provisional[i] = -1;
      return;
    }
    const key = typeof v === "string" ? v : String(v);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = counts.push(0) - 1));
    counts[id]++;
    provisional[i] = id;
  });
  const threshold = meta.type === "boolean" ? 1 : TEST_MIN_GROUP;
  const levels = [...ids].filter(([, id]) => counts[id] >= threshold).map(([v]) => v).sort();
  const index = new Map(levels.map((v, i) => [v, i]));
  const codeOf = Int32Array.from([...ids.keys()], (v) => index.get(v) ?? levels.length);
  provisional.forEach((id, i) => (codes[i] = id < 0 ? levels.length + 1 : codeOf[id]));
  return { codes, groups: levels.length + 2 };
}
