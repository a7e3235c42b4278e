import type { BinSet } from "../stats/binning/bin";
import { formatCount } from "../format/count";
import { formatPercent } from "../format/percent";

/** Thresholds of the leakage checks. */
export const LEAKAGE = {
  /** Values filled in for one class only: the deals with a value are this pure (rate ≤ 5 % or ≥ 95 %). */
  determined: 0.05,
  /** A raw level explains its deals only when it holds at least this many (a level of two deals proves nothing). */
  minLevelDeals: 10,
  /** Determination: predicting by level errs for at most this share of the errors of predicting by the overall majority. */
  determinedError: 0.1,
  /** Values present for one outcome class only: at least this many non-missing deals, … */
  minDeals: 30,
  /** A bin this pure (rate ≤ 2 % or ≥ 98 %), … */
  nearPure: 0.02,
  /** … holding at least this share of the rows (and `minDeals`), is supporting evidence … */
  minShare: 0.05,
  /** … when its odds are this many times (or this fraction of) the others' odds. */
  oddsRatio: 20,
  /** Information value this high … */
  highIv: 1.0,
  /** … and this many times the highest IV of any other attribute is supporting evidence. */
  ivRatio: 3,
  /** Dates after the scoring point in at least this share of deals are strong evidence. */
  datedAfterShare: 0.2,
} as const;

/**
 * Words in an attribute's name that read like an outcome: supporting evidence of leakage only
 * (a column named `status` may still be filled in before the outcome).
 *
 * @example
 * OUTCOME_WORDS.includes("churn"); // => true
 */
export const OUTCOME_WORDS = ["status", "stage", "reason", "churn", "churned", "closed", "close", "won", "lost", "loss", "win", "outcome", "result", "cancel", "canceled", "cancelled", "cancellation", "renewed"] as const;

/** Events and deals of one raw level of an attribute (missing counts as a level). */
export interface LevelCount {
  /** The level as text (`missing` for no value). */
  label: string;
  missing: boolean;
  n: number;
  events: number;
}

/**
 * The evidence that an attribute was written after the outcome. `strong` evidence sets the
 * attribute aside (unless the user keeps it); `supporting` evidence alone only raises a
 * question: the attribute is kept and the user is asked when the field is filled in.
 */
export interface LeakageEvidence {
  strong: string[];
  supporting: string[];
}

/**
 * Why the raw levels of an attribute (missing included, counted before any merging) nearly
 * determine the outcome **in both directions**, or null. Each deal is predicted by the majority
 * outcome of its level; the levels determine the outcome when that prediction is wrong for at
 * most 10 % as many deals as predicting every deal by the overall majority. Levels of fewer than
 * 10 deals explain nothing (their deals count at the overall error), so an id column is not
 * flagged. The same is judged among the deals with a value (at least 30), so a field filled in
 * after the outcome for only some deals is caught too. One dominant level (99 % won, the others
 * mixed) is not enough: the mixed levels keep most of the error. That is a strong driver, not an
 * outcome written into the record.
 *
 * @example
 * import { determinedByLevelsReason } from "leadlab";
 * determinedByLevelsReason([
 *   { label: "Check-Out", missing: false, n: 600, events: 600 },
 *   { label: "Canceled", missing: false, n: 350, events: 0 },
 *   { label: "No-Show", missing: false, n: 50, events: 0 },
 * ], "win rate"); // => "its levels decide the outcome: predicting each deal by its level is wrong for 0.0% of deals, against 40.0% without it (Check-Out → wins; Canceled, No-Show → losses)"
 */
