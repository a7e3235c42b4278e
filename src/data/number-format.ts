import { CURRENCY_MARKS, type DecimalMark } from "../formats/vocabulary";

/**
 * Numbers as exports write them: thousands separators ("1,234", "1.234.567", "1 234"),
 * currency ("$62,000.00", "€1.200,50", "1200 EUR"), percentages ("12%" reads as 12, the
 * number shown) and accounting negatives ("(1,234)"). A column is read with one decimal mark;
 * the other of '.' and ',' (or a space or an apostrophe) is its thousands separator. Written
 * here because the rules (which mark a column uses, when it is ambiguous) are the loader's
 * own and must be said in the load report.
 */

const CURRENCY = CURRENCY_MARKS.map((c) => c.replace(/\$/g, "\\$")).join("|");
const PREFIX = new RegExp(`^(${CURRENCY})\\s?`, "i");
const SUFFIX = new RegExp(`\\s?(${CURRENCY})$`, "i");
/** The common case, read without the general rules: plain numbers (with a decimal point) or integers. */
const PLAIN_POINT = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*$/;
const PLAIN_INTEGER = /^\s*([+-]?\d+)\s*$/;
const BODY: Record<DecimalMark, RegExp> = {
  ".": /^(?:([1-9]\d{0,2}(?:([,' \u00a0\u202f])\d{3})(?:\2\d{3})*)|(\d*))(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/,
  ",": /^(?:([1-9]\d{0,2}(?:([.' \u00a0\u202f])\d{3})(?:\2\d{3})*)|(\d*))(?:,(\d+))?()$/,
};

/** One value read as a number, with the marks it carried. */
export interface NumberText {
  value: number;
  /** The currency symbol or code, upper-cased, when there was one. */
  currency?: string;
  percent: boolean;
  /** A thousands separator was used. */
  grouped: boolean;
}

/**
 * Reads one value as a number with the given decimal mark, or undefined when it is not one.
 * The value may be non-finite ("1e400" gives Infinity): callers decide what that means.
 *
 * @example
 * import { readNumberText } from "leadlab";
 * readNumberText("$62,000.00", ".")?.value; // => 62000
 * readNumberText("€1.200,50", ",")?.value; // => 1200.5
 * readNumberText("12 %", ".")?.value; // => 12
 * readNumberText("n/a", "."); // => undefined
 */
export function readNumberText(text: string, decimal: DecimalMark): NumberText | undefined {
  const simple = (decimal === "." ? PLAIN_POINT : PLAIN_INTEGER).exec(text);
  if (simple) return { value: Number(simple[1]), percent: false, grouped: false };
  if (!/\d/.test(text)) return undefined;
  let s = text.trim().replace(/\u2212/g, "-");
  let negative = false;
  if (s[0] === "(" && s[s.length - 1] === ")") [s, negative] = [s.slice(1, -1).trim(), true];
  [s, negative] = readSign(s, negative);
  let currency: string | undefined;
  const pre = PREFIX.exec(s);
  if (pre) [currency, s] = [pre[1].toUpperCase(), s.slice(pre[0].length)];
  [s, negative] = readSign(s, negative);
  const percent = s.endsWith("%");
  if (percent) s = s.slice(0, -1).trimEnd();
  const suf = currency === undefined && /[^\d.,]$/.test(s) ? SUFFIX.exec(s) : null;
  if (suf) [currency, s] = [suf[1].toUpperCase(), s.slice(0, suf.index)];
  const m = BODY[decimal].exec(s);
  if (!m) return undefined;
  const [, grouped, , plain, frac, exp] = m;
  const int = grouped ? grouped.replace(/\D/g, "") : plain;
  if (!int && !frac) return undefined;
  if (exp !== undefined && exp !== "" && (grouped || currency || percent)) return undefined;
  const x = Number(`${int || "0"}.${frac ?? "0"}e${exp || "0"}`);
  return { value: negative ? -x : x, ...(currency ? { currency } : {}), percent, grouped: !!grouped };
}

/** A leading sign taken off the text, flipping `negative` for a minus. */
function readSign(s: string, negative: boolean): [string, boolean] {
  return s[0] === "-" || s[0] === "+" ? [s.slice(1).trim(), s[0] === "-" ? !negative : negative] : [s, negative];
}

/**
 * What the rules must know to read a column's new values as training read them: its decimal
 * mark, when the column wrote numbers as exports do (thousands separators, currency, percent
 * signs, or a decimal comma); undefined for plain numbers.
 *
 * @example
 * import { detectNumberFormat, numberFormatRule } from "leadlab";
 * numberFormatRule(detectNumberFormat(["$62,000.00", "$1,200.50"])); // => { decimal: "." }
 * numberFormatRule(detectNumberFormat(["12", "3.5"])); // => undefined
 */
export function numberFormatRule(f: NumberFormat | undefined): { decimal: DecimalMark } | undefined {
  return f && (f.grouped > 0 || f.currencies.length > 0 || f.percent > 0 || f.decimal === ",") ? { decimal: f.decimal } : undefined;
}

/** The ISO 4217 code of each currency mark of {@link CURRENCY_MARKS} that is a symbol ("$" is read as US dollars). */
const SYMBOL_CODES: Record<string, string> = {
  "US$": "USD", "CA$": "CAD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "R$": "BRL", "A$": "AUD", "C$": "CAD", "S$": "SGD",
  $: "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
};

/**
 * The currency of a column's numbers, as an ISO 4217 code, when its values carry exactly one
 * currency mark (a code, or a symbol read as its usual currency: "$" as USD); undefined otherwise.
 *
 * @example
 * import { columnCurrency, detectNumberFormat } from "leadlab";
 * [columnCurrency(detectNumberFormat(["€1.200,50", "€99"])), columnCurrency(detectNumberFormat(["12", "13"]))]; // => ["EUR", undefined]
 */
export function columnCurrency(f: NumberFormat): string | undefined {
  if (f.currencies.length !== 1) return undefined;
  const mark = f.currencies[0];
  return SYMBOL_CODES[mark] ?? (/^[A-Z]{3}$/.test(mark) ? mark : undefined);
}

/** How a column writes its numbers, decided from all its values. */
export interface NumberFormat {
  decimal: DecimalMark;
  /** Why this decimal mark (e.g. "'.' (default)", "',' (values like \"12,5\")"). */
  decimalWhy: string;
  /** Values with a thousands separator. */
  grouped: number;
  /** Distinct currencies seen, upper-cased. */
  currencies: string[];
  /** Values with a percent sign. */
  percent: number;
  /** Set when the column cannot be read as numbers without the user saying how. */
  ambiguous?: string;
}

/**
 * Decides how a column writes its numbers. The decimal mark is ',' when more values only read
 * with it ("12,5", "1.234,5", "1.234.567") than read only with '.' or look like "1,234"
 * (which exports write for 1234: ',' as thousands separator, said in the load report); else '.'. Ambiguous, so left
 * as text until `decimal:` is set: "1.200"-style values (1.2 or 1200?) with a currency and
 * no value that settles it, and a column that mixes currencies.
 *
 * @example
 * import { detectNumberFormat } from "leadlab";
 * detectNumberFormat(["$1,200.50", "$300"]).currencies; // => ["$"]
 * detectNumberFormat(["1.200,5", "7"]).decimal; // => ","
 * detectNumberFormat(["€1.200", "€3.400"]).ambiguous !== undefined; // => true
 */
export function detectNumberFormat(values: readonly string[], declared?: DecimalMark): NumberFormat {
  if (declared !== "," && values.every((v) => PLAIN_POINT.test(v)))
    return { decimal: ".", decimalWhy: declared ? "'.' (declared)" : "'.'", grouped: 0, currencies: [], percent: 0 };
  let dotOnly = 0, commaOnly = 0, dotThree = 0, commaThree = 0, commaExample = "";
  for (const v of values) {
    const d = readNumberText(v, ".");
    const c = readNumberText(v, ",");
    if (d && !c) dotOnly++;
    else if (c && !d) {
      commaOnly++;
      commaExample ||= v.trim();
    } else if (d && c && d.value !== c.value) {
      if (/\.\d{3}(\D|$)/.test(v)) dotThree++;
      else commaThree++;
    }
  }
  // "1,234" reads either way; exports write it for 1234, so it counts for the decimal point.
  const decimal: DecimalMark = declared ?? (commaOnly > dotOnly + commaThree ? "," : ".");
  const decimalWhy = declared
    ? `'${declared}' (declared)`
    : decimal === ","
      ? `',' (values like ${JSON.stringify(commaExample)} only read with a decimal comma)`
      : "'.'";
  let grouped = 0, percent = 0;
  const currencies = new Set<string>();
  for (const v of values) {
    const x = readNumberText(v, decimal);
    if (!x) continue;
    if (x.grouped) grouped++;
    if (x.percent) percent++;
    if (x.currency) currencies.add(x.currency);
  }
  const format: NumberFormat = { decimal, decimalWhy, grouped, currencies: [...currencies].sort(), percent };
  if (currencies.size > 1) format.ambiguous = `it mixes currencies (${format.currencies.join(", ")}), so its numbers are not one unit`;
  else if (!declared && dotOnly === 0 && commaOnly === 0 && dotThree > 0 && currencies.size > 0) {
    const v = values.find((x) => /\.\d{3}(\D|$)/.test(x) && readNumberText(x, ",") !== undefined)!;
    format.ambiguous = `values like ${JSON.stringify(v.trim())} read as ${readNumberText(v, ".")!.value} with a decimal point or ${readNumberText(v, ",")!.value} with a decimal comma, and no value settles which`;
  }
  return format;
}

/**
 * What the load report says about a format, e.g. "',' as thousands separator (12 values),
 * currency $ dropped"; empty for plain numbers.
 *
 * @example
 * import { describeNumberFormat, detectNumberFormat } from "leadlab";
 * describeNumberFormat(detectNumberFormat(["$1,200", "30%"])); // => "',' as thousands separator (1 value), currency $ dropped, % dropped (\"12%\" reads as 12) (1 value)"
 */
export function describeNumberFormat(f: NumberFormat): string {
  const parts: string[] = [];
  const n = (k: number) => `${k} value${k === 1 ? "" : "s"}`;
  if (f.decimal === ",") parts.push(`decimal mark ${f.decimalWhy}`);
  if (f.grouped) parts.push(`'${f.decimal === "." ? "," : "."}' as thousands separator (${n(f.grouped)})`);
  if (f.currencies.length) parts.push(`currency ${f.currencies.join(", ")} dropped`);
  if (f.percent) parts.push(`% dropped ("12%" reads as 12) (${n(f.percent)})`);
  return parts.join(", ");
}
