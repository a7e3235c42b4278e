import type { DealTable } from "../data/deal-table";
import { formatCount } from "../format/count";
import { createScorer } from "../scoring/score";
import type { Scorecard } from "../scoring/scorecard";
import { leadRecordReader } from "../scoring/lead-record";
import { escapeHtml } from "./escape-html";
import { htmlTable, type TableCell } from "./html-table";
import { reportSection } from "./report-sections";

/** How many reasons an example lead shows. */
const REASONS = 3;

/** A holdout deal shown as an example of its tier. */
export interface ExampleLead {
  id: string;
  tier: string;
  points: number;
  won: boolean;
  /** The attributes that gave the most points, in `score()`'s words, largest first. */
  reasons: string[];
}

/**
 * A few holdout deals per tier, scored with the card's rules as a CRM would score them, each
 * with the attributes that gave the most points: the `perTier` deals whose points are nearest
 * the tier's median on the holdout (ties by id), so the examples are typical of their tier and
 * the same on every run.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { exampleLeads } from "./example-leads-section";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const examples = exampleLeads(tuneScorecard(table), table);
 * examples.map((e) => e.tier).join(""); // => "AABBCCDD"
 */
export function exampleLeads(card: Scorecard, table: DealTable, perTier = 2): ExampleLead[] {
  const scorer = createScorer(card.rules, { reasons: REASONS });
  const read = leadRecordReader(table, scorer.keys);
  const byTier = new Map<string, ExampleLead[]>(card.tiers.map((t) => [t.name, []]));
  for (const r of table.split.test) {
    const s = scorer(read(r));
    if (s.tier !== null) byTier.get(s.tier)?.push({ id: table.ids[r], tier: s.tier, points: s.points, won: table.won[r] === 1, reasons: s.reasons });
  }
  return [...byTier.values()].flatMap((leads) => {
    if (leads.length === 0) return [];
    const sorted = leads.map((l) => l.points).sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const byId = (a: ExampleLead, b: ExampleLead) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return [...leads].sort((a, b) => Math.abs(a.points - median) - Math.abs(b.points - median) || byId(a, b)).slice(0, perTier);
  });
}

/**
 * The example leads as a report section: per tier, deals of the holdout with their points,
 * how they ended and the reasons for their points, so a reader sees what a lead of each tier
 * looks like.
 *
 * @example
 * import { exampleLeadsSection } from "./example-leads-section";
 * exampleLeadsSection([{ id: "D-7", tier: "A", points: 640, won: true, reasons: ["+20 industry Software"] }]).includes("+20 industry Software"); // => true
 */
export function exampleLeadsSection(examples: readonly ExampleLead[]): string {
  const intro =
    "<p>Typical holdout deals of each tier (the points nearest the tier's median), scored with these rules as the CRM will score new " +
    "leads, with the attributes that gave the most points.</p>";
  if (examples.length === 0) return reportSection("examples", "Example leads", `${intro}<p class="muted">The holdout has no scored deals.</p>`);
  const rows = examples.map((e): TableCell[] => [
    { html: `<strong>${escapeHtml(e.tier)}</strong>` },
    { text: e.id, className: "name" },
    formatCount(e.points),
    e.won ? "won" : "lost",
    { html: `<ul class="reasons">${e.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>` },
  ]);
  return reportSection("examples", "Example leads", intro + htmlTable({ head: ["Tier", "Deal", "Points", "Outcome", "Top reasons"], rows, numeric: [2] }));
}
