import { quoteIdentifier, quoteString, quoteTableName } from "./quoting";

/**
 * The SQL dialects the scoring view is generated for.
 *
 * @example
 * import { SQL_DIALECTS } from "leadlab";
 * SQL_DIALECTS.includes("postgres"); // => true
 */
export const SQL_DIALECTS = ["duckdb", "postgres", "bigquery", "snowflake", "spark"] as const;

/** A SQL dialect of {@link SQL_DIALECTS}. */
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/**
 * How one engine spells the operations of the scoring view. Arguments are SQL expressions
 * (literals already quoted); results are SQL expressions.
 */
export interface Dialect {
  name: SqlDialect;
  /** A string literal of the dialect (see {@link quoteString}). */
  string(text: string): string;
  /** A quoted identifier: a column, a view or one part of a table name (see {@link quoteIdentifier}). */
  identifier(name: string): string;
  /** A quoted table or view name, dots separating its parts (see {@link quoteTableName}). */
  table(name: string): string;
  /** Any value as text (numbers, booleans and dates keep their engine's text form). */
  text(expr: string): string;
  /** Text already checked to be a plain decimal number, as a double. */
  double(expr: string): string;
  /** `expr` with the characters of `chars` (raw text, quoted here) removed from both ends. */
  trim(expr: string, chars: string): string;
  /** True when the regular expression (a quoted literal) is found anywhere in `expr`. */
  regexFind(expr: string, pattern: string): string;
  /** `expr` with every match of the regular expression (a quoted literal) replaced by `replacement` (a quoted literal without group references). */
  regexReplaceAll(expr: string, pattern: string, replacement: string): string;
  /**
   * Epoch milliseconds (as a whole number) of ISO date or timestamp text, read as the loader
   * reads it: text with an offset (`Z`, `+02`, `-05:30`) is that instant; text without one is a
   * wall-clock time in `timeZone` (an IANA name: the rules' `inputs.timeZone`, UTC when absent).
   * With `dateFormat` (the rules' `inputs.dateFormat`, strftime codes) the text is read with that
   * format, as the loader read it; only DuckDB, whose `strptime` the loader uses, can so far (the
   * others throw, saying so). NULL when it does not parse.
   */
  epochMs(text: string, timeZone: string, dateFormat?: string): string;
  /** Whole days since the epoch of epoch milliseconds: floor(ms / 86,400,000). */
  epochDay(ms: string): string;
  /** A difference of epoch milliseconds in days, as a fractional double. */
  msToDays(ms: string): string;
  /**
   * A whole-number double as the dialect's exact integer type, whose sums are exact in any
   * order: DuckDB HUGEINT, PostgreSQL bigint (summed as numeric), BigQuery INT64, Snowflake
   * NUMBER(38, 0), Spark DECIMAL(38, 0). PostgreSQL and BigQuery refuse a value past ±9.2·10^18
   * (an error, never a wrong sum).
   */
  exactInteger(expr: string): string;
  /** Aggregates over the rows where `cond` holds. */
  countIf(cond: string): string;
  sumIf(value: string, cond: string): string;
  countDistinctIf(value: string, cond: string): string;
  maxIf(value: string, cond: string): string;
  /** Two strings joined. */
  concat(a: string, b: string): string;
  /** The statement head that creates or replaces a view. */
  createView(quotedName: string): string;
  /**
   * The head of a CTE whose rows are computed once (PostgreSQL would otherwise inline it and
   * parse each event's time again for every pair of the join): `name AS MATERIALIZED (`.
   */
  materializedCte(name: string): string;
  /** The engine version the view needs, when not any maintained one (said in the view's header). */
  requires?: string;
}

const filtered = {
  countIf: (c: string) => `count(*) FILTER (WHERE ${c})`,
  sumIf: (v: string, c: string) => `sum(${v}) FILTER (WHERE ${c})`,
  countDistinctIf: (v: string, c: string) => `count(DISTINCT ${v}) FILTER (WHERE ${c})`,
  maxIf: (v: string, c: string) => `max(${v}) FILTER (WHERE ${c})`,
};

