import type { DuckDBConnection } from "@duckdb/node-api";
import { DatasetError } from "../formats/dataset-error";
import { quoteString } from "../sql/quoting";


/**
 * The table functions a `sql:` table may call: those that only read files or generate rows.
 * Any other (e.g. `enable_logging`, which writes files, or `query`, which runs a text as SQL)
 * is refused, because a dataset.yaml from someone else must not be able to change anything.
 */
export const READ_ONLY_TABLE_FUNCTIONS = [
  "read_csv", "read_csv_auto", "read_parquet", "parquet_scan",
  "read_json", "read_json_auto", "read_ndjson", "read_ndjson_auto", "read_json_objects", "read_json_objects_auto", "read_ndjson_objects",
  "read_text", "read_blob", "glob", "sniff_csv",
  "parquet_metadata", "parquet_schema", "parquet_file_metadata", "parquet_kv_metadata",
  "range", "generate_series", "unnest", "repeat", "repeat_row", "json_each", "json_tree",
] as const;

const allowed = new Set<string>(READ_ONLY_TABLE_FUNCTIONS);

/** Where a query is declared, for messages: the spec file and the table's field (e.g. `deals`). */
export interface QueryContext {
  specFile: string;
  field: string;
}

/**
 * Checks, with DuckDB's own parser (never a pattern), that the text of a `sql:` table is
 * exactly one SELECT query whose table functions only read (see
 * {@link READ_ONLY_TABLE_FUNCTIONS}). Nothing is bound or run. Throws a `DatasetError` that
 * names the dataset.yaml, the table, the statement and the fix.
 *
 * @example
 * import { assertReadOnlyQuery } from "./read-only-query";
 * import { openDuckDB } from "./duckdb-session";
 * const db = await openDuckDB(".");
 * const where = { specFile: "dataset.yaml", field: "deals" };
 * await assertReadOnlyQuery(db, "select * from read_csv('deals.csv')", where); // => undefined
 * await assertReadOnlyQuery(db, "copy (select 1) to 'x.csv'", where).catch((e) => e.message.includes("is a COPY statement")); // => true
 */
export async function assertReadOnlyQuery(db: DuckDBConnection, sql: string, ctx: QueryContext): Promise<void> {
  const refuse = (what: string): never => {
    throw new DatasetError(
      `a \`sql:\` table must be exactly one read-only SELECT query, and this one ${what}`,
      { file: ctx.specFile, field: `${ctx.field}.sql`, value: sql.length > 300 ? `${sql.slice(0, 300)}…` : sql },
      "write one SELECT (it may read and join files with read_csv, read_parquet or read_json); run anything else " +
        "(COPY, ATTACH, INSTALL, LOAD, SET, CREATE) outside leadlab and point the dataset.yaml at its result",
    );
  };
  if (!/[^\s;]/.test(sql)) refuse("is empty");
  let count: number;
  try {
    count = (await db.extractStatements(sql)).count;
  } catch (e) {
    return refuse(`is not valid SQL (DuckDB: ${(e as Error).message.split("\n")[0]})`);
  }
  if (count !== 1) refuse(`holds ${count} statements`);
  const result = await db.runAndReadAll(`SELECT json_serialize_sql(${quoteString(sql, "duckdb")}) AS tree`);
  const tree = JSON.parse(String(result.getRowObjectsJS()[0].tree)) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (tree.error) {
    const keyword = /^\s*\(*\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? "";
    const kind = keyword ? `${/^[AEIOU]/.test(keyword) ? "an" : "a"} ${keyword} statement` : "a statement";
    refuse(`is ${kind}, not a SELECT query (DuckDB: ${tree.error_message})`);
  }
  for (const name of tableFunctions(tree.statements)) {
    if (!allowed.has(name.toLowerCase()))
      refuse(`calls the table function ${name}, which is not one that only reads (allowed: ${READ_ONLY_TABLE_FUNCTIONS.join(", ")})`);
  }
}

/** The names of the table functions anywhere in DuckDB's serialised parse tree. */
function tableFunctions(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) tableFunctions(child, found);
  else if (node !== null && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (record.type === "TABLE_FUNCTION") {
      const fn = record.function as { function_name?: unknown } | undefined;
      found.push(String(fn?.function_name ?? "?"));
    }
    for (const value of Object.values(record)) tableFunctions(value, found);
  }
  return found;
}
