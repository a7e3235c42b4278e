import type { DecaySummary } from "../formats/summary-schema";

/**
 * A half-life replaces an event type's fixed windows only when it raises the card's
 * cross-validated AUC on the training part by at least this much (the bar readable edges and
 * finer bins are held to is of the same size: smaller gains are within the noise of the folds).
 */
export const DECAY_MIN_GAIN = 0.002;

/** One event type's decayed count with one half-life, ready to go on the card. */
export interface DecayVariant<E> {
  halfLifeDays: number;
  encoding: E;
}

/** What was tried for one event type and what was kept. */
export interface DecayChoice {
  eventType: string;
  /** The half-life kept, or null: the fixed windows stay. */
  halfLifeDays: number | null;
  /** The card's attributes the decayed count replaced (empty when it was added, or not kept). */
  replaced: string[];
  /** Per half-life tried: the card's cross-validated training AUC with it minus without (null when the card with it would have been kept but was not acceptable). */
  tried: { halfLifeDays: number; gain: number | null }[];
  /** The type's fixed-window attributes on the card when it was tried. */
  fixed: string[];
  /**
   * Whether the type's recent events count more: the shortest half-life's gain beats the
   * longest's by at least {@link DECAY_MIN_GAIN}, whether or not a half-life was kept (a
   * days-since-last feature on the card may already say it).
   */
  recentCountMore: boolean;
  /** The sentence the rationale and the notes carry. */
  note: string;
}

/** One event type to try: its decayed variants, and which of the card's attributes they replace. */
export interface DecayCandidate<E> {
  eventType: string;
  /** Whether an attribute of the card is one of this type's fixed-window features (replaced by the decayed count). */
  isOfType: (e: E) => boolean;
  variants: readonly DecayVariant<E>[];
}

/**
 * Learns a half-life per event type, keeping the fixed windows unless the data say otherwise:
 * for each type in turn, on the card as decided so far, every variant replaces the type's
 * fixed-window attributes (at the first one's place; appended when none is on the card and the
 * card has fewer than `maxAttributes`, else the type is not tried), and
 * the best variant is kept only when it raises `cvAuc` by at least {@link DECAY_MIN_GAIN} and
 * the card stays `acceptable` (e.g. every coefficient positive; else the next best that clears the
 * bar). `acceptable` is asked only of cards that clear the bar, as it may cost a fit on every
 * training row. `cvAuc` must be measured on the training part only (time-ordered folds when
 * the deals have dates).
 *
 * @param card the card's attributes with the fixed windows
 * @param candidates per event type, its decayed variants
 * @param cvAuc the cross-validated training AUC of a card
 * @param acceptable whether a card may be fitted as it is (default: always)
 * @param maxAttributes the card's largest size (an event type off the card is added only below it)
 * @example
 * import { chooseDecay } from "./learn-decay";
 * const card = [{ name: "demo_count_90d" }, { name: "employees" }];
 * const variants = [3, 7].map((h) => ({ halfLifeDays: h, encoding: { name: `demo_count_90d_half${h}d` } }));
 * const cv = (c: readonly { name: string }[]) => (c.some((e) => e.name === "demo_count_90d_half7d") ? 0.75 : 0.74);
 * const r = chooseDecay(card, [{ eventType: "demo", isOfType: (e) => e.name.startsWith("demo_"), variants }], cv);
 * [r.card.map((e) => e.name), r.choices[0].halfLifeDays]; // => [["demo_count_90d_half7d", "employees"], 7]
 */
export function chooseDecay<E extends { name: string }>(
  card: readonly E[],
  candidates: readonly DecayCandidate<E>[],
  cvAuc: (card: readonly E[]) => number,
  acceptable: (card: readonly E[]) => boolean = () => true,
  maxAttributes = Infinity,
): { card: E[]; choices: DecayChoice[] } {
  let out = [...card];
  const choices: DecayChoice[] = [];
  // The card's own AUC, worked out again only when a decay has changed the card.
  let base: number | undefined;
  for (const c of candidates) {
    const at = out.findIndex(c.isOfType);
    if (at < 0 && out.length >= maxAttributes) continue;
    const replaced = out.filter(c.isOfType).map((e) => e.name);
    const without = out.filter((e) => !c.isOfType(e));
    const before = (base ??= cvAuc(out));
    const tried = c.variants.map((v) => {
      const next = at < 0 ? [...without, v.encoding] : [...without.slice(0, at), v.encoding, ...without.slice(at)];
      return { v, next, gain: (cvAuc(next) - before) as number | null };
    });
    // Whether a card may be fitted is asked only where it decides: of the variants that clear
    // the bar, best gain first (the shortest half-life first among equals), until one may.
    let kept: (typeof tried)[number] | undefined;
    for (const t of [...tried].sort((a, b) => b.gain! - a.gain!)) {
      if (t.gain! < DECAY_MIN_GAIN) break;
      if (acceptable(t.next)) {
        kept = t;
        break;
      }
      t.gain = null;
    }
    const best = kept ?? tried.reduce<(typeof tried)[number] | null>((b, t) => (t.gain !== null && (b === null || t.gain > b.gain!) ? t : b), null);
    const fixed = replaced.length ? `the fixed window${replaced.length > 1 ? "s" : ""} (${replaced.join(", ")})` : "no feature of it";
    const gains = tried.map((t) => `${t.v.halfLifeDays}d ${t.gain === null ? "n/a" : signed(t.gain)}`).join(", ");
    if (kept) {
      out = kept.next;
      base = undefined;
    }
    const recentCountMore = recencySlope(tried.map((t) => ({ halfLifeDays: t.v.halfLifeDays, gain: t.gain }))) >= DECAY_MIN_GAIN;
    const recency =
      best === null
        ? ""
        : recentCountMore
          ? `; recent events count more (best half-life ${best.v.halfLifeDays} days)${replaced.length ? `, as ${replaced.join(", ")} already says` : ""}`
          : "; no half-life fits better than another: the events' age does not matter";
    choices.push({
      eventType: c.eventType,
      halfLifeDays: kept ? kept.v.halfLifeDays : null,
      replaced: kept ? replaced : [],
      tried: tried.map((t) => ({ halfLifeDays: t.v.halfLifeDays, gain: t.gain })),
      fixed: replaced,
      recentCountMore,
      note: kept
        ? `${c.eventType}: decay with a ${kept.v.halfLifeDays}-day half-life instead of ${fixed}: cross-validated training AUC ${signed(kept.gain!)} (at least ${DECAY_MIN_GAIN} needed; half-lives tried: ${gains})`
        : `${c.eventType}: ${replaced.length ? "fixed windows kept" : "left off"}: no half-life raises the cross-validated training AUC by ${DECAY_MIN_GAIN} (half-lives tried: ${gains})${recency}`,
    });
  }
  return { card: out, choices };
}

