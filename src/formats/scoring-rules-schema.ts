import { PROVENANCE_FIELDS, HoldoutRuleSchema } from "./provenance";
import { Type, type Static, type TProperties } from "@sinclair/typebox";
import { literalUnion } from "./literal-union";
import { DECIMAL_MARKS, DEFAULT_SEPARATOR, EVENT_AGGREGATES, ROLES } from "./vocabulary";

/*
 * The `scoring.yaml` format (kind ScoringRules), defined once: the TypeScript type, the
 * runtime validation and the committed JSON Schema (rules/schema/scoring-rules.schema.json)
 * all come from this definition.
 */


/** Which values fall in a bin. Ranges leave out `lo` / `hi` where they are unbounded. */
export const BinMatchSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal("range"),
      lo: Type.Optional(Type.Number()),
      hi: Type.Optional(Type.Number()),
      loInclusive: Type.Boolean(),
      hiInclusive: Type.Boolean(),
    },
    { additionalProperties: false, description: "Numbers between lo and hi; an absent end is unbounded. The ranges of an attribute do not overlap." },
  ),
  Type.Object(
    { kind: Type.Literal("set"), values: Type.Array(Type.String()) },
    {
      additionalProperties: false,
      description:
        "These values, compared after Unicode NFC, trimming and lower-casing each character (booleans as \"true\" / \"false\"); no value may be in two bins of an attribute.",
    },
  ),
  Type.Object(
    {
      kind: Type.Literal("other"),
      values: Type.Optional(
        Type.Array(Type.String(), {
          description:
            "The training values pooled here (each too rare for a bin of its own), compared as a set's values are; none may be in another bin. A value in no bin and not listed here is an unknown category: scored here too, and reported as unknown.",
        }),
      ),
    },
    { additionalProperties: false, description: "Every non-missing value not listed in another bin, including values never seen." },
  ),
  Type.Object({ kind: Type.Literal("missing") }, { additionalProperties: false, description: "A missing value." }),
]);

