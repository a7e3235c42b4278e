import type { TopLevelSpec } from "vega-lite";
import type { MarkDef } from "vega-lite/build/src/mark";
import type { ContrastRow, DriversContrast } from "../drivers/contrast";
import { checkPixels, type Encoding, type Layer } from "./chart-parts";
import { formatPercent } from "../format/percent";
import { helveticaWidth } from "./text-width";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";

/** Options of {@link contrastScatterChart}. */
export interface ContrastScatterOptions {
  /** The chart's title. Default "Win rate against retention, bin by bin". */
  title?: string;
  /** Lines under the title; by default they explain the marks and the corners. */
  subtitle?: string | string[];
  /** The overall win rate, drawn as a dashed vertical rule; default the contrast's own. */
  baseWinRate?: number;
  /** The overall retention rate, drawn as a dashed horizontal rule; default the contrast's own. */
  baseRetentionRate?: number;
  /** How many bins with a reading to label, strongest contrast first. Default 10; 0 labels none. */
  maxLabels?: number;
  /** Width and height of the plotting area in pixels. Defaults 480 and 380. */
  width?: number;
  height?: number;
}

/** {@link ContrastScatterOptions} with every default filled in. */
interface ResolvedContrastOptions {
  title: string;
  subtitle: string | string[];
  baseWinRate: number | undefined;
  baseRetentionRate: number | undefined;
  maxLabels: number;
  width: number;
  height: number;
}

/** One point of the chart. */
interface ContrastDatum {
  bin: string;
  winRate: number;
  winLo: number;
  winHi: number;
  winN: number;
  retentionRate: number;
  retentionLo: number;
  retentionHi: number;
  retentionN: number;
  reading: string;
}

type TextMarkDef = MarkDef<"text">;

/** A leader line from a point to its label, in data units. */
interface LeaderDatum {
  winRate: number;
  retentionRate: number;
  winRate2: number;
  retentionRate2: number;
}

/** A placed label: its text and where its anchor lies, in data units. */
interface LabelDatum {
  text: string;
  winRate: number;
  retentionRate: number;
}

const NEITHER = "neither";
const READING_COLORS = [
  { reading: "wins but churns", color: CHART_COLORS.categories[5] },
  { reading: "hard to win, loyal", color: CHART_COLORS.categories[0] },
  { reading: NEITHER, color: "#a3adb8" },
] as const;

const LABEL_FONT = { fontSize: 11 } as const;
const LABEL_HEIGHT = 13;
const POINT_RADIUS = 4;

/**
 * A scatter of bins by win rate (x) and retention rate (y), from {@link contrastDrivers}: a
 * point per bin with both Wilson intervals as error bars, the overall win and retention rates
 * as dashed rules, and colour by reading: vermillion for "wins but churns" (bottom right: easy
 * to win, quick to leave), blue for "hard to win, loyal" (top left), grey for neither; the
 * subtitle names the corners. The
 * strongest contrasts are labelled `attribute: bin`, each label placed beside its point where
 * it overlaps no other label or point (a label that finds no free place is left to the
 * tooltip).
 *
 * Takes the whole contrast or a selection of its rows (then pass the base rates as options to
 * draw the rules). Rows whose rates are not numbers are not drawn. The spec carries its data
 * and {@link CHART_CONFIG}; the input is not changed.
 *
 * @example
 * import { contrastDrivers, contrastScatterChart, drivers, loadDataset } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const contrast = contrastDrivers(drivers(table), drivers(table, { target: "retained" }), table);
 * const spec = contrastScatterChart(contrast.rows.filter((r) => r.winSignificant && r.retentionSignificant), {
 *   baseWinRate: contrast.baseWinRate,
 *   baseRetentionRate: contrast.baseRetentionRate,
 * });
 */
export function contrastScatterChart(input: DriversContrast | readonly ContrastRow[], options: ContrastScatterOptions = {}): TopLevelSpec {
  const rows = rowsOf(input);
  const resolved = resolveOptions(input, options);
  const drawn = rows.filter((r) => Number.isFinite(r.win.rate) && Number.isFinite(r.retention.rate));
  return buildContrastSpec(drawn, resolved);
}

function isRowList(x: DriversContrast | readonly ContrastRow[]): x is readonly ContrastRow[] {
  return Array.isArray(x);
}

function rowsOf(input: DriversContrast | readonly ContrastRow[]): readonly ContrastRow[] {
  if (input === null || typeof input !== "object") {
    throw new Error(`contrastScatterChart requires the result of contrastDrivers or its rows; got ${String(input)}.`);
  }
  const rows = isRowList(input) ? input : input.rows;
  if (!Array.isArray(rows)) throw new Error("contrastScatterChart requires the result of contrastDrivers or its rows; got an object without rows.");
  rows.forEach((r, i) => {
    if (r === null || typeof r !== "object" || typeof r.win !== "object" || typeof r.retention !== "object") {
      throw new Error(`contrastScatterChart: row ${i + 1} of ${rows.length} is not a row of contrastDrivers (it needs win and retention rates).`);
    }
  });
  return rows;
}

