import type { ColumnFacts } from "./column-facts";

/** Names of a flag that says a customer left (true = churned). */
const CHURNED_NAME = /churn|exit|attrit|cancel/i;
/** Names of a flag that says a customer stayed (true = retained). */
const RETAINED_NAME = /renew|retain/i;
/** Text values that say a customer left, in a two-valued text column (`Attrited Customer`). */
const CHURNED_VALUE = /attrit|churn|cancel|exit|left|lost|closed/i;

/** A churn or renewal flag's values split into those that mean retained and those that mean churned. */
export interface ChurnFlag {
  retained: string[];
  churned: string[];
}

/**
 * Reads a column as a churn or renewal flag: named like one (churn, exited, attrition, cancelled;
 * or renewed, retained) and holding exactly two values, either tokens of a boolean or 1/0 flag
 * (`Yes` / `No`, `1` / `0`: true means churned for a churn name, retained for a renewal name) or
 * two texts of which exactly one reads as leaving (`Attrited Customer` / `Existing Customer`).
 * Undefined for anything else.
 *
 * @example
 * import { columnFacts } from "./column-facts";
 * import { churnFlag } from "./churn-flag";
 * churnFlag(columnFacts("Exited", ["1", "0", "0"])); // => { retained: ["0"], churned: ["1"] }
 * churnFlag(columnFacts("Attrition_Flag", ["Existing Customer", "Attrited Customer"])); // => { retained: ["Existing Customer"], churned: ["Attrited Customer"] }
 */
export function churnFlag(c: ColumnFacts): ChurnFlag | undefined {
  const leaving = CHURNED_NAME.test(c.name);
  if ((!leaving && !RETAINED_NAME.test(c.name)) || c.distinct.size !== 2) return undefined;
  const values = [...c.distinct].sort();
  const split = (churned: (v: string) => boolean): ChurnFlag | undefined => {
    const out = { retained: values.filter((v) => !churned(v)), churned: values.filter(churned) };
    return out.retained.length === 1 && out.churned.length === 1 ? out : undefined;
  };
  if (c.boolean) return split((v) => /^(true|t|yes|y|1)$/i.test(v) === leaving);
  return split((v) => CHURNED_VALUE.test(v));
}
