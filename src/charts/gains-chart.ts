import type { TopLevelSpec } from "vega-lite";
import type { LiftTable } from "../model/lift";
import { checkPixels, shareAxis, type Encoding, type Layer } from "./chart-parts";
import { formatPercent } from "../format/percent";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";

/** A tier as the gains chart marks it: its name and its shares of the holdout's leads and wins. */
export interface GainsTier {
  name: string;
  shareOfLeads: number;
  shareOfWins: number;
}

/** Options of {@link gainsChart}. */
export interface GainsChartOptions {
  /**
   * The tiers, best first (`card.tiers`): the point where each tier ends is marked on the curve
   * with the cumulative shares, e.g. "A+B: 49% of leads / 74% of wins". The last tier (which
   * ends at 100 %), a tier holding no leads, and a tier ending at 100 % are not marked.
   */
  tiers?: readonly GainsTier[];
  /** Draw the line of a perfect ranking (every win above every loss). Default true. */
  perfect?: boolean;
  /** The chart's title. Default "Wins found by working the top-scored leads first". */
  title?: string;
  /** A second line under the title; by default it explains the lines. */
  subtitle?: string;
  /** Width and height of the plotting area in pixels. Default 300 each. */
  width?: number;
  height?: number;
}

/** {@link GainsChartOptions} with every default filled in. */
interface ResolvedGainsOptions {
  tiers: readonly GainsTier[];
  perfect: boolean;
  title: string;
  subtitle: string;
  width: number;
  height: number;
}

const SCORECARD = "scorecard";
const RANDOM = "random order";
const PERFECT = "perfect ranking";

/** One point of one line. */
interface GainsDatum {
  series: string;
  leads: number;
  wins: number;
  /** Position along the line. */
  step: number;
}

/** One marked tier boundary. */
interface TierMark {
  leads: number;
  wins: number;
  label: string;
}

/**
 * The cumulative gains chart of a scorecard on the holdout: leads sorted by points from the
 * highest down, the share of all wins found (y) against the share of leads worked (x). The
 * diagonal is a random order (working 20 % of leads finds 20 % of wins); the dotted line is a
 * perfect ranking. With `options.tiers` each tier's end is marked, so a sales manager reads
 * off "the A tier is 22 % of leads and holds 39 % of wins".
 *
 * The spec carries its data and {@link CHART_CONFIG}; the table is copied, never changed.
 * Throws for shares outside [0, 1] or a size under 100 pixels.
 *
 * @example
 * import { gainsChart, liftTable } from "leadlab";
 * const lift = liftTable([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], Uint8Array.from([1, 1, 0, 1, 0, 0, 1, 0, 0, 0]), { groups: 5 });
 * const spec = gainsChart(lift, { tiers: [{ name: "A", shareOfLeads: 0.2, shareOfWins: 0.5 }, { name: "B", shareOfLeads: 0.8, shareOfWins: 0.5 }] });
 * (spec.title as { text: string }).text; // => "Wins found by working the top-scored leads first"
 */
export function gainsChart(lift: LiftTable, options: GainsChartOptions = {}): TopLevelSpec {
  const resolved = resolveOptions(options);
  if (lift === null || typeof lift !== "object" || !Array.isArray(lift.groups)) {
    throw new Error(`gainsChart requires a lift table (card.lift); got ${String(lift)}.`);
  }
  if (!(lift.baseRate >= 0 && lift.baseRate <= 1) && lift.groups.length > 0) {
    throw new Error(`gainsChart: the lift table's baseRate must be in [0, 1]; got ${lift.baseRate}.`);
  }
  const curve: GainsDatum[] = [{ series: SCORECARD, leads: 0, wins: 0, step: 0 }];
  lift.groups.forEach((g, i) => {
    checkShare(`group ${g.group}`, "cumulativeShare", g.cumulativeShare);
    checkShare(`group ${g.group}`, "gain", g.gain);
    curve.push({ series: SCORECARD, leads: g.cumulativeShare, wins: g.gain, step: i + 1 });
  });
  const tiers = tierMarks(resolved.tiers);
  return buildGainsSpec(curve, tiers, lift.groups.length > 0 ? lift.baseRate : NaN, resolved);
}

function resolveOptions(options: GainsChartOptions): ResolvedGainsOptions {
  if (options === null || typeof options !== "object") {
    throw new Error(`gainsChart: options must be an object; got ${String(options)}.`);
  }
  const perfect = options.perfect ?? true;
  const subtitle =
    options.subtitle ??
    `Best-scored leads first · dashed: ${RANDOM}${perfect ? ` · dotted: ${PERFECT}` : ""}`;
  return {
    tiers: options.tiers ?? [],
    perfect,
    title: options.title ?? "Wins found by working the top-scored leads first",
    subtitle,
    width: checkPixels("gainsChart", "width", options.width, 300),
    height: checkPixels("gainsChart", "height", options.height, 300),
  };
}

