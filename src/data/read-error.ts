import type { DuckDBConnection } from "@duckdb/node-api";
import { DatasetError } from "../formats/dataset-error";
import { readBytes } from "./file-bytes";
import { mixedLineEndings, type MixedLineEndings } from "./line-endings";
import { quoteString } from "../sql/quoting";


/** Where a table that failed to read is declared and what it is called in messages. */
export interface ReadErrorContext {
  specFile: string;
  /** The spec field, e.g. `deals` or `join.0`. */
  field: string;
  /** The table as named in messages. */
  label: string;
  /** The resolved path of a CSV file, when the table is one: enables the row and encoding checks. */
  csvPath?: string;
}

const DELIMITERS = [",", ";", "\t", "|"];

/**
 * DuckDB's whole explanation as one line: every line of its message, without the generic
 * "Possible fixes" advice, the dump of CSV reader options, and the echo of leadlab's own query.
 *
 * @example
 * import { duckdbCause } from "./read-error";
 * duckdbCause("Conversion Error: Could not convert string 'x' to INT32\n\nLINE 1: SELECT ...\n   ^"); // => "Conversion Error: Could not convert string 'x' to INT32"
 */
export function duckdbCause(message: string): string {
  const kept: string[] = [];
  for (const raw of message.split("\n")) {
    const line = raw.trim();
    if (/^LINE \d+:/.test(line)) break;
    if (!line || /^\^+$/.test(line) || /^(Possible (fixes|Solution)|\* |The search space used was)/.test(line) || /^\w[\w ]* = /.test(line) || /Candidates:/.test(line)) continue;
    kept.push(line.replace(/[.:]$/, ""));
  }
  return kept.join("; ");
}

/**
 * Turns DuckDB's failure to read a user's table into a one-line {@link DatasetError} that keeps
 * DuckDB's whole cause and adds the fix: for a CSV file not in UTF-8, how to re-save or read it;
 * for a CSV whose lines end both in CRLF and in LF alone ({@link mixedLineEndings}), which line
 * first differs and how to end them all the same way;
 * for a CSV whose rows do not all have the header's number of fields (which makes DuckDB's
 * delimiter detection fail), the line, DuckDB's "Expected Number of Columns" and the delimiter;
 * for a missing DuckDB extension, that leadlab loads none.
 *
 * @example
 * // see readTextTable and eventFeatures, which call it when DuckDB cannot read a table
 */
export async function readTableError(db: DuckDBConnection, error: unknown, ctx: ReadErrorContext): Promise<DatasetError> {
  const message = (error as Error).message ?? String(error);
  if (error instanceof DatasetError) return error;
  if (ctx.csvPath && /not utf-8 encoded|invalid unicode/i.test(message)) return encodingError(message, ctx);
  if (ctx.csvPath && /Error when sniffing file|reached an invalid state/i.test(message)) {
    const endings = mixedLineEndings(ctx.csvPath);
    if (endings) return lineEndingsError(endings, message, ctx);
  }
  if (ctx.csvPath && /Error when sniffing file/i.test(message)) {
    const rows = await csvRowError(db, ctx);
    if (rows) return rows;
  }
  const cause = duckdbCause(message);
  if (/extension/i.test(message))
    return new DatasetError(
      `DuckDB could not read the table: ${cause}`,
      { file: ctx.label },
      `leadlab loads no DuckDB extensions (nothing is installed or loaded on demand): export the data to a CSV, Parquet or JSON file and read that, in \`${ctx.field}\` of ${ctx.specFile}`,
    );
  return new DatasetError(`DuckDB could not read the table: ${cause}`, { file: ctx.label }, `check the file's format, or the \`${ctx.field}\` entry in ${ctx.specFile}`);
}

/**
 * When a CSV file was read as a single column although its header holds a delimiter, the
 * error that explains it (a row with more or fewer fields than the header); otherwise undefined.
 *
 * @example
 * // see readTextTable
 */
