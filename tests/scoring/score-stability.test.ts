import assert from "node:assert/strict";
import { test } from "node:test";
import { DealTable } from "../../src/data/deal-table";
import { diffRules, formatRulesDiff } from "../../src/scoring/diff-rules";
import { scoreStability } from "../../src/scoring/score-stability";
import { diffCommand } from "../../src/cli/diff-command";
import { attribute, bin, tinyRules } from "./helpers";

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** Rules with one numeric attribute: < 10 → 0 points, ≥ 10 → 20 points; tier A from 20 points. */
const rules = tinyRules(
  [
    attribute("seats", "numeric", [
      bin("< 10", { kind: "range", hi: 10, loInclusive: true, hiInclusive: false }, 0),
      bin("≥ 10", { kind: "range", lo: 10, loInclusive: true, hiInclusive: true }, 20),
      bin("missing", { kind: "missing" }, 0),
    ]),
  ],
  {
    tiers: [
      { name: "A", minPoints: 20, expectedWinRate: { value: 0.6, lo: 0.5, hi: 0.7 }, shareOfLeads: 0.5, shareOfWins: 0.6 },
      { name: "B", minPoints: null, expectedWinRate: { value: 0.4, lo: 0.3, hi: 0.5 }, shareOfLeads: 0.5, shareOfWins: 0.4 },
    ],
  },
);
rules.metadata.dateRange = { from: "2026-01-01", to: "2026-03-31", column: "closed_at" };

function table(seats: number[], closed: string[]): DealTable {
  return new DealTable({
    name: "q",
    ids: seats.map((_, i) => `D${i}`),
    won: Uint8Array.from(seats, (_, i) => i % 2),
    closedAt: Float64Array.from(closed, day),
    attributes: [{ name: "seats", type: "numeric", role: "product", source: "spec", table: "deals" }],
    columns: { seats: Float64Array.from(seats) },
    holdout: { by: "random", fraction: 0.25, seed: 1 },
  });
}

test("PSI over the old rules' tiers, hand-computed: 2 of 4 in A before, 3 of 4 after", () => {
  // before (Jan–Mar, the last day included): 2 in A, 2 in B; after (April on): 3 in A, 1 in B; one deal before the range is left out
  const t = table([12, 3, 40, 5, 11, 15, 2, 30, 99], ["2026-01-05", "2026-02-01", "2026-03-31", "2026-03-31", "2026-04-01", "2026-05-02", "2026-06-30", "2026-06-01", "2025-12-31"]);
  const s = scoreStability(rules, t);
  assert.ok(!("unavailable" in s));
  const expected = (0.75 - 0.5) * Math.log(0.75 / 0.5) + (0.25 - 0.5) * Math.log(0.25 / 0.5); // 0.274653…
  assert.ok(Math.abs(s.tiers.psi - expected) < 1e-12, `${s.tiers.psi} vs ${expected}`);
  assert.equal(s.tiers.reading, "major");
  assert.deepEqual([s.before.deals, s.after.deals, s.after.to], [4, 4, "2026-06-30"]);
  const text = formatRulesDiff(diffRules(rules, rules, s));
  assert.match(text, /4 deals 2026-01-01 to 2026-03-31 vs 4 deals after \(to 2026-06-30, closed_at\): PSI 0\.275 over tiers \(major\)/);
});

test("PSI is 0 when the deals after score exactly like last quarter's", () => {
  const t = table([12, 3, 40, 5, 12, 3, 40, 5], ["2026-01-05", "2026-02-01", "2026-03-01", "2026-03-02", "2026-04-05", "2026-05-01", "2026-06-01", "2026-06-02"]);
  const s = scoreStability(rules, t);
  assert.ok(!("unavailable" in s));
  assert.equal(s.tiers.psi, 0);
  assert.equal(s.deciles.psi, 0);
  assert.equal(s.tiers.reading, "stable");
});

test("no deal after the old rules' range: the PSI is said to be unavailable, and why", async () => {
  const t = table([12, 3], ["2026-01-05", "2026-02-01"]);
  assert.deepEqual(scoreStability(rules, t), { unavailable: "no deal of the table is dated after 2026-03-31, the end of the rules' range" });
  let text = "";
  await diffCommand(["rules/sample/scoring.yaml", "rules/sample/scoring.yaml", "--data", "data/sample/dataset.yaml"], (s) => (text += s));
  assert.match(text, /score stability under the old rules: not computed \(no deal of the table is dated after 2026-09-30, the end of the rules' range\)/);
});

test("the rules' date range is read in the dataset's time zone: a deal of its first and last day is before, one of the next day after", () => {
  // midnight in Tokyo is 15:00 UTC the day before: read as UTC, the first day's deal would fall out and the next day's fall in
  const tokyo = (d: string) => day(d) - 9 * 3_600_000;
  const dates = ["2026-01-01", "2026-02-01", "2026-03-31", "2026-04-01", "2026-05-01"];
  const t = new DealTable({
    name: "q",
    ids: dates.map((_, i) => `D${i}`),
    won: Uint8Array.from(dates, (_, i) => i % 2),
    closedAt: Float64Array.from(dates, tokyo),
    attributes: [{ name: "seats", type: "numeric", role: "product", source: "spec", table: "deals" }],
    columns: { seats: Float64Array.from([12, 3, 40, 5, 11]) },
    holdout: { by: "random", fraction: 0.25, seed: 1 },
    sources: { id: "deal_id", keep: [], informativeMissing: [], missing: [], timeZone: "Asia/Tokyo" },
  });
  const s = scoreStability(rules, t);
  assert.ok(!("unavailable" in s));
  assert.deepEqual([s.before.deals, s.after.deals, s.after.to], [3, 2, "2026-05-01"]);
});