const caseWhen = {
  countIf: (c: string) => `SUM(CASE WHEN ${c} THEN 1 ELSE 0 END)`,
  sumIf: (v: string, c: string) => `SUM(CASE WHEN ${c} THEN ${v} END)`,
  countDistinctIf: (v: string, c: string) => `COUNT(DISTINCT CASE WHEN ${c} THEN ${v} END)`,
  maxIf: (v: string, c: string) => `MAX(CASE WHEN ${c} THEN ${v} END)`,
};

const DAY_MS = 86_400_000;

/** Undefined without a date format; else throws: this dialect's view cannot read dates in the loader's formats yet. */
function formatNotRead(name: SqlDialect, format: string | undefined): undefined {
  if (format === undefined) return undefined;
  throw new Error(
    `the rules read dates written as "${format}" (inputs.dateFormat, the dataset spec's date_format); the ${name} SQL reads ISO 8601 dates only so far. Fix: generate the duckdb SQL, or write the dates as ISO 8601 (YYYY-MM-DD HH:MM:SS) and remove inputs.dateFormat from the rules.`,
  );
}

/** A time of day followed by a UTC offset or `Z` at the end of the text: an instant, not a wall-clock time. */
const WITH_OFFSET = "[0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? *([+-][0-9]{2}(:?[0-9]{2})?|[Zz])$";

/**
 * The spelling of each dialect:
 * - time: text with an offset is cast to the engine's instant type (DuckDB `TIMESTAMPTZ`,
 *   PostgreSQL `timestamptz`, BigQuery `TIMESTAMP`, Snowflake `TIMESTAMP_TZ`, Spark
 *   `try_to_timestamp`); text without one is a wall-clock time placed in the rules' zone
 *   (DuckDB `timezone(zone, …)`, PostgreSQL `AT TIME ZONE`, BigQuery `TIMESTAMP(datetime,
 *   zone)`, Snowflake `CONVERT_TIMEZONE`, Spark `to_utc_timestamp`), so no session setting
 *   changes a feature; PostgreSQL reads ISO text only (checked first, as the cast would fail
 *   the query); Spark needs 3.4 (`try_to_timestamp`, `unix_millis`);
 * - conditional aggregates: `FILTER (WHERE …)` in DuckDB and PostgreSQL, `SUM(CASE …)`,
 *   `COUNTIF` / `COUNT_IF` elsewhere;
 * - regular expressions: `regexp_matches`, `~`, `REGEXP_CONTAINS`, `REGEXP_INSTR`, `RLIKE`;
 *   every match replaced: `regexp_replace(…, 'g')` in DuckDB and PostgreSQL, `REGEXP_REPLACE`
 *   (global already) elsewhere;
 * - trimming a set of characters: `btrim` in PostgreSQL and Spark (≥ 3.2, where it is
 *   `TRIM(BOTH … FROM …)` by another name), `TRIM(x, chars)` in BigQuery and Snowflake;
 * - division: days are computed as a double divided by 86,400,000, never integer division.
 *
 * @example
 * import { dialect } from "leadlab";
 * dialect("duckdb").epochMs("t", "UTC").endsWith("ELSE epoch_ms(TRY_CAST(t AS TIMESTAMP)) END"); // => true
 * dialect("postgres").identifier("Bob's"); // => "\"Bob's\""
 */
export function dialect(name: SqlDialect): Dialect {
  return {
    ...spelling(name),
    string: (text) => quoteString(text, name),
    identifier: (id) => quoteIdentifier(id, name),
    table: (table) => quoteTableName(table, name),
  };
}

