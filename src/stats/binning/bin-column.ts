import type { Column } from "../../data/deal-table";
import type { AttributeType } from "../../formats/vocabulary";
import type { BinSet, Outcome } from "./bin";
import { binBoolean } from "./boolean";
import { binCategorical } from "./categorical";
import { binMulti } from "./multi";
import { binNumeric, binSortedByOutcome, type SortedByOutcome } from "./numeric";
import type { CategoricalBinningOptions, NumericBinningOptions } from "./options";

/** Options of {@link binColumn}: those of every binning function; each uses its own. */
export type BinColumnOptions = NumericBinningOptions & CategoricalBinningOptions;

/**
 * Bins one column of a deal table by its attribute type: `numeric` → {@link binNumeric},
 * `date` → {@link binNumeric} with `dates: true`, `categorical` → {@link binCategorical},
 * `boolean` → {@link binBoolean}, `multi` → {@link binMulti} (one bin set per frequent value).
 * Always returns a list, of one bin set except for `multi`. A numeric or date column already
 * split by outcome and sorted ({@link sortByOutcome}: `sorted`) is not sorted again.
 *
 * @example
 * binColumn([true, false, true, false], "boolean", [1, 0, 1, 0], { name: "demo_done" })[0].bins[1].rate; // => 1
 */
export function binColumn(column: Column, type: AttributeType, outcome: Outcome, options: BinColumnOptions = {}, sorted?: SortedByOutcome): BinSet[] {
  switch (type) {
    case "numeric":
      return [sorted ? binSortedByOutcome(sorted, options) : binNumeric(column as Float64Array, outcome, options)];
    case "date":
      return [sorted ? binSortedByOutcome(sorted, { ...options, dates: true }) : binNumeric(column as Float64Array, outcome, { ...options, dates: true })];
    case "categorical":
      return [binCategorical(column as (string | null)[], outcome, options)];
    case "boolean":
      return [binBoolean(column as (boolean | null)[], outcome, options)];
    case "multi":
      return binMulti(column as (string[] | null)[], outcome, options);
  }
}
