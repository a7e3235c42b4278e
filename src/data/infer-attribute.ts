import { parseDate } from "./parse-date";
import type { AttributeType, Role } from "../formats/vocabulary";

const TRUE = new Set(["true", "t", "yes", "y", "1"]);
const FALSE = new Set(["false", "f", "no", "n", "0"]);
/** The tokens {@link parseBoolean} reads as true and as false (compared in lower case). */
export const BOOLEAN_TOKENS: { readonly true: readonly string[]; readonly false: readonly string[] } = { true: [...TRUE], false: [...FALSE] };
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a boolean token (`true/false`, `t/f`, `yes/no`, `y/n`, `1/0`, any case), or undefined
 * when the text is not one.
 *
 * @example
 * import { parseBoolean } from "leadlab";
 * parseBoolean(" Yes "); // => true
 * parseBoolean("maybe"); // => undefined
 */
export function parseBoolean(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : undefined;
}

/**
 * Reads a plain decimal number (`12`, `-3.5`, `1e6`), `NaN` for anything else: no thousands
 * separators, currency signs or units, which must be cleaned or declared categorical.
 *
 * @example
 * import { parseNumber } from "leadlab";
 * parseNumber(" 42.5 "); // => 42.5
 * parseNumber("1,200"); // => NaN
 */
export function parseNumber(text: string): number {
  const s = text.trim();
  return NUMBER.test(s) ? Number(s) : NaN;
}

/** The inferred type and role of a column, and why. */
export interface Inference {
  type: AttributeType;
  role: Role;
  reason: string;
}

const ROLE_HINTS: [Role, RegExp][] = [
  ["qualification", /budget|authority|need|timeline|timing|champion|pain|metric|economic|decision|criteri|bant|meddic|qualif|urgen|priorit|money|challenge/i],
  ["demographic", /title|seniority|department|job|persona|contact|function|level/i],
  ["behavioral", /visit|click|open|download|webinar|trial|demo|event|session|usage|active|engag|login/i],
  ["product", /product|plan|sku|tier|edition|package|module|feature|seat/i],
  ["firmographic", /industry|employee|revenue|region|country|state|city|size|sector|vertical|segment|company|account|tech|founded|headcount/i],
];

/**
 * Infers the type and role of a column from its non-missing text values and its name, saying
 * why. Identifier-like text (nearly one value per row) and constant columns get role
 * `exclude`; roles come from name hints, else `firmographic` (said so in the reason).
 *
 * @example
 * import { inferAttribute } from "leadlab";
 * inferAttribute("employees", ["10", "250", "40"]).type; // => "numeric"
 * inferAttribute("budget_ok", ["yes", "no", "yes"]).role; // => "qualification"
 */
export function inferAttribute(name: string, values: readonly string[], dateFormat?: string): Inference {
  const distinct = new Set(values);
  const roleOf = (): [Role, string] => {
    const hit = ROLE_HINTS.find(([, re]) => re.test(name));
    return hit ? [hit[0], `name suggests ${hit[0]}`] : ["firmographic", "no name hint, defaulted to firmographic"];
  };
  if (values.length === 0) return { type: "categorical", role: "exclude", reason: "always missing" };
  let type: AttributeType;
  let why: string;
  if (values.every((v) => parseBoolean(v) !== undefined) && distinct.size <= 2) [type, why] = ["boolean", "only boolean tokens"];
  else if (values.every((v) => !Number.isNaN(parseNumber(v)))) [type, why] = ["numeric", "every value is a number"];
  else if (values.every((v) => !Number.isNaN(parseDate(v, dateFormat)))) [type, why] = ["date", `every value is a date (${dateFormat ?? "ISO"})`];
  else if (values.filter((v) => v.includes(";")).length >= 0.1 * values.length) [type, why] = ["multi", "';'-separated lists"];
  else [type, why] = ["categorical", "text"];
  if (distinct.size === 1) return { type, role: "exclude", reason: `${why}; constant (one value)` };
  if (type === "categorical" && values.length >= 20 && distinct.size >= 0.9 * values.length)
    return { type, role: "exclude", reason: `${why}; identifier-like (${distinct.size} distinct values in ${values.length} rows)` };
  const [role, roleWhy] = roleOf();
  return { type, role, reason: `${why}; ${roleWhy}` };
}
