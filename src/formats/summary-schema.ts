import { Type, type Static } from "@sinclair/typebox";
import { literalUnion } from "./literal-union";
import { BELIEF_DIRECTIONS, BELIEF_TARGETS } from "./beliefs-schema";
import { assertMatchesSchema } from "./schema-errors";
import { DatasetError } from "./dataset-error";
import { PROVENANCE_FIELDS } from "./provenance";
import { RoundingSchema } from "./scoring-rules-schema";
import { ROLES } from "./vocabulary";

/*
 * The `summary.json` format (the machine-readable summary of a quarterly run), defined once:
 * the TypeScript type `QuarterlyRun.summary()` returns, the runtime validation
 * (`parseRunSummary`) and the committed JSON Schema (rules/schema/summary.schema.json) all come
 * from this definition. Numbers that are not finite (an interval of an empty group) are written
 * as null.
 */


const closed = { additionalProperties: false } as const;
/** A statistic: null in the file where it is not a number (no deals, no events). */
const Stat = (description?: string) => Type.Union([Type.Number(), Type.Null()], description ? { description } : {});

/** The learned decay of the tuned card: what was tried per event type on the training part, what was kept, and the holdout backtest. */
export const DecaySchema = Type.Object(
  {
    minGain: Type.Number({ description: "A half-life is kept only when it raises the card's cross-validated training AUC by at least this." }),
    choices: Type.Array(
      Type.Object(
        {
          eventType: Type.String(),
          halfLifeDays: Type.Union([Type.Integer(), Type.Null()], { description: "The half-life kept; null: the fixed windows stay." }),
          replaced: Type.Array(Type.String(), { description: "The fixed-window attributes the decayed count replaced." }),
          tried: Type.Array(Type.Object({ halfLifeDays: Type.Integer(), gain: Stat("Cross-validated training AUC with this half-life minus without (null: the card with it would have been kept but was not acceptable).") }, { additionalProperties: false })),
          fixed: Type.Array(Type.String(), { description: "The type's fixed-window attributes on the card when it was tried." }),
          recentCountMore: Type.Boolean({
            description: "Whether the type's recent events count more: the shortest half-life's gain beats the longest's by at least minGain, whether or not a half-life was kept (a days-since-last feature on the card may already say it).",
          }),
          note: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
    holdout: Type.Union(
      [
        Type.Object(
          { aucDecay: Stat(), aucFixed: Stat(), diff: Stat(), lo: Stat(), hi: Stat(), p: Stat() },
          { additionalProperties: false, description: "The card with the learned decay against the same card with the fixed windows (exact edges, both fitted on the training part), on the holdout: paired DeLong difference, 95 % interval and p." },
        ),
        Type.Null(),
      ],
      { description: "null when no half-life was kept (or the holdout cannot be tested)." },
    ),
    verdict: Type.String(),
  },
  { additionalProperties: false },
);

/** The learned decay of a tuned card (see {@link DecaySchema}). */
export type DecaySummary = Static<typeof DecaySchema>;
const Count = Type.Integer({ minimum: 0 });
const Interval = Type.Object({ value: Stat(), lo: Stat(), hi: Stat() }, closed);
const Auc = Type.Object({ auc: Stat(), lo: Stat(), hi: Stat() }, closed);
/** A rate among `n` with its Wilson 95 % interval. */
const Rate = Type.Object({ n: Count, events: Count, rate: Stat(), lo: Stat(), hi: Stat() }, closed);
const Evidence = Type.Object({ strong: Type.Array(Type.String()), supporting: Type.Array(Type.String()) }, closed);

/** One point of a Kaplan–Meier curve: the share still customers `days` after the start, with its 95 % band. */
export const SurvivalStepSchema = Type.Object({ days: Type.Number(), survival: Stat(), lo: Stat(), hi: Stat() }, closed);

/** The survival of a group of customers at the horizon, with its median lifetime. */
const SurvivalSchema = Type.Object(
  {
    label: Type.String(),
    n: Count,
    atHorizon: Type.Object({ survival: Stat(), lo: Stat(), hi: Stat() }, closed),
    medianDays: Stat("null when the curve never falls to 50 %"),
  },
  closed,
);

/** A bin whose win rate and retention rate lie on opposite sides of their base rates. */
const ContrastRowSchema = Type.Object(
  {
    name: Type.String(),
    label: Type.String({ description: "The bin of the win analysis." }),
    win: Type.Object({ n: Count, events: Count, rate: Stat(), lo: Stat(), hi: Stat() }, closed),
    retention: Type.Object({ n: Count, events: Count, rate: Stat(), lo: Stat(), hi: Stat() }, closed),
    winQ: Stat(),
    retentionQ: Stat(),
    contrast: Stat("(win rate − base win rate) × (base retention rate − retention rate)"),
  },
  closed,
);

/** The `retention` block: what predicts that a won customer stays, on the training part. */
export const RetentionBlockSchema = Type.Union(
  [
    Type.Object(
      {
        available: Type.Literal(true),
        split: Type.String({ description: "The holdout split; retention is analysed on its training part, as the win drivers are." }),
        event: Type.String({ description: 'What counts as retained, e.g. "retained 365 days".' }),
        horizonDays: Type.Optional(Type.Integer({ minimum: 1, description: "Survival form: the horizon retention is read at." })),
        overall: Type.Optional(SurvivalSchema),
        customers: Count,
        retained: Count,
        baseRate: Stat(),
        fdr: Type.Number(),
        verdict: Type.String(),
        tested: Count,
        drivers: Type.Array(
          Type.Object(
            {
              name: Type.String(),
              attribute: Type.String(),
              role: literalUnion(ROLES),
              iv: Type.Number(),
              p: Type.Number(),
              q: Type.Number(),
              method: Type.String({ description: "The test: log-rank (survival form), chi-square, fisher-exact or permutation." }),
              bins: Type.Array(Type.Object({ label: Type.String(), n: Count, retained: Count, rate: Stat(), lo: Stat(), hi: Stat() }, closed)),
              survival: Type.Optional(Type.Array(SurvivalSchema)),
            },
            closed,
          ),
          { description: "The significant drivers (q below fdr, not set aside as leakage), by information value." },
        ),
        setAside: Type.Array(Type.Object({ name: Type.String(), reason: Type.String() }, closed), { description: "Attributes flagged as possible leakage." }),
        curves: Type.Array(
          Type.Object({ name: Type.String(), bins: Type.Array(Type.Object({ label: Type.String(), n: Count, steps: Type.Array(SurvivalStepSchema) }, closed)) }, closed),
          { description: "Kaplan–Meier curves of the strongest drivers, per bin: the points where the curve steps, and its last point." },
        ),
        contrast: Type.Object(
          {
            baseWinRate: Stat(),
            baseRetentionRate: Stat(),
            winsButChurns: Type.Array(ContrastRowSchema, { description: "Win interval above the base win rate, retention interval below the base retention rate." }),
            hardToWinLoyal: Type.Array(ContrastRowSchema, { description: "The reverse." }),
          },
          closed,
        ),
      },
      closed,
    ),
    Type.Object({ available: Type.Literal(false), reason: Type.String() }, closed),
  ],
  { description: "Retention drivers, survival curves and the wins-but-churns contrast; `available: false` when the dataset has no retention data." },
);

const TierSchema = Type.Object(
  { name: Type.String(), minPoints: Type.Union([Type.Integer(), Type.Null()]), expectedWinRate: Type.Union([Interval, Type.Null()]), shareOfLeads: Stat(), shareOfWins: Stat(), n: Count },
  closed,
);

const DriftSchema = Type.Object(
  {
    name: Type.String(),
    periods: Type.Array(
      Type.Object(
        {
          label: Type.String(),
          holdout: Type.Boolean(),
          n: Count,
          auc: Auc,
          bins: Type.Array(Type.Object({ label: Type.String(), n: Count, wins: Count, winRate: Stat() }, closed)),
        },
        closed,
      ),
    ),
    flag: Type.Union([literalUnion(["flips", "fades"] as const), Type.Null()]),
    note: Type.Union([Type.String(), Type.Null()]),
  },
  closed,
);

const LoadSchema = Type.Object(
  {
    deals: Type.Object(
      {
        table: Type.String(),
        read: Count,
        won: Count,
        lost: Count,
        open: Count,
        dropped: Count,
        openValues: Type.Array(Type.Object({ value: Type.String(), rows: Count }, closed)),
      },
      closed,
    ),
    joins: Type.Array(Type.Object({ table: Type.String(), matched: Count, unmatched: Count }, closed)),
  },
  closed,
);

const PsiReadingSchema = literalUnion(["stable", "moderate", "major"] as const);
const PsiBinSchema = Type.Object(
  { bin: Count, from: Stat(), to: Stat(), expectedN: Count, actualN: Count, expectedShare: Stat(), actualShare: Stat(), contribution: Stat() },
  closed,
);

const DiffSchema = Type.Object(
  {
    from: Type.Object({ dataset: Type.String(), fingerprint: Type.String(), auc: Stat() }, closed),
    to: Type.Object({ dataset: Type.String(), fingerprint: Type.String(), auc: Stat() }, closed),
    added: Type.Array(Type.String()),
    removed: Type.Array(Type.String()),
    points: Type.Array(Type.Object({ attribute: Type.String(), bin: Type.String(), before: Type.Union([Type.Number(), Type.Null()]), after: Type.Union([Type.Number(), Type.Null()]) }, closed)),
    tiers: Type.Array(
      Type.Object({ name: Type.String(), before: Type.Optional(Type.Union([Type.Number(), Type.Null()])), after: Type.Optional(Type.Union([Type.Number(), Type.Null()])) }, closed),
    ),
    basePoints: Type.Object({ before: Type.Number(), after: Type.Number() }, closed),
    scoreStability: Type.Optional(
      Type.Union(
        [
          Type.Object(
            {
              before: Type.Object({ from: Type.String(), to: Type.String(), column: Type.String(), deals: Count }, closed),
              after: Type.Object({ deals: Count, to: Type.String() }, closed),
              tiers: Type.Object({ psi: Stat(), reading: PsiReadingSchema, bins: Type.Array(PsiBinSchema), warnings: Type.Array(Type.String()) }, closed),
              deciles: Type.Object({ psi: Stat(), reading: PsiReadingSchema, warnings: Type.Array(Type.String()) }, closed),
            },
            closed,
          ),
          Type.Object({ unavailable: Type.String() }, closed),
        ],
        { description: "The PSI of the score distribution under last quarter's rules, its deals against the deals after them, or why it could not be computed." },
      ),
    ),
  },
  { ...closed, description: "The changes against last quarter's rules (absent without --previous)." },
);

const BeliefsSchema = Type.Object(
  {
    dataset: Type.String(),
    holdout: Type.String(),
    fdr: Type.Number(),
    minDeals: Count,
    beliefs: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          claim: Type.Optional(Type.String()),
          by: Type.Optional(Type.String()),
          condition: Type.String(),
          predicts: literalUnion(BELIEF_TARGETS),
          direction: literalUnion(BELIEF_DIRECTIONS),
          with: Rate,
          without: Rate,
          unknown: Count,
          lift: Interval,
          designEffect: Stat(),
          p: Stat(),
          q: Stat(),
          verdict: Type.String({ description: "confirmed, contradicted or unclear." }),
          reason: Type.String(),
        },
        closed,
      ),
    ),
    warnings: Type.Array(Type.String()),
  },
  { ...closed, description: "The team's claims tested on the holdout (when a beliefs.yaml is given)." },
);

