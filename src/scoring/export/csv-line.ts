/**
 * One CSV line (RFC 4180): cells joined by commas, a cell quoted when it holds a comma, a quote,
 * a line break or leading/trailing space; numbers as written by `String`.
 *
 * @example
 * import { csvLine } from "leadlab";
 * csvLine(["industry", 'is "Software"', -14]); // => 'industry,"is ""Software""",-14\n'
 */
export function csvLine(cells: readonly (string | number)[]): string {
  return `${cells.map((c) => (typeof c === "number" ? String(c) : /[",\r\n]|^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")}\n`;
}
