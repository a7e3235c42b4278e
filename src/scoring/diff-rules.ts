import type { ScoringRules } from "../formats/scoring-rules-schema";
import { formatAucValue } from "../format/auc";
import type { ScoreStability } from "./score-stability";

/** What changed between two versions of scoring rules. */
export interface RulesDiff {
  /** `auc`: the rules' holdout AUC; null when their holdout could not measure one. */
  from: { dataset: string; fingerprint: string; auc: number | null };
  to: { dataset: string; fingerprint: string; auc: number | null };
  added: string[];
  removed: string[];
  /** Bins whose points changed, were added or removed, per attribute kept on the card. */
  points: { attribute: string; bin: string; before: number | null; after: number | null }[];
  tiers: { name: string; before: number | null | undefined; after: number | null | undefined }[];
  basePoints: { before: number; after: number };
  /** The PSI of the score distribution under the old rules, last quarter's deals vs the deals after, when data were given ({@link scoreStability}). */
  scoreStability?: ScoreStability;
}

/**
 * Compares two scoring rules: attributes added or removed, points moved per bin (bins matched
 * by label), tier thresholds moved, the base points and the holdout AUC of each; with
 * `stability` (from {@link scoreStability}), how the score distribution under the old rules moved.
 *
 * @example
 * import { diffRules } from "leadlab";
 * // diffRules(lastQuarter, thisQuarter).added; // => ["demo_request_count_90d"]
 */
export function diffRules(before: ScoringRules, after: ScoringRules, stability?: ScoreStability): RulesDiff {
  const names = (r: ScoringRules) => r.attributes.map((a) => a.name);
  const points: RulesDiff["points"] = [];
  for (const a of after.attributes) {
    const old = before.attributes.find((x) => x.name === a.name);
    if (!old) continue;
    const labels = [...new Set([...old.bins.map((b) => b.label), ...a.bins.map((b) => b.label)])];
    for (const label of labels) {
      const x = old.bins.find((b) => b.label === label)?.points ?? null;
      const y = a.bins.find((b) => b.label === label)?.points ?? null;
      if (x !== y) points.push({ attribute: a.name, bin: label, before: x, after: y });
    }
  }
  const tierNames = [...new Set([...before.tiers.map((t) => t.name), ...after.tiers.map((t) => t.name)])];
  const side = (r: ScoringRules) => ({ dataset: r.metadata.dataset, fingerprint: r.metadata.dataFingerprint, auc: r.metadata.metrics.auc.value });
  return {
    from: side(before),
    to: side(after),
    added: names(after).filter((n) => !names(before).includes(n)),
    removed: names(before).filter((n) => !names(after).includes(n)),
    points,
    tiers: tierNames
      .map((name) => ({ name, before: before.tiers.find((t) => t.name === name)?.minPoints, after: after.tiers.find((t) => t.name === name)?.minPoints }))
      .filter((t) => t.before !== t.after),
    basePoints: { before: before.scale.basePoints, after: after.scale.basePoints },
    ...(stability ? { scoreStability: stability } : {}),
  };
}

/**
 * The diff as text for a terminal or a pull request.
 *
 * @example
 * import { diffRules, formatRulesDiff } from "leadlab";
 * // console.log(formatRulesDiff(diffRules(lastQuarter, thisQuarter)));
 */
export function formatRulesDiff(d: RulesDiff): string {
  const lines: string[] = [];
  const fmt = (x: number | null | undefined) => (x === undefined ? "absent" : x === null ? "catch-all" : String(x));
  lines.push(`holdout AUC ${formatAucValue(d.from.auc)} → ${formatAucValue(d.to.auc)}${d.from.fingerprint === d.to.fingerprint ? " (same data)" : ""}`);
  if (d.basePoints.before !== d.basePoints.after) lines.push(`base points ${d.basePoints.before} → ${d.basePoints.after}`);
  for (const a of d.added) lines.push(`+ attribute ${a}`);
  for (const a of d.removed) lines.push(`- attribute ${a}`);
  for (const p of d.points)
    lines.push(`~ ${p.attribute} · ${p.bin}: ${p.before === null ? "new bin" : p.before} → ${p.after === null ? "bin removed" : p.after}`);
  for (const t of d.tiers) lines.push(`~ tier ${t.name} threshold: ${fmt(t.before)} → ${fmt(t.after)}`);
  if (lines.length === 1) lines.push("no change to attributes, points or tiers");
  const st = d.scoreStability;
  if (st && "unavailable" in st) lines.push(`score stability under the old rules: not computed (${st.unavailable})`);
  else if (st)
    lines.push(
      `score stability under the old rules, ${st.before.deals} deals ${st.before.from} to ${st.before.to} vs ${st.after.deals} deals after (to ${st.after.to}, ${st.before.column}): ` +
        `PSI ${st.tiers.psi.toFixed(3)} over tiers (${st.tiers.reading}), ${st.deciles.psi.toFixed(3)} over deciles (${st.deciles.reading})`,
    );
  return lines.join("\n") + "\n";
}
