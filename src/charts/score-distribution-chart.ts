import type { TopLevelSpec } from "vega-lite";
import { checkPixels, type Encoding, type Layer } from "./chart-parts";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";

/** One points bucket: its lower edge and how many won and lost deals scored in it. */
export interface PointsBucket {
  /** Lowest points of the bucket; the bucket holds [points, points + bucket width). */
  points: number;
  won: number;
  lost: number;
}

/** A tier threshold as the chart draws it. */
export interface DistributionTier {
  name: string;
  /** Lowest points of the tier; null for the last tier (nothing to draw). */
  minPoints: number | null;
}

/** How won and lost deals share a bucket. */
export const DISTRIBUTION_LAYOUTS = ["stacked", "overlaid"] as const;
export type DistributionLayout = (typeof DISTRIBUTION_LAYOUTS)[number];

/** Options of {@link scoreDistributionChart}. */
export interface ScoreDistributionOptions {
  /** The tiers (`card.tiers`): each threshold is drawn as a vertical rule labelled "A ≥ 633". */
  tiers?: readonly DistributionTier[];
  /** Width of a bucket in points; by default the smallest gap between two buckets (at least 1). */
  bucketWidth?: number;
  /** `stacked` (default): won on top of lost, the bar's height is all deals; `overlaid`: two translucent bars from zero. */
  layout?: DistributionLayout;
  /** The chart's title. Default "Points of won and lost deals". */
  title?: string;
  /** A second line under the title; by default it explains the marks. */
  subtitle?: string;
  /** Width and height of the plotting area in pixels. Defaults 480 and 240. */
  width?: number;
  height?: number;
}

/** {@link ScoreDistributionOptions} with every default filled in. */
interface ResolvedDistributionOptions {
  tiers: { name: string; minPoints: number }[];
  bucketWidth: number | undefined;
  layout: DistributionLayout;
  title: string;
  subtitle: string;
  width: number;
  height: number;
}

const OUTCOMES = ["won", "lost"] as const;
const OUTCOME_COLORS = [CHART_COLORS.categories[2], CHART_COLORS.categories[5]];

/** One bar: one outcome in one bucket. */
interface BarDatum {
  outcome: (typeof OUTCOMES)[number];
  from: number;
  to: number;
  /** Where the bar starts and ends on the count axis (stacked or from zero). */
  y0: number;
  y1: number;
  deals: number;
  range: string;
}

/**
 * The distribution of a scorecard's points on the holdout, won against lost deals, by points
 * bucket (`card.distribution`), with the tier thresholds as labelled vertical rules. Won deals
 * should sit to the right of lost ones; a tier line shows where the split is made.
 *
 * The spec carries its data and {@link CHART_CONFIG}; the buckets are copied, never changed.
 * Throws for a negative or fractional count, a bucket listed twice, a layout not in
 * {@link DISTRIBUTION_LAYOUTS} or a size under 100 pixels.
 *
 * @example
 * import { scoreDistributionChart } from "leadlab";
 * const spec = scoreDistributionChart(
 *   [{ points: 560, won: 3, lost: 20 }, { points: 580, won: 10, lost: 12 }, { points: 600, won: 18, lost: 4 }],
 *   { tiers: [{ name: "A", minPoints: 600 }, { name: "B", minPoints: null }] },
 * );
 * (spec.title as { text: string }).text; // => "Points of won and lost deals"
 */
export function scoreDistributionChart(buckets: readonly PointsBucket[], options: ScoreDistributionOptions = {}): TopLevelSpec {
  const resolved = resolveOptions(options);
  if (!Array.isArray(buckets)) throw new Error(`scoreDistributionChart requires a list of points buckets (card.distribution); got ${String(buckets)}.`);
  buckets.forEach(checkBucket);
  const sorted = [...buckets].sort((a, b) => a.points - b.points);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].points === sorted[i - 1].points) {
      throw new Error(`scoreDistributionChart: the bucket at ${sorted[i].points} points is listed twice.`);
    }
  }
  const width = resolved.bucketWidth ?? inferWidth(sorted);
  return buildDistributionSpec(bars(sorted, width, resolved.layout), width, sorted, resolved);
}

function resolveOptions(options: ScoreDistributionOptions): ResolvedDistributionOptions {
  if (options === null || typeof options !== "object") {
    throw new Error(`scoreDistributionChart: options must be an object; got ${String(options)}.`);
  }
  const layout = options.layout ?? "stacked";
  if (!DISTRIBUTION_LAYOUTS.includes(layout)) {
    throw new Error(`scoreDistributionChart: options.layout must be one of ${DISTRIBUTION_LAYOUTS.join(", ")}; got ${JSON.stringify(layout)}.`);
  }
  const bucketWidth = options.bucketWidth;
  if (bucketWidth !== undefined && !(typeof bucketWidth === "number" && bucketWidth > 0 && Number.isFinite(bucketWidth))) {
    throw new Error(`scoreDistributionChart: options.bucketWidth must be a positive number of points; got ${String(bucketWidth)}.`);
  }
  const tiers = (options.tiers ?? []).flatMap((t) => {
    if (t.minPoints === null) return [];
    if (!Number.isFinite(t.minPoints)) {
      throw new Error(`scoreDistributionChart: tier "${t.name}" needs a finite minPoints or null; got ${String(t.minPoints)}.`);
    }
    return [{ name: t.name, minPoints: t.minPoints }];
  });
  const subtitle =
    options.subtitle ??
    `Holdout deals by points · ${layout === "stacked" ? "won stacked on lost" : "won and lost overlaid"}` +
      (tiers.length > 0 ? " · vertical lines: tier thresholds" : "");
  return {
    tiers,
    bucketWidth,
    layout,
    title: options.title ?? "Points of won and lost deals",
    subtitle,
    width: checkPixels("scoreDistributionChart", "width", options.width, 480),
    height: checkPixels("scoreDistributionChart", "height", options.height, 240),
  };
}

