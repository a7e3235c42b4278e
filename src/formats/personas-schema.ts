import { PROVENANCE_FIELDS } from "./provenance";
import { FeatureSourceSchema } from "./scoring-rules-schema";
import { Type, type Static } from "@sinclair/typebox";
import { literalUnion } from "./literal-union";
import { ANTI_PERSONA_KINDS, ATTRIBUTE_TYPES, CUSTOMER_SETS, DEFAULT_SEPARATOR, ROLES } from "./vocabulary";

/*
 * The `personas.yaml` format (kind Personas), defined once: the TypeScript type, the runtime
 * validation (`parsePersonas`) and the committed JSON Schema (rules/schema/personas.schema.json)
 * all come from this definition.
 */

const Share = (description?: string) => Type.Number({ minimum: 0, maximum: 1, ...(description ? { description } : {}) });
const Count = (description?: string) => Type.Integer({ minimum: 0, ...(description ? { description } : {}) });

/**
 * A rate with its Wilson 95 % interval: `events` of `n`; `value` is null when n = 0.
 *
 * @example
 * import { RateSchema } from "leadlab";
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(RateSchema, { value: 0.8, lo: 0.49, hi: 0.94, n: 10, events: 8 }); // => true
 */
export const RateSchema = Type.Object(
  { value: Type.Union([Share(), Type.Null()]), lo: Share(), hi: Share(), n: Count(), events: Count() },
  { additionalProperties: false, description: "events of n, with the Wilson 95% interval [lo, hi]; value null when n = 0." },
);

/**
 * One test of a rule on an attribute.
 *
 * @example
 * import { PersonaConditionSchema } from "leadlab";
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(PersonaConditionSchema, { attribute: "employees", kind: "range", from: 200, orMissing: false }); // => true
 */
export const PersonaConditionSchema = Type.Union([
  Type.Object(
    {
      attribute: Type.String(),
      kind: Type.Literal("range"),
      from: Type.Optional(Type.Number({ description: "Inclusive lower end; absent = unbounded." })),
      to: Type.Optional(Type.Number({ description: "Exclusive upper end; absent = unbounded." })),
      orMissing: Type.Boolean({ description: "A missing value also satisfies the condition." }),
    },
    { additionalProperties: false, description: "A numeric attribute: from ≤ x < to." },
  ),
  Type.Object(
    {
      attribute: Type.String(),
      kind: literalUnion(["in", "not-in"] as const),
      values: Type.Array(Type.String()),
      orMissing: Type.Boolean(),
    },
    {
      additionalProperties: false,
      description: "A categorical or boolean attribute (booleans as \"true\" / \"false\"): the value is (is not) one of values, as trimmed text; a value never seen is not in any set.",
    },
  ),
  Type.Object(
    {
      attribute: Type.String(),
      kind: literalUnion(["contains", "lacks"] as const),
      value: Type.String(),
      orMissing: Type.Boolean(),
    },
    { additionalProperties: false, description: "A multi-valued attribute: the set of items holds (does not hold) value." },
  ),
]);

/**
 * How a consumer computes an attribute: a column of the lead record, or an event feature.
 *
 * @example
 * import { PersonaSourceSchema } from "./personas-schema";
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(PersonaSourceSchema, { event: { type: "demo_request", windowDays: 90, aggregate: "count" } }); // => true
 */
export const PersonaSourceSchema = FeatureSourceSchema;

/**
 * An attribute personas were drawn from: how to compute it, its weight and why.
 *
 * @example
 * import { PersonaAttributeSchema } from "./personas-schema";
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(PersonaAttributeSchema, { name: "industry", type: "categorical", role: "firmographic", source: { column: "industry" }, weight: 0.56, association: 0.56, reason: "moves with employees" }); // => true
 */
export const PersonaAttributeSchema = Type.Object(
  {
    name: Type.String(),
    type: literalUnion(ATTRIBUTE_TYPES),
    role: literalUnion(ROLES),
    source: PersonaSourceSchema,
    separator: Type.Optional(Type.String({ description: `Multi-valued attributes: the item separator of the raw column. Default '${DEFAULT_SEPARATOR}'.` })),
    weight: Type.Number({ minimum: 0, description: "Weight in the distance; 0 = a candidate left out (see reason)." }),
    association: Type.Union([Share(), Type.Null()], { description: "Strongest Cramér's V with another attribute (null when not measured)." }),
    reason: Type.String(),
  },
  { additionalProperties: false },
);

