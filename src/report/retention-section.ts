import { contrastScatterChart } from "../charts/contrast-scatter";
import { renderSvg } from "../charts/render";
import { survivalCurvesChart } from "../charts/survival-curves";
import type { ContrastRow } from "../drivers/contrast";
import type { Bin } from "../stats/binning/bin";
import { NO_RETENTION_DATA, type RetentionAnalysis } from "../drivers/retention-analysis";
import type { DriverAttribute, DriversResult } from "../drivers/drivers-result";
import { formatCount } from "../format/count";
import { formatPValue } from "../format/p-value";
import { formatPercent } from "../format/percent";
import { formatRateInterval } from "../format/rate-interval";
import { embedSvg } from "./embed-svg";
import { escapeHtml } from "./escape-html";
import { htmlTable } from "./html-table";
import { readableBinLabels, readableBinText } from "./readable-bin-labels";
import { headlineBins } from "../stats/binning/headline-bins";
import type { ReportSection } from "./report-html";

const TITLE = "Retention: which customers stay";

/**
 * The report section on retention, from the analysis of the training part: the attributes that
 * predict that a customer stays, with the bins of best and worst retention (95 % intervals) and
 * the q-value; Kaplan–Meier curves of the strongest drivers; the bins that win but churn (and
 * those hard to win but loyal) with a scatter of win rate against retention. Without an
 * analysis (no retention data in the dataset), a section saying so.
 *
 * @example
 * import { retentionSection } from "./retention-section";
 * (await retentionSection(undefined)).html.includes("No retention data in this dataset"); // => true
 */
export async function retentionSection(analysis: RetentionAnalysis | undefined, winDrivers?: DriversResult, top = 10): Promise<ReportSection> {
  if (!analysis) return { title: TITLE, html: `<p>${escapeHtml(NO_RETENTION_DATA.replace(/^n/, "N"))}.</p>` };
  const d = analysis.drivers;
  const at = d.overallSurvival ? `; ${formatRateInterval(d.overallSurvival.atHorizon.survival, d.overallSurvival.atHorizon.lo, d.overallSurvival.atHorizon.hi)} still customers after ${analysis.horizonDays} days (Kaplan–Meier)` : "";
  const intro = `<p>${escapeHtml(`${d.verdict}. ${formatCount(d.n)} customers of the training part (${analysis.split}), ${formatPercent(d.baseRate)} ${d.event}${at}.`)}</p>`;
  const bin = (b: Bin, label: string) => `${label}: ${formatRateInterval(b.rate, b.lo, b.hi)} of ${formatCount(b.n)}`;
  const shown = d.significant.slice(0, top);
  const drivers = shown.length
    ? htmlTable({
        caption: `Retention per bin (95% intervals); q-values across ${d.attributes.length} attributes (${d.overallSurvival ? "log-rank" : "test of independence"})`,
        head: ["Attribute", "Best retention", "Worst retention", "q"],
        rows: shown.map((a) => {
          const labels = readableBinLabels(a.binSet.bins, a.binSet.name);
          const label = (b: Bin) => labels[a.binSet.bins.indexOf(b)];
          const { best, worst } = headlineBins(a.binSet)!;
          return [a.name, bin(best, label(best)), worst === best ? { html: '<span class="muted">one bin: no split</span>' } : bin(worst, label(worst)), formatPValue(a.q)];
        }),
        numeric: [3],
      })
    : "";
  const curves = await Promise.all(
    analysis.curves.map(async (a, i) =>
      embedSvg(await renderSvg(survivalCurvesChart(readableCurves(a), { horizonDays: analysis.horizonDays, ...(d.overallSurvival ? { overall: d.overallSurvival } : {}) })), `retention-${i + 1}`, `Retention by ${a.name}`),
    ),
  );
  return { title: TITLE, html: intro + drivers + curves.join("") + (await contrastHtml(analysis, winDrivers)) };
}

/** The wins-but-churns table and the scatter of the bins of attributes that predict both outcomes. */
async function contrastHtml(analysis: RetentionAnalysis, winDrivers: DriversResult | undefined): Promise<string> {
  const { contrast } = analysis;
  const both = contrast.rows.filter((r) => r.winSignificant && r.retentionSignificant);
  // A bin's label as the drivers tables show it (readable edges), from whichever drivers binned it so.
  const label = (r: ContrastRow) => {
    const a = [...analysis.drivers.attributes, ...(winDrivers?.attributes ?? [])].find((x) => x.name === r.name && x.binSet.bins.some((b) => b.label === r.label));
    return a ? readableBinText(r.label, a.binSet.bins, a.binSet.name) : r.label;
  };
  const row = (r: ContrastRow) => [
    r.name,
    label(r),
    `${formatRateInterval(r.win.rate, r.win.lo, r.win.hi)} of ${formatCount(r.win.n)}`,
    `${formatRateInterval(r.retention.rate, r.retention.lo, r.retention.hi)} of ${formatCount(r.retention.n)}`,
  ];
  const read = [...analysis.winsButChurns.map((r) => ["wins but churns", ...row(r)]), ...analysis.hardToWinLoyal.map((r) => ["hard to win, loyal", ...row(r)])];
  const intro = `<p>${escapeHtml(
    `Wins but churns: the bin's win rate lies above the overall ${formatPercent(contrast.baseWinRate)} and its retention below the overall ${formatPercent(contrast.baseRetentionRate)} (95% intervals), for attributes that predict both; a score should not reward these deals. ${read.length ? "" : "No bin reads so."}`.trim(),
  )}</p>`;
  const table = read.length ? htmlTable({ head: ["Reading", "Attribute", "Bin", "Win rate", "Retention"], rows: read, numeric: [3, 4] }) : "";
  const chart = both.length
    ? embedSvg(
        await renderSvg(contrastScatterChart(both.map((r) => ({ ...r, label: label(r) })), { baseWinRate: contrast.baseWinRate, baseRetentionRate: contrast.baseRetentionRate, title: "Attributes that predict both: win rate against retention" })),
        "retention-contrast",
        "Win rate against retention, bin by bin",
      )
    : "";
  return intro + table + chart;
}

/** The attribute with its curves' legend labels written as the tables write bins (readable edges). */
function readableCurves(a: DriverAttribute): DriverAttribute {
  return a.survival ? { ...a, survival: a.survival.map((c) => ({ ...c, label: readableBinText(c.label, a.binSet.bins, a.binSet.name) })) } : a;
}
