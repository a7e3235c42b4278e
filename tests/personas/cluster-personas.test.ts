import { test } from "node:test";
import assert from "node:assert/strict";
import { adjustedRandIndex } from "../../src/cluster/adjusted-rand";
import { chooseK } from "../../src/cluster/choose-k";
import { clusterPersonas } from "../../src/personas/cluster-personas";
import { gowerMatrix, prepareGower, rowCompleteness } from "../../src/cluster/gower";
import type { MixedColumn } from "../../src/cluster/mixed-column";
import { seededRandom } from "../../src/stats/random";
import { bootstrapStabilities, bootstrapStability } from "../../src/cluster/stability";
import { kMedoids } from "../../src/cluster/k-medoids";

/** Three well separated kinds of customer over mixed attributes, with 5 % missing values. */
function threeGroups(n: number, seed: number): { columns: MixedColumn[]; truth: Int32Array } {
  const r = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const truth = Int32Array.from({ length: n }, () => Math.floor(r() * 3));
  const miss = () => r() < 0.05;
  const centre = [20, 400, 8000];
  const industries = [["Retail", "Hospitality"], ["SaaS", "Fintech"], ["Manufacturing", "Energy"]];
  const stacks = [["shopify"], ["hubspot", "slack"], ["sap", "salesforce"]];
  return {
    truth,
    columns: [
      { name: "employees", kind: "numeric", values: Float64Array.from(truth, (g) => (miss() ? NaN : Math.round(centre[g] * Math.exp(0.3 * normal())))) },
      { name: "arr", kind: "numeric", values: Float64Array.from(truth, (g) => (miss() ? NaN : (g + 1) * 1000 + 150 * normal())) },
      { name: "industry", kind: "categorical", values: Array.from(truth, (g) => (miss() ? null : industries[g][r() < 0.9 ? 0 : 1])) },
      { name: "region", kind: "categorical", values: Array.from(truth, () => (miss() ? null : ["NA", "EMEA", "APAC"][Math.floor(r() * 3)])) },
      { name: "has_crm", kind: "boolean", values: Array.from(truth, (g) => (miss() ? null : r() < [0.05, 0.95, 0.1][g])) },
      { name: "stack", kind: "multi", values: Array.from(truth, (g) => (miss() ? null : stacks[g].filter(() => r() < 0.95))) },
    ],
  };
}

/** Pure noise: independent attributes of every kind. */
function noise(n: number, seed: number): MixedColumn[] {
  const r = seededRandom(seed);
  const cols: MixedColumn[] = [];
  for (let c = 0; c < 4; c++) cols.push({ name: `x${c}`, kind: "numeric", values: Float64Array.from({ length: n }, () => r()) });
  for (let c = 0; c < 3; c++) cols.push({ name: `c${c}`, kind: "categorical", values: Array.from({ length: n }, () => ["a", "b", "c", "d"][Math.floor(r() * 4)]) });
  for (let c = 0; c < 2; c++) cols.push({ name: `b${c}`, kind: "boolean", values: Array.from({ length: n }, () => r() < 0.5) });
  cols.push({ name: "m", kind: "multi", values: Array.from({ length: n }, () => ["p", "q", "r"].filter(() => r() < 0.5)) });
  return cols;
}

test("clusterPersonas recovers three separated groups and assigns every row (ARI ≥ 0.95)", () => {
  const { columns, truth } = threeGroups(4000, 42);
  const p = clusterPersonas(columns, { sampleSize: 600, bootstraps: 8, kMax: 6 });
  assert.equal(p.k, 3, p.reason);
  assert.equal(p.labels.length, 4000);
  const ari = adjustedRandIndex(truth, p.labels);
  assert.ok(ari >= 0.95, `ARI ${ari}`);
  assert.ok(p.silhouette > 0.5, `silhouette ${p.silhouette}`);
  assert.ok(p.stability >= 0.9, `stability ${p.stability}`);
  assert.equal(p.sizes.reduce((a, b) => a + b, 0) + p.unassigned, 4000);
  assert.equal(p.table.length, 5);
  assert.deepEqual(p.warnings, []);
  for (let c = 0; c < p.k; c++) assert.equal(p.labels[p.medoids[c]], c);
  // most rows are complete, so every medoid is a complete row
  const g = prepareGower(columns);
  const complete = rowCompleteness(g);
  for (const m of p.medoids) assert.equal(complete[m], 1);
  assert.ok(p.medoidCandidates > 300 && p.medoidCandidates < 600);
  const any = clusterPersonas(columns, { sampleSize: 600, bootstraps: 2, k: 3, medoids: "any" });
  assert.equal(any.medoidCandidates, 600);
});

