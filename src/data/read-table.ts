import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DatasetError } from "../formats/dataset-error";
import type { TableSource } from "../formats/dataset-spec";

import { nearestName } from "../formats/nearest-name";
import { DEFAULT_SEPARATOR } from "../formats/vocabulary";
import { columnShape } from "./column-shape";
import { checkedCsvHeader } from "./csv-header";
import { readCsvSql, sniffCsvDialect, type CsvDialect } from "./csv-dialect";
import { emptyMargins } from "./empty-margins";
import { checkFileContent } from "./file-content";
import { describeWrapper, exportWrapper, unwrappedCopy } from "./export-wrapper";
import { assertReadOnlyQuery } from "./read-only-query";
import { oneColumnError, readTableError, type ReadErrorContext } from "./read-error";
import { excelAsCsv } from "./read-excel";
import { quoteIdentifier, quoteString } from "../sql/quoting";

/** A table read as text: one array per column, `null` for missing values. */
export interface TextTable {
  /** How the table is named in messages: the file name, or `<field>.sql`. */
  label: string;
  names: string[];
  columns: (string | null)[][];
  rows: number;
  /** Per column, how many values were read as missing because they matched `missing:` (other than empty). */
  replacedByMissing: Record<string, number>;
  /** The list columns (a Parquet or NDJSON array), by name, with their DuckDB type: read as their items joined by `;`. */
  lists?: Record<string, string>;
  /** The columns of records (a STRUCT, MAP or UNION: {@link columnShape}), by name, with their DuckDB type: read as DuckDB's text of them. */
  nested?: Record<string, string>;
  /** Read as a sample (see {@link ReadTextOptions}): the table's rows, of which `rows` were read, 1 in `every`. */
  sampled?: { rows: number; every: number };
}

/** Options of {@link readTextTable}. */
export interface ReadTextOptions {
  /**
   * Read a table of more rows than this as a sample of about this many: the rows whose hash of
   * all their values is 0 modulo `every` (the table's rows over this, rounded up), so the same
   * rows whatever the file's order. For drafting a spec only: the loader reads every row.
   */
  sampleAbove?: number;
}

/** Where a table is declared, for messages: the spec file and the field (e.g. `join.0`). */
export interface TableContext {
  specFile: string;
  field: string;
  baseDir: string;
  /** The table is read to draft a spec (`leadlab init`): no spec names it yet, so fixes do not point at one. */
  draft?: boolean;
  /** Told what was left out of the file to read it (a report footer, Excel's `sep=` line), for the caller to report; without it, such a file is refused. */
  onNote?: (note: string) => void;
}

/**
 * The DuckDB expression that reads a file: `read_csv`, `read_parquet` or `read_json_auto` by
 * extension (CSV with the first line as header; every column as text when asked). Throws a {@link DatasetError} for a missing, empty
 * or unknown file, or one whose bytes are another format than its name says ({@link checkFileContent}).
 * A CSV export wrapped in lines that are not the table (Excel's `sep=;` line, a CRM's report
 * footer: {@link exportWrapper}) is read without them, said to `ctx.onNote`; without `onNote`
 * such a file is refused, naming the lines. A `sql:` table is
 * opened with {@link openTable}, which checks it first.
 *
 * @example
 * import { tableExpression } from "./read-table";
 * tableExpression({ file: "deals.csv" }, { specFile: "dataset.yaml", field: "deals", baseDir: "data/sample" }).startsWith("read_csv("); // => true
 */
export function tableExpression(source: { file: string; sheet?: string | number }, ctx: TableContext, options: { csvAllText?: boolean; nullTokens?: string[] } = {}): string {
  return expressionOf(readableFile(source, ctx), options);
}

/** The file DuckDB reads for a `file:` table (a sheet converted to CSV, an export without the lines around its table), and whether the table's own file is CSV. */
interface ReadableFile {
  path: string;
  ext: string;
  csv: boolean;
}