export async function oneColumnError(db: DuckDBConnection, names: readonly string[], ctx: ReadErrorContext): Promise<DatasetError | undefined> {
  if (!ctx.csvPath || names.length !== 1 || !DELIMITERS.some((d) => names[0].includes(d))) return undefined;
  return (
    (await csvRowError(db, ctx)) ??
    new DatasetError(
      `the file was read as one column "${names[0]}": DuckDB could not tell its delimiter`,
      { file: ctx.label },
      `separate the fields with one delimiter (${DELIMITERS.map((d) => JSON.stringify(d)).join(", ")}) on every line, the header included`,
    )
  );
}

function lineEndingsError(e: MixedLineEndings, message: string, ctx: ReadErrorContext): DatasetError {
  const name = ctx.csvPath!.split(/[\\/]/).pop();
  return new DatasetError(
    `its lines end both in CRLF (${e.crlf.toLocaleString("en-US")}) and in LF alone (${e.lf.toLocaleString("en-US")}; the first ${e.odd} is line ${e.firstOddLine.toLocaleString("en-US")}, counting the header), and DuckDB reads one line ending per file; DuckDB: ${duckdbCause(message)}`,
    { file: ctx.label },
    `end every line the same way: export the file again, or \`sed -i 's/\\r$//' ${name}\` to end them all with LF`,
  );
}

function encodingError(message: string, ctx: ReadErrorContext): DatasetError {
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const name = ctx.csvPath!.split(/[\\/]/).pop();
  // DuckDB's "Original Line" of an encoding error is not the line it names, so it is left out.
  const cause = duckdbCause(message.replace(/^Original Line:.*$/m, ""));
  return new DatasetError(
    `the file is not UTF-8 encoded${line ? ` (the first bad byte is on line ${line}, counting the header)` : ""}; DuckDB: ${cause}`,
    { file: ctx.label },
    `encoding: re-save it as UTF-8 (e.g. \`iconv -f latin1 -t utf-8 ${name} > utf8-${name}\`), or read it with a \`sql:\` table: select * from read_csv('${name}', encoding = 'latin-1', all_varchar = true)`,
  );
}

/** Reads the CSV strictly with the delimiter its header suggests, to find the first ragged row. */
async function csvRowError(db: DuckDBConnection, ctx: ReadErrorContext): Promise<DatasetError | undefined> {
  const header = firstLine(ctx.csvPath!);
  const [delimiter, count] = DELIMITERS.map((d) => [d, header.split(d).length - 1] as const).sort((a, b) => b[1] - a[1])[0];
  if (count === 0) return undefined;
  const columns = header.split(delimiter).map((_, j) => `${quoteString(`c${j}`, "duckdb")}: 'VARCHAR'`).join(", ");
  try {
    await db.runAndReadAll(
      `SELECT count(*) FROM read_csv(${quoteString(ctx.csvPath!, "duckdb")}, header = true, delim = ${quoteString(delimiter, "duckdb")}, quote = '"', escape = '"', auto_detect = false, columns = {${columns}})`,
    );
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
    const expected = /Expected Number of Columns: (\d+)/.exec(message)?.[1];
    if (!line || !expected) return undefined;
    const original = /Original Line: (.*)/.exec(message)?.[1];
    return new DatasetError(
      `line ${line} (counting the header) does not have the header's ${expected} columns, so the delimiter cannot be detected; DuckDB: ${duckdbCause(message.replace(/^Original Line:.*$/m, ""))}`,
      { file: ctx.label, ...(original !== undefined ? { value: original } : {}) },
      `delimiter ${JSON.stringify(delimiter)}: give every line the header's ${expected} fields (quote a value that contains ${JSON.stringify(delimiter)}, e.g. "a${delimiter} b"), or remove the stray ones`,
    );
  }
}

function firstLine(path: string): string {
  return readBytes(path, 0, 65536).toString("utf8").split(/\r?\n/)[0];
}
