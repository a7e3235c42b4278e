import { CURRENCY_MARKS, type DecimalMark } from "../formats/vocabulary";
import type { Dialect } from "./dialects";
import { regexLiteral } from "./quoting";

/*
 * How the view reads a raw column, written once for every dialect and matching the runtime
 * scorer (score.ts) and the loader: text trimmed of the characters JavaScript's trim()
 * removes, empty text (and the `missing` tokens) as missing, the loader's number grammar,
 * its boolean tokens, and the items of a multi-valued column.
 */

/**
 * Exactly the characters `String.prototype.trim` removes (a test holds them equal): the view
 * trims text as the runtime scorer and the loader do.
 *
 * @example
 * import { TRIM_CHARACTERS } from "./text-values";
 * TRIM_CHARACTERS.includes("\u00a0"); // => true
 */
export const TRIM_CHARACTERS = "\t\n\u000b\u000c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/**
 * The loader's plain decimal number (`parseNumber`), as a regular expression every engine reads alike.
 *
 * @example
 * import { NUMBER_PATTERN } from "./text-values";
 * new RegExp(NUMBER_PATTERN).test("1e3"); // => true
 */
export const NUMBER_PATTERN = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$";

const TRUE_TOKENS = ["true", "t", "yes", "y", "1"];
const FALSE_TOKENS = ["false", "f", "no", "n", "0"];

/**
 * A column as text trimmed of {@link TRIM_CHARACTERS}.
 *
 * @example
 * import { dialect } from "leadlab";
 * import { trimmedText } from "./text-values";
 * trimmedText(dialect("spark"), "l.`x`").startsWith("btrim(CAST(l.`x` AS STRING), '\\t\\n"); // => true
 */
export function trimmedText(d: Dialect, column: string): string {
  return d.trim(d.text(column), TRIM_CHARACTERS);
}

/**
 * Trimmed text as NULL when empty or one of the `missing` tokens (compared after trimming).
 *
 * @example
 * import { dialect } from "leadlab";
 * import { missingAsNull } from "./text-values";
 * missingAsNull(dialect("duckdb"), "r1", []); // => "NULLIF(r1, '')"
 * missingAsNull(dialect("duckdb"), "r1", ["NA"]); // => "CASE WHEN r1 IN ('', 'NA') THEN NULL ELSE r1 END"
 */
export function missingAsNull(d: Dialect, trimmed: string, missing: readonly string[]): string {
  const tokens = [...new Set(missing.map((m) => m.trim()).filter((m) => m !== ""))];
  if (tokens.length === 0) return `NULLIF(${trimmed}, '')`;
  return `CASE WHEN ${trimmed} IN (${["", ...tokens].map((t) => d.string(t)).join(", ")}) THEN NULL ELSE ${trimmed} END`;
}

/** The smallest text of digits that reads as an infinite double: 2^1024 − 2^970 (309 digits). */
const OVERFLOW_DIGITS = (2n ** 1024n - 2n ** 970n).toString();
/** Number text that every engine casts to a finite double without error: at most 200 characters and an exponent of at most two digits (|x| < 1e299, and 0 or |x| > 1e-299). */
const SAFE_NUMBER_PATTERN = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,2})?$";

/**
 * Normalized text as a double when it is a plain decimal number that a double holds, else
 * NULL: the runtime scorer's reading, where "1e400" is not a finite number (and cannot be
 * scored) and a number smaller than 1e-300 in size ("1e-400") reads as 0. No engine is asked to cast text it would refuse or read
 * as infinite (PostgreSQL fails the whole query on "1e400" or "1e-400"): short numbers with
 * small exponents are cast directly; for the others the view works out the decimal exponent
 * from the text, and compares the digits with 2^1024 − 2^970 where the exponent is 309.
 *
 * @example
 * import { dialect } from "leadlab";
 * import { numberOfText } from "./text-values";
 * numberOfText(dialect("postgres"), "t").startsWith("CASE WHEN length(t) <= 200 AND (t ~ '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,2})?$') THEN CAST(t AS double precision)"); // => true
 */
