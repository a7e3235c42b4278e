import duckdb from "@duckdb/node-bindings";
import type { DuckDBDataChunk } from "@duckdb/node-api";

/*
 * The columns of a DuckDB data chunk as typed arrays over DuckDB's own memory, for reading a
 * million rows without a JS value per cell: DOUBLE as a Float64Array, INTEGER as an Int32Array.
 * The arrays are views, valid until the chunk is released (read them before fetching the chunk
 * after next), and NULL cells hold garbage: read only columns that have no NULL (e.g. through
 * COALESCE).
 */

/**
 * Column `i` of a DOUBLE column with no NULL.
 *
 * @example
 * import { openDuckDB } from "./duckdb-session";
 * import { float64Column } from "./chunk-columns";
 * const db = await openDuckDB(".");
 * const chunk = await (await db.stream("SELECT CAST(x AS DOUBLE) FROM (VALUES (2.5), (-1)) t(x)")).fetchChunk();
 * [...float64Column(chunk!, 0)]; // => [2.5, -1]
 * db.closeSync();
 */
export function float64Column(chunk: DuckDBDataChunk, i: number): Float64Array {
  const data = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, i), chunk.rowCount * 8);
  return new Float64Array(data.buffer, data.byteOffset, chunk.rowCount);
}

/**
 * Column `i` of an INTEGER column with no NULL.
 *
 * @example
 * import { openDuckDB } from "./duckdb-session";
 * import { int32Column } from "./chunk-columns";
 * const db = await openDuckDB(".");
 * const chunk = await (await db.stream("SELECT CAST(7 AS INTEGER) AS x")).fetchChunk();
 * int32Column(chunk!, 0)[0]; // => 7
 * db.closeSync();
 */
export function int32Column(chunk: DuckDBDataChunk, i: number): Int32Array {
  const data = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, i), chunk.rowCount * 4);
  return new Int32Array(data.buffer, data.byteOffset, chunk.rowCount);
}
