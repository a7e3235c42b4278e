import type { SqlDialect } from "./dialects";

/*
 * Literals and identifiers per SQL dialect. Every name and value that comes from a rules file
 * goes through these functions, so a quote, a semicolon, a backslash or a newline in it stays
 * inside its literal in every dialect.
 */

const CONTROL = /[\u0000-\u001f\u007f]/;
/** Invisible spaces and line separators beyond ASCII: written as \u escapes where the dialect has them. */
const WIDE_SPACE = /[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const hex2 = (c: string) => c.charCodeAt(0).toString(16).padStart(2, "0");
const hex4 = (c: string) => c.charCodeAt(0).toString(16).padStart(4, "0");

/** Backslash escapes of the control characters (and, with `wide`, of invisible spaces), as most dialects write them. */
function escapeControls(text: string, other: (c: string) => string, wide = true): string {
  const out = text.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : other(c)));
  return wide ? out.replace(WIDE_SPACE, (c) => `\\u${hex4(c)}`) : out;
}

/**
 * A string literal of the dialect:
 * - duckdb, postgres: `'…'` with quotes doubled; `E'…'` with backslash escapes when the text
 *   holds a backslash or a control character (so it reads the same whatever
 *   `standard_conforming_strings` is);
 * - bigquery, spark: `'…'` with backslash escapes (`\\`, `\'`, `\n`, …);
 * - snowflake: `'…'` with backslashes escaped and quotes doubled.
 * Invisible spaces beyond ASCII (no-break space, line separator, …) are written as `\uXXXX`
 * except in DuckDB, which has no such escape and gets the character itself.
 *
 * @example
 * import { quoteString } from "./quoting";
 * quoteString("Bob's", "postgres"); // => "'Bob''s'"
 * quoteString("a\\b\n", "postgres"); // => "E'a\\\\b\\n'"
 * quoteString("Bob's", "bigquery"); // => "'Bob\\'s'"
 */
export function quoteString(text: string, dialect: SqlDialect): string {
  switch (dialect) {
    case "duckdb":
    case "postgres": {
      const wide = dialect === "postgres" && new RegExp(WIDE_SPACE.source).test(text);
      if (!text.includes("\\") && !CONTROL.test(text) && !wide) return `'${text.replace(/'/g, "''")}'`;
      return `E'${escapeControls(text.replace(/\\/g, "\\\\").replace(/'/g, "''"), (c) => `\\x${hex2(c)}`, dialect === "postgres")}'`;
    }
    case "bigquery":
      return `'${escapeControls(text.replace(/\\/g, "\\\\").replace(/'/g, "\\'"), (c) => `\\x${hex2(c)}`)}'`;
    case "snowflake":
      return `'${escapeControls(text.replace(/\\/g, "\\\\").replace(/'/g, "''"), (c) => `\\x${hex2(c)}`)}'`;
    case "spark":
      return `'${escapeControls(text.replace(/\\/g, "\\\\").replace(/'/g, "\\'"), (c) => `\\u${hex4(c)}`)}'`;
  }
}

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A quoted identifier (a column, a view or one part of a table name):
 * - duckdb, postgres: `"name"` with double quotes doubled, exactly as written;
 * - snowflake: a plain name (letters, digits, `_`) is upper-cased and quoted (`"EMPLOYEES"`),
 *   which is the column an unquoted name creates; any other name is quoted as written;
 * - bigquery: `` `name` `` with backslash escapes; spark: `` `name` `` with backticks doubled.
 *
 * @example
 * import { quoteIdentifier } from "./quoting";
 * quoteIdentifier('team "size"', "postgres"); // => '"team ""size"""'
 * quoteIdentifier("employees", "snowflake"); // => '"EMPLOYEES"'
 * quoteIdentifier("a`b", "spark"); // => "`a``b`"
 */
export function quoteIdentifier(name: string, dialect: SqlDialect): string {
  switch (dialect) {
    case "duckdb":
    case "postgres":
      return `"${name.replace(/"/g, '""')}"`;
    case "snowflake":
      return SIMPLE.test(name) ? `"${name.toUpperCase()}"` : `"${name.replace(/"/g, '""')}"`;
    case "bigquery":
      return `\`${escapeControls(name.replace(/\\/g, "\\\\").replace(/`/g, "\\`"), (c) => `\\x${hex2(c)}`, false)}\``;
    case "spark":
      return `\`${name.replace(/`/g, "``")}\``;
  }
}

/**
 * A quoted table or view name. Dots separate the parts (`schema.table`,
 * `catalog.schema.table`), each quoted with {@link quoteIdentifier}; BigQuery takes the whole
 * path in one pair of backticks (`` `project.dataset.table` ``).
 *
 * @example
 * import { quoteTableName } from "./quoting";
 * quoteTableName("crm.leads", "postgres"); // => '"crm"."leads"'
 * quoteTableName("my-project.crm.leads", "bigquery"); // => "`my-project.crm.leads`"
 */
export function quoteTableName(name: string, dialect: SqlDialect): string {
  if (dialect === "bigquery") return quoteIdentifier(name, dialect);
  return name
    .split(".")
    .map((part) => quoteIdentifier(part, dialect))
    .join(".");
}

/**
 * A number literal: the shortest text that reads back as the same double (`0.1`, `2000`,
 * `1e+21`). Throws for a number no SQL literal can hold (NaN, ±Infinity).
 *
 * @example
 * import { sqlNumber } from "./quoting";
 * sqlNumber(0.5); // => "0.5"
 * sqlNumber(-20); // => "-20"
 */
export function sqlNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`sqlNumber: ${x} has no SQL literal`);
  return String(x);
}

/**
 * Text made safe for a `--` comment: control characters (a newline would end the comment)
 * become spaces.
 *
 * @example
 * import { sqlComment } from "./quoting";
 * sqlComment("x\nDROP TABLE t"); // => "-- x DROP TABLE t"
 */
export function sqlComment(text: string): string {
  return `-- ${text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ")}`;
}

/**
 * A regular expression that matches `text` literally in every dialect's engine (RE2, POSIX
 * and Java): the metacharacters `\ ^ $ . | ? * + ( ) [ ] { }` are escaped with a backslash,
 * everything else stays as it is.
 *
 * @example
 * import { regexLiteral } from "./quoting";
 * regexLiteral("a|b."); // => "a\\|b\\."
 */
export function regexLiteral(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
}
