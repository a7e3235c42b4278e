import { formatAmount } from "../format/amount";
import { formatCount } from "../format/count";
import { formatPercent, formatPercentPoints } from "../format/percent";
import { formatRateInterval } from "../format/rate-interval";
import type { ValueModel, ValueTier } from "../scoring/value/tune-value";
import type { CaptureContrast } from "../scoring/value/capture-comparison";
import { escapeHtml } from "./escape-html";
import { htmlTable } from "./html-table";
import { readableBinLabels } from "./readable-bin-labels";
import type { ReportSection } from "./report-html";

const TITLE = "Expected value: who brings revenue that stays";

/**
 * The report section on expected value: the verdict; on the holdout, the share of won and of
 * retained revenue the top leads by expected value hold against the same share of leads by win
 * points (bootstrap 95 % intervals, and of the difference); value tiers beside win tiers; the
 * amount card (base and factor per bin) and the retention card (base and log-odds term per bin),
 * both fitted on the training part. Without a value model, a section saying why.
 *
 * @example
 * import { expectedValueSection } from "./expected-value-section";
 * expectedValueSection({ reason: "the dataset has no amount" }).html; // => "<p>No expected value: the dataset has no amount.</p>"
 */
export function expectedValueSection(v: ValueModel | { reason: string }): ReportSection {
  if ("reason" in v) return { title: TITLE, html: `<p>${escapeHtml(`No expected value: ${v.reason}.`)}</p>` };
  const currency = v.block.currency;
  const money = (x: number) => formatAmount(x, currency);
  const share = (c: { value: number | null; lo: number | null; hi: number | null }) => formatRateInterval(c.value ?? NaN, c.lo ?? NaN, c.hi ?? NaN);
  const diff = (c: CaptureContrast) => {
    return `${formatPercentPoints(c.diff.value)} [${formatPercentPoints(c.diff.lo)}, ${formatPercentPoints(c.diff.hi)}]`;
  };
  const retention = v.retention;
  const intro =
    `<p>${escapeHtml(
      `Expected value of a lead = chance of winning (its points, calibrated on the training part) × expected amount if won (the amount card)${retention ? ` × chance of being retained ${retention.horizonDays} days (the retention card)` : ""}. On the holdout, ${v.verdict}.`,
    )}</p>` +
    `<p>${escapeHtml(
      `Holdout: ${formatCount(v.holdout.leads)} leads, ${formatCount(v.holdout.wonDeals)} won for ${money(v.holdout.wonRevenue)}${v.holdout.retainedRevenue !== null ? `, of which ${money(v.holdout.retainedRevenue)} retained` : ""}. Intervals: ${formatCount(v.holdout.bootstrap.replicates)} bootstrap replicates of the holdout by ${v.holdout.bootstrap.resampled} (seed ${v.holdout.bootstrap.seed}), both rankings on the same replicates.${v.holdout.retainedDefinition ? ` Retained revenue counts ${v.holdout.retainedDefinition}.` : ""}`,
    )}</p>` +
    (v.warnings.length ? `<ul class="warnings">${v.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>` : "");
  const capture = htmlTable({
    caption: "Share of holdout revenue held by the top leads: by expected value against by win points alone (95% intervals; difference in percentage points)",
    head: ["Top share of leads", "Won revenue, by value", "by win points", "Difference", ...(retention ? ["Retained revenue, by value", "by win points", "Difference"] : [])],
    rows: v.capture.map((c) => [
      formatPercent(c.leadShare),
      share(c.wonRevenue.value),
      share(c.wonRevenue.win),
      diff(c.wonRevenue),
      ...(c.retainedRevenue ? [share(c.retainedRevenue.value), share(c.retainedRevenue.win), diff(c.retainedRevenue)] : retention ? ["–", "–", "–"] : []),
    ]),
    numeric: [0, 1, 2, 3, ...(retention ? [4, 5, 6] : [])],
  });
  const tierCells = (t: ValueTier | undefined, min: (x: number) => string) =>
    t ? [t.min === null ? "below" : `≥ ${min(t.min)}`, formatPercent(t.shareOfLeads), formatPercent(t.winRate), formatPercent(t.shareOfWonRevenue), ...(retention ? [formatPercent(t.shareOfRetainedRevenue ?? NaN)] : [])] : [];
  const tiers = htmlTable({
    caption: "Value tiers (cut on expected value, left) beside win tiers (cut on points, right), on the holdout",
    head: ["Tier", "Expected value", "Leads", "Win rate", "Won revenue", ...(retention ? ["Retained revenue"] : []), "Points", "Leads", "Win rate", "Won revenue", ...(retention ? ["Retained revenue"] : [])],
    rows: v.tiers.value.map((t, i) => [t.name, ...tierCells(t, money), ...tierCells(v.tiers.win[i], String)]),
    numeric: Array.from({ length: retention ? 10 : 8 }, (_, j) => j + 1),
  });
  const amountRows = v.amount.attributes.flatMap((a, j) => {
    const labels = readableBinLabels(a.binSet.bins, a.binSet.name);
    const bins = v.block.amount.attributes[j].bins;
    return bins.map((b, k) => [k === 0 ? a.name : "", labels[k], `× ${b.factor.toFixed(2)}`, formatCount(b.trainDeals), b.trainMedianAmount === null ? "–" : money(b.trainMedianAmount)]);
  });
  const amount =
    `<p>${escapeHtml(
      `Amount card: base ${money(v.block.amount.base)} (the mean won amount with every factor 1), fitted on ${formatCount(v.amount.n)} won training deals; ${v.amount.attributes.length ? `attributes chosen by cross-validated R² of log amount (${v.amount.steps.map((s) => `${s.name} ${s.cvR2.toFixed(2)}`).join(", ")})` : "no attribute predicts deal size"}${v.amount.rejected ? `; ${v.amount.rejected.name} would add only ${v.amount.rejected.gain.toFixed(3)}` : ""}.`,
    )}</p>` +
    (amountRows.length ? htmlTable({ caption: "Amount card (training part)", head: ["Attribute", "Bin", "Factor", "Won deals", "Median amount"], rows: amountRows, numeric: [2, 3, 4] }) : "");
  const retentionHtml = retention
    ? `<p>${escapeHtml(
        `Retention card: ${formatCount(retention.n)} training customers whose retention at ${retention.horizonDays} days is known (${formatPercent(retention.retained / retention.n)} retained); ${retention.leftOut.map((l) => `${formatCount(l.rows)} left out: ${l.reason}`).join("; ")}. ${retention.attributes.length ? `Attributes chosen by cross-validated AUC: ${retention.steps.map((s) => `${s.name} ${s.auc.toFixed(3)}`).join(", ")}.` : "No attribute predicts retention: every lead gets the base rate."}`,
      )}</p>` +
      (retention.attributes.length
        ? htmlTable({
            caption: `Retention card (training part): chance = logistic(${v.block.retention!.baseLogOdds.toFixed(2)} + terms)`,
            head: ["Attribute", "Bin", "Log-odds term", "Retained (training)", "Customers"],
            rows: retention.attributes.flatMap((a, j) => {
              const labels = readableBinLabels(a.binSet.bins, a.binSet.name);
              return v.block.retention!.attributes[j].bins.map((b, k) => [
                k === 0 ? a.name : "",
                labels[k],
                `${b.logOdds < 0 ? "\u2212" : ""}${Math.abs(b.logOdds).toFixed(2)}`,
                b.trainCustomers ? formatPercent(b.trainRetainedRate) : "–",
                formatCount(b.trainCustomers),
              ]);
            }),
            numeric: [2, 3, 4],
          })
        : "")
    : "<p>No retention data: the expected value is win chance × amount.</p>";
  return { title: TITLE, html: intro + capture + tiers + amount + retentionHtml };
}
