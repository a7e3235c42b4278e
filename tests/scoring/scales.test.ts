import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { DealTable } from "../../src/data/deal-table";
import { cardPoints } from "../../src/scoring/points-scale";
import { parseScoringRules } from "../../src/scoring/parse-scoring-rules";
import { score } from "../../src/scoring/score";
import type { ScoringRules } from "../../src/formats/scoring-rules-schema";
import { leadRecord } from "../../src/scoring/lead-record";
import { tuneScorecard } from "../../src/scoring/tune-scorecard";
import { sampleTable } from "../helpers/sample-fixture";
import { shared } from "../helpers/shared-calls";

/*
 * Both scales end to end, as a consumer applies them: the sample is tuned with each scale, the
 * exported scoring.yaml text is parsed back, and every sample deal is scored from it with
 * score() (basePoints + one bin per attribute, nothing else). The tiers those points give must
 * hold the shares the file states (on the holdout, where the file measured them) and the two
 * scales must put nearly every deal in the same tier.
 */

interface Applied {
  rules: ScoringRules;
  tiers: (string | null)[];
  points: number[];
}

let table: DealTable;
let testRows: number[];
const applied: Record<"pdo" | "0-100", Applied> = {} as never;

before(async () => {
  table = await sampleTable();
  for (const kind of ["pdo", "0-100"] as const) {
    const card = kind === "0-100" ? tuneScorecard(table, { scale: { kind } }) : shared(tuneScorecard)(table);
    const rules = parseScoringRules(card.toYAML(), `scoring-${kind}.yaml`);
    const scored = Array.from({ length: table.n }, (_, r) => score(rules, leadRecord(table, r), { reasons: 0 }));
    applied[kind] = { rules, tiers: scored.map((s) => s.tier), points: scored.map((s) => s.points) };
  }
  testRows = Array.from(table.split.test);
});

/** Share of each tier among the given rows. */
function shares(a: Applied, rows: readonly number[]): Map<string, number> {
  const out = new Map<string, number>(a.rules.tiers.map((t) => [t.name, 0]));
  for (const r of rows) out.set(a.tiers[r]!, out.get(a.tiers[r]!)! + 1 / rows.length);
  return out;
}

for (const kind of ["pdo", "0-100"] as const)
  test(`${kind}: the exported file, applied as written, gives each tier the share of the holdout it states`, () => {
    const a = applied[kind];
    assert.ok(a.tiers.every((t) => t !== null), "every deal gets a tier");
    const got = shares(a, testRows);
    for (const t of a.rules.tiers) assert.ok(Math.abs(got.get(t.name)! - t.shareOfLeads) <= 0.00005 + 1e-12, `${kind} tier ${t.name}: ${got.get(t.name)} vs stated ${t.shareOfLeads}`);
    // The whole sample, train and holdout: the top tier holds about the capacity (20 %).
    const all = shares(a, Array.from({ length: table.n }, (_, r) => r));
    assert.ok(Math.abs(all.get(a.rules.tiers[0].name)! - 0.2) < 0.03, `top tier holds ${all.get(a.rules.tiers[0].name)} of all deals`);
  });

test("0-100: base 0, every attribute's lowest bin 0 points, so every deal scores within 0–100 (± rounding)", () => {
  const { rules, points } = applied["0-100"];
  assert.equal(rules.scale.basePoints, 0);
  for (const a of rules.attributes) assert.equal(Math.min(...a.bins.map((b) => b.points)), 0, a.name);
  const best = rules.attributes.reduce((s, a) => s + Math.max(...a.bins.map((b) => b.points)), 0);
  assert.ok(Math.abs(best - 100) <= rules.attributes.length / 2, `best possible ${best}`);
  assert.ok(Math.min(...points) >= 0 && Math.max(...points) <= best);
});

test("the two scales put at least 95 % of the sample's deals in the same tier", () => {
  const same = applied.pdo.tiers.filter((t, r) => t === applied["0-100"].tiers[r]).length;
  assert.ok(same / table.n >= 0.95, `${same} of ${table.n} in the same tier`);
  console.log(`# same tier under pdo and 0-100: ${same} of ${table.n} (${((100 * same) / table.n).toFixed(1)} %)`);
  for (const kind of ["pdo", "0-100"] as const) {
    const all = shares(applied[kind], Array.from({ length: table.n }, (_, r) => r));
    const hold = shares(applied[kind], testRows);
    console.log(`# ${kind}: ${applied[kind].rules.tiers.map((t) => `${t.name} ≥ ${t.minPoints ?? "-∞"}: stated ${(100 * t.shareOfLeads).toFixed(2)} %, holdout ${(100 * hold.get(t.name)!).toFixed(2)} %, all ${(100 * all.get(t.name)!).toFixed(2)} %`).join("; ")}`);
  }
});

test("cardPoints: hand-computed points on both scales", () => {
  // pdo 20 at 600 points for odds 1:1: factor 20 / ln 2; intercept ln 2 → 620; a bin of −ln 4 → −40.
  assert.deepEqual(cardPoints({ kind: "pdo", base: 600, baseOdds: 1, pdo: 20 }, Math.LN2, [[-2 * Math.LN2, 0.01]]), { basePoints: 620, binPoints: [[-40, 0]] });
  // 0-100: span = (1 − (−3)) + (0.5 − 0) = 4.5 → 100 / 4.5 per unit of log-odds, shifted to each attribute's lowest bin.
  assert.deepEqual(cardPoints({ kind: "0-100" }, 7, [[-3, 0, 1], [0, 0.5]]), { basePoints: 0, binPoints: [[0, 67, 89], [0, 11]] });
  assert.deepEqual(cardPoints({ kind: "0-100" }, 0, [[0, 0]]), { basePoints: 0, binPoints: [[0, 0]] }, "no spread: all zero");
});
