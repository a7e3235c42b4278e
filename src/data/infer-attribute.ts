import { DEFAULT_SEPARATOR } from "../formats/vocabulary";
import { compareText } from "./compare-text";
import { describeNumberFormat, detectNumberFormat, readNumberText, type NumberFormat } from "./number-format";
import { hasFourDigitYear, parseDate } from "./parse-date";
import { rowNumbersStart } from "./row-numbers";
import type { AttributeType, DecimalMark, Role } from "../formats/vocabulary";
import { formatPercent } from "../format/percent";

const TRUE = new Set(["true", "t", "yes", "y", "1"]);
const FALSE = new Set(["false", "f", "no", "n", "0"]);
/** The tokens {@link parseBoolean} reads as true and as false (compared in lower case). */
export const BOOLEAN_TOKENS: { readonly true: readonly string[]; readonly false: readonly string[] } = { true: [...TRUE], false: [...FALSE] };
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The share of non-missing values that must read as the type for a column to be inferred as
 * numeric, boolean or date despite a few other values (which are read as missing and named).
 */
export const TYPE_SHARE = 0.95;
/** At most this many distinct other values ("unknown", "-", "n/a", …) are tolerated. */
export const TYPE_OTHER_TOKENS = 5;
/** Share of values containing ';' from which a column may be split as a multi-valued list. */
export const MULTI_SHARE = 0.3;

/**
 * Reads a boolean token (`true/false`, `t/f`, `yes/no`, `y/n`, `1/0`, any case), or undefined
 * when the text is not one.
 *
 * @example
 * import { parseBoolean } from "./infer-attribute";
 * parseBoolean(" Yes "); // => true
 * parseBoolean("maybe"); // => undefined
 */
export function parseBoolean(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : undefined;
}

/**
 * Reads a plain decimal number (`12`, `-3.5`, `1e6`), `NaN` for anything else: no thousands
 * separators, currency signs or units. This is the form the runtime scorer and the SQL
 * exports read; the loader also reads formatted numbers per column (see `detectNumberFormat`).
 *
 * @example
 * import { parseNumber } from "./infer-attribute";
 * parseNumber(" 42.5 "); // => 42.5
 * parseNumber("1,200"); // => NaN
 */
export function parseNumber(text: string): number {
  const s = text.trim();
  return NUMBER.test(s) ? Number(s) : NaN;
}

/** A value that did not read as the column's type, with how many rows have it. */
export interface ValueCount {
  value: string;
  rows: number;
}

/** The inferred type and role of a column, and why. */
export interface Inference {
  type: AttributeType;
  role: Role;
  reason: string;
  /** For numeric columns: how the numbers are written. */
  numberFormat?: NumberFormat;
  /** Values that do not read as the type: read as missing, named in the load report. */
  unread: ValueCount[];
}

/** Options of {@link inferAttribute}. */
export interface InferOptions {
  /** strftime format of dates (default ISO 8601). */
  dateFormat?: string;
  /** The type the spec declares: only the role (and the number format) is then inferred. */
  type?: AttributeType;
  /** The decimal mark the spec declares for numbers. */
  decimal?: DecimalMark;
  /** The DuckDB type of a list column (an array, read as its items joined by `;`): multi-valued by its type. */
  list?: string;
}