function readableFile(source: { file: string; sheet?: string | number }, ctx: TableContext): ReadableFile {
  const file = source.file;
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
  if (!(ext === ".xlsx" || isCsvFile(file) || ext === ".parquet" || [".json", ".ndjson", ".jsonl"].includes(ext)))
    throw new DatasetError(
      `unknown file type "${ext}"`,
      { file: ctx.specFile, field: `${ctx.field}.file`, value: file },
      "use .csv, .tsv, .xlsx, .parquet, .json, .ndjson or .jsonl, or read it with a `sql:` query",
    );
  checkFileContent(path, ctx.draft ? undefined : /\.ya?ml$/i.test(ctx.specFile) ? `\`${ctx.field}.file\` in ${ctx.specFile}` : "the path given");
  if (ext === ".xlsx") return { path: excelAsCsv(path, source.sheet, ctx), ext: ".csv", csv: false };
  if (!isCsvFile(file)) return { path, ext, csv: false };
  const wrapper = exportWrapper(path);
  if (!wrapper) return { path, ext, csv: true };
  if (!ctx.onNote) throw new DatasetError(`${describeWrapper(wrapper)}, not the table`, { file: path }, "delete those lines, or export the table without them");
  ctx.onNote(`${file}: ${describeWrapper(wrapper)}, not the table: left out`);
  return { path: unwrappedCopy(path, wrapper), ext, csv: true };
}

function expressionOf(file: ReadableFile, options: { csvAllText?: boolean; nullTokens?: string[] }): string {
  const { path, ext } = file;
  const nulls = options.nullTokens?.length ? `, nullstr = [${options.nullTokens.map((v) => quoteString(v, "duckdb")).join(", ")}]` : "";
  if (isCsvFile(path))
    // skip = 0: the first line is the header. Left to itself, DuckDB's sniffer may skip lines
    // up to a ragged row and take that row as the header, silently dropping the rows above it.
    return `read_csv(${quoteString(path, "duckdb")}, header = true, skip = 0${options.csvAllText ? ", all_varchar = true" : ""}${nulls})`;
  return ext === ".parquet" ? `read_parquet(${quoteString(path, "duckdb")})` : `read_json_auto(${quoteString(path, "duckdb")})`;
}

/**
 * Whether a file is read as CSV (by extension: .csv, .tsv, .txt).
 *
 * @example
 * import { isCsvFile } from "./read-table";
 * isCsvFile("deals.CSV"); // => true
 */
export function isCsvFile(file: string): boolean {
  return [".csv", ".tsv", ".txt"].includes(extname(file).toLowerCase());
}

/** A user's table ready to query: the DuckDB expression to select from, and how errors name it. */
export interface OpenedTable {
  expr: string;
  /** Names the table in DuckDB's errors (see {@link runUserQuery}). */
  where: ReadErrorContext;
  /** A CSV file read as text: how it is written, as sniffed once for every query over it. */
  dialect?: CsvDialect;
}

/**
 * Opens a `file:` or `sql:` table for reading. A `sql:` table must be one read-only SELECT
 * ({@link assertReadOnlyQuery}); it becomes a temporary view, so a trailing `;` or comment in
 * the query cannot reach the text leadlab wraps around it.
 *
 * @example
 * import { openDuckDB } from "./duckdb-session";
 * import { openTable } from "./read-table";
 * const db = await openDuckDB(".");
 * (await openTable(db, { sql: "select 1 as x;" }, { specFile: "dataset.yaml", field: "deals", baseDir: "." })).expr; // => '"leadlab_deals"'
 */
export async function openTable(db: DuckDBConnection, source: TableSource, ctx: TableContext, options: { csvAllText?: boolean; nullTokens?: string[] } = {}): Promise<OpenedTable> {
  const label = tableLabel(source, ctx);
  if (source.file !== undefined) {
    const file = readableFile({ file: source.file, ...(source.sheet !== undefined ? { sheet: source.sheet } : {}) }, ctx);
    const where = { specFile: ctx.specFile, field: ctx.field, label, ...(file.csv ? { csvPath: file.path } : {}) };
    if (!(options.csvAllText && isCsvFile(file.path))) return { expr: expressionOf(file, options), where };
    // Sniffed once here rather than by every query over the table.
    let dialect: CsvDialect;
    try {
      dialect = await sniffCsvDialect(db, file.path, options.nullTokens);
    } catch (e) {
      throw await readTableError(db, e, where);
    }
    return { expr: readCsvSql(file.path, dialect, { header: true, nullTokens: options.nullTokens }), where, dialect };
  }
  const sql = source.sql ?? "";
  await assertReadOnlyQuery(db, sql, ctx);
  const where = { specFile: ctx.specFile, field: ctx.field, label };
  const view = quoteIdentifier(`leadlab_${ctx.field.replace(/\W/g, "_")}`, "duckdb");
  await runUserQuery(db, `CREATE OR REPLACE TEMP VIEW ${view} AS ${sql}`, where);
  return { expr: view, where };
}

