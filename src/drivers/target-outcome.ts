import { timeOrder } from "../stats/log-rank";
import type { DealTable } from "../data/deal-table";
import { gatherFlags, gatherNumbers } from "../data/typed-column";
import type { ResolvedDriversOptions } from "./drivers-options";

/** The outcome a drivers analysis explains, over the rows it uses. */
export interface TargetOutcome {
  /** Table rows analysed (won deals with known retention for `retained`). */
  rows: Int32Array;
  /** 1 / 0 per analysed row. */
  y: Uint8Array;
  /** What a "1" is, in words ("won", "retained 365 days"). */
  event: string;
  /** Survival form only: the customers followed (`rows`), their days observed and whether they churned, and `byDays`, the customers in order of days ({@link timeOrder}, for the log-rank tests of every attribute). */
  survival?: { rows: Int32Array; days: Float64Array; churned: Uint8Array; byDays: Int32Array };
  /** Rows left out and why. */
  leftOut: { reason: string; rows: number }[];
}

/**
 * The 0/1 outcome of a target over the chosen rows. `won`: every closed deal. `retained`: one
 * row per customer (its first won deal; later ones would repeat its retention). Flag form:
 * customers whose flag is known. Survival form: won deals still customers `horizonDays`
 * after the start (1), or churned before it (0); deals censored before the horizon are left out
 * of the rates (counted) but kept for the Kaplan–Meier curves.
 *
 * @example
 * import { DealTable, resolveDriversOptions } from "leadlab";
 * import { targetOutcome } from "./target-outcome";
 * const t = new DealTable({ name: "d", ids: ["a", "b"], won: Uint8Array.from([1, 0]), attributes: [], columns: {}, holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * Array.from(targetOutcome(t, resolveDriversOptions({}, 2)).y); // => [1, 0]
 */
export function targetOutcome(table: DealTable, o: ResolvedDriversOptions): TargetOutcome {
  if (o.target === "won") return { rows: o.rows, y: gatherFlags(table.won, o.rows), event: "won", leftOut: [] };
  const ret = table.retention;
  if (!ret) throw new Error("drivers: the dataset has no retention; add `retention:` to dataset.yaml to analyse the target `retained`");
  const wonRows = Array.from(o.rows).filter((r) => table.won[r] === 1);
  const lost = o.rows.length - wonRows.length;
  const leftOut = lost ? [{ reason: "not won (retention is about customers)", rows: lost }] : [];
  // One row per customer: a customer's later won deals repeat its retention and would count it twice.
  const first = new Map<string, number>();
  const when = (r: number) => table.createdAt?.[r] ?? table.closedAt?.[r] ?? r;
  const won = wonRows.filter((r) => {
    const k = ret.key[r];
    if (k === null) return true;
    const prev = first.get(k);
    if (prev === undefined || when(r) < when(prev)) first.set(k, r);
    return true;
  }).filter((r) => ret.key[r] === null || first.get(ret.key[r]!) === r);
  if (wonRows.length - won.length) leftOut.push({ reason: "later won deals of the same customer (retention is counted once per customer, on the first won deal)", rows: wonRows.length - won.length });
  if (ret.form === "flag") {
    const known = won.filter((r) => ret.retained[r] !== null);
    if (won.length - known.length) leftOut.push({ reason: "retention unknown", rows: won.length - known.length });
    return { rows: Int32Array.from(known), y: Uint8Array.from(known, (r) => (ret.retained[r] ? 1 : 0)), event: "retained", leftOut };
  }
  const h = o.horizonDays;
  const known = won.filter((r) => !Number.isNaN(ret.days[r]));
  if (won.length - known.length) leftOut.push({ reason: "no contract start or retention row", rows: won.length - known.length });
  const decided = known.filter((r) => ret.days[r] >= h || ret.churned[r] === 1);
  if (known.length - decided.length) leftOut.push({ reason: `observed less than ${h} days and not churned (kept in survival curves)`, rows: known.length - decided.length });
  const days = gatherNumbers(ret.days, known);
  return {
    rows: Int32Array.from(decided),
    y: Uint8Array.from(decided, (r) => (ret.days[r] >= h ? 1 : 0)),
    event: `retained ${h} days`,
    survival: { rows: Int32Array.from(known), days, churned: gatherFlags(ret.churned, known), byDays: timeOrder(days) },
    leftOut,
  };
}
