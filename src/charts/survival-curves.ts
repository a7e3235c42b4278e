import type { TopLevelSpec } from "vega-lite";
import type { BinSurvival, DriverAttribute } from "../drivers/drivers-result";
import { checkPixels, type Encoding, type Layer } from "./chart-parts";
import { formatPercent } from "../format/percent";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";
import { RETENTION_HORIZON_DAYS } from "../stats/kaplan-meier";

/** Options of {@link survivalCurvesChart}. */
export interface SurvivalCurvesOptions {
  /** The horizon of the retention analysis, drawn as a vertical rule. Default 365 (the default of `drivers`). */
  horizonDays?: number;
  /** The chart's title; default "Retention by <attribute>" (or "Retention curves" for bare curves). */
  title?: string;
  /** A second line under the title; by default it explains the marks. */
  subtitle?: string;
  /** The curve of all customers (`result.overallSurvival`), drawn as a dashed grey reference. */
  overall?: BinSurvival;
  /** Draw each curve's 95 % confidence band. Default true. */
  bands?: boolean;
  /** Width and height of the plotting area in pixels. Defaults 480 and 300. */
  width?: number;
  height?: number;
}

/** {@link SurvivalCurvesOptions} with every default filled in. */
interface ResolvedSurvivalOptions {
  horizonDays: number;
  title: string;
  subtitle: string;
  overall: BinSurvival | undefined;
  bands: boolean;
  width: number;
  height: number;
}

/** One point of one step curve. */
interface CurvePoint {
  /** Legend entry: the bin's label and its customers, e.g. `"≥ 3080 (n=296)"`. */
  series: string;
  days: number;
  survival: number;
  lo: number;
  hi: number;
}

const OVERALL_SERIES = "all customers";

/**
 * Kaplan–Meier retention curves of the bins of one attribute: for each bin a step line of the
 * share of its customers still customers after so many days, with its 95 % confidence band as
 * a shaded area, and a vertical rule at the horizon the retention rates are read at (with each
 * bin's share there in the tooltip and the legend order). Optionally the curve of all
 * customers as a dashed grey reference. Curves start at day 0 with everyone a customer.
 *
 * Takes a driver attribute of a retention analysis in the survival form (`attribute.survival`)
 * or the per-bin curves themselves. Bins without customers are not drawn. The spec carries
 * its data and {@link CHART_CONFIG}; the input is not changed.
 *
 * Throws for an attribute without survival curves (a win analysis, or retention in the flag
 * form), naming it, and for a horizon that is not a positive number of days.
 *
 * @example
 * import { drivers, loadDataset, survivalCurvesChart } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const retention = drivers(table, { target: "retained", horizonDays: 365 });
 * const spec = survivalCurvesChart(retention.attributes[0], { horizonDays: 365, overall: retention.overallSurvival });
 */
export function survivalCurvesChart(attribute: DriverAttribute | readonly BinSurvival[], options: SurvivalCurvesOptions = {}): TopLevelSpec {
  const curves = curvesOf(attribute);
  const name = isCurveList(attribute) ? undefined : attribute.name;
  const ordered = !isCurveList(attribute) && attribute.binSet.type === "numeric";
  const resolved = resolveOptions(options, name);
  return buildSurvivalSpec(curves.filter((c) => c.n > 0 && c.curve.length > 0), ordered, resolved);
}

function isCurveList(x: DriverAttribute | readonly BinSurvival[]): x is readonly BinSurvival[] {
  return Array.isArray(x);
}

function curvesOf(attribute: DriverAttribute | readonly BinSurvival[]): readonly BinSurvival[] {
  if (attribute === null || typeof attribute !== "object") {
    throw new Error(`survivalCurvesChart requires a driver attribute or a list of bin curves; got ${String(attribute)}.`);
  }
  if (isCurveList(attribute)) return attribute;
  if (attribute.survival === undefined) {
    throw new Error(
      `survivalCurvesChart: "${attribute.name}" has no survival curves; they come from drivers(table, { target: "retained" }) ` +
        "on a dataset whose retention has the survival form (start, churned_at, observed_until).",
    );
  }
  return attribute.survival;
}

