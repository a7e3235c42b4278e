import type { DuckDBConnection } from "@duckdb/node-api";
import { DatasetError } from "../formats/dataset-error";
import { readCsvSql, type CsvDialect } from "./csv-dialect";

/**
 * The header of a CSV file as the file writes it (trimmed; an empty cell is ""), refused when it
 * names a column twice (compared without case, as DuckDB does): DuckDB would read the second as
 * `amount_1`, a column the export never had, which would then become a predictor. The header row
 * is read as data, so the names are the file's own. The error names both positions and the fix.
 * Empty cells are not names: they are left to {@link emptyMargins}.
 *
 * @param csvPath the CSV file DuckDB reads (the export without the lines around its table)
 * @param dialect how the file is written (sniffed once for every read of it)
 * @example
 * // called by readTextTable for every CSV `file:` table
 */
export async function checkedCsvHeader(db: DuckDBConnection, csvPath: string, label: string, dialect: CsvDialect): Promise<string[]> {
  const result = await db.runAndReadAll(`SELECT * FROM ${readCsvSql(csvPath, dialect, { header: false })} LIMIT 1`);
  const header = (result.getRowsJS()[0] ?? []).map((v) => (v === null ? "" : String(v).trim()));
  const first = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === "") return;
    const key = name.toLowerCase();
    const i = first.get(key);
    if (i === undefined) return void first.set(key, j);
    throw new DatasetError(
      `the header names a column twice: ${JSON.stringify(header[i])} is column ${i + 1} and ${JSON.stringify(name)} is column ${j + 1} (DuckDB would read the second as "${name}_1")`,
      { file: label, field: name },
      "rename or remove one of the two columns in the export",
    );
  });
  return header;
}
