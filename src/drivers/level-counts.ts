import type { Column } from "../data/deal-table";
import type { AttributeType } from "../formats/vocabulary";
import { knownSorted } from "../data/typed-column";
import { quantilePreBins } from "../stats/binning/pre-bins";
import type { LevelCount } from "./leakage";
import { dateInZone } from "../data/time-zone";

/** Numeric attributes are read as at most this many quantile levels (ties kept together) when judging leakage. */
export const NUMERIC_LEVELS = 50;

/**
 * The raw levels of one attribute with their deals and events, **before any binning or merging**,
 * missing included as its own level: every category of a categorical attribute, true / false of a
 * boolean (or of one value of a multi-valued attribute, `indicator`), and for numeric and date
 * attributes every distinct value, or up to {@link NUMERIC_LEVELS} quantile groups of them (tied
 * values together) when there are more (dates labelled as ISO days). Leakage is judged on these, since merging a pure level
 * with a mixed one hides it.
 *
 * @param column the attribute's values on the analysed rows
 * @param y the outcome on the same rows (1 = event, 0 = none)
 * @param sorted for a numeric or date attribute, its known values sorted ({@link knownSorted} of
 *   `column`) when the caller has them already
 * @param eventValues with `sorted`, the known values of the rows with an event (y = 1), sorted
 * @example
 * import { rawLevelCounts } from "./level-counts";
 * rawLevelCounts(["a", "a", null, "b"], "categorical", Uint8Array.from([1, 1, 0, 0])).map((l) => [l.label, l.n, l.events]); // => [["a", 2, 2], ["b", 1, 0], ["missing", 1, 0]]
 */
export function rawLevelCounts(column: Column, type: AttributeType, y: ArrayLike<number>, indicator?: string, sorted?: Float64Array, eventValues?: Float64Array, timeZone = "UTC"): LevelCount[] {
  const levels = new Map<string, LevelCount>();
  const missing: LevelCount = { label: "missing", missing: true, n: 0, events: 0 };
  const add = (key: string | null, e: number) => {
    let l = key === null ? missing : levels.get(key);
    if (!l) levels.set(key!, (l = { label: key!, missing: false, n: 0, events: 0 }));
    l.n++;
    l.events += e;
  };
  if (type === "numeric" || type === "date") {
    const x = column as Float64Array;
    return numericLevels(x, y, missing, type === "date" ? timeZone : undefined, sorted ?? knownSorted(x), eventValues);
  }
  for (let i = 0; i < y.length; i++) {
    const v = (column as unknown[])[i];
    if (v === null || v === undefined) add(null, y[i]);
    else if (indicator !== undefined) add(String((v as string[]).includes(indicator)), y[i]);
    else add(String(v), y[i]);
  }
  const out = [...levels.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return missing.n > 0 ? [...out, missing] : out;
}

/** The levels of numbers, or of dates (labelled with their calendar date in `dateZone`). */
function numericLevels(x: Float64Array, y: ArrayLike<number>, missing: LevelCount, dateZone: string | undefined, sorted: Float64Array, eventValuesSorted?: Float64Array): LevelCount[] {
  const text = (v: number) => (dateZone ? dateInZone(v, dateZone) : String(v));
  // The known values with an event, sorted natively as the known values are (unless the caller
  // has them): walking both in step gives each distinct value's deals and events (a typed-array
  // sort instead of a Map entry per value).
  const withEvent = eventValuesSorted ? undefined : new Float64Array(x.length);
  let e = 0;
  for (let i = 0; i < x.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`rawLevelCounts: the outcome must be 0 or 1; got ${y[i]} at row ${i}`);
    if (Number.isNaN(x[i])) {
      missing.n++;
      missing.events += y[i];
    } else if (y[i] === 1 && withEvent) withEvent[e++] = x[i];
  }
  const eventValues = eventValuesSorted ?? withEvent!.subarray(0, e).sort();
  const values: number[] = [], counts: number[] = [], events: number[] = [];
  for (let i = 0, k = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (values.length && values[values.length - 1] === v) counts[counts.length - 1]++;
    else {
      values.push(v);
      counts.push(1);
      let n = 0;
      while (k < eventValues.length && eventValues[k] === v) k++, n++;
      events.push(n);
    }
  }
  const ends = quantilePreBins(counts, NUMERIC_LEVELS);
  const out: LevelCount[] = [];
  for (let p = 0, d = 0; p < ends.length; p++) {
    const l: LevelCount = { label: "", missing: false, n: 0, events: 0 };
    const from = values[d];
    for (; d <= ends[p]; d++) [l.n, l.events] = [l.n + counts[d], l.events + events[d]];
    const to = values[ends[p]];
    l.label = from === to ? text(from) : `${text(from)} – ${text(to)}`;
    out.push(l);
  }
  return missing.n > 0 ? [...out, missing] : out;
}
