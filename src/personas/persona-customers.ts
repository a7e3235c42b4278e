import { CUSTOMER_SETS, type CustomerSet } from "../formats/vocabulary";
import type { DealTable } from "../data/deal-table";
import { resolveDriversOptions } from "../drivers/drivers-options";
import { targetOutcome } from "../drivers/target-outcome";
import { RETENTION_HORIZON_DAYS } from "../stats/kaplan-meier";

/** The customers of a table, as rows of it. */
export interface PersonaCustomers {
  /** The set that is clustered. */
  set: CustomerSet;
  /** Table rows of the customers clustered, increasing. */
  rows: Int32Array;
  /** Every won customer (one row per customer), increasing. */
  wonRows: Int32Array;
  /** Won customers whose retention at the horizon is decided, and whether each was retained. */
  retention?: { rows: Int32Array; y: Uint8Array; event: string };
  /** What a customer is, in words. */
  definition: string;
  /** Rows left out of the clustered set and why. */
  leftOut: { reason: string; rows: number }[];
}

/**
 * The customers of a deal table, one row each. Without retention, a customer is a won deal.
 * With retention, a customer is a retention key (an account) and its row is its **first** won
 * deal, by the same rule as the `retained` target of `drivers` (`targetOutcome`): earliest
 * created (else closed) date, deals without a key counting alone. `retained` keeps the
 * customers known to be retained at the horizon (flag form: the flag; survival form: still a
 * customer `horizonDays` after the contract start); customers not yet observed that long are
 * left out and counted. Throws when `retained` is asked of a table without retention.
 *
 * @example
 * import { DealTable } from "leadlab";
 * import { personaCustomers } from "./persona-customers";
 * const t = new DealTable({
 *   name: "d", ids: ["a", "b", "c"], won: Uint8Array.from([1, 1, 0]), attributes: [], columns: {},
 *   retention: { form: "flag", key: ["x", "x", "y"], retained: [true, true, null] },
 *   holdout: { by: "random", fraction: 0.25, seed: 1 },
 * });
 * Array.from(personaCustomers(t, "won").rows); // => [0] (account x's first won deal)
 */
export function personaCustomers(table: DealTable, set: CustomerSet, horizonDays = RETENTION_HORIZON_DAYS): PersonaCustomers {
  if (!CUSTOMER_SETS.includes(set)) throw new Error(`personas: customers must be one of ${CUSTOMER_SETS.join(", ")}; got ${String(set)}`);
  const ret = table.retention;
  if (set === "retained" && !ret)
    throw new Error('personas: customers "retained" needs retention; add `retention:` to dataset.yaml or use customers "won"');
  const won: number[] = [];
  for (let r = 0; r < table.n; r++) if (table.won[r] === 1) won.push(r);
  if (!ret) {
    return { set, rows: Int32Array.from(won), wonRows: Int32Array.from(won), definition: "every won deal", leftOut: [] };
  }
  // the first won deal per customer key, as targetOutcome chooses it
  const first = new Map<string, number>();
  const when = (r: number) => table.createdAt?.[r] ?? table.closedAt?.[r] ?? r;
  for (const r of won) {
    const k = ret.key[r];
    if (k === null) continue;
    const prev = first.get(k);
    if (prev === undefined || when(r) < when(prev)) first.set(k, r);
  }
  const wonRows = Int32Array.from(won.filter((r) => ret.key[r] === null || first.get(ret.key[r]!) === r));
  const outcome = targetOutcome(table, resolveDriversOptions({ target: "retained", horizonDays }, table.n));
  const retention = { rows: outcome.rows, y: outcome.y, event: outcome.event };
  const later = won.length - wonRows.length;
  const leftOut = later ? [{ reason: "later won deals of the same customer (one row per customer: its first won deal)", rows: later }] : [];
  if (set === "won") return { set, rows: wonRows, wonRows, retention, definition: "the first won deal of every customer", leftOut };
  const kept = Int32Array.from(outcome.rows.filter((_, i) => outcome.y[i] === 1)).sort();
  const undecided = wonRows.length - outcome.rows.length;
  if (undecided) leftOut.push({ reason: `customers whose retention is not known yet (observed less than ${horizonDays} days, or no retention row)`, rows: undecided });
  const churned = outcome.rows.length - kept.length;
  if (churned) leftOut.push({ reason: `customers not ${outcome.event}`, rows: churned });
  return { set, rows: kept, wonRows, retention, definition: `the first won deal of every customer ${outcome.event}`, leftOut };
}

