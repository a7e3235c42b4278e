import type { TopLevelSpec } from "vega-lite";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";

/** One bin of an attribute with the median amount of its won deals and the median's interval. */
export interface AmountRow {
  /** What the axis shows, unique within a chart. */
  label: string;
  /** Won deals in the bin. */
  n: number;
  median: number;
  lo: number;
  hi: number;
}

/**
 * A horizontal chart of the median deal amount per bin of one attribute: a dot for the median,
 * a line for its interval, the overall median as a dashed line. Bins are drawn top to bottom
 * in the order given. The vega-lite 5 spec carries its data and the shared chart config; the
 * amount axis is logarithmic when the medians span more than a factor of 20.
 *
 * @example
 * import { amountByBinChart } from "leadlab";
 * const spec = amountByBinChart([{ label: "1–49", n: 40, median: 9000, lo: 7000, hi: 12000 }], { title: "Deal size by company size", overall: 15000 });
 * spec.title; // => { text: "Deal size by company size", subtitle: "Dots: median amount of won deals · lines: 95% interval · dashed: overall median" }
 */
export function amountByBinChart(rows: readonly AmountRow[], options: { title: string; overall: number; width?: number }): TopLevelSpec {
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (seen.has(r.label)) throw new Error(`amountByBinChart: the label "${r.label}" appears twice; each row needs its own label.`);
    seen.add(r.label);
    if (!(r.lo <= r.median && r.median <= r.hi)) throw new Error(`amountByBinChart: row ${i + 1} ("${r.label}"): the interval [${r.lo}, ${r.hi}] must contain the median ${r.median}.`);
  });
  const values = rows.map((r) => ({ ...r, caption: `${Math.round(r.median).toLocaleString("en-US")} (n=${r.n.toLocaleString("en-US")})` }));
  const positive = rows.every((r) => r.lo > 0) && options.overall > 0;
  const spread = positive && rows.length ? Math.max(...rows.map((r) => r.hi)) / Math.min(...rows.map((r) => r.lo)) : 1;
  const y = { field: "label", type: "nominal", sort: rows.map((r) => r.label), title: null, axis: { labelLimit: 220 } } as const;
  const scale = spread > 20 ? { type: "log" as const } : { zero: true };
  const tooltip = [
    { field: "label", type: "nominal", title: "bin" },
    { field: "n", type: "quantitative", title: "won deals", format: "," },
    { field: "median", type: "quantitative", title: "median amount", format: ",.0f" },
    { field: "lo", type: "quantitative", title: "interval low", format: ",.0f" },
    { field: "hi", type: "quantitative", title: "interval high", format: ",.0f" },
  ] as const;
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title: { text: options.title, subtitle: "Dots: median amount of won deals · lines: 95% interval · dashed: overall median" },
    width: options.width ?? 420,
    height: { step: 26 },
    data: { values },
    layer: [
      {
        data: { values: [{ overall: options.overall }] },
        mark: { type: "rule", color: CHART_COLORS.reference, strokeDash: [5, 4], strokeWidth: 1.5 },
        encoding: { x: { field: "overall", type: "quantitative", scale } },
      },
      {
        mark: { type: "rule", color: CHART_COLORS.interval, strokeWidth: 2 },
        encoding: { y, x: { field: "lo", type: "quantitative", scale, title: "Median amount of won deals", axis: { format: "~s", grid: true } }, x2: { field: "hi" }, tooltip: [...tooltip] },
      },
      {
        mark: { type: "point", filled: true, size: 60, color: CHART_COLORS.rate },
        encoding: { y, x: { field: "median", type: "quantitative", scale }, tooltip: [...tooltip] },
      },
      {
        mark: { type: "text", align: "left", baseline: "middle", dx: 6 },
        encoding: { y, x: { field: "hi", type: "quantitative", scale }, text: { field: "caption" } },
      },
    ],
    config: structuredClone(CHART_CONFIG),
  };
}
