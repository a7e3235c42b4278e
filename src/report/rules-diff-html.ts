import type { RulesDiff } from "../scoring/diff-rules";
import { escapeHtml } from "./escape-html";
import { htmlTable, type TableCell } from "./html-table";
import { formatAucValue } from "../format/auc";
import { formatCount } from "../format/count";

/**
 * The changes between two versions of the scoring rules (`diffRules(lastQuarter, thisQuarter)`)
 * as HTML for the report: the holdout AUC before and after, the starting points, the attributes
 * added to and removed from the card, a table of the points that moved per value, and a table
 * of the tier thresholds that moved. Every name and value is escaped.
 *
 * @example
 * import { rulesDiffHtml } from "./rules-diff-html";
 * const html = rulesDiffHtml({
 *   from: { dataset: "q2", fingerprint: "sha256:a", auc: 0.78 }, to: { dataset: "q3", fingerprint: "sha256:b", auc: 0.8 },
 *   added: ["demo_request_count_90d"], removed: [], points: [{ attribute: "industry", bin: "Software", before: 16, after: 18 }],
 *   tiers: [], basePoints: { before: 597, after: 597 },
 * });
 * html.includes("<td>Software</td>"); // => true
 */
export function rulesDiffHtml(diff: RulesDiff): string {
  const parts: string[] = [];
  const same = diff.from.fingerprint === diff.to.fingerprint ? " (same data)" : "";
  parts.push(
    `<p>Holdout AUC <strong>${formatAucValue(diff.from.auc)}</strong> (${escapeHtml(diff.from.dataset)}) → ` +
      `<strong>${formatAucValue(diff.to.auc)}</strong> (${escapeHtml(diff.to.dataset)})${same}.` +
      (diff.basePoints.before !== diff.basePoints.after
        ? ` Every lead now starts with ${formatCount(diff.basePoints.after)} points instead of ${formatCount(diff.basePoints.before)}.`
        : "") +
      "</p>",
  );
  const names = (list: readonly string[]) => list.map((n) => `<code>${escapeHtml(n)}</code>`).join(", ");
  if (diff.added.length > 0) parts.push(`<p><strong>New on the card:</strong> ${names(diff.added)}.</p>`);
  if (diff.removed.length > 0) parts.push(`<p><strong>Taken off the card:</strong> ${names(diff.removed)}.</p>`);
  if (diff.points.length > 0) {
    const rows = diff.points.map((p): TableCell[] => [
      p.attribute,
      p.bin,
      p.before === null ? "new value" : formatCount(p.before),
      p.after === null ? "value removed" : formatCount(p.after),
    ]);
    parts.push(htmlTable({ head: ["Attribute", "Value", "Points before", "Points now"], rows, numeric: [2, 3], caption: "Points that changed" }));
  }
  if (diff.tiers.length > 0) {
    const threshold = (x: number | null | undefined) => (x === undefined ? "no such tier" : x === null ? "everything below" : formatCount(x));
    const rows = diff.tiers.map((t): TableCell[] => [t.name, threshold(t.before), threshold(t.after)]);
    parts.push(htmlTable({ head: ["Tier", "Starts at before", "Starts at now"], rows, numeric: [1, 2], caption: "Tier thresholds that moved", className: "data compact" }));
  }
  if (diff.added.length + diff.removed.length + diff.points.length + diff.tiers.length === 0 && diff.basePoints.before === diff.basePoints.after) {
    parts.push('<p class="muted">No change to attributes, points or tiers.</p>');
  }
  return parts.join("");
}
