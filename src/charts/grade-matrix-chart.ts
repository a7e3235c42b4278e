import type { TopLevelSpec } from "vega-lite";
import type { GradeCell } from "../scoring/grade-matrix";
import { wilsonInterval } from "../stats/wilson";
import { checkPixels, type Encoding, type Layer } from "./chart-parts";
import { formatPercent } from "../format/percent";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";

/** Options of {@link gradeMatrixChart}. */
export interface GradeMatrixOptions {
  /**
   * The overall win rate (`card.metrics.baseRate`): the colour scale is centred on it, so cells
   * better than average are blue and worse ones red. Without it the scale is centred on 50 %.
   */
  baseRate?: number;
  /** The chart's title. Default "Win rate by grade: fit × engagement". */
  title?: string;
  /** A second line under the title; by default it explains letters, digits and colours. */
  subtitle?: string;
  /** Size of one cell in pixels. Default 78. */
  cellSize?: number;
}

/** {@link GradeMatrixOptions} with every default filled in. */
interface ResolvedGradeOptions {
  baseRate: number;
  title: string;
  subtitle: string;
  cellSize: number;
}

const FIT_LEVELS = ["A", "B", "C", "D"] as const;
const ENGAGEMENT_LEVELS = ["1", "2", "3", "4"] as const;

/** One cell as drawn. */
interface GradeDatum {
  grade: string;
  fit: string;
  engagement: string;
  n: number;
  /** Null for an empty cell (drawn grey, no colour). */
  winRate: number | null;
  lo: number | null;
  hi: number | null;
  /** Text on the cell: the win rate, or "–" for an empty cell. */
  rateText: string;
  /** Second line: the deal count, or "no deals". */
  countText: string;
  /** Whether the cell is dark enough to need white text. */
  dark: boolean;
}

/**
 * The grade matrix as a heat map: fit (letters A–D, A = best fit, rows) against engagement
 * (digits 1–4, 1 = most engaged, columns), each cell coloured by its win rate on the holdout
 * and labelled with the rate and its number of deals (`card.grades`). The colour scale is
 * centred on the overall win rate, so blue cells beat the average and red cells fall short;
 * an empty cell is grey. The tooltip gives each rate's Wilson interval.
 *
 * The spec carries its data and {@link CHART_CONFIG}; the cells are copied, never changed.
 * Throws for a grade outside A1–D4 or listed twice, a win rate outside [0, 1], a negative
 * count, or a cell size under 30 pixels.
 *
 * @example
 * import { gradeMatrixChart } from "leadlab";
 * import { gradeMatrix } from "../scoring/grade-matrix";
 * const spec = gradeMatrixChart(gradeMatrix(["A1", "A1", "B2", "D4"], Uint8Array.from([1, 1, 0, 0])), { baseRate: 0.5 });
 * (spec.data as { values: unknown[] }).values.length; // => 16
 */
export function gradeMatrixChart(cells: readonly GradeCell[], options: GradeMatrixOptions = {}): TopLevelSpec {
  const resolved = resolveOptions(options);
  if (!Array.isArray(cells)) throw new Error(`gradeMatrixChart requires the grade cells (card.grades); got ${String(cells)}.`);
  const byGrade = new Map<string, GradeCell>();
  cells.forEach((c, i) => {
    const where = `gradeMatrixChart: cell ${i + 1} of ${cells.length}`;
    if (c === null || typeof c !== "object") throw new Error(`${where} must be an object { grade, n, winRate }; got ${String(c)}.`);
    if (typeof c.grade !== "string" || !/^[A-D][1-4]$/.test(c.grade)) {
      throw new Error(`${where}: grade must be a letter A–D and a digit 1–4, e.g. "B2"; got ${JSON.stringify(c.grade)}.`);
    }
    if (byGrade.has(c.grade)) throw new Error(`gradeMatrixChart: the grade ${c.grade} is listed twice.`);
    if (!Number.isInteger(c.n) || c.n < 0) throw new Error(`${where} (${c.grade}): n must be a whole number of deals, 0 or more; got ${String(c.n)}.`);
    if (c.winRate !== null && !(typeof c.winRate === "number" && c.winRate >= 0 && c.winRate <= 1)) {
      throw new Error(`${where} (${c.grade}): winRate must be a number in [0, 1] or null; got ${String(c.winRate)}.`);
    }
    byGrade.set(c.grade, c);
  });
  const values: GradeDatum[] = [];
  for (const fit of FIT_LEVELS) {
    for (const engagement of ENGAGEMENT_LEVELS) {
      const grade = fit + engagement;
      values.push(toDatum(grade, byGrade.get(grade), resolved.baseRate));
    }
  }
  return buildGradeSpec(values, resolved);
}

