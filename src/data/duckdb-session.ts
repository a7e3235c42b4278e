import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

/**
 * An in-memory DuckDB connection whose relative paths (in `file:` tables and inside `sql:`
 * queries) resolve against `baseDir`, the folder of the dataset.yaml.
 *
 * @example
 * import { openDuckDB } from "leadlab";
 * const db = await openDuckDB("data/sample");
 * (await db.runAndReadAll("select 1 as x")).getRowObjects(); // => [{ x: 1 }]
 * db.closeSync();
 */
export async function openDuckDB(baseDir: string): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(`SET file_search_path = ${sqlString(baseDir)}`);
  return connection;
}

/**
 * A SQL string literal, with quotes doubled.
 *
 * @example
 * import { sqlString } from "leadlab";
 * sqlString("O'Brien"); // => "'O''Brien'"
 */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A quoted SQL identifier, with double quotes doubled.
 *
 * @example
 * import { sqlIdentifier } from "leadlab";
 * sqlIdentifier('Deal "Stage"'); // => '"Deal ""Stage"""'
 */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