/**
 * A distinguishing trait of a persona.
 *
 * @example
 * import { PersonaTraitSchema } from "./personas-schema";
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(PersonaTraitSchema, { attribute: "industry", value: "Software", share: 0.78, overallShare: 0.32, lift: 2.42, lo: 0.74, hi: 0.82, q: 4.85e-188 }); // => true
 */
export const PersonaTraitSchema = Type.Object(
  {
    attribute: Type.String(),
    value: Type.String({ description: "The value, item, or numeric band." }),
    band: Type.Optional(Type.Object({ from: Type.Number(), to: Type.Number() }, { additionalProperties: false, description: "Numeric: from ≤ x < to (closed at the largest value)." })),
    share: Share("Share of the persona with the value (among known values)."),
    overallShare: Share("Share of all customers with the value."),
    lift: Type.Number({ minimum: 0 }),
    lo: Share("Wilson 95% interval of share."),
    hi: Share(),
    q: Share("Benjamini–Hochberg q-value of Fisher's exact test, across the persona's values."),
  },
  { additionalProperties: false },
);

const MedoidValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String()), Type.Null()]);

/**
 * One persona of `personas.yaml`.
 *
 * @example
 * import { PersonaEntrySchema, readPersonas } from "leadlab";
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(PersonaEntrySchema, readPersonas("rules/sample/personas.yaml").personas[0]); // => true
 */