function resolveOptions(options: GradeMatrixOptions): ResolvedGradeOptions {
  if (options === null || typeof options !== "object") {
    throw new Error(`gradeMatrixChart: options must be an object; got ${String(options)}.`);
  }
  const baseRate = options.baseRate ?? 0.5;
  if (!(typeof baseRate === "number" && baseRate > 0 && baseRate < 1)) {
    throw new Error(`gradeMatrixChart: options.baseRate must be a number strictly between 0 and 1; got ${String(baseRate)}.`);
  }
  return {
    baseRate,
    title: options.title ?? "Win rate by grade: fit × engagement",
    subtitle:
      options.subtitle ??
      `Holdout deals · blue: above the ${formatPercent(baseRate)} average · red: below · grey: no deals`,
    cellSize: checkPixels("gradeMatrixChart", "cellSize", options.cellSize, 78, 30),
  };
}

function toDatum(grade: string, cell: GradeCell | undefined, baseRate: number): GradeDatum {
  const n = cell?.n ?? 0;
  const winRate = cell !== undefined && n > 0 ? cell.winRate : null;
  const fit = grade[0];
  const engagement = grade[1];
  if (winRate === null) {
    return { grade, fit, engagement, n, winRate: null, lo: null, hi: null, rateText: "–", countText: "no deals", dark: false };
  }
  const w = wilsonInterval(Math.round(winRate * n), n);
  // Far from the centre the diverging scheme is dark enough to need white text.
  const spread = winRate >= baseRate ? (winRate - baseRate) / (1 - baseRate) : (baseRate - winRate) / baseRate;
  return {
    grade,
    fit,
    engagement,
    n,
    winRate,
    lo: w.lo,
    hi: w.hi,
    rateText: formatPercent(winRate),
    countText: `n=${n.toLocaleString("en-US")}`,
    dark: spread > 0.6,
  };
}

function buildGradeSpec(values: GradeDatum[], options: ResolvedGradeOptions): TopLevelSpec {
  const x: Encoding["x"] = {
    field: "engagement",
    type: "ordinal",
    sort: [...ENGAGEMENT_LEVELS],
    title: "Engagement (1 = most engaged)",
    axis: { orient: "top", labelFontSize: 14, labelFontWeight: 600, labelAngle: 0 },
  };
  const y: Encoding["y"] = {
    field: "fit",
    type: "ordinal",
    sort: [...FIT_LEVELS],
    title: "Fit (A = best fit)",
    axis: { labelFontSize: 14, labelFontWeight: 600 },
  };
  const tooltip: Encoding["tooltip"] = [
    { field: "grade", type: "nominal", title: "grade" },
    { field: "n", type: "quantitative", title: "deals", format: "," },
    { field: "winRate", type: "quantitative", title: "win rate", format: ".1%" },
    { field: "lo", type: "quantitative", title: "interval low", format: ".1%" },
    { field: "hi", type: "quantitative", title: "interval high", format: ".1%" },
  ];
  const textColor: Encoding["color"] = {
    condition: [
      { test: "datum.dark", value: "#ffffff" },
      { test: "datum.winRate === null", value: "#888888" },
    ],
    value: CHART_COLORS.text,
  };
  const layers: Layer[] = [
    {
      mark: { type: "rect", stroke: "#ffffff", strokeWidth: 2, color: "#eeeeee" },
      encoding: { x, y, tooltip },
    },
    {
      transform: [{ filter: "datum.winRate !== null" }],
      mark: { type: "rect", stroke: "#ffffff", strokeWidth: 2 },
      encoding: {
        x,
        y,
        color: {
          field: "winRate",
          type: "quantitative",
          title: "Win rate",
          scale: { scheme: "redblue", domain: [0, 1], domainMid: options.baseRate },
          legend: { format: ".0%", orient: "right", gradientLength: options.cellSize * 3, tickCount: 5 },
        },
        tooltip,
      },
    },
    {
      mark: { type: "text", baseline: "bottom", dy: -1, fontSize: 15, fontWeight: 600 },
      encoding: { x, y, text: { field: "rateText" }, color: textColor },
    },
    {
      mark: { type: "text", baseline: "top", dy: 3, fontSize: 11 },
      encoding: { x, y, text: { field: "countText" }, color: textColor },
    },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title: { text: options.title, subtitle: options.subtitle },
    width: { step: options.cellSize },
    height: { step: options.cellSize },
    data: { values },
    layer: layers,
    config: structuredClone(CHART_CONFIG),
  };
}