function checkShare(where: string, name: string, value: number): void {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new Error(`gainsChart: ${where}: ${name} must be a share in [0, 1]; got ${String(value)}.`);
  }
}

/** The cumulative end of every tier but the last, labelled with the tiers it covers. */
function tierMarks(tiers: readonly GainsTier[]): TierMark[] {
  const marks: TierMark[] = [];
  let leads = 0;
  let wins = 0;
  tiers.forEach((t) => {
    checkShare(`tier "${t.name}"`, "shareOfLeads", t.shareOfLeads);
    checkShare(`tier "${t.name}"`, "shareOfWins", t.shareOfWins);
  });
  tiers.slice(0, -1).forEach((t, i) => {
    const before = leads;
    leads = Math.min(1, leads + t.shareOfLeads);
    wins = Math.min(1, wins + t.shareOfWins);
    // An empty tier ends where the one above it ended, and a tier ending at 100 % says nothing.
    if (leads <= before + 1e-9 || leads >= 1 - 1e-9) return;
    const names = tiers.slice(0, i + 1).map((x) => x.name);
    const covered = names.length <= 3 ? names.join("+") : `${names[0]}–${names[names.length - 1]}`;
    marks.push({ leads, wins, label: `${covered}: ${formatPercent(leads)} of leads\n${formatPercent(wins)} of wins` });
  });
  return marks;
}

function buildGainsSpec(curve: GainsDatum[], tiers: TierMark[], baseRate: number, options: ResolvedGainsOptions): TopLevelSpec {
  const x = shareAxis("leads", "Share of leads worked, best-scored first");
  const y = shareAxis("wins", "Share of all wins found");
  const reference: GainsDatum[] = [
    { series: RANDOM, leads: 0, wins: 0, step: 0 },
    { series: RANDOM, leads: 1, wins: 1, step: 1 },
  ];
  const showPerfect = options.perfect && baseRate > 0 && baseRate <= 1;
  if (showPerfect) {
    reference.push(
      { series: PERFECT, leads: 0, wins: 0, step: 0 },
      { series: PERFECT, leads: baseRate, wins: 1, step: 1 },
      { series: PERFECT, leads: 1, wins: 1, step: 2 },
    );
  }
  const series = [SCORECARD, RANDOM, ...(showPerfect ? [PERFECT] : [])];
  // One legend for colour and dash: both encode the series, with the same legend properties.
  const legend = { title: null, orient: "bottom-right", symbolType: "stroke", symbolStrokeWidth: 2.5, fillColor: "#ffffff", padding: 4 } as const;
  const color: Encoding["color"] = {
    field: "series",
    type: "nominal",
    scale: { domain: series, range: [CHART_COLORS.rate, "#888888", "#888888"].slice(0, series.length) },
    legend,
  };
  const strokeDash: Encoding["strokeDash"] = {
    field: "series",
    type: "nominal",
    scale: { domain: series, range: [[1, 0], [5, 4], [1, 3]].slice(0, series.length) },
    legend,
  };
  const tooltip: Encoding["tooltip"] = [
    { field: "leads", type: "quantitative", title: "share of leads", format: ".1%" },
    { field: "wins", type: "quantitative", title: "share of wins", format: ".1%" },
  ];
  const order: Encoding["order"] = { field: "step", type: "quantitative" };
  const layers: Layer[] = [
    {
      data: { values: reference },
      mark: { type: "line", strokeWidth: 1.5 },
      encoding: { x, y, color, strokeDash, order },
    },
    {
      data: { values: curve },
      mark: { type: "line", strokeWidth: 2.5, point: { filled: true, size: 28 } },
      encoding: { x, y, color, strokeDash, order, tooltip },
    },
  ];
  if (tiers.length > 0) {
    const tierX: Encoding["x"] = { field: "leads", type: "quantitative" };
    const tierY: Encoding["y"] = { field: "wins", type: "quantitative" };
    const caption = { type: "text", align: "left", baseline: "top", dx: 7, dy: 4, fontSize: 11, lineBreak: "\n" } as const;
    layers.push(
      {
        data: { values: tiers },
        mark: { type: "point", shape: "diamond", size: 90, filled: true, color: CHART_COLORS.reference, opacity: 1 },
        encoding: { x: tierX, y: tierY, tooltip: [{ field: "label", type: "nominal", title: "tiers" }] },
      },
      {
        data: { values: tiers },
        mark: { ...caption, stroke: "#ffffff", strokeWidth: 3, strokeJoin: "round" },
        encoding: { x: tierX, y: tierY, text: { field: "label" } },
      },
      {
        data: { values: tiers },
        mark: { ...caption, color: CHART_COLORS.text },
        encoding: { x: tierX, y: tierY, text: { field: "label" } },
      },
    );
  }
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title: { text: options.title, subtitle: options.subtitle },
    width: options.width,
    height: options.height,
    layer: layers,
    config: structuredClone(CHART_CONFIG),
  };
}
