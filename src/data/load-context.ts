import type { DuckDBConnection } from "@duckdb/node-api";
import type { ResolvedDatasetSpec } from "./resolve-dataset-spec";
import type { TableContext } from "./read-table";

/**
 * What every phase of a load shares: the DuckDB session, the spec with its reading settings
 * resolved (declared attributes, text read as missing, date format, time zone) and the progress line.
 */
export interface LoadContext {
  db: DuckDBConnection;
  spec: ResolvedDatasetSpec;
  /** The spec's file, as messages name it. */
  specFile: string;
  progress: (message: string) => void;
  /** Where the table of a spec field (`deals`, `join.0`, `events`, `retention`) is declared, for messages. */
  tableAt: (field: string) => TableContext;
}
