import type { Config } from "vega-lite";

/**
 * The MIME type under which Jupyter front ends (JupyterLab, VS Code, nteract) render a
 * vega-lite 5 spec.
 *
 * @example
 * import { VEGA_LITE_MIME } from "./theme";
 * VEGA_LITE_MIME; // => "application/vnd.vegalite.v5+json"
 */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/**
 * The `$schema` URL every leadlab chart spec carries, so editors and renderers know it is
 * vega-lite 5.
 *
 * @example
 * import { VEGA_LITE_SCHEMA_URL } from "./theme";
 * VEGA_LITE_SCHEMA_URL.endsWith("v5.json"); // => true
 */
export const VEGA_LITE_SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v5.json";

/**
 * The colours every leadlab chart uses, by meaning rather than by hue, so a rate is the same
 * blue and a reference line the same grey in every chart.
 *
 * - `rate`: the measured quantity (a bar or point for a win rate, a retention rate, a lift)
 * - `interval`: the uncertainty around it (error bars, bands)
 * - `reference`: a baseline to compare with (the overall rate, zero lift)
 * - `text`: labels drawn inside the plot
 * - `muted`: grid lines and other furniture
 * - `categories`: a colour-blind-safe palette (Okabe–Ito) for series and clusters
 *
 * @example
 * import { CHART_COLORS } from "./theme";
 * CHART_COLORS.rate; // => "#4c78a8"
 */
export const CHART_COLORS = Object.freeze({
  rate: "#4c78a8",
  interval: "#1f3a5f",
  reference: "#c0392b",
  text: "#333333",
  muted: "#dddddd",
  categories: Object.freeze([
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#f0e442",
    "#000000",
  ] as const),
});

/** The font stack of every chart: the system sans-serif of the reader's machine. */
const FONT = "Helvetica Neue, Helvetica, Arial, sans-serif";

/**
 * The vega-lite `config` shared by every leadlab chart: fonts, sizes and colours. Chart
 * builders put it into the spec they return, so a spec looks the same in JupyterLab, in
 * VS Code, in the HTML report and as SVG.
 *
 * @example
 * import { CHART_CONFIG } from "./theme";
 * CHART_CONFIG.font; // => "Helvetica Neue, Helvetica, Arial, sans-serif"
 */
export const CHART_CONFIG: Readonly<Config> = deepFreeze<Config>({
  font: FONT,
  background: "#ffffff",
  padding: 8,
  view: { stroke: null },
  title: {
    fontSize: 15,
    fontWeight: 600,
    anchor: "start",
    color: CHART_COLORS.text,
    subtitleFontSize: 12,
    subtitleColor: "#666666",
    offset: 12,
  },
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelColor: CHART_COLORS.text,
    titleColor: CHART_COLORS.text,
    gridColor: CHART_COLORS.muted,
    domainColor: "#888888",
    tickColor: "#888888",
  },
  axisBand: { grid: false, ticks: false, domain: false, labelPadding: 6 },
  legend: { labelFontSize: 12, titleFontSize: 12 },
  range: { category: [...CHART_COLORS.categories] },
  bar: { color: CHART_COLORS.rate },
  point: { color: CHART_COLORS.rate, filled: true },
  rule: { color: CHART_COLORS.interval },
  text: { color: CHART_COLORS.text, fontSize: 11 },
});

/** Freezes an object and everything inside it, so a shared constant cannot be changed by accident. */
function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === "object" && !Object.isFrozen(inner)) deepFreeze(inner as object);
  }
  return Object.freeze(value);
}