function resolveOptions(options: SurvivalCurvesOptions, name: string | undefined): ResolvedSurvivalOptions {
  if (options === null || typeof options !== "object") {
    throw new Error(`survivalCurvesChart: options must be an object; got ${String(options)}.`);
  }
  const horizonDays = options.horizonDays ?? RETENTION_HORIZON_DAYS;
  if (typeof horizonDays !== "number" || !Number.isFinite(horizonDays) || horizonDays <= 0) {
    throw new Error(`survivalCurvesChart: options.horizonDays must be a positive number of days; got ${String(horizonDays)}.`);
  }
  const bands = options.bands ?? true;
  const subtitle =
    options.subtitle ??
    `Share still customers (Kaplan–Meier); legend: share at ${horizonDays} days${bands ? " · shaded: 95% band" : ""}` +
      `${options.overall ? " · dashed: all customers" : ""}`;
  return {
    horizonDays,
    title: options.title ?? (name === undefined ? "Retention curves" : `Retention by ${name}`),
    subtitle,
    overall: options.overall,
    bands,
    width: checkPixels("survivalCurvesChart", "width", options.width, 480),
    height: checkPixels("survivalCurvesChart", "height", options.height, 300),
  };
}

/** The share still customers on a day, read off a curve (the last step at or before it; 1 before the first). */
function survivalOnDay(curve: BinSurvival["curve"], day: number): number {
  let s = 1;
  for (const p of curve) {
    if (p.days > day) break;
    s = p.survival;
  }
  return s;
}

/**
 * The points of one curve that a step line needs, from day 0 (everyone a customer) to its last
 * observation: a point where the survival or its band changes (at churn events), and the last
 * one, so that censoring-only times (most of them) do not bloat the spec. Values are rounded
 * to what a chart can show.
 */
function pointsOf(series: string, curve: BinSurvival["curve"]): CurvePoint[] {
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  const points: CurvePoint[] = [{ series, days: 0, survival: 1, lo: 1, hi: 1 }];
  let last = { survival: 1, lo: 1, hi: 1 };
  curve.forEach((p, i) => {
    const changed = p.survival !== last.survival || p.lo !== last.lo || p.hi !== last.hi;
    last = p;
    if (!changed && i < curve.length - 1) return;
    const point = { series, days: round(p.days, 2), survival: round(p.survival, 5), lo: round(p.lo, 5), hi: round(p.hi, 5) };
    if (point.days === 0) points[0] = point;
    else points.push(point);
  });
  return points;
}

/** Anchors of a dark-to-light sequential ramp (plasma, without its pale yellow end). */
const RAMP = ["#0d0887", "#6a00a8", "#b12a90", "#e16462", "#f89540"] as const;
const MISSING_COLOR = "#8c8c8c";

/** `count` colours evenly along {@link RAMP}, for bins in the order of their values. */
function rampColors(count: number): string[] {
  const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  return Array.from({ length: count }, (_, i) => {
    const t = count === 1 ? 0 : (i / (count - 1)) * (RAMP.length - 1);
    const k = Math.min(RAMP.length - 2, Math.floor(t));
    const [a, b] = [hex(RAMP[k]), hex(RAMP[k + 1])];
    const mixed = a.map((v, j) => Math.round(v + (b[j] - v) * (t - k)));
    return "#" + mixed.map((v) => v.toString(16).padStart(2, "0")).join("");
  });
}

/**
 * The colour of each curve: bins of a numeric attribute (ordered by value) along a sequential
 * ramp with the missing bin grey; other bins from the categorical palette, without its yellow
 * (unreadable as a thin line on white).
 */
function curveColors(curves: readonly BinSurvival[], ordered: boolean): string[] {
  if (ordered) {
    const valued = curves.filter((c) => c.label !== "missing").length;
    const ramp = rampColors(valued);
    let k = 0;
    return curves.map((c) => (c.label === "missing" ? MISSING_COLOR : ramp[k++]));
  }
  const palette = CHART_COLORS.categories.filter((c) => c !== "#f0e442");
  return curves.map((_, i) => palette[i % palette.length]);
}