const ROLE_HINTS: [Role, RegExp][] = [
  ["qualification", /budget|authority|need|timeline|timing|champion|pain|metric|economic|decision|criteri|bant|meddic|qualif|urgen|priorit|money|challenge/i],
  ["demographic", /title|seniority|department|job|persona|contact|function|level/i],
  ["behavioral", /visit|click|open|download|webinar|trial|demo|event|session|usage|active|engag|login/i],
  ["product", /product|plan|sku|tier|edition|package|module|feature|seat/i],
  ["firmographic", /industry|employee|revenue|region|country|state|city|size|sector|vertical|segment|company|account|tech|founded|headcount/i],
];
/** Names that say "identifier": `id`, `Record ID`, `account_id`, `AccountId`, `deal_number`, `zip code`, `ref`. */
const ID_NAME = /(^|[\s_\-.#])(id|ids|key|number|no|nr|num|code|ref|uuid|guid)$/i;
/** camelCase ids: `AccountId`, `dealID`, `OrderNo` (case-sensitive, so "paid" and "valid" are not ids). */
const ID_CAMEL = /[a-z](Id|ID|Key|No|Nr)$/;

/** k of n as a whole percent (shown with the decimals it needs when rounding would say all or none and it is not). */
const pct = (k: number, n: number) => formatPercent(k / n, 0);
const listed = (xs: readonly ValueCount[]) => xs.map((x) => `${JSON.stringify(x.value)} (${x.rows})`).join(", ");

/**
 * The values that fail `reads`, with their counts (most frequent first), when nearly all
 * values read: at least {@link TYPE_SHARE} of them, the others at most
 * {@link TYPE_OTHER_TOKENS} distinct tokens. Undefined as soon as that cannot hold, so a text
 * column costs one failed read per value at most once.
 */
function readsNearlyAll(values: readonly string[], reads: (v: string) => boolean): ValueCount[] | undefined {
  const allowed = Math.floor((1 - TYPE_SHARE) * values.length + 1e-9);
  const m = new Map<string, number>();
  let bad = 0;
  for (const v of values) {
    if (reads(v)) continue;
    const t = v.trim();
    m.set(t, (m.get(t) ?? 0) + 1);
    if (++bad > allowed || m.size > TYPE_OTHER_TOKENS) return undefined;
  }
  if (bad === values.length) return undefined;
  return [...m].map(([value, rows]) => ({ value, rows })).sort((a, b) => b.rows - a.rows || compareText(a.value, b.value));
}

/**
 * Infers the type and role of a column from its non-missing text values and its name, saying
 * why. The rules, in order:
 * - **boolean** when every value (or, tolerating a few, see below) is a boolean token
 *   (`yes/no`, `y/n`, `true/false`, `t/f`, `1/0`, any case) and no other value is a number;
 * - **numeric** when the values read as numbers in one format (thousands separators, currency,
 *   percent, decimal comma: `detectNumberFormat`), finite ("1e400" is not);
 * - **date** when they parse as dates in the spec's format;
 * - a few other values are tolerated: at least {@link TYPE_SHARE} of the values read and the
 *   rest are at most {@link TYPE_OTHER_TOKENS} distinct tokens; those are read as missing and
 *   named in `unread` and in the reason;
 * - **multi** only on strong evidence: at least {@link MULTI_SHARE} of the values contain ';'
 *   and the items recur (80 % of them appear in two or more distinct values);
 *   otherwise the column stays text and the reason says `type: multi` splits it;
 * - else **categorical**.
 * Identifier-like columns get role `exclude`: text with nearly one value per row, and numbers
 * whose name says id (`account_id`, `Record ID`) or that are distinct integers of one length
 * or with leading zeros (never a numeric predictor). Constant columns are excluded too. Roles
 * come from name hints, else `firmographic` (said so).
 *
 * @example
 * import { inferAttribute } from "./infer-attribute";
 * inferAttribute("employees", ["10", "250", "40"]).type; // => "numeric"
 * inferAttribute("budget_ok", ["yes", "no", "Y"]).type; // => "boolean"
 * inferAttribute("arr", ["$1,200", "$300"]).reason; // => "numeric: every value is a number (',' as thousands separator (1 value), currency $ dropped); no name hint, defaulted to firmographic"
 */
export function inferAttribute(name: string, values: readonly string[], options: InferOptions = {}): Inference {
  const n = values.length;
  if (n === 0) return { type: options.type ?? "categorical", role: "exclude", reason: "always missing", unread: [] };
  const read = readType(name, values, options);
  const raw = new Set(values);
  const distinct = read.type === "numeric" || read.type === "date" ? raw : new Set([...raw].map((v) => v.trim().normalize("NFC")));
  const result = (role: Role, why: string): Inference => ({ ...read, role, reason: `${read.why}; ${why}` });
  if (distinct.size === 1) return result("exclude", "constant (one value)");
  if (read.type === "categorical" && n >= 20 && distinct.size >= 0.9 * n) return result("exclude", `identifier-like (${distinct.size} distinct values in ${n} rows)`);
  if (read.type === "numeric") {
    if (ID_NAME.test(fieldName(name)) || ID_CAMEL.test(fieldName(name))) return result("exclude", "identifier-like: the name says id, so its numbers are codes, never a numeric predictor (declare a role to use it)");
    if (n >= 20 && distinct.size === n && values.every((v) => /^\d+$/.test(v.trim()))) {
      // Every whole number from 1 (or 0) to n once, in whatever order: the rows counted, not a measure of the deal.
      const lowest = rowNumbersStart(values);
      if (lowest !== undefined)
        return result("exclude", `a row number: the whole numbers ${lowest} to ${lowest + n - 1}, each once, count the rows and never predict (declare a role to use it)`);
      const lengths = new Set(values.map((v) => v.trim().length));
      const zeros = values.some((v) => /^0\d/.test(v.trim()));
      if (zeros || (lengths.size === 1 && [...lengths][0] >= 4))
        return result("exclude", `identifier-like: ${n} distinct integers ${zeros ? "with leading zeros" : `of ${[...lengths][0]} digits`}, never a numeric predictor (declare a role to use it)`);
    }
  }
  const hit = ROLE_HINTS.find(([, re]) => re.test(name));
  return result(hit ? hit[0] : "firmographic", hit ? `name suggests ${hit[0]}` : "no name hint, defaulted to firmographic");
}

/** The type of a column and why, with the values read as missing. */
function readType(name: string, values: readonly string[], options: InferOptions): Omit<Inference, "role" | "reason"> & { why: string } {
  const n = values.length;
  const tolerated = (bad: readonly ValueCount[]) =>
    bad.length ? ` (${n - bad.reduce((s, b) => s + b.rows, 0)} of ${n} read, ${pct(n - bad.reduce((s, b) => s + b.rows, 0), n)}; rule: ≥ ${formatPercent(TYPE_SHARE, 0)} and ≤ ${TYPE_OTHER_TOKENS} distinct other values); read as missing: ${listed(bad)}` : "";
  const declared = options.type;
  if (options.list && !declared) return { type: "multi", unread: [], why: `multi: a list column (${options.list}), read as its items` };
  if (declared === "numeric" || (!declared && readsNearlyAll(values, (v) => !!(readNumberText(v, options.decimal ?? ".") || readNumberText(v, ","))))) {
    const format = detectNumberFormat(values, options.decimal);
    if (declared === "numeric") return { type: "numeric", numberFormat: format, unread: [], why: `numeric: declared${format.ambiguous ? "" : describeWith(format)}` };
    const bad = readsNearlyAll(values, (v) => Number.isFinite(readNumberText(v, format.decimal)?.value));
    if (bad && !format.ambiguous && !bad.length && values.every((v) => parseBoolean(v) !== undefined))
      return { type: "boolean", unread: [], why: "boolean: only boolean tokens" };
    if (bad && format.ambiguous)
      return { type: "categorical", unread: [], why: `categorical: the values look like numbers but ${format.ambiguous}; set \`${name}: { type: numeric, decimal: "." }\` (or ",") in attributes:` };
    if (bad && !bad.length && !format.ambiguous && isCategoryCode(name, values))
      return {
        type: "categorical",
        unread: [],
        why: `categorical: whole-number codes (${new Set(values.map((v) => v.trim())).size} distinct) in a column named like a category, binned as categories rather than ranges; declare \`${name}: { type: numeric }\` if they are quantities`,
      };
    if (bad) return { type: "numeric", numberFormat: format, unread: bad, why: `numeric: ${bad.length ? "nearly every" : "every"} value is a number${describeWith(format)}${tolerated(bad)}` };
  }
  if (declared) return { type: declared, unread: [], why: `${declared}: declared` };
  const booleanBad = readsNearlyAll(values, (v) => parseBoolean(v) !== undefined);
  if (booleanBad && booleanBad.every((b) => Number.isNaN(parseNumber(b.value))))
    return { type: "boolean", unread: booleanBad, why: `boolean: ${booleanBad.length ? "nearly only" : "only"} boolean tokens${tolerated(booleanBad)}` };
  const dateBad = readsNearlyAll(values, (v) => {
    const t = parseDate(v, options.dateFormat);
    return !Number.isNaN(t) && hasFourDigitYear(t);
  });
  if (dateBad) return { type: "date", unread: dateBad, why: `date: ${dateBad.length ? "nearly every" : "every"} value is a date (${options.dateFormat ?? "ISO"})${tolerated(dateBad)}` };
  return { type: listType(values) ? "multi" : "categorical", unread: [], why: listWhy(values) };
}

/** Names of columns whose whole numbers are codes of categories: a type, region, area, country, territory, category, class, segment, group, channel, browser or operating system (a code or number named like an id is one, see `ID_NAME`). */
const CATEGORY_NAME = /(^|[^a-z])(type|region|area|country|countries|territor(y|ie)|category|class|segment|group|channel|browser|os|operating_?systems?)s?$|[a-z](Type|Region|Area|Country|Countries|Territor(y|ie)|Category|Class|Segment|Group|Channel|Browser|Systems?)s?$/i;

/**
 * A column's name as its field is named: without the `__c` that Salesforce adds to a custom
 * field's (`Region__c` is a region).
 *
 * @example
 * import { fieldName } from "./infer-attribute";
 * fieldName("WNC_Region__c"); // => "WNC_Region"
 */
export const fieldName = (name: string): string => name.replace(/__c$/i, "");
/** Codes are few: a column named like a category with more distinct whole numbers is read as numbers. */
const MAX_CODES = 30;

/** Names of places (a country, region or territory), whose whole numbers are codes even when many: no quantity is named so. (An area may be a size in square metres, so it is not one.) */
const PLACE_NAME = /(^|[^a-z])(region|country|countries|territor(y|ie))s?$|[a-z](Region|Country|Countries|Territor(y|ie))s?$/i;

/** Places are at most as many as the world's countries and territories (about 250); more whole numbers are not codes of places. */
const MAX_PLACE_CODES = 300;

/**
 * Names of the people a deal is assigned to (an owner, a sales rep, an agent): their whole numbers
 * are codes of people (a label-encoded `Account_Owner__c` of 478 values), never a quantity.
 */
const PERSON_NAME = /(^|[^a-z])(owner|rep|agent|salesperson|sales_?rep)s?$|[a-z](Owner|Rep|Agent|Salesperson)s?$/i;

/** A sales organisation's people may be thousands; more whole numbers are not codes of them. */
const MAX_PERSON_CODES = 5000;

/**
 * Whether a numeric column holds codes of categories: named like one, and few distinct whole
 * numbers (up to {@link MAX_PLACE_CODES} for a place, {@link MAX_PERSON_CODES} for people).
 */
function isCategoryCode(name: string, values: readonly string[]): boolean {
  const field = fieldName(name).replace(/\s+/g, "_");
  const person = PERSON_NAME.test(field);
  if (!(person || CATEGORY_NAME.test(field)) || ID_NAME.test(field) || ID_CAMEL.test(field)) return false;
  const most = person ? MAX_PERSON_CODES : PLACE_NAME.test(field) ? MAX_PLACE_CODES : MAX_CODES;
  const distinct = new Set<string>();
  for (const v of values) {
    const t = v.trim();
    if (!/^\d+$/.test(t)) return false;
    distinct.add(t);
    if (distinct.size > most) return false;
  }
  return distinct.size >= 2;
}

const describeWith = (f: NumberFormat) => (describeNumberFormat(f) ? ` (${describeNumberFormat(f)})` : "");

/**
 * Strong evidence of a ';'-separated list: common ({@link MULTI_SHARE}), and the items recur:
 * at least 80 % of the distinct items appear in two or more distinct values.
 */
function listType(values: readonly string[]): boolean {
  const lists = values.filter((v) => v.includes(DEFAULT_SEPARATOR));
  if (lists.length < MULTI_SHARE * values.length) return false;
  const seenIn = new Map<string, number>();
  for (const v of new Set(values.map((x) => x.trim())))
    for (const item of new Set(v.split(DEFAULT_SEPARATOR).map((s) => s.trim()).filter((s) => s.length > 0))) seenIn.set(item, (seenIn.get(item) ?? 0) + 1);
  const recurring = [...seenIn.values()].filter((k) => k >= 2).length;
  return recurring >= 0.8 * seenIn.size;
}

function listWhy(values: readonly string[]): string {
  const lists = values.filter((v) => v.includes(DEFAULT_SEPARATOR));
  if (!lists.length) return "categorical: text";
  if (listType(values)) return `multi: ${pct(lists.length, values.length)} of values are ';'-separated lists of recurring items`;
  return `categorical: text; ${pct(lists.length, values.length)} of values contain ';' (e.g. ${JSON.stringify(lists[0].trim())}) but that is not strong evidence of a list (rule: ≥ ${formatPercent(MULTI_SHARE, 0)} and recurring items), so they are not split: declare \`type: multi\` to split them`;
}
