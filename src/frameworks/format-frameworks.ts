import { labelsAsked, type FrameworksResult } from "./frameworks-result";
import { formatPercent } from "../format/percent";
import { formatAuc } from "../format/auc";
import { formatPValue } from "../format/p-value";
import { formatRateInterval } from "../format/rate-interval";
import { differenceText, ratioText } from "./wording";

const rate = (r: { rate: number; lo: number; hi: number }) => formatRateInterval(r.rate, r.lo, r.hi);

/** Rows of cells as aligned text, two spaces between columns, each line indented. */
function table(header: string[], rows: string[][], indent = "  "): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => indent + cells.map((c, j) => (j === cells.length - 1 ? c : c.padEnd(widths[j]))).join("  ").trimEnd() + "\n";
  return line(header) + rows.map(line).join("");
}

/**
 * The text report of `leadlab frameworks`: the holdout, every criterion on its own, each
 * framework (what each criterion adds, its N-of-M rules), the frameworks side by side, the
 * claims, the verdicts and the warnings. Deterministic.
 *
 * @example
 * import { evaluateFrameworks, formatFrameworks, loadDataset } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * process.stdout.write(formatFrameworks(evaluateFrameworks(table)));
 */
export function formatFrameworks(r: FrameworksResult): string {
  const h = r.holdout;
  let out = `frameworks: ${r.dataset}\n${h.description}\n`;
  out += `test deals: ${h.test}, ${h.testWins} won (${rate(h.baseRate)}); every number below is on them, intervals ${formatPercent(r.confidence, 0)}\n`;

  out += `\ncriteria on their own (each attribute once; q across all ${r.criteria.length})\n`;
  out += table(
    ["attribute", "criterion", "asked as", "met", "win rate met", "not met", "lift", "q"],
    r.criteria.map((e) => [e.attribute, e.criterion, labelsAsked(r.frameworks, e.attribute).join(" / "), formatPercent(e.shareMet.rate), rate(e.winRateMet), rate(e.winRateNotMet), ratioText(e.lift), formatPValue(e.q)]),
  );

  for (const f of r.frameworks) {
    out += `\n${f.name}: ${f.title} (${f.mapped} of ${f.criteria.length} criteria answered)\n`;
    if (f.sameAs) out += `  answered by the same attributes as ${f.sameAs}: the same rules and AUCs\n`;
    out += table(
      ["criterion", "attribute", "AUC drop without it", "lift at the others' answers", "adds?"],
      f.criteria.map((c) => [
        c.label,
        c.attribute === null ? "(none)" : c.attribute + (c.via ? ` (${c.via})` : ""),
        c.contribution ? differenceText(c.contribution.aucDrop.diff, c.contribution.aucDrop.lo, c.contribution.aucDrop.hi) : "",
        c.contribution ? ratioText(c.contribution.conditionalLift) : "",
        c.contribution?.finding ?? "",
      ]),
    );
    if (f.rules && f.rules.rules.length > 0 && !f.sameAs) {
      out += "\n" + table(
        ["qualified when", "passes", "win rate", "wins kept", "lift", ""],
        f.rules.rules.map((x) => [`≥ ${x.atLeast} of ${x.of}`, rate(x.sharePassed), rate(x.precision), rate(x.recall), Number.isFinite(x.lift) ? `×${x.lift.toFixed(2)}` : "–", f.rules!.best === x.atLeast ? "best" : ""]),
      );
    }
    if (f.countAuc && !f.sameAs) out += `  AUC of the count ${formatAuc(f.countAuc)}${f.modelAuc ? `, of a model weighting the criteria ${formatAuc(f.modelAuc)}` : ""}\n`;
    for (const m of f.missing) out += `  ${m}\n`;
  }

  if (r.comparison.rows.length > 0) {
    out += `\nframeworks side by side (AUC of the count of criteria met; differences paired, DeLong)\n`;
    const sc = r.comparison.scorecard;
    out += table(
      ["framework", "criteria", "AUC", `below ${r.comparison.best}`, ...(sc ? [`${sc.name} above it`] : [])],
      r.comparison.rows.map((x) => [
        x.framework,
        String(x.mapped),
        formatAuc(x.count),
        x.belowBest ? differenceText(x.belowBest.diff, x.belowBest.lo, x.belowBest.hi) : "best",
        ...(x.scorecardAbove ? [differenceText(x.scorecardAbove.diff, x.scorecardAbove.lo, x.scorecardAbove.hi)] : []),
      ]),
    );
    if (sc) out += `  ${sc.name}: AUC ${formatAuc(sc.auc)}\n`;
  }

  out += "\nverdicts\n";
  for (const v of r.verdicts) out += `  - ${v}\n`;
  for (const f of r.frameworks) for (const v of f.verdicts) out += `  - ${v}\n`;
  if (r.warnings.length > 0) {
    out += "\nwarnings\n";
    for (const w of r.warnings) out += `  - ${w}\n`;
  }
  return out;
}
