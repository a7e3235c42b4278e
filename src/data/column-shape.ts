/**
 * What a column of DuckDB type `type` holds per cell: one value (`scalar`), a list of values
 * (`list`: an array of a scalar type, `VARCHAR[]`, `BIGINT[]`, `DECIMAL(18,2)[]`, `INTEGER[3]`),
 * or a record (`nested`: a STRUCT, MAP or UNION, or a list of them or of lists), as Parquet and
 * NDJSON exports from a warehouse can hold. A list is read as its items; a record is no value to
 * analyse as it is.
 *
 * @example
 * import { columnShape } from "./column-shape";
 * [columnShape("VARCHAR"), columnShape("VARCHAR[]"), columnShape("DECIMAL(18,2)[]"), columnShape("STRUCT(city VARCHAR)"), columnShape("INTEGER[][]")];
 * // => ["scalar", "list", "list", "nested", "nested"]
 */
export function columnShape(type: string): "scalar" | "list" | "nested" {
  if (/(STRUCT|MAP|UNION)\(/.test(type) || /\]\[/.test(type)) return "nested";
  return /\[\d*\]$/.test(type) ? "list" : "scalar";
}
