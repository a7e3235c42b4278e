import { extname, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DatasetError } from "../formats/dataset-error";
import type { TableSource } from "../formats/dataset-spec";

import type { TableContext } from "./read-table";
import { quoteString } from "../sql/quoting";

/**
 * Refuses a CSV file whose header names a column twice (compared without case, as DuckDB
 * does): DuckDB would read the second as `amount_1`, a column the export never had, which
 * would then become a predictor. The header row is read as data, so the names are the file's
 * own. The error names both positions and the fix.
 *
 * @example
 * // called by readTextTable for every `file:` table
 */
export async function checkDuplicateHeaders(db: DuckDBConnection, source: TableSource, ctx: TableContext, label: string): Promise<void> {
  if (!source.file || ![".csv", ".tsv", ".txt"].includes(extname(source.file).toLowerCase())) return;
  const path = resolve(ctx.baseDir, source.file);
  const result = await db.runAndReadAll(`SELECT * FROM read_csv(${quoteString(path, "duckdb")}, header = false, all_varchar = true) LIMIT 1`);
  const header = (result.getRowsJS()[0] ?? []).map((v) => (v === null ? "" : String(v).trim()));
  const first = new Map<string, number>();
  header.forEach((name, j) => {
    const key = name.toLowerCase();
    const i = first.get(key);
    if (i === undefined) return void first.set(key, j);
    throw new DatasetError(
      `the header names a column twice: ${JSON.stringify(header[i])} is column ${i + 1} and ${JSON.stringify(name)} is column ${j + 1} (DuckDB would read the second as "${name}_1")`,
      { file: label, field: name },
      "rename or remove one of the two columns in the export",
    );
  });
}