export function determinedByLevelsReason(levels: readonly LevelCount[], rateName: string): string | null {
  const present = levels.filter((l) => !l.missing);
  const among = present.reduce((s, l) => s + l.n, 0);
  const all = determination(levels);
  const filled = among < levels.reduce((s, l) => s + l.n, 0) && among >= LEAKAGE.minDeals ? determination(present) : null;
  const hit = all?.determined ? all : filled?.determined ? filled : null;
  if (!hit) return null;
  const big = (hit === all ? levels : present).filter((l) => l.n >= LEAKAGE.minLevelDeals);
  const names = (ls: LevelCount[]) => ls.slice(0, 3).map((l) => l.label).join(", ") + (ls.length > 3 ? ", …" : "");
  const high = big.filter((l) => 2 * l.events > l.n), low = big.filter((l) => 2 * l.events <= l.n);
  const whom = hit === all ? "" : ` among the ${formatCount(among)} deals with a value`;
  return `its levels decide the outcome${whom}: predicting each deal by its level is wrong for ${formatPercent(hit.error, 1)} of deals, against ${formatPercent(hit.baseError, 1)} without it (${names(high)} → ${eventWord(rateName)}; ${names(low)} → ${nonEventWord(rateName)})`;
}

/** The error of predicting each deal by its level's majority against the overall majority's. */
function determination(levels: readonly LevelCount[]): { error: number; baseError: number; determined: boolean } | null {
  let E = 0, total = 0;
  for (const l of levels) [E, total] = [E + l.events, total + l.n];
  if (E === 0 || E === total) return null;
  const baseError = Math.min(E, total - E) / total;
  let wrong = 0;
  for (const l of levels) wrong += l.n >= LEAKAGE.minLevelDeals ? Math.min(l.events, l.n - l.events) : l.n * baseError;
  const error = wrong / total;
  return { error, baseError, determined: error <= LEAKAGE.determinedError * baseError };
}

/**
 * Why an attribute looks filled in for one outcome class only, or null: at least 30 deals have a
 * value, some deals have none, and the deals with a value are (≥ 95 %) of one class while that
 * class is at most 75 % of all deals, as for a loss reason typed in when a deal is lost.
 *
 * @example
 * import { oneClassOnlyReason } from "leadlab";
 * oneClassOnlyReason([
 *   { label: "price", missing: false, n: 200, events: 0 },
 *   { label: "missing", missing: true, n: 800, events: 500 },
 * ], "win rate"); // => "filled in for losses only: the 200 deals with a value have a win rate of 0.0%, against 50.0% overall"
 */
export function oneClassOnlyReason(levels: readonly LevelCount[], rateName: string): string | null {
  let n = 0, e = 0, total = 0, events = 0;
  for (const l of levels) {
    total += l.n;
    events += l.events;
    if (!l.missing) [n, e] = [n + l.n, e + l.events];
  }
  if (n < LEAKAGE.minDeals || n === total || events === 0 || events === total) return null;
  const rate = e / n, base = events / total;
  const pure = rate >= 1 - LEAKAGE.determined ? base < 1 - 5 * LEAKAGE.determined : rate <= LEAKAGE.determined ? base > 5 * LEAKAGE.determined : false;
  if (!pure) return null;
  const whom = rate >= 0.5 ? eventWord(rateName) : nonEventWord(rateName);
  return `filled in for ${whom} only: the ${formatCount(n)} deals with a value have a ${rateName} of ${formatPercent(rate, 1)}, against ${formatPercent(base, 1)} overall`;
}

/**
 * Why the bins of an attribute contain a near-pure bin of meaningful size, or null: a bin with a
 * rate near 0 % or 100 % whose odds differ from the other deals' odds by a factor of 20 or more.
 * Supporting evidence only: a legitimate dominant driver has such a bin too.
 *
 * @example
 * import { nearPureBinReason } from "leadlab";
 * nearPureBinReason({ bins: [{ label: "yes", n: 400, events: 398, rate: 0.995 }, { label: "no", n: 600, events: 6, rate: 0.01 }], n: 1000, events: 404 } as never, "win rate"); // => 'bin "yes" (400 deals) has a win rate of 99.5%'
 */
export function nearPureBinReason(set: Pick<BinSet, "bins" | "n" | "events">, rateName: string): string | null {
  const base = set.events / set.n;
  if (!(base > 0.05 && base < 0.95)) return null;
  const big = Math.max(LEAKAGE.minDeals, LEAKAGE.minShare * set.n);
  const odds = (e: number, n: number) => (e + 0.5) / (n - e + 0.5);
  const bin = set.bins.find((b) => {
    if (b.n < big || !(b.rate <= LEAKAGE.nearPure || b.rate >= 1 - LEAKAGE.nearPure)) return false;
    const ratio = odds(b.events, b.n) / odds(set.events - b.events, set.n - b.n);
    return ratio >= LEAKAGE.oddsRatio || ratio <= 1 / LEAKAGE.oddsRatio;
  });
  return bin ? `bin "${bin.label}" (${formatCount(bin.n)} deals) has a ${rateName} of ${formatPercent(bin.rate, 1)}` : null;
}

