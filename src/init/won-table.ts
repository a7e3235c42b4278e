import type { ColumnFacts } from "./column-facts";

/** A table as the drafting heuristics see it: its file, rows and column facts. */
export interface TableFacts {
  file: string;
  sheet?: string;
  rows: number;
  columns: ColumnFacts[];
}

/** Leads in one table and the won ones in another, keyed by one column. */
export interface WonTable<T extends TableFacts> {
  leads: T;
  won: T;
  /** The key column, named alike in both tables, unique in the leads. */
  key: string;
  /** Keys of the won table found among the leads. */
  matched: number;
  /** Distinct keys of the won table. */
  wonKeys: number;
}

/** A name that says a table holds won deals, customers or sales. */
const WON_NAME = /won|closed|deal|opportunit|customer|convert|sale|order|signed/i;

/**
 * Leads in one table and the deals that were won in another (Olist's marketing-qualified leads
 * and closed deals; a CRM's leads and opportunities won): a table with a unique key, and a
 * smaller table, named or with columns named for won deals, whose values of the same key are
 * nearly all (≥ 90 %) among the leads. Such a pair says each lead's outcome by whether its key
 * is in the won table. Both must be files DuckDB reads in a query (not Excel sheets).
 *
 * @example
 * import { columnFacts } from "./column-facts";
 * import { findWonTable } from "./won-table";
 * const leads = { file: "leads.csv", rows: 4, columns: [columnFacts("lead_id", ["a", "b", "c", "d"]), columnFacts("origin", ["ads", "ads", "seo", "seo"])] };
 * const won = { file: "closed_deals.csv", rows: 2, columns: [columnFacts("lead_id", ["a", "c"]), columnFacts("won_date", ["2026-01-02", "2026-02-03"])] };
 * findWonTable([leads, won])?.key; // => "lead_id"
 */
export function findWonTable<T extends TableFacts>(tables: readonly T[]): WonTable<T> | undefined {
  const found: WonTable<T>[] = [];
  for (const leads of tables) {
    if (leads.sheet !== undefined || /\.xlsx$/i.test(leads.file)) continue;
    for (const won of tables) {
      if (won === leads || won.sheet !== undefined || /\.xlsx$/i.test(won.file)) continue;
      if (!WON_NAME.test(won.file) && !won.columns.some((c) => WON_NAME.test(c.name))) continue;
      for (const key of leads.columns.filter((c) => c.unique && !c.numeric && !c.dateFormat)) {
        const theirs = won.columns.find((c) => c.name === key.name);
        if (!theirs || theirs.distinct.size < 2 || theirs.distinct.size >= leads.rows) continue;
        let matched = 0;
        for (const v of theirs.distinct) if (key.distinct.has(v)) matched++;
        if (matched >= 0.9 * theirs.distinct.size) found.push({ leads, won, key: key.name, matched, wonKeys: theirs.distinct.size });
      }
    }
  }
  return found.sort((a, b) => b.matched - a.matched || a.leads.file.localeCompare(b.leads.file))[0];
}
