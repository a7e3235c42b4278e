import { Type, type Static } from "@sinclair/typebox";
import { literalUnion } from "./literal-union";
import { ATTRIBUTE_TYPES, DECIMAL_MARKS, DEFAULT_SEPARATOR, OTHER_FLAG_VALUES, ROLES } from "./vocabulary";

/*
 * The dataset spec (`dataset.yaml`), defined once. The TypeScript type (`DatasetSpec`), the
 * runtime validation (`parseDatasetSpec`) and the committed JSON Schema
 * (`data/dataset.schema.json`) all come from this definition.
 */

const literals = <T extends readonly string[]>(values: T, description: string) => literalUnion(values, { description });

const tableSource = {
  file: Type.Optional(
    Type.String({ minLength: 1, description: "A CSV, Excel (.xlsx), Parquet or NDJSON/JSON file, by extension; relative to the dataset.yaml's folder." }),
  ),
  sheet: Type.Optional(
    Type.Union([Type.String({ minLength: 1 }), Type.Integer({ minimum: 1 })], {
      description: "For an .xlsx file: the sheet's name or 1-based position. Default: the first sheet.",
    }),
  ),
  sql: Type.Optional(
    Type.String({ minLength: 1, description: "A DuckDB query (may read and join files; relative paths resolve against the dataset.yaml's folder)." }),
  ),
};

const JoinOn = Type.Union(
  [
    Type.String({ minLength: 1, description: "A column with the same name in deals (after earlier joins) and in this table." }),
    Type.Object(
      { deals: Type.String({ minLength: 1 }), table: Type.String({ minLength: 1 }) },
      { additionalProperties: false, description: "Different names on the two sides." },
    ),
  ],
  { description: "The key of a many-to-one lookup." },
);

