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
