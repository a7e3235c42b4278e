import { DealTable, type AttributeMeta } from "../../src/data/deal-table";
import { seededRandom } from "../../src/stats/random";

/**
 * A small seeded deal table with three well separated kinds of buyer (agencies, SaaS, banks)
 * over mixed attributes, plus a noise column; one deal per account, retention in the flag form.
 * Agencies win often and churn; banks rarely win.
 */
export function syntheticTable(n = 600, seed = 7): DealTable {
  const r = seededRandom(seed);
  const group = Int32Array.from({ length: n }, () => Math.floor(r() * 3));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const industries = ["Marketing & Advertising", "Software", "Financial Services"];
  const employees = [30, 600, 20000];
  const stacks = [["HubSpot"], ["Salesforce", "Slack"], ["Salesforce"]];
  const winRate = [0.7, 0.5, 0.2];
  const retainRate = [0.5, 0.9, 0.95];
  const won = Uint8Array.from(group, (g) => (r() < winRate[g] ? 1 : 0));
  const attributes: AttributeMeta[] = [
    { name: "industry", type: "categorical", role: "firmographic", source: "spec", table: "accounts" },
    { name: "employees", type: "numeric", role: "firmographic", source: "spec", table: "accounts" },
    { name: "tech_stack", type: "multi", role: "firmographic", source: "spec", table: "accounts", separator: ";" },
    { name: "founder_led", type: "boolean", role: "demographic", source: "spec", table: "deals" },
    { name: "colour", type: "categorical", role: "firmographic", source: "spec", table: "accounts" },
    { name: "budget_confirmed", type: "boolean", role: "qualification", source: "spec", table: "deals" },
  ];
  return new DealTable({
    name: "synthetic",
    ids: Array.from(group, (_, i) => `D${String(i + 1).padStart(4, "0")}`),
    won,
    createdAt: Float64Array.from(group, (_, i) => Date.UTC(2025, 0, 1) + i * 86_400_000),
    amount: Float64Array.from(group, (g) => [5000, 20000, 80000][g] * (0.8 + 0.4 * r())),
    attributes,
    columns: {
      industry: Array.from(group, (g) => (r() < 0.9 ? industries[g] : pick(industries))),
      employees: Float64Array.from(group, (g) => (r() < 0.05 ? NaN : Math.round(employees[g] * Math.exp(0.3 * (r() - 0.5))))),
      tech_stack: Array.from(group, (g) => [...stacks[g]].filter(() => r() < 0.9)),
      founder_led: Array.from(group, (g) => r() < [0.9, 0.1, 0.05][g]),
      colour: Array.from(group, () => pick(["red", "green", "blue"])),
      budget_confirmed: Array.from(group, () => r() < 0.5),
    },
    retention: {
      form: "flag",
      key: Array.from(group, (_, i) => `A${i}`),
      retained: Array.from(group, (g, i) => (won[i] ? r() < retainRate[g] : null)),
    },
    holdout: { by: "random", fraction: 0.25, seed: 1 },
  });
}

/** The true group of each row of {@link syntheticTable} (same n and seed). */
export function syntheticGroups(n = 600, seed = 7): Int32Array {
  const r = seededRandom(seed);
  return Int32Array.from({ length: n }, () => Math.floor(r() * 3));
}
