import type { Scale } from "./tune-options";

/** Turns log-odds into points: `points = offset + factor × logit`. */
export interface PointsScale {
  factor: number;
  offset: number;
}

/**
 * The linear map from log-odds to points. Points-to-double-the-odds: `factor = pdo / ln 2`,
 * `offset = base − factor × ln(baseOdds)` (600 points at odds 1:1, +20 per doubling). The
 * 0–100 scale maps the lowest and highest possible total log-odds of the card to 0 and 100.
 *
 * @example
 * import { pointsScale } from "leadlab";
 * const s = pointsScale({ kind: "pdo", base: 600, baseOdds: 1, pdo: 20 }, -3, 3);
 * Math.round(s.offset + s.factor * Math.log(2)); // => 620
 */
export function pointsScale(scale: Scale, minLogit: number, maxLogit: number): PointsScale {
  if (scale.kind === "pdo") {
    const factor = scale.pdo / Math.LN2;
    return { factor, offset: scale.base - factor * Math.log(scale.baseOdds) };
  }
  const span = maxLogit - minLogit;
  const factor = span > 0 ? 100 / span : 0;
  return { factor, offset: -factor * minLogit };
}

/** The whole points of a card: what a consumer adds up. */
export interface CardPoints {
  /** Points every lead starts with. */
  basePoints: number;
  /** Per attribute, per bin. */
  binPoints: number[][];
}

/**
 * The whole points of a fitted card on a scale, written so that `basePoints` plus the points
 * of each attribute's bin is the lead's score on that scale, with nothing else to add:
 * - `pdo`: each bin gets `factor × contribution` and the base gets `offset + factor × intercept`;
 * - `0-100`: the base is 0 and each attribute's lowest bin gets 0 points, so the worst possible
 *   lead scores 0 and the best 100 (± the rounding of each bin); the intercept cancels out.
 * `contributions[j][k]` is the log-odds contribution of bin k of attribute j (coefficient × WOE).
 * Every value is rounded to a whole number, never −0.
 *
 * @example
 * import { cardPoints } from "leadlab";
 * cardPoints({ kind: "0-100" }, -1, [[-1, 0, 1], [0, 2]]); // => { basePoints: 0, binPoints: [[0, 25, 50], [0, 50]] }
 * cardPoints({ kind: "pdo", base: 600, baseOdds: 1, pdo: 20 }, 0, [[-Math.LN2, Math.LN2]]); // => { basePoints: 600, binPoints: [[-20, 20]] }
 */
export function cardPoints(scale: Scale, intercept: number, contributions: readonly (readonly number[])[]): CardPoints {
  const whole = (x: number) => Math.round(x) || 0;
  const lows = contributions.map((c) => Math.min(...c));
  const highs = contributions.map((c) => Math.max(...c));
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const s = pointsScale(scale, intercept + sum(lows), intercept + sum(highs));
  if (scale.kind === "pdo")
    return { basePoints: whole(s.offset + s.factor * intercept), binPoints: contributions.map((c) => c.map((x) => whole(s.factor * x))) };
  return { basePoints: 0, binPoints: contributions.map((c, j) => c.map((x) => whole(s.factor * (x - lows[j])))) };
}