function checkBucket(b: PointsBucket, index: number): void {
  const where = `scoreDistributionChart: bucket ${index + 1}`;
  if (b === null || typeof b !== "object") throw new Error(`${where} must be an object { points, won, lost }; got ${String(b)}.`);
  if (typeof b.points !== "number" || !Number.isFinite(b.points)) throw new Error(`${where}: points must be a finite number; got ${String(b.points)}.`);
  for (const [name, value] of [["won", b.won], ["lost", b.lost]] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`${where} (${b.points} points): ${name} must be a whole number of deals, 0 or more; got ${String(value)}.`);
    }
  }
}

/** The smallest gap between neighbouring buckets, at least 1 point. */
function inferWidth(sorted: readonly PointsBucket[]): number {
  let width = Infinity;
  for (let i = 1; i < sorted.length; i++) width = Math.min(width, sorted[i].points - sorted[i - 1].points);
  return Number.isFinite(width) ? Math.max(1, width) : 1;
}

function bars(sorted: readonly PointsBucket[], width: number, layout: DistributionLayout): BarDatum[] {
  const out: BarDatum[] = [];
  for (const b of sorted) {
    const range = width === 1 ? `${b.points}` : `${b.points}–${b.points + width - (Number.isInteger(width) ? 1 : 0)}`;
    const to = b.points + width;
    out.push({ outcome: "lost", from: b.points, to, y0: 0, y1: b.lost, deals: b.lost, range });
    const base = layout === "stacked" ? b.lost : 0;
    out.push({ outcome: "won", from: b.points, to, y0: base, y1: base + b.won, deals: b.won, range });
  }
  return out;
}

function buildDistributionSpec(
  values: BarDatum[],
  width: number,
  sorted: readonly PointsBucket[],
  options: ResolvedDistributionOptions,
): TopLevelSpec {
  const lows = [...sorted.map((b) => b.points), ...options.tiers.map((t) => t.minPoints)];
  const highs = [...sorted.map((b) => b.points + width), ...options.tiers.map((t) => t.minPoints)];
  const lo = lows.length > 0 ? Math.min(...lows) : 0;
  const hi = highs.length > 0 ? Math.max(...highs) : 1;
  const pad = Math.max(width, (hi - lo) * 0.02);
  const tallest = Math.max(1, ...values.map((v) => v.y1));
  const x: Encoding["x"] = {
    field: "from",
    type: "quantitative",
    title: "Points",
    scale: { domain: [lo - pad, hi + pad], nice: false, zero: false },
    axis: { tickCount: 8, grid: false, format: "d" },
  };
  const y: Encoding["y"] = {
    field: "y1",
    type: "quantitative",
    title: "Deals",
    // Headroom above the tallest bar for the tier labels.
    scale: { domain: [0, Math.ceil(tallest * 1.22)], nice: false },
    axis: { tickCount: 5, grid: true, format: "d" },
  };
  const layers: Layer[] = [
    {
      mark: {
        type: "bar",
        opacity: options.layout === "stacked" ? 0.85 : 0.5,
        stroke: "#ffffff",
        strokeWidth: sorted.length > 40 ? 0 : 0.5,
      },
      encoding: {
        x,
        x2: { field: "to" },
        y,
        y2: { field: "y0" },
        color: {
          field: "outcome",
          type: "nominal",
          scale: { domain: [...OUTCOMES], range: OUTCOME_COLORS },
          legend: { title: null, orient: "top", direction: "horizontal", symbolType: "square" },
        },
        tooltip: [
          { field: "range", type: "nominal", title: "points" },
          { field: "outcome", type: "nominal", title: "outcome" },
          { field: "deals", type: "quantitative", title: "deals", format: "," },
        ],
      },
    },
  ];
  if (options.tiers.length > 0) {
    // Neighbouring labels alternate between two heights so that close thresholds stay readable.
    const tierValues = options.tiers.map((t, i) => ({ ...t, caption: `${t.name} ≥ ${t.minPoints}`, level: i % 2 }));
    const tierX: Encoding["x"] = { field: "minPoints", type: "quantitative" };
    layers.push(
      {
        data: { values: tierValues },
        mark: { type: "rule", color: CHART_COLORS.text, strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x: tierX },
      },
      ...[0, 1].map(
        (level): Layer => ({
          data: { values: tierValues },
          transform: [{ filter: `datum.level === ${level}` }],
          mark: {
            type: "text",
            align: "left",
            baseline: "top",
            dx: 4,
            y: 2 + level * 15,
            fontWeight: 600,
            color: CHART_COLORS.text,
          },
          encoding: { x: tierX, text: { field: "caption" } },
        }),
      ),
    );
  }
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
