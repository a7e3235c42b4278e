/*
 * Categories that are bands of a number, as CRMs and forms write company sizes and budgets:
 * "1-10", "11 - 50", "1,000–4,999", "5000+", "<10", "$1M-$10M", "10K to 50K", "Over 500",
 * "Less than 10". Their order is the numbers', so the binning merges neighbouring bands rather
 * than bands of similar win rates wherever they lie.
 */

/** A number as bands write it: digits with thousands commas, an optional fraction and a K/M/B multiple. */
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([kmb])?`;
const MULTIPLE: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };
const RANGE = new RegExp(String.raw`^${NUMBER}\s*(?:-|–|—|to)\s*${NUMBER}$`);
const AT_LEAST = new RegExp(String.raw`^(?:${NUMBER}\s*(?:\+|or more|and (?:above|over|up)|plus)|(?:over|above|more than|greater than|>=?|≥)\s*${NUMBER})$`);
const BELOW = new RegExp(String.raw`^(?:under|below|less than|fewer than|up to|<=?|≤)\s*${NUMBER}$`);
const SINGLE = new RegExp(String.raw`^${NUMBER}$`);

/** The value of NUMBER's three groups from `i` (its digits, fraction and multiple). */
function numberAt(m: RegExpMatchArray, i: number): number {
  return Number(m[i].replace(/,/g, "") + (m[i + 1] ?? "")) * (m[i + 2] ? MULTIPLE[m[i + 2]] : 1);
}

/** A level's band `[low, high]` (an open end infinite), `single` for a lone number; undefined when it is no band. */
function bandOf(level: string): { low: number; high: number; single: boolean } | undefined {
  const t = level.trim().toLowerCase().replace(/[$€£]/g, "").replace(/\s+/g, " ");
  let m = t.match(RANGE);
  if (m) {
    const [low, high] = [numberAt(m, 1), numberAt(m, 4)];
    return low <= high ? { low, high, single: false } : undefined;
  }
  if ((m = t.match(AT_LEAST))) return { low: numberAt(m, m[1] !== undefined ? 1 : 4), high: Infinity, single: false };
  if ((m = t.match(BELOW))) return { low: -Infinity, high: numberAt(m, 1), single: false };
  if ((m = t.match(SINGLE))) {
    const x = numberAt(m, 1);
    return { low: x, high: x, single: true };
  }
  return undefined;
}

/**
 * The levels in the order of the bands they name, when every level is a band of a number (or a
 * lone number), at least two are ranges or open-ended, and the bands do not overlap; undefined
 * otherwise (codes such as ZIP+4 "90210-1234" overlap; "2024-05" runs backwards).
 *
 * @example
 * import { bandOrder } from "./band-order";
 * bandOrder(["51-200", "1-10", "1,001 - 5,000", "5000+", "11-50", "201-1000"]); // => ["1-10", "11-50", "51-200", "201-1000", "1,001 - 5,000", "5000+"]
 * bandOrder(["<$1M", "$10M+", "$1M-$10M"]); // => ["<$1M", "$1M-$10M", "$10M+"]
 * bandOrder(["SaaS", "1-10", "11-50"]); // => undefined
 */
export function bandOrder(levels: readonly string[]): string[] | undefined {
  const bands: { level: string; low: number; high: number; single: boolean }[] = [];
  for (const level of levels) {
    const band = bandOf(level);
    if (!band) return undefined;
    bands.push({ level, ...band });
  }
  if (bands.filter((b) => !b.single).length < 2) return undefined;
  bands.sort((a, b) => a.low - b.low || a.high - b.high);
  for (let i = 1; i < bands.length; i++) if (bands[i].low < bands[i - 1].high || bands[i].low === bands[i - 1].low) return undefined;
  return bands.map((b) => b.level);
}
