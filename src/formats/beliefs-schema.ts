import { Type, type Static, type TSchema } from "@sinclair/typebox";

/*
 * The `beliefs.yaml` format (kind Beliefs), defined once: the TypeScript type, the runtime
 * validation (`parseBeliefs`) and the committed JSON Schema (rules/schema/beliefs.schema.json)
 * all come from this definition. Sales and success teams write claims as conditions on the
 * attributes of the dataset; `leadlab beliefs` tests each on the holdout.
 */

/** What a belief can predict. */
export const BELIEF_TARGETS = ["won", "retained"] as const;
export type BeliefTarget = (typeof BELIEF_TARGETS)[number];

/** Which way a belief says its condition moves the outcome. */
export const BELIEF_DIRECTIONS = ["raises", "lowers"] as const;
export type BeliefDirection = (typeof BELIEF_DIRECTIONS)[number];

const CLAUSE_DESCRIPTION =
  "One test on one attribute: `name >= 1` (also >, <, <=, =, !=), `name in [a, b]`, `name not in [a, b]`, " +
  "`name between 200 and 1000` (both ends included), `name contains item` (multi-valued attributes), " +
  "`name = true` (booleans). A name with spaces is written as it is or in double quotes (`\"Total Time Spent on Website\" >= 500`). " +
  "A deal whose value is missing is left out of the claim's test.";

/**
 * A condition: a clause (text), or `{ all: [...] }` / `{ any: [...] }` of conditions.
 *
 * @example
 * import { BeliefConditionSchema } from "leadlab";
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(BeliefConditionSchema, { all: ["seniority in [VP, C-level]", { any: ["employees >= 200"] }] }); // => true
 */
export const BeliefConditionSchema = Type.Recursive(
  (This) =>
    Type.Union([
      Type.String({ minLength: 1, description: CLAUSE_DESCRIPTION }),
      Type.Object({ all: Type.Array(This, { minItems: 1 }) }, { additionalProperties: false, description: "Every condition holds." }),
      Type.Object({ any: Type.Array(This, { minItems: 1 }) }, { additionalProperties: false, description: "At least one condition holds." }),
    ]),
  { $id: "BeliefCondition" },
);
export type BeliefCondition = string | { all: BeliefCondition[] } | { any: BeliefCondition[] };

/**
 * One claim of a team.
 *
 * @example
 * import { BeliefSchema } from "leadlab";
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(BeliefSchema, { name: "demo", when: "demo_request_count_30d >= 1", predicts: "won", direction: "raises" }); // => true
 */
export const BeliefSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: "A short unique name for the claim, used in the report and in errors." }),
    claim: Type.Optional(Type.String({ description: "The belief in the team's own words." })),
    by: Type.Optional(Type.String({ description: "Who holds it, e.g. sales or customer success." })),
    when: BeliefConditionSchema as unknown as TSchema,
    predicts: Type.Union(BELIEF_TARGETS.map((t) => Type.Literal(t)), { description: "won: the deal is won (among closed deals); retained: the customer stays (among won deals)." }),
    direction: Type.Union(BELIEF_DIRECTIONS.map((d) => Type.Literal(d)), { description: "Deals meeting the condition do better (raises) or worse (lowers) than the others." }),
  },
  { additionalProperties: false },
);

/**
 * A `beliefs.yaml` document.
 *
 * @example
 * import { BeliefsSchema } from "leadlab";
 * BeliefsSchema.title; // => "leadlab beliefs"
 */
export const BeliefsSchema = Type.Object(
  {
    apiVersion: Type.Literal("leadlab/v1"),
    kind: Type.Literal("Beliefs"),
    beliefs: Type.Array(BeliefSchema, { minItems: 1 }),
  },
  { additionalProperties: false, title: "leadlab beliefs", description: "Claims of sales and success teams, tested by `leadlab beliefs <dataset.yaml> <beliefs.yaml>` on the holdout." },
);

/** One claim, as read from `beliefs.yaml`. */
export interface Belief extends Omit<Static<typeof BeliefSchema>, "when" | "predicts" | "direction"> {
  when: BeliefCondition;
  predicts: BeliefTarget;
  direction: BeliefDirection;
}

/** A validated `beliefs.yaml`. */
export interface BeliefsDocument {
  apiVersion: "leadlab/v1";
  kind: "Beliefs";
  beliefs: Belief[];
}
