import type { BinnedInput, ScoringRules, ValueBlock } from "../formats/scoring-rules-schema";

/** The expected value of a lead and its parts (the `value` of a lead's score when the rules have a `value` block). */
export interface LeadValueParts {
  /** Chance of winning, from the lead's points. */
  winChance: number;
  /** Expected amount of the deal if won. */
  expectedAmount: number;
  /** Chance of being retained at the horizon; null when the rules have no retention card. */
  retainedChance: number | null;
  /** winChance × expectedAmount × retainedChance (× 1 without a retention card). */
  expectedValue: number;
  /** The first value tier (best first) whose minValue the expected value reaches. */
  tier: string | null;
}

/**
 * The attributes a `value` block reads, in the order a scorer compiles them after the
 * scorecard's: the amount card's, then the retention card's.
 *
 * @example
 * import { valueInputs } from "./lead-value";
 * valueInputs({ winChance: { intercept: 0, slope: 0 }, amount: { base: 1, attributes: [] }, tiers: [] }); // => []
 */
export function valueInputs(block: ValueBlock): BinnedInput[] {
  return [...block.amount.attributes, ...(block.retention?.attributes ?? [])];
}

/**
 * Every attribute a scorer of the rules reads, in the order it compiles them: the scorecard's,
 * then the value cards' ({@link valueInputs}). What a leads file or a warehouse view must supply.
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { scoredInputs } from "./lead-value";
 * const rules = readScoringRules("tests/scoring/fixtures/scoring.yaml");
 * scoredInputs(rules).length === rules.attributes.length; // => true
 */
export function scoredInputs(rules: Pick<ScoringRules, "attributes" | "value">): BinnedInput[] {
  return [...rules.attributes, ...(rules.value ? valueInputs(rules.value) : [])];
}

/**
 * How messages and reports name each of {@link scoredInputs}: a scorecard attribute by its name,
 * a value card's by its name and its card, since a card may bin the same column otherwise (an
 * owner no won deal had in training is a category the amount card never saw, though the
 * scorecard lists it).
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { scoredInputNames } from "./lead-value";
 * scoredInputNames(readScoringRules("rules/sample/scoring.yaml")).filter((n) => n.startsWith("employees")); // => ["employees", "employees (amount card)", "employees (retention card)"]
 */
export function scoredInputNames(rules: Pick<ScoringRules, "attributes" | "value">): string[] {
  const card = (attributes: readonly { name: string }[] | undefined, which: string) => (attributes ?? []).map((a) => `${a.name} (${which} card)`);
  return [...rules.attributes.map((a) => a.name), ...(rules.value ? [...card(rules.value.amount.attributes, "amount"), ...card(rules.value.retention?.attributes, "retention")] : [])];
}

/**
 * The expected value of a lead from its points and the bins of the value attributes
 * ({@link valueInputs}), which sit at `bins[first]`, `bins[first + 1]`, … : chance of winning
 * = logistic(intercept + slope × points); expected amount = base × the factor of each amount
 * attribute's bin; chance of being retained = logistic(baseLogOdds + each retention term);
 * expected value = their product; tier = the first whose minValue it reaches.
 *
 * @example
 * import { compileValue } from "./lead-value";
 * const of = compileValue({
 *   winChance: { intercept: -30, slope: 0.05 },
 *   amount: { base: 1000, attributes: [{ name: "size", source: { column: "size" }, match: "categorical", rationale: "", bins: [{ label: "big", when: { kind: "set", values: ["big"] }, factor: 3, trainDeals: 10, trainMedianAmount: 3000 }, { label: "other", when: { kind: "other" }, factor: 1, trainDeals: 10, trainMedianAmount: 1000 }] }] },
 *   tiers: [{ name: "A", minValue: 1000, shareOfLeads: 0.5, shareOfWonRevenue: 0.8 }, { name: "B", minValue: null, shareOfLeads: 0.5, shareOfWonRevenue: 0.2 }],
 * }, 0);
 * of(600, [0]); // => { winChance: 0.5, expectedAmount: 3000, retainedChance: null, expectedValue: 1500, tier: "A" }
 */
export function compileValue(block: ValueBlock, first: number): (points: number, bins: ArrayLike<number>) => LeadValueParts {
  const factors = block.amount.attributes.map((a) => a.bins.map((b) => b.factor));
  const retention = block.retention;
  const terms = (retention?.attributes ?? []).map((a) => a.bins.map((b) => b.logOdds));
  const at = first + factors.length;
  const tiers = block.tiers.map((t) => ({ name: t.name, min: t.minValue === null ? -Infinity : t.minValue }));
  const { intercept, slope } = block.winChance;
  return (points, bins) => {
    const winChance = 1 / (1 + Math.exp(-(intercept + slope * points)));
    let expectedAmount = block.amount.base;
    for (let j = 0; j < factors.length; j++) expectedAmount *= factors[j][bins[first + j]];
    let retainedChance: number | null = null;
    if (retention) {
      let z = retention.baseLogOdds;
      for (let j = 0; j < terms.length; j++) z += terms[j][bins[at + j]];
      retainedChance = 1 / (1 + Math.exp(-z));
    }
    const expectedValue = winChance * expectedAmount * (retainedChance ?? 1);
    let tier: string | null = null;
    for (const t of tiers)
      if (expectedValue >= t.min) {
        tier = t.name;
        break;
      }
    return { winChance, expectedAmount, retainedChance, expectedValue, tier };
  };
}
