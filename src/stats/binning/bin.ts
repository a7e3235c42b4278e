import { wilsonInterval } from "../wilson";
import { woeOfBin } from "../woe";

/**
 * What values a bin holds, explicit enough to apply it to a new record and to serialise it:
 * - `range`: numbers between `lo` and `hi` (−Infinity / Infinity at the edges; YAML writes them
 *   as `-.inf` / `.inf`, JSON as null, so a JSON writer must map them);
 * - `set`: these category values (compared as text; booleans are the set `["true"]` / `["false"]`);
 * - `other`: every value not listed in another bin of the same attribute, including values never
 *   seen in training; `members` lists the rare values seen in training (information only);
 * - `missing`: null / NaN / absent.
 */
export type BinRule =
  | { kind: "range"; lo: number; hi: number; loInclusive: boolean; hiInclusive: boolean }
  | { kind: "set"; values: string[] }
  | { kind: "other"; members: string[] }
  | { kind: "missing" };

/** Counts and derived statistics of one bin against a binary outcome (event = win or retained). */
export interface BinStats {
  /** Rows in the bin. */
  n: number;
  /** Events (wins). */
  events: number;
  /** Non-events (losses). */
  nonEvents: number;
  /** events / n (NaN for an empty bin). */
  rate: number;
  /** Wilson interval of the rate (95 % unless asked otherwise). */
  lo: number;
  hi: number;
  /** Weight of evidence, ln(%events / %non-events); 0 for an empty bin. */
  woe: number;
  /** Contribution to the information value. */
  iv: number;
}

/** One bin: its rule, a readable label and its statistics. */
export interface Bin extends BinStats {
  rule: BinRule;
  /** E.g. `< 50`, `50–199`, `≥ 2000`, `SaaS`, `industry ∈ {Fintech, SaaS}`, `other (12 values)`, `missing`. */
  label: string;
}

/**
 * The trends a numeric binning can impose on the bins' event rates (see `binNumeric`).
 *
 * @example
 * TRENDS.includes("peak"); // => true
 */
export const TRENDS = ["auto", "ascending", "descending", "peak", "valley", "none"] as const;
export type Trend = (typeof TRENDS)[number];

/** The bins of one attribute (or of one indicator of a multi-valued attribute). */
export interface BinSet {
  /** Attribute name, or `<attribute>=<value>` for an indicator of a multi-valued attribute. */
  name: string;
  /** How values are matched: ranges (`numeric`), sets of categories, or true/false. */
  type: "numeric" | "categorical" | "boolean";
  /** For an indicator of a multi-valued attribute: a record's value is `list.includes(value)`. */
  indicator?: { attribute: string; value: string };
  /** Bins in display order; the `missing` bin is always last and always present (possibly empty). */
  bins: Bin[];
  /** Information value, the sum of the bins' contributions (≥ 0). */
  iv: number;
  /** Rows with a usable outcome, and their events and non-events. */
  n: number;
  events: number;
  nonEvents: number;
  /** Rows left out because their outcome was neither 0 nor 1. */
  ignored: number;
  /** The minimum bin size that was applied. */
  minBinSize: number;
  /** Numeric only: the trend of the event rates that the bins follow (resolved from `auto`). */
  trend?: Exclude<Trend, "auto">;
  /** Why the result may be weaker than hoped (tiny bins, no valid split, …). */
  warnings: string[];
}

/**
 * A bin set with its derived totals filled in: the information value (the sum of the bins'
 * contributions) and the rows used (events + non-events). Every binning function ends here.
 *
 * @example
 * finishBinSet({ name: "x", type: "boolean", bins: [], events: 3, nonEvents: 2, ignored: 0, minBinSize: 1, warnings: [] }).n; // => 5
 */
export function finishBinSet(parts: Omit<BinSet, "iv" | "n">): BinSet {
  return { ...parts, iv: parts.bins.reduce((s, b) => s + b.iv, 0), n: parts.events + parts.nonEvents };
}

/**
 * Statistics of bins from their event and non-event counts: rate with Wilson interval, WOE and
 * IV contribution (see {@link weightOfEvidence} for the smoothing of zero cells).
 *
 * @example
 * binStats([30, 10], [10, 30])[0]; // => { n: 40, events: 30, nonEvents: 10, rate: 0.75, lo: 0.5980…, hi: 0.8581…, woe: 1.0986…, iv: 0.5493… }
 */
export function binStats(events: ArrayLike<number>, nonEvents: ArrayLike<number>, smoothing = 0.5, confidence = 0.95): BinStats[] {
  let E = 0;
  let N = 0;
  for (let i = 0; i < events.length; i++) {
    E += events[i];
    N += nonEvents[i];
  }
  const out: BinStats[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const ne = nonEvents[i];
    const w = wilsonInterval(e, e + ne, confidence);
    const woe = woeOfBin(e, ne, E, N, smoothing);
    out.push({ n: e + ne, events: e, nonEvents: ne, rate: w.rate, lo: w.lo, hi: w.hi, woe: woe.woe, iv: woe.iv });
  }
  return out;
}

/**
 * Reads a binary outcome value: 1 / true is an event, 0 / false a non-event, anything else
 * (NaN, null, e.g. retention unknown) is not usable and returns -1.
 *
 * @example
 * outcomeOf(true); // => 1
 * outcomeOf(NaN); // => -1
 */
export function outcomeOf(v: number | boolean | null | undefined): 1 | 0 | -1 {
  if (v === 1 || v === true) return 1;
  if (v === 0 || v === false) return 0;
  return -1;
}

/** An outcome column: 1/true = event (won, retained), 0/false = non-event, other values are left out. */
export type Outcome = ArrayLike<number | boolean | null>;
