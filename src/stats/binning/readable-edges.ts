import { applyBins } from "./apply-bins";
import type { BinRule, BinSet, Outcome } from "./bin";
import { binLabel, type NumberStyle } from "./labels";

/**
 * A cut point as people read it: two significant digits (`0.278` → `0.28`, `4210` → `4200`),
 * and with `wholeUnits` (day counts) a whole number as well (`0.278` → `0`, `1.65` → `2`).
 *
 * @param x the cut point
 * @param wholeUnits round to a whole number too (a count of days)
 * @example
 * readableNumber(0.278); // => 0.28
 * readableNumber(51810000); // => 52000000
 * readableNumber(1.65, true); // => 2
 * readableNumber(126.4, true); // => 130
 */
export function readableNumber(x: number, wholeUnits = false): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const r = Number(x.toPrecision(2));
  return (wholeUnits ? Math.round(r) : r) + 0;
}

/** Options of {@link readableEdges}. */
export interface ReadableEdgesOptions {
  /** The values count days (or another whole unit): cut at whole numbers. */
  wholeUnits?: boolean;
  /** WOE smoothing of zero cells, default 0.5. */
  smoothing?: number;
  /** Confidence level of the Wilson intervals, default 0.95. */
  confidence?: number;
}

/**
 * The numeric bins of `binSet` with every inner edge rounded by {@link readableNumber}; bins whose
 * edges collapse onto one value, and bins left without a row of `values`, are merged into their
 * lower neighbour (the lowest into its upper one). Counts, rates, WOE and IV are recomputed on
 * `values` / `outcome` (pass the rows the bins were fitted on) and the labels rewritten. The
 * `missing` bin is kept as it is. The input is not modified.
 *
 * @param binSet numeric bins (from `binNumeric`)
 * @param values the attribute on the rows to count (NaN = missing)
 * @param outcome 1/true = event, 0/false = non-event
 * @example
 * import { binNumeric } from "./numeric";
 * import { readableEdges } from "./readable-edges";
 * const x = Float64Array.from({ length: 400 }, (_, i) => i * 1.013);
 * const won = Uint8Array.from({ length: 400 }, (_, i) => (i % 10 < i / 40 ? 1 : 0));
 * const exact = binNumeric(x, won, { name: "size" });
 * exact.bins.map((b) => b.label); // => ["< 40", "40 to < 121", "121 to < 243", "243 to < 324", "324 to < 364", "≥ 364", "missing"]
 * readableEdges(exact, x, won).bins.map((b) => b.label); // => ["< 40", "40 to < 120", "120 to < 240", "240 to < 320", "320 to < 360", "≥ 360", "missing"]
 */
export function readableEdges(binSet: BinSet, values: ArrayLike<number>, outcome: Outcome, options: ReadableEdgesOptions = {}): BinSet {
  if (binSet.type !== "numeric" || binSet.indicator) throw new Error(`readableEdges: ${binSet.name} is not a numeric bin set`);
  const ranges = binSet.bins.filter((b) => b.rule.kind === "range");
  const cuts: number[] = [];
  for (const b of ranges.slice(0, -1)) {
    const c = readableNumber((b.rule as Extract<BinRule, { kind: "range" }>).hi, options.wholeUnits);
    if (cuts.length === 0 || c > cuts[cuts.length - 1]) cuts.push(c);
  }
  // drop the cuts around bins that hold no row (a rounded edge can move past every value)
  const n = new Array<number>(cuts.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    let k = 0;
    while (k < cuts.length && v >= cuts[k]) k++;
    n[k]++;
  }
  for (let k = n.length - 1; k >= 0 && cuts.length > 0; k--)
    if (n[k] === 0) {
      cuts.splice(Math.max(0, k - 1), 1);
      n.splice(k, 1);
    }
  let integer = cuts.every(Number.isInteger);
  for (let i = 0; integer && i < values.length; i++) if (!Number.isNaN(values[i]) && !Number.isInteger(values[i])) integer = false;
  const style: NumberStyle = integer ? "integer" : "decimal";
  const edges = [-Infinity, ...cuts, Infinity];
  const rules: BinRule[] = edges.slice(0, -1).map((lo, k) => ({ kind: "range", lo, hi: edges[k + 1], loInclusive: true, hiInclusive: edges[k + 1] === Infinity }));
  const missing = binSet.bins.filter((b) => b.rule.kind === "missing");
  const draft: BinSet = {
    ...binSet,
    bins: [...rules.map((rule) => ({ ...missing[0], rule, label: binLabel(rule, binSet.name, style) })), ...missing],
  };
  const counted = applyBins(draft, values, outcome, options);
  return { ...counted, warnings: [...binSet.warnings, ...counted.warnings] };
}
