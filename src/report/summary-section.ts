import { formatCount } from "../format/count";
import { formatPercent } from "../format/percent";
import { formatRateInterval } from "../format/rate-interval";
import type { RulesDiff } from "../scoring/diff-rules";
import type { Scorecard } from "../scoring/scorecard";
import { escapeHtml } from "./escape-html";
import type { ExpectedLeads } from "./expected-leads";
import { htmlTable, type TableCell } from "./html-table";
import { reportSection } from "./report-sections";

/** What the summary says about last quarter's rules. */
export type SummaryChanges =
  /** The diff against them, said in a sentence or two. */
  | { diff: RulesDiff; details?: string }
  /** A diff shown elsewhere on the page, at this anchor. */
  | { details: string }
  /** No previous rules: the first run. */
  | null;

/** What {@link summarySection} needs besides the card. */
export interface SummaryInputs {
  /** The expected leads per tier per month, or null when the deals have no dates. */
  expected: ExpectedLeads | null;
  changes: SummaryChanges;
}

/**
 * The page's summary for the people who decide, right under the verdict: what to do, the
 * tiers with the leads each brings per month, its win rate on the holdout (with the interval)
 * and the wins to expect, and what changed since last quarter's rules. Each number here is
 * stated once on the page.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { summarySection } from "./summary-section";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * summarySection(tuneScorecard(table), { expected: null, changes: null }).includes("first run"); // => true
 */
export function summarySection(card: Scorecard, inputs: SummaryInputs): string {
  const body =
    `<h3>What to do</h3><ul class="actions">${actions(card, inputs.expected).map((a) => `<li>${a}</li>`).join("")}</ul>` +
    `<h3>The tiers: what each brings a month</h3>${tierTable(card, inputs.expected)}` +
    `<h3>Since last quarter</h3><p>${changesWords(inputs.changes)}</p>`;
  return reportSection("summary", "Summary", body);
}

/** What to do, in order, as HTML list items. */
function actions(card: Scorecard, expected: ExpectedLeads | null): string[] {
  const out: string[] = [];
  const names = card.tiers.map((t) => `<strong>${escapeHtml(t.name)}</strong>`);
  if (card.usable) {
    const bottom = card.tiers[card.tiers.length - 1];
    const perMonth = expected?.tiers.find((t) => t.tier === bottom?.name);
    out.push(
      card.tiers.length >= 2
        ? `Work tier ${names[0]} leads first${card.tiers.length > 2 ? `, then ${names.slice(1, -1).join(", ")}` : ""}; ` +
            `give tier ${names[names.length - 1]} leads${perMonth ? ` (about ${formatCount(Math.round(perMonth.leadsPerMonth))} a month)` : ""} a lighter, automated touch.`
        : "Rank leads by their points.",
    );
    out.push("Load <code>scoring.yaml</code> into the CRM (<code>leadlab export</code>) so that every new lead gets its points, tier and grade.");
    const asked = card.drivers.attributes.filter((a) => a.leakageQuestion !== null);
    if (asked.length) out.push(`Check when ${asked.map((a) => `<strong>${escapeHtml(a.name)}</strong>`).join(", ")} is filled in: if only after the outcome, drop it from the card.`);
    if (card.stability.reading !== "stable") out.push("Find out why this period's leads score differently (see Stability) before relying on the tiers.");
    out.push("Re-run next quarter with these rules as the previous ones, to see what moved.");
    return out;
  }
  const better = card.references.filter((r) => r.vsScorecard !== null && r.vsScorecard.hi < 0);
  out.push("Do not rank leads with these rules; keep ranking them as today.");
  if (better.length) out.push(`Consider the simpler score instead: ${better.map((r) => escapeHtml(r.name)).join(", ")} (see Against simpler scores).`);
  out.push("Add more closed deals, or attributes recorded before the first call, and run again.");
  return out;
}

/** The points range of each tier, best first: "633 or more", "596 to 632", "below 569". */
function tierRanges(card: Scorecard): string[] {
  return card.tiers.map((t, i) => {
    const above = i > 0 ? card.tiers[i - 1].minPoints : null;
    const n = formatCount;
    if (t.minPoints === null) return above === null ? "all leads" : `below ${n(above)}`;
    if (above === null) return `${n(t.minPoints)} or more`;
    return above - 1 > t.minPoints ? `${n(t.minPoints)} to ${n(above - 1)}` : n(t.minPoints);
  });
}

