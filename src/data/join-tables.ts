import { DatasetError } from "../formats/dataset-error";
import type { DatasetSpec } from "../formats/dataset-spec";
import { nearestName } from "../formats/nearest-name";
import { addAttributeColumns, noteMissingTokens, type AttributeColumns } from "./attribute-columns";
import type { LoadContext } from "./load-context";
import type { JoinReport } from "./load-report";
import { dealsTextColumn, type DealsRead } from "./read-deals";
import { readTextTable, requireColumn } from "./read-table";
import { unmatchedKeys } from "./unmatched-keys";

/** One `join:` entry of a dataset spec. */
export type JoinSpec = NonNullable<DatasetSpec["join"]>[number];

/**
 * The column of the deals a join matches on.
 *
 * @example
 * import { joinKey } from "./join-tables";
 * joinKey({ file: "accounts.csv", on: { deals: "account", table: "id" } }); // => "account"
 */
export function joinKey(join: JoinSpec): string {
  return typeof join.on === "string" ? join.on : join.on.deals;
}

/**
 * Joins the spec's lookup tables to the deals, in order, many-to-one on their key: adds their
 * columns as attributes (renamed `<file>_<column>` when the deals have the name already) and
 * reports how many deals matched.
 *
 * @example
 * // see loadDataset, which calls it after reading the deals
 */
export async function joinTables(load: LoadContext, deals: DealsRead, into: AttributeColumns): Promise<JoinReport[]> {
  const { spec, specFile } = load;
  const joins: JoinReport[] = [];
  for (const [i, join] of spec.join.entries()) {
    load.progress(`joining ${join.file ?? "join " + i}`);
    const t = await readTextTable(load.db, join, load.tableAt(`join.${i}`), load.spec.missing);
    const dealsKey = joinKey(join);
    const tableKey = typeof join.on === "string" ? join.on : join.on.table;
    const { values: keys, available } = dealsTextColumn(deals.reserved, deals.table, into.text, dealsKey);
    if (!keys) {
      const near = nearestName(dealsKey, available);
      throw new DatasetError(`deals have no column "${dealsKey}" to join on (they have: ${available.join(", ")})`, { file: specFile, field: `join.${i}.on`, value: dealsKey }, near ? `did you mean "${near}"?` : "name a column of deals or of an earlier join");
    }
    const tk = requireColumn(t, tableKey, `join.${i}.on`, specFile);
    const rowOf = new Map<string, number>();
    t.columns[tk].forEach((k, r) => {
      if (k === null) return;
      const key = k.trim();
      if (rowOf.has(key))
        throw new DatasetError(
          `the join is not many-to-one: key "${key}" is on rows ${rowOf.get(key)! + 1} and ${r + 1}`,
          { file: t.label, field: tableKey, row: r + 1, value: key },
          "give the lookup table one row per key (deduplicate it, or aggregate it in a `sql:` table)",
        );
      rowOf.set(key, r);
    });
    const index = Int32Array.from(keys, (k) => (k === null ? -1 : (rowOf.get(k.trim()) ?? -1)));
    let matched = 0, noKey = 0;
    keys.forEach((k, r) => {
      if (k === null) noKey++;
      else if (index[r] >= 0) matched++;
    });
    const examples = unmatchedKeys(keys, new Set(rowOf.keys()));
    const base = (t.label.split("/").pop() ?? "join").replace(/\.[^.]+$/, "");
    const rename = new Map<string, string>();
    const names = t.names.filter((_, j) => j !== tk);
    for (const n of names) if (deals.reserved.has(n) || into.text[n]) rename.set(n, `${base}_${n}`);
    addAttributeColumns(into, { names, columns: names.map((n) => t.columns[t.names.indexOf(n)]), label: t.label, table: base, index, rename, lists: t.lists, nested: t.nested }, load.spec.attributes, load.spec.date_format);
    noteMissingTokens(into, t);
    joins.push({
      table: t.label, on: `${dealsKey} = ${tableKey}`, rows: t.rows, matched, unmatched: keys.length - matched - noKey, noKey, examples,
      columns: names.map((n) => rename.get(n) ?? n), renamed: [...rename].map(([a, b]) => `${a} → ${b}`),
    });
  }
  return joins;
}
