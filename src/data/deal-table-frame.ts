import { itemSeparator } from "../formats/vocabulary";
import type { DataFrame } from "danfojs-node";
import type { DealTable } from "./deal-table";
import { dateInZone } from "./time-zone";

/**
 * The table as a danfojs DataFrame for notebooks: `deal_id`, `won`, the dates as ISO text,
 * `amount`, then every attribute (multi-valued ones joined by their separator).
 * danfojs is loaded on first use, so the CLI does not pay for it.
 *
 * @example
 * import { DealTable, dealTableToDataFrame } from "leadlab";
 * const t = new DealTable({ name: "d", ids: ["a"], won: Uint8Array.from([1]), attributes: [], columns: {}, holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * dealTableToDataFrame(t).shape; // => [1, 2]
 */
export function dealTableToDataFrame(table: DealTable): DataFrame {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require("danfojs-node") as typeof import("danfojs-node");
  // Dates as calendar dates in the dataset's zone, as the load report and the rules write them.
  const zone = table.sources?.timeZone ?? "UTC";
  const iso = (ms: number) => (Number.isNaN(ms) ? null : dateInZone(ms, zone));
  const data: Record<string, unknown[]> = { deal_id: table.ids, won: Array.from(table.won) };
  if (table.createdAt) data.created_at = Array.from(table.createdAt, iso);
  if (table.closedAt) data.closed_at = Array.from(table.closedAt, iso);
  if (table.amount) data.amount = Array.from(table.amount, (x) => (Number.isNaN(x) ? null : x));
  for (const a of table.attributes) {
    const c = table.columns[a.name];
    if (a.type === "date") data[a.name] = Array.from(c as Float64Array, iso);
    else if (c instanceof Float64Array) data[a.name] = Array.from(c, (x) => (Number.isNaN(x) ? null : x));
    else if (a.type === "multi") data[a.name] = (c as (string[] | null)[]).map((v) => (v ? v.join(itemSeparator(a)) : null));
    else data[a.name] = c as unknown[];
  }
  return new dfd.DataFrame(data);
}