export const PersonaEntrySchema = Type.Object(
  {
    id: Type.String({ pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", description: "Stable id from the default name." }),
    name: Type.String({ minLength: 1 }),
    defaultName: Type.String(),
    size: Count("Customers in the persona."),
    share: Share("Share of the customers."),
    silhouette: Type.Number({ minimum: -1, maximum: 1 }),
    stability: Share("Mean bootstrap Jaccard of its customers."),
    winRate: RateSchema,
    retention: Type.Union([RateSchema, Type.Null()]),
    medianAmount: Type.Union([Type.Number(), Type.Null()], { description: "Median amount of its won deals." }),
    retainedRevenue: Type.Number({
      minimum: 0,
      description: "Amounts of its customers' first won deals, of those retained at the horizon (without retention data: of every customer; without amounts: the number of those customers); personas are listed by it, largest first.",
    }),
    retainedRevenueShare: Share("Its share of all customers' retained revenue."),
    medoid: Type.Record(Type.String(), MedoidValue, { description: "Its most typical customer's values." }),
    traits: Type.Array(PersonaTraitSchema),
    warnings: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

/**
 * One anti-persona of `personas.yaml`.
 *
 * @example
 * import { readPersonas } from "leadlab";
 * import { AntiPersonaSchema } from "./personas-schema";
 * import { Value } from "@sinclair/typebox/value";
 * readPersonas("rules/sample/personas.yaml").antiPersonas.every((a) => Value.Check(AntiPersonaSchema, a)); // => true
 */
export const AntiPersonaSchema = Type.Object(
  {
    kind: literalUnion(ANTI_PERSONA_KINDS),
    source: literalUnion(["customers", "deals"] as const, {
      description: "customers: a cluster of the customers that wins but churns, set aside from the personas (rules tag its leads); deals: a cluster of the closed deals no persona rule matches.",
    }),
    id: Type.String(),
    name: Type.String(),
    deals: Count(),
    share: Share("Share of all closed deals."),
    winRate: RateSchema,
    retention: Type.Union([RateSchema, Type.Null()]),
    traits: Type.Array(PersonaTraitSchema),
    samePersona: Type.Union([Type.String(), Type.Null()], { description: "For a cluster of deals: the persona whose deals are mostly the same, or null." }),
    why: Type.String(),
  },
  { additionalProperties: false },
);

/**
 * The JSON-Schema definition of `personas.yaml`.
 *
 * @example
 * import { PersonasSchema } from "leadlab";
 * import { Value } from "@sinclair/typebox/value";
 * import YAML from "yaml";
 * import { readFileSync } from "node:fs";
 * Value.Check(PersonasSchema, YAML.parse(readFileSync("rules/sample/personas.yaml", "utf8"))); // => true
 */
export const PersonasSchema = Type.Object(
  {
    apiVersion: Type.Literal("leadlab/v1"),
    kind: Type.Literal("Personas"),
    metadata: Type.Object(
      {
        ...PROVENANCE_FIELDS,
        counts: Type.Object(
          {
            deals: Count("Closed deals."),
            won: Count(),
            lost: Count(),
            customers: Count("Won customers (one row each)."),
            clustered: Count("Customers the personas were drawn from."),
          },
          { additionalProperties: false },
        ),
        customers: literalUnion(CUSTOMER_SETS),
        customerDefinition: Type.String(),
        seed: Type.Integer(),
        sample: Type.Integer({ minimum: 1, description: "Customers clustered at most; the rest are assigned." }),
        bootstraps: Type.Integer({ minimum: 1 }),
        horizonDays: Type.Integer({ minimum: 1 }),
        verdict: Type.String(),
      },
      { additionalProperties: false },
    ),
    clustering: Type.Object(
      {
        k: Type.Integer({ minimum: 2 }),
        reason: Type.String(),
        silhouette: Type.Number({ minimum: -1, maximum: 1 }),
        stability: Share(),
        distance: Type.String(),
        weights: literalUnion(["association", "equal", "given"] as const),
        candidates: Type.Array(
          Type.Object(
            { k: Type.Integer({ minimum: 2 }), silhouette: Type.Number({ minimum: -1, maximum: 1 }), stability: Share(), sizes: Type.Array(Count()) },
            { additionalProperties: false },
          ),
          { description: "Every k measured (on the clustered sample)." },
        ),
      },
      { additionalProperties: false },
    ),
    attributes: Type.Array(PersonaAttributeSchema),
    base: Type.Object(
      { winRate: RateSchema, retention: Type.Union([RateSchema, Type.Null()]), medianAmount: Type.Union([Type.Number(), Type.Null()]) },
      { additionalProperties: false, description: "All closed deals and all customers, to compare personas with." },
    ),
    personas: Type.Array(PersonaEntrySchema, { minItems: 2 }),
    assignment: Type.Object(
      {
        fidelity: Share("Share of the clustered customers the rules give their own persona."),
        bySegment: Type.Array(
          Type.Object({ id: Type.String(), customers: Count(), fidelity: Type.Union([Share(), Type.Null()]) }, { additionalProperties: false }),
          { description: "Per persona and per cluster set aside as an anti-persona: its customers, and the share of them the rules give it (null: none)." },
        ),
        heldOutFidelity: Type.Union([Share(), Type.Null()], {
          description: "The same, cross-validated: every customer given the persona of rules learned without its fold (4 seeded random folds; null: no customer).",
        }),
        coverage: Share("Share of them some rule matches."),
        precision: Share("Among those, the share given their own persona."),
        otherShare: Share('Share of all closed deals no rule matches (persona "other").'),
        rules: Type.Array(
          Type.Object(
            {
              persona: Type.String({ description: 'The persona id, or "other" for a rule that tags an anti-persona.' }),
              antiPersona: Type.Optional(Type.String({ description: "The id of the anti-persona (source customers) the rule tags; its persona is then \"other\"." })),
              when: Type.Array(PersonaConditionSchema, { description: "Every condition must hold." }),
              support: Count(),
              purity: Share(),
              text: Type.String(),
            },
            { additionalProperties: false },
          ),
          { description: "In order: the first rule whose conditions all hold gives the persona." },
        ),
        otherwise: Type.Literal("other", { description: 'No rule matches: the lead\'s persona is "other", which no persona is called.' }),
      },
      { additionalProperties: false },
    ),
    antiPersonas: Type.Array(AntiPersonaSchema),
    warnings: Type.Array(Type.String()),
  },
  { additionalProperties: false, title: "leadlab personas" },
);

/** The contents of a `personas.yaml`. */
export type PersonasDocument = Static<typeof PersonasSchema>;
/** One persona of a `personas.yaml`. */
export type PersonaEntry = Static<typeof PersonaEntrySchema>;
/** One condition of an assignment rule of a `personas.yaml`. */
export type PersonaCondition = Static<typeof PersonaConditionSchema>;