export function numberOfText(d: Dialect, text: string): string {
  const q = (s: string) => d.string(s);
  const cut = (e: string, pattern: string) => `regexp_replace(${e}, ${q(pattern)}, '')`;
  const mantissa = cut(cut(text, "[eE].*$"), "^[+-]");
  const intDigits = cut(cut(mantissa, "[.].*$"), "^0+");
  const fraction = `CASE WHEN ${d.regexFind(mantissa, q("[.]"))} THEN ${cut(mantissa, "^[^.]*[.]")} ELSE '' END`;
  const fractionDigits = cut(fraction, "^0+");
  const exponentText = `CASE WHEN ${d.regexFind(text, q("[eE]"))} THEN ${cut(text, "^[^eE]*[eE]")} ELSE '0' END`;
  const exponentDigits = cut(exponentText, "^[+-]?0*");
  const exponent = `(CASE WHEN ${d.regexFind(exponentText, q("^-"))} THEN -1 ELSE 1 END * CAST(CASE WHEN ${exponentDigits} = '' THEN '0' ELSE ${exponentDigits} END AS INTEGER))`;
  // The decimal exponent E of the number 0.d1d2… × 10^E, and its significant digits d1d2….
  const order = `(CASE WHEN ${intDigits} <> '' THEN length(${intDigits}) ELSE length(${fractionDigits}) - length(${fraction}) END + ${exponent})`;
  const digits = `CASE WHEN ${intDigits} <> '' THEN ${d.concat(intDigits, fraction)} ELSE ${fractionDigits} END`;
  const zero = d.double("'0'");
  const exact = [
    `CASE WHEN ${intDigits} = '' AND ${fractionDigits} = '' THEN ${zero}`,
    `WHEN length(${exponentDigits}) > 6 THEN CASE WHEN ${d.regexFind(exponentText, q("^-"))} THEN ${zero} END`,
    `WHEN ${order} > 309 THEN NULL`,
    `WHEN ${order} = 309 AND NOT (left(rpad(${digits}, 309, '0'), 309) < ${q(OVERFLOW_DIGITS)}) THEN NULL`,
    `WHEN ${order} < -299 THEN ${zero}`,
    `ELSE ${d.double(text)} END`,
  ].join(" ");
  return `CASE WHEN length(${text}) <= 200 AND ${d.regexFind(text, q(SAFE_NUMBER_PATTERN))} THEN ${d.double(text)} WHEN ${d.regexFind(text, q(NUMBER_PATTERN))} THEN ${exact} END`;
}

/**
 * Normalized text as 'true' / 'false' when it is a boolean token (any case), else NULL.
 *
 * @example
 * import { dialect } from "leadlab";
 * import { booleanOfText } from "./text-values";
 * booleanOfText(dialect("duckdb"), "t").includes("'yes'"); // => true
 */
export function booleanOfText(d: Dialect, text: string): string {
  const list = (tokens: string[]) => tokens.map((t) => d.string(t)).join(", ");
  return `CASE WHEN lower(${text}) IN (${list(TRUE_TOKENS)}) THEN 'true' WHEN lower(${text}) IN (${list(FALSE_TOKENS)}) THEN 'false' END`;
}

/**
 * Whether a multi-valued column holds an item: 'true' / 'false', or NULL when the text is
 * missing or has no item (only separators and spaces). Items are split at `separator` and
 * trimmed, as the loader and the runtime scorer do.
 *
 * @example
 * import { dialect } from "leadlab";
 * import { containsItem } from "./text-values";
 * containsItem(dialect("duckdb"), "t", "AWS", ";").includes("regexp_matches"); // => true
 */
export function containsItem(d: Dialect, text: string, item: string, separator: string): string {
  const ws = `[${TRIM_CHARACTERS}]`;
  const sep = regexLiteral(separator);
  const q = (pattern: string) => d.string(pattern);
  const noItem = `${text} IS NULL OR ${d.regexFind(text, q(`^(${ws}|${sep})*$`))}`;
  const value = item.trim();
  if (value === "" || value.includes(separator)) return `CASE WHEN ${noItem} THEN NULL ELSE 'false' END`;
  const found = d.regexFind(text, q(`(^|${sep})${ws}*${regexLiteral(value)}${ws}*(${sep}|$)`));
  return `CASE WHEN ${noItem} THEN NULL WHEN ${found} THEN 'true' ELSE 'false' END`;
}

