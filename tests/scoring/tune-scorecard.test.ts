import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import Ajv from "ajv";
import { DealTable } from "../../src/data/deal-table";
import { aucWithCI } from "../../src/model/auc";
import { splitHoldout } from "../../src/data/holdout-split";
import { pointsScale } from "../../src/scoring/points-scale";
import { createScorer, score } from "../../src/scoring/score";
import { parseScoringRules } from "../../src/scoring/parse-scoring-rules";
import { leadRecord } from "../../src/scoring/lead-record";
import { tuneScorecard } from "../../src/scoring/tune-scorecard";
import { seededRandom } from "../../src/stats/random";
import { sampleScorecard, sampleTable, sampleTruth } from "../helpers/sample-fixture";

test("points to double the odds: 600 at 1:1, +20 per doubling (textbook scaling)", () => {
  const s = pointsScale({ kind: "pdo", base: 600, baseOdds: 1, pdo: 20 }, 0, 0);
  assert.ok(Math.abs(s.factor - 20 / Math.LN2) < 1e-12);
  assert.equal(s.offset, 600);
  const s50 = pointsScale({ kind: "pdo", base: 600, baseOdds: 50, pdo: 20 }, 0, 0);
  assert.ok(Math.abs(s50.offset + s50.factor * Math.log(50) - 600) < 1e-9);
  const h = pointsScale({ kind: "0-100" }, -2, 3);
  assert.deepEqual([h.offset + h.factor * -2, h.offset + h.factor * 3], [0, 100]);
});

test("on the sample: the golden scoring.yaml, valid, byte-identical, scored alike by the runtime scorer, near the best possible AUC", async () => {
  const [table, card] = [await sampleTable(), await sampleScorecard()];
  const yaml = card.toYAML();
  assert.equal(yaml, readFileSync("rules/sample/scoring.yaml", "utf8"), "regenerate with `npm start` and review the diff");

  const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync("rules/schema/scoring-rules.schema.json", "utf8")));
  assert.equal(validate(card.rules), true, JSON.stringify(validate.errors));
  assert.ok(!card.rules.attributes.some((a) => a.name === "loss_reason_code"), "the leaking column stays off the card");

  // The runtime scorer gives the tuner's points on every holdout deal.
  const split = splitHoldout(table.n, table.holdout, table.closedAt, table.won);
  const scorer = createScorer(card.rules, { reasons: 0 });
  const test = Array.from(split.test);
  const points = Float64Array.from(test, (r) => scorer(leadRecord(table, r)).points);
  const y = Uint8Array.from(test, (r) => table.won[r]);
  assert.ok(Math.abs(aucWithCI(points, y).auc - card.metrics.auc.auc) < 1e-12);
  assert.ok(card.metrics.aucUnrounded - card.metrics.auc.auc <= 0.002, "rounding to whole points keeps the ranking");

  // The generator knows each deal's true win probability: the best possible AUC on this holdout.
  const best = aucWithCI(Float64Array.from(test, (r) => sampleTruth().get(table.ids[r])!.pWin), y).auc;
  assert.ok(card.metrics.auc.auc >= best - 0.03, `tuned ${card.metrics.auc.auc} vs true-probability ${best}`);
  assert.equal(card.usable, true);
  assert.ok(card.tiers[0].expectedWinRate!.value > card.tiers[card.tiers.length - 1].expectedWinRate!.value);
});

test("with no signal the verdict says so and the rules are still written", () => {
  const rand = seededRandom(4);
  const n = 1500;
  const t = new DealTable({
    name: "noise",
    ids: Array.from({ length: n }, (_, i) => `D${i}`),
    won: Uint8Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0)),
    attributes: [
      { name: "size", type: "numeric", role: "firmographic", source: "spec", table: "deals" },
      { name: "plan", type: "categorical", role: "product", source: "spec", table: "deals" },
    ],
    columns: { size: Float64Array.from({ length: n }, () => Math.round(rand() * 500)), plan: Array.from({ length: n }, () => (rand() < 0.5 ? "Pro" : "Basic")) },
    closedAt: Float64Array.from({ length: n }, (_, i) => Date.UTC(2025, 0, 1) + i * 86_400_000 * 0.5),
    holdout: { by: "time", lastDays: 180 },
  });
  const card = tuneScorecard(t);
  assert.equal(card.usable, false);
  assert.match(card.verdict, /^no usable signal: /);
  assert.match(card.toYAML(), /verdict: "no usable signal/);
  // With no attribute on the card every lead has the same points: each tier is measured or null, never 0 % [0–100 %].
  for (const tier of card.tiers) assert.equal(tier.expectedWinRate === null, tier.n === 0, tier.name);
  assert.ok(card.tiers.some((tier) => tier.n === 0), "some tier holds no holdout lead");
  assert.doesNotMatch(card.toYAML(), /value: 0\n\s+lo: 0\n\s+hi: 1\n/);
});

