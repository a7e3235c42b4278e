import assert from "node:assert/strict";
import { test } from "node:test";
import type { DealSources } from "../../src/data/deal-table";
import { drivers } from "../../src/drivers/drivers";
import { determinedByLevelsReason, oneClassOnlyReason, outcomeNameReason } from "../../src/drivers/leakage";
import { rawLevelCounts } from "../../src/drivers/level-counts";
import { personaAttributes } from "../../src/personas/persona-attributes";
import { evaluateFrameworks } from "../../src/frameworks/evaluate-frameworks";
import { tuneScorecard } from "../../src/scoring/tune-scorecard";
import { leakageLines } from "../../src/cli/tune-command";
import { seededRandom } from "../../src/stats/random";
import { DAY, pick, syntheticDeals } from "./synthetic-deals";

/**
 * 3000 deals, base win rate about 45 %, with planted attributes:
 * - `segment`: a real, modest driver (win rate 30 % / 45 % / 60 %);
 * - `booking_status`: the outcome written into the record: Check-Out for every win, Canceled or
 *   No-Show for every loss (No-Show is rare: 4 % of losses, below the minimum bin size, so the
 *   binning merges it into "other"; the check must read the raw levels);
 * - `contract`: a legitimate dominant driver: "two-year" deals win 99 % of the time, the other
 *   levels are mixed, and the name says nothing about the outcome;
 * - `lost_note`: typed in for 60 % of losses and no win;
 * - `signed_on`: a date after the scoring point for every win.
 */
function planted(sources?: DealSources) {
  const rand = seededRandom(11);
  const n = 3000;
  const segment: string[] = [], contract: string[] = [], status: string[] = [], note: (string | null)[] = [];
  const signed = new Float64Array(n);
  const won = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    segment.push(pick(rand(), ["small", "mid", "large"], [1 / 3, 1 / 3, 1 / 3]));
    contract.push(pick(rand(), ["two-year", "yearly", "monthly"], [0.25, 0.35, 0.4]));
    const p = contract[i] === "two-year" ? 0.99 : (segment[i] === "small" ? 0.2 : segment[i] === "mid" ? 0.35 : 0.5) * (contract[i] === "yearly" ? 1.2 : 0.8);
    won[i] = rand() < p ? 1 : 0;
    status.push(won[i] ? "Check-Out" : rand() < 0.04 ? "No-Show" : "Canceled");
    note.push(!won[i] && rand() < 0.6 ? pick(rand(), ["price", "timing", "competitor"], [0.4, 0.3, 0.3]) : null);
    const created = Date.UTC(2025, 0, 1) + i * DAY * 0.5 - 30 * DAY;
    signed[i] = won[i] ? created + 40 * DAY : NaN;
  }
  return syntheticDeals(won, {
    segment: { type: "categorical", values: segment },
    booking_status: { type: "categorical", values: status },
    contract: { type: "categorical", values: contract },
    lost_note: { type: "categorical", values: note },
    signed_on: { type: "date", role: "qualification", values: signed },
    budget_confirmed: { type: "boolean", role: "qualification", values: Array.from(won, (w, i) => (i % 7 === 0 ? null : w === 1)), framework: "BANT", criterion: "budget" },
    need_confirmed: { type: "boolean", role: "qualification", values: segment.map((s) => s !== "small"), framework: "BANT", criterion: "need" },
  }, 180, sources);
}

test("an outcome-determined status column is set aside, on its raw levels, even where binning merges a pure level", () => {
  const table = planted();
  const d = drivers(table);
  const status = d.attributes.find((a) => a.name === "booking_status")!;
  assert.match(status.leakage!, /^its levels decide the outcome: predicting each deal by its level is wrong for 0\.0% of deals, against \d+\.\d% without it \(Check-Out → wins; Canceled, No-Show → losses\)/);
  assert.match(status.leakage!, /its name reads like an outcome \("status"\)/, "the name is supporting evidence, listed with the strong one");
  assert.equal(status.leakageKept, false);
  assert.equal(status.significant, false);
  assert.ok(status.binSet.bins.some((b) => b.rule.kind === "other" && (b.rule as { members: string[] }).members.includes("No-Show")), "the binning merged the rare pure level");
  // The same decision flows to the scorecard and the personas.
  const card = tuneScorecard(table);
  assert.ok(!card.rules.attributes.some((a) => a.name === "booking_status"));
  assert.deepEqual(card.toSummary().leakage.setAside.map((a) => a.name).sort(), ["booking_status", "budget_confirmed", "lost_note", "signed_on"]);
  const persona = personaAttributes(table, { drivers: d });
  assert.ok(!persona.names.includes("booking_status") && !persona.names.includes("lost_note"));
  assert.match(persona.leftOut.find((l) => l.name === "booking_status")!.reason, /^flagged as leakage by drivers: its levels decide the outcome/);
  // keep: true keeps it, still saying why it was flagged.
  const kept = drivers(table, { keep: ["booking_status"] }).attributes.find((a) => a.name === "booking_status")!;
  assert.equal(kept.leakageKept, true);
  assert.equal(kept.significant, true);
});

