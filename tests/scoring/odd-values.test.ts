import assert from "node:assert/strict";
import { test } from "node:test";
import { score, ScoreError } from "../../src/scoring/score";
import { attribute, bin, tinyRules } from "./helpers";
import { duckdbOutcomes, postgresOutcomes, scorerOutcomes, type LeadsTable } from "./view-outcomes";

/*
 * Odd numbers in a numeric field: score() and the generated SQL (DuckDB, and PostgreSQL when
 * PGHOST is set) leave the same leads unscored (NULL points in SQL) and give the others the same
 * points. Expected points are worked out by hand from the bins below.
 */

const rules = tinyRules(
  [
    attribute("employees", "numeric", [
      bin("< 0", { kind: "range", hi: 0, loInclusive: false, hiInclusive: false }, -10),
      bin("0", { kind: "range", lo: 0, hi: 0, loInclusive: true, hiInclusive: true }, 1),
      bin("0 to < 1e300", { kind: "range", lo: 0, hi: 1e300, loInclusive: false, hiInclusive: false }, 5),
      bin("≥ 1e300", { kind: "range", lo: 1e300, loInclusive: true, hiInclusive: false }, 9),
      bin("missing", { kind: "missing" }, -5),
    ]),
  ],
  {
    inputs: { id: "id", missing: ["N/A", "unknown"] },
    tiers: [
      { name: "A", minPoints: 5, expectedWinRate: { value: 0.5, lo: 0.4, hi: 0.6 }, shareOfLeads: 0.5, shareOfWins: 0.5 },
      { name: "B", minPoints: null, expectedWinRate: { value: 0.5, lo: 0.4, hi: 0.6 }, shareOfLeads: 0.5, shareOfWins: 0.5 },
    ],
  },
);

/** 2^1024 − 2^970: the smallest number a double cannot hold (it rounds to Infinity). */
const OVERFLOW = (2n ** 1024n - 2n ** 970n).toString();

/** Each value and its points by hand (null: cannot be scored). */
const CASES: [string | null, number | null][] = [
  ["1e400", null],
  ["-1e400", null],
  ["1E+400", null],
  ["inf", null],
  ["-inf", null],
  ["Infinity", null],
  ["NaN", null],
  ["nan", null],
  ["1,200", null],
  ["1e99999999", null],
  ["1" + "0".repeat(400), null],
  ["1.7976931348623159e308", null],
  [OVERFLOW, null],
  [OVERFLOW + ".5", null],
  [(BigInt(OVERFLOW) - 1n).toString(), 9], // the largest integer text that still reads as a finite double
  ["1.7976931348623157e308", 9],
  ["-1.7976931348623157e308", -10],
  ["1e300", 9],
  ["1e299", 5],
  ["", -5],
  ["   ", -5],
  [null, -5],
  ["N/A", -5],
  ["n/a", -5], // missing tokens compare as categories do
  [" UNKNOWN ", -5],
  ["1e-400", 1], // smaller than 1e-300 in size: 0
  ["-1e-400", 1],
  ["1e-310", 1],
  ["0." + "0".repeat(400) + "1", 1],
  ["1e-99999999", 1],
  ["0e999999999", 1],
  ["-0", 1],
  ["1e-299", 5],
  ["0.5", 5],
  [" 42 ", 5],
  ["1E3", 5],
  ["+.5e+01", 5],
  ["-3", -10],
];

const leads: LeadsTable = { columns: ["id", "employees"], rows: CASES.map(([v], i) => [`L${i}`, v]) };
const expected = new Map(CASES.map(([, p], i) => [`L${i}`, p === null ? "null null null" : `${p} ${p >= 5 ? "A" : "B"} ${p >= 20 ? "A" : p >= 10 ? "B" : p >= 0 ? "C" : "D"}3`]));

test("score(): odd numbers are unscored with a reason, or read as the number they are", () => {
  assert.deepEqual(scorerOutcomes(rules, leads), expected);
  const problem = (v: string) => {
    try {
      score(rules, { employees: v });
    } catch (e) {
      return e instanceof ScoreError ? e.problem : String(e);
    }
    return "scored";
  };
  assert.equal(problem("1e400"), "employees: not a finite number");
  assert.equal(problem("NaN"), "employees: not a number");
  assert.equal(problem("inf"), "employees: not a number");
});

test("DuckDB: the view leaves the same leads unscored (NULL points) and gives the others the same points", async () => {
  assert.deepEqual(await duckdbOutcomes(rules, leads), expected);
});

test("PostgreSQL: the view leaves the same leads unscored and never fails on an odd number", async (t) => {
  const got = await postgresOutcomes(rules, leads);
  if (!got) {
    if (process.env.CI === "true") assert.fail("PGHOST is not set under CI=true");
    t.skip("PGHOST is not set: skipping the PostgreSQL odd-values test");
    return;
  }
  assert.deepEqual(got, expected);
});