test("a numeric attribute keeps the number format its column was written in, so new values read alike", () => {
  const rand = seededRandom(9);
  const n = 1500;
  const budget = Float64Array.from({ length: n }, () => Math.round(rand() * 100_000));
  const t = new DealTable({
    name: "formatted",
    ids: Array.from({ length: n }, (_, i) => `D${i}`),
    won: Uint8Array.from(budget, (b) => (rand() < 0.15 + 0.6 * (b / 100_000) ? 1 : 0)),
    attributes: [{ name: "budget", type: "numeric", role: "firmographic", source: "spec", table: "deals", numberFormat: { decimal: "," } }],
    columns: { budget },
    closedAt: Float64Array.from({ length: n }, (_, i) => Date.UTC(2025, 0, 1) + i * 86_400_000 * 0.5),
    holdout: { by: "time", lastDays: 180 },
  });
  const card = tuneScorecard(t);
  const attribute = card.rules.attributes.find((a) => a.name === "budget");
  assert.ok(attribute, "budget predicts wins and is on the card");
  assert.deepEqual(attribute.numberFormat, { decimal: "," });
  const yaml = card.toYAML();
  assert.match(yaml, /numberFormat:\n\s+decimal: ","/);
  assert.equal(score(parseScoringRules(yaml), { budget: "95.000 €" }).points, score(card.rules, { budget: 95_000 }).points, "the exported file reads the training's spelling");
});

test("a table with no lost deal is refused with the fix (a customer list, say)", () => {
  const n = 50;
  const t = new DealTable({
    name: "customers",
    ids: Array.from({ length: n }, (_, i) => `C${i}`),
    won: new Uint8Array(n).fill(1),
    attributes: [{ name: "plan", type: "categorical", role: "product", source: "spec", table: "deals" }],
    columns: { plan: Array.from({ length: n }, (_, i) => (i % 2 ? "Pro" : "Basic")) },
    holdout: { by: "random", fraction: 0.25, seed: 1 },
  });
  assert.throws(() => tuneScorecard(t), /^Error: tune: the table has 50 won and 0 lost deals; a scorecard needs both\. Fix: list the outcome values that mean lost under outcome\.lost in dataset\.yaml \(a list of customers has none: to learn who stays, make the churn flag the outcome, with won = retained\)$/);
});

test("a rationale's headline compares bins large enough to read, not a missing bin of three deals", () => {
  const rand = seededRandom(21);
  const n = 2000;
  // Budget drives wins; three deals have no budget, and all three won.
  const budget = Float64Array.from({ length: n }, (_, i) => (i < 3 ? NaN : Math.round(rand() * 100_000)));
  const t = new DealTable({
    name: "tiny-missing",
    ids: Array.from({ length: n }, (_, i) => `D${i}`),
    won: Uint8Array.from(budget, (b) => (Number.isNaN(b) || rand() < 0.15 + 0.6 * (b / 100_000) ? 1 : 0)),
    attributes: [{ name: "budget", type: "numeric", role: "firmographic", source: "spec", table: "deals" }],
    columns: { budget },
    holdout: { by: "random", fraction: 0.25, seed: 1 },
  });
  const card = tuneScorecard(t);
  const budgetRules = card.rules.attributes.find((a) => a.name === "budget")!;
  const missingBin = budgetRules.bins.find((b) => b.when.kind === "missing")!;
  assert.ok(missingBin.trainDeals > 0 && missingBin.trainDeals <= 3, `the missing bin holds the few budget-less training deals (${missingBin.trainDeals})`);
  assert.match(budgetRules.rationale, /^win rate \d+% \[\d+%–\d+%\] for [^m]\S* .* vs \d+% for [^m]/);
  assert.doesNotMatch(budgetRules.rationale.split(" (training)")[0], /missing/);
  // Only a fit attribute on the card: the grade's engagement digit cannot vary, and the warnings say so.
  assert.ok(card.warnings.includes("no behavioural attribute is on the card: every lead's engagement digit is the same, so the fit × engagement grade adds nothing to the tier"));
});
