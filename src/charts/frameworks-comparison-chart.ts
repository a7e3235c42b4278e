import type { TopLevelSpec } from "vega-lite";
import { checkPixels, type Encoding, type Layer } from "./chart-parts";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";

/** An AUC with its interval, as the frameworks evaluation reports it. */
interface AucWithInterval {
  auc: number;
  lo: number;
  hi: number;
}

/**
 * The parts of a `FrameworksResult` the chart reads (a `FrameworksResult` is one): each
 * framework's AUCs and whether it is answered by the same attributes as an earlier one, and
 * the comparison's order and external score.
 */
export interface FrameworksComparisonInput {
  frameworks: readonly { name: string; sameAs: string | null; countAuc: AucWithInterval | null; modelAuc: AucWithInterval | null }[];
  comparison: { rows: readonly { framework: string }[]; scorecard: { name: string; auc: AucWithInterval } | null };
}

/** Options of {@link frameworksComparisonChart}. */
export interface FrameworksComparisonOptions {
  /** Also draw the AUC of a model weighting each framework's criteria (fitted on the training deals). Default true. */
  model?: boolean;
  /** The chart's title. Default "Qualification frameworks: ranking on the holdout". */
  title?: string;
  /** A second line under the title; by default it explains the marks. */
  subtitle?: string;
  /** Width of the plotting area in pixels. Default 420. */
  width?: number;
}

/** One drawn estimate. */
interface ComparisonDatum {
  label: string;
  series: string;
  auc: number;
  lo: number;
  hi: number;
  caption: string;
}

const SERIES = {
  count: "count of criteria met",
  model: "criteria weighted by a model",
} as const;

/**
 * A chart of how well each qualification framework ranks the holdout deals, against a tuned
 * scorecard: one row per framework (frameworks answered by the same attributes share a row,
 * named together), a point at the AUC of its count of criteria met with its interval as a
 * line, optionally a second point for a model weighting its criteria, and a dashed line at
 * 0.5, the AUC of a coin flip. When the evaluation was given a scorecard, its AUC is a red
 * vertical line across every row, its interval a red band, named at the top. Frameworks are
 * listed best first, as `comparison.rows` orders them.
 *
 * The spec carries its data and {@link CHART_CONFIG}; the input is not changed. Throws for a
 * result with no framework measured, an AUC or interval outside [0, 1], or a width under 100
 * pixels.
 *
 * @example
 * import { evaluateFrameworks, frameworksComparisonChart, loadDataset } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const spec = frameworksComparisonChart(evaluateFrameworks(table));
 * (spec.title as { text: string }).text; // => "Qualification frameworks: ranking on the holdout"
 */
