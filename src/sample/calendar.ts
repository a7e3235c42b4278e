/**
 * Dates of the sample as whole days since 1970-01-01 (UTC), so that every computation is
 * integer arithmetic and every formatted date is the same on every machine.
 */

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of an ISO date.
 *
 * @example
 * import { dayNumber } from "./calendar";
 * dayNumber("1970-01-02"); // => 1
 */
export function dayNumber(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`dayNumber: "${iso}" is not an ISO date (yyyy-mm-dd)`);
  return Math.round(ms / MS_PER_DAY);
}

/**
 * The ISO date (yyyy-mm-dd) of a day number.
 *
 * @example
 * import { isoDate } from "./calendar";
 * isoDate(1); // => "1970-01-02"
 */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The last day of the sample's history: deals open on it stay open, retention is observed
 * until it.
 *
 * @example
 * import { HISTORY_END } from "./calendar";
 * HISTORY_END; // => "2026-09-30"
 */
export const HISTORY_END = "2026-09-30";

/**
 * The first day a sample deal can be created: three years before {@link HISTORY_END}.
 *
 * @example
 * import { HISTORY_START } from "./calendar";
 * HISTORY_START; // => "2023-10-01"
 */
export const HISTORY_START = "2023-10-01";
