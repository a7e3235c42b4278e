import { test } from "node:test";
import assert from "node:assert/strict";
import type { MixedColumn } from "../../src/cluster/mixed-column";
import { clusterTraits } from "../../src/personas/traits";

const close = (a: number | undefined, b: number, tol = 1e-9) => assert.ok(a !== undefined && Math.abs(a - b) <= tol, `${a} is not ${b}`);

test("clusterTraits: shares, lift, Wilson interval and Fisher p against independent values", () => {
  // cluster 0: 20 rows, 12 "SaaS"; the other 80 rows: 30 "SaaS"
  const industry = [...Array(12).fill("SaaS"), ...Array(8).fill("Retail"), ...Array(30).fill("SaaS"), ...Array(50).fill("Retail")];
  const labels = [...Array(20).fill(0), ...Array(80).fill(1)];
  const t = clusterTraits([{ name: "industry", kind: "categorical", values: Object.freeze(industry) }], Object.freeze(labels), 0);
  assert.equal(t.length, 1); // Retail is under-represented, so not a trait
  const s = t[0];
  assert.equal(s.value, "SaaS");
  assert.equal(s.count, 12);
  assert.equal(s.n, 20);
  close(s.share, 0.6);
  close(s.overallShare, 0.42);
  close(s.lift, 0.6 / 0.42);
  // statsmodels: /usr/bin/python3 -c 'from statsmodels.stats.proportion import proportion_confint as f; print(f(12, 20, alpha=0.05, method="wilson"))'
  close(s.lo, 0.3865815007622531, 1e-6);
  close(s.hi, 0.781193467627183, 1e-6);
  // scipy: /usr/bin/python3 -c 'from scipy.stats import fisher_exact; print(repr(fisher_exact([[12, 8], [30, 50]])[1]))'
  close(s.p, 0.08057457360647083, 1e-9);
  close(s.q, 0.08057457360647083, 1e-9); // SaaS and Retail are the same 2 × 2 table: equal p, so q = p
});

test("clusterTraits: Fisher p on a small table and BH q-values", () => {
  const industry = ["SaaS", "SaaS", "SaaS", "SaaS", "SaaS", "Retail", "Retail", "Retail", "Retail", "SaaS"];
  const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
  const t = clusterTraits([{ name: "industry", kind: "categorical", values: industry }], labels, 0);
  // scipy: fisher_exact([[5, 0], [1, 4]]) → 0.047619047619047616; Wilson 5/5 → (0.5655175352168252, 1.0)
  close(t[0].p, 0.047619047619047616);
  close(t[0].lo, 0.5655175352168252, 1e-6);
  close(t[0].hi, 1);
  close(t[0].q, 0.047619047619047616); // Retail has the same p: both q = p
});

test("clusterTraits: booleans, multi values and numeric quartile bands", () => {
  const n = 200;
  const labels = Array.from({ length: n }, (_, i) => (i < 50 ? 0 : 1));
  const employees = Float64Array.from({ length: n }, (_, i) => (i < 50 ? 200 + i * 30 : i * 10)); // cluster: 200..1670
  employees[3] = NaN;
  const cols: MixedColumn[] = [
    { name: "employees", kind: "numeric", values: employees },
    { name: "has_crm", kind: "boolean", values: Array.from({ length: n }, (_, i) => (i < 50 ? i % 10 !== 0 : i % 3 === 0)) },
    { name: "stack", kind: "multi", values: Array.from({ length: n }, (_, i) => (i < 50 ? ["hubspot", "slack"] : i % 4 === 0 ? ["slack"] : [])) },
  ];
  const before = JSON.stringify(cols.map((c) => Array.from(c.values as ArrayLike<unknown>)));
  const t = clusterTraits(cols, labels, 0, { minShare: 0.2 });
  assert.equal(JSON.stringify(cols.map((c) => Array.from(c.values as ArrayLike<unknown>))), before);
  const hub = t.find((x) => x.attribute === "stack" && x.value === "hubspot")!;
  close(hub.share, 1);
  close(hub.overallShare, 0.25);
  close(hub.lift, 4);
  assert.ok(hub.p < 1e-20);
  const crm = t.find((x) => x.attribute === "has_crm")!;
  assert.equal(crm.value, "true");
  close(crm.share, 45 / 50);
  const emp = t.find((x) => x.attribute === "employees")!;
  assert.ok(emp.band && emp.clusterMedian !== undefined);
  // the cluster lies in 200..1670 while the others spread over 500..1990: its band holds ≥ half of it
  assert.ok(emp.share >= 0.5);
  assert.ok(emp.band.from <= emp.clusterMedian! && emp.clusterMedian! <= emp.band.to);
  assert.equal(emp.n, 49);
  assert.match(emp.value, /^[\d,.]+–[\d,.]+$/, emp.value);
  // ranked by lift
  for (let i = 1; i < t.length; i++) assert.ok(t[i - 1].lift >= t[i].lift);
  for (const x of t) assert.ok(x.lo <= x.share && x.share <= x.hi && x.p >= 0 && x.p <= 1 && x.q >= x.p - 1e-15, JSON.stringify(x));
});

test("clusterTraits: minimum support and wrong calls", () => {
  const values = ["a", "a", "b", "c", "c", "c"];
  const labels = [0, 0, 0, 1, 1, 1];
  assert.deepEqual(clusterTraits([{ name: "v", kind: "categorical", values }], labels, 0), []); // count < 5
  assert.equal(clusterTraits([{ name: "v", kind: "categorical", values }], labels, 0, { minCount: 1 }).length, 2);
  assert.throws(() => clusterTraits([{ name: "v", kind: "categorical", values }], labels, 4), /cluster 4 has no rows/);
  assert.throws(() => clusterTraits([{ name: "v", kind: "categorical", values }], [0], 0), /1 labels for 6 rows/);
  assert.throws(() => clusterTraits([{ name: "v", kind: "categorical", values }], labels, 0, { confidence: 95 }), /confidence must be in \(0, 1\)/);
});
