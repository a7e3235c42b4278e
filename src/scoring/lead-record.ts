import type { Column, DealTable } from "../data/deal-table";
import type { LeadRecord } from "./score";

/**
 * The record the runtime scorer reads for one deal of a table: every attribute's value keyed
 * by its column (behavioural features by name, decayed counts too), multi-valued ones as their
 * list, missing numbers as null.
 *
 * @example
 * import { DealTable, leadRecord } from "leadlab";
 * const t = new DealTable({ name: "d", ids: ["a"], won: Uint8Array.from([1]), attributes: [{ name: "seats", type: "numeric", role: "product", source: "spec", table: "deals" }], columns: { seats: Float64Array.from([3]) }, holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * leadRecord(t, 0); // => { seats: 3 }
 */
export function leadRecord(table: DealTable, row: number): LeadRecord {
  return leadRecordReader(table)(row);
}

/**
 * Reads the records of many deals of a table ({@link leadRecord}): the columns are looked up
 * once, and with `keys` (e.g. a scorer's `keys`) a record holds only those (a name the table
 * lacks is left out, as in the full record), so scoring every deal does not copy every attribute.
 *
 * @example
 * import { DealTable, leadRecordReader } from "leadlab";
 * const t = new DealTable({ name: "d", ids: ["a", "b"], won: Uint8Array.from([1, 0]),
 *   attributes: [{ name: "seats", type: "numeric", role: "product", source: "spec", table: "deals" }, { name: "plan", type: "categorical", role: "product", source: "spec", table: "deals" }],
 *   columns: { seats: Float64Array.from([3, NaN]), plan: ["pro", "team"] }, holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * const read = leadRecordReader(t, ["seats", "region"]);
 * [read(0), read(1)]; // => [{ seats: 3 }, { seats: null }]
 */
export function leadRecordReader(table: DealTable, keys?: readonly string[]): (row: number) => LeadRecord {
  const attributes = new Set(table.attributes.map((a) => a.name));
  const names = keys ?? [...attributes, ...Object.keys(table.decayed?.columns ?? {})];
  const columns: [string, Column][] = [];
  for (const name of names) {
    const c = table.decayed?.columns[name] ?? (attributes.has(name) ? table.columns[name] : undefined);
    if (c) columns.push([name, c]);
  }
  return (row) => {
    const record: Record<string, LeadRecord[string]> = {};
    for (const [name, c] of columns) {
      const v = c instanceof Float64Array ? c[row] : (c as unknown[])[row];
      record[name] = (typeof v === "number" && Number.isNaN(v) ? null : v) as LeadRecord[string];
    }
    return record;
  };
}