/** How a consumer computes an input from raw data. */
export const FeatureSourceSchema = Type.Union([
  Type.Object(
    { column: Type.String({ description: "A column of the lead record (after joins)." }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      event: Type.Object(
        {
          type: Type.String({ description: "The event type as written in the events table." }),
          windowDays: Type.Integer({ minimum: 1, description: "Events in the window of days before the scoring point, strictly before it." }),
          aggregate: literalUnion(EVENT_AGGREGATES),
          decay: Type.Optional(
            Type.Object(
              { halfLifeDays: Type.Integer({ minimum: 1, description: "Days after which an event counts half: each event weighs 2^(−age / halfLifeDays)." }) },
              {
                additionalProperties: false,
                description:
                  "Only with aggregate `count`: a decayed count, the sum over the window's events of 2^(−age / halfLifeDays), age = (scoring point − event time) in days, milliseconds included, each weight rounded half up to whole billionths before it is summed (so that the sum is the same in any order). Learned by the tuner where it beats the fixed window.",
              },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
]);

/** A holdout measure: null when the holdout cannot give it (no wins or no losses in it, or no rows). */
const Measured = (description?: string) => Type.Union([Type.Number(), Type.Null()], description ? { description } : {});

/** How numeric bin edges were made readable, and what that cost (in the rules' metadata and the summary). */
export const RoundingSchema = Type.Object(
  {
    edges: literalUnion(["rounded", "exact"] as const),
    maxCost: Type.Number({ description: "Edges are rounded when that costs less than this cross-validated AUC on the training part." }),
    trainingCost: Type.Number({ description: "Cross-validated AUC on the training part with exact edges minus with rounded edges: what decided." }),
    aucExact: Measured("Holdout AUC of the card refitted with the exact edges (reported, never used to decide); null when the holdout has no wins or no losses."),
    aucRounded: Measured("Holdout AUC of the card refitted with the rounded edges; null as aucExact."),
    cost: Measured("aucExact minus aucRounded; null as they."),
  },
  {
    additionalProperties: false,
    description:
      "Numeric bin edges rounded to two significant digits (whole numbers for day counts), bins that collapse merged, points refitted; decided on the training part, both holdout AUCs reported.",
  },
);

export const ScorecardAttributeSchema = Type.Object(
  {
    name: Type.String({ description: "The feature name (a column, an event feature, or attribute=value for an indicator)." }),
    source: FeatureSourceSchema,
    match: literalUnion(["numeric", "categorical", "boolean", "contains"] as const),
    containsValue: Type.Optional(Type.String({ description: "For match `contains`: the item of a multi-valued column." })),
    numberFormat: Type.Optional(
      Type.Object(
        { decimal: literalUnion(DECIMAL_MARKS) },
        {
          additionalProperties: false,
          description:
            "For match `numeric`: the training column wrote numbers as exports do (\"$62,000.00\", \"1.200,5\", \"12%\"); values are read the same way: currency, thousands separators and % dropped, with this decimal mark. Absent: plain numbers only.",
        },
      ),
    ),
    separator: Type.Optional(Type.String({ description: `For match \`contains\`: the item separator of the column. Default '${DEFAULT_SEPARATOR}'.` })),
    role: literalUnion(ROLES),
    group: literalUnion(["fit", "engagement"] as const),
    rationale: Type.String(),
    bins: Type.Array(
      Type.Object(
        {
          label: Type.String(),
          when: BinMatchSchema,
          points: Type.Integer(),
          trainWinRate: Type.Number({ minimum: 0, maximum: 1 }),
          trainDeals: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

const Interval = Type.Object({ value: Measured(), lo: Measured(), hi: Measured() }, { additionalProperties: false });

/** An attribute of a value card: read and binned exactly as a scorecard attribute is, with the card's own numbers per bin. */
function valueAttributeSchema<T extends TProperties>(binFields: T, description: string) {
  const { name, source, match, containsValue, numberFormat, separator, rationale } = ScorecardAttributeSchema.properties;
  return Type.Object(
    {
      name,
      source,
      match,
      containsValue,
      numberFormat,
      separator,
      rationale,
      bins: Type.Array(Type.Object({ label: Type.String(), when: BinMatchSchema, ...binFields }, { additionalProperties: false }), { minItems: 1 }),
    },
    { additionalProperties: false, description },
  );
}

/**
 * The expected value of a lead (`value` in scoring.yaml): chance of winning × expected amount ×
 * chance of being retained at the horizon, each from a card fitted on the training part.
 */
export const ValueBlockSchema = Type.Object(
  {
    currency: Type.Optional(Type.String({ description: "The amount's currency (ISO 4217), when the training amounts carried one." })),
    winChance: Type.Object(
      { intercept: Type.Number(), slope: Type.Number() },
      { additionalProperties: false, description: "Chance of winning = 1 / (1 + exp(−(intercept + slope × points))), the lead's points calibrated on the training part." },
    ),
    amount: Type.Object(
      {
        base: Type.Number({ minimum: 0, description: "The expected amount of a won deal before factors (mean, not median: log-amount fit with the smearing correction)." }),
        attributes: Type.Array(
          valueAttributeSchema(
            {
              factor: Type.Number({ exclusiveMinimum: 0, description: "Multiplies the base amount for a lead in this bin." }),
              trainDeals: Type.Integer({ minimum: 0, description: "Won training deals with an amount in the bin." }),
              trainMedianAmount: Type.Union([Type.Number(), Type.Null()], { description: "Their median amount; null when the bin is empty." }),
            },
            "An attribute of the amount card: the expected amount is the base times the factor of the lead's bin of each.",
          ),
        ),
      },
      { additionalProperties: false, description: "Expected amount of the deal if won = base × the factor of each attribute's bin (fitted on won training deals)." },
    ),
    retention: Type.Optional(
      Type.Object(
        {
          horizonDays: Type.Integer({ minimum: 1, description: "Retained means still a customer this many days after the start." }),
          baseLogOdds: Type.Number({ description: "Log-odds of being retained before the attributes' terms." }),
          attributes: Type.Array(
            valueAttributeSchema(
              {
                logOdds: Type.Number({ description: "Added to baseLogOdds for a lead in this bin." }),
                trainRetainedRate: Type.Number({ minimum: 0, maximum: 1 }),
                trainCustomers: Type.Integer({ minimum: 0 }),
              },
              "An attribute of the retention card: its bin's term is added to the log-odds of being retained.",
            ),
          ),
        },
        {
          additionalProperties: false,
          description:
            "Chance of being retained at the horizon = 1 / (1 + exp(−(baseLogOdds + the logOdds of each attribute's bin))), fitted on training customers whose retention at the horizon is known (customers observed for less, and not churned, are left out). Absent when the dataset has no retention data.",
        },
      ),
    ),
    tiers: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          minValue: Type.Union([Type.Number(), Type.Null()], { description: "The lowest expected value of the tier; null for the lowest tier." }),
          shareOfLeads: Type.Number({ description: "On the holdout." }),
          shareOfWonRevenue: Type.Number({ description: "Share of the holdout's won revenue in the tier." }),
        },
        { additionalProperties: false },
      ),
      { description: "Best first; a lead gets the first tier whose minValue its expected value reaches. Cut on training expected values with the win tiers' shares of leads." },
    ),
  },
  {
    additionalProperties: false,
    description:
      "Expected value of a lead = chance of winning × expected amount × chance of being retained at the horizon (1 without retention data). Absent when the dataset has no amount.",
  },
);


/** The JSON-Schema definition of `scoring.yaml`. */
export const ScoringRulesSchema = Type.Object(
  {
    apiVersion: Type.Literal("leadlab/v1"),
    kind: Type.Literal("ScoringRules"),
    metadata: Type.Object(
      {
        ...PROVENANCE_FIELDS,
        counts: Type.Object(
          { deals: Type.Integer(), won: Type.Integer(), lost: Type.Integer(), train: Type.Integer(), holdout: Type.Integer() },
          { additionalProperties: false },
        ),
        seed: Type.Integer(),
        holdout: HoldoutRuleSchema,
        verdict: Type.String(),
        metrics: Type.Object(
          { auc: Interval, ks: Measured(), brier: Measured(), baseRate: Measured() },
          { additionalProperties: false, description: "On the holdout, never on fitted rows; null where the holdout cannot tell (no wins or no losses in it)." },
        ),
        rounding: Type.Optional(RoundingSchema),
      },
      { additionalProperties: false },
    ),
    inputs: Type.Object(
      {
        id: Type.String({ description: "The lead / deal id column." }),
        scoringPoint: Type.Optional(Type.String({ description: "The column with the scoring point (events strictly before it count)." })),
        missing: Type.Optional(
          Type.Array(Type.String(), {
            description:
              "Text read as missing in every column, as in training (the dataset spec's `missing:`); compared as categories are (Unicode NFC, trimmed, lower-cased). Empty text is always missing.",
          }),
        ),
        timeZone: Type.Optional(
          Type.String({ description: "The IANA time zone naive timestamps were read in during training (the dataset spec's `timezone:`); absent means UTC." }),
        ),
        dateFormat: Type.Optional(
          Type.String({ description: "The strftime format dates and times were written in during training (the dataset spec's `date_format:`, e.g. \"%m/%d/%Y\"); absent means ISO 8601." }),
        ),
        events: Type.Optional(
          Type.Object(
            { key: Type.String(), leadKey: Type.String(), time: Type.String(), type: Type.String(), value: Type.Optional(Type.String()) },
            { additionalProperties: false, description: "Columns of the raw events table; leadKey is the lead column events join on." },
          ),
        ),
      },
      { additionalProperties: false, description: "Column names of the raw tables, as in the dataset spec the rules were tuned on." },
    ),
    scale: Type.Object(
      {
        kind: literalUnion(["pdo", "0-100"] as const),
        base: Type.Number({ description: "pdo: the points at odds baseOdds (0 on the 0-100 scale, where it is unused)." }),
        baseOdds: Type.Number({ description: "pdo: the win odds that score `base` (1 on the 0-100 scale, where it is unused)." }),
        pdo: Type.Number({ description: "pdo: the points that double the odds (0 on the 0-100 scale, where it is unused)." }),
        basePoints: Type.Integer({
          description:
            "Points every lead starts with. A lead's score is basePoints plus the points of one bin per attribute, on the scale the tier cuts use; on the 0-100 scale basePoints is 0 and each attribute's lowest bin has 0 points.",
        }),
      },
      { additionalProperties: false },
    ),
    attributes: Type.Array(ScorecardAttributeSchema),
    tiers: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          minPoints: Type.Union([Type.Integer(), Type.Null()], { description: "null for the lowest tier" }),
          expectedWinRate: Type.Union([Interval, Type.Null()], { description: "holdout win rate with its 95 % Wilson interval; null when no holdout lead fell in the tier" }),
          shareOfLeads: Type.Number(),
          shareOfWins: Type.Number(),
        },
        { additionalProperties: false },
      ),
      { description: "Best first; a lead gets the first tier whose minPoints it reaches." },
    ),
    grades: Type.Object(
      {
        fitCuts: Type.Array(Type.Integer(), { description: "3 ascending cut points of the fit sub-score: below the first is D, at or above the last is A." }),
        engagementCuts: Type.Array(Type.Integer(), { description: "3 ascending cut points of the engagement sub-score: at or above the last is 1." }),
        matrix: Type.Array(
          Type.Object(
            { grade: Type.String(), n: Type.Integer(), winRate: Type.Union([Type.Number(), Type.Null()]) },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    value: Type.Optional(ValueBlockSchema),
  },
  {
    additionalProperties: false,
    $id: "https://leadlab.dev/schema/scoring-rules.schema.json",
    title: "leadlab scoring rules",
    description: "Points-based lead scoring rules exported by leadlab (scoring.yaml).",
  },
);

/**
 * The contents of a `scoring.yaml`.
 *
 * @example
 * import type { ScoringRules } from "leadlab";
 * const tierNames = (r: ScoringRules) => r.tiers.map((t) => t.name);
 */
export type ScoringRules = Static<typeof ScoringRulesSchema>;
/** One attribute of a scorecard with its bins and points. */
export type ScorecardAttribute = Static<typeof ScorecardAttributeSchema>;
/** Which values fall in a bin. */
export type BinMatch = Static<typeof BinMatchSchema>;
/** The expected-value block of a `scoring.yaml`. */
export type ValueBlock = Static<typeof ValueBlockSchema>;
/**
 * The text a `scoring.yaml` reads as missing besides the empty string: its `inputs.missing`, none
 * when absent. The one place that default is filled in.
 *
 * @example
 * import { rulesMissing } from "./scoring-rules-schema";
 * [rulesMissing({ inputs: { id: "id" } }), rulesMissing({ inputs: { id: "id", missing: ["n/a"] } })]; // => [[], ["n/a"]]
 */
export function rulesMissing(rules: { readonly inputs: Pick<ScoringRules["inputs"], "missing"> }): readonly string[] {
  return rules.inputs.missing ?? [];
}

/**
 * What a scorer needs to put a value in a bin: an attribute of the scorecard or of a value card
 * (points and group only on the scorecard).
 */
export type BinnedInput = Pick<ScorecardAttribute, "name" | "source" | "match" | "containsValue" | "separator" | "numberFormat"> & {
  group?: ScorecardAttribute["group"];
  bins: readonly { label: string; when: BinMatch; points?: number }[];
};