const AmountBinSchema = Type.Object({ label: Type.String(), n: Count, median: Stat(), lo: Stat(), hi: Stat(), coverage: Stat() }, closed);

const ValueSchema = Type.Object(
  {
    dataset: Type.String(),
    currency: Type.Optional(Type.String({ description: "The amount's currency (ISO 4217), when its values carried one." })),
    n: Count,
    overall: AmountBinSchema,
    fdr: Type.Number(),
    attributes: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          attribute: Type.String(),
          role: literalUnion(ROLES),
          bins: Type.Array(AmountBinSchema),
          h: Stat(),
          df: Type.Number(),
          designEffect: Stat(),
          p: Stat(),
          q: Stat(),
          significant: Type.Boolean(),
          spread: Stat(),
          leakage: Type.Union([Type.String(), Type.Null()], { description: "Why the attribute is the amount written another way (its ranks follow the amount's), set aside from the amount card; null otherwise." }),
        },
        closed,
      ),
    ),
    verdict: Type.String(),
    warnings: Type.Array(Type.String()),
  },
  { ...closed, description: "What predicts the amount of won deals (when asked for)." },
);

/** The JSON-Schema definition of `summary.json`. */
const CaptureContrastSchema = Type.Object(
  { value: Interval, win: Interval, diff: Interval },
  { ...closed, description: "Share held by the top leads by expected value, by win points alone, and the paired difference (value − win), each with its bootstrap 95 % interval." },
);
const ValueTierSchema = Type.Object(
  {
    name: Type.String(),
    min: Type.Union([Type.Number(), Type.Null()], { description: "The tier's lowest expected value (value tiers) or points (win tiers); null for the last." }),
    n: Count,
    shareOfLeads: Stat(),
    winRate: Stat(),
    shareOfWonRevenue: Stat(),
    shareOfRetainedRevenue: Stat("null without retention data"),
  },
  closed,
);

