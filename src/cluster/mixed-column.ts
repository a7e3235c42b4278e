import type { DealTable } from "../data/deal-table";

/**
 * The kinds of persona attribute the clustering understands, declared once.
 *
 * @example
 * MIXED_KINDS.includes("multi"); // => true
 */
export const MIXED_KINDS = ["numeric", "categorical", "boolean", "multi"] as const;

/** How a column's values are compared. */
export type MixedKind = (typeof MIXED_KINDS)[number];

/**
 * One attribute column for clustering, with its values typed by kind:
 * - `numeric`: `Float64Array` (or numbers), `NaN` for missing
 * - `categorical`: `(string | null)[]`
 * - `boolean`: `(boolean | null)[]`
 * - `multi`: `(string[] | null)[]` — an empty array is a known empty set, `null` is missing
 */
export type MixedColumn =
  | { name: string; kind: "numeric"; values: ArrayLike<number> }
  | { name: string; kind: "categorical"; values: readonly (string | null)[] }
  | { name: string; kind: "boolean"; values: readonly (boolean | null)[] }
  | { name: string; kind: "multi"; values: readonly (readonly string[] | null)[] };

/**
 * How many rows have a value in at least one of the columns (a row missing everywhere cannot be
 * placed by the Gower distance, so it is not clustered).
 *
 * @example
 * import { rowsWithValues } from "./mixed-column";
 * rowsWithValues([{ name: "x", kind: "numeric", values: [1, NaN, NaN] }, { name: "c", kind: "categorical", values: [null, "a", null] }]); // => 2
 */
export function rowsWithValues(columns: readonly MixedColumn[]): number {
  const n = columns.length ? columns[0].values.length : 0;
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const known = columns.some((c) => (c.kind === "numeric" ? !Number.isNaN(c.values[i]) : c.values[i] !== null && c.values[i] !== undefined));
    if (known) rows++;
  }
  return rows;
}

/**
 * Checks a set of mixed columns and returns their common length. Throws naming the column,
 * the row and the value when a column is of the wrong shape.
 *
 * @example
 * checkMixedColumns([
 *   { name: "employees", kind: "numeric", values: Float64Array.from([10, NaN]) },
 *   { name: "industry", kind: "categorical", values: ["SaaS", null] },
 * ]); // => 2
 */
export function checkMixedColumns(columns: readonly MixedColumn[]): number {
  if (columns.length === 0) throw new Error("persona attributes: at least one column is required; got none");
  const n = columns[0].values.length;
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw new Error(`persona attributes: column "${c.name}" appears twice`);
    seen.add(c.name);
    if (!(MIXED_KINDS as readonly string[]).includes(c.kind))
      throw new Error(`persona attributes: column "${c.name}" has kind "${String(c.kind)}"; expected one of ${MIXED_KINDS.join(", ")}`);
    if (c.values.length !== n)
      throw new Error(`persona attributes: column "${c.name}" has ${c.values.length} values; "${columns[0].name}" has ${n}`);
    const bad = firstBadValue(c);
    if (bad >= 0)
      throw new Error(
        `persona attributes: column "${c.name}" (${c.kind}) has ${JSON.stringify((c.values as ArrayLike<unknown>)[bad])} at row ${bad}`,
      );
  }
  return n;
}

function firstBadValue(c: MixedColumn): number {
  const v = c.values as ArrayLike<unknown>;
  const ok: (x: unknown) => boolean =
    c.kind === "numeric"
      ? (x) => typeof x === "number"
      : c.kind === "categorical"
        ? (x) => x === null || typeof x === "string"
        : c.kind === "boolean"
          ? (x) => x === null || typeof x === "boolean"
          : (x) => x === null || (Array.isArray(x) && x.every((s) => typeof s === "string"));
  for (let i = 0; i < v.length; i++) if (!ok(v[i])) return i;
  return -1;
}

/**
 * The named attributes of a {@link DealTable} as mixed columns, optionally restricted to some
 * rows. Dates become numeric (epoch milliseconds). The table is not copied more than needed
 * and is never modified.
 *
 * @example
 * import { DealTable } from "leadlab";
 * const t = new DealTable({
 *   name: "demo", ids: ["a", "b"], won: Uint8Array.from([1, 1]),
 *   attributes: [{ name: "industry", type: "categorical", role: "firmographic", source: "spec", table: "deals" }],
 *   columns: { industry: ["SaaS", "Retail"] }, holdout: { by: "random", fraction: 0.25, seed: 7 },
 * });
 * mixedColumnsFromTable(t, ["industry"])[0].kind; // => "categorical"
 */
export function mixedColumnsFromTable(table: DealTable, names: readonly string[], rows?: ArrayLike<number>): MixedColumn[] {
  return names.map((name): MixedColumn => {
    const meta = table.attribute(name);
    const col = table.column(name);
    const pick = <T>(a: ArrayLike<T>): T[] => (rows ? Array.from(rows, (i) => a[i]) : Array.from(a));
    switch (meta.type) {
      case "numeric":
      case "date": {
        const f = col as Float64Array;
        return { name, kind: "numeric", values: rows ? Float64Array.from(rows, (i) => f[i]) : f };
      }
      case "categorical":
        return { name, kind: "categorical", values: rows ? pick(col as (string | null)[]) : (col as (string | null)[]) };
      case "boolean":
        return { name, kind: "boolean", values: rows ? pick(col as (boolean | null)[]) : (col as (boolean | null)[]) };
      case "multi":
        return { name, kind: "multi", values: rows ? pick(col as (string[] | null)[]) : (col as (string[] | null)[]) };
    }
  });
}