test("clusterPersonas is deterministic for a seed and does not modify its input", () => {
  const { columns } = threeGroups(1500, 7);
  const before = JSON.stringify(columns.map((c) => Array.from(c.values as ArrayLike<unknown>)));
  const a = clusterPersonas(columns, { sampleSize: 300, bootstraps: 4, kMax: 4, seed: 3 });
  const b = clusterPersonas(columns, { sampleSize: 300, bootstraps: 4, kMax: 4, seed: 3 });
  assert.deepEqual(a, b);
  assert.equal(JSON.stringify(columns.map((c) => Array.from(c.values as ArrayLike<unknown>))), before);
  const fixed = clusterPersonas(columns, { sampleSize: 300, bootstraps: 4, k: 5, seed: 3 });
  assert.equal(fixed.k, 5);
  assert.equal(fixed.table.length, 1);
  assert.match(fixed.reason, /k = 5 was given/);
});

test("on pure noise the chosen k has a low silhouette and a weak-structure warning", () => {
  const p = clusterPersonas(noise(2000, 5), { sampleSize: 500, bootstraps: 6 });
  // measured: see the report; the structure is absent, so the silhouette stays well under 0.25
  assert.ok(p.silhouette < 0.25, `silhouette ${p.silhouette} at k = ${p.k}`);
  for (const row of p.table) assert.ok(row.silhouette < 0.25, `k = ${row.k}: ${row.silhouette}`);
  assert.ok(p.warnings.some((w) => w.startsWith("weak structure")));
});

test("bootstrapStability: separated groups are stable, noise much less so", () => {
  const { columns } = threeGroups(300, 1);
  const d = gowerMatrix(prepareGower(columns));
  const s3 = bootstrapStability(d, 3, { bootstraps: 10, seed: 2 });
  assert.ok(s3.mean > 0.85, `${s3.mean}`);
  assert.equal(s3.perCluster.length, 3);
  assert.deepEqual(s3.dissolved, [0, 0, 0]);
  assert.deepEqual(bootstrapStability(d, 3, { bootstraps: 10, seed: 2 }), s3);
  const dn = gowerMatrix(prepareGower(noise(300, 2)));
  const sn = bootstrapStability(dn, 6, { bootstraps: 10, seed: 2 });
  assert.ok(sn.mean < 0.75, `${sn.mean}`); // below the "stable" line
  assert.throws(() => bootstrapStability(d, 1), /k must be an integer in 2..300/);
  assert.throws(() => bootstrapStability(d, 2, { reference: [0, 1] }), /reference has 2 labels/);
});

test("chooseK: the documented rule picks k, the table covers every k", () => {
  const { columns } = threeGroups(300, 3);
  const d = gowerMatrix(prepareGower(columns));
  const r = chooseK(d, { bootstraps: 6 });
  assert.deepEqual(r.table.map((x) => x.k), [2, 3, 4, 5, 6, 7, 8]);
  const stable = r.table.filter((x) => x.stability >= 0.75);
  const best = stable.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  assert.equal(r.k, best.k);
  assert.equal(r.k, 3);
  assert.match(r.reason, /highest silhouette/);
  // nothing reaches a stability of 1.01: the most stable k is taken
  const strict = chooseK(d, { bootstraps: 6, minStability: 1 - 1e-12, kMax: 5 });
  assert.ok(strict.table.some((x) => x.k === strict.k));
  assert.throws(() => chooseK(d, { k: 3, kMax: 5 }), /either k \(fixed\) or kMin\/kMax/);
  assert.throws(() => chooseK(d, { kMin: 1 }), /kMin must be an integer in 2..299/);
});

test("bootstrapStabilities equals one bootstrapStability per k", () => {
  const { columns } = threeGroups(200, 9);
  const d = gowerMatrix(prepareGower(columns));
  const refs = [2, 3, 4].map((k) => ({ k, labels: kMedoids(d, k).labels }));
  const together = bootstrapStabilities(d, refs, { bootstraps: 5, seed: 4 });
  refs.forEach((r, i) => assert.deepEqual(together[i], bootstrapStability(d, r.k, { bootstraps: 5, seed: 4, reference: r.labels })));
});