/** The `expectedValue` block: the amount and retention cards, value tiers beside win tiers, and what the top tiers capture on the holdout. */
export const ExpectedValueBlockSchema = Type.Union([
  Type.Object({ available: Type.Literal(false), reason: Type.String() }, closed),
  Type.Object(
    {
      available: Type.Literal(true),
      verdict: Type.String(),
      currency: Type.Optional(Type.String()),
      winChance: Type.Object({ intercept: Type.Number(), slope: Type.Number() }, { ...closed, description: "Chance of winning = logistic(intercept + slope × points), calibrated on the training part." }),
      amount: Type.Object(
        {
          base: Type.Number(),
          deals: Count,
          cvR2: Type.Number({ description: "Cross-validated R² of log amount on the won training deals (0 with no attribute)." }),
          attributes: Type.Array(Type.String()),
          steps: Type.Array(Type.Object({ name: Type.String(), cvR2: Type.Number() }, closed)),
          rejected: Type.Optional(Type.Object({ name: Type.String(), gain: Type.Number() }, closed)),
        },
        closed,
      ),
      retention: Type.Union([
        Type.Null(),
        Type.Object(
          {
            horizonDays: Type.Integer({ minimum: 1 }),
            customers: Count,
            retained: Count,
            baseLogOdds: Type.Number(),
            attributes: Type.Array(Type.String()),
            steps: Type.Array(Type.Object({ name: Type.String(), auc: Type.Number() }, closed)),
            leftOut: Type.Array(Type.Object({ reason: Type.String(), rows: Count }, closed)),
          },
          closed,
        ),
      ]),
      tiers: Type.Object({ value: Type.Array(ValueTierSchema), win: Type.Array(ValueTierSchema) }, { ...closed, description: "On the holdout, value tiers beside the win tiers." }),
      capture: Type.Array(
        Type.Object({ leadShare: Type.Number(), wonRevenue: CaptureContrastSchema, retainedRevenue: Type.Union([CaptureContrastSchema, Type.Null()]) }, closed),
        { description: "At the lead share of the top tier, the top two tiers, …: what the top holdout leads by expected value hold against the same share by win points." },
      ),
      holdout: Type.Object(
        {
          leads: Count,
          wonDeals: Count,
          wonRevenue: Type.Number(),
          retainedDefinition: Type.Union([Type.String(), Type.Null()]),
          retainedRevenue: Stat(),
          retentionUnknown: Count,
          medianObservedDays: Stat(),
          bootstrap: Type.Object({ replicates: Count, seed: Type.Integer(), resampled: literalUnion(["accounts", "deals"] as const) }, closed),
        },
        closed,
      ),
      warnings: Type.Array(Type.String()),
    },
    closed,
  ),
]);

