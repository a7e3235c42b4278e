import { test } from "node:test";
import assert from "node:assert/strict";
import { gowerDistance, gowerMatrix, gowerToPoints, prepareGower, rowCompleteness } from "../../src/cluster/gower";
import type { MixedColumn } from "../../src/cluster/mixed-column";
import { seededRandom } from "../../src/stats/random";

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} is not ${b}`);

const small: MixedColumn[] = [
  { name: "size", kind: "numeric", values: Float64Array.from([0, 10, NaN]) },
  { name: "crm", kind: "boolean", values: Object.freeze([true, false, true]) },
  { name: "stack", kind: "multi", values: Object.freeze([Object.freeze(["a", "b"]), Object.freeze(["b", "c"]), Object.freeze(["a"])]) },
];

test("gower: hand-computed distances on numeric, boolean and multi columns", () => {
  const g = prepareGower(small);
  // 0–1: size |0 − 10| / 10 = 1, crm mismatch 1, stack Jaccard 1 − 1/3 → (1 + 1 + 2/3) / 3
  close(gowerDistance(g, 0, 1), 8 / 9, 1e-12);
  // 0–2: size missing in row 2 (skipped), crm 0, stack 1 − 1/2 → (0 + 1/2) / 2
  close(gowerDistance(g, 0, 2), 0.25, 1e-12);
  // 1–2: crm 1, stack {b, c} vs {a} → 1
  close(gowerDistance(g, 1, 2), 1, 1e-12);
  close(gowerDistance(g, 2, 2), 0, 1e-12);
});

test("gower: weights renormalise over the columns present in both rows", () => {
  const g = prepareGower(small, { weights: { size: 2 } });
  close(gowerDistance(g, 0, 1), (2 * 1 + 1 + 2 / 3) / 4, 1e-12);
  close(gowerDistance(g, 0, 2), (0 + 0.5) / 2, 1e-12); // size missing: its weight drops out
  const noSize = prepareGower(small, { weights: { size: 0 } });
  assert.equal(noSize.columns.length, 2);
  close(gowerDistance(noSize, 0, 1), (1 + 2 / 3) / 2, 1e-12);
});

test("gower: categorical mismatch, empty sets, constant columns and incomparable pairs", () => {
  const g = prepareGower([
    { name: "industry", kind: "categorical", values: ["SaaS", "SaaS", "Retail", null] },
    { name: "tags", kind: "multi", values: [[], [], ["x"], null] },
    { name: "flat", kind: "numeric", values: Float64Array.from([3, 3, 3, NaN]) },
  ]);
  close(gowerDistance(g, 0, 1), 0, 1e-12); // same industry, two empty sets, constant column
  close(gowerDistance(g, 0, 2), (1 + 1 + 0) / 3, 1e-12); // empty vs {x}: Jaccard distance 1
  close(gowerDistance(g, 0, 3), 1, 1e-12); // nothing to compare: maximally different
  assert.deepEqual(Array.from(rowCompleteness(g)), [1, 1, 1, 0]);
  assert.deepEqual(Array.from(rowCompleteness(prepareGower(small, { weights: { size: 2 } }))), [1, 1, 0.5]);
});

test("gower: rank scaling uses mid-ranks", () => {
  const g = prepareGower([{ name: "x", kind: "numeric", values: Float64Array.from([1, 10, 100, 1000]) }], { numeric: "rank" });
  close(gowerDistance(g, 0, 1), 1 / 3, 1e-12);
  close(gowerDistance(g, 2, 3), 1 / 3, 1e-12);
  const ties = prepareGower([{ name: "x", kind: "numeric", values: Float64Array.from([1, 1, 5, NaN]) }], { numeric: "rank" });
  close(gowerDistance(ties, 0, 1), 0, 1e-12);
  close(gowerDistance(ties, 0, 2), 1, 1e-12);
});

function randomColumns(n: number, seed: number): MixedColumn[] {
  const r = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  return [
    { name: "a", kind: "numeric", values: Float64Array.from({ length: n }, () => (r() < 0.1 ? NaN : r() * 100)) },
    { name: "b", kind: "numeric", values: Float64Array.from({ length: n }, () => (r() < 0.1 ? NaN : Math.floor(r() * 5))) },
    { name: "c", kind: "categorical", values: Array.from({ length: n }, () => (r() < 0.1 ? null : pick(["u", "v", "w"]))) },
    { name: "d", kind: "boolean", values: Array.from({ length: n }, () => (r() < 0.1 ? null : r() < 0.5)) },
    {
      name: "e",
      kind: "multi",
      values: Array.from({ length: n }, () => (r() < 0.1 ? null : ["p", "q", "r", "s"].filter(() => r() < 0.4))),
    },
  ];
}

test("gower: matrix and point distances agree with the pairwise distance", () => {
  const cols = randomColumns(40, 3);
  const g = prepareGower(cols, { weights: { c: 2, e: 0.5 } });
  const rows = [0, 5, 7, 11, 12, 30, 39];
  const m = gowerMatrix(g, rows);
  for (let a = 0; a < rows.length; a++)
    for (let b = 0; b < rows.length; b++) {
      close(m[a * rows.length + b], gowerDistance(g, rows[a], rows[b]));
      assert.equal(m[a * rows.length + b], m[b * rows.length + a]);
    }
  const full = gowerMatrix(g);
  assert.equal(full.length, 40 * 40);
  const pts = [3, 17];
  const p = gowerToPoints(g, pts);
  for (let i = 0; i < 40; i++) for (let t = 0; t < 2; t++) close(p[i * 2 + t], gowerDistance(g, i, pts[t]));
  const sub = gowerToPoints(g, pts, rows);
  for (let a = 0; a < rows.length; a++) close(sub[a * 2 + 1], gowerDistance(g, rows[a], 17));
  for (let i = 0; i < full.length; i++) assert.ok(full[i] >= 0 && full[i] <= 1);
});

test("gower: the input columns are not modified", () => {
  const cols = randomColumns(30, 9);
  const before = JSON.stringify(cols.map((c) => Array.from(c.values as ArrayLike<unknown>)));
  const g = prepareGower(cols, { numeric: "rank" });
  gowerMatrix(g);
  gowerToPoints(g, [1, 2]);
  assert.equal(JSON.stringify(cols.map((c) => Array.from(c.values as ArrayLike<unknown>))), before);
  assert.ok(Object.isFrozen(g));
});

test("gower: wrong calls throw naming the column and the fix", () => {
  assert.throws(() => prepareGower([]), /at least one column/);
  assert.throws(
    () => prepareGower([{ name: "x", kind: "categorical", values: ["a", 3 as unknown as string] }]),
    /column "x" \(categorical\) has 3 at row 1/,
  );
  assert.throws(
    () =>
      prepareGower([
        { name: "x", kind: "numeric", values: Float64Array.from([1, 2]) },
        { name: "y", kind: "boolean", values: [true] },
      ]),
    /"y" has 1 values; "x" has 2/,
  );
  assert.throws(() => prepareGower(small, { weights: { nope: 1 } }), /unknown column "nope"/);
  assert.throws(() => prepareGower(small, { weights: { size: 0, crm: 0, stack: 0 } }), /every column has weight 0/);
  assert.throws(() => gowerDistance(prepareGower(small), 0, 3), /rows must be integers in 0..2/);
});

test("gower: multi-valued columns with more than 32 values give the same Jaccard distances", () => {
  const many = Array.from({ length: 40 }, (_, i) => `t${i}`);
  const values = [many.slice(0, 10), many.slice(5, 20), [], many.slice(20, 40), null];
  const g = prepareGower([{ name: "tags", kind: "multi", values }]);
  assert.equal((g.columns[0] as { masks: Int32Array | null }).masks, null);
  close(gowerDistance(g, 0, 1), 1 - 5 / 20, 1e-12);
  close(gowerDistance(g, 0, 2), 1, 1e-12);
  close(gowerDistance(g, 0, 3), 1, 1e-12);
  close(gowerDistance(g, 2, 2), 0, 1e-12);
  const m = gowerMatrix(g);
  close(m[0 * 5 + 1], 0.75);
  close(m[4 * 5 + 0], 1); // missing: nothing to compare
  const few = prepareGower([{ name: "tags", kind: "multi", values: [["a", "b", "c"], ["b", "c", "d"], []] }]);
  assert.ok((few.columns[0] as { masks: Int32Array | null }).masks);
  close(gowerMatrix(few)[1], 0.5);
  close(gowerMatrix(few)[2], 1);
});