function resolveOptions(input: DriversContrast | readonly ContrastRow[], options: ContrastScatterOptions): ResolvedContrastOptions {
  if (options === null || typeof options !== "object") {
    throw new Error(`contrastScatterChart: options must be an object; got ${String(options)}.`);
  }
  const own = isRowList(input) ? undefined : input;
  const baseWinRate = options.baseWinRate ?? own?.baseWinRate;
  const baseRetentionRate = options.baseRetentionRate ?? own?.baseRetentionRate;
  for (const [name, value] of [["baseWinRate", baseWinRate], ["baseRetentionRate", baseRetentionRate]] as const) {
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value <= 1)) {
      throw new Error(`contrastScatterChart: options.${name} must be a number in [0, 1]; got ${String(value)}.`);
    }
  }
  const maxLabels = options.maxLabels ?? 10;
  if (!Number.isInteger(maxLabels) || maxLabels < 0) {
    throw new Error(`contrastScatterChart: options.maxLabels must be a whole number, 0 or more; got ${maxLabels}.`);
  }
  const rules = baseWinRate !== undefined || baseRetentionRate !== undefined ? " · dashed: overall rates" : "";
  return {
    title: options.title ?? "Win rate against retention, bin by bin",
    subtitle: options.subtitle ?? [
      `Points: bins of the win analysis · bars: 95% intervals${rules}`,
      "Bottom right: wins but churns · top left: hard to win, loyal",
    ],
    baseWinRate,
    baseRetentionRate,
    maxLabels,
    width: checkPixels("contrastScatterChart", "width", options.width, 480),
    height: checkPixels("contrastScatterChart", "height", options.height, 380),
  };
}

/** A domain around the values, padded and rounded out to a multiple of 0.05, inside [0, 1]. */
function domainOf(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = Math.max(0.01, 0.03 * (hi - lo));
  const low = Math.max(0, Math.floor((lo - pad) * 20) / 20);
  const high = Math.min(1, Math.ceil((hi + pad) * 20) / 20);
  return high > low ? [low, high] : [Math.max(0, low - 0.05), Math.min(1, high + 0.05)];
}

/** A box in pixels: left, top, right, bottom. */
type Box = [number, number, number, number];

