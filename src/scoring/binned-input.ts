import { itemSeparator } from "../formats/vocabulary";
import type { AttributeMeta } from "../data/deal-table";
import type { BinnedInput } from "../formats/scoring-rules-schema";
import type { BinSet } from "../stats/binning/bin";

/**
 * How a consumer reads and matches an attribute binned by `set` (of the scorecard or of a value
 * card): its source (a column, or an event feature as defined in training), how values match
 * (ranges, sets, or an item of a multi-valued column) and, for numbers written as exports write
 * them, their format.
 *
 * @example
 * import { binnedInputOf } from "./binned-input";
 * binnedInputOf("seats", { name: "seats", type: "numeric", role: "product", source: "spec", table: "deals" }, { type: "numeric" } as never);
 * // => { name: "seats", source: { column: "seats" }, match: "numeric" }
 */
export function binnedInputOf(name: string, meta: AttributeMeta, set: Pick<BinSet, "type" | "indicator">): Omit<BinnedInput, "bins"> {
  const source: BinnedInput["source"] = meta.feature
    ? { event: { type: meta.feature.eventType, windowDays: meta.feature.windowDays, aggregate: meta.feature.aggregate, ...(meta.feature.halfLifeDays !== undefined ? { decay: { halfLifeDays: meta.feature.halfLifeDays } } : {}) } }
    : { column: meta.name };
  return {
    name,
    source,
    match: set.indicator ? "contains" : set.type,
    ...(set.indicator ? { containsValue: set.indicator.value, separator: itemSeparator(meta) } : {}),
    ...(set.type === "numeric" && meta.numberFormat ? { numberFormat: meta.numberFormat } : {}),
  };
}
