import type { Bin, BinSet } from "./bin";

/** Where {@link assignBin} put a value. */
export interface BinAssignment {
  /** Index into the bins; −1 only when nothing can take the value (no `other` and no `missing` bin). */
  index: number;
  /**
   * null when a bin matched the value directly (a missing value matching the `missing` bin
   * counts as direct); `other` when a category listed in no bin went to the `other` bin;
   * `missing` when a value no bin can hold (an unseen category without an `other` bin, or a
   * non-numeric value for numeric bins) went to the `missing` bin.
   */
  fallback: null | "other" | "missing";
}

/** A value of any attribute type as a record may carry it. */
export type BinValue = number | string | boolean | null | undefined | readonly string[];

/**
 * Finds the bin of any value, for scoring a new record with bins fitted earlier.
 *
 * - null, undefined and NaN go to the `missing` bin.
 * - Numeric bins: the range holding the number (numeric text such as "120" is read as a number);
 *   anything else goes to the `missing` bin, with `fallback: "missing"`.
 * - Categorical and boolean bins: the value as text (`true` → "true") is looked up in the sets;
 *   a value in no set goes to the `other` bin (`fallback: "other"`) or, when the attribute has
 *   no `other` bin (no level was rare in training), to the `missing` bin (`fallback: "missing"`):
 *   an unseen category is treated as unknown.
 * - An indicator of a multi-valued attribute (pass its bin set): a list is first read as
 *   "contains the indicator's value".
 *
 * @param bins a bin set, or its bins
 * @example
 * const bins: Bin[] = [
 *   { rule: { kind: "set", values: ["SaaS"] }, label: "SaaS", n: 40, events: 20, nonEvents: 20, rate: 0.5, lo: 0.35, hi: 0.65, woe: 0, iv: 0 },
 *   { rule: { kind: "missing" }, label: "missing", n: 0, events: 0, nonEvents: 0, rate: NaN, lo: 0, hi: 1, woe: 0, iv: 0 },
 * ];
 * assignBin(bins, "SaaS"); // => { index: 0, fallback: null }
 * assignBin(bins, "Mining"); // => { index: 1, fallback: "missing" }
 */
export function assignBin(bins: BinSet | readonly Bin[], value: BinValue): BinAssignment {
  const list: readonly Bin[] = isBinSet(bins) ? bins.bins : bins;
  let v: BinValue = value;
  if (Array.isArray(v)) {
    if (!isBinSet(bins) || !bins.indicator)
      throw new Error("assignBin: a list value needs the bin set of an indicator (from binMulti), not plain bins");
    v = (v as readonly string[]).includes(bins.indicator.value);
  }
  const missing = list.findIndex((b) => b.rule.kind === "missing");
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return { index: missing, fallback: null };
  if (list.some((b) => b.rule.kind === "range")) {
    const x = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    if (!Number.isNaN(x))
      for (let i = 0; i < list.length; i++) {
        const r = list[i].rule;
        if (r.kind !== "range") continue;
        const aboveLo = r.loInclusive ? x >= r.lo : x > r.lo;
        const belowHi = r.hiInclusive ? x <= r.hi : x < r.hi;
        if (aboveLo && belowHi) return { index: i, fallback: null };
      }
    return { index: missing, fallback: "missing" };
  }
  const text = String(v);
  let other = -1;
  for (let i = 0; i < list.length; i++) {
    const r = list[i].rule;
    if (r.kind === "set" && r.values.includes(text)) return { index: i, fallback: null };
    if (r.kind === "other") other = i;
  }
  if (other >= 0) return { index: other, fallback: "other" };
  return { index: missing, fallback: "missing" };
}

function isBinSet(b: BinSet | readonly Bin[]): b is BinSet {
  return !Array.isArray(b);
}

/**
 * The bin index of every value of a column, as {@link assignBin} would give it one by one (−1
 * where no bin can take a value), computed with a binary search over the cut points for
 * numeric bins and a lookup table for categories. Useful to compare binned attributes (e.g.
 * `cramersV(assignBins(a, colA), assignBins(b, colB))`) or to score many rows.
 *
 * @example
 * import { assignBins } from "./assign-bin";
 * import { binBoolean } from "./boolean";
 * const b = binBoolean([true, false, true, false], [1, 0, 1, 0]);
 * Array.from(assignBins(b, [false, true, null])); // => [0, 1, 2]
 */
export function assignBins(binSet: BinSet, values: ArrayLike<BinValue>): Int32Array {
  const out = new Int32Array(values.length);
  const bins = binSet.bins;
  const ranges = bins.map((b, i) => [b.rule, i] as const).filter(([r]) => r.kind === "range");
  const simple =
    !binSet.indicator &&
    ranges.length > 0 &&
    ranges.every(([r], k) => {
      if (r.kind !== "range") return false;
      const prev = k > 0 ? ranges[k - 1][0] : null;
      const contiguous = prev === null ? r.lo === -Infinity && r.loInclusive : prev.kind === "range" && prev.hi === r.lo && !prev.hiInclusive && r.loInclusive;
      return contiguous && (k < ranges.length - 1 || (r.hi === Infinity && r.hiInclusive));
    });
  if (simple) {
    // half-open ranges covering the real line: binary search on the lower edges
    const lows = Float64Array.from(ranges, ([r]) => (r as { lo: number }).lo);
    const index = Int32Array.from(ranges, ([, i]) => i);
    // A missing number's bin, found once (many event features are mostly missing).
    const missing = assignBin(bins, NaN).index;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== "number") {
        out[i] = assignBin(bins, v).index;
        continue;
      }
      if (Number.isNaN(v)) {
        out[i] = missing;
        continue;
      }
      let lo = 0;
      let hi = lows.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (lows[mid] <= v) lo = mid + 1;
        else hi = mid;
      }
      out[i] = index[Math.max(0, lo - 1)];
    }
    return out;
  }
  if (ranges.length === 0) {
    const indicator = binSet.indicator?.value;
    const lookup = new Map<string, number>();
    bins.forEach((b, i) => {
      if (b.rule.kind === "set") for (const v of b.rule.values) lookup.set(v, i);
    });
    const fallback = assignBin(bins, "\u0000no such level\u0000").index;
    const missing = bins.findIndex((b) => b.rule.kind === "missing");
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) out[i] = missing;
      else if (Array.isArray(v)) out[i] = indicator === undefined ? assignBin(binSet, v).index : (lookup.get(String((v as readonly string[]).includes(indicator))) ?? fallback);
      else out[i] = lookup.get(String(v)) ?? fallback;
    }
    return out;
  }
  for (let i = 0; i < values.length; i++) out[i] = assignBin(binSet, values[i]).index;
  return out;
}
