import { nearestName } from "../formats/nearest-name";

/*
 * Reading wall-clock times in a time zone. The zone rules come from the platform's ICU (Intl),
 * the same library DuckDB reads naive timestamps with, so deal dates (parsed here) and event
 * times (parsed by DuckDB) agree; the conversion on top of Intl is a few lines, which is why
 * no date library is used.
 */

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The canonical IANA name of a time zone (as Intl spells it: `america/new_york` →
 * `America/New_York`), or `undefined` when it is not one. Offsets such as `+09:00` are not
 * zone names.
 *
 * @example
 * import { canonicalTimeZone } from "./time-zone";
 * canonicalTimeZone("asia/tokyo"); // => "Asia/Tokyo"
 * canonicalTimeZone("Mars/Base"); // => undefined
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (!/^[A-Za-z]/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * The IANA zone names nearest to a misspelt one, for a "did you mean" in messages.
 *
 * @example
 * import { nearestTimeZone } from "./time-zone";
 * nearestTimeZone("Europe/Pari"); // => "Europe/Paris"
 */
export function nearestTimeZone(name: string): string | undefined {
  // Intl.supportedValuesOf is ES2022's Intl API, newer than the `lib` TypeScript is given here.
  const zones = (Intl as unknown as { supportedValuesOf(key: "timeZone"): string[] }).supportedValuesOf("timeZone");
  return nearestName(name, ["UTC", ...zones]);
}

/** The offset of a zone from UTC at an instant, in milliseconds (local minus UTC). */
function offsetAt(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(instant)) part[p.type] = Number(p.value);
  const local = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
  return local - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant (epoch ms) of a wall-clock time in a zone, the wall clock given as if it were UTC
 * (what `Date.UTC` or a naive parse returns). A time that happens twice when clocks go back is
 * the later one, and a time skipped when they go forward is read with the offset before the
 * change: both as DuckDB (ICU) does, so events and deals agree.
 *
 * @example
 * import { wallClockToInstant } from "./time-zone";
 * new Date(wallClockToInstant(Date.UTC(2026, 0, 15, 9, 0), "Asia/Tokyo")).toISOString(); // => "2026-01-15T00:00:00.000Z"
 */
export function wallClockToInstant(wall: number, timeZone: string): number {
  if (!Number.isFinite(wall) || timeZone === "UTC") return wall;
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const early = wall - before;
  const late = wall - after;
  const earlyValid = offsetAt(early, timeZone) === before;
  const lateValid = offsetAt(late, timeZone) === after;
  if (earlyValid && lateValid) return Math.max(early, late);
  return lateValid && !earlyValid ? late : early;
}

/**
 * The calendar date (YYYY-MM-DD) of an instant in a zone: a deal closed on 2026-01-10 in Tokyo
 * is reported as closed on 2026-01-10, not on the UTC date of that instant.
 *
 * @example
 * import { dateInZone } from "./time-zone";
 * dateInZone(Date.UTC(2026, 0, 9, 15), "Asia/Tokyo"); // => "2026-01-10"
 * dateInZone(Date.UTC(2026, 0, 9, 15), "UTC"); // => "2026-01-09"
 */
export function dateInZone(instant: number, timeZone: string): string {
  let format = dateFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatters.set(timeZone, format);
  }
  const part: Record<string, string> = {};
  for (const p of format.formatToParts(instant)) part[p.type] = p.value;
  return `${part.year.padStart(4, "0")}-${part.month}-${part.day}`;
}
