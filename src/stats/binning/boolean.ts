import { binStats, outcomeOf, type Bin, type BinRule, type BinSet, type Outcome, finishBinSet } from "./bin";
import { binLabel } from "./labels";
import { resolveBinningOptions, type BinningOptions } from "./options";
import { smallBinWarning } from "./small-bin-warning";

/**
 * Bins a boolean attribute: the sets `["false"]` and `["true"]` (both always present, possibly
 * empty) and `missing` (null). Warns when a bin is non-empty but below the minimum bin size.
 *
 * @param values the attribute (null = missing)
 * @param outcome 1/true = won (or retained), 0/false = lost; other values leave the row out
 * @example
 * binBoolean([true, true, false, null], [1, 0, 0, 1], { name: "budget_confirmed" }).bins.map((b) => b.n); // => [1, 2, 1]
 */
export function binBoolean(values: ArrayLike<boolean | null | undefined>, outcome: Outcome, options: BinningOptions = {}): BinSet {
  if (values.length !== outcome.length) throw new Error(`binBoolean: values has ${values.length} rows but outcome has ${outcome.length}`);
  const e = [0, 0, 0];
  const ne = [0, 0, 0];
  let ignored = 0;
  for (let i = 0; i < values.length; i++) {
    const y = outcomeOf(outcome[i]);
    if (y < 0) {
      ignored++;
      continue;
    }
    const v = values[i];
    let slot: number;
    if (v === null || v === undefined) slot = 2;
    else if (v === true) slot = 1;
    else if (v === false) slot = 0;
    else throw new Error(`binBoolean: values must be true, false or null; row ${i} is ${typeof v} ${String(v)}`);
    if (y === 1) e[slot]++;
    else ne[slot]++;
  }
  const o = resolveBinningOptions(options, e[0] + ne[0] + e[1] + ne[1], "binBoolean");
  const rules: BinRule[] = [{ kind: "set", values: ["false"] }, { kind: "set", values: ["true"] }, { kind: "missing" }];
  const stats = binStats(e, ne, o.smoothing, o.confidence);
  const bins: Bin[] = rules.map((rule, i) => ({ rule, label: binLabel(rule, o.name), ...stats[i] }));
  const warnings: string[] = [];
  for (const b of bins)
    if (b.n > 0 && b.n < o.minBinSize)
      warnings.push(smallBinWarning(o.name, `the ${b.label} bin`, b.n, o.minBinSize));
  const E = e[0] + e[1] + e[2];
  const N = ne[0] + ne[1] + ne[2];
  return finishBinSet({
    name: o.name,
    type: "boolean",
    bins,
    events: E,
    nonEvents: N,
    ignored,
    minBinSize: o.minBinSize,
    warnings,
  });
}
