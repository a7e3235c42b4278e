import type { DealTable } from "../data/deal-table";
import type { PersonaClustering } from "./cluster-personas";
import type { PersonaCustomers } from "./persona-customers";

/**
 * What a customer brings and keeps: the amount of its first won deal when it is retained at
 * the horizon, else 0. Without retention in the table every won customer counts as kept;
 * without amounts every kept customer counts 1 (the ranking is then by kept customers).
 * A missing amount counts 0.
 *
 * @example
 * import { DealTable } from "leadlab";
 * import { personaCustomers } from "./persona-customers";
 * import { customerRetainedRevenue } from "./retained-revenue";
 * const t = new DealTable({
 *   name: "d", ids: ["a", "b", "c"], won: Uint8Array.from([1, 1, 0]), attributes: [], columns: {},
 *   amount: Float64Array.from([100, 250, 900]), holdout: { by: "random", fraction: 0.25, seed: 1 },
 * });
 * Array.from(customerRetainedRevenue(t, personaCustomers(t, "won"))); // => [100, 250]
 */
export function customerRetainedRevenue(table: DealTable, customers: Pick<PersonaCustomers, "rows" | "retention">): Float64Array {
  const retained = new Map<number, number>();
  if (customers.retention) customers.retention.rows.forEach((r, i) => retained.set(r, customers.retention!.y[i]));
  return Float64Array.from(customers.rows, (r) => {
    const kept = customers.retention ? (retained.get(r) ?? 0) : 1;
    if (!table.amount) return kept;
    const amount = table.amount[r];
    return Number.isNaN(amount) ? 0 : kept * amount;
  });
}

/**
 * A clustering with its clusters renumbered by the retained revenue of their customers, largest
 * first (ties: the earlier cluster first), the clusters flagged `last` after all others (each
 * group by revenue); that revenue per cluster in the new order; and `renumber`, which maps an
 * old cluster number to the new one (-1 stays -1). Labels, medoids, sizes, silhouettes and
 * stabilities follow the new numbering.
 *
 * @example
 * import { rankByRetainedRevenue } from "./retained-revenue";
 * const c = { labels: Int32Array.from([0, 0, 1, -1]), medoids: Int32Array.from([0, 2]), sizes: [2, 1], clusterSilhouette: [0.3, 0.5], clusterStability: [0.9, 0.8] };
 * const ranked = rankByRetainedRevenue(c, Float64Array.from([10, 20, 500, 7]));
 * [Array.from(ranked.clustering.labels), ranked.revenue]; // => [[1, 1, 0, -1], [500, 30]]
 * rankByRetainedRevenue(c, Float64Array.from([10, 20, 500, 7]), [false, true]).revenue; // => [30, 500]
 */
export function rankByRetainedRevenue<C extends Pick<PersonaClustering, "labels" | "medoids" | "sizes" | "clusterSilhouette" | "clusterStability">>(
  clustering: C,
  revenue: ArrayLike<number>,
  last: readonly boolean[] = [],
): { clustering: C; revenue: number[]; renumber: (label: number) => number } {
  const k = clustering.sizes.length;
  const total = new Array<number>(k).fill(0);
  clustering.labels.forEach((l, i) => {
    if (l >= 0) total[l] += revenue[i];
  });
  const group = (c: number) => (last[c] ? 1 : 0);
  const order = total.map((_, c) => c).sort((a, b) => group(a) - group(b) || total[b] - total[a] || a - b);
  const rank = new Int32Array(k);
  order.forEach((c, at) => (rank[c] = at));
  const pick = <T>(xs: readonly T[]) => order.map((c) => xs[c]);
  const renumber = (l: number) => (l < 0 ? l : rank[l]);
  return {
    renumber,
    clustering: {
      ...clustering,
      labels: Int32Array.from(clustering.labels, renumber),
      medoids: Int32Array.from(order, (c) => clustering.medoids[c]),
      sizes: pick(clustering.sizes),
      clusterSilhouette: pick(clustering.clusterSilhouette),
      clusterStability: pick(clustering.clusterStability),
    },
    revenue: pick(total),
  };
}
