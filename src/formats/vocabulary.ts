/**
 * The allowed values of the dataset spec, declared once and reused by the TypeScript types,
 * the JSON Schema and the error messages.
 *
 * @example
 * import { ROLES } from "leadlab";
 * ROLES.includes("firmographic"); // => true
 */
export const ROLES = ["firmographic", "demographic", "behavioral", "qualification", "product", "exclude"] as const;

/** What an attribute is about. `exclude` keeps the column out of every analysis. */
export type Role = (typeof ROLES)[number];

/**
 * The item separator of a multi-valued column when a file names none: the dataset spec's
 * `type: multi` attributes, the scoring rules' `match: contains` attributes and the personas'
 * multi attributes all read `a; b; c` by default.
 *
 * @example
 * import { DEFAULT_SEPARATOR } from "leadlab";
 * "HubSpot; Salesforce".split(DEFAULT_SEPARATOR).length; // => 2
 */
export const DEFAULT_SEPARATOR = ";";

/**
 * The item separator of a multi-valued column, as the dataset spec, a `scoring.yaml` or a
 * `personas.yaml` gives it: its own `separator`, else {@link DEFAULT_SEPARATOR}. The one place
 * that default is filled in.
 *
 * @example
 * import { itemSeparator } from "./vocabulary";
 * [itemSeparator({}), itemSeparator({ separator: "|" })]; // => [";", "|"]
 */
export function itemSeparator(attribute: { readonly separator?: string }): string {
  return attribute.separator ?? DEFAULT_SEPARATOR;
}

/**
 * The value types an attribute can have.
 *
 * @example
 * import { ATTRIBUTE_TYPES } from "leadlab";
 * ATTRIBUTE_TYPES.length; // => 5
 */
export const ATTRIBUTE_TYPES = ["categorical", "numeric", "boolean", "multi", "date"] as const;

/** How an attribute's values are read and binned. */
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/**
 * The aggregates computed per event type and window for behavioural features.
 *
 * @example
 * import { EVENT_AGGREGATES } from "leadlab";
 * EVENT_AGGREGATES[0]; // => "count"
 */
export const EVENT_AGGREGATES = ["count", "sum", "active_days", "days_since_last"] as const;

/** One aggregate of an event type over a window before the scoring point. */
export type EventAggregate = (typeof EVENT_AGGREGATES)[number];

/**
 * Which customers personas are drawn from, declared once: `won` — every won customer;
 * `retained` — the won customers still customers at the retention horizon.
 *
 * @example
 * import { CUSTOMER_SETS } from "leadlab";
 * CUSTOMER_SETS.includes("retained"); // => true
 */
export const CUSTOMER_SETS = ["won", "retained"] as const;

/** Which customers personas are drawn from. */
export type CustomerSet = (typeof CUSTOMER_SETS)[number];

/**
 * The kinds of anti-persona, declared once: `wins-but-churns` — deals that look like it win at
 * least as often as the rest, but its customers leave more often; `rarely-wins` — deals that look
 * like it win clearly less often than the rest.
 *
 * @example
 * import { ANTI_PERSONA_KINDS } from "leadlab";
 * ANTI_PERSONA_KINDS; // => ["wins-but-churns", "rarely-wins"]
 */
export const ANTI_PERSONA_KINDS = ["wins-but-churns", "rarely-wins"] as const;

/** A kind of anti-persona. */
export type AntiPersonaKind = (typeof ANTI_PERSONA_KINDS)[number];

/**
 * What a retention flag value in neither `true:` nor `false:` becomes.
 *
 * @example
 * import { OTHER_FLAG_VALUES } from "leadlab";
 * OTHER_FLAG_VALUES[0]; // => "error"
 */
export const OTHER_FLAG_VALUES = ["error", "missing"] as const;

/**
 * The decimal marks a numeric column can use; the other one is its thousands separator.
 *
 * @example
 * import { DECIMAL_MARKS } from "leadlab";
 * DECIMAL_MARKS.includes(","); // => true
 */
export const DECIMAL_MARKS = [".", ","] as const;

/** A decimal mark. */
export type DecimalMark = (typeof DECIMAL_MARKS)[number];

/**
 * The currency symbols and codes a number may carry ("$62,000", "1.200 EUR"), compared
 * ignoring case; the loader and the scoring view drop them. Tried in this order, so no entry is
 * shadowed by an earlier one that starts the same way.
 *
 * @example
 * import { CURRENCY_MARKS } from "leadlab";
 * CURRENCY_MARKS.includes("€"); // => true
 */
export const CURRENCY_MARKS = [
  "US$", "CA$", "AU$", "NZ$", "HK$", "R$", "A$", "C$", "S$", "$", "€", "£", "¥", "₹", "₩",
  "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "INR", "CNY", "SEK", "NOK", "DKK", "NZD", "BRL", "MXN", "ZAR", "SGD", "HKD",
] as const;
