import { formatPercent } from "../format/percent";
import { OTHER_PERSONA } from "./persona-rule";
import type { PersonasResult, Rate } from "./personas-result";
import { rankingMeasure } from "./ranking-measure";
import type { Trait } from "./traits";

const int = (x: number) => x.toLocaleString("en-US");
const rateText = (r: Rate, of: string) => (r.n === 0 ? `no ${of}` : `${formatPercent(r.value)} [${formatPercent(r.lo)}, ${formatPercent(r.hi)}] of ${int(r.n)} ${of}`);
const number = (x: number) => x.toLocaleString("en-US", { maximumSignificantDigits: 3 });
const amount = (x: number | null) => (x === null ? "–" : x.toLocaleString("en-US", { maximumFractionDigits: 0 }));

/**
 * A trait in words: `industry = Software: 85% of the persona vs 30% of all (lift 2.8, q < 0.001)`.
 *
 * @example
 * import { traitLine } from "leadlab";
 * traitLine({ attribute: "industry", kind: "categorical", value: "Software", count: 85, n: 100, share: 0.85, overallShare: 0.3, lift: 2.83, lo: 0.77, hi: 0.91, p: 1e-9, q: 1e-8 });
 * // => "industry = Software: 85% [77%, 91%] vs 30% of all (lift 2.8, q < 0.001)"
 */
export function traitLine(t: Trait): string {
  const q = t.q < 0.001 ? "q < 0.001" : `q = ${t.q.toFixed(3)}`;
  const value =
    t.kind === "multi" ? `${t.attribute} ∋ ${t.value}` : t.kind === "numeric" && t.band ? `${t.attribute} ${number(t.band.from)}–${number(t.band.to)}` : `${t.attribute} = ${t.value}`;
  return `${value}: ${formatPercent(t.share)} [${formatPercent(t.lo)}, ${formatPercent(t.hi)}] vs ${formatPercent(t.overallShare)} of all (lift ${t.lift.toFixed(1)}, ${q})`;
}

/**
 * The personas of a result as text for a terminal (what `leadlab personas` prints): the verdict,
 * who the customers are, why this k with every k measured, the attributes and their weights,
 * the base rates, then per persona its size, win rate, retention, median amount, top traits and
 * id; the assignment rules with their fidelity, the anti-personas and the warnings.
 *
 * @example
 * import { formatPersonas, loadDataset, personas } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * console.log(formatPersonas(personas(table)));
 */
export function formatPersonas(result: PersonasResult, options: { traits?: number } = {}): string {
  const top = options.traits ?? 4;
  const lines: string[] = [];
  const c = result.counts;
  lines.push(`personas of ${result.dataset}: ${result.verdict}`);
  lines.push(`customers: ${result.customerDefinition} (${int(c.clustered)} of ${int(c.customers)} won customers; ${int(c.deals)} closed deals)`);
  for (const l of result.leftOut) lines.push(`  left out: ${int(l.rows)} ${l.reason}`);
  lines.push(`k = ${result.k}: ${result.reason}`);
  lines.push("   k  silhouette  stability  sizes");
  for (const k of result.candidates)
    lines.push(`  ${String(k.k).padStart(2)}  ${k.silhouette.toFixed(3).padStart(10)}  ${k.stability.toFixed(3).padStart(9)}  ${k.sizes.join(", ")}${k.k === result.k ? "  ← chosen" : ""}`);
  const weighed = result.attributes.filter((a) => a.weight > 0);
  const unweighed = result.attributes.filter((a) => a.weight === 0);
  lines.push(`attributes (weight): ${weighed.map((a) => `${a.name} ${a.weight.toFixed(2)}`).join(", ")}`);
  if (unweighed.length) lines.push(`  left out: ${unweighed.map((a) => `${a.name} (${a.reason})`).join("; ")}`);
  const b = result.base;
  lines.push("");
  // A customer list has no lost deals: every win rate would read 100 %.
  const wins = b.winRate.events < b.winRate.n;
  lines.push(
    `all: ${wins ? `deals win ${rateText(b.winRate, "deals")}` : `${int(b.winRate.n)} deals, every one won (a customer list: no win rate)`}` +
      (b.retention ? ` · customers retained ${rateText(b.retention, "customers")}` : "") +
      ` · median won amount ${amount(b.medianAmount)}`,
  );
  const ranking = rankingMeasure(b);
  result.personas.forEach((p, i) => {
    lines.push("");
    lines.push(`${i + 1}. ${p.name}${p.name !== p.defaultName ? `  (default name: ${p.defaultName})` : ""}`);
    lines.push(
      `   ${int(p.size)} customers (${formatPercent(p.share)})${wins ? ` · deals win ${rateText(p.winRate, "deals")}` : ""}` +
        (p.retention ? ` · retained ${rateText(p.retention, "customers")}` : "") +
        ` · median won amount ${amount(p.medianAmount)}` +
        (ranking.name === "customers" ? "" : ` · ${ranking.name} ${ranking.money ? amount(p.retainedRevenue) : int(p.retainedRevenue)} (${formatPercent(p.retainedRevenueShare)})`),
    );
    lines.push(`   silhouette ${p.silhouette.toFixed(2)} · stability ${p.stability.toFixed(2)} · id ${p.id}`);
    for (const t of p.traits.slice(0, top)) lines.push(`   · ${traitLine(t)}`);
  });
  const a = result.assignment;
  lines.push("");
  lines.push(
    `assignment rules (fidelity ${formatPercent(a.fidelity)}` +
      (Number.isNaN(a.heldOutFidelity) ? "" : `, ${formatPercent(a.heldOutFidelity)} cross-validated`) +
      `, coverage ${formatPercent(a.coverage)}; "${OTHER_PERSONA}" for ${formatPercent(a.otherShare)} of closed deals):`,
  );
  lines.push(`  by segment: ${a.bySegment.map((x) => `${x.id} ${Number.isNaN(x.fidelity) ? "–" : formatPercent(x.fidelity)} of ${int(x.customers)}`).join(", ")}`);
  for (const t of a.text) lines.push(`  ${t}`);
  lines.push("");
  if (result.antiPersonas.length === 0) lines.push("anti-personas: none (no segment wins but churns, or wins clearly less often)");
  else {
    lines.push("anti-personas:");
    for (const x of result.antiPersonas) lines.push(`  ${x.kind === "wins-but-churns" ? "wins but churns" : "rarely wins"}: ${x.name} (${x.source === "customers" ? "a cluster of the customers, set aside from the personas" : `among the closed deals no persona rule matches`}) — ${x.why}`);
  }
  if (result.warnings.length) {
    lines.push("");
    lines.push("warnings:");
    for (const w of result.warnings) lines.push(`  - ${w}`);
  }
  return lines.join("\n") + "\n";
}