test("drivers(table) keeps what the dataset spec keeps (`keep: true`, in the table's sources), as `leadlab drivers` and tune do", () => {
  const table = planted({ id: "deal_id", keep: ["booking_status"], informativeMissing: [], missing: [""], timeZone: "UTC" });
  const status = drivers(table).attributes.find((a) => a.name === "booking_status")!;
  assert.match(status.leakage!, /^its levels decide the outcome/, "still flagged, and saying why");
  assert.equal(status.leakageKept, true);
  assert.ok(tuneScorecard(table).rules.attributes.some((a) => a.name === "booking_status"), "the scorecard keeps it too");
});

test("a legitimate dominant attribute is kept and questioned, not removed", () => {
  const table = planted();
  const d = drivers(table);
  const contract = d.attributes.find((a) => a.name === "contract")!;
  const twoYear = contract.binSet.bins.find((b) => b.label === "two-year")!;
  assert.ok(twoYear.rate >= 0.98 && twoYear.n > 600, `two-year: ${twoYear.events}/${twoYear.n}`);
  assert.equal(contract.leakage, null, "strength alone is not evidence of leakage");
  assert.deepEqual(contract.leakageEvidence.strong, []);
  assert.match(contract.leakageQuestion!, /^kept; check when this field is filled in: bin "two-year" \(\d+ deals\) has a win rate of 9[89]\.\d%/);
  assert.equal(contract.significant, true);
  const card = tuneScorecard(table);
  const onCard = card.rules.attributes.find((a) => a.name === "contract");
  assert.ok(onCard, "the strongest driver stays on the card");
  assert.match(onCard!.rationale, /check when this field is filled in/);
  assert.deepEqual(card.toSummary().leakage.questions.map((q) => q.name), ["contract"]);
  assert.match(leakageLines(card), /^check when these are filled in, and drop any filled in only after the outcome \(kept: the evidence of leakage is not conclusive\): contract \(on the card\)\n$/m, "leadlab tune says so under its verdict");
  assert.match(JSON.stringify(d.toJSON()), /"leakage_question":"kept; check when this field is filled in: bin \\"two-year\\"/);
});

test("frameworks do not use a criterion whose attribute is set aside", () => {
  const table = planted();
  const d = drivers(table);
  const budget = d.attributes.find((a) => a.name === "budget_confirmed")!;
  assert.match(budget.leakage!, /^its levels decide the outcome among the [\d,]+ deals with a value: predicting each deal by its level is wrong for 0\.0% of deals/);
  const setAside = Object.fromEntries(d.attributes.filter((a) => a.leakage !== null && !a.leakageKept).map((a) => [a.attribute, a.leakage!]));
  const result = evaluateFrameworks(table, { frameworks: ["BANT"], setAside });
  assert.ok(result.warnings.some((w) => /^budget_confirmed: set aside as possible leakage \(its levels decide the outcome.*\), so criterion budget has no attribute here$/.test(w)));
  const plain = evaluateFrameworks(table, { frameworks: ["BANT"] });
  assert.ok(!plain.warnings.some((w) => w.startsWith("budget_confirmed: set aside")));
  assert.notDeepEqual(result.verdicts, plain.verdicts, "without the leaking criterion BANT is judged on need alone");
});

test("values filled in for losses only and dates after the scoring point are strong evidence", () => {
  const d = drivers(planted());
  assert.match(d.attributes.find((a) => a.name === "lost_note")!.leakage!, /filled in for losses only: the [\d,]+ deals with a value have a win rate of 0\.0%/);
  assert.match(d.attributes.find((a) => a.name === "signed_on")!.leakage!, /dated after the scoring point in 100% of deals/);
  assert.equal(d.attributes.find((a) => a.name === "segment")!.leakage, null);
  assert.equal(d.attributes.find((a) => a.name === "segment")!.leakageQuestion, null);
});

test("the evidence functions on hand-made counts", () => {
  const level = (label: string, n: number, events: number, missing = false) => ({ label, n, events, missing });
  // one direction only (a dominant level, the others mixed): wrong for 250 of 1000 against 451: not determined
  assert.equal(determinedByLevelsReason([level("a", 300, 299), level("b", 400, 150), level("c", 300, 100)], "win rate"), null);
  // wrong for 10 of 1000 against 500 (2 % of the error, at most 10 % needed): determined, both ways
  assert.match(determinedByLevelsReason([level("a", 500, 490), level("b", 490, 0), level("c", 10, 10)], "win rate")!, /wrong for 1\.0% of deals, against 50\.0% without it \(a, c → wins; b → losses\)/);
  // wrong for 60 of 1000 against 500 (12 %): a strong driver, not determined
  assert.equal(determinedByLevelsReason([level("a", 500, 470), level("b", 500, 30)], "win rate"), null);
  // pure levels of fewer than 10 deals prove nothing (an id column)
  assert.equal(determinedByLevelsReason(Array.from({ length: 100 }, (_, i) => level(`id${i}`, 1, i % 2)), "win rate"), null);
  // judged among the deals with a value too: blank for half the deals (mixed), exact when filled in
  assert.match(determinedByLevelsReason([level("yes", 250, 250), level("no", 250, 0), level("missing", 500, 250, true)], "win rate")!, /^its levels decide the outcome among the 500 deals with a value: /);
  // missing is a level: filled in for wins only
  assert.match(oneClassOnlyReason([level("x", 40, 40), level("missing", 960, 400, true)], "win rate")!, /^filled in for wins only: the 40 deals/);
  assert.equal(oneClassOnlyReason([level("x", 20, 20), level("missing", 980, 400, true)], "win rate"), null, "fewer than 30 values");
  assert.equal(outcomeNameReason("ClosedDate"), 'its name reads like an outcome ("closed")');
  assert.equal(outcomeNameReason("enclosed_area"), null, "whole words only");
  // raw levels: numbers grouped in at most 50 quantile levels with ties together, missing last
  const levels = rawLevelCounts(Float64Array.from([1, 1, 2, NaN]), "numeric", [1, 1, 0, 0]);
  assert.deepEqual(levels.map((l) => [l.label, l.n, l.events]), [["1", 2, 2], ["2", 1, 0], ["missing", 1, 0]]);
  // ties and events counted per distinct value from the two sorts, with the sort handed in alike
  const x = Float64Array.from([3, -1, 3, 0.5, 3, -1, NaN, 0.5]);
  const y = [1, 0, 0, 1, 1, 1, 1, 0];
  const expected = [["-1", 2, 1], ["0.5", 2, 1], ["3", 3, 2], ["missing", 1, 1]];
  assert.deepEqual(rawLevelCounts(x, "numeric", y).map((l) => [l.label, l.n, l.events]), expected);
  assert.deepEqual(rawLevelCounts(x, "numeric", y, undefined, Float64Array.from([-1, -1, 0.5, 0.5, 3, 3, 3])).map((l) => [l.label, l.n, l.events]), expected);
  assert.throws(() => rawLevelCounts(x, "numeric", [1, 0, 2, 0, 0, 0, 0, 0]), /^Error: rawLevelCounts: the outcome must be 0 or 1; got 2 at row 2$/);
});

test("a date attribute's levels are labelled with their calendar date in the dataset's zone", () => {
  const tokyoMidnight = Date.UTC(2026, 0, 10) - 9 * 3_600_000; // 2026-01-09T15:00Z
  const dates = Float64Array.from([tokyoMidnight, tokyoMidnight, tokyoMidnight + 86_400_000]);
  const labels = (zone?: string) => rawLevelCounts(dates, "date", Uint8Array.from([1, 1, 0]), undefined, undefined, undefined, zone).map((l) => [l.label, l.n]);
  assert.deepEqual(labels("Asia/Tokyo"), [["2026-01-10", 2], ["2026-01-11", 1]]);
  assert.deepEqual(labels(), [["2026-01-09", 2], ["2026-01-10", 1]]);
});
