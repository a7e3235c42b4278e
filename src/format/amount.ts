import { formatCount } from "./count";

/**
 * An amount of money, rounded to whole units with thousands separators: `"18,800"`, or with
 * its ISO 4217 currency when known (`"$18,800"`, `"€18,800"`, `"CHF 18,800"`); "–" for a
 * number that is not one.
 *
 * @example
 * import { formatAmount } from "leadlab";
 * [formatAmount(18799.6), formatAmount(18799.6, "USD"), formatAmount(-1250, "EUR")]; // => ["18,800", "$18,800", "−€1,250"]
 */
export function formatAmount(x: number, currency?: string): string {
  if (!Number.isFinite(x)) return "–";
  const whole = Math.round(x);
  if (currency === undefined) return formatCount(whole);
  const text = Math.abs(whole).toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
  return whole < 0 ? `−${text}` : text;
}
