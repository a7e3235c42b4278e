import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataFrame } from "danfojs-node";
import type { DealTable } from "../data/deal-table";
import type { DatasetSpec } from "../formats/dataset-spec";
import { loadDatasetSpec, type LoadedDataset } from "../data/load-dataset";

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