/** The shortest half-life's gain minus the longest's (0 when either card was not acceptable): how much more recent events say. */
function recencySlope(tried: readonly { halfLifeDays: number; gain: number | null }[]): number {
  const byH = [...tried].sort((a, b) => a.halfLifeDays - b.halfLifeDays);
  const [short, long] = [byH[0]?.gain, byH[byH.length - 1]?.gain];
  return short === null || short === undefined || long === null || long === undefined ? 0 : short - long;
}

/** A gain with its sign, 4 decimals ("+0.0031", "−0.0004"). */
function signed(x: number): string {
  return `${Number(x.toFixed(4)) < 0 ? "−" : "+"}${Math.abs(x).toFixed(4)}`;
}

/**
 * The learned decay as summary.json and the report carry it: the choices, the holdout backtest
 * of the card with the learned decay against the same card with the fixed windows (a paired
 * DeLong comparison: `diff` = AUC with decay − AUC with fixed windows), and a verdict that says
 * plainly whether the decay helps on the holdout.
 *
 * @example
 * import { decaySummary } from "./learn-decay";
 * decaySummary([], null).verdict; // => "no event type on the card or among its candidates: nothing to decay"
 */
export function decaySummary(
  choices: readonly DecayChoice[],
  backtest: { aucA: number; aucB: number; diff: number; lo: number; hi: number; p: number } | null,
): DecaySummary {
  const kept = choices.filter((c) => c.halfLifeDays !== null);
  const num = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : null);
  const holdout = backtest && { aucDecay: num(backtest.aucA), aucFixed: num(backtest.aucB), diff: num(backtest.diff), lo: num(backtest.lo), hi: num(backtest.hi), p: num(backtest.p) };
  const gains = choices.flatMap((c) => c.tried.flatMap((t) => (t.gain === null ? [] : [{ type: c.eventType, h: t.halfLifeDays, gain: t.gain }])));
  const best = gains.reduce<(typeof gains)[number] | null>((b, g) => (b === null || g.gain > b.gain ? g : b), null);
  const learned = kept.map((c) => `${c.eventType} ${c.halfLifeDays} days`).join(", ");
  const recent = choices.filter((c) => c.halfLifeDays === null && c.recentCountMore);
  const recentWords = recent.length
    ? `; recent events count more for ${recent.map((c) => `${c.eventType}${c.fixed.length ? ` (the card's ${c.fixed.join(", ")} already says so)` : ""}`).join(", ")}`
    : "";
  const verdict =
    choices.length === 0
      ? "no event type on the card or among its candidates: nothing to decay"
      : kept.length === 0
        ? `fixed windows kept for every event type: no half-life raised the cross-validated training AUC by ${DECAY_MIN_GAIN}${best ? ` (the best, ${best.type} at ${best.h} days, changed it by ${signed(best.gain)})` : ""}${recentWords}`
        : !backtest
          ? `learned half-lives (${learned}); the holdout cannot test them`
          : `learned half-lives (${learned}): on the holdout the card's AUC ${backtest.lo > 0 ? "rises" : backtest.hi < 0 ? "falls" : "changes"} by ${signed(backtest.diff)} [${signed(backtest.lo)}, ${signed(backtest.hi)}] against the fixed windows (p ${backtest.p < 0.0001 ? "< 0.0001" : `= ${backtest.p.toFixed(4)}`}): ${
              backtest.lo > 0 ? "the decay helps on the holdout" : backtest.hi < 0 ? "the decay hurts on the holdout: consider the fixed windows" : "the decay does not help significantly on the holdout"
            }`;
  return { minGain: DECAY_MIN_GAIN, choices: choices.map((c) => ({ ...c, replaced: [...c.replaced], fixed: [...c.fixed], tried: c.tried.map((t) => ({ ...t, gain: t.gain === null ? null : num(t.gain) })) })), holdout, verdict };
}
