import type { BinMatch, ScorecardAttribute, ScoringRules } from "../../formats/scoring-rules-schema";
import { binReason, binSetText } from "../score";
import type { Dialect } from "../../sql/dialects";
import { sqlNumber } from "../../sql/quoting";

/**
 * The columns of `lead_value` an attribute's points are read from:
 * - `present`: NULL exactly when the value is missing;
 * - `value`: the value to match — a double (numeric) or text ('true' / 'false' for boolean
 *   and contains); NULL while `present` is not NULL means the value cannot be read (not a
 *   number, not a boolean), and the lead cannot be scored.
 */
export interface AttributeRefs {
  present: string;
  value: string;
}

/**
 * The points of one attribute as a CASE expression, with the runtime scorer's rules: a
 * missing value → the `missing` bin; an unreadable value → NULL; bins in order (ranges for
 * numbers, sets of trimmed text); a value in no bin → the `other` bin, for categories else
 * the `missing` bin; NULL when no bin takes the value. NULL points make the lead's points,
 * tier and grade NULL: the lead could not be scored.
 *
 * @example
 * import { dialect } from "leadlab";
 * import { binPointsSql } from "./bin-points-sql";
 * binPointsSql(dialect("duckdb"), {
 *   name: "budget", source: { column: "budget" }, match: "boolean", role: "qualification", group: "fit", rationale: "",
 *   bins: [
 *     { label: "true", when: { kind: "set", values: ["true"] }, points: 10, trainWinRate: 0.5, trainDeals: 10 },
 *     { label: "missing", when: { kind: "missing" }, points: 0, trainWinRate: 0.3, trainDeals: 10 },
 *   ],
 * }, { present: "t1", value: "b1" });
 * // => "CASE WHEN t1 IS NULL THEN 0 WHEN b1 IS NULL THEN NULL WHEN b1 IN ('true') THEN 10 ELSE 0 END"
 */
export function binPointsSql(d: Dialect, a: ScorecardAttribute, refs: AttributeRefs): string {
  return binChoiceSql(d, a, refs, (b) => String(b.points));
}

/**
 * The reason of the bin that takes the value ({@link binReason}, the runtime scorer's text) as a
 * CASE expression with {@link binPointsSql}'s rules; NULL exactly when the points are NULL.
 *
 * @example
 * import { dialect, readScoringRules } from "leadlab";
 * import { binReasonSql } from "./bin-points-sql";
 * const rules = readScoringRules("tests/scoring/fixtures/scoring.yaml");
 * binReasonSql(dialect("duckdb"), rules.attributes[0], { present: "t1", value: "x1" }, rules).startsWith("CASE WHEN t1 IS NULL THEN "); // => true
 */
export function binReasonSql(d: Dialect, a: ScorecardAttribute, refs: AttributeRefs, rules: ScoringRules): string {
  return binChoiceSql(d, a, refs, (b) => d.string(binReason(a, b, rules)));
}

/**
 * A CASE expression giving, for the bin that takes the value, `valueOf(bin)` (SQL text): the
 * rules of {@link binPointsSql}, for an attribute of the scorecard or of a value card.
 *
 * @example
 * import { dialect } from "leadlab";
 * import { binChoiceSql } from "./bin-points-sql";
 * binChoiceSql(dialect("duckdb"), { match: "numeric", bins: [{ when: { kind: "range", hi: 50, loInclusive: false, hiInclusive: false }, factor: 0.5 }, { when: { kind: "missing" }, factor: 1 }] }, { present: "x1", value: "x1" }, (b) => String(b.factor));
 * // => "CASE WHEN x1 IS NULL THEN 1 WHEN x1 < 50 THEN 0.5 ELSE NULL END"
 */
export function binChoiceSql<B extends { when: BinMatch }>(d: Dialect, a: { match: string; bins: readonly B[] }, refs: AttributeRefs, valueOf: (bin: B) => string): string {
  const of = (kind: "missing" | "other") => {
    const bin = a.bins.find((b) => b.when.kind === kind);
    return bin ? valueOf(bin) : undefined;
  };
  const missing = of("missing") ?? "NULL";
  const other = of("other");
  const numeric = a.match === "numeric";
  const fallback = other ?? (numeric ? "NULL" : missing);
  const parts = [`CASE WHEN ${refs.present} IS NULL THEN ${missing}`];
  if (refs.value !== refs.present) parts.push(`WHEN ${refs.value} IS NULL THEN NULL`);
  for (const b of a.bins) {
    const cond = condition(d, refs.value, b.when, a.match);
    if (cond) parts.push(`WHEN ${cond} THEN ${valueOf(b)}`);
  }
  parts.push(`ELSE ${fallback} END`);
  return parts.join(" ");
}

function condition(d: Dialect, v: string, when: BinMatch, match: string): string | undefined {
  if (when.kind === "range") {
    const lo = when.lo !== undefined ? `${v} ${when.loInclusive ? ">=" : ">"} ${sqlNumber(when.lo)}` : undefined;
    const hi = when.hi !== undefined ? `${v} ${when.hiInclusive ? "<=" : "<"} ${sqlNumber(when.hi)}` : undefined;
    if (lo && hi) return `(${lo} AND ${hi})`;
    return lo ?? hi ?? "TRUE";
  }
  if (when.kind === "set") {
    const values = [...new Set(when.values.map((x) => binSetText(x, match)))];
    return values.length ? `${v} IN (${values.map((x) => d.string(x)).join(", ")})` : undefined;
  }
  return undefined;
}
