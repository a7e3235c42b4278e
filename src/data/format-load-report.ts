import type { LoadReport } from "./load-report";
import { describeUnmatchedKeys } from "./unmatched-keys";

/**
 * The load report as text for a terminal: deals read and kept, exclusions, joins with their
 * misses, events, retention, warnings.
 *
 * @example
 * import { formatLoadReport, loadDataset } from "leadlab";
 * const { report } = await loadDataset("data/sample/dataset.yaml");
 * formatLoadReport(report).startsWith("dataset"); // => true
 */
export function formatLoadReport(r: LoadReport): string {
  const lines: string[] = [];
  const d = r.deals;
  lines.push(`dataset ${r.dataset}: ${d.read} deals read from ${d.table}`);
  lines.push(`  closed: ${d.won + d.lost} (won ${d.won}, lost ${d.lost}); open, not trained on: ${d.open}${d.openValues.length ? ` (${d.openValues.slice(0, 6).map((o) => `${o.value}: ${o.rows}`).join(", ")})` : ""}`);
  if (d.foldedValues) lines.push(`  outcome values matched after folding spacing, case and Unicode form: ${d.foldedValues.map((f) => `${JSON.stringify(f.value)} → ${f.as} (${f.rows})`).join(", ")}`);
  if (r.grouping) lines.push(`  deals grouped by ${r.grouping.column}: ${r.grouping.groups} groups, up to ${r.grouping.largest} deals each (tests correct for deals of one group being alike)`);
  if (r.dateRange) lines.push(`  dates (${r.dateRange.column}): ${r.dateRange.from} to ${r.dateRange.to}`);
  for (const a of r.altered) lines.push(`  altered: ${a.rows} values of ${a.column} in ${a.table}: ${a.reason}`);
  for (const j of r.joins)
    lines.push(`  join ${j.table} on ${j.on}: ${j.matched} matched, ${j.unmatched} unmatched${j.examples.length ? ` (e.g. ${describeUnmatchedKeys(j.examples, j.table)})` : ""}, ${j.noKey} without key; +${j.columns.length} columns${j.renamed.length ? `, renamed ${j.renamed.join(", ")}` : ""}`);
  const e = r.events;
  if (e) {
    lines.push(`  events ${e.table}: ${e.read} read; ${e.types.length} types; windows ${e.windows.join(", ")} days; ${e.features} features; scoring point: ${e.scoringPoint}`);
    for (const x of e.dropped) lines.push(`    dropped ${x.rows}: ${x.reason}`);
    lines.push(`    not used: ${e.unmatchedKey} match no closed deal, ${e.afterEveryScoringPoint} at or after every scoring point of their key, ${e.beforeEveryWindow} older than every window`);
  }
  const t = r.retention;
  if (t) lines.push(`  retention (${t.form}) ${t.table}: ${t.rows} rows; ${t.matched} won deals matched, ${t.unmatched} unmatched${t.observedUntil ? `; observed until ${t.observedUntil}` : ""}`);
  if (t?.flags) lines.push(`    flags: ${t.flags.true} retained, ${t.flags.false} churned, ${t.flags.missing} empty${t.flags.other.length ? `, ${t.flags.other.reduce((s, o) => s + o.rows, 0)} other values read as unknown` : ""}`);
  const roles = new Map<string, number>();
  for (const a of r.attributes) roles.set(a.role, (roles.get(a.role) ?? 0) + 1);
  lines.push(`  attributes: ${r.attributes.length} (${[...roles].map(([k, v]) => `${k} ${v}`).join(", ")}); inferred: ${r.attributes.filter((a) => a.source === "inferred").length}`);
  for (const a of r.attributes) if (a.source === "inferred") lines.push(`  inferred ${a.name}: ${a.reason ?? a.type}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join("\n") + "\n";
}
