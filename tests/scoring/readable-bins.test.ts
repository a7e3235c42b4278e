import assert from "node:assert/strict";
import { test } from "node:test";
import { DealTable } from "../../src/data/deal-table";
import { auc } from "../../src/model/auc";
import { diffRules } from "../../src/scoring/diff-rules";
import { createScorer } from "../../src/scoring/score";
import { leadRecord } from "../../src/scoring/lead-record";
import { tuneScorecard } from "../../src/scoring/tune-scorecard";
import type { ScoringRules } from "../../src/formats/scoring-rules-schema";
import { seededRandom } from "../../src/stats/random";
import { sampleScorecard, sampleTable } from "../helpers/sample-fixture";

/** Significant digits of a number as written in decimal (trailing zeros of an integer do not count). */
const significantDigits = (x: number) => String(Math.abs(x)).replace(".", "").replace(/^0+/, "").replace(/0+$/, "").length;

const holdoutAuc = (rules: ScoringRules, table: DealTable) => {
  const scorer = createScorer(rules, { reasons: 0 });
  const rows = Array.from(table.split.test);
  return auc(Float64Array.from(rows, (r) => scorer(leadRecord(table, r)).points), Uint8Array.from(rows, (r) => table.won[r]));
};

test("on the sample: edges of two significant digits, whole days for day counts, and the reported AUC cost recomputed from the two scorings", async () => {
  const [table, card] = [await sampleTable(), await sampleScorecard()];
  const numeric = card.rules.attributes.filter((a) => a.match === "numeric");
  assert.ok(numeric.length >= 3);
  for (const a of numeric)
    for (const b of a.bins)
      if (b.when.kind === "range")
        for (const edge of [b.when.lo, b.when.hi].filter((x): x is number => x !== undefined)) {
          assert.ok(significantDigits(edge) <= 2, `${a.name}: ${edge}`);
          if (/days/.test(a.name)) assert.ok(Number.isInteger(edge), `${a.name}: ${edge} is not a whole day`);
        }
  const r = card.rules.metadata.rounding!;
  assert.equal(r.edges, "rounded");
  assert.ok(r.trainingCost < r.maxCost);
  const exact = tuneScorecard(table, { readableEdges: false });
  assert.equal(exact.rules.metadata.rounding!.edges, "exact");
  assert.ok(
    exact.rules.attributes.some((a) => a.bins.some((b) => b.when.kind === "range" && [b.when.lo, b.when.hi].some((e) => e !== undefined && significantDigits(e) > 2))),
    "the exact card has unreadable edges",
  );
  const [aucExact, aucRounded] = [holdoutAuc(exact.rules, table), holdoutAuc(card.rules, table)];
  assert.ok(Math.abs(r.aucExact! - aucExact) < 5e-5, `${r.aucExact} vs ${aucExact}`);
  assert.ok(Math.abs(r.aucRounded! - aucRounded) < 5e-5, `${r.aucRounded} vs ${aucRounded}`);
  assert.ok(Math.abs(r.cost! - (aucExact - aucRounded)) < 5e-5);
  assert.deepEqual({ ...exact.rules.metadata.rounding, edges: "rounded" }, r, "both runs report the same comparison");
});

/** Deals over 18 months; winning jumps at `threshold` employees and for the Pro plan. */
function quarterTable(threshold: number, seed: number): DealTable {
  const rand = seededRandom(seed);
  const n = 4000;
  const start = Date.UTC(2025, 0, 1);
  const employees = Float64Array.from({ length: n }, () => Math.round(Math.exp(2 + rand() * 7)));
  const plan = Array.from({ length: n }, () => (rand() < 0.4 ? "Pro" : rand() < 0.5 ? "Basic" : "Team"));
  const won = Uint8Array.from(employees, (e, i) => (rand() < 0.2 + (e >= threshold ? 0.4 : 0) + (plan[i] === "Pro" ? 0.2 : 0) ? 1 : 0));
  return new DealTable({
    name: "quarters",
    ids: Array.from({ length: n }, (_, i) => `D${i}`),
    won,
    closedAt: Float64Array.from({ length: n }, (_, i) => start + Math.floor((i / n) * 540) * 86400000),
    attributes: [
      { name: "employees", type: "numeric", role: "firmographic", source: "spec", table: "deals" },
      { name: "plan", type: "categorical", role: "product", source: "spec", table: "deals" },
    ],
    columns: { employees, plan },
    holdout: { by: "time", lastDays: 90 },
  });
}

test("--previous: on unchanged data every bin is kept and the diff shows no bin change; a moved effect is re-binned", () => {
  const lastQuarter = tuneScorecard(quarterTable(300, 5)).rules;
  assert.deepEqual(lastQuarter.attributes.map((a) => a.name).sort(), ["employees", "plan"]);

  const again = tuneScorecard(quarterTable(300, 5), {}, lastQuarter).rules;
  for (const a of again.attributes) assert.match(a.rationale, /kept last quarter's bins/, a.name);
  const d = diffRules(lastQuarter, again);
  assert.deepEqual([d.points, d.added, d.removed, d.tiers], [[], [], [], []]);

  // The employees effect moves from 300 to 3000: last quarter's cut no longer separates the deals.
  const moved = tuneScorecard(quarterTable(3000, 6), {}, lastQuarter).rules;
  const employees = moved.attributes.find((a) => a.name === "employees")!;
  assert.match(employees.rationale, /re-binned: the new bins raise the cross-validated training AUC by \+0\.\d{4} \(more than 0\.002\)/);
  const gain = Number(/by \+(0\.\d{4})/.exec(employees.rationale)![1]);
  assert.ok(gain > 0.002);
  const oldLabels = lastQuarter.attributes.find((a) => a.name === "employees")!.bins.map((b) => b.label);
  assert.notDeepEqual(employees.bins.map((b) => b.label), oldLabels);
  assert.match(moved.attributes.find((a) => a.name === "plan")!.rationale, /kept last quarter's bins/);
});