/** A regular-expression alternative of the currency marks, upper case, written without backslashes (`[$]`) so every engine's string literal carries it alike. */
const CURRENCY_PATTERN = `(${CURRENCY_MARKS.map((c) => c.replace(/\$/g, "[$]")).join("|")})`;

/**
 * The loader's reading of numbers as exports write them (`readNumberText`: "$62,000.00",
 * "(1.200,50 €)", "12 %"), as a regular expression over upper-cased text: optional parentheses,
 * up to two signs around an optional currency prefix, the digits (thousands grouped by one
 * separator, a decimal part, an exponent only for plain digits), then a currency suffix (only
 * without a prefix) and a percent sign.
 */
function formattedNumberPattern(decimal: DecimalMark): string {
  const ws = `[${TRIM_CHARACTERS}]`;
  const sign = `([+-]${ws}*)`;
  const separators = [decimal === "." ? "," : "[.]", "'", " ", "\u00a0", "\u202f"];
  const grouped = `[1-9][0-9]{0,2}(${separators.map((s) => `(${s}[0-9]{3})+`).join("|")})`;
  const mark = decimal === "." ? "[.]" : ",";
  const fraction = decimal === "." ? `(${mark}[0-9]*)?` : `(${mark}[0-9]+)?`;
  const digits = `((${grouped})${fraction}|[0-9]+${fraction}|${mark}[0-9]+)`;
  const exponentDigits = `([0-9]+([.][0-9]*)?|[.][0-9]+)(E[+-]?[0-9]+)?`;
  const plain = decimal === "." ? exponentDigits : digits;
  const percent = `(${ws}*%)?`;
  const body = [
    `${sign}?${sign}?${plain}`,
    `${sign}?${sign}?${digits}(${ws}?${CURRENCY_PATTERN})?${percent}`,
    `${sign}?${CURRENCY_PATTERN}${ws}?${sign}?${digits}${percent}`,
  ].join("|");
  return `^([(]${ws}*(${body})${ws}*[)]|${body})$`;
}

/**
 * Trimmed text written as exports write numbers, as plain decimal text for {@link numberOfText}
 * (currency, thousands separators and the percent sign dropped, the decimal mark made a point,
 * parentheses and minus signs giving the sign), exactly when the loader's `readNumberText`
 * reads it with that decimal mark; NULL otherwise, so the lead cannot be scored, as the runtime
 * scorer says.
 *
 * @example
 * import { dialect } from "leadlab";
 * import { formattedNumberText } from "./text-values";
 * formattedNumberText(dialect("postgres"), "t", ",").startsWith("CASE WHEN (upper(replace(t, '−', '-')) ~ E'^([(]"); // => true
 */
export function formattedNumberText(d: Dialect, text: string, decimal: DecimalMark): string {
  const q = (s: string) => d.string(s);
  const u = `upper(replace(${text}, ${q("\u2212")}, '-'))`;
  const count = (needle: string) => `(length(${u}) - length(replace(${u}, ${q(needle)}, '')))`;
  // Minus signs outside the exponent, and the parentheses: an odd number makes the number negative.
  const exponentMinus = `(length(${u}) - length(replace(${u}, 'E-', 'E')))`;
  const minus = `(CASE WHEN ${d.regexFind(u, q("^[(]"))} THEN 1 ELSE 0 END + ${count("-")} - ${exponentMinus})`;
  const noCurrency = d.regexReplaceAll(u, q(CURRENCY_PATTERN), "''");
  const kept = d.regexReplaceAll(noCurrency, q(decimal === "." ? "[^0-9.E+-]" : "[^0-9,]"), "''");
  const unsigned = d.regexReplaceAll(decimal === "." ? kept : `replace(${kept}, ',', '.')`, q("^[+-]+"), "''");
  return `CASE WHEN ${d.regexFind(u, q(formattedNumberPattern(decimal)))} THEN ${d.concat(`CASE WHEN ${minus} IN (1, 3) THEN '-' ELSE '' END`, unsigned)} END`;
}
