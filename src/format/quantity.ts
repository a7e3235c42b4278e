import { formatCount } from "./count";

/** From this size on, a quantity is written in millions, billions or trillions. */
const COMPACT_FROM = 1e6;
const UNITS: [number, string][] = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
];

/**
 * A quantity for reading, such as a bin's edge: thousands separators (`"4,210"`, `"0.278"`),
 * and from a million on the millions, billions or trillions with up to four significant digits
 * (`"723 M"`, `"51.81 M"`, `"2.5 B"`) unless `compact` is false; a true minus sign; "∞" for an unbounded edge and "–" for
 * a number that is not one. Up to four decimals below a thousand, as the data wrote them.
 *
 * @example
 * import { formatQuantity } from "leadlab";
 * [formatQuantity(4210), formatQuantity(723000000), formatQuantity(229799999), formatQuantity(-0.2785)]; // => ["4,210", "723 M", "229.8 M", "−0.2785"]
 * formatQuantity(229799999, false); // => "229,799,999"
 */
export function formatQuantity(x: number, compact = true): string {
  if (Number.isNaN(x)) return "–";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "−∞";
  const size = Math.abs(x);
  const sign = x < 0 ? "−" : "";
  if (compact && size >= COMPACT_FROM) {
    const [unit, name] = UNITS.find(([u]) => size >= u)!;
    return `${sign}${Number((size / unit).toPrecision(4)).toLocaleString("en-US", { maximumFractionDigits: 3 })} ${name}`;
  }
  const rounded = Number(size.toFixed(4));
  return sign + (Number.isInteger(rounded) ? formatCount(rounded) : rounded.toLocaleString("en-US", { maximumFractionDigits: 4 }));
}