/**
 * Why an attribute's information value stands far above every other attribute's, or null.
 * Supporting evidence only: strength alone is not leakage.
 *
 * @example
 * import { outlyingIvReason } from "leadlab";
 * outlyingIvReason(2.4, 0.3); // => "information value 2.40 is 8.0× the next attribute's (0.30)"
 * outlyingIvReason(10.6, 1e-9); // => "information value 10.60, against 0.00 for every other attribute"
 */
export function outlyingIvReason(iv: number, nextBestIv: number): string | null {
  if (iv < LEAKAGE.highIv || iv < LEAKAGE.ivRatio * nextBestIv) return null;
  // Past a next IV that rounds to 0.00, a ratio says nothing a reader can use.
  if (nextBestIv < 0.005) return `information value ${iv.toFixed(2)}, against ${nextBestIv.toFixed(2)} for every other attribute`;
  return `information value ${iv.toFixed(2)} is ${(iv / nextBestIv).toFixed(1)}× the next attribute's (${nextBestIv.toFixed(2)})`;
}

/**
 * Why an attribute's name reads like an outcome (a word of {@link OUTCOME_WORDS}), or null.
 * Supporting evidence only.
 *
 * @example
 * import { outcomeNameReason } from "leadlab";
 * outcomeNameReason("booking_status"); // => 'its name reads like an outcome ("status")'
 * outcomeNameReason("employees"); // => null
 * outcomeNameReason("Marital_Status"); // => null
 */
export function outcomeNameReason(name: string): string | null {
  const words = name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z]+/);
  const word = words.find((w, i) => (OUTCOME_WORDS as readonly string[]).includes(w) && !(w === "status" && (PERSONAL_STATUS as readonly string[]).includes(words[i - 1])));
  return word ? `its name reads like an outcome ("${word}")` : null;
}

/** Words before "status" that name a person's or a company's standing, not a deal's outcome (`Marital_Status`). */
const PERSONAL_STATUS = ["marital", "employment", "relationship", "family", "civil", "housing", "residence", "residential", "citizenship", "immigration", "student", "smoker", "smoking", "veteran", "tax", "legal", "socioeconomic", "health"] as const;

/**
 * Why a date attribute looks written after the scoring point (dated after it in many deals), or null.
 *
 * @example
 * import { datedAfterReason } from "leadlab";
 * datedAfterReason(Float64Array.from([5, 6, 1]), Float64Array.from([1, 1, 2]), Int32Array.from([0, 1, 2])); // => "dated after the scoring point in 67% of deals"
 */
export function datedAfterReason(dates: Float64Array, scoringPoint: Float64Array, rows: Int32Array): string | null {
  let both = 0, after = 0;
  for (const r of rows)
    if (!Number.isNaN(dates[r]) && !Number.isNaN(scoringPoint[r])) {
      both++;
      if (dates[r] > scoringPoint[r]) after++;
    }
  if (both === 0 || after / both < LEAKAGE.datedAfterShare) return null;
  return `dated after the scoring point in ${formatPercent(after / both, 0)} of deals`;
}

/**
 * The question shown for an attribute kept despite supporting evidence of leakage.
 *
 * @example
 * import { leakageQuestion } from "leadlab";
 * leakageQuestion(["its name reads like an outcome (\"status\")"]); // => 'kept; check when this field is filled in: its name reads like an outcome ("status")'
 */
export function leakageQuestion(supporting: readonly string[]): string {
  return `kept; check when this field is filled in: ${supporting.join("; ")}`;
}

function eventWord(rateName: string): string {
  return rateName.startsWith("win") ? "wins" : "retained customers";
}

function nonEventWord(rateName: string): string {
  return rateName.startsWith("win") ? "losses" : "churned customers";
}
