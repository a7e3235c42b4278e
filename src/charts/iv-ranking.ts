import type { TopLevelSpec } from "vega-lite";
import type { DriverAttribute, DriversResult } from "../drivers/drivers-result";
import { checkPixels, type Encoding, type Layer } from "./chart-parts";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";

/** Options of {@link ivRankingChart}. */
export interface IvRankingOptions {
  /** How many attributes to show, strongest first. Default 25. */
  top?: number;
  /** The chart's title; default "What predicts winning" or "What predicts retention". */
  title?: string;
  /** A second line under the title; by default it says what is shown and how it is marked. */
  subtitle?: string;
  /** Width of the plotting area in pixels. Default 420. */
  width?: number;
}

/** {@link IvRankingOptions} with every default filled in. */
interface ResolvedIvRankingOptions {
  top: number;
  title: string;
  subtitle: string;
  width: number;
}

/**
 * How an attribute is marked, in legend order. Leakage comes first when it decides the mark:
 * a flagged attribute is set aside whatever its q-value.
 */
const STATUS = ["significant", "not significant", "possible leakage, set aside", "possible leakage, kept"] as const;
type Status = (typeof STATUS)[number];

const STATUS_COLORS: Readonly<Record<Status, string>> = {
  significant: CHART_COLORS.rate,
  "not significant": "#b8c2cc",
  "possible leakage, set aside": CHART_COLORS.categories[5],
  "possible leakage, kept": CHART_COLORS.categories[1],
};

/** Conventional strengths of an information value (Siddiqi): drawn as faint rules. */
const IV_STRENGTHS = [
  { iv: 0.1, caption: "0.1 medium" },
  { iv: 0.3, caption: "0.3 strong" },
] as const;

/** One bar of the chart. */
interface IvDatum {
  name: string;
  role: string;
  iv: number;
  /** Where the bar ends: the IV, or the edge of the plot for an IV far off the scale. */
  ivDrawn: number;
  p: number;
  q: number;
  status: string;
  leakage: string;
  redundantWith: string;
  caption: string;
}

/**
 * A horizontal bar chart of the attributes of a drivers analysis ranked by information value,
 * strongest at the top: blue for attributes that predict the target (q below the run's
 * false-discovery rate), grey for the rest, vermillion for attributes flagged as possible
 * leakage and set aside (orange when the user kept one). Each bar carries its IV; the tooltip
 * gives the role, p- and q-value, the leakage reason and the redundant attributes. Faint rules
 * mark the conventional strengths (0.1 medium, 0.3 strong).
 *
 * An IV far above the others (a leak is often ten times the next) would squash every other
 * bar, so the scale is set by the attributes that are not flagged and a flagged bar beyond it
 * is cut at the edge, its caption saying "off scale".
 *
 * The spec carries its data and {@link CHART_CONFIG}; the result is not changed. Throws for
 * `top` not a whole number ≥ 1 or a width under 100 pixels.
 *
 * @example
 * import { drivers, ivRankingChart, loadDataset } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const spec = ivRankingChart(drivers(table), { top: 15 });
 * (spec.data as { values: unknown[] }).values.length; // => 15
 */
export function ivRankingChart(result: DriversResult, options: IvRankingOptions = {}): TopLevelSpec {
  const resolved = resolveOptions(result, options);
  const shown = result.attributes.slice(0, resolved.top);
  return buildIvRankingSpec(shown, result.fdr, resolved);
}

function resolveOptions(result: DriversResult, options: IvRankingOptions): ResolvedIvRankingOptions {
  if (result === null || typeof result !== "object" || !Array.isArray(result.attributes)) {
    throw new Error("ivRankingChart requires the result of drivers(table, options); got " + String(result) + ".");
  }
  if (options === null || typeof options !== "object") {
    throw new Error(`ivRankingChart: options must be an object; got ${String(options)}.`);
  }
  const top = options.top ?? 25;
  if (!Number.isInteger(top) || top < 1) {
    throw new Error(`ivRankingChart: options.top must be a whole number of attributes, 1 or more; got ${top}.`);
  }
  const what = result.target === "won" ? "winning" : "retention";
  const shownCount = Math.min(top, result.attributes.length);
  const subtitle =
    options.subtitle ??
    `Top ${shownCount} of ${result.attributes.length} attributes by information value · significance after false-discovery control`;
  return {
    top,
    title: options.title ?? `What predicts ${what}`,
    subtitle,
    width: checkPixels("ivRankingChart", "width", options.width, 420),
  };
}

