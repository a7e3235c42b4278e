import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DealTable, type AttributeMeta } from "../../src/data/deal-table";
import { drivers } from "../../src/drivers/drivers";
import { retentionAnalysis, survivalSteps } from "../../src/drivers/retention-analysis";
import { normalQuantile } from "../../src/stats/normal-distribution";

/**
 * 80 won customers in two segments, retention in the survival form (days from the contract
 * start, churned or censored):
 * - churny: 10 churn at day 100, 10 are censored at day 150, 10 churn at day 300, 10 are
 *   censored at day 500;
 * - loyal: all 40 censored at day 500.
 * By hand, the Kaplan–Meier curve of `churny` is 1 − 10/40 = 0.75 from day 100 (40 at risk),
 * unchanged by the censoring at day 150, then 0.75 · (1 − 10/20) = 0.375 from day 300 (20 at
 * risk); Greenwood's sum is 10/(40·30) = 1/120, then 1/120 + 10/(20·10) = 7/120.
 */
function survivalTable(): DealTable {
  const days: number[] = [];
  const churned: number[] = [];
  const segment: string[] = [];
  const add = (n: number, d: number, c: number, s: string) => {
    for (let i = 0; i < n; i++) [days.push(d), churned.push(c), segment.push(s)];
  };
  add(10, 100, 1, "churny");
  add(10, 150, 0, "churny");
  add(10, 300, 1, "churny");
  add(10, 500, 0, "churny");
  add(40, 500, 0, "loyal");
  const n = days.length;
  const ids = Array.from({ length: n }, (_, i) => `c${i}`);
  const meta: AttributeMeta = { name: "segment", type: "categorical", role: "firmographic", source: "spec", table: "deals" };
  return new DealTable({
    name: "survival",
    ids,
    won: new Uint8Array(n).fill(1),
    attributes: [meta],
    columns: { segment },
    retention: { form: "survival", key: ids, start: new Float64Array(n), days: Float64Array.from(days), churned: Uint8Array.from(churned), observedUntil: 0 },
    holdout: { by: "random", fraction: 0.25, seed: 1 },
  });
}

/** The log-log 95 % band of S with Greenwood sum g: S^exp(±z·√g / |ln S|) (Kalbfleisch & Prentice). */
function band(s: number, g: number): [number, number] {
  const z = normalQuantile(0.975);
  const se = Math.sqrt(g) / Math.abs(Math.log(s));
  return [s ** Math.exp(z * se), s ** Math.exp(-z * se)];
}

describe("retentionAnalysis", () => {
  const table = survivalTable();
  const rows = Array.from({ length: table.n }, (_, i) => i);
  const analysis = retentionAnalysis(table, drivers(table, { rows }), rows);
  const block = analysis.toSummary();

  test("the curves in the summary are the Kaplan–Meier curves computed by hand, at their steps", () => {
    assert.equal(block.available, true);
    if (!block.available) return;
    assert.deepEqual(block.drivers.map((d) => d.name), ["segment"]);
    assert.deepEqual(block.curves.map((c) => c.name), ["segment"]);
    const curve = (label: string) => block.curves[0].bins.find((b) => b.label === label)!;
    const churny = curve("churny");
    assert.equal(churny.n, 40);
    assert.deepEqual(churny.steps.map((s) => s.days), [100, 300, 500], "day 150 only censors: no step");
    const expected: [number, number, number][] = [
      [100, 0.75, 1 / 120],
      [300, 0.375, 7 / 120],
      [500, 0.375, 7 / 120],
    ];
    expected.forEach(([days, s, g], i) => {
      const step = churny.steps[i];
      const [lo, hi] = band(s, g);
      assert.equal(step.days, days);
      assert.ok(Math.abs(step.survival! - s) < 1e-12, `S(${days}) = ${step.survival}, by hand ${s}`);
      assert.ok(Math.abs(step.lo! - lo) < 1e-12 && Math.abs(step.hi! - hi) < 1e-12, `band at day ${days}: [${step.lo}, ${step.hi}], by hand [${lo}, ${hi}]`);
    });
    assert.deepEqual(curve("loyal").steps, [{ days: 500, survival: 1, lo: 1, hi: 1 }], "nobody churns: one flat point");
  });

  test("retention at the 365-day horizon: churned before it 0, observed past it 1, censored before it left out", () => {
    if (!block.available) assert.fail("retention is available");
    // churny: 20 churned, 10 censored at 500 (retained); 10 censored at 150 left out. loyal: 40 retained.
    assert.deepEqual([block.customers, block.retained, block.horizonDays], [70, 50, 365]);
    const bins = Object.fromEntries(block.drivers[0].bins.map((b) => [b.label, [b.n, b.retained]]));
    assert.deepEqual(bins.churny, [30, 10]);
    assert.deepEqual(bins.loyal, [40, 40]);
    const survival = block.drivers[0].survival!.find((s) => s.label === "churny")!;
    // Kaplan–Meier keeps the 10 censored at day 150 until they leave: S(365) = S(300) = 0.375, not 10 / 30
    assert.equal(survival.atHorizon.survival, 0.375);
  });

  test("a table without retention data is refused with the fix", () => {
    const flagless = new DealTable({ name: "none", ids: ["a", "b"], won: Uint8Array.from([1, 0]), attributes: [], columns: {}, holdout: { by: "random", fraction: 0.5, seed: 1 } });
    assert.throws(() => retentionAnalysis(flagless, drivers(flagless), [0, 1]), /retentionAnalysis: no retention data in this dataset: add a `retention:` table to dataset\.yaml/);
  });
});

test("survivalSteps keeps the points where the curve or its band changes, and the last one", () => {
  const p = (days: number, survival: number, lo = survival, hi = survival) => ({ days, survival, lo, hi });
  assert.deepEqual(survivalSteps([p(1, 1), p(2, 0.9, 0.8, 0.95), p(3, 0.9, 0.8, 0.95), p(4, 0.9, 0.7, 0.95), p(5, 0.9, 0.7, 0.95)]).map((s) => s.days), [2, 4, 5]);
  assert.deepEqual(survivalSteps([]), []);
});