function overlaps(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/**
 * Places labels beside their points, strongest first. Positions are tried from the nearest
 * out (right, left, then above and below on either side, up to three lines away); a label
 * takes the first one inside the plot that overlaps no placed label, no reserved box and no
 * point, or else the first that overlaps only points of bins without a reading (drawn faint,
 * and the label has a white halo). A label set more than a line away gets a leader line from
 * its point. Labels are split by alignment, as vega-lite's text `align` is a mark property,
 * not an encoding.
 */
function placeLabels(
  labelled: readonly { text: string; x: number; y: number }[],
  points: readonly { x: number; y: number; notable: boolean }[],
  reserved: readonly Box[],
  size: { width: number; height: number },
  toData: (px: number, py: number) => { winRate: number; retentionRate: number },
): { left: LabelDatum[]; right: LabelDatum[]; leaders: LeaderDatum[] } {
  const taken: Box[] = [...reserved];
  const box = (p: { x: number; y: number }): Box => [p.x - POINT_RADIUS, p.y - POINT_RADIUS, p.x + POINT_RADIUS, p.y + POINT_RADIUS];
  const left: LabelDatum[] = [];
  const right: LabelDatum[] = [];
  const leaders: LeaderDatum[] = [];
  const h = LABEL_HEIGHT;
  for (const label of labelled) {
    const w = helveticaWidth(LABEL_FONT, label.text);
    const { x, y } = label;
    const candidates: { box: Box; side: "left" | "right"; far: boolean }[] = [];
    for (const lines of [0, -1, 1, -2, 2, -3, 3]) {
      const cy = y + lines * (h + 1);
      const gap = lines === 0 ? 7 : 4 + 4 * Math.abs(lines);
      candidates.push(
        { box: [x + gap, cy - h / 2, x + gap + w, cy + h / 2], side: "left", far: Math.abs(lines) > 1 },
        { box: [x - gap - w, cy - h / 2, x - gap, cy + h / 2], side: "right", far: Math.abs(lines) > 1 },
      );
    }
    const isOwn = (p: { x: number; y: number }) => Math.abs(p.x - x) < 0.5 && Math.abs(p.y - y) < 0.5;
    const inside = (b: Box) => b[0] >= 0 && b[1] >= 0 && b[2] <= size.width && b[3] <= size.height;
    const free = (b: Box, faintAllowed: boolean) =>
      inside(b) &&
      !taken.some((t) => overlaps(t, b)) &&
      !points.some((p) => !isOwn(p) && (p.notable || !faintAllowed) && overlaps(box(p), b));
    const found = candidates.find((c) => free(c.box, false)) ?? candidates.find((c) => free(c.box, true));
    if (found === undefined) continue;
    taken.push(found.box);
    const edge = found.side === "left" ? found.box[0] : found.box[2];
    const middle = (found.box[1] + found.box[3]) / 2;
    (found.side === "left" ? left : right).push({ text: label.text, ...toData(edge, middle) });
    if (found.far) {
      const from = toData(x, y);
      const to = toData(edge + (found.side === "left" ? -2 : 2), middle);
      leaders.push({ winRate: from.winRate, retentionRate: from.retentionRate, winRate2: to.winRate, retentionRate2: to.retentionRate });
    }
  }
  return { left, right, leaders };
}

/** A text layer preceded by a copy of itself in a thick white outline, so it stays legible over marks. */
function withHalo(layer: { data: { values: object[] }; mark: TextMarkDef; encoding: Encoding }): Layer[] {
  return [{ ...layer, mark: { ...layer.mark, stroke: "#ffffff", strokeWidth: 3, strokeJoin: "round" } }, layer];
}

function buildContrastSpec(rows: readonly ContrastRow[], options: ResolvedContrastOptions): TopLevelSpec {
  const { width, height, baseWinRate, baseRetentionRate } = options;
  const values: ContrastDatum[] = rows.map((r) => ({
    bin: `${r.name}: ${r.label}`,
    winRate: r.win.rate,
    winLo: r.win.lo,
    winHi: r.win.hi,
    winN: r.win.n,
    retentionRate: r.retention.rate,
    retentionLo: r.retention.lo,
    retentionHi: r.retention.hi,
    retentionN: r.retention.n,
    reading: r.reading ?? NEITHER,
  }));
  const xDomain = domainOf([...values.flatMap((v) => [v.winLo, v.winHi]), baseWinRate ?? NaN]);
  const yDomain = domainOf([...values.flatMap((v) => [v.retentionLo, v.retentionHi]), baseRetentionRate ?? NaN]);
  const px = (x: number) => ((x - xDomain[0]) / (xDomain[1] - xDomain[0])) * width;
  const py = (y: number) => height - ((y - yDomain[0]) / (yDomain[1] - yDomain[0])) * height;
  const toData = (x: number, y: number) => ({
    winRate: xDomain[0] + (x / width) * (xDomain[1] - xDomain[0]),
    retentionRate: yDomain[0] + ((height - y) / height) * (yDomain[1] - yDomain[0]),
  });

  const reserved: Box[] = [];
  const captionFont = { fontSize: 11, fontWeight: 600 } as const;
  if (baseWinRate !== undefined) reserved.push([px(baseWinRate), 0, px(baseWinRate) + 4 + helveticaWidth(captionFont, "overall win rate 100%"), LABEL_HEIGHT + 2]);
  if (baseRetentionRate !== undefined) {
    reserved.push([width - 4 - helveticaWidth(captionFont, "overall retention 100%"), py(baseRetentionRate) - LABEL_HEIGHT - 2, width, py(baseRetentionRate)]);
  }
  const labelled = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.reading !== null)
    .sort((a, b) => b.r.contrast - a.r.contrast || a.i - b.i)
    .slice(0, options.maxLabels)
    .map(({ r, i }) => ({ text: values[i].bin, x: px(r.win.rate), y: py(r.retention.rate) }));
  const points = values.map((v) => ({ x: px(v.winRate), y: py(v.retentionRate), notable: v.reading !== NEITHER }));
  const labels = placeLabels(labelled, points, reserved, { width, height }, toData);

  const present = READING_COLORS.filter((c) => values.some((v) => v.reading === c.reading));
  const color: Encoding["color"] = {
    field: "reading",
    type: "nominal",
    scale: { domain: present.map((c) => c.reading), range: present.map((c) => c.color) },
    legend: { title: null, orient: "bottom", direction: "horizontal" },
  };
  const x: Encoding["x"] = {
    field: "winRate",
    type: "quantitative",
    title: "Win rate",
    scale: { domain: xDomain, nice: false, zero: false },
    axis: { format: ".0%", tickCount: 6, grid: true },
  };
  const y: Encoding["y"] = {
    field: "retentionRate",
    type: "quantitative",
    title: "Retention rate",
    scale: { domain: yDomain, nice: false, zero: false },
    axis: { format: ".0%", tickCount: 6, grid: true },
  };
  const tooltip: Encoding["tooltip"] = [
    { field: "bin", type: "nominal", title: "bin" },
    { field: "winRate", type: "quantitative", title: "win rate", format: ".1%" },
    { field: "winLo", type: "quantitative", title: "win rate low", format: ".1%" },
    { field: "winHi", type: "quantitative", title: "win rate high", format: ".1%" },
    { field: "winN", type: "quantitative", title: "deals", format: "," },
    { field: "retentionRate", type: "quantitative", title: "retention rate", format: ".1%" },
    { field: "retentionLo", type: "quantitative", title: "retention low", format: ".1%" },
    { field: "retentionHi", type: "quantitative", title: "retention high", format: ".1%" },
    { field: "retentionN", type: "quantitative", title: "customers", format: "," },
    { field: "reading", type: "nominal", title: "reading" },
  ];
  const opacity: Encoding["opacity"] = {
    condition: { test: `datum.reading === '${NEITHER}'`, value: 0.35 },
    value: 0.8,
  };

  const layers: Layer[] = [];
  // Captions of the base-rate rules, drawn last so points do not cover them.
  const captions: Layer[] = [];
  const referenceMark = { type: "rule", color: CHART_COLORS.reference, strokeWidth: 1.5 } as const;
  const referenceText = { type: "text", color: CHART_COLORS.reference, fontWeight: 600, fontSize: 11 } as const;
  if (baseWinRate !== undefined) {
    const base = [{ winRate: baseWinRate, caption: `overall win rate ${formatPercent(baseWinRate)}` }];
    layers.push({ data: { values: base }, mark: { ...referenceMark, strokeDash: [5, 4] }, encoding: { x: { field: "winRate", type: "quantitative" } } });
    captions.push(
      ...withHalo({
        data: { values: base },
        mark: { ...referenceText, align: "left", baseline: "top", dx: 4, y: 0, dy: 2 },
        encoding: { x: { field: "winRate", type: "quantitative" }, text: { field: "caption" } },
      }),
    );
  }
  if (baseRetentionRate !== undefined) {
    const base = [{ retentionRate: baseRetentionRate, caption: `overall retention ${formatPercent(baseRetentionRate)}` }];
    layers.push({ data: { values: base }, mark: { ...referenceMark, strokeDash: [5, 4] }, encoding: { y: { field: "retentionRate", type: "quantitative" } } });
    captions.push(
      ...withHalo({
        data: { values: base },
        mark: { ...referenceText, align: "right", baseline: "bottom", x: width, dx: -4, dy: -2 },
        encoding: { y: { field: "retentionRate", type: "quantitative" }, text: { field: "caption" } },
      }),
    );
  }
  layers.push(
    {
      mark: { type: "rule", strokeWidth: 1.5 },
      encoding: { x: { field: "winLo", type: "quantitative" }, x2: { field: "winHi" }, y, color: { field: "reading", type: "nominal" }, opacity },
    },
    {
      mark: { type: "rule", strokeWidth: 1.5 },
      encoding: { x, y: { field: "retentionLo", type: "quantitative" }, y2: { field: "retentionHi" }, color: { field: "reading", type: "nominal" }, opacity },
    },
    {
      mark: { type: "point", filled: true, size: 45, stroke: "#ffffff", strokeWidth: 0.8 },
      encoding: { x, y, color, opacity: { condition: { test: `datum.reading === '${NEITHER}'`, value: 0.6 }, value: 1 }, tooltip },
    },
  );
  if (labels.leaders.length > 0) {
    layers.push({
      data: { values: labels.leaders },
      mark: { type: "rule", color: "#888888", strokeWidth: 0.8 },
      encoding: {
        x: { field: "winRate", type: "quantitative" },
        y: { field: "retentionRate", type: "quantitative" },
        x2: { field: "winRate2" },
        y2: { field: "retentionRate2" },
      },
    });
  }
  for (const [align, placed] of [["left", labels.left], ["right", labels.right]] as const) {
    if (placed.length === 0) continue;
    const encoding: Encoding = {
      x: { field: "winRate", type: "quantitative" },
      y: { field: "retentionRate", type: "quantitative" },
      text: { field: "text" },
    };
    const mark = { type: "text", align, baseline: "middle", ...LABEL_FONT } as const;
    layers.push(
      { data: { values: placed }, mark: { ...mark, stroke: "#ffffff", strokeWidth: 3, strokeJoin: "round" }, encoding },
      { data: { values: placed }, mark: { ...mark, color: CHART_COLORS.text }, encoding },
    );
  }
  layers.push(...captions);
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title: { text: options.title, subtitle: options.subtitle },
    width,
    height,
    data: { values },
    layer: layers,
    config: structuredClone(CHART_CONFIG),
  };
}