export function frameworksComparisonChart(result: FrameworksComparisonInput, options: FrameworksComparisonOptions = {}): TopLevelSpec {
  if (result === null || typeof result !== "object" || !Array.isArray(result.frameworks) || result.comparison == null) {
    throw new Error(`frameworksComparisonChart requires the result of evaluateFrameworks; got ${String(result)}.`);
  }
  if (options === null || typeof options !== "object") throw new Error(`frameworksComparisonChart: options must be an object; got ${String(options)}.`);
  const withModel = options.model ?? true;
  const width = checkPixels("frameworksComparisonChart", "width", options.width, 420);

  const values: ComparisonDatum[] = [];
  for (const row of result.comparison.rows) {
    const f = result.frameworks.find((x) => x.name === row.framework);
    if (!f || f.sameAs !== null || f.countAuc === null) continue;
    const twins = result.frameworks.filter((x) => x.sameAs === f.name).map((x) => x.name);
    const label = [f.name, ...twins].join(" = ");
    values.push(datum(label, SERIES.count, f.countAuc));
    if (withModel && f.modelAuc !== null) values.push(datum(label, SERIES.model, f.modelAuc));
  }
  if (values.length === 0) throw new Error("frameworksComparisonChart: no framework was measured on the test deals, so there is nothing to draw.");
  const scorecard = result.comparison.scorecard ? datum(result.comparison.scorecard.name, "scorecard", result.comparison.scorecard.auc) : null;

  const labels = [...new Set(values.map((v) => v.label))];
  const series = [SERIES.count, SERIES.model].filter((s) => values.some((v) => v.series === s));
  const lowest = Math.min(0.5, ...values.map((v) => v.lo), ...(scorecard ? [scorecard.lo] : []));
  const domain = [Math.max(0, Math.floor((lowest - 0.05) * 10) / 10), 1];
  const scale = { domain, nice: false, zero: false };

  const x: Encoding["x"] = { field: "auc", type: "quantitative", title: "AUC on the holdout (0.5 = chance, 1 = perfect ranking)", scale, axis: { format: ".1f", tickCount: 6, grid: true } };
  // The interval line runs from its low end to its high end, on the same scale.
  const xLo: Encoding["x"] = { field: "lo", type: "quantitative", scale };
  const y: Encoding["y"] = { field: "label", type: "nominal", sort: labels, title: null, axis: { labelLimit: 320, labelFontSize: 12 } };
  const yOffset: Encoding["yOffset"] = { field: "series", type: "nominal", sort: series, scale: { paddingOuter: 0.6 } };
  const color: Encoding["color"] = {
    field: "series",
    type: "nominal",
    sort: series,
    scale: { domain: series, range: [CHART_COLORS.rate, CHART_COLORS.categories[1]].slice(0, series.length) },
    legend: { title: null, orient: "bottom", direction: "horizontal", labelLimit: 240 },
  };
  const tooltip: Encoding["tooltip"] = [
    { field: "label", type: "nominal", title: "framework" },
    { field: "series", type: "nominal", title: "score" },
    { field: "auc", type: "quantitative", title: "AUC", format: ".3f" },
    { field: "lo", type: "quantitative", title: "interval low", format: ".3f" },
    { field: "hi", type: "quantitative", title: "interval high", format: ".3f" },
  ];
  const layers: Layer[] = [
    {
      data: { values: [{ chance: 0.5 }] },
      mark: { type: "rule", color: "#888888", strokeDash: [5, 4], strokeWidth: 1.5 },
      encoding: { x: { field: "chance", type: "quantitative", scale } },
    },
  ];
  if (scorecard) {
    const mark = { data: { values: [{ ...scorecard, text: `${scorecard.label}: ${scorecard.caption}` }] } };
    const scoreTooltip: Encoding["tooltip"] = [
      { field: "label", type: "nominal", title: "score" },
      { field: "auc", type: "quantitative", title: "AUC", format: ".3f" },
      { field: "lo", type: "quantitative", title: "interval low", format: ".3f" },
      { field: "hi", type: "quantitative", title: "interval high", format: ".3f" },
    ];
    layers.push(
      { ...mark, mark: { type: "rect", color: CHART_COLORS.reference, opacity: 0.12 }, encoding: { x: xLo, x2: { field: "hi" }, tooltip: scoreTooltip } },
      { ...mark, mark: { type: "rule", color: CHART_COLORS.reference, strokeWidth: 2 }, encoding: { x: { field: "auc", type: "quantitative", scale }, tooltip: scoreTooltip } },
      {
        ...mark,
        mark: { type: "text", align: "right", baseline: "top", dx: -6, dy: 4, fontSize: 11, fontWeight: 600, color: CHART_COLORS.reference },
        encoding: { x: { field: "lo", type: "quantitative", scale }, y: { value: 0 }, text: { field: "text" } },
      },
    );
  }
  layers.push(
    {
      data: { values },
      mark: { type: "rule", strokeWidth: 2 },
      encoding: { x: xLo, x2: { field: "hi" }, y, yOffset, color, tooltip },
    },
    {
      data: { values },
      mark: { type: "point", filled: true, size: 70, opacity: 1 },
      encoding: { x, y, yOffset, color, tooltip },
    },
    {
      data: { values },
      mark: { type: "text", align: "left", baseline: "middle", dx: 5, fontSize: 11, color: CHART_COLORS.text },
      encoding: { x: { field: "hi", type: "quantitative", scale }, y, yOffset, text: { field: "caption" } },
    },
  );
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title: {
      text: options.title ?? "Qualification frameworks: ranking on the holdout",
      subtitle:
        options.subtitle ??
        `Points: AUC · lines: interval · dashed: chance (0.5)${scorecard ? ` · red: ${scorecard.label}` : ""}`,
    },
    width,
    height: { step: 22 },
    layer: layers,
    config: structuredClone(CHART_CONFIG),
  };
}

function datum(label: string, series: string, a: AucWithInterval): ComparisonDatum {
  for (const [name, value] of [["auc", a.auc], ["lo", a.lo], ["hi", a.hi]] as const) {
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
      throw new Error(`frameworksComparisonChart: ${label} (${series}): ${name} must be a number in [0, 1]; got ${String(value)}.`);
    }
  }
  if (!(a.lo <= a.auc && a.auc <= a.hi)) throw new Error(`frameworksComparisonChart: ${label} (${series}): the interval [${a.lo}, ${a.hi}] must hold the AUC ${a.auc}.`);
  return { label, series, auc: a.auc, lo: a.lo, hi: a.hi, caption: `${a.auc.toFixed(3)} [${a.lo.toFixed(3)}–${a.hi.toFixed(3)}]` };
}
