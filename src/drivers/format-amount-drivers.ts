import { formatPValue } from "../format/p-value";
import type { AmountBin, AmountDriversResult } from "./amount-drivers";

const money = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "–");
const binText = (b: AmountBin) => `${b.label}: ${money(b.median)} [${money(b.lo)}–${money(b.hi)}] of ${b.n}`;

/**
 * The amount drivers as a ranked text table: attribute, Kruskal–Wallis H, q-value, the bins
 * with the highest and lowest median amount (among bins of 20+ deals when there are two), then
 * the verdict.
 *
 * @example
 * import { amountDrivers, formatAmountDrivers } from "leadlab";
 * // process.stdout.write(formatAmountDrivers(amountDrivers(table)));
 */
export function formatAmountDrivers(result: AmountDriversResult, top = Infinity): string {
  const lines = [`amount: ${result.n} won deals of the training part, median ${binText(result.overall).replace(/^[^:]*: /, "")}; q-values across ${result.attributes.length} attributes tested`];
  const shown = result.attributes.slice(0, top);
  const w = Math.max(9, ...shown.map((a) => a.name.length));
  lines.push(`  ${"attribute".padEnd(w)}  ${"H".padStart(7)}  ${"q".padStart(8)}  largest median · smallest median`);
  for (const a of shown) {
    const big = a.bins.filter((b) => b.n >= 20);
    const pool = big.length >= 2 ? big : a.bins;
    const hi = pool.reduce((x, y) => (y.median > x.median ? y : x), pool[0]);
    const lo = pool.reduce((x, y) => (y.median < x.median ? y : x), pool[0]);
    const h = Number.isFinite(a.h) ? a.h.toFixed(1) : "–";
    lines.push(`  ${a.name.padEnd(w)}  ${h.padStart(7)}  ${formatPValue(a.q).padStart(8)}  ${binText(hi)} · ${binText(lo)}${a.leakage ? ` · LEAKAGE? ${a.leakage}` : a.significant ? " · significant" : ""}`);
  }
  if (shown.length < result.attributes.length) lines.push(`  … ${result.attributes.length - shown.length} more (use --json for all)`);
  lines.push(result.verdict);
  return lines.join("\n") + "\n";
}
