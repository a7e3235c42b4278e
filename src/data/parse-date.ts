import { wallClockToInstant } from "./time-zone";

/** Month names as DuckDB's `strptime` reads them (any case): `%B` the full name, `%b` its first three letters. */
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i;

/**
 * Parses a date or timestamp into epoch milliseconds (UTC), or `NaN` when the text does not
 * match. Without a format, ISO 8601 (`2026-03-01`, `2026-03-01 14:05:00`, with `T`, `Z` or an
 * offset). A time with no offset is read in `timeZone` (an IANA name; default UTC). With a format, the strftime directives `%Y %y %m %d %e %H %I %M %S %f %p %b %B %j %%`
 * (the same meaning as DuckDB's `strptime`, so files and events parse alike). Written here
 * because the subset is small and a dependency would not match DuckDB's directives.
 *
 * @example
 * import { parseDate } from "./parse-date";
 * parseDate("2026-03-01"); // => 1772323200000
 * parseDate("03/01/2026", "%m/%d/%Y"); // => 1772323200000
 * parseDate("yesterday"); // => NaN
 * [parseDate("01 Mar 2026", "%d %b %Y"), parseDate("01 March 2026", "%d %B %Y"), parseDate("01 March 2026", "%d %b %Y")]; // => [1772323200000, 1772323200000, NaN]
 * parseDate("2026-03-01", undefined, "Asia/Tokyo"); // => 1772290800000
 */
export function parseDate(text: string, format?: string, timeZone = "UTC"): number {
  const s = text.trim();
  return format ? wallClockToInstant(parseWithFormat(s, format), timeZone) : parseIso(s, timeZone);
}

/**
 * Whether an instant falls in a year of four digits (1000 or later). A date before is no date a
 * CRM wrote: a two-digit year read by `%Y` ("02/03/24" is the year 24, as DuckDB reads it too) or
 * a placeholder ("0001-01-01").
 *
 * @example
 * import { hasFourDigitYear, parseDate } from "./parse-date";
 * [hasFourDigitYear(parseDate("02/03/2024", "%m/%d/%Y")), hasFourDigitYear(parseDate("02/03/24", "%m/%d/%Y"))]; // => [true, false]
 */
export function hasFourDigitYear(t: number): boolean {
  return new Date(t).getUTCFullYear() >= 1000;
}

function parseIso(s: string, timeZone: string): number {
  const m = ISO.exec(s);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const t = build(+y, +mo, +d, +(h ?? 0), +(mi ?? 0), +(sec ?? 0), ms);
  if (!zone) return wallClockToInstant(t, timeZone);
  if (Number.isNaN(t) || /^(z|utc)$/i.test(zone)) return t;
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return t - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return NaN;
  const t = utc(y, mo - 1, d, h, mi, s, ms);
  return new Date(t).getUTCDate() === d ? t : NaN; // rejects 2026-02-30
}

/**
 * `Date.UTC` of the year as written: `Date.UTC` reads the years 0 to 99 as 1900 to 1999, so "24"
 * under `%Y` would be 1924, where DuckDB's `strptime` reads the year 24.
 */
function utc(y: number, monthIndex: number, day: number, h: number, mi: number, s: number, ms: number): number {
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s, ms));
  date.setUTCFullYear(y, monthIndex, day);
  return date.getTime();
}

function parseWithFormat(s: string, format: string): number {
  let pos = 0;
  let y = 1970, mo = 1, d = 1, h = 0, mi = 0, sec = 0, ms = 0, pm: boolean | undefined, doy: number | undefined;
  const num = (maxDigits: number): number => {
    const m = new RegExp(`^\\s*(\\d{1,${maxDigits}})`).exec(s.slice(pos));
    if (!m) throw new Error();
    pos += m[0].length;
    return Number(m[1]);
  };
  try {
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      if (c !== "%") {
        if (s[pos] !== c) return NaN;
        pos++;
        continue;
      }
      const directive = format[++i];
      switch (directive) {
        case "Y": y = num(4); break;
        case "y": { const v = num(2); y = v < 69 ? 2000 + v : 1900 + v; break; }
        case "m": mo = num(2); break;
        case "d": case "e": d = num(2); break;
        case "H": h = num(2); break;
        case "I": h = num(2); break;
        case "M": mi = num(2); break;
        case "S": sec = num(2); break;
        case "f": { const m = /^\d{1,6}/.exec(s.slice(pos)); if (!m) return NaN; pos += m[0].length; ms = Math.round(Number(`0.${m[0]}`) * 1000); break; }
        case "j": doy = num(3); break;
        case "p": { const m = /^(am|pm)/i.exec(s.slice(pos)); if (!m) return NaN; pm = m[1].toLowerCase() === "pm"; pos += 2; break; }
        case "b": case "B": {
          // as DuckDB reads them: %b "Mar" (not "March"), %B "March" (not "Mar")
          const m = /^[a-z]+/i.exec(s.slice(pos));
          const word = m ? m[0].toLowerCase() : "";
          const idx = MONTHS.findIndex((name) => (directive === "b" ? name.slice(0, 3) === word : name === word));
          if (idx < 0) return NaN;
          mo = idx + 1; pos += word.length; break;
        }
        case "%": if (s[pos] !== "%") return NaN; pos++; break;
        default: return NaN;
      }
    }
  } catch {
    return NaN;
  }
  if (pos !== s.length) return NaN;
  if (pm !== undefined) h = (h % 12) + (pm ? 12 : 0);
  if (doy !== undefined) return utc(y, 0, doy, h, mi, sec, ms);
  return build(y, mo, d, h, mi, sec, ms);
}
