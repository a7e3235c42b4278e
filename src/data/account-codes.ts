import type { DealTable } from "./deal-table";

/**
 * The account (the table's `groups`) of each of the given rows as a code, 0, 1, … in order of
 * first appearance, −1 where the key is missing (a cluster of its own); undefined when the table
 * does not group deals. What the design effects of grouped deals read.
 *
 * @example
 * import { DealTable } from "leadlab";
 * import { accountCodes } from "./account-codes";
 * const t = new DealTable({ name: "d", ids: ["a", "b", "c"], won: Uint8Array.from([1, 0, 1]), attributes: [], columns: {},
 *   holdout: { by: "random", fraction: 0.25, seed: 1 }, groups: { column: "account_id", keys: ["X", null, "X"] } });
 * Array.from(accountCodes(t, [0, 1, 2])!); // => [0, -1, 0]
 */
export function accountCodes(table: DealTable, rows: ArrayLike<number>): Int32Array | undefined {
  if (!table.groups) return undefined;
  const keys = table.groups.keys;
  const index = new Map<string, number>();
  return Int32Array.from(rows, (r) => {
    const k = keys[r];
    if (k === null) return -1;
    if (!index.has(k)) index.set(k, index.size);
    return index.get(k)!;
  });
}
