import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataFrame } from "danfojs-node";
import type { DealTable } from "../data/deal-table";
import type { DatasetSpec } from "../formats/dataset-spec";
import { loadDatasetSpec, type LoadedDataset } from "../data/load-dataset";

const iso = (ms: number) => (Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10));

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
  const data: Record<string, unknown[]> = { deal_id: table.ids, won: Array.from(table.won) };
  if (table.createdAt) data.created_at = Array.from(table.createdAt, iso);
  if (table.closedAt) data.closed_at = Array.from(table.closedAt, iso);
  if (table.amount) data.amount = Array.from(table.amount, (x) => (Number.isNaN(x) ? null : x));
  for (const a of table.attributes) {
    const c = table.columns[a.name];
    if (a.type === "date") data[a.name] = Array.from(c as Float64Array, iso);
    else if (c instanceof Float64Array) data[a.name] = Array.from(c, (x) => (Number.isNaN(x) ? null : x));
    else if (a.type === "multi") data[a.name] = (c as (string[] | null)[]).map((v) => (v ? v.join(a.separator ?? ";") : null));
    else data[a.name] = c as unknown[];
  }
  return new dfd.DataFrame(data);
}

/**
 * Builds a {@link DealTable} from a DataFrame an analyst prepared in a notebook, through the
 * same loader as files (so typing, inference, errors and the load report are the same). The
 * spec's `deals` names the columns; it needs no `file`.
 *
 * @example
 * import { DataFrame } from "danfojs-node";
 * import { fromDataFrame } from "leadlab";
 * const df = new DataFrame({ id: ["a", "b"], stage: ["won", "lost"], seats: [3, 9] });
 * const { table } = await fromDataFrame(df, { name: "nb", deals: { id: "id", outcome: { column: "stage", won: ["won"], lost: ["lost"] } } });
 * table.n; // => 2
 */
export async function fromDataFrame(df: DataFrame, spec: DatasetSpec): Promise<LoadedDataset> {
  const dir = mkdtempSync(join(tmpdir(), "leadlab-df-"));
  try {
    const names = df.columns;
    const columns = names.map((n) => df[n].values as unknown[]);
    const cell = (v: unknown) => {
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "";
      const s = v instanceof Date ? v.toISOString() : String(v);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const lines = [names.map(cell).join(",")];
    for (let r = 0; r < df.shape[0]; r++) lines.push(columns.map((c) => cell(c[r])).join(","));
    writeFileSync(join(dir, "deals.csv"), lines.join("\n") + "\n");
    return await loadDatasetSpec({ ...spec, deals: { ...spec.deals, file: "deals.csv", sql: undefined } }, dir, "(DataFrame spec)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
