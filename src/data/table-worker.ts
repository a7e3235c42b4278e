import { SideWorker } from "../thread/side-worker";
import { DealTable, type DealTableParts } from "./deal-table";

/**
 * A {@link SideWorker} holding a copy of `table` without its decayed counts (`decayed`, which
 * the calls made on it do not read): each call gets the table as its first argument, there or
 * here. Close it when done. The table crosses once, packed ({@link packTable}): its columns of
 * numbers are shared, not copied again there, and its columns of text cross as a few distinct
 * values and their codes.
 *
 * @example
 * import { loadDataset } from "leadlab";
 * import { tableWorker } from "./table-worker";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const worker = tableWorker(table);
 * const provenance = worker.call<{ dataFingerprint: string }>({ module: require.resolve("./table-provenance"), name: "tableProvenance" }, []);
 * provenance.result().dataFingerprint === table.provenance.dataFingerprint; // => true
 * worker.close();
 */
export function tableWorker(table: DealTable): SideWorker<DealTable> {
  // Packed while the worker starts.
  return SideWorker.start(table, { module: __filename, name: unpackTable.name }, () => [packTable(table)]);
}

/** A column of text, booleans or lists of text, packed: its distinct values and each row's code (−1 for null). */
interface PackedColumn {
  packedValues: readonly unknown[];
  codes: Int32Array;
}

/** Columns (and other per-deal arrays) of fewer rows than this are left as they are. */
const PACK_MIN_ROWS = 1024;

/**
 * The table's parts but its decayed counts, made cheap to cross to a worker: every typed array (numbers, dates, outcomes)
 * copied into shared memory, which crosses without a copy; every long array of text, booleans or
 * lists of text (columns, ids, account keys) as its distinct values and a code per row. The
 * table's own arrays are not touched. {@link unpackTable} rebuilds the table, equal value for value.
 */
export function packTable(table: DealTable): unknown {
  return pack({ ...table, decayed: undefined });
}

/** The table {@link packTable} packed, rebuilt (on the worker). */
export function unpackTable(packed: unknown): DealTable {
  return new DealTable(unpack(packed) as DealTableParts);
}

function pack(x: unknown): unknown {
  if (ArrayBuffer.isView(x)) {
    if (x.buffer instanceof SharedArrayBuffer || x instanceof DataView) return x;
    const shared = new SharedArrayBuffer(x.byteLength);
    new Uint8Array(shared).set(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
    return new (x.constructor as new (buffer: SharedArrayBuffer) => ArrayBufferView)(shared);
  }
  if (Array.isArray(x)) return x.length >= PACK_MIN_ROWS && x.every(isCell) ? packColumn(x) : x.map(pack);
  if (x !== null && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, pack(v)]));
  return x;
}

function unpack(x: unknown): unknown {
  if (ArrayBuffer.isView(x)) return x;
  if (Array.isArray(x)) return x.map(unpack);
  if (x !== null && typeof x === "object") {
    if ("packedValues" in x && "codes" in x) {
      const { packedValues, codes } = x as PackedColumn;
      const column: unknown[] = new Array(codes.length);
      // Each row gets its own list (a list is an object: rows must not share one).
      const lists = packedValues.some(Array.isArray);
      for (let i = 0; i < codes.length; i++) column[i] = codes[i] < 0 ? null : lists ? [...(packedValues[codes[i]] as string[])] : packedValues[codes[i]];
      return column;
    }
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, unpack(v)]));
  }
  return x;
}

/** A value a column of text, booleans or lists of text holds. */
const isCell = (v: unknown) => v === null || typeof v === "string" || typeof v === "boolean" || (Array.isArray(v) && v.every((s) => typeof s === "string"));

function packColumn(column: readonly unknown[]): PackedColumn {
  const codeOf = new Map<unknown, number>();
  // A list is known by its items, written as JSON.
  const codeOfList = new Map<string, number>();
  const packedValues: unknown[] = [];
  const codes = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === null) {
      codes[i] = -1;
      continue;
    }
    const [known, key] = Array.isArray(v) ? [codeOfList as Map<unknown, number>, JSON.stringify(v)] : [codeOf, v];
    let code = known.get(key);
    if (code === undefined) {
      known.set(key, (code = packedValues.length));
      packedValues.push(v);
    }
    codes[i] = code;
  }
  return { packedValues, codes };
}