function statusOf(a: DriverAttribute): Status {
  if (a.leakage !== null) return a.leakageKept ? "possible leakage, kept" : "possible leakage, set aside";
  return a.significant ? "significant" : "not significant";
}

function buildIvRankingSpec(shown: readonly DriverAttribute[], fdr: number, options: ResolvedIvRankingOptions): TopLevelSpec {
  const clean = shown.filter((a) => a.leakage === null).map((a) => a.iv);
  const scaleTop = Math.max(0.05, ...(clean.length > 0 ? clean : shown.map((a) => a.iv)));
  // Room on the right of the longest bar for its caption.
  const domainMax = scaleTop * 1.22;
  const cutAt = scaleTop * 1.02;
  const statusLabel = (s: Status) => (s === "significant" ? `significant (q < ${fdr})` : s);
  const values: IvDatum[] = shown.map((a) => {
    const status = statusOf(a);
    const offScale = a.iv > cutAt;
    return {
      name: a.name,
      role: a.role,
      iv: a.iv,
      ivDrawn: offScale ? cutAt : a.iv,
      p: a.p,
      q: a.q,
      status: statusLabel(status),
      leakage: a.leakage ?? "",
      redundantWith: a.redundantWith.join(", "),
      caption: offScale ? `${a.iv.toFixed(2)} off scale` : a.iv.toFixed(a.iv < 0.1 ? 3 : 2),
    };
  });
  const present = STATUS.filter((s) => shown.some((a) => statusOf(a) === s));
  const y: Encoding["y"] = {
    field: "name",
    type: "nominal",
    sort: values.map((v) => v.name),
    title: null,
    axis: { labelLimit: 260 },
  };
  const x: Encoding["x"] = {
    field: "ivDrawn",
    type: "quantitative",
    title: "Information value",
    scale: { domain: [0, domainMax], nice: false },
    axis: { tickCount: 5, grid: true },
  };
  const tooltip: Encoding["tooltip"] = [
    { field: "name", type: "nominal", title: "attribute" },
    { field: "role", type: "nominal", title: "role" },
    { field: "iv", type: "quantitative", title: "information value", format: ".3f" },
    { field: "p", type: "quantitative", title: "p-value", format: ".2e" },
    { field: "q", type: "quantitative", title: "q-value", format: ".2e" },
    { field: "status", type: "nominal", title: "reading" },
    { field: "leakage", type: "nominal", title: "leakage" },
    { field: "redundantWith", type: "nominal", title: "redundant with" },
  ];
  const layers: Layer[] = [];
  const strengths = IV_STRENGTHS.filter((s) => s.iv < cutAt);
  if (strengths.length > 0) {
    layers.push(
      {
        data: { values: strengths.map((s) => ({ ...s })) },
        mark: { type: "rule", color: "#999999", strokeDash: [2, 3], strokeWidth: 1 },
        encoding: { x: { field: "iv", type: "quantitative" } },
      },
      {
        data: { values: strengths.map((s) => ({ ...s })) },
        mark: { type: "text", color: "#777777", align: "left", baseline: "bottom", dx: 3, y: 0, dy: -2, fontSize: 10 },
        encoding: { x: { field: "iv", type: "quantitative" }, text: { field: "caption" } },
      },
    );
  }
  const captionMark = { type: "text", align: "left", baseline: "middle", dx: 5 } as const;
  const caption: Encoding = { y, x: { field: "ivDrawn", type: "quantitative" }, text: { field: "caption" } };
  layers.push(
    {
      mark: { type: "bar", height: { band: 0.72 } },
      encoding: {
        y,
        x,
        color: {
          field: "status",
          type: "nominal",
          scale: { domain: present.map(statusLabel), range: present.map((s) => STATUS_COLORS[s]) },
          legend: { title: null, orient: "bottom", direction: "horizontal", symbolType: "square" },
        },
        tooltip,
      },
    },
    { mark: { ...captionMark, stroke: "#ffffff", strokeWidth: 3, strokeJoin: "round" }, encoding: caption },
    { mark: captionMark, encoding: caption },
  );
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title: { text: options.title, subtitle: options.subtitle },
    width: options.width,
    height: { step: 20 },
    data: { values },
    layer: layers,
    config: structuredClone(CHART_CONFIG),
  };
}
