/** Weight of evidence and information value of one bin. */
export interface WoeRow {
  events: number;
  nonEvents: number;
  /** Share of all events that fall in this bin (after smoothing, when applied). */
  eventShare: number;
  /** Share of all non-events that fall in this bin (after smoothing, when applied). */
  nonEventShare: number;
  /** ln(eventShare / nonEventShare); positive = better than average for winning. */
  woe: number;
  /** (eventShare − nonEventShare) · woe, never negative. */
  iv: number;
  /** True when this bin had a zero cell and was smoothed. */
  smoothed: boolean;
}

/** The weight of evidence of every bin and the total information value. */
export interface WoeTable {
  bins: WoeRow[];
  /** Sum of the bins' IV contributions, ≥ 0. */
  iv: number;
  totalEvents: number;
  totalNonEvents: number;
}

/** Options of {@link weightOfEvidence}. */
export interface WoeOptions {
  /**
   * Added to both counts of a bin in which exactly one count is zero (events or non-events);
   * default 0.5 (the Haldane–Anscombe correction). Totals are not changed and bins without a
   * zero cell are exact. Use 0 to get ±Infinity for such bins.
   */
  smoothing?: number;
}

/**
 * Weight of evidence (WOE) and information value (IV) per bin from event and non-event counts.
 *
 * Convention: events are wins (or retained customers), so
 * WOE_i = ln((events_i / E) / (nonEvents_i / N)), with E and N the totals over all bins.
 * A positive WOE means the bin wins more often than average; IV_i = (events_i/E − nonEvents_i/N) · WOE_i
 * and IV = Σ IV_i ≥ 0. Rules of thumb: IV < 0.02 useless, 0.02–0.1 weak, 0.1–0.3 medium,
 * 0.3–0.5 strong, > 0.5 suspicious (check for leakage).
 *
 * Zero cells: a bin with zero events or zero non-events gets `smoothing` (0.5) added to both of its
 * counts before its shares are taken (totals unchanged), so its WOE stays finite. An empty bin
 * (0 and 0) and an outcome with no events or no non-events at all give WOE 0 and IV 0: there is
 * no evidence either way.
 *
 * @param events events (wins) per bin
 * @param nonEvents non-events (losses) per bin, same length
 * @example
 * const t = weightOfEvidence([30, 10], [10, 30]);
 * t.bins[0].woe; // => 1.0986… (ln 3)
 * t.iv; // => 1.0986… (2 · 0.5 · ln 3)
 */
export function weightOfEvidence(events: ArrayLike<number>, nonEvents: ArrayLike<number>, options: WoeOptions = {}): WoeTable {
  const smoothing = options.smoothing ?? 0.5;
  if (!(smoothing >= 0)) throw new Error(`weightOfEvidence: smoothing must be ≥ 0; got ${smoothing}`);
  if (events.length !== nonEvents.length)
    throw new Error(`weightOfEvidence: events has ${events.length} bins but nonEvents has ${nonEvents.length}`);
  let E = 0;
  let N = 0;
  for (let i = 0; i < events.length; i++) {
    if (!(events[i] >= 0) || !(nonEvents[i] >= 0))
      throw new Error(`weightOfEvidence: counts must be ≥ 0; bin ${i} has events ${events[i]}, nonEvents ${nonEvents[i]}`);
    E += events[i];
    N += nonEvents[i];
  }
  const bins: WoeRow[] = [];
  let iv = 0;
  for (let i = 0; i < events.length; i++) {
    const row = woeOfBin(events[i], nonEvents[i], E, N, smoothing);
    iv += row.iv;
    bins.push(row);
  }
  return { bins, iv, totalEvents: E, totalNonEvents: N };
}

/**
 * WOE and IV of one bin given the totals; the formula of {@link weightOfEvidence} for a single bin.
 *
 * @example
 * woeOfBin(30, 10, 40, 40).woe; // => 1.0986… (ln 3)
 */
export function woeOfBin(events: number, nonEvents: number, totalEvents: number, totalNonEvents: number, smoothing = 0.5): WoeRow {
  if ((events === 0 && nonEvents === 0) || totalEvents === 0 || totalNonEvents === 0) {
    return {
      events,
      nonEvents,
      eventShare: totalEvents > 0 ? events / totalEvents : 0,
      nonEventShare: totalNonEvents > 0 ? nonEvents / totalNonEvents : 0,
      woe: 0,
      iv: 0,
      smoothed: false,
    };
  }
  const smoothed = (events === 0 || nonEvents === 0) && smoothing > 0;
  const add = smoothed ? smoothing : 0;
  const eventShare = (events + add) / totalEvents;
  const nonEventShare = (nonEvents + add) / totalNonEvents;
  const woe = Math.log(eventShare / nonEventShare);
  const iv = eventShare === nonEventShare ? 0 : (eventShare - nonEventShare) * woe;
  return { events, nonEvents, eventShare, nonEventShare, woe, iv, smoothed };
}

/**
 * Pseudo-deals at the base rate that every bin's rate is shrunk with in {@link credibleWoe}: a bin
 * of n deals keeps about n / (n + 30) of its evidence, so a bin of 3 deals keeps about a tenth and
 * a bin of 300 about nine tenths. Thirty is the default minimum bin size of the binning.
 *
 * @example
 * CREDIBILITY_DEALS; // => 30
 */
export const CREDIBILITY_DEALS = 30;

/**
 * Weight of evidence shrunk toward zero by the bin's size (credibility weighting): the bin's rate
 * is estimated with `k` pseudo-deals at the overall rate p = E / (E + N) added,
 * r = (events + k·p) / (n + k), and WOE = logit(r) − logit(p). A large bin gets its classic WOE
 * (ln((events/E) / (nonEvents/N)) is the same logit difference), a pure bin a finite WOE without
 * any ad-hoc correction, and a bin of a handful of deals almost nothing: no bin of three deals
 * earns full points. An empty bin, or an outcome with no events or no non-events, gives 0.
 *
 * @param k pseudo-deals, default {@link CREDIBILITY_DEALS}
 * @example
 * credibleWoe(0, 3, 500, 500); // => -0.1823… (3 deals, no win: ln(15/18))
 * credibleWoe(0, 300, 500, 500); // => -3.0445… (300 deals, no win)
 * credibleWoe(300, 400, 500, 500); // => 1.0076… (classic WOE ln 3 = 1.0986…)
 */
export function credibleWoe(events: number, n: number, totalEvents: number, totalNonEvents: number, k = CREDIBILITY_DEALS): number {
  if (!(k >= 0)) throw new Error(`credibleWoe: k must be ≥ 0; got ${k}`);
  const total = totalEvents + totalNonEvents;
  if (n === 0 || totalEvents === 0 || totalNonEvents === 0) return 0;
  const p = totalEvents / total;
  const r = (events + k * p) / (n + k);
  return Math.log(r / (1 - r)) - Math.log(p / (1 - p));
}