export const RunSummarySchema = Type.Object(
  {
    dataset: Type.String(),
    verdict: Type.String(),
    usable: Type.Boolean(),
    notUsableBecause: Type.Array(Type.String()),
    holdout: Type.Object({ description: Type.String(), train: Count, test: Count, testWins: Count }, closed),
    metrics: Type.Object(
      { auc: Auc, aucUnrounded: Stat(), ks: Stat(), brier: Stat(), baseRate: Stat() },
      { ...closed, description: "On the holdout, never on fitted rows." },
    ),
    references: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          auc: Auc,
          vsScorecard: Type.Union([Type.Object({ diff: Stat(), lo: Stat(), hi: Stat(), p: Stat() }, closed), Type.Null()]),
        },
        closed,
      ),
    ),
    tiers: Type.Array(TierSchema),
    grades: Type.Array(Type.Object({ grade: Type.String(), n: Count, winRate: Stat() }, closed)),
    stability: Type.Object({ psi: Stat(), reading: PsiReadingSchema }, closed),
    rounding: Type.Optional(RoundingSchema),
    decay: DecaySchema,
    attributes: Type.Array(
      Type.Object({ name: Type.String(), role: literalUnion(ROLES), group: literalUnion(["fit", "engagement"] as const), rationale: Type.String() }, closed),
    ),
    selectionFolds: literalUnion(["time-ordered", "stratified"] as const),
    drift: Type.Array(DriftSchema),
    leakage: Type.Object(
      {
        setAside: Type.Array(Type.Object({ name: Type.String(), evidence: Evidence }, closed)),
        keptOnRequest: Type.Array(Type.Object({ name: Type.String(), evidence: Evidence }, closed)),
        questions: Type.Array(Type.Object({ name: Type.String(), question: Type.Union([Type.String(), Type.Null()]), evidence: Evidence }, closed)),
      },
      closed,
    ),
    provenance: Type.Object(PROVENANCE_FIELDS, closed),
    load: Type.Optional(LoadSchema),
    diff: Type.Optional(DiffSchema),
    retention: RetentionBlockSchema,
    beliefs: Type.Optional(BeliefsSchema),
    value: Type.Optional(ValueSchema),
    expectedValue: ExpectedValueBlockSchema,
    warnings: Type.Array(Type.String()),
  },
  {
    additionalProperties: false,
    $id: "https://leadlab.dev/schema/summary.schema.json",
    title: "leadlab run summary",
    description: "The machine-readable summary of a quarterly run (summary.json, written by leadlab tune beside scoring.yaml).",
  },
);

