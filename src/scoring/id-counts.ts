import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdentifier } from "../sql/quoting";

/** Blank and repeated lead ids. */
export interface IdCounts {
  /** Rows whose id is empty or only spaces. */
  blank: number;
  /** Ids that are on more than one row, and the rows they are on. */
  duplicated: { ids: number; rows: number; examples: { id: string; rows: number }[] };
}

/** The id of a row as counted: trimmed, NULL as blank. */
const countedId = (idColumn: string) => `trim(COALESCE(CAST(${quoteIdentifier(idColumn, "duckdb")} AS VARCHAR), ''))`;

/**
 * Blank and duplicated ids of a table of leads (`expr`, its id column `idColumn`), counted by
 * DuckDB. Grouping a million distinct texts is costly: only the ids whose hash repeats (and
 * blank ids) are grouped by their text.
 *
 * @example
 * import { openDuckDB } from "../data/duckdb-session";
 * import { idCounts } from "./id-counts";
 * const db = await openDuckDB(".");
 * const counts = await idCounts(db, "(SELECT * FROM (VALUES ('L1'), (' L1'), (''), (NULL), ('L2')) t(id))", "id");
 * [counts.blank, counts.duplicated.ids, counts.duplicated.rows]; // => [2, 1, 2]
 * db.closeSync();
 */
export async function idCounts(db: DuckDBConnection, expr: string, idColumn: string): Promise<IdCounts> {
  const ids = `(SELECT ${countedId(idColumn)} AS id FROM ${expr})`;
  const wanted = `id = '' OR hash(id) IN (SELECT hash(id) FROM ${ids} GROUP BY hash(id) HAVING count(*) > 1)`;
  await db.run(`CREATE TEMP TABLE leadlab_id_counts AS SELECT id, count(*) AS rows FROM ${ids} WHERE ${wanted} GROUP BY id`);
  const [blank] = (await db.runAndReadAll(`SELECT COALESCE(sum(rows), 0) FROM leadlab_id_counts WHERE id = ''`)).getRowsJS();
  const repeated = `(SELECT id, rows FROM leadlab_id_counts WHERE id <> '' AND rows > 1)`;
  const [totals] = (await db.runAndReadAll(`SELECT count(*), COALESCE(sum(rows), 0) FROM ${repeated}`)).getRowsJS();
  const examples = (await db.runAndReadAll(`SELECT id, rows FROM ${repeated} ORDER BY rows DESC, id LIMIT 5`)).getRowsJS();
  await db.run("DROP TABLE leadlab_id_counts");
  return {
    blank: Number(blank[0]),
    duplicated: { ids: Number(totals[0]), rows: Number(totals[1]), examples: examples.map(([id, rows]) => ({ id: String(id), rows: Number(rows) })) },
  };
}
