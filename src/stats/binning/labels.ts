import type { BinRule } from "./bin";

/** How the numbers of a numeric bin set are written. */
export type NumberStyle = "integer" | "decimal" | "date";

/**
 * Formats a number for a label: up to 12 significant digits, no grouping; dates (epoch ms) as
 * `YYYY-MM-DD`, with the time when it is not midnight UTC.
 *
 * @example
 * formatNumber(2000); // => "2000"
 * formatNumber(0.1 + 0.2); // => "0.3"
 * formatNumber(Date.UTC(2024, 2, 1), "date"); // => "2024-03-01"
 */
export function formatNumber(x: number, style: NumberStyle = "decimal"): string {
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "−∞";
  if (style === "date") {
    const iso = new Date(x).toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
  }
  return String(Number(x.toPrecision(12)));
}

/** The most values a set's label lists; a larger set lists its first few and its size. */
const LISTED_VALUES = 12;

/**
 * The readable label of a bin rule: `< 50`, `50–199` (integer data, [50, 200)), `0.5 to < 2`
 * (other numbers), `≥ 2000`, `all values` (a single range), `SaaS`, `industry ∈ {Fintech, SaaS}`
 * (a set of more than 12 values: its first 5, then `… (40 values)`), `other (12 values)`, `other
 * (values unseen in training)` (an `other` bin of no level), `missing`.
 *
 * @param rule the bin rule
 * @param name the attribute name, used for sets of several values
 * @param style how numbers are written (integer data allow `50–199`)
 * @param edge writes a range's edges (default {@link formatNumber} in `style`; e.g. `formatQuantity` for a report)
 * @example
 * binLabel({ kind: "range", lo: 50, hi: 200, loInclusive: true, hiInclusive: false }, "employees", "integer"); // => "50–199"
 * binLabel({ kind: "set", values: ["Fintech", "SaaS"] }, "industry"); // => "industry ∈ {Fintech, SaaS}"
 * binLabel({ kind: "set", values: Array.from({ length: 40 }, (_, i) => `O${i}`) }, "owner"); // => "owner ∈ {O0, O1, O2, O3, O4, … (40 values)}"
 */
export function binLabel(rule: BinRule, name: string, style: NumberStyle = "decimal", edge: (x: number) => string = (x) => formatNumber(x, style)): string {
  switch (rule.kind) {
    case "missing":
      return "missing";
    case "other":
      return rule.members.length ? `other (${rule.members.length} value${rule.members.length === 1 ? "" : "s"})` : "other (values unseen in training)";
    case "set":
      if (rule.values.length === 1) return rule.values[0];
      return rule.values.length <= LISTED_VALUES ? `${name} ∈ {${rule.values.join(", ")}}` : `${name} ∈ {${rule.values.slice(0, 5).join(", ")}, … (${rule.values.length} values)}`;
    case "range": {
      const { lo, hi } = rule;
      const f = edge;
      if (lo === -Infinity && hi === Infinity) return "all values";
      if (lo === -Infinity) return `${rule.hiInclusive ? "≤" : "<"} ${f(hi)}`;
      if (hi === Infinity) return `${rule.loInclusive ? "≥" : ">"} ${f(lo)}`;
      if (style === "integer" && rule.loInclusive && !rule.hiInclusive && Number.isInteger(lo) && Number.isInteger(hi))
        return hi - 1 === lo ? f(lo) : `${f(lo)}–${f(hi - 1)}`;
      if (rule.loInclusive && rule.hiInclusive) return `${f(lo)}–${f(hi)}`;
      return `${rule.loInclusive ? "" : "> "}${f(lo)} to ${rule.hiInclusive ? "≤" : "<"} ${f(hi)}`;
    }
  }
}
