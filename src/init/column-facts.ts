import { parseBoolean, parseNumber } from "../data/infer-attribute";
import { detectDateFormat } from "./date-format";

/** What a column of an export looks like, as the drafting heuristics need it. */
export interface ColumnFacts {
  name: string;
  /** Non-missing values, trimmed. */
  values: string[];
  missing: number;
  distinct: Set<string>;
  /** Every row has a value and no value repeats. */
  unique: boolean;
  numeric: boolean;
  boolean: boolean;
  /** `"ISO"`, a strftime format, or undefined when the values are not all dates. */
  dateFormat?: string;
  /** The mean length of the values, in characters. */
  meanLength: number;
}

/**
 * The facts of one text column (`null` = missing): distinct values, uniqueness, and whether
 * every value is a number, a boolean token or a date (with its format).
 *
 * @example
 * import { columnFacts } from "./column-facts";
 * columnFacts("Close Date", ["03/01/2026", null, "12/31/2025"]).dateFormat; // => "%m/%d/%Y"
 */
export function columnFacts(name: string, column: readonly (string | null)[]): ColumnFacts {
  const values = column.filter((v): v is string => v !== null).map((v) => v.trim());
  const distinct = new Set(values);
  // Whether every value reads as a number, a boolean or a date depends on the distinct values only, each tested once.
  const distinctValues = [...distinct];
  const numeric = distinctValues.length > 0 && distinctValues.every((v) => !Number.isNaN(parseNumber(v)));
  return {
    name,
    values,
    missing: column.length - values.length,
    distinct,
    unique: values.length === column.length && distinct.size === values.length,
    numeric,
    boolean: distinctValues.length > 0 && distinctValues.length <= 2 && distinctValues.every((v) => parseBoolean(v) !== undefined),
    dateFormat: numeric ? undefined : detectDateFormat(distinctValues),
    meanLength: values.length ? values.reduce((s, v) => s + v.length, 0) / values.length : 0,
  };
}
