import { formatPercent } from "../format/percent";
import type { TopLevelSpec } from "vega-lite";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";

/** One value of an attribute (a bin, a category) with its rate and interval. */
export interface RateRow {
  /** What the axis shows for this value, e.g. `"50–199 employees"`. Unique within a chart. */
  label: string;
  /** How many deals have this value. */
  n: number;
  /** The rate among them, in [0, 1]. */
  rate: number;
  /** Lower end of its interval (e.g. Wilson 95 %), in [0, rate]. */
  lo: number;
  /** Upper end of its interval, in [rate, 1]. */
  hi: number;
}

/** Options of {@link rateByValueChart}. */
export interface RateByValueOptions {
  /** The chart's title, e.g. `"Win rate by company size"`. */
  title: string;
  /** A second line under the title; by default it explains the marks. */
  subtitle?: string;
  /** The overall rate, drawn as a dashed reference line; omitted when not given. */
  baseRate?: number;
  /** What the rate is called in the axis title and the tooltip. Default `"win rate"`. */
  rateName?: string;
  /** Width of the plotting area in pixels. Default 420. */
  width?: number;
}

/** {@link RateByValueOptions} with every default filled in. */
interface ResolvedRateByValueOptions {
  title: string;
  subtitle: string;
  baseRate: number | undefined;
  rateName: string;
  width: number;
}

/** The fields of one data value of the chart (a copy of a {@link RateRow} plus display text). */
interface RateDatum extends RateRow {
  /** The text at the end of the interval, e.g. `"34% (n=120)"`. */
  caption: string;
}

/**
 * A horizontal chart of a rate per value of one attribute: a bar for each value's rate, a
 * line across it for its interval, the value's rate and deal count beside it, and the overall
 * rate as a dashed vertical line. Values are drawn top to bottom in the order given, so a
 * caller that sorted bins by their edges or values by rate keeps that order.
 *
 * The returned vega-lite 5 spec carries its data and the shared {@link CHART_CONFIG}, so it
 * can be displayed in a notebook, written into a report or rendered to SVG as it is. The
 * input rows are copied, never changed.
 *
 * Throws when a row is not a rate with an interval around it (rate outside [0, 1], `lo` above
 * the rate, `hi` below it, a negative or fractional `n`) or when two rows share a label,
 * naming the row and the value.
 *
 * @example
 * import { rateByValueChart } from "leadlab";
 * const spec = rateByValueChart(
 *   [
 *     { label: "1–49", n: 120, rate: 0.18, lo: 0.12, hi: 0.26 },
 *     { label: "50–199", n: 80, rate: 0.31, lo: 0.22, hi: 0.42 },
 *     { label: "200+", n: 40, rate: 0.45, lo: 0.31, hi: 0.6 },
 *   ],
 *   { title: "Win rate by company size", baseRate: 0.27 },
 * );
 * spec.title; // => { text: "Win rate by company size", subtitle: "Bars: win rate · lines: interval · dashed: overall win rate" }
 */
export function rateByValueChart(rows: readonly RateRow[], options: RateByValueOptions): TopLevelSpec {
  const resolved = resolveOptions(options);
  const values = rows.map((row, index) => toDatum(row, index, rows.length));
  checkUniqueLabels(values);
  return buildRateByValueSpec(values, resolved);
}

/** Fills the defaults of {@link RateByValueOptions} once, checking what was given. */
function resolveOptions(options: RateByValueOptions): ResolvedRateByValueOptions {
  if (options === null || typeof options !== "object") {
    throw new Error("rateByValueChart requires an options object with a title; got " + String(options) + ".");
  }
  if (typeof options.title !== "string") {
    throw new Error(`rateByValueChart requires options.title to be a string; got ${JSON.stringify(options.title)}.`);
  }
  const rateName = options.rateName ?? "win rate";
  const baseRate = options.baseRate;
  if (baseRate !== undefined && !isProportion(baseRate)) {
    throw new Error(`rateByValueChart: options.baseRate must be a number in [0, 1]; got ${baseRate}.`);
  }
  const width = options.width ?? 420;
  if (!Number.isFinite(width) || width < 100) {
    throw new Error(`rateByValueChart: options.width must be at least 100 pixels; got ${width}.`);
  }
  const subtitle =
    options.subtitle ??
    `Bars: ${rateName} · lines: interval` + (baseRate === undefined ? "" : ` · dashed: overall ${rateName}`);
  return { title: options.title, subtitle, baseRate, rateName, width };
}

function isProportion(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x) && x >= 0 && x <= 1;
}

