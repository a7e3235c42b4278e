import { formatPercent } from "../format/percent";
import type { DriverAttribute, DriversResult } from "./drivers-result";
import { headlineBins } from "../stats/binning/headline-bins";

const binText = (b: DriverAttribute["binSet"]["bins"][number]) => `${b.label}: ${formatPercent(b.rate)} [${formatPercent(b.lo)}–${formatPercent(b.hi)}] of ${b.n}`;

/**
 * The drivers as a ranked text table for a terminal: attribute, information value, q-value,
 * the best and worst bin with rates and intervals (one, when the attribute does not split),
 * flags; then the verdict.
 *
 * @example
 * import { drivers, formatDrivers, loadDataset } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * formatDrivers(drivers(table)).split("\n").at(-2); // the verdict
 */
export function formatDrivers(result: DriversResult, top = Infinity): string {
  const lines: string[] = [];
  lines.push(`${result.target}: ${result.n} deals, ${result.event} rate ${formatPercent(result.baseRate)}; q-values across ${result.attributes.length} attributes tested`);
  const shown = result.attributes.slice(0, top);
  const w = Math.max(9, ...shown.map((a) => a.name.length));
  lines.push(`  ${"attribute".padEnd(w)}  ${"IV".padStart(5)}  ${"q".padStart(7)}  best bin · worst bin · flags`);
  for (const a of shown) {
    const { best, worst } = headlineBins(a.binSet) ?? {};
    const flags = [
      a.significant ? "significant" : "",
      a.leakage ? `LEAKAGE? ${a.leakage}${a.leakageKept ? " (kept)" : " (set aside)"}` : "",
      a.leakageQuestion ? `QUESTION: ${a.leakageQuestion}` : "",
      a.redundantWith.length ? `redundant with ${a.redundantWith.slice(0, 3).join(", ")}${a.redundantWith.length > 3 ? ", …" : ""}` : "",
    ].filter(Boolean);
    const q = Number.isFinite(a.q) ? (a.q < 1e-4 ? "<0.0001" : a.q.toFixed(4)) : "–";
    lines.push(`  ${a.name.padEnd(w)}  ${a.iv.toFixed(3).padStart(5)}  ${q.padStart(7)}  ${best ? binText(best) : "–"} · ${worst === best ? (best ? "(one bin: no split)" : "–") : binText(worst!)}${flags.length ? " · " + flags.join(" · ") : ""}`);
  }
  if (shown.length < result.attributes.length) lines.push(`  … ${result.attributes.length - shown.length} more (use --json for all)`);
  lines.push(result.verdict);
  return lines.join("\n") + "\n";
}
