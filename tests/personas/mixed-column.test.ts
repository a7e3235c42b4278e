import { test } from "node:test";
import assert from "node:assert/strict";
import { DealTable } from "../../src/data/deal-table";
import { checkMixedColumns, mixedColumnsFromTable } from "../../src/cluster/mixed-column";
import { bootstrapIndices, sampleIndices } from "../../src/cluster/resample";
import { seededRandom } from "../../src/stats/random";

test("mixedColumnsFromTable: typed columns, dates as numbers, optional rows", () => {
  const t = new DealTable({
    name: "demo",
    ids: ["a", "b", "c"],
    won: Uint8Array.from([1, 1, 0]),
    attributes: [
      { name: "employees", type: "numeric", role: "firmographic", source: "spec", table: "deals" },
      { name: "industry", type: "categorical", role: "firmographic", source: "spec", table: "deals" },
      { name: "crm", type: "boolean", role: "firmographic", source: "spec", table: "deals" },
      { name: "stack", type: "multi", role: "firmographic", source: "spec", table: "deals" },
      { name: "founded", type: "date", role: "firmographic", source: "spec", table: "deals" },
    ],
    columns: {
      employees: Float64Array.from([10, NaN, 300]),
      industry: ["SaaS", null, "Retail"],
      crm: [true, false, null],
      stack: [["a"], null, []],
      founded: Float64Array.from([0, 86400000, NaN]),
    },
    holdout: { by: "random", fraction: 0.25, seed: 7 },
  });
  const cols = mixedColumnsFromTable(t, ["employees", "industry", "crm", "stack", "founded"]);
  assert.deepEqual(
    cols.map((c) => c.kind),
    ["numeric", "categorical", "boolean", "multi", "numeric"],
  );
  assert.equal(checkMixedColumns(cols), 3);
  const some = mixedColumnsFromTable(t, ["industry", "employees"], [2, 0]);
  assert.deepEqual(some[0].values, ["Retail", "SaaS"]);
  assert.deepEqual(Array.from(some[1].values as Float64Array), [300, 10]);
  assert.throws(() => mixedColumnsFromTable(t, ["nope"]), /no attribute "nope"/);
  assert.throws(() => checkMixedColumns([cols[0], cols[0]]), /appears twice/);
});

test("seeded randomness: same seed, same draws", () => {
  const a = sampleIndices(1000, 50, seededRandom(11));
  assert.deepEqual(a, sampleIndices(1000, 50, seededRandom(11)));
  assert.equal(new Set(a).size, 50);
  assert.notDeepEqual(a, sampleIndices(1000, 50, seededRandom(12)));
  const b = bootstrapIndices(500, seededRandom(3));
  assert.equal(b.counts.reduce((s, c) => s + c, 0), 500);
  assert.ok(b.indices.length > 250 && b.indices.length < 380); // ≈ 63 % distinct
  const r = seededRandom(5);
  for (let i = 0; i < 1000; i++) {
    const x = r();
    assert.ok(x >= 0 && x < 1);
  }
});