/** Checks one row and copies it into a new data value with its caption. */
function toDatum(row: RateRow, index: number, count: number): RateDatum {
  const where = `rateByValueChart: row ${index + 1} of ${count}`;
  if (row === null || typeof row !== "object") {
    throw new Error(`${where} must be an object { label, n, rate, lo, hi }; got ${String(row)}.`);
  }
  const { label, n, rate, lo, hi } = row;
  if (typeof label !== "string" || label.length === 0) {
    throw new Error(`${where} needs a non-empty text label; got ${JSON.stringify(label)}.`);
  }
  const named = `${where} ("${label}")`;
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`${named}: n must be a whole number of deals, 0 or more; got ${n}.`);
  }
  for (const [name, value] of [["rate", rate], ["lo", lo], ["hi", hi]] as const) {
    if (!isProportion(value)) {
      throw new Error(`${named}: ${name} must be a number in [0, 1]; got ${value}.`);
    }
  }
  if (lo > rate || hi < rate) {
    throw new Error(`${named}: the interval [${lo}, ${hi}] must contain the rate ${rate}; were lo and hi swapped?`);
  }
  return { label, n, rate, lo, hi, caption: `${formatPercent(rate)} (n=${n.toLocaleString("en-US")})` };
}

function checkUniqueLabels(values: readonly RateDatum[]): void {
  const seen = new Set<string>();
  for (const { label } of values) {
    if (seen.has(label)) {
      throw new Error(`rateByValueChart: the label "${label}" appears twice; each row needs its own label.`);
    }
    seen.add(label);
  }
}

/** A layer of a layered spec, and the encoding of a layer that draws a mark. */
type Layer = NonNullable<Extract<TopLevelSpec, { layer: unknown }>["layer"]>[number];
type Encoding = NonNullable<Extract<Layer, { mark: unknown }>["encoding"]>;

/** Builds the spec from checked data values and resolved options. */
function buildRateByValueSpec(values: RateDatum[], options: ResolvedRateByValueOptions): TopLevelSpec {
  const { rateName, baseRate } = options;
  const rateAxisTitle = rateName.charAt(0).toUpperCase() + rateName.slice(1);
  // Room on the right for the caption after the longest interval.
  const top = Math.max(0.05, baseRate ?? 0, ...values.map((v) => v.hi));
  const domainMax = Math.min(1, top * 1.18 + 0.02);
  const labelOrder = values.map((v) => v.label);
  const y: Encoding["y"] = {
    field: "label",
    type: "nominal",
    sort: labelOrder,
    title: null,
    axis: { labelLimit: 220 },
  };
  const x: Encoding["x"] = {
    field: "rate",
    type: "quantitative",
    title: rateAxisTitle,
    scale: { domain: [0, domainMax], nice: false },
    axis: { format: ".0%", tickCount: 5, grid: true },
  };
  const tooltip: Encoding["tooltip"] = [
    { field: "label", type: "nominal", title: "value" },
    { field: "n", type: "quantitative", title: "deals", format: "," },
    { field: "rate", type: "quantitative", title: rateName, format: ".1%" },
    { field: "lo", type: "quantitative", title: "interval low", format: ".1%" },
    { field: "hi", type: "quantitative", title: "interval high", format: ".1%" },
  ];

  const caption: Encoding = { y, x: { field: "hi", type: "quantitative" }, text: { field: "caption" } };
  const captionMark = { type: "text", align: "left", baseline: "middle", dx: 6 } as const;
  const layers: Layer[] = [];
  if (baseRate !== undefined) {
    // Drawn first, so bars and captions lie on top of the reference line.
    layers.push(
      {
        data: { values: [{ baseRate }] },
        mark: { type: "rule", color: CHART_COLORS.reference, strokeDash: [5, 4], strokeWidth: 1.5 },
        encoding: { x: { field: "baseRate", type: "quantitative" } },
      },
      {
        data: { values: [{ baseRate, caption: `overall ${formatPercent(baseRate)}` }] },
        mark: {
          type: "text",
          color: CHART_COLORS.reference,
          align: "left",
          baseline: "bottom",
          dx: 4,
          y: 0,
          dy: -2,
          fontWeight: 600,
        },
        encoding: { x: { field: "baseRate", type: "quantitative" }, text: { field: "caption" } },
      },
    );
  }
  layers.push(
    {
      mark: { type: "bar", color: CHART_COLORS.rate, opacity: 0.55, height: { band: 0.7 } },
      encoding: { y, x, tooltip },
    },
    {
      mark: { type: "rule", color: CHART_COLORS.interval, strokeWidth: 2 },
      encoding: { y, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" }, tooltip },
    },
    {
      mark: { type: "tick", color: CHART_COLORS.interval, opacity: 1, thickness: 2, size: 10, orient: "vertical" },
      encoding: { y, x: { field: "lo", type: "quantitative" } },
    },
    {
      mark: { type: "tick", color: CHART_COLORS.interval, opacity: 1, thickness: 2, size: 10, orient: "vertical" },
      encoding: { y, x: { field: "hi", type: "quantitative" } },
    },
    // A white outline under each caption keeps it legible where it crosses the reference line.
    {
      mark: { ...captionMark, stroke: "#ffffff", strokeWidth: 3, strokeJoin: "round" },
      encoding: caption,
    },
    { mark: captionMark, encoding: caption },
  );
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title: { text: options.title, subtitle: options.subtitle },
    width: options.width,
    height: { step: 26 },
    data: { values },
    layer: layers,
    config: structuredClone(CHART_CONFIG),
  };
}