/**
 * The contents of a `summary.json`.
 *
 * @example
 * import type { RunSummary } from "leadlab";
 * const auc = (s: RunSummary) => s.metrics.auc.auc;
 */
export type RunSummary = Static<typeof RunSummarySchema>;
/** The `expectedValue` block of a `summary.json`. */
export type ExpectedValueBlock = Static<typeof ExpectedValueBlockSchema>;
/** The `retention` block of a `summary.json`. */
export type RetentionBlock = Static<typeof RetentionBlockSchema>;
/** One point of a Kaplan–Meier curve in a `summary.json`. */
export type SurvivalStep = Static<typeof SurvivalStepSchema>;

/** Where the committed JSON Schema of summary.json lives. */
export const SUMMARY_SCHEMA_PATH = "rules/schema/summary.schema.json";

/**
 * The JSON Schema of `summary.json` as committed: generated from the definition
 * {@link parseRunSummary} validates with; stable formatting and a trailing newline.
 *
 * @example
 * import { summarySchemaText } from "leadlab";
 * JSON.parse(summarySchemaText()).title; // => "leadlab run summary"
 */
export function summarySchemaText(): string {
  const schema = { $schema: "http://json-schema.org/draft-07/schema#", ...JSON.parse(JSON.stringify(RunSummarySchema)) };
  return JSON.stringify(schema, null, 2) + "\n";
}

/**
 * Parses and validates the text of a `summary.json`. Throws a `DatasetError` naming the file,
 * the field, the value and the fix: an unknown field (with the nearest allowed name), a missing
 * field, or a value of the wrong kind.
 *
 * @example
 * import { parseRunSummary } from "leadlab";
 * import { readFileSync } from "node:fs";
 * parseRunSummary(readFileSync("rules/sample/summary.json", "utf8")).retention.available; // => true
 */
export function parseRunSummary(text: string, file = "summary.json"): RunSummary {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DatasetError(`not JSON (${(e as Error).message})`, { file }, "write it again with leadlab tune");
  }
  assertMatchesSchema(RunSummarySchema, data, file, SUMMARY_SCHEMA_PATH);
  return data as RunSummary;
}