/** The operations of {@link dialect} other than quoting. */
function spelling(name: SqlDialect): Omit<Dialect, "string" | "identifier" | "table"> {
  switch (name) {
    case "duckdb":
      return {
        name,
        text: (e) => `CAST(${e} AS VARCHAR)`,
        double: (e) => `CAST(${e} AS DOUBLE)`,
        // DuckDB's trim with a character set is slow (about 2 µs a value); a regular expression
        // finds the few values that need it.
        trim: (e, chars) => {
          const set = `[${chars.replace(/[\\\]^-]/g, (c) => `\\${c}`)}]`;
          return `CASE WHEN regexp_matches(${e}, ${quoteString(`^${set}|${set}$`, name)}) THEN trim(${e}, ${quoteString(chars, name)}) ELSE ${e} END`;
        },
        regexFind: (e, p) => `regexp_matches(${e}, ${p})`,
        regexReplaceAll: (e, p, r) => `regexp_replace(${e}, ${p}, ${r}, 'g')`,
        epochMs: (t, zone, format) =>
          format !== undefined
            ? `epoch_ms(${zone === "UTC" ? `try_strptime(${t}, ${quoteString(format, name)})` : `timezone(${quoteString(zone, name)}, try_strptime(${t}, ${quoteString(format, name)}))`})`
            : `CASE WHEN regexp_matches(${t}, ${quoteString(WITH_OFFSET, name)}) THEN epoch_ms(TRY_CAST(${t} AS TIMESTAMPTZ)) ` +
          `ELSE epoch_ms(${zone === "UTC" ? `TRY_CAST(${t} AS TIMESTAMP)` : `timezone(${quoteString(zone, name)}, TRY_CAST(${t} AS TIMESTAMP))`}) END`,
        epochDay: (ms) => `floor(${ms} / ${DAY_MS}.0)`,
        msToDays: (ms) => `CAST(${ms} AS DOUBLE) / ${DAY_MS}`,
        exactInteger: (e) => `CAST(${e} AS HUGEINT)`,
        ...filtered,
        concat: (a, b) => `concat(${a}, ${b})`,
        createView: (v) => `CREATE OR REPLACE VIEW ${v} AS`,
        materializedCte: (n) => `${n} AS (`,
      };
    case "postgres":
      return {
        name,
        text: (e) => `CAST(${e} AS text)`,
        double: (e) => `CAST(${e} AS double precision)`,
        trim: (e, chars) => `btrim(${e}, ${quoteString(chars, name)})`,
        regexFind: (e, p) => `(${e} ~ ${p})`,
        regexReplaceAll: (e, p, r) => `regexp_replace(${e}, ${p}, ${r}, 'g')`,
        epochMs: (t, zone, format) =>
          formatNotRead(name, format) ??
          `CASE WHEN ${t} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)? *([+-][0-9]{2}(:?[0-9]{2})?|[Zz])?$' THEN CAST(floor(extract(epoch FROM ` +
          `CASE WHEN ${t} ~ ${quoteString(WITH_OFFSET, name)} THEN CAST(${t} AS timestamptz) ELSE CAST(${t} AS timestamp) AT TIME ZONE ${quoteString(zone, name)} END) * 1000) AS bigint) END`,
        epochDay: (ms) => `floor(${ms} / ${DAY_MS}.0)`,
        msToDays: (ms) => `CAST(${ms} AS double precision) / ${DAY_MS}`,
        // bigint, not numeric: a double becomes numeric through its 15 significant digits.
        exactInteger: (e) => `CAST(${e} AS bigint)`,
        ...filtered,
        concat: (a, b) => `concat(${a}, ${b})`,
        createView: (v) => `CREATE OR REPLACE VIEW ${v} AS`,
        materializedCte: (n) => `${n} AS MATERIALIZED (`,
      };
    case "bigquery":
      return {
        name,
        text: (e) => `CAST(${e} AS STRING)`,
        double: (e) => `CAST(${e} AS FLOAT64)`,
        trim: (e, chars) => `TRIM(${e}, ${quoteString(chars, name)})`,
        regexFind: (e, p) => `REGEXP_CONTAINS(${e}, ${p})`,
        regexReplaceAll: (e, p, r) => `REGEXP_REPLACE(${e}, ${p}, ${r})`,
        epochMs: (t, zone, format) =>
          formatNotRead(name, format) ??
          `CASE WHEN REGEXP_CONTAINS(${t}, ${quoteString(WITH_OFFSET, name)}) THEN UNIX_MILLIS(SAFE_CAST(${t} AS TIMESTAMP)) ` +
          `ELSE UNIX_MILLIS(TIMESTAMP(SAFE_CAST(${t} AS DATETIME), ${quoteString(zone, name)})) END`,
        epochDay: (ms) => `CAST(FLOOR(${ms} / ${DAY_MS}) AS INT64)`,
        msToDays: (ms) => `CAST(${ms} AS FLOAT64) / ${DAY_MS}`,
        exactInteger: (e) => `CAST(${e} AS INT64)`,
        countIf: (c) => `COUNTIF(${c})`,
        sumIf: (v, c) => `SUM(IF(${c}, ${v}, NULL))`,
        countDistinctIf: (v, c) => `COUNT(DISTINCT IF(${c}, ${v}, NULL))`,
        maxIf: (v, c) => `MAX(IF(${c}, ${v}, NULL))`,
        concat: (a, b) => `CONCAT(${a}, ${b})`,
        createView: (v) => `CREATE OR REPLACE VIEW ${v} AS`,
        materializedCte: (n) => `${n} AS (`,
      };
    case "snowflake":
      return {
        name,
        text: (e) => `CAST(${e} AS VARCHAR)`,
        double: (e) => `CAST(${e} AS DOUBLE)`,
        trim: (e, chars) => `TRIM(${e}, ${quoteString(chars, name)})`,
        regexFind: (e, p) => `(REGEXP_INSTR(${e}, ${p}) > 0)`,
        regexReplaceAll: (e, p, r) => `REGEXP_REPLACE(${e}, ${p}, ${r})`,
        epochMs: (t, zone, format) =>
          formatNotRead(name, format) ??
          `CASE WHEN REGEXP_INSTR(${t}, ${quoteString(WITH_OFFSET, name)}) > 0 THEN DATE_PART(epoch_millisecond, TRY_CAST(${t} AS TIMESTAMP_TZ)) ` +
          `ELSE DATE_PART(epoch_millisecond, ${zone === "UTC" ? `TRY_CAST(${t} AS TIMESTAMP_NTZ)` : `CONVERT_TIMEZONE(${quoteString(zone, name)}, 'UTC', TRY_CAST(${t} AS TIMESTAMP_NTZ))`}) END`,
        epochDay: (ms) => `FLOOR(${ms} / ${DAY_MS})`,
        msToDays: (ms) => `CAST(${ms} AS DOUBLE) / ${DAY_MS}`,
        exactInteger: (e) => `CAST(${e} AS NUMBER(38, 0))`,
        countIf: (c) => `COUNT_IF(${c})`,
        sumIf: (v, c) => `SUM(IFF(${c}, ${v}, NULL))`,
        countDistinctIf: (v, c) => `COUNT(DISTINCT IFF(${c}, ${v}, NULL))`,
        maxIf: (v, c) => `MAX(IFF(${c}, ${v}, NULL))`,
        concat: (a, b) => `CONCAT(${a}, ${b})`,
        createView: (v) => `CREATE OR REPLACE VIEW ${v} AS`,
        materializedCte: (n) => `${n} AS (`,
      };
    case "spark":
      return {
        name,
        text: (e) => `CAST(${e} AS STRING)`,
        double: (e) => `CAST(${e} AS DOUBLE)`,
        trim: (e, chars) => `btrim(${e}, ${quoteString(chars, name)})`,
        regexFind: (e, p) => `(${e} RLIKE ${p})`,
        regexReplaceAll: (e, p, r) => `regexp_replace(${e}, ${p}, ${r})`,
        epochMs: (t, zone, format) =>
          formatNotRead(name, format) ??
          `CASE WHEN ${t} RLIKE ${quoteString(WITH_OFFSET, name)} THEN unix_millis(try_to_timestamp(${t})) ` +
          `ELSE unix_millis(to_utc_timestamp(try_to_timestamp(${t}), ${quoteString(zone, name)})) END`,
        epochDay: (ms) => `FLOOR(${ms} / ${DAY_MS})`,
        msToDays: (ms) => `CAST(${ms} AS DOUBLE) / ${DAY_MS}`,
        exactInteger: (e) => `CAST(${e} AS DECIMAL(38, 0))`,
        ...caseWhen,
        concat: (a, b) => `concat(${a}, ${b})`,
        createView: (v) => `CREATE OR REPLACE VIEW ${v} AS`,
        materializedCte: (n) => `${n} AS (`,
        requires: "Spark 3.4 or later (btrim, try_to_timestamp, unix_millis)",
      };
  }
}
