import type { FrameworksResult } from "../frameworks/frameworks-result";
import { escapeHtml } from "./escape-html";
import { htmlTable } from "./html-table";
import type { ReportSection } from "./report-html";
import { formatAuc } from "../format/auc";
import { formatCount } from "../format/count";
import { formatPValue } from "../format/p-value";
import { formatRateInterval } from "../format/rate-interval";

/**
 * The report section on qualification frameworks: each criterion's win rate when met and not
 * met with lift and q-value, the frameworks side by side (and the scorecard) by holdout AUC,
 * the claims checked; above them the comparison's verdicts in words (each criterion's and each
 * claim's verdict is its table row or its line under Claims checked, so it is not repeated).
 *
 * @example
 * import { evaluateFrameworks, loadDataset } from "leadlab";
 * import { frameworksSection } from "./frameworks-section";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * frameworksSection(evaluateFrameworks(table)).title; // => "Qualification frameworks"
 */
export function frameworksSection(result: FrameworksResult): ReportSection {
  const criteria = htmlTable({
    caption: `Each criterion on the ${formatCount(result.holdout.test)} holdout deals (win rate ${formatRateInterval(result.holdout.baseRate.rate, result.holdout.baseRate.lo, result.holdout.baseRate.hi)})`,
    head: ["Attribute", "Criterion", "Met", "Win rate if met", "Win rate if not", "Lift", "q"],
    rows: result.criteria.map((c) => [
      c.attribute,
      c.criterion,
      formatRateInterval(c.shareMet.rate, c.shareMet.lo, c.shareMet.hi),
      formatRateInterval(c.winRateMet.rate, c.winRateMet.lo, c.winRateMet.hi),
      formatRateInterval(c.winRateNotMet.rate, c.winRateNotMet.lo, c.winRateNotMet.hi),
      Number.isFinite(c.lift.ratio) ? `×${c.lift.ratio.toFixed(2)} [${c.lift.lo.toFixed(2)}–${c.lift.hi.toFixed(2)}]` : "–",
      formatPValue(c.q),
    ]),
    numeric: [2, 3, 4, 5, 6],
  });
  const rows = result.comparison.rows.map((r) => [r.framework, String(r.mapped), formatAuc(r.count)]);
  if (result.comparison.scorecard) rows.push([result.comparison.scorecard.name, "–", formatAuc(result.comparison.scorecard.auc)]);
  const comparison = htmlTable({ caption: "Ranking the holdout deals: AUC of the number of criteria met", head: ["Framework", "Criteria mapped", "AUC"], rows, numeric: [1, 2] });
  const list = (items: readonly string[]) => `<ul>${items.map((v) => `<li>${escapeHtml(v)}</li>`).join("")}</ul>`;
  return {
    title: "Qualification frameworks",
    html: `${list(result.verdicts.slice(result.criteria.length + result.claims.length))}${criteria}${comparison}${result.claims.length ? `<h3>Claims checked</h3>${list(result.claims.map((c) => c.verdict))}` : ""}`,
  };
}
