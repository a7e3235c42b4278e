import duckdb from "@duckdb/node-bindings";
import type { DuckDBDataChunk } from "@duckdb/node-api";

/*
 * The columns of a DuckDB data chunk as typed arrays over DuckDB's own memory, for reading a
 * million rows without a JS value per cell: DOUBLE as a Float64Array, INTEGER as an Int32Array,
 * VARCHAR as the UTF-8 bytes of each value. The arrays are views, valid until the chunk is
 * released (read them before fetching the chunk after next), and NULL cells hold garbage: read
 * only columns that have no NULL (e.g. through COALESCE).
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

/** A VARCHAR column with no NULL, read as UTF-8 bytes: {@link varcharColumn}. */
export interface VarcharColumn {
  /**
   * Where row r's bytes are: the array returned, from `start` (set by the call) for `length`
   * (set by the call). Short values are inside the column's own memory, long ones in their own array.
   */
  locate(r: number): Uint8Array;
  start: number;
  length: number;
}

/**
 * Column `i` of a VARCHAR column with no NULL, as bytes: DuckDB keeps a value of up to 12
 * bytes inside its 16-byte slot (length, then the bytes) and a longer one behind a pointer.
 *
 * @example
 * import { openDuckDB } from "./duckdb-session";
 * import { varcharColumn } from "./chunk-columns";
 * const db = await openDuckDB(".");
 * const chunk = await (await db.stream("SELECT id FROM (VALUES ('L1'), ('a rather long lead id')) t(id)")).fetchChunk();
 * const ids = varcharColumn(chunk!, 0);
 * const text = (r: number) => new TextDecoder().decode(ids.locate(r).subarray(ids.start, ids.start + ids.length));
 * [text(0), text(1)]; // => ["L1", "a rather long lead id"]
 * db.closeSync();
 */
export function varcharColumn(chunk: DuckDBDataChunk, i: number): VarcharColumn {
  const data = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, i), chunk.rowCount * 16);
  const lengths = new Uint32Array(data.buffer, data.byteOffset, chunk.rowCount * 4);
  const column: VarcharColumn = {
    start: 0,
    length: 0,
    locate(r) {
      const length = lengths[4 * r];
      column.length = length;
      if (length <= 12) {
        column.start = 16 * r + 4;
        return data;
      }
      column.start = 0;
      return duckdb.get_data_from_pointer(data.buffer, data.byteOffset + 16 * r + 8, length);
    },
  };
  return column;
}

/**
 * Column `i` of a UBIGINT column with no NULL as 32-bit words, two per row (low first, as
 * stored on little-endian machines): e.g. DuckDB's `hash()`, without a BigInt per row.
 *
 * @example
 * import { openDuckDB } from "./duckdb-session";
 * import { uint64Words } from "./chunk-columns";
 * const db = await openDuckDB(".");
 * const chunk = await (await db.stream("SELECT CAST(4294967298 AS UBIGINT)")).fetchChunk();
 * [...uint64Words(chunk!, 0)]; // => [2, 1]
 * db.closeSync();
 */
export function uint64Words(chunk: DuckDBDataChunk, i: number): Uint32Array {
  const data = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, i), chunk.rowCount * 8);
  return new Uint32Array(data.buffer, data.byteOffset, chunk.rowCount * 2);
}
