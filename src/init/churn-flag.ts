import { parseBoolean } from "../data/infer-attribute";
import type { ColumnFacts } from "./column-facts";
import { twoValues } from "./two-values";

/** Names of a flag that says a customer left (true = churned). */
const CHURNED_NAME = /churn|exit|attrit|cancel/i;
/** Names of a flag that says a customer stayed (true = retained). */
const RETAINED_NAME = /renew|retain/i;
/** Text values that say a customer left, in a two-valued text column (`Attrited Customer`). */
const CHURNED_VALUE = /attrit|churn|cancel|exit|left|lost|closed/i;

/** A churn or renewal flag's values split into those that mean retained and those that mean churned, and any stray others. */
export interface ChurnFlag {
  retained: string[];
  churned: string[];
  /** A few other values (a `?`, a row of descriptions under the header), left to neither side. */
  others: string[];
}

/**
 * Reads a column as a churn or renewal flag: named like one (churn, exited, attrition, cancelled;
 * or renewed, retained) and holding two values, either tokens of a boolean or 1/0 flag
 * (`Yes` / `No`, `1` / `0`: true means churned for a churn name, retained for a renewal name) or
 * two texts of which exactly one reads as leaving (`Attrited Customer` / `Existing Customer`).
 * A few rows with another value are tolerated ({@link twoValues}) and named in `others`.
 * Undefined for anything else.
 *
 * @example
 * import { columnFacts } from "./column-facts";
 * import { churnFlag } from "./churn-flag";
 * churnFlag(columnFacts("Exited", ["1", "0", "0", "?"])); // => { retained: ["0"], churned: ["1"], others: ["?"] }
 * churnFlag(columnFacts("Attrition_Flag", ["Existing Customer", "Attrited Customer"])); // => { retained: ["Existing Customer"], churned: ["Attrited Customer"], others: [] }
 */
export function churnFlag(c: ColumnFacts): ChurnFlag | undefined {
  const leaving = CHURNED_NAME.test(c.name);
  if (!leaving && !RETAINED_NAME.test(c.name)) return undefined;
  const values = twoValues(c);
  if (!values) return undefined;
  const { two, others } = values;
  const churned = two.every((v) => parseBoolean(v) !== undefined) ? (v: string) => parseBoolean(v) === leaving : (v: string) => CHURNED_VALUE.test(v);
  const out = { retained: two.filter((v) => !churned(v)), churned: two.filter(churned), others };
  return out.retained.length === 1 && out.churned.length === 1 ? out : undefined;
}

/**
 * The first of a table's columns that reads as a churn or renewal flag ({@link churnFlag}), with
 * its values, or undefined.
 *
 * @example
 * import { columnFacts } from "./column-facts";
 * import { findChurnFlag } from "./churn-flag";
 * findChurnFlag([columnFacts("plan", ["Pro", "Basic"]), columnFacts("Churn", ["Yes", "No"])])?.column.name; // => "Churn"
 */
export function findChurnFlag(columns: readonly ColumnFacts[]): (ChurnFlag & { column: ColumnFacts }) | undefined {
  for (const column of columns) {
    const flag = churnFlag(column);
    if (flag) return { ...flag, column };
  }
  return undefined;
}
