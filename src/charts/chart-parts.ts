import type { TopLevelSpec } from "vega-lite";

/** One layer of a layered vega-lite spec. */
export type Layer = NonNullable<Extract<TopLevelSpec, { layer: unknown }>["layer"]>[number];

/** The encoding of a layer that draws a mark. */
export type Encoding = NonNullable<Extract<Layer, { mark: unknown }>["encoding"]>;

/**
 * Checks a chart's pixel size option: a finite number of at least `min` pixels, or undefined
 * for the default. Throws naming the chart and the option.
 *
 * @example
 * import { checkPixels } from "./chart-parts";
 * checkPixels("ivRankingChart", "width", undefined, 420); // => 420
 */
export function checkPixels(chart: string, name: string, value: number | undefined, fallback: number, min = 100): number {
  const x = value ?? fallback;
  if (typeof x !== "number" || !Number.isFinite(x) || x < min) {
    throw new Error(`${chart}: options.${name} must be at least ${min} pixels; got ${String(x)}.`);
  }
  return x;
}

/**
 * A quantitative position channel for a share from 0 to 1, drawn as percentages over exactly
 * [0, 1] with five ticks and a grid (the ROC and gains charts' axes).
 *
 * @example
 * import { shareAxis } from "./chart-parts";
 * shareAxis("tpr", "Share of wins flagged").axis; // => { format: ".0%", tickCount: 5, grid: true }
 */
export function shareAxis(field: string, title: string): Encoding["x"] & Encoding["y"] {
  return { field, type: "quantitative", title, scale: { domain: [0, 1], nice: false }, axis: { format: ".0%", tickCount: 5, grid: true } };
}
