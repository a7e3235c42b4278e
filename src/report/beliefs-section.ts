import type { BeliefsResult } from "../beliefs/test-beliefs";
import { formatCount } from "../format/count";
import { formatPValue } from "../format/p-value";
import { formatRateInterval } from "../format/rate-interval";
import { escapeHtml } from "./escape-html";
import { htmlTable } from "./html-table";
import type { ReportSection } from "./report-html";

const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "–");

/**
 * The report section on the team's beliefs: per claim its verdict and reason, the outcome with
 * and without the condition on the holdout, the lift with its interval and the q-value.
 *
 * @example
 * import { testBeliefs, readBeliefs, loadDataset } from "leadlab";
 * import { beliefsSection } from "./beliefs-section";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * beliefsSection(testBeliefs(table, readBeliefs("data/sample/beliefs.yaml"))).title; // => "The team's beliefs, checked"
 */
export function beliefsSection(result: BeliefsResult): ReportSection {
  const count = (v: string) => result.beliefs.filter((b) => b.verdict === v).length;
  const table = htmlTable({
    caption: `Each claim on the holdout (${result.holdout}); q-values across the ${result.beliefs.length} claims`,
    head: ["Verdict", "Claim", "Condition", "Predicts", "With", "Without", "Lift", "q", "Why"],
    rows: result.beliefs.map((b) => [
      b.verdict,
      b.claim ? `${b.name}: ${b.claim}${b.by ? ` (${b.by})` : ""}` : b.name,
      // the condition as beliefs.yaml states it: code, copied as is
      { html: `<code>${escapeHtml(b.condition)}</code> ${escapeHtml(b.direction)}` },
      b.predicts,
      formatRateInterval(b.with.rate, b.with.lo, b.with.hi) + ` of ${formatCount(b.with.n)}`,
      formatRateInterval(b.without.rate, b.without.lo, b.without.hi) + ` of ${formatCount(b.without.n)}`,
      `×${ratio(b.lift.value)} [${ratio(b.lift.lo)}–${ratio(b.lift.hi)}]`,
      formatPValue(b.q),
      b.reason,
    ]),
    numeric: [4, 5, 6, 7],
    rowClasses: result.beliefs.map((b) => (b.verdict === "contradicted" ? "leak" : undefined)),
  });
  const summary = `<p>${escapeHtml(`${count("confirmed")} confirmed, ${count("contradicted")} contradicted, ${count("unclear")} unclear. Confirmed: q < ${result.fdr} and the interval of the lift on the claimed side of 1; contradicted: on the other side; unclear: too few deals (under ${result.minDeals} on a side) or not decided by the data.`)}</p>`;
  return { title: "The team's beliefs, checked", html: summary + table };
}
