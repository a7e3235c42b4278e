import { formatCount } from "../format/count";
import { formatPercent } from "../format/percent";
import { formatPValue } from "../format/p-value";
import type { BeliefRate, BeliefsResult } from "./test-beliefs";

const rateText = (r: BeliefRate) => `${formatPercent(r.rate)} [${formatPercent(r.lo)}–${formatPercent(r.hi)}] of ${formatCount(r.n)}`;
const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : x === Infinity ? "∞" : "–");

/**
 * The tested beliefs as text for a terminal: per claim its verdict and reason, the rate with and
 * without the condition, the lift with its interval, p and q.
 *
 * @example
 * import { formatBeliefs } from "leadlab";
 * // process.stdout.write(formatBeliefs(testBeliefs(table, readBeliefs("beliefs.yaml"))));
 */
export function formatBeliefs(result: BeliefsResult): string {
  const lines = [`${result.beliefs.length} beliefs tested on the holdout of ${result.dataset} (${result.holdout}); q-values across the claims`];
  for (const b of result.beliefs) {
    lines.push(`  ${b.verdict.toUpperCase().padEnd(12)} ${b.name}: ${b.condition} ${b.direction} ${b.predicts === "won" ? "the win rate" : "retention"}${b.by ? ` (${b.by})` : ""}`);
    lines.push(`               ${b.predicts} with ${rateText(b.with)} · without ${rateText(b.without)} · lift ${ratio(b.lift.value)} [${ratio(b.lift.lo)}–${ratio(b.lift.hi)}] · p ${formatPValue(b.p)} · q ${formatPValue(b.q)}${b.designEffect > 1 ? ` · design effect ${b.designEffect.toFixed(2)}` : ""}`);
    lines.push(`               ${b.reason}${b.unknown ? `; ${b.unknown} deals with a missing value left out` : ""}`);
  }
  const count = (v: string) => result.beliefs.filter((b) => b.verdict === v).length;
  lines.push(`${count("confirmed")} confirmed, ${count("contradicted")} contradicted, ${count("unclear")} unclear`);
  return lines.join("\n") + "\n";
}
