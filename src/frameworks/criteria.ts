/**
 * One vocabulary of qualification criteria, shared by every framework (BANT, CHAMP, ANUM,
 * MEDDIC, GPCTBA/C&I). A criterion is a question a seller answers about a deal ("is there a
 * budget?"); frameworks are orderings of these questions under their own labels, so an
 * attribute that answers a criterion for one framework answers it for every framework that
 * asks it (see `framework-definitions.ts`).
 *
 * **Aliases.** Frameworks name some criteria differently. Those names are not criteria of their
 * own: they are aliases that resolve to one entry of {@link CRITERIA}, so `criterion: money`,
 * `criterion: urgency` or `criterion: identified_pain` in `dataset.yaml` are accepted and read as
 * `budget`, `timeline` and `need`. In particular, following the frameworks' own definitions,
 * CHAMP's and GPCTBA's *Challenges* and MEDDIC's *Identified pain* **are Need**: a business
 * problem the buyer has acknowledged. There is no separate `identified_pain` criterion; when two
 * attributes answer `need` (say BANT's `need_confirmed` and MEDDIC's `pain_identified`), each
 * framework picks one of them by the rule of `mapCriteria` (its own mapping first) and says which.
 */

/**
 * Every criterion leadlab knows, in a fixed order (reports list criteria in this order).
 *
 * @example
 * import { CRITERIA } from "./criteria";
 * CRITERIA.includes("champion"); // => true
 * CRITERIA.includes("identified_pain" as never); // => false (an alias of need)
 */
export const CRITERIA = [
  "budget",
  "authority",
  "need",
  "timeline",
  "metrics",
  "economic_buyer",
  "decision_criteria",
  "decision_process",
  "champion",
  "goals",
  "plans",
  "consequences",
  "implications",
] as const;

/** One qualification criterion of the shared vocabulary. */
export type Criterion = (typeof CRITERIA)[number];

/**
 * What each criterion asks, in words (used in messages and reports).
 *
 * @example
 * import { CRITERION_QUESTIONS } from "./criteria";
 * CRITERION_QUESTIONS.need; // => "the buyer has acknowledged a business problem (need, challenges, pain)"
 */
export const CRITERION_QUESTIONS: Readonly<Record<Criterion, string>> = Object.freeze({
  budget: "money is set aside or available for the purchase",
  authority: "the contact can decide or is the one who decides",
  need: "the buyer has acknowledged a business problem (need, challenges, pain)",
  timeline: "there is a date or urgency to buy (timeline, urgency, prioritization)",
  metrics: "the buyer has quantified the gain they expect",
  economic_buyer: "the person who signs has been engaged",
  decision_criteria: "the criteria the buyer will decide by are known",
  decision_process: "the steps and people of the buyer's decision are known",
  champion: "someone inside the buyer sells for us",
  goals: "the buyer's goals are known",
  plans: "the buyer's plans to reach those goals are known",
  consequences: "the negative consequences of doing nothing are known",
  implications: "the positive implications of succeeding are known",
});

/**
 * Other names of criteria, as frameworks write them, each resolving to one criterion.
 * Keys are in the normal form of {@link normalCriterionName}.
 *
 * @example
 * import { CRITERION_ALIASES } from "./criteria";
 * CRITERION_ALIASES.identified_pain; // => "need"
 * CRITERION_ALIASES.money; // => "budget"
 */
export const CRITERION_ALIASES: Readonly<Record<string, Criterion>> = Object.freeze({
  money: "budget",
  funds: "budget",
  decision_maker: "authority",
  challenges: "need",
  challenge: "need",
  pain: "need",
  identified_pain: "need",
  identify_pain: "need",
  urgency: "timeline",
  prioritization: "timeline",
  priority: "timeline",
  timing: "timeline",
  metric: "metrics",
  negative_consequences: "consequences",
  positive_implications: "implications",
  goal: "goals",
  plan: "plans",
});

/**
 * The normal form of a criterion name: trimmed, lower case, runs of spaces, dashes and dots as
 * one underscore (so `Economic Buyer` and `economic-buyer` both read `economic_buyer`).
 *
 * @example
 * import { normalCriterionName } from "./criteria";
 * normalCriterionName(" Economic Buyer "); // => "economic_buyer"
 */
export function normalCriterionName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s\-.&/]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
}

/**
 * The criterion a name means: a name of {@link CRITERIA} or an alias of one
 * ({@link CRITERION_ALIASES}), in any case and spacing; `undefined` when it is neither.
 *
 * @example
 * import { resolveCriterion } from "./criteria";
 * resolveCriterion("Identified Pain"); // => "need"
 * resolveCriterion("budget"); // => "budget"
 * resolveCriterion("vibes"); // => undefined
 */
export function resolveCriterion(name: string): Criterion | undefined {
  const key = normalCriterionName(name);
  if ((CRITERIA as readonly string[]).includes(key)) return key as Criterion;
  return CRITERION_ALIASES[key];
}
