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