/**
 * The name a table is called by in messages and reports: the file as the spec names it
 * (relative to the dataset.yaml's folder, so reports read the same on every machine), or the
 * spec field of a `sql:` table.
 *
 * @example
 * import { tableLabel } from "./read-table";
 * tableLabel({ file: "deals.csv" }, { specFile: "data/sample/dataset.yaml", field: "deals", baseDir: "data/sample" }); // => "deals.csv"
 */
export function tableLabel(source: TableSource, ctx: TableContext): string {
  return source.file ?? `${ctx.specFile} (${ctx.field}.sql)`;
}

/**
 * Runs a query over a user's table, turning DuckDB's errors into a one-line
 * {@link DatasetError} that names the table and keeps DuckDB's whole cause ({@link readTableError}).
 *
 * @example
 * import { openDuckDB } from "./duckdb-session";
 * import { runUserQuery } from "./read-table";
 * const db = await openDuckDB(".");
 * await runUserQuery(db, "select 1", { specFile: "dataset.yaml", field: "deals", label: "deals" });
 */
export async function runUserQuery(db: DuckDBConnection, sql: string, where: ReadErrorContext) {
  try {
    return await db.runAndReadAll(sql);
  } catch (e) {
    throw await readTableError(db, e, where);
  }
}

/**
 * Reads a whole table as text columns (the loader types them itself, so that errors can name
 * the row), with the `missing:` tokens (compared after trimming) and blank text read as
 * missing. NDJSON numbers and numeric strings read alike (3 and "3" are "3"); a list column
 * (an array: DuckDB type `…[]`) reads as its items joined by `;` (an empty list is missing), and
 * one with an item holding a `;` is an error; a column of records (a STRUCT or MAP) reads as
 * DuckDB's text of each and is named in `nested`; a CSV header that names a column twice is an
 * error. With `options.sampleAbove`, a longer table is read as a sample (`sampled` says so).
 *
 * @example
 * import { openDuckDB } from "./duckdb-session";
 * import { readTextTable } from "./read-table";
 * const db = await openDuckDB(".");
 * const t = await readTextTable(db, { sql: "select 'a' as x union all select 'NA'" }, { specFile: "d.yaml", field: "deals", baseDir: "." }, ["NA"]);
 * t.columns[0]; // => ["a", null]
 */
