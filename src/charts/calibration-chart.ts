import type { TopLevelSpec } from "vega-lite";
import type { CalibrationBin } from "../model/calibration";
import { checkPixels, type Encoding, type Layer } from "./chart-parts";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";

/** Options of {@link calibrationChart}. */
export interface CalibrationChartOptions {
  /** The chart's title. Default "Predicted vs actual win rate". */
  title?: string;
  /** A second line under the title; by default it explains the marks. */
  subtitle?: string;
  /** Width and height of the plotting area in pixels. Default 300 each. */
  width?: number;
  height?: number;
}

/** {@link CalibrationChartOptions} with every default filled in. */
interface ResolvedCalibrationOptions {
  title: string;
  subtitle: string;
  width: number;
  height: number;
}

/** One bin as drawn. */
interface CalibrationDatum {
  bin: number;
  n: number;
  predicted: number;
  observed: number;
  lo: number;
  hi: number;
}

/**
 * The calibration chart of a scorecard on the holdout: leads grouped by predicted win
 * probability (deciles, `card.calibration`), each group's mean prediction (x) against the win
 * rate it actually had (y), with the Wilson interval of that rate as a vertical line. On the
 * dashed diagonal a prediction of 30 % means 3 in 10 such leads win; points below it mean the
 * scorecard promises more than it delivers.
 *
 * Both axes run from 0 to a little above the largest value, with the same scale so the
 * diagonal is at 45°. The spec carries its data and {@link CHART_CONFIG}; the bins are copied,
 * never changed. Throws for a bin whose rates are not in [0, 1], whose interval does not hold
 * its rate, or for a size under 100 pixels.
 *
 * @example
 * import { calibrationChart, calibrationTable } from "leadlab";
 * const p = [0.1, 0.1, 0.2, 0.2, 0.8, 0.8, 0.9, 0.9];
 * const spec = calibrationChart(calibrationTable(p, Uint8Array.from([0, 0, 0, 1, 1, 1, 1, 1]), { bins: 2 }));
 * (spec.title as { text: string }).text; // => "Predicted vs actual win rate"
 */
export function calibrationChart(bins: readonly CalibrationBin[], options: CalibrationChartOptions = {}): TopLevelSpec {
  const resolved = resolveOptions(options);
  if (!Array.isArray(bins)) throw new Error(`calibrationChart requires a list of calibration bins (card.calibration); got ${String(bins)}.`);
  const values = bins.map((b, i) => toDatum(b, i, bins.length));
  return buildCalibrationSpec(values, resolved);
}

function resolveOptions(options: CalibrationChartOptions): ResolvedCalibrationOptions {
  if (options === null || typeof options !== "object") {
    throw new Error(`calibrationChart: options must be an object; got ${String(options)}.`);
  }
  return {
    title: options.title ?? "Predicted vs actual win rate",
    subtitle:
      options.subtitle ?? "Holdout leads by decile · lines: 95% interval · dashed: perfect calibration",
    width: checkPixels("calibrationChart", "width", options.width, 300),
    height: checkPixels("calibrationChart", "height", options.height, 300),
  };
}

function isProportion(x: unknown): x is number {
  return typeof x === "number" && x >= 0 && x <= 1;
}

function toDatum(b: CalibrationBin, index: number, count: number): CalibrationDatum {
  const where = `calibrationChart: bin ${index + 1} of ${count}`;
  if (b === null || typeof b !== "object") throw new Error(`${where} must be a calibration bin; got ${String(b)}.`);
  for (const [name, value] of [["meanPredicted", b.meanPredicted], ["observedRate", b.observedRate], ["lo", b.lo], ["hi", b.hi]] as const) {
    if (!isProportion(value)) throw new Error(`${where}: ${name} must be a number in [0, 1]; got ${String(value)}.`);
  }
  if (b.lo > b.observedRate + 1e-12 || b.hi < b.observedRate - 1e-12) {
    throw new Error(`${where}: the interval [${b.lo}, ${b.hi}] must contain the observed rate ${b.observedRate}.`);
  }
  return { bin: b.bin, n: b.n, predicted: b.meanPredicted, observed: b.observedRate, lo: b.lo, hi: b.hi };
}

function buildCalibrationSpec(values: CalibrationDatum[], options: ResolvedCalibrationOptions): TopLevelSpec {
  const top = Math.max(0.1, ...values.flatMap((v) => [v.predicted, v.hi]));
  const domainMax = Math.min(1, Math.ceil((top + 0.02) * 10) / 10);
  const scale = { domain: [0, domainMax], nice: false };
  const x: Encoding["x"] = {
    field: "predicted",
    type: "quantitative",
    title: "Predicted win rate",
    scale,
    axis: { format: ".0%", tickCount: 5, grid: true },
  };
  const y: Encoding["y"] = {
    field: "observed",
    type: "quantitative",
    title: "Actual win rate on the holdout",
    scale,
    axis: { format: ".0%", tickCount: 5, grid: true },
  };
  const tooltip: Encoding["tooltip"] = [
    { field: "bin", type: "ordinal", title: "decile" },
    { field: "n", type: "quantitative", title: "leads", format: "," },
    { field: "predicted", type: "quantitative", title: "predicted", format: ".1%" },
    { field: "observed", type: "quantitative", title: "actual", format: ".1%" },
    { field: "lo", type: "quantitative", title: "interval low", format: ".1%" },
    { field: "hi", type: "quantitative", title: "interval high", format: ".1%" },
  ];
  const layers: Layer[] = [
    {
      data: { values: [{ predicted: 0, observed: 0 }, { predicted: domainMax, observed: domainMax }] },
      mark: { type: "line", color: "#888888", strokeDash: [5, 4], strokeWidth: 1.5 },
      encoding: { x, y },
    },
    {
      mark: { type: "rule", color: CHART_COLORS.interval, strokeWidth: 1.5, opacity: 0.8 },
      encoding: { x, y: { field: "lo", type: "quantitative", scale }, y2: { field: "hi" }, tooltip },
    },
    {
      mark: { type: "point", filled: true, size: 60, color: CHART_COLORS.rate, opacity: 1 },
      encoding: { x, y, tooltip },
    },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title: { text: options.title, subtitle: options.subtitle },
    width: options.width,
    height: options.height,
    data: { values },
    layer: layers,
    config: structuredClone(CHART_CONFIG),
  };
}
