import { personaTraitsHeatmap } from "../charts/persona-traits-heatmap";
import { renderSvg } from "../charts/render";
import type { PersonasUnavailable } from "../personas/personas-error";
import type { PersonasResult } from "../personas/personas-result";
import { embedSvg } from "./embed-svg";
import { escapeHtml } from "./escape-html";
import { htmlTable } from "./html-table";
import type { ReportSection } from "./report-html";
import { formatRateInterval } from "../format/rate-interval";
import { formatPercent } from "../format/percent";
import { formatAmount } from "../format/amount";
import { formatCount } from "../format/count";
import { OTHER_PERSONA } from "../personas/persona-rule";
import { rankingMeasure } from "../personas/ranking-measure";

/** A column of the personas table: its heading and a persona's cell. */
type PersonaColumn = [heading: string, cell: (p: PersonasResult["personas"][number]) => string];

/**
 * The report section on buyer personas: the verdict on cluster quality, each persona's size,
 * win rate of the deals like it and retention (with intervals) and retained revenue (personas
 * are ranked by it), the trait heat map, the assignment rules with their fidelity (on every
 * customer and cross-validated) and what "other" covers, each persona's warnings (a rule that
 * gives it leads its name does not describe, a persona that rarely wins, …), and the
 * anti-personas, which never overlap a persona. When the data gave no personas, the reason.
 *
 * @example
 * import { loadDataset, personas } from "leadlab";
 * import { personasSection } from "./personas-section";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * (await personasSection(personas(table))).title; // => "Buyer personas"
 */
export async function personasSection(result: PersonasResult | PersonasUnavailable): Promise<ReportSection> {
  if ("unavailable" in result) return { title: "Buyer personas", html: `<p>${escapeHtml(`No personas: ${result.unavailable}.`)}</p>` };
  const rate = (r: { value: number; lo: number; hi: number } | null) => (r ? formatRateInterval(r.value, r.lo, r.hi) : "–");
  const ranking = rankingMeasure(result.base);
  const ranked = ranking.name !== "customers";
  // A customer list has no lost deals: its win rates would all read 100 %.
  const wins = result.base.winRate.events < result.base.winRate.n;
  const columns: PersonaColumn[] = [
    ["Customers", (p) => formatCount(p.size)],
    ["Share", (p) => formatPercent(p.share)],
    ...(wins ? [["Win rate of deals like it", (p) => rate(p.winRate)] satisfies PersonaColumn] : []),
    ["Retained", (p) => rate(p.retention)],
    ["Median won amount", (p) => (p.medianAmount === null ? "–" : formatAmount(p.medianAmount))],
    ...(ranked
      ? [[ranking.name[0].toUpperCase() + ranking.name.slice(1), (p) => `${ranking.money ? formatAmount(p.retainedRevenue) : formatCount(p.retainedRevenue)} (${formatPercent(p.retainedRevenueShare)})`] satisfies PersonaColumn]
      : []),
  ];
  const table = htmlTable({
    caption: `Ranked by ${ranking.name}; customers: ${result.customerDefinition}`,
    head: ["Persona", ...columns.map(([h]) => h)],
    rows: result.personas.map((p) => [p.name, ...columns.map(([, cell]) => cell(p))]),
    numeric: columns.map((_, j) => j + 1),
  });
  const heatmap = embedSvg(await renderSvg(personaTraitsHeatmap(result.personas.map((p) => p.name), result.profile)), "personas", "Persona traits heat map");
  const a = result.assignment;
  const caveats = result.personas.flatMap((p) => p.warnings.map((w) => `${p.name}: ${w}`));
  const list = (items: readonly string[]) => `<ul>${items.map((v) => `<li>${escapeHtml(v)}</li>`).join("")}</ul>`;
  return {
    title: "Buyer personas",
    html:
      `<p>${escapeHtml(result.verdict)}</p>${table}${heatmap}` +
      `<h3>Assignment rules (fidelity ${formatPercent(a.fidelity)}${Number.isNaN(a.heldOutFidelity) ? "" : `; ${formatPercent(a.heldOutFidelity)} cross-validated, each customer by rules learned without it`})</h3>` +
      list(a.text) +
      `<p>${escapeHtml(`Share of each segment's customers the rules give it: ${a.bySegment.map((x) => `${x.id} ${Number.isNaN(x.fidelity) ? "–" : formatPercent(x.fidelity)} of ${x.customers}`).join(", ")}.`)}</p>` +
      `<p>${escapeHtml(`"${OTHER_PERSONA}": ${formatPercent(a.otherShare)} of the closed deals match no persona rule.`)}</p>` +
      (caveats.length ? `<h3>What the names and rates do not say</h3>${list(caveats)}` : "") +
      (result.antiPersonas.length
        ? `<h3>Anti-personas</h3>${list(result.antiPersonas.map((x) => `${x.kind.replace(/-/g, " ")}: ${x.name} (${x.source === "customers" ? "set aside from the personas" : "among the deals no persona rule matches"}), ${formatCount(x.deals)} deals, win rate ${rate(x.winRate)}, retained ${rate(x.retention)}`))}`
        : ""),
  };
}
