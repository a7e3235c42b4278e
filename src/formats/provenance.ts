import { Type, type Static } from "@sinclair/typebox";

/*
 * Where a rules or personas file came from, defined once for every file that records it: the
 * dataset, one fingerprint of its closed deals, one date range (by one rule) and the holdout as
 * data. `scoring.yaml`, `personas.yaml` and `summary.json` embed these same definitions.
 */

/** The seed of a random holdout when the spec gives none, and of the fallback when no deal has a date. */
export const DEFAULT_HOLDOUT_SEED = 7;

/** The closed deals' dates, first and last, by the rule of {@link tableProvenance}: `closed_at` when the spec has it, else `created_at`. */
export const DateRangeSchema = Type.Object(
  {
    from: Type.String({ description: "First date, YYYY-MM-DD (UTC)." }),
    to: Type.String({ description: "Last date, YYYY-MM-DD (UTC)." }),
    column: Type.String({ description: "Which date: closed_at or created_at." }),
  },
  { additionalProperties: false },
);

/** How the train/test split was made, as data. */
export const HoldoutRuleSchema = Type.Union([
  Type.Object(
    {
      by: Type.Literal("time"),
      lastDays: Type.Number({ description: "The test part is the deals of the last lastDays days." }),
      after: Type.String({ description: "Deals dated strictly after this day (YYYY-MM-DD) are tested." }),
      through: Type.String({ description: "The last date in the data." }),
      train: Type.Integer({ minimum: 0 }),
      test: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      by: Type.Literal("random"),
      fraction: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
      seed: Type.Integer(),
      fallback: Type.Boolean({ description: "True when a time holdout was asked for but no deal has a date." }),
      train: Type.Integer({ minimum: 0 }),
      test: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
]);

/** The provenance fields every exported file's metadata starts with (the {@link Provenance} of its table). */
export const PROVENANCE_FIELDS = {
  dataset: Type.String(),
  toolVersion: Type.String(),
  dataFingerprint: Type.String({ description: "sha256 of the closed deals' ids, outcomes, dates and attribute values." }),
  dateRange: Type.Optional(DateRangeSchema),
};

/** A date range of the closed deals. */
export type DateRange = Static<typeof DateRangeSchema>;
/** How a holdout was made. */
export type HoldoutRule = Static<typeof HoldoutRuleSchema>;

/** The provenance every exported file shares. */
export interface Provenance {
  dataset: string;
  toolVersion: string;
  dataFingerprint: string;
  dateRange?: DateRange;
}
