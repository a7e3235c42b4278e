import assert from "node:assert/strict";
import { test } from "node:test";
import { binNumeric } from "../../src/stats/binning/numeric";
import { readableEdges, readableNumber } from "../../src/stats/binning/readable-edges";
import { seededRandom } from "../../src/stats/random";

/** Significant digits of a number as written in decimal (trailing zeros of an integer do not count). */
function significantDigits(x: number): number {
  const digits = String(Math.abs(x)).replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return digits.length;
}

const innerEdges = (set: ReturnType<typeof binNumeric>) =>
  set.bins.flatMap((b) => (b.rule.kind === "range" && Number.isFinite(b.rule.hi) ? [b.rule.hi] : []));

test("readableNumber: two significant digits, whole units on request", () => {
  assert.deepEqual([0.278, 0.661, 4.2635, 925.5, 51810000, 229800000, -0.0347].map((x) => readableNumber(x)), [0.28, 0.66, 4.3, 930, 52000000, 230000000, -0.035]);
  assert.deepEqual([0.278, 0.661, 1.65, 9.26, 126.4].map((x) => readableNumber(x, true)), [0, 1, 2, 9, 130]);
  assert.equal(readableNumber(Infinity), Infinity);
});

test("readableEdges: every inner edge has at most two significant digits, counts add up, the input is not modified", () => {
  const rand = seededRandom(11);
  const n = 3000;
  const x = Float64Array.from({ length: n }, () => (rand() < 0.05 ? NaN : Math.exp(rand() * 12)));
  const won = Uint8Array.from(x, (v) => (rand() < (Number.isNaN(v) ? 0.3 : Math.min(0.9, Math.log(v + 1) / 12)) ? 1 : 0));
  const exact = binNumeric(x, won, { name: "revenue" });
  const before = JSON.stringify(exact);
  assert.ok(innerEdges(exact).some((c) => significantDigits(c) > 2), "the exact edges are not already readable");
  const r = readableEdges(exact, x, won);
  assert.equal(JSON.stringify(exact), before);
  for (const c of innerEdges(r)) assert.ok(significantDigits(c) <= 2, `edge ${c}`);
  // each bin holds exactly the values in its range, counted directly
  for (const b of r.bins) {
    const inBin = (v: number) => (b.rule.kind === "missing" ? Number.isNaN(v) : b.rule.kind === "range" && v >= b.rule.lo && (b.rule.hiInclusive ? v <= b.rule.hi : v < b.rule.hi));
    let count = 0;
    let wins = 0;
    x.forEach((v, i) => {
      if (inBin(v)) {
        count++;
        wins += won[i];
      }
    });
    assert.deepEqual([b.n, b.events], [count, wins], b.label);
  }
  assert.equal(r.n, n);
});

test("readableEdges: day counts cut at whole days; bins that collapse or empty are merged", () => {
  // days since the last visit, fractional; a bin below 0.3 days rounds to a cut at 0 and disappears
  const x = Float64Array.from([0.1, 0.2, 0.25, 0.5, 0.6, 1.2, 1.4, 1.45, 3, 7.3, 7.4, 8.2]);
  const won = Uint8Array.from([1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0]);
  const exact = binNumeric(x, won, { name: "days_since_last_visit", minBinSize: 1, maxBins: 6, trend: "none" });
  const r = readableEdges(exact, x, won, { wholeUnits: true });
  for (const c of innerEdges(r)) assert.ok(Number.isInteger(c), `edge ${c}`);
  const edges = innerEdges(exact).map((c) => Math.round(Number(c.toPrecision(2))));
  // expected: distinct rounded edges, without those leaving a bin empty (0 holds nothing below it)
  const expected = [...new Set(edges)].filter((c) => x.some((v) => v < c) && x.some((v) => v >= c));
  assert.deepEqual(innerEdges(r), expected);
  assert.equal(r.bins.filter((b) => b.rule.kind === "range").length, expected.length + 1);
  assert.ok(r.bins.every((b) => b.rule.kind === "missing" || b.n > 0));
});