/** The JSON-Schema definition of `dataset.yaml`. */
export const DatasetSpecSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: "The dataset's name; goes into the provenance of exported rules." }),
    missing: Type.Optional(
      Type.Array(Type.String(), {
        description: 'Text read as missing in every column (compared after trimming). Default: ["", "NA", "N/A", "null", "NULL", "#N/A"].',
      }),
    ),
    date_format: Type.Optional(
      Type.String({ minLength: 2, description: "strftime-style format of every date column, e.g. %m/%d/%Y. Default: ISO 8601." }),
    ),
    timezone: Type.Optional(
      Type.String({
        minLength: 1,
        description: "IANA time zone (e.g. America/New_York) in which timestamps without an offset are read. Default: UTC. Offsets in the data are honoured; the machine's TZ never matters.",
      }),
    ),
    deals: Type.Object(
      {
        ...tableSource,
        id: Type.String({ minLength: 1, description: "The deal id column; unique." }),
        outcome: Type.Object(
          {
            column: Type.String({ minLength: 1 }),
            won: Type.Array(Type.String(), { minItems: 1, description: "Values meaning closed-won (trimmed, case-insensitive)." }),
            lost: Type.Array(Type.String(), {
              description: "Values meaning closed-lost. May be empty for a customer list (all won): win analysis is then skipped.",
            }),
          },
          { additionalProperties: false, description: "Any value in neither list is an open deal: counted, not trained on." },
        ),
        created_at: Type.Optional(
          Type.String({ minLength: 1, description: "The scoring point: no event at or after it feeds a feature." }),
        ),
        closed_at: Type.Optional(Type.String({ minLength: 1 })),
        amount: Type.Optional(Type.String({ minLength: 1, description: "Deal amount; reported, never a predictor." })),
      },
      { additionalProperties: false, description: "One row per opportunity (or per customer)." },
    ),
    join: Type.Optional(
      Type.Array(
        Type.Object({ ...tableSource, on: JoinOn }, { additionalProperties: false }),
        { description: "Many-to-one lookups onto deals, applied in order." },
      ),
    ),
    events: Type.Optional(
      Type.Object(
        {
          ...tableSource,
          key: Type.String({ minLength: 1, description: "A column of deals (after joins) and of events." }),
          time: Type.String({ minLength: 1 }),
          type: Type.String({ minLength: 1 }),
          value: Type.Optional(Type.String({ minLength: 1, description: "Summed per event type and window." })),
          windows: Type.Optional(
            Type.Array(Type.Integer({ minimum: 1, maximum: 3650 }), {
              minItems: 1,
              description: "Days before the scoring point. Default [90].",
            }),
          ),
        },
        { additionalProperties: false, description: "Behavioural log; features are cut at the scoring point." },
      ),
    ),
    retention: Type.Optional(
      Type.Object(
        {
          ...tableSource,
          key: Type.String({ minLength: 1, description: "A column of deals (after joins) and of this table; one row per key." }),
          retained: Type.Optional(
            Type.Object(
              {
                column: Type.String({ minLength: 1 }),
                true: Type.Array(Type.String(), { minItems: 1, description: "Values meaning retained." }),
                false: Type.Array(Type.String(), { minItems: 1, description: "Values meaning churned." }),
                other: Type.Optional(
                  literals(OTHER_FLAG_VALUES, "What any other value is: `error` (default; the load fails naming the values and their counts) or `missing` (unknown retention, counted in the load report)."),
                ),
              },
              {
                additionalProperties: false,
                description: "Flag form. Values compare after Unicode NFC, collapsing white space and folding case; an empty cell is unknown retention.",
              },
            ),
          ),
          start: Type.Optional(Type.String({ minLength: 1, description: "Survival form: contract start column." })),
          churned_at: Type.Optional(Type.String({ minLength: 1, description: "Survival form: churn date column (empty = not churned)." })),
          observed_until: Type.Optional(
            Type.String({ minLength: 1, description: "Survival form: censoring date (ISO 8601, read in the dataset's time zone, as start and churned_at are). Default: the latest date in the table." }),
          ),
        },
        { additionalProperties: false, description: "About won deals: either `retained` or `start` + `churned_at`." },
      ),
    ),
    attributes: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Object(
          {
            role: Type.Optional(literals(ROLES, "What the attribute is about; `exclude` keeps it out of every analysis.")),
            type: Type.Optional(literals(ATTRIBUTE_TYPES, "How values are read and binned.")),
            separator: Type.Optional(Type.String({ minLength: 1, description: `For type multi. Default '${DEFAULT_SEPARATOR}'.` })),
            decimal: Type.Optional(
              literals(DECIMAL_MARKS, "For numbers: the decimal mark the column uses (the other of '.' and ',' is then the thousands separator). Default: detected, '.' when ambiguous, and a '€1.200'-style column without other evidence stays text until this is set."),
            ),
            framework: Type.Optional(Type.String({ minLength: 1 })),
            criterion: Type.Optional(Type.String({ minLength: 1 })),
            reason: Type.Optional(Type.String()),
            keep: Type.Optional(
              Type.Boolean({ description: "Keep an attribute that the drivers flag as possible leakage (it is set aside by default)." }),
            ),
            missing: Type.Optional(
              literals(
                ["neutral", "informative"] as const,
                "How a missing value scores: `neutral` (default: at most 0 points) or `informative` (the missing bin earns its own points).",
              ),
            ),
          },
          { additionalProperties: false },
        ),
        { description: "Overrides; every other column is inferred and reported." },
      ),
    ),
    holdout: Type.Optional(
      Type.Union([
        Type.Object(
          { by: Type.Literal("time"), last_days: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        Type.Object(
          {
            by: Type.Literal("random"),
            fraction: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
            seed: Type.Optional(Type.Integer()),
          },
          { additionalProperties: false },
        ),
      ]),
    ),
  },
  {
    additionalProperties: false,
    $id: "https://leadlab.dev/schema/dataset.schema.json",
    title: "leadlab dataset spec",
    description: "Describes a CRM export of closed deals for leadlab (dataset.yaml).",
  },
);

/**
 * The dataset spec as written in `dataset.yaml`.
 *
 * @example
 * import type { DatasetSpec } from "leadlab";
 * const spec: DatasetSpec = {
 *   name: "demo",
 *   deals: { file: "deals.csv", id: "deal_id", outcome: { column: "stage", won: ["Won"], lost: ["Lost"] } },
 * };
 */
export type DatasetSpec = Static<typeof DatasetSpecSchema>;

/** A table of the spec: read from `file` or produced by `sql`. */
export interface TableSource {
  file?: string;
  /** For an `.xlsx` file: the sheet's name or 1-based position (default: the first). */
  sheet?: string | number;
  sql?: string;
}

/**
 * The committed JSON Schema of `dataset.yaml`, as a plain object.
 *
 * @example
 * import { datasetJsonSchema } from "leadlab";
 * datasetJsonSchema().title; // => "leadlab dataset spec"
 */
export function datasetJsonSchema(): Record<string, unknown> {
  return { $schema: "http://json-schema.org/draft-07/schema#", ...JSON.parse(JSON.stringify(DatasetSpecSchema)) };
}
