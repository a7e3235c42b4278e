import { hasFourDigitYear, parseDate } from "../data/parse-date";

/** Date formats seen in CRM exports, tried in this order after ISO 8601; those of two-digit years (`%y`, "02/23/26") come last. */
export const DATE_FORMATS = [
  "%m/%d/%Y",
  "%m/%d/%Y %H:%M",
  "%m/%d/%Y %H:%M:%S",
  "%m/%d/%Y %I:%M %p",
  "%d/%m/%Y",
  "%d/%m/%Y %H:%M",
  "%m-%d-%Y",
  "%m-%d-%Y %H:%M",
  "%d-%m-%Y",
  "%d-%m-%Y %H:%M",
  "%d.%m.%Y",
  "%d.%m.%Y %H:%M",
  "%Y/%m/%d",
  "%d-%b-%Y",
  "%b %d, %Y",
  "%B %d, %Y",
  "%d %b %Y",
  "%d %B %Y",
  "%m/%d/%y",
  "%m/%d/%y %H:%M",
  "%m/%d/%y %I:%M %p",
  "%d/%m/%y",
  "%d/%m/%y %H:%M",
  "%d.%m.%y",
  "%d-%b-%y",
] as const;

/**
 * The format every value parses with, in a year of four digits: `"ISO"` for ISO 8601, else the
 * first of {@link DATE_FORMATS} that reads them all (so `03/04/2026` alone reads as US
 * month/day, and `03/04/26` as the year 2026 with `%y`, not the year 26 with `%Y`), or
 * undefined when the values are not dates.
 *
 * @example
 * import { detectDateFormat } from "./date-format";
 * detectDateFormat(["2026-03-01", "2026-03-02 10:00:00"]); // => "ISO"
 * detectDateFormat(["31/01/2026"]); // => "%d/%m/%Y"
 * detectDateFormat(["02/23/26 08:55 PM"]); // => "%m/%d/%y %I:%M %p"
 * detectDateFormat(["soon"]); // => undefined
 */
export function detectDateFormat(values: readonly string[]): string | undefined {
  if (values.length === 0) return undefined;
  const reads = (format?: string) => values.every((v) => {
    const t = parseDate(v, format);
    return !Number.isNaN(t) && hasFourDigitYear(t);
  });
  if (reads()) return "ISO";
  return DATE_FORMATS.find((f) => reads(f));
}

/**
 * Whether month/day and day/month both read every value (all days are 12 or less), so the
 * choice of {@link detectDateFormat} is a guess to check.
 *
 * @example
 * import { dayMonthAmbiguous } from "./date-format";
 * dayMonthAmbiguous(["03/04/2026"], "%m/%d/%Y"); // => true
 */
export function dayMonthAmbiguous(values: readonly string[], format: string): boolean {
  const order = /^%m([/-])%d/.exec(format);
  if (!order) return false;
  const swapped = format.replace(`%m${order[1]}%d`, `%d${order[1]}%m`);
  return values.every((v) => !Number.isNaN(parseDate(v, swapped)));
}

/**
 * A value of a date column with a time of day but no UTC offset, if the column has one and no
 * value with an offset: such times are wall-clock times, read in the spec's `timezone:` (UTC
 * unless set), while CRMs export them in the exporting user's zone.
 *
 * @example
 * import { wallClockTime } from "./date-format";
 * wallClockTime(["3/5/2024 2:22 PM", "3/9/2024 11:45 AM"]); // => "3/5/2024 2:22 PM"
 * wallClockTime(["2024-03-05T14:22:00Z"]); // => undefined
 * wallClockTime(["2024-03-05"]); // => undefined
 */
export function wallClockTime(values: readonly string[]): string | undefined {
  if (values.some((v) => /\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|UTC|[+-]\d{2}(:?\d{2})?)$/i.test(v.trim()) && /\d:\d{2}/.test(v))) return undefined;
  return values.find((v) => /\d:\d{2}/.test(v));
}

