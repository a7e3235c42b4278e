import type { TopLevelSpec } from "vega-lite";
import { renderSvg } from "../charts/render";
import type { DealTable } from "../data/deal-table";
import type { RulesDiff } from "../scoring/diff-rules";
import type { Scorecard } from "../scoring/scorecard";
import { checkSectionHtml } from "./check-section-html";
import { embedSvg } from "./embed-svg";
import { escapeHtml } from "./escape-html";
import { exampleLeads, exampleLeadsSection } from "./example-leads-section";
import { expectedLeads } from "./expected-leads";
import { formatCount } from "../format/count";
import {
  chartsSection,
  driversSection,
  gradesSection,
  keyNumbersSection,
  referencesSection,
  reportSection,
  scorecardSection,
  stabilitySection,
  verdictSection,
  warningsSection,
  type ReportSvgs,
} from "./report-sections";
import { REPORT_CSS } from "./report-style";
import { rulesDiffHtml } from "./rules-diff-html";
import { scorecardCharts } from "./scorecard-charts";
import { summarySection, type SummaryChanges } from "./summary-section";

/** An extra section of the report, built by another part of leadlab or by the caller. */
export interface ReportSection {
  /** The heading, as text (escaped). */
  title: string;
  /** The body, as HTML: inserted as it is, after {@link checkSectionHtml}. Escape data text in it with `escapeHtml`. */
  html: string;
}

/** What {@link reportHtml} adds after the scorecard's own sections. */
export interface ReportExtras {
  /**
   * The changes against the previous rules (e.g. last quarter's), as the result of `diffRules`
   * (shown as tables), as plain text (e.g. `formatRulesDiff`, shown as it is in a monospaced
   * block), or as a section of its own. Comes first among the extras.
   */
  diff?: RulesDiff | string | ReportSection;
  /** More sections (personas, frameworks, …), in this order. */
  sections?: readonly ReportSection[];
  /** The page's heading. Default "Lead scoring report". */
  title?: string;
  /**
   * The deals the card was tuned on: the summary then gives the leads per tier per month, and
   * the page shows example leads of each tier with their reasons.
   */
  table?: DealTable;
}

/** How many drivers the report lists. */
const TOP_DRIVERS = 10;

/**
 * The report a sales manager reads: one self-contained HTML page for a tuned scorecard. It
 * opens offline in any browser: the style sheet is inline, the charts are inline SVG drawn in
 * Node with {@link renderSvg}, and there is no script and no address to load anything from (a
 * content security policy in the page forbids both).
 *
 * In order: the verdict in a green (usable) or red (no usable signal) box and why; the summary
 * (what to do, the tiers with their leads a month and holdout win rates, what changed since
 * the previous rules); example leads of each tier with their reasons (with `extras.table`);
 * the key numbers (holdout AUC with its interval, KS, Brier, deals trained and tested, how the
 * holdout was chosen); the comparison with simpler scores; the top 10 drivers, leakage marked
 * as set aside; the scorecard (each attribute's rationale and its points per value); the ROC,
 * gains, calibration and points-distribution charts; the grade matrix; stability (PSI);
 * warnings; then the extras (the diff against the previous rules, then `sections`). Each claim
 * is stated once; numbers have thousands separators, and bin edges read `≥ 723 M`.
 *
 * Deterministic: the same card and extras give the same page, byte for byte (no time stamps;
 * chart ids are renamed per chart). Every text from the data is escaped. The card is not
 * changed. Throws when an extra section's HTML holds a script or loads a resource (see
 * {@link checkSectionHtml}).
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * import { loadDataset, reportHtml, tuneScorecard } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const html = await reportHtml(tuneScorecard(table), { sections: [{ title: "Personas", html: "<p>3 personas</p>" }] });
 * html.startsWith("<!DOCTYPE html>"); // => true
 * writeFileSync("/tmp/leadlab-report.html", html);
 */
