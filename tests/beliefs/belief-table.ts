import { DealTable, type AttributeMeta, type Column } from "../../src/data/deal-table";
import { seededRandom } from "../../src/stats/random";

export const meta = (name: string, type: AttributeMeta["type"]): AttributeMeta => ({ name, type, role: "firmographic", source: "spec", table: "deals" });

/**
 * A seeded table with planted truths, split at random (half held out):
 * `demo` (count 0–3): one or more raises the win rate 0.35 → 0.6; `seniority` = Manager lowers
 * it (0.25 against 0.5 for the other levels); `noise` (0–999) and `tools` are independent;
 * `rare` is true on 0.3 % of deals; `champion` raises retention among won deals (0.6 → 0.9);
 * the amount is 5,000 + 2,000 per demo request + `noise`.
 */
export function plantedBeliefTable(n: number, seed: number): DealTable {
  const rand = seededRandom(seed);
  const demo = new Float64Array(n);
  const noise = new Float64Array(n);
  const seniority: (string | null)[] = [];
  const rare: (boolean | null)[] = [];
  const champion: (boolean | null)[] = [];
  const tools: (string[] | null)[] = [];
  const won = new Uint8Array(n);
  const retained: (boolean | null)[] = [];
  for (let i = 0; i < n; i++) {
    demo[i] = rand() < 0.4 ? 1 + Math.floor(rand() * 3) : 0;
    noise[i] = Math.floor(rand() * 1000);
    const s = ["VP", "Director", "Manager"][Math.floor(rand() * 3)];
    seniority.push(rand() < 0.05 ? null : s);
    rare.push(rand() < 0.003);
    champion.push(rand() < 0.5);
    tools.push(rand() < 0.5 ? ["Salesforce", "Slack"] : ["HubSpot"]);
    const p = s === "Manager" ? 0.25 : demo[i] >= 1 ? 0.6 : 0.35;
    won[i] = rand() < p ? 1 : 0;
    retained.push(won[i] ? rand() < (champion[i] ? 0.9 : 0.6) : null);
  }
  const columns: Record<string, Column> = { demo, noise, seniority, rare, champion, tools };
  const amount = Float64Array.from(demo, (d, i) => 5000 + 2000 * d + noise[i]);
  return new DealTable({
    name: "planted-beliefs",
    ids: Array.from({ length: n }, (_, i) => `D${i}`),
    won,
    amount,
    attributes: [meta("demo", "numeric"), meta("noise", "numeric"), meta("seniority", "categorical"), meta("rare", "boolean"), meta("champion", "boolean"), meta("tools", "multi")],
    columns,
    retention: { form: "flag", key: Array.from({ length: n }, (_, i) => `A${i}`), retained },
    holdout: { by: "random", fraction: 0.5, seed: 3 },
  });
}
