import type { ColumnFacts } from "./column-facts";
import { unmatchedKeys, type UnmatchedKey } from "../data/unmatched-keys";

/** A many-to-one lookup found by value overlap: which deals column matches which unique column. */
export interface JoinChoice {
  dealsColumn: string;
  tableColumn: string;
  /** Deals rows with a value in `dealsColumn`, and how many of those find a row. */
  withKey: number;
  matched: number;
  /** The deals' values the table has no row for, the most frequent three, each with the key it may be a misspelling of. */
  unmatched: UnmatchedKey[];
}

const ID_NAME = /(^|[^a-z])(id|key|code|number|no)$|[a-z]Id$/i;

/**
 * A name reduced to what it names: lower-case letters and digits, without a trailing id or key
 * word and a plural's ending ("Associated Company ID" → "associatedcompany", "companies.csv" →
 * "company", "Record ID" → "record").
 */
function stem(name: string): string {
  return name
    .replace(/\.[a-z0-9]+$/i, "")
    .replace(/^(id|key)$|[\s_\-.#]+(id|key|code|number|no)$/i, "")
    .replace(/(?<=[a-z])(Id|ID|Key|No)$/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(/ies$/, "y")
    .replace(/s$/, "");
}

/** Whether a deals column's name holds a stem of three characters or more ("kidhome" does not hold "id"). */
const names = (column: string, named: string) => {
  const s = stem(named);
  return s.length >= 3 && stem(column).includes(s);
};

/**
 * The best key between the deals (their columns after earlier joins) and a lookup table: a
 * column of the table with one row per value, and the deals column whose values it matches
 * most often (at least half of them). Dates and booleans are never keys,
 * nor numbers unless one side has an id-like name; numbers on both sides only when the deals
 * column's name holds the key's or the table's (`primary_product_id` joins `product_id`, and
 * `Associated Company ID` the `Record ID` of companies.csv, but not the `order_item_id` 1 to 4
 * that happen to equal its product numbers); of equal matches, id-like names win.
 *
 * @example
 * import { columnFacts } from "./column-facts";
 * import { findJoin } from "./find-join";
 * const deals = [columnFacts("AccountId", ["A1", "A2", "A1"])];
 * findJoin(deals, [columnFacts("Id", ["A1", "A2", "A3"])])!.matched; // => 3
 */
export function findJoin(dealsColumns: readonly ColumnFacts[], table: readonly ColumnFacts[], minRate = 0.5, tableName = ""): JoinChoice | undefined {
  let best: (Omit<JoinChoice, "unmatched"> & { score: number; d: ColumnFacts; key: ColumnFacts }) | undefined;
  const keyable = (c: ColumnFacts) => !c.dateFormat && !c.boolean && c.distinct.size >= 2;
  for (const key of table.filter((c) => c.unique && keyable(c))) {
    for (const d of dealsColumns.filter(keyable)) {
      if (d.numeric !== key.numeric && !ID_NAME.test(d.name)) continue;
      if (d.numeric && key.numeric && !ID_NAME.test(d.name) && !ID_NAME.test(key.name)) continue; // amounts that happen to equal headcounts
      if (d.numeric && key.numeric && !names(d.name, key.name) && !names(d.name, tableName)) continue; // row numbers that happen to overlap
      let matched = 0;
      for (const v of d.values) if (key.distinct.has(v)) matched++;
      const rate = matched / d.values.length;
      if (rate < minRate) continue;
      const score = rate + (ID_NAME.test(d.name) ? 0.01 : 0) + (ID_NAME.test(key.name) ? 0.01 : 0) + (d.name === key.name ? 0.02 : 0);
      if (!best || score > best.score) best = { dealsColumn: d.name, tableColumn: key.name, withKey: d.values.length, matched, score, d, key };
    }
  }
  if (!best) return undefined;
  const { score: _, d, key, ...choice } = best;
  return { ...choice, unmatched: choice.matched < choice.withKey ? unmatchedKeys(d.values, key.distinct, 3) : [] };
}
