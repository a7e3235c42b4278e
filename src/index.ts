/**
 * leadlab: evidence-based lead scoring. This file is the table of contents of the public API.
 */

// Dataset spec: one definition for the type, the validation and the JSON Schema
export { ROLES, ATTRIBUTE_TYPES, EVENT_AGGREGATES, type Role, type AttributeType, type EventAggregate } from "./data/vocabulary";
export { DatasetSpecSchema, datasetJsonSchema, type DatasetSpec, type TableSource } from "./data/dataset-spec";
export { parseDatasetSpec, readDatasetSpec } from "./data/parse-dataset-spec";
export { DatasetError, type ErrorLocation } from "./data/dataset-error";

// Loading: DuckDB reads the files; one row per closed deal, features as of the scoring point
export { loadDataset, loadDatasetSpec, DEFAULT_MISSING, type LoadOptions, type LoadedDataset } from "./data/load-dataset";
export type { LoadReport, JoinReport, EventsReport, AttributeReport } from "./data/load-report";
export { formatLoadReport } from "./data/format-load-report";
export { DealTable, type DealTableParts, type AttributeMeta, type Column, type EventFeature, type Retention, type Holdout } from "./data/deal-table";
export { dealTableToDataFrame, fromDataFrame } from "./data/data-frame";
export { profileTable, type AttributeProfile, type ValueWinRate } from "./data/profile-table";
export { eventFeatures, eventFeatureName, MAX_EVENT_TYPES, type EventFeatures, type ScoringPoints } from "./data/event-features";
export { retentionTable } from "./data/retention-table";
export { inferAttribute, parseBoolean, parseNumber, type Inference } from "./data/infer-attribute";
export { parseDate } from "./data/parse-date";
export { typedColumn, gatherColumn, countMissing, countDistinct, type ColumnOrigin } from "./data/typed-column";
export { readTextTable, requireColumn, tableExpression, tableLabel, runUserQuery, type TextTable, type TableContext } from "./data/read-table";
export { openDuckDB, sqlString, sqlIdentifier } from "./data/duckdb-session";
export { nearestName, editDistance } from "./data/nearest-name";
export { compareText } from "./data/compare-text";

// Command line
export { main, COMMANDS } from "./cli/main";
export { CliError } from "./cli/cli-error";
export { parseCommandArgs } from "./cli/parse-command-args";
export { profileCommand } from "./cli/profile-command";
export { validateCommand } from "./cli/validate-command";
export { schemaCommand, datasetSchemaText, DATASET_SCHEMA_PATH } from "./cli/schema-command";
