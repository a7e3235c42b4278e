import assert from "node:assert/strict";
import { test } from "node:test";
import { DealTable } from "../../src/data/deal-table";
import { packTable, tableWorker, unpackTable } from "../../src/data/table-worker";
import { sampleTable } from "../helpers/sample-fixture";

const ROWS = 2000;

/** A table of every column type, long enough to be packed, with missing values and repeated lists. */
function everyType(): DealTable {
  const pick = <T>(i: number, xs: readonly T[]) => xs[i % xs.length];
  return new DealTable({
    name: "every type",
    ids: Array.from({ length: ROWS }, (_, i) => `D${i}`),
    won: Uint8Array.from({ length: ROWS }, (_, i) => i % 3 === 0 ? 1 : 0),
    closedAt: Float64Array.from({ length: ROWS }, (_, i) => Date.UTC(2026, 0, 1) + i * 3_600_000),
    attributes: [
      { name: "employees", type: "numeric", role: "firmographic", source: "spec", table: "deals" },
      { name: "industry", type: "categorical", role: "firmographic", source: "spec", table: "deals" },
      { name: "budget", type: "boolean", role: "qualification", source: "spec", table: "deals" },
      { name: "stack", type: "multi", role: "firmographic", source: "spec", table: "deals" },
    ],
    columns: {
      employees: Float64Array.from({ length: ROWS }, (_, i) => (i % 7 === 0 ? NaN : i % 500)),
      industry: Array.from({ length: ROWS }, (_, i) => pick(i, ["SaaS", null, "Retail", "", "Ünïcode ✓"])),
      budget: Array.from({ length: ROWS }, (_, i) => pick(i, [true, false, null])),
      stack: Array.from({ length: ROWS }, (_, i) => pick(i, [["a", "b"], null, ["a\u0000b"], [], ["b", "a"]])),
    },
    groups: { column: "account_id", keys: Array.from({ length: ROWS }, (_, i) => (i % 11 === 0 ? null : `A${i % 40}`)) },
    holdout: { by: "time", lastDays: 20 },
  });
}

test("packTable: the table crosses as shared numbers and coded text, and unpacks equal value for value (lists unshared)", () => {
  const table = everyType();
  const packed = packTable(table) as { columns: Record<string, unknown>; closedAt: Float64Array; ids: unknown };
  assert.ok(packed.closedAt.buffer instanceof SharedArrayBuffer);
  assert.notEqual(packed.closedAt, table.closedAt, "the table's own arrays are not shared");
  assert.deepEqual((packed.columns.industry as { packedValues: unknown[] }).packedValues, ["SaaS", "Retail", "", "Ünïcode ✓"]);
  assert.deepEqual((packed.columns.stack as { packedValues: unknown[] }).packedValues, [["a", "b"], ["a\u0000b"], [], ["b", "a"]]);
  const back = unpackTable(structuredClone(packed));
  assert.deepEqual({ ...back }, { ...table, decayed: undefined });
  const stack = back.columns.stack as (string[] | null)[];
  assert.notEqual(stack[0], stack[5], "two rows never share a list");
  assert.equal(back.provenance.dataFingerprint, table.provenance.dataFingerprint);
});

test("tableWorker: the sample's provenance computed on the worker equals this thread's", async () => {
  const table = await sampleTable();
  const worker = tableWorker(table);
  try {
    const call = worker.call<{ dataFingerprint: string }>({ module: require.resolve("../../src/data/table-provenance"), name: "tableProvenance" }, []);
    assert.deepEqual(call.result(), table.provenance);
    assert.equal(call.ranOn, "side");
  } finally {
    worker.close();
  }
});

test("DealTable.provenanceFrom: a table whose provenance is not known waits for the one started elsewhere; one that knows it starts nothing", () => {
  const fresh = everyType();
  const computed = everyType().provenance;
  let started = 0;
  let waited = 0;
  fresh.provenanceFrom(() => (started++, () => (waited++, { ...computed, dataFingerprint: "from elsewhere" })));
  assert.equal(started, 1, "started at once");
  assert.equal(waited, 0, "not waited for until asked");
  assert.equal(fresh.provenance.dataFingerprint, "from elsewhere");
  assert.equal(fresh.provenance.dataFingerprint, "from elsewhere");
  assert.equal(waited, 1, "waited for once");
  // Known now (as for a table tuned again): nothing more starts.
  fresh.provenanceFrom(() => (started++, () => computed));
  assert.equal(started, 1);
});