export async function readTextTable(db: DuckDBConnection, source: TableSource, ctx: TableContext, missing: readonly string[], options: ReadTextOptions = {}): Promise<TextTable> {
  const { expr, where, dialect } = await openTable(db, source, ctx, { csvAllText: true });
  const label = where.label;
  const described = (await runUserQuery(db, `DESCRIBE SELECT * FROM ${expr}`, where)).getRowObjectsJS();
  const names = described.map((r) => String(r.column_name));
  const oneColumn = await oneColumnError(db, names, where);
  if (oneColumn) throw oneColumn;
  const lists: Record<string, string> = {};
  const nested: Record<string, string> = {};
  for (const r of described) {
    const shape = columnShape(String(r.column_type));
    if (shape !== "scalar") (shape === "list" ? lists : nested)[String(r.column_name)] = String(r.column_type);
  }
  for (const [name, type] of Object.entries(lists)) {
    const col = quoteIdentifier(name, "duckdb");
    const [[clash]] = (await runUserQuery(db, `SELECT min(x) FROM (SELECT CAST(UNNEST(${col}) AS VARCHAR) AS x FROM ${expr}) WHERE contains(x, ${quoteString(DEFAULT_SEPARATOR, "duckdb")})`, where)).getRowsJS();
    if (clash !== null)
      throw new DatasetError(
        `the column holds lists (${type}) with an item that has ${JSON.stringify(DEFAULT_SEPARATOR)} in it, which leadlab reads as the separator of a list's items`,
        { file: label, field: name, value: String(clash) },
        `export the column as text, its items joined by another separator, and declare it in dataset.yaml: attributes: { ${name}: { type: multi, separator: "|" } }`,
      );
  }
  const select = described.map((r) => `${textOf(String(r.column_name), String(r.column_type))} AS ${quoteIdentifier(String(r.column_name), "duckdb")}`).join(", ");
  const sampled = options.sampleAbove === undefined ? undefined : await sampling(db, expr, where, options.sampleAbove);
  const text = `SELECT ${select} FROM ${expr}`;
  const result = await runUserQuery(db, sampled ? `SELECT * FROM (${text}) WHERE hash(${names.map((n) => quoteIdentifier(n, "duckdb")).join(", ")}) % ${sampled.every} = 0` : text, where);
  // A long table of a few distinct rows may have none whose hash falls in the sample: read whole.
  if (sampled && result.currentRowCount === 0) return readTextTable(db, source, ctx, missing);
  // after the read, so a file DuckDB cannot read (encoding, ragged rows) gets that cause first
  const header = where.csvPath && dialect ? await checkedCsvHeader(db, where.csvPath, label, dialect) : undefined;
  const margins = emptyMargins(label, header, names, result.getColumnsJS() as (string | null)[][]);
  if (margins.leftOut) {
    if (!ctx.onNote) throw new DatasetError(margins.leftOut, { file: label }, "delete them from the export");
    ctx.onNote(`${label}: ${margins.leftOut}: left out`);
  }
  const raw = margins.columns;
  const rows = raw.length ? raw[0].length : 0;
  if (rows === 0) throw new DatasetError("the table has a header but no rows", { file: label }, "export the table again with its data");
  const tokens = new Set(missing);
  const replacedByMissing: Record<string, number> = {};
  const columns = raw.map((col, j) => {
    let replaced = 0;
    const out = col.map((v) => {
      if (v === null) return null;
      const t = v.trim();
      if (t === "" || tokens.has(t)) {
        if (t !== "") replaced++;
        return null;
      }
      return v;
    });
    if (replaced) replacedByMissing[margins.names[j]] = replaced;
    return out;
  });
  return {
    label,
    names: margins.names,
    columns,
    rows,
    replacedByMissing,
    ...(Object.keys(lists).length ? { lists } : {}),
    ...(Object.keys(nested).length ? { nested } : {}),
    ...(sampled ? { sampled } : {}),
  };
}

/** How a table of more than `above` rows is sampled (1 row in `every`), or undefined when it is read whole. */
async function sampling(db: DuckDBConnection, expr: string, where: ReadErrorContext, above: number): Promise<{ rows: number; every: number } | undefined> {
  const [[count]] = (await runUserQuery(db, `SELECT count(*) FROM ${expr}`, where)).getRowsJS();
  const rows = Number(count);
  return rows > above ? { rows, every: Math.ceil(rows / above) } : undefined;
}

/**
 * A column as text. An instant (TIMESTAMPTZ, e.g. from a `sql:` table) is written in UTC with
 * a `Z`, so that it reads back as the same instant whatever the session's time zone.
 */
function textOf(name: string, type: string): string {
  const q = quoteIdentifier(name, "duckdb");
  if (type === "TIMESTAMP WITH TIME ZONE") return `strftime(timezone('UTC', ${q}), '%Y-%m-%dT%H:%M:%S.%fZ')`;
  // A JSON-typed column (NDJSON mixing 3 and "3") is read as its text, so both are one value.
  if (type === "JSON") return `json_extract_string(${q}, '$')`;
  if (columnShape(type) === "list") return `array_to_string(${q}, ${quoteString(DEFAULT_SEPARATOR, "duckdb")})`;
  return `CAST(${q} AS VARCHAR)`;
}

/**
 * The index of a column the spec names, or a {@link DatasetError} listing the columns the
 * table has and the nearest name.
 *
 * @example
 * import { requireColumn } from "./read-table";
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