function buildSurvivalSpec(curves: readonly BinSurvival[], ordered: boolean, options: ResolvedSurvivalOptions): TopLevelSpec {
  const h = options.horizonDays;
  const series = curves.map((c) => `${c.label}: ${formatPercent(survivalOnDay(c.curve, h))} (n=${c.n.toLocaleString("en-US")})`);
  const values = curves.flatMap((c, i) => pointsOf(series[i], c.curve));
  const overall = options.overall && options.overall.curve.length > 0 ? pointsOf(OVERALL_SERIES, options.overall.curve) : [];
  const everything = [...values, ...overall];
  const lowest = Math.min(1, ...everything.map((p) => (options.bands ? p.lo : p.survival)));
  const yMin = Math.max(0, Math.floor((lowest - 0.02) * 10) / 10);
  const lastDay = Math.max(options.horizonDays, ...everything.map((p) => p.days));
  const color: Encoding["color"] = {
    field: "series",
    type: "nominal",
    scale: { domain: series, range: curveColors(curves, ordered) },
    legend: { title: null, orient: "right", symbolType: "stroke", symbolStrokeWidth: 2.5, symbolOpacity: 1, labelLimit: 260 },
  };
  const x: Encoding["x"] = {
    field: "days",
    type: "quantitative",
    title: "Days since contract start",
    scale: { domain: [0, lastDay], nice: false, round: true },
    axis: { tickCount: 6, grid: true },
  };
  const y: Encoding["y"] = {
    field: "survival",
    type: "quantitative",
    title: "Still customers",
    scale: { domain: [yMin, 1], nice: false, zero: false, round: true },
    axis: { format: ".0%", tickCount: 6, grid: true },
  };
  const tooltip: Encoding["tooltip"] = [
    { field: "series", type: "nominal", title: "bin" },
    { field: "days", type: "quantitative", title: "days", format: ",.0f" },
    { field: "survival", type: "quantitative", title: "still customers", format: ".1%" },
    { field: "lo", type: "quantitative", title: "band low", format: ".1%" },
    { field: "hi", type: "quantitative", title: "band high", format: ".1%" },
  ];
  const layers: Layer[] = [];
  if (options.bands) {
    layers.push({
      mark: { type: "area", interpolate: "step-after", fillOpacity: 0.1 },
      encoding: { x, y: { field: "lo", type: "quantitative", scale: y.scale }, y2: { field: "hi" }, color: { field: "series", type: "nominal" } },
    });
  }
  if (overall.length > 0) {
    layers.push({
      data: { values: overall },
      mark: { type: "line", interpolate: "step-after", color: "#888888", strokeDash: [5, 4], strokeWidth: 1.5 },
      encoding: { x, y, tooltip },
    });
  }
  const horizonText = { type: "text", color: CHART_COLORS.reference, align: "left", baseline: "top", dx: 4, y: 0, dy: 2, fontWeight: 600 } as const;
  const horizon = [{ days: options.horizonDays, caption: `${options.horizonDays.toLocaleString("en-US")} days` }];
  layers.push(
    {
      mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
      encoding: { x, y, color, tooltip },
    },
    {
      data: { values: horizon },
      mark: { type: "rule", color: CHART_COLORS.reference, strokeDash: [5, 4], strokeWidth: 1.5 },
      encoding: { x: { field: "days", type: "quantitative" } },
    },
    {
      data: { values: horizon },
      mark: { ...horizonText, stroke: "#ffffff", strokeWidth: 3, strokeJoin: "round" },
      encoding: { x: { field: "days", type: "quantitative" }, text: { field: "caption" } },
    },
    {
      data: { values: horizon },
      mark: horizonText,
      encoding: { x: { field: "days", type: "quantitative" }, text: { field: "caption" } },
    },
  );
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
