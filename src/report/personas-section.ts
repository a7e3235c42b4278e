import { personaTraitsHeatmap } from "../charts/persona-traits-heatmap";
import { renderSvg } from "../charts/render";
import type { PersonasResult } from "../personas/personas-result";
import { embedSvg } from "./embed-svg";
import { escapeHtml } from "./escape-html";
import { htmlTable } from "./html-table";
import type { ReportSection } from "./report-html";
import { formatRateInterval } from "../format/rate-interval";
import { formatPercent } from "../format/percent";

/**
 * The report section on buyer personas: the verdict on cluster quality, each persona's size,
 * win rate of the deals like it and retention (with intervals), the trait heat map, the
 * assignment rules with their fidelity, and the anti-personas.
 *
 * @example
 * import { loadDataset, personas, personasSection } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * (await personasSection(personas(table))).title; // => "Buyer personas"
 */
export async function personasSection(result: PersonasResult): Promise<ReportSection> {
  const rate = (r: { value: number; lo: number; hi: number } | null) => (r ? formatRateInterval(r.value, r.lo, r.hi) : "–");
  const table = htmlTable({
    caption: `${result.k} personas of ${result.counts.clustered} customers (${result.customerDefinition})`,
    head: ["Persona", "Customers", "Share", "Win rate of deals like it", "Retained", "Median won amount"],
    rows: result.personas.map((p) => [p.name, String(p.size), formatPercent(p.share), rate(p.winRate), rate(p.retention), p.medianAmount === null ? "–" : p.medianAmount.toLocaleString("en-US")]),
    numeric: [1, 2, 3, 4, 5],
  });
  const heatmap = embedSvg(await renderSvg(personaTraitsHeatmap(result.personas.map((p) => p.name), result.profile)), "personas", "Persona traits heat map");
  const list = (items: readonly string[]) => `<ul>${items.map((v) => `<li>${escapeHtml(v)}</li>`).join("")}</ul>`;
  return {
    title: "Buyer personas",
    html:
      `<p>${escapeHtml(result.verdict)}</p>${table}${heatmap}` +
      `<h3>Assignment rules (fidelity ${formatPercent(result.assignment.fidelity)})</h3>${list(result.assignment.rules.map((r) => r.text))}` +
      (result.antiPersonas.length ? `<h3>Anti-personas</h3>${list(result.antiPersonas.map((a) => `${a.kind.replace(/-/g, " ")}: ${a.name}, ${a.deals} deals, win rate ${rate(a.winRate)}`))}` : ""),
  };
}