/** A rate per month for reading: whole numbers from 10 on, one decimal below, and none as "0". */
function perMonth(x: number): string {
  return x === 0 ? "0" : x >= 10 ? formatCount(Math.round(x)) : x.toFixed(1);
}

/** The tiers table: points, leads and wins per month (with dates), holdout win rate with interval, shares. */
function tierTable(card: Scorecard, expected: ExpectedLeads | null): string {
  const ranges = tierRanges(card);
  const rows = card.tiers.map((t, i): TableCell[] => {
    const volume = expected?.tiers[i];
    const rate = t.expectedWinRate ? formatRateInterval(t.expectedWinRate.value, t.expectedWinRate.lo, t.expectedWinRate.hi) : "–";
    return [
      { html: `<strong>${escapeHtml(t.name)}</strong>` },
      ranges[i],
      ...(volume ? [perMonth(volume.leadsPerMonth)] : [formatPercent(t.shareOfLeads)]),
      rate,
      ...(volume ? [volume.winsPerMonth === null ? "–" : perMonth(volume.winsPerMonth)] : []),
      formatPercent(t.shareOfWins),
      formatCount(t.n),
    ];
  });
  const head = expected
    ? ["Tier", "Points", "Leads a month", "Win rate [95% interval]", "Wins a month", "Share of wins", "Holdout deals"]
    : ["Tier", "Points", "Share of leads", "Win rate [95% interval]", "Share of wins", "Holdout deals"];
  const table = htmlTable({ head, rows, numeric: head.map((_, j) => j).slice(1) });
  const note = expected
    ? `Leads a month: the ${formatCount(expected.deals)} deals closed from ${expected.from} to ${expected.to} (${expected.months.toFixed(1)} months, ` +
      "the holdout period) scored with these rules. Win rates and shares are measured on the holdout deals, which the rules were not fitted on; " +
      "the thresholds were set on the training deals. Wins a month = leads a month × win rate."
    : "Win rates and shares are measured on the holdout deals, which the rules were not fitted on; the thresholds were set on the training deals.";
  return `${table}<p class="small muted">${escapeHtml(note)}</p>`;
}

/** The changes since last quarter in a sentence or two (HTML). */
function changesWords(changes: SummaryChanges): string {
  if (changes === null) {
    return "This is the first run: there are no previous rules to compare with. Next quarter, pass these rules as the previous ones " +
      "(<code>leadlab tune --previous</code>) to see what changed.";
  }
  const link = changes.details ? ` Details: <a href="#${escapeHtml(changes.details)}">changes since the previous rules</a>.` : "";
  if (!("diff" in changes)) return `The rules were compared with the previous ones.${link}`;
  const d = changes.diff;
  const list = (names: string[]) => names.map((n) => `<code>${escapeHtml(n)}</code>`).join(", ");
  const parts: string[] = [];
  if (d.added.length) parts.push(`${formatCount(d.added.length)} attribute${d.added.length === 1 ? "" : "s"} added (${list(d.added)})`);
  if (d.removed.length) parts.push(`${formatCount(d.removed.length)} removed (${list(d.removed)})`);
  const moved = new Set(d.points.map((p) => p.attribute));
  if (d.points.length) parts.push(`points moved in ${formatCount(d.points.length)} value${d.points.length === 1 ? "" : "s"} of ${formatCount(moved.size)} attribute${moved.size === 1 ? "" : "s"}`);
  if (d.tiers.length) parts.push(`${d.tiers.length === 1 ? "a tier threshold" : `${d.tiers.length} tier thresholds`} moved`);
  const own = d.from.fingerprint === d.to.fingerprint ? " (the same data)" : "";
  const auc = d.from.auc === null ? `Last quarter's rules could not be measured on their own holdout${own}.` : `Last quarter's rules had a holdout AUC of ${d.from.auc.toFixed(3)} on their own holdout${own}.`;
  const what = parts.length ? `Since the previous rules, ${parts.join("; ")}.` : "The attributes, points and tiers are as in the previous rules.";
  return `${what} ${auc}${link}`;
}
