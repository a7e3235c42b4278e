/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or
 * leading/trailing space (which a reader would otherwise trim); `null` is an empty field.
 *
 * @example
 * import { csvField } from "leadlab";
 * csvField('is "Software"'); // => '"is ""Software"""'
 */
export function csvField(text: string | null): string {
  if (text === null) return "";
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One CSV line (RFC 4180): cells joined by commas, a cell quoted when it holds a comma, a quote,
 * a line break or leading/trailing space; numbers as written by `String`.
 *
 * @example
 * import { csvLine } from "leadlab";
 * csvLine(["industry", 'is "Software"', -14]); // => 'industry,"is ""Software""",-14\n'
 */
export function csvLine(cells: readonly (string | number)[]): string {
  return `${cells.map((c) => (typeof c === "number" ? String(c) : csvField(c))).join(",")}\n`;
}
