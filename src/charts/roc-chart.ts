import type { TopLevelSpec } from "vega-lite";
import type { RocPoint } from "../model/roc-curve";
import { checkPixels, shareAxis, type Encoding, type Layer } from "./chart-parts";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";

/** Options of {@link rocChart}. */
export interface RocChartOptions {
  /** The AUC with its interval (`card.metrics.auc`), written into the subtitle and the curve's label. */
  auc?: { auc: number; lo: number; hi: number };
  /** The chart's title. Default "Ranking on the holdout (ROC curve)". */
  title?: string;
  /** A second line under the title; by default it explains the axes and the diagonal. */
  subtitle?: string;
  /** Width and height of the plotting area in pixels (the plot is square by default). Default 300 each. */
  width?: number;
  height?: number;
}

/** {@link RocChartOptions} with every default filled in. */
interface ResolvedRocOptions {
  title: string;
  subtitle: string;
  curveLabel: string;
  width: number;
  height: number;
}

/** One drawn point of the curve. */
interface RocDatum {
  fpr: number;
  tpr: number;
  /** The points threshold, as text. */
  threshold: string;
  /** Position along the curve, to draw it in the given order. */
  step: number;
}

/**
 * The ROC curve of a scorecard on the holdout: for every points threshold, the share of wins
 * at or above it (true-positive rate) against the share of losses at or above it
 * (false-positive rate), with the diagonal of a score that ranks no better than chance. The
 * area under the curve is the AUC; with `options.auc` it is written on the chart with its
 * interval.
 *
 * The spec carries its data and {@link CHART_CONFIG}; the points are copied, never changed.
 * An empty list (no holdout to test on) gives a valid chart with the diagonal only. Throws for
 * a point whose rates are not in [0, 1] or for a size under 100 pixels.
 *
 * @example
 * import { rocChart } from "leadlab";
 * const spec = rocChart(
 *   [
 *     { threshold: Infinity, fpr: 0, tpr: 0 },
 *     { threshold: 620, fpr: 0.1, tpr: 0.45 },
 *     { threshold: 580, fpr: 0.4, tpr: 0.8 },
 *     { threshold: 500, fpr: 1, tpr: 1 },
 *   ],
 *   { auc: { auc: 0.78, lo: 0.74, hi: 0.82 } },
 * );
 * (spec.title as { text: string }).text; // => "Ranking on the holdout (ROC curve)"
 */
export function rocChart(points: readonly RocPoint[], options: RocChartOptions = {}): TopLevelSpec {
  const resolved = resolveOptions(options);
  if (!Array.isArray(points)) throw new Error(`rocChart requires a list of ROC points (card.roc); got ${String(points)}.`);
  const values = points.map((p, i) => toDatum(p, i, points.length));
  return buildRocSpec(values, resolved);
}

function resolveOptions(options: RocChartOptions): ResolvedRocOptions {
  if (options === null || typeof options !== "object") {
    throw new Error(`rocChart: options must be an object; got ${String(options)}.`);
  }
  const auc = options.auc;
  if (auc !== undefined && !(Number.isFinite(auc.auc) && Number.isFinite(auc.lo) && Number.isFinite(auc.hi))) {
    throw new Error(`rocChart: options.auc must hold finite auc, lo and hi; got ${JSON.stringify(auc)}.`);
  }
  const aucText = auc === undefined ? "" : `AUC ${auc.auc.toFixed(3)} [${auc.lo.toFixed(3)}–${auc.hi.toFixed(3)}]`;
  const subtitle =
    options.subtitle ??
    `Wins vs losses at or above each points threshold · dashed: chance`;
  return {
    title: options.title ?? "Ranking on the holdout (ROC curve)",
    subtitle,
    curveLabel: aucText ? `scorecard, ${aucText}` : "scorecard",
    width: checkPixels("rocChart", "width", options.width, 300),
    height: checkPixels("rocChart", "height", options.height, 300),
  };
}

function toDatum(p: RocPoint, index: number, count: number): RocDatum {
  const where = `rocChart: point ${index + 1} of ${count}`;
  if (p === null || typeof p !== "object") throw new Error(`${where} must be an object { threshold, fpr, tpr }; got ${String(p)}.`);
  for (const [name, value] of [["fpr", p.fpr], ["tpr", p.tpr]] as const) {
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
      throw new Error(`${where}: ${name} must be a number in [0, 1]; got ${String(value)}.`);
    }
  }
  const threshold = Number.isFinite(p.threshold) ? `≥ ${Number(p.threshold.toFixed(2)).toLocaleString("en-US")} points` : "nobody flagged";
  return { fpr: p.fpr, tpr: p.tpr, threshold, step: index };
}

function buildRocSpec(values: RocDatum[], options: ResolvedRocOptions): TopLevelSpec {
  const x = shareAxis("fpr", "Share of losses flagged (false-positive rate)");
  const y = shareAxis("tpr", "Share of wins flagged (true-positive rate)");
  const tooltip: Encoding["tooltip"] = [
    { field: "threshold", type: "nominal", title: "threshold" },
    { field: "tpr", type: "quantitative", title: "share of wins", format: ".1%" },
    { field: "fpr", type: "quantitative", title: "share of losses", format: ".1%" },
  ];
  const series = [options.curveLabel, "chance"];
  const color: Encoding["color"] = {
    field: "series",
    type: "nominal",
    scale: { domain: series, range: [CHART_COLORS.rate, "#888888"] },
    legend: { title: null, orient: "bottom-right", symbolType: "stroke", symbolStrokeWidth: 2.5, labelLimit: 260, fillColor: "#ffffff", padding: 4 },
  };
  const layers: Layer[] = [
    {
      data: { values: [{ fpr: 0, tpr: 0, series: "chance" }, { fpr: 1, tpr: 1, series: "chance" }] },
      mark: { type: "line", strokeDash: [5, 4], strokeWidth: 1.5 },
      encoding: { x, y, color },
    },
    {
      data: { values: values.map((v) => ({ ...v, series: options.curveLabel })) },
      mark: { type: "area", color: CHART_COLORS.rate, opacity: 0.1, interpolate: "linear" },
      // Not stacked: points sharing a false-positive rate are steps of one curve, not layers.
      encoding: { x, y: { ...y, stack: null } },
    },
    {
      data: { values: values.map((v) => ({ ...v, series: options.curveLabel })) },
      mark: { type: "line", strokeWidth: 2.5, interpolate: "linear", point: false },
      encoding: { x, y, color, tooltip, order: { field: "step", type: "quantitative" } },
    },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title: { text: options.title, subtitle: options.subtitle },
    width: options.width,
    height: options.height,
    layer: layers,
    config: structuredClone(CHART_CONFIG),
  };
}
