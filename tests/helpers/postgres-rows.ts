import type { DuckDBConnection } from "@duckdb/node-api";
import type { Client } from "pg";

/**
 * Copies the rows of a DuckDB query into a new PostgreSQL table `table` of text columns named
 * `columns`, the cells being the `select` expressions over `from`. The rows leave DuckDB as one
 * text (a line per row, cells separated by tabs, `\N` for NULL) that PostgreSQL splits: the
 * sample's 400,000 events take about a second, against over three as a text[] parameter per
 * column. A cell holding a tab, a line break or the text `\N` would not come through as it is,
 * so it is refused, as is a row count that differs.
 */
export async function copyToPostgres(duck: DuckDBConnection, client: Client, table: string, columns: readonly string[], select: readonly string[], from: string): Promise<void> {
  const cells = select.map((c) => `CAST(${c} AS VARCHAR)`);
  const line = `concat(${cells.map((c) => `COALESCE(${c}, '\\N')`).join(", chr(9), ")})`;
  const unsafe = cells.map((c) => `strpos(${c}, chr(9)) > 0 OR strpos(${c}, chr(10)) > 0 OR ${c} = '\\N'`).join(" OR ");
  const [[text, rows, refused]] = (await duck.runAndReadAll(`SELECT string_agg(${line}, chr(10)), count(*), count(*) FILTER (WHERE ${unsafe}) FROM ${from}`)).getRowsJS() as [string | null, bigint, bigint][];
  if (refused > 0n) throw new Error(`copyToPostgres ${table}: ${refused} rows hold a tab, a line break or \\N in a cell`);
  const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
  await client.query(`CREATE TABLE ${table} (${columns.map((c) => `${q(c)} text`).join(", ")})`);
  if (rows === 0n) return;
  const split = columns.map((_, j) => `NULLIF(split_part(line, chr(9), ${j + 1}), '\\N')`).join(", ");
  const inserted = await client.query(`INSERT INTO ${table} SELECT ${split} FROM string_to_table($1, chr(10)) AS line`, [text]);
  if (inserted.rowCount !== Number(rows)) throw new Error(`copyToPostgres ${table}: ${inserted.rowCount} rows inserted of ${rows}`);
}
