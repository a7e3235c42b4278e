import { compareText } from "./compare-text";
import type { Column, DealTable } from "./deal-table";
import { dateInZone } from "./time-zone";
import { countDistinct, countMissing } from "./typed-column";

/** A value (or numeric range) of an attribute with its deal count and win rate. */
export interface ValueWinRate {
  value: string;
  n: number;
  wins: number;
  winRate: number;
}

/** One attribute's profile. */
export interface AttributeProfile {
  name: string;
  type: string;
  role: string;
  /** Share of deals with a missing value. */
  missing: number;
  distinct: number;
  /** Win rate by the most frequent values (numeric: by quartile range). */
  top: ValueWinRate[];
}

/**
 * A first look at every attribute: type, role, missing share, distinct values and the win
 * rate by its most frequent values (numeric attributes: by quartile range). Raw rates with
 * no interval: a first look, not evidence (the drivers are).
 *
 * @example
 * import { DealTable, profileTable } from "leadlab";
 * const t = new DealTable({ name: "d", ids: ["a", "b", "c"], won: Uint8Array.from([1, 0, 1]),
 *   attributes: [{ name: "tier", type: "categorical", role: "product", source: "spec", table: "deals" }],
 *   columns: { tier: ["Pro", "Basic", "Pro"] }, holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * profileTable(t)[0].top[0]; // => { value: "Pro", n: 2, wins: 2, winRate: 1 }
 */
export function profileTable(table: DealTable, topN = 3): AttributeProfile[] {
  return table.attributes.map((a) => {
    const column = table.columns[a.name];
    return {
      name: a.name,
      type: a.type,
      role: a.role,
      missing: table.n ? countMissing(column) / table.n : 0,
      distinct: countDistinct(column),
      top: a.type === "numeric" || a.type === "date" ? byQuartile(column as Float64Array, table.won, a.type === "date" ? table.sources?.timeZone ?? "UTC" : undefined) : byValue(column, table.won, topN),
    };
  });
}

function byValue(column: Column, won: Uint8Array, topN: number): ValueWinRate[] {
  const stats = new Map<string, [number, number]>();
  (column as unknown[]).forEach((v, i) => {
    const values = v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
    for (const key of values) {
      const s = stats.get(key) ?? [0, 0];
      s[0]++;
      s[1] += won[i];
      stats.set(key, s);
    }
  });
  return [...stats]
    .sort((a, b) => b[1][0] - a[1][0] || compareText(a[0], b[0]))
    .slice(0, topN)
    .map(([value, [n, wins]]) => ({ value, n, wins, winRate: wins / n }));
}

/** Win rates by quartile range; a date column's ranges as calendar dates in `timeZone` (the dataset's). */
function byQuartile(column: Float64Array, won: Uint8Array, timeZone?: string): ValueWinRate[] {
  const values = Array.from(column).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (values.length === 0) return [];
  const q = (p: number) => values[Math.min(values.length - 1, Math.floor(p * values.length))];
  const cuts = [...new Set([q(0.25), q(0.5), q(0.75)])];
  const fmt = (x: number) => (timeZone ? dateInZone(x, timeZone) : Number(x.toPrecision(4)).toLocaleString("en-US"));
  const groups = Array.from({ length: cuts.length + 1 }, (_, g) => ({
    value: g === 0 ? `< ${fmt(cuts[0])}` : g === cuts.length ? `≥ ${fmt(cuts[g - 1])}` : `${fmt(cuts[g - 1])}–${fmt(cuts[g])}`,
    n: 0,
    wins: 0,
    winRate: NaN,
  }));
  column.forEach((x, i) => {
    if (Number.isNaN(x)) return;
    let g = 0;
    while (g < cuts.length && x >= cuts[g]) g++;
    groups[g].n++;
    groups[g].wins += won[i];
  });
  return groups.filter((g) => g.n > 0).map((g) => ({ ...g, winRate: g.wins / g.n }));
}
