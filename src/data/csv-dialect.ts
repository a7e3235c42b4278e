import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteString } from "../sql/quoting";

/**
 * How a CSV file is written, as DuckDB's sniffer finds it: the delimiter, quote, escape, line
 * break and comment characters ("" for none; `newLine` undefined when the sniffer leaves it to
 * the reader), and the header's column names as DuckDB reads them (a repeated name suffixed
 * `_1`, an empty one named `column<k>`).
 */
export interface CsvDialect {
  delimiter: string;
  quote: string;
  escape: string;
  newLine?: string;
  comment: string;
  names: string[];
}

/** What a `read_csv` reads besides the dialect: the header row, and the texts read as missing. */
export interface CsvReadOptions {
  /** Whether the first line is the header (else it is read as a row, its columns `column0`, …). */
  header: boolean;
  /** Texts read as missing (DuckDB's `nullstr`); none when empty. */
  nullTokens?: readonly string[];
}

/** How sniff_csv writes an option that is not set. */
const NONE = "(empty)";

/** The line breaks sniff_csv names (as the text `read_csv`'s `new_line` takes). */
const LINE_BREAKS = new Set(["\\n", "\\r\\n", "\\r"]);

/**
 * Sniffs a CSV file once, as `read_csv(path, header = true, skip = 0, all_varchar = true)`
 * would, with the same missing texts: every column is text, so only the dialect and the names
 * are kept. Throws DuckDB's error for a file it cannot sniff (for the caller to explain).
 *
 * @example
 * import { openDuckDB } from "./duckdb-session";
 * import { sniffCsvDialect } from "./csv-dialect";
 * const db = await openDuckDB(".");
 * const dialect = await sniffCsvDialect(db, "data/sample/products.csv");
 * [dialect.delimiter, dialect.quote, dialect.names]; // => [",", "", ["product", "family", "list_price"]]
 * db.closeSync();
 */
export async function sniffCsvDialect(db: DuckDBConnection, path: string, nullTokens: readonly string[] = []): Promise<CsvDialect> {
  const sniffed = await db.runAndReadAll(
    `SELECT Delimiter, Quote, Escape, NewLineDelimiter, Comment, Columns FROM sniff_csv(${quoteString(path, "duckdb")}, ${readOptions({ header: true, nullTokens })})`,
  );
  const [delimiter, quote, escape, newLine, comment, columns] = sniffed.getRowsJS()[0] as [string, string, string, string, string, { name: string }[]];
  const set = (x: string | null) => (x === null || x === NONE ? "" : x);
  return {
    delimiter: set(delimiter),
    quote: set(quote),
    escape: set(escape),
    ...(newLine !== null && LINE_BREAKS.has(newLine) ? { newLine } : {}),
    comment: set(comment),
    names: columns.map((c) => c.name),
  };
}

/**
 * The `read_csv` expression that reads a file in a sniffed dialect without sniffing it again,
 * every column as text: each query over it reads the file as the sniffer would, and DuckDB
 * sniffs a CSV at every query that names it otherwise (on the sample's deals, about 60 ms of
 * a query's 70). With `header: false` the first line is a row and the columns are
 * `column0`, `column1`, ….
 *
 * @example
 * import { readCsvSql } from "./csv-dialect";
 * readCsvSql("a.csv", { delimiter: ";", quote: '"', escape: '"', newLine: "\\n", comment: "", names: ["id", "x"] }, { header: true });
 * // => "read_csv('a.csv', auto_detect = false, delim = ';', quote = '\"', escape = '\"', new_line = E'\\\\n', comment = '', columns = {'id': 'VARCHAR', 'x': 'VARCHAR'}, header = true, skip = 0, all_varchar = true)"
 */
export function readCsvSql(path: string, dialect: CsvDialect, options: CsvReadOptions): string {
  const q = (s: string) => quoteString(s, "duckdb");
  const names = options.header ? dialect.names : dialect.names.map((_, j) => `column${j}`);
  const lineBreak = dialect.newLine !== undefined ? `, new_line = ${q(dialect.newLine)}` : "";
  return (
    `read_csv(${q(path)}, auto_detect = false, delim = ${q(dialect.delimiter)}, quote = ${q(dialect.quote)}, escape = ${q(dialect.escape)}${lineBreak}, comment = ${q(dialect.comment)}, ` +
    `columns = {${names.map((n) => `${q(n)}: 'VARCHAR'`).join(", ")}}, ${readOptions(options)})`
  );
}

/** The options of a text read: the header, no lines skipped, every column as text, the missing texts. */
function readOptions(options: CsvReadOptions): string {
  const nulls = options.nullTokens?.length ? `, nullstr = [${options.nullTokens.map((v) => quoteString(v, "duckdb")).join(", ")}]` : "";
  return `header = ${options.header}, skip = 0, all_varchar = true${nulls}`;
}
