import { amountByBinChart } from "../charts/amount-by-bin-chart";
import { renderSvg } from "../charts/render";
import type { AmountDriversResult } from "../drivers/amount-drivers";
import { formatAmount } from "../format/amount";
import { formatCount } from "../format/count";
import { formatPValue } from "../format/p-value";
import { embedSvg } from "./embed-svg";
import { escapeHtml } from "./escape-html";
import { htmlTable } from "./html-table";
import type { ReportSection } from "./report-html";

/**
 * The report section on deal value: the attributes that predict the amount of won deals, with
 * the bins of largest and smallest median amount and the q-value, and a chart of the median
 * amount per bin for the strongest `charts` attributes.
 *
 * @example
 * import { amountDrivers, loadDataset } from "leadlab";
 * import { valueSection } from "./value-section";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * (await valueSection(amountDrivers(table))).title; // => "Deal value: what predicts the size of won deals"
 */
export async function valueSection(result: AmountDriversResult, top = 10, charts = 3): Promise<ReportSection> {
  const shown = result.attributes.filter((a) => a.significant && a.leakage === null).slice(0, top);
  const leaks = result.attributes.filter((a) => a.leakage !== null);
  const rows = shown.map((a) => {
    const big = a.bins.filter((b) => b.n >= 20);
    const pool = big.length >= 2 ? big : a.bins;
    const hi = pool.reduce((x, y) => (y.median > x.median ? y : x));
    const lo = pool.reduce((x, y) => (y.median < x.median ? y : x));
    const bin = (b: typeof hi) => `${b.label}: ${formatAmount(b.median, result.currency)} [${formatAmount(b.lo, result.currency)}–${formatAmount(b.hi, result.currency)}] of ${formatCount(b.n)}`;
    return [a.name, bin(hi), bin(lo), formatPValue(a.q)];
  });
  const table = rows.length
    ? htmlTable({ caption: `Median amount of won deals per bin (95% intervals), training part; q-values across ${formatCount(result.attributes.length)} attributes (Kruskal–Wallis)`, head: ["Attribute", "Largest median", "Smallest median", "q"], rows, numeric: [3] })
    : "";
  const svgs = await Promise.all(
    shown.slice(0, charts).map(async (a, i) => embedSvg(await renderSvg(amountByBinChart(a.bins, { title: `Median won amount by ${a.name}`, overall: result.overall.median })), `value-${i + 1}`, `Median won amount by ${a.name}`)),
  );
  const intro = `<p>${escapeHtml(`${result.verdict}. ${formatCount(result.n)} won deals, median amount ${formatAmount(result.overall.median, result.currency)} [${formatAmount(result.overall.lo, result.currency)}–${formatAmount(result.overall.hi, result.currency)}].`)}</p>`;
  const leakage = leaks.length ? `<p>${escapeHtml(`Set aside: ${leaks.map((a) => `${a.name}: ${a.leakage}`).join("; ")}.`)}</p>` : "";
  return { title: "Deal value: what predicts the size of won deals", html: intro + leakage + table + svgs.join("") };
}
