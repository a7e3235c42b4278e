import { formatPercent } from "../format/percent";
import type { TopLevelSpec } from "vega-lite";
import type { PersonaProfile } from "../personas/persona-profile";
import { CHART_COLORS, CHART_CONFIG, VEGA_LITE_SCHEMA_URL } from "./theme";

/** Options of {@link personaTraitsHeatmap}. */
export interface PersonaTraitsHeatmapOptions {
  /** The chart's title. Default "What sets each persona apart". */
  title?: string;
  /** A second line under the title; by default it explains the colours and numbers. */
  subtitle?: string;
  /** Width of one persona's column in pixels. Default 150. */
  columnWidth?: number;
  /** Lift at which the colour saturates (its inverse on the other side). Default 4. */
  maxLift?: number;
}

interface Cell {
  persona: string;
  trait: string;
  share: number | null;
  overall: number;
  lift: number | null;
  caption: string;
}

/**
 * A heat map of what distinguishes personas: one row per trait (the union of every persona's
 * strongest traits, e.g. from `PersonasResult.profile`), one column per persona. A cell's
 * colour is the trait's **lift** in that persona (its share there over its share among all
 * customers) on a log scale centred on 1 — orange above, blue below, white where the persona
 * is like everyone — and its number is the share of the persona with the trait. A trait that
 * marks one persona is shown for all of them, so the contrast is visible. Each persona column
 * is titled with its name, one part per line; the row label says the attribute and value
 * (`industry = Software`, `tech_stack ∋ HubSpot`, `employees 189–701`, numbers to three
 * significant digits) with the overall share.
 *
 * The returned vega-lite 5 spec carries its data and the shared chart config. Throws when the
 * persona names are not unique, when a row's shares do not match the personas, or when a share is
 * outside [0, 1], naming the row. The inputs are not modified.
 *
 * @example
 * import { personaTraitsHeatmap } from "leadlab";
 * const spec = personaTraitsHeatmap(["SaaS leaders", "Agencies"], {
 *   rows: [
 *     { attribute: "industry", kind: "categorical", value: "Software", overallShare: 0.4, shares: [0.9, 0.05] },
 *     { attribute: "tech_stack", kind: "multi", value: "HubSpot", overallShare: 0.3, shares: [0.1, 0.85] },
 *   ],
 * });
 * spec.title; // => { text: "What sets each persona apart", subtitle: "Colour: lift against all customers (log scale) · number: share of the persona" }
 */
export function personaTraitsHeatmap(personas: readonly string[], profile: PersonaProfile, options: PersonaTraitsHeatmapOptions = {}): TopLevelSpec {
  const title = options.title ?? "What sets each persona apart";
  const subtitle = options.subtitle ?? "Colour: lift against all customers (log scale) · number: share of the persona";
  const columnWidth = options.columnWidth ?? 150;
  if (!(Number.isFinite(columnWidth) && columnWidth >= 40)) throw new Error(`personaTraitsHeatmap: options.columnWidth must be at least 40 pixels; got ${columnWidth}.`);
  const maxLift = options.maxLift ?? 4;
  if (!(Number.isFinite(maxLift) && maxLift > 1)) throw new Error(`personaTraitsHeatmap: options.maxLift must be a number above 1; got ${maxLift}.`);
  if (new Set(personas).size !== personas.length) throw new Error("personaTraitsHeatmap: persona names must be unique; rename the personas that share a name.");
  const traits: string[] = [];
  const cells: Cell[] = [];
  profile.rows.forEach((row, i) => {
    const where = `personaTraitsHeatmap: row ${i + 1} (${row.attribute} = ${row.value})`;
    if (row.shares.length !== personas.length) throw new Error(`${where} has ${row.shares.length} shares for ${personas.length} personas.`);
    const ok = (x: number) => Number.isNaN(x) || (x >= 0 && x <= 1);
    if (!ok(row.overallShare) || !row.shares.every(ok)) throw new Error(`${where}: shares must be numbers in [0, 1] (NaN for unknown).`);
    const value = row.band ? `${number(row.band.from)}–${number(row.band.to)}` : row.value;
    const label = `${row.attribute}${row.kind === "numeric" ? " " : row.kind === "multi" ? " ∋ " : " = "}${value} (${formatPercent(row.overallShare)} of all)`;
    if (traits.includes(label)) throw new Error(`${where} appears twice.`);
    traits.push(label);
    row.shares.forEach((share, p) => {
      const known = !Number.isNaN(share);
      const lift = known && row.overallShare > 0 ? share / row.overallShare : null;
      cells.push({
        persona: personas[p],
        trait: label,
        share: known ? share : null,
        overall: row.overallShare,
        lift: lift === null ? null : Math.min(maxLift, Math.max(1 / maxLift, lift === 0 ? 1 / maxLift : lift)),
        caption: known ? formatPercent(share) : "–",
      });
    });
  });
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title: { text: title, subtitle },
    data: { values: cells },
    width: { step: columnWidth },
    height: { step: 24 },
    encoding: {
      // a name's parts on lines of their own: "Software · 190–700 employees · VP"
      x: {
        field: "persona",
        type: "nominal",
        sort: [...personas],
        title: null,
        axis: { orient: "bottom", labelAngle: 0, labelLimit: columnWidth - 6, labelExpr: "split(datum.label, ' · ')", labelPadding: 6 },
      },
      y: { field: "trait", type: "nominal", sort: traits, title: null, axis: { labelLimit: 320 } },
    },
    layer: [
      {
        // a persona with no known value of the attribute still gets its (grey) cell
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 1, invalid: null },
        encoding: {
          color: {
            condition: { test: "datum.lift === null", value: CHART_COLORS.muted },
            field: "lift",
            type: "quantitative",
            scale: { type: "log", domain: [1 / maxLift, maxLift], domainMid: 1, scheme: "blueorange", clamp: true },
            legend: { title: "lift", format: ".2~f", values: [1 / maxLift, 0.5, 1, 2, maxLift] },
          },
          tooltip: [
            { field: "persona", type: "nominal" },
            { field: "trait", type: "nominal" },
            { field: "share", type: "quantitative", title: "share of the persona", format: ".1%" },
            { field: "overall", type: "quantitative", title: "share of all customers", format: ".1%" },
            { field: "lift", type: "quantitative", format: ".2f" },
          ],
        },
      },
      {
        mark: { type: "text", fontSize: 11 },
        encoding: {
          text: { field: "caption", type: "nominal" },
          // white on the dark ends of the scale
          color: { condition: { test: `datum.lift !== null && (datum.lift >= ${DARK} || datum.lift <= ${1 / DARK})`, value: "#ffffff" }, value: CHART_COLORS.text },
        },
      },
    ],
    config: structuredClone(CHART_CONFIG),
  } as TopLevelSpec;
}

/** Lift beyond which (or below whose inverse) a cell is dark enough for white text. */
const DARK = 2.5;

function number(x: number): string {
  return x.toLocaleString("en-US", { maximumSignificantDigits: 3 });
}

