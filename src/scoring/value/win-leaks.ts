import type { DealTable } from "../../data/deal-table";

/**
 * The attributes the win drivers set aside as leakage (and the user did not keep), which the
 * amount card does not take, handed from the thread that finds them to the thread that fits the
 * amount card, which may be a side worker started before they were known: shared memory in which
 * slot 0 says whether they were written, and slot 1 + i whether the table's attribute i is one.
 */
export type WinLeaks = Int32Array;

/**
 * A hand-off of the win drivers' leaking attributes for `table`: written at once when `drivers`
 * (the win drivers) are given, else later by {@link handOverWinLeaks}.
 *
 * @example
 * import { DealTable } from "leadlab";
 * import { receiveWinLeaks, winLeaks } from "./win-leaks";
 * const t = new DealTable({ name: "d", ids: ["a"], won: Uint8Array.from([1]), attributes: [{ name: "stage_reason", type: "categorical", role: "qualification", source: "spec", table: "deals" }], columns: { stage_reason: ["x"] }, holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * const drivers = { attributes: [{ attribute: "stage_reason", leakage: "filled in for one outcome only", leakageKept: false }] };
 * [...receiveWinLeaks(winLeaks(t, drivers), t)]; // => ["stage_reason"]
 */
export function winLeaks(table: DealTable, drivers?: { attributes: readonly LeakFlags[] }): WinLeaks {
  const leaks = new Int32Array(new SharedArrayBuffer(4 * (1 + table.attributes.length)));
  if (drivers) handOverWinLeaks(leaks, table, drivers);
  return leaks;
}

/** What {@link handOverWinLeaks} reads of a driver (a `DriverAttribute` of the win drivers). */
interface LeakFlags {
  attribute: string;
  leakage: string | null;
  leakageKept: boolean;
}

/** Writes the win drivers' leaking attributes into the hand-off and wakes a thread waiting for them. */
export function handOverWinLeaks(leaks: WinLeaks, table: DealTable, drivers: { attributes: readonly LeakFlags[] }): void {
  const leaking = new Set(drivers.attributes.filter((a) => a.leakage !== null && !a.leakageKept).map((a) => a.attribute));
  table.attributes.forEach((a, i) => (leaks[1 + i] = leaking.has(a.name) ? 1 : 0));
  Atomics.store(leaks, 0, 1);
  Atomics.notify(leaks, 0);
}

/** The win drivers' leaking attributes, by name: waits until they are handed over. */
export function receiveWinLeaks(leaks: WinLeaks, table: DealTable): Set<string> {
  Atomics.wait(leaks, 0, 0);
  return new Set(table.attributes.flatMap((a, i) => (leaks[1 + i] === 1 ? [a.name] : [])));
}
