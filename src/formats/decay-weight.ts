/**
 * The units of a decayed count's event weight: each event's weight 2^(−age / h) is rounded to a
 * whole number of billionths (half up) before it is summed, so the sum is of whole numbers,
 * exact in a double up to nine million events, and the same in any order. Summed as doubles, the
 * weights gave sums that moved in the last bits with the order DuckDB's threads added them in,
 * run to run; now the loader, every exported SQL dialect and the runtime scorer add the same
 * whole numbers and divide once, by `DECAY_WEIGHT_UNITS`.
 *
 * @example
 * import { DECAY_WEIGHT_UNITS } from "./decay-weight";
 * DECAY_WEIGHT_UNITS; // => 1000000000
 */
export const DECAY_WEIGHT_UNITS = 1_000_000_000;

/**
 * One event's weight in a decayed count, in {@link DECAY_WEIGHT_UNITS}: 2^(−ageDays / halfLifeDays)
 * billionths, rounded half up, as the SQL `FLOOR(POWER(2, −age / h) * 1e9 + 0.5)` computes it.
 *
 * @example
 * import { decayWeightUnits } from "./decay-weight";
 * decayWeightUnits(7, 7); // => 500000000
 * decayWeightUnits(70, 7); // => 976563
 */
export function decayWeightUnits(ageDays: number, halfLifeDays: number): number {
  return Math.floor(2 ** (-ageDays / halfLifeDays) * DECAY_WEIGHT_UNITS + 0.5);
}