export async function reportHtml(card: Scorecard, extras: ReportExtras = {}): Promise<string> {
  if (card === null || typeof card !== "object" || card.rules === undefined || card.metrics === undefined) {
    throw new Error(`reportHtml requires a tuned scorecard (the result of tuneScorecard); got ${String(card)}.`);
  }
  if (extras === null || typeof extras !== "object") {
    throw new Error(`reportHtml: extras must be an object { diff?, sections? }; got ${String(extras)}.`);
  }
  const extraSections = resolveExtras(extras);
  const svgs = await renderCharts(card);
  const title = extras.title ?? "Lead scoring report";
  const meta = card.rules.metadata;
  const range = meta.dateRange ? ` · deals closed ${escapeHtml(meta.dateRange.from)} to ${escapeHtml(meta.dateRange.to)}` : "";
  const table = extras.table;
  const diffId = extraSections.find((x) => x.isDiff)?.id;
  const changes: SummaryChanges =
    extras.diff !== undefined && typeof extras.diff === "object" && "added" in extras.diff
      ? { diff: extras.diff, ...(diffId ? { details: diffId } : {}) }
      : diffId
        ? { details: diffId }
        : null;
  const toc: [string, string][] = [
    ["summary", "Summary"],
    ...(table ? [["examples", "Example leads"] as [string, string]] : []),
    ["numbers", "Key numbers"],
    ["references", "Against simpler scores"],
    ["drivers", "Drivers"],
    ["scorecard", "Scorecard"],
    ["charts", "Charts"],
    ["grades", "Grades"],
    ["stability", "Stability"],
    ["warnings", "Warnings"],
    ...extraSections.map((s): [string, string] => [s.id, s.title]),
  ];
  const body = [
    `<header><h1>${escapeHtml(title)}: ${escapeHtml(meta.dataset)}</h1>`,
    `<p class="lede">${formatCount(meta.counts.deals)} closed deals (${formatCount(meta.counts.won)} won, ${formatCount(meta.counts.lost)} lost)${range}</p>`,
    `<nav class="toc">${toc.map(([id, text]) => `<a href="#${escapeHtml(id)}">${escapeHtml(text)}</a>`).join(" ")}</nav></header>`,
    verdictSection(card),
    summarySection(card, { expected: table ? expectedLeads(card, table) : null, changes }),
    ...(table ? [exampleLeadsSection(exampleLeads(card, table))] : []),
    keyNumbersSection(card),
    referencesSection(card),
    driversSection(card, TOP_DRIVERS),
    scorecardSection(card),
    chartsSection(card, svgs),
    gradesSection(card, svgs.grades),
    stabilitySection(card),
    warningsSection(card),
    ...extraSections.map((s) => reportSection(s.id, s.title, s.html)),
    `<footer>Dataset ${escapeHtml(meta.dataset)} · data fingerprint <span class="mono">${escapeHtml(meta.dataFingerprint)}</span> · ` +
      `seed ${meta.seed} · leadlab ${escapeHtml(meta.toolVersion)}</footer>`,
  ];
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`,
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(title)}: ${escapeHtml(meta.dataset)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    "</head>",
    "<body><main>",
    ...body,
    "</main></body>",
    "</html>",
    "",
  ].join("\n");
}

/** An extra section with its anchor id. */
interface ResolvedSection {
  id: string;
  title: string;
  html: string;
  /** Whether it shows the diff against the previous rules. */
  isDiff: boolean;
}

/** Checks the extras once and gives every section an anchor id. */
function resolveExtras(extras: ReportExtras): ResolvedSection[] {
  const out: ResolvedSection[] = [];
  const add = (section: ReportSection, where: string, isDiff = false) => {
    if (section === null || typeof section !== "object" || typeof section.title !== "string" || section.title.trim() === "") {
      throw new Error(`reportHtml: ${where} must be an object { title, html } with a non-empty title; got ${JSON.stringify(section)}.`);
    }
    out.push({ id: `extra-${out.length + 1}`, title: section.title, html: checkSectionHtml(section.html, section.title), isDiff });
  };
  const { diff, sections = [] } = extras;
  const diffTitle = "Changes since the previous rules";
  if (typeof diff === "string") {
    add({ title: diffTitle, html: `<pre class="diff">${escapeHtml(diff)}</pre>` }, "extras.diff", true);
  } else if (diff !== undefined && diff !== null && typeof diff === "object" && "added" in diff && Array.isArray(diff.added)) {
    add({ title: diffTitle, html: rulesDiffHtml(diff) }, "extras.diff", true);
  } else if (diff !== undefined) {
    add(diff as ReportSection, "extras.diff", true);
  }
  if (!Array.isArray(sections)) throw new Error(`reportHtml: extras.sections must be a list of { title, html }; got ${String(sections)}.`);
  sections.forEach((s, i) => add(s, `extras.sections[${i}]`));
  return out;
}

/** Renders the card's charts one after another (vega's renderer is shared) and prepares them for inlining. */
async function renderCharts(card: Scorecard): Promise<ReportSvgs> {
  const specs = scorecardCharts(card);
  const labels: Record<keyof ReportSvgs, string> = {
    roc: "ROC curve of the scorecard on the holdout",
    gains: "Cumulative gains of the scorecard on the holdout",
    calibration: "Predicted against actual win rate on the holdout",
    distribution: "Points of won and lost holdout deals, with the tier thresholds",
    grades: "Win rate by grade, fit against engagement",
  };
  const out: ReportSvgs = { roc: null, gains: null, calibration: null, distribution: null, grades: null };
  for (const key of Object.keys(labels) as (keyof ReportSvgs)[]) {
    const spec: TopLevelSpec | null = specs[key];
    if (spec !== null) out[key] = embedSvg(await renderSvg(spec), `chart-${key}`, labels[key]);
  }
  return out;
}
