import type { BinSet } from "../stats/binning/bin";

/** Thresholds of the leakage checks. */
export const LEAKAGE = {
  /** A bin this pure (rate ≤ 2 % or ≥ 98 %) … */
  nearPure: 0.02,
  /** … holding at least this share of the rows (and at least `minDeals`) … */
  minShare: 0.05,
  minDeals: 30,
  /** … with odds this many times (or this fraction of) the odds of all other deals is suspicious. */
  oddsRatio: 20,
  /** Information value this high … */
  highIv: 1.0,
  /** … and this many times the highest IV of any other attribute is suspicious. */
  ivRatio: 3,
  /** Dates after the scoring point in at least this share of deals are suspicious. */
  datedAfterShare: 0.2,
} as const;

/**
 * Why the bins of an attribute look like they were written after the outcome, or null: a bin of
 * meaningful size with a rate near 0 % or 100 % whose odds differ from the other deals' odds by
 * a factor of 20 or more (so a 98 % bin is not suspicious when the base rate is 90 %).
 *
 * @example
 * import { nearPureBinReason } from "leadlab";
 * nearPureBinReason({ bins: [{ label: "yes", n: 400, events: 398, rate: 0.995 }, { label: "no", n: 600, events: 6, rate: 0.01 }], n: 1000, events: 404 } as never, "win rate"); // => 'bin "yes" (400 deals) has a win rate of 99.5 %'
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
  return bin ? `bin "${bin.label}" (${bin.n} deals) has a ${rateName} of ${(100 * bin.rate).toFixed(1)} %` : null;
}

/**
 * Why an attribute's information value stands far above every other attribute's, or null.
 *
 * @example
 * import { outlyingIvReason } from "leadlab";
 * outlyingIvReason(2.4, 0.3); // => "information value 2.40 is 8.0× the next attribute's (0.30)"
 */
export function outlyingIvReason(iv: number, nextBestIv: number): string | null {
  if (iv < LEAKAGE.highIv || iv < LEAKAGE.ivRatio * nextBestIv) return null;
  return `information value ${iv.toFixed(2)} is ${(iv / Math.max(nextBestIv, 1e-9)).toFixed(1)}× the next attribute's (${nextBestIv.toFixed(2)})`;
}

/**
 * Why a date attribute looks written after the scoring point (dated after it in many deals), or null.
 *
 * @example
 * import { datedAfterReason } from "leadlab";
 * datedAfterReason(Float64Array.from([5, 6, 1]), Float64Array.from([1, 1, 2]), Int32Array.from([0, 1, 2])); // => "dated after the scoring point in 67 % of deals"
 */
export function datedAfterReason(dates: Float64Array, scoringPoint: Float64Array, rows: Int32Array): string | null {
  let both = 0, after = 0;
  for (const r of rows)
    if (!Number.isNaN(dates[r]) && !Number.isNaN(scoringPoint[r])) {
      both++;
      if (dates[r] > scoringPoint[r]) after++;
    }
  if (both === 0 || after / both < LEAKAGE.datedAfterShare) return null;
  return `dated after the scoring point in ${Math.round((100 * after) / both)} % of deals`;
}
