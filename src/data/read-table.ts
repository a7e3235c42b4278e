import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DatasetError } from "../formats/dataset-error";
import type { TableSource } from "../formats/dataset-spec";
import { sqlIdentifier, sqlString } from "./duckdb-session";
import { nearestName } from "../formats/nearest-name";
import { excelAsCsv } from "./read-excel";

/** A table read as text: one array per column, `null` for missing values. */
export interface TextTable {
  /** How the table is named in messages: the file name, or `<field>.sql`. */
  label: string;
  names: string[];
  columns: (string | null)[][];
  rows: number;
  /** Per column, how many values were read as missing because they matched `missing:` (other than empty). */
  replacedByMissing: Record<string, number>;
}

/** Where a table is declared, for messages: the spec file and the field (e.g. `join.0`). */
export interface TableContext {
  specFile: string;
  field: string;
  baseDir: string;
}

/**
 * The DuckDB expression that reads a `file:` or `sql:` table: `read_csv`, `read_parquet` or
 * `read_json_auto` by extension (CSV with every column as text), or the query itself. Throws
 * a {@link DatasetError} for a missing, empty or unknown file.
 *
 * @example
 * import { tableExpression } from "leadlab";
 * tableExpression({ sql: "select 1 as x" }, { specFile: "dataset.yaml", field: "deals", baseDir: "." }); // => "(select 1 as x)"
 */
export function tableExpression(source: TableSource, ctx: TableContext, options: { csvAllText?: boolean; nullTokens?: string[] } = {}): string {
  if (source.sql) return `(${source.sql})`;
  const file = source.file!;
  const path = resolve(ctx.baseDir, file);
  if (!existsSync(path)) {
    const dir = dirname(path);
    const siblings = existsSync(dir) ? readdirSync(dir) : [];
    const near = nearestName(basename(path), siblings);
    throw new DatasetError(
      `file not found: ${path}`,
      { file: ctx.specFile, field: `${ctx.field}.file`, value: file },
      `${near ? `did you mean "${near}"? ` : ""}paths are relative to the folder of the dataset.yaml (${ctx.baseDir})`,
    );
  }
  if (statSync(path).size === 0)
    throw new DatasetError("the file is empty (0 bytes)", { file: path }, "export the table again with a header row and data");
  const ext = extname(path).toLowerCase();
  if (ext === ".xlsx") return tableExpression({ file: excelAsCsv(path, source.sheet, ctx) }, ctx, options);
  const nulls = options.nullTokens ? `, nullstr = [${options.nullTokens.map(sqlString).join(", ")}]` : "";
  if ([".csv", ".tsv", ".txt"].includes(ext))
    return `read_csv(${sqlString(path)}, header = true${options.csvAllText ? ", all_varchar = true" : ""}${nulls})`;
  if (ext === ".parquet") return `read_parquet(${sqlString(path)})`;
  if ([".json", ".ndjson", ".jsonl"].includes(ext)) return `read_json_auto(${sqlString(path)})`;
  throw new DatasetError(
    `unknown file type "${ext}"`,
    { file: ctx.specFile, field: `${ctx.field}.file`, value: file },
    "use .csv, .tsv, .xlsx, .parquet, .json, .ndjson or .jsonl, or read it with a `sql:` query",
  );
}

/**
 * The name a table is called by in messages and reports: the file as the spec names it
 * (relative to the dataset.yaml's folder, so reports read the same on every machine), or the
 * spec field of a `sql:` table.
 *
 * @example
 * import { tableLabel } from "leadlab";
 * tableLabel({ file: "deals.csv" }, { specFile: "data/sample/dataset.yaml", field: "deals", baseDir: "data/sample" }); // => "deals.csv"
 */
export function tableLabel(source: TableSource, ctx: TableContext): string {
  return source.file ?? `${ctx.specFile} (${ctx.field}.sql)`;
}

/**
 * Runs a query for the user's table, turning DuckDB's errors into a {@link DatasetError}
 * that names the table.
 *
 * @example
 * import { openDuckDB, runUserQuery } from "leadlab";
 * const db = await openDuckDB(".");
 * await runUserQuery(db, "select 1", { specFile: "dataset.yaml", field: "deals", baseDir: "." }, "deals");
 */
export async function runUserQuery(db: DuckDBConnection, sql: string, ctx: TableContext, label: string) {
  try {
    return await db.runAndReadAll(sql);
  } catch (e) {
    const msg = (e as Error).message.split("\n")[0];
    throw new DatasetError(`DuckDB could not read the table: ${msg}`, { file: label }, `check the file's format, or the \`${ctx.field}\` entry in ${ctx.specFile}`);
  }
}

/**
 * Reads a whole table as text columns (the loader types them itself, so that errors can name
 * the row), with the `missing:` tokens (compared after trimming) read as missing.
 *
 * @example
 * import { openDuckDB, readTextTable } from "leadlab";
 * const db = await openDuckDB(".");
 * const t = await readTextTable(db, { sql: "select 'a' as x union all select 'NA'" }, { specFile: "d.yaml", field: "deals", baseDir: "." }, ["NA"]);
 * t.columns[0]; // => ["a", null]
 */
export async function readTextTable(db: DuckDBConnection, source: TableSource, ctx: TableContext, missing: readonly string[]): Promise<TextTable> {
  const expr = tableExpression(source, ctx, { csvAllText: true });
  const label = tableLabel(source, ctx);
  const described = await runUserQuery(db, `DESCRIBE SELECT * FROM ${expr}`, ctx, label);
  const names = described.getRowObjectsJS().map((r) => String(r.column_name));
  const select = names.map((n) => `CAST(${sqlIdentifier(n)} AS VARCHAR) AS ${sqlIdentifier(n)}`).join(", ");
  const result = await runUserQuery(db, `SELECT ${select} FROM ${expr}`, ctx, label);
  const raw = result.getColumnsJS() as (string | null)[][];
  const rows = raw.length ? raw[0].length : 0;
  if (rows === 0) throw new DatasetError("the table has a header but no rows", { file: label }, "export the table again with its data");
  const tokens = new Set(missing);
  const replacedByMissing: Record<string, number> = {};
  const columns = raw.map((col, j) => {
    let replaced = 0;
    const out = col.map((v) => {
      if (v === null) return null;
      const t = v.trim();
      if (tokens.has(t)) {
        if (t !== "") replaced++;
        return null;
      }
      return v;
    });
    if (replaced) replacedByMissing[names[j]] = replaced;
    return out;
  });
  return { label, names, columns, rows, replacedByMissing };
}

/**
 * The index of a column the spec names, or a {@link DatasetError} listing the columns the
 * table has and the nearest name.
 *
 * @example
 * import { requireColumn } from "leadlab";
 * requireColumn({ label: "deals.csv", names: ["deal_id"], columns: [[]], rows: 0, replacedByMissing: {} }, "deal_id", "deals.id", "dataset.yaml"); // => 0
 */
export function requireColumn(table: Pick<TextTable, "label" | "names">, column: string, field: string, specFile: string): number {
  const j = table.names.indexOf(column);
  if (j >= 0) return j;
  const near = nearestName(column, table.names);
  throw new DatasetError(
    `${table.label} has no column "${column}" (it has: ${table.names.join(", ")})`,
    { file: specFile, field, value: column },
    near ? `did you mean "${near}"?` : "name one of the columns the file has",
  );
}
