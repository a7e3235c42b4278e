import assert from "node:assert/strict";
import { test } from "node:test";
import { applyBins } from "../../src/stats/binning/apply-bins";
import { assignBin, assignBins } from "../../src/stats/binning/assign-bin";
import type { Bin, BinSet } from "../../src/stats/binning/bin";
import { binColumn } from "../../src/stats/binning/bin-column";
import { binBoolean } from "../../src/stats/binning/boolean";
import { binCategorical } from "../../src/stats/binning/categorical";
import { niceCut } from "../../src/stats/binning/cut-points";
import { binLabel, formatNumber } from "../../src/stats/binning/labels";
import { binMulti } from "../../src/stats/binning/multi";
import { binNumeric, sortByOutcome } from "../../src/stats/binning/numeric";
import { quantilePreBins } from "../../src/stats/binning/pre-bins";
import { seededRandom } from "../../src/stats/random";
import { wilsonInterval } from "../../src/stats/wilson";
import { weightOfEvidence } from "../../src/stats/woe";
import { close, frozen } from "../helpers/assert-close";

/** Every bin's statistics are consistent with its counts, rates in [0, 1], IV ≥ 0 and totals add up. */
function checkStats(b: BinSet): void {
  const woe = weightOfEvidence(b.bins.map((x) => x.events), b.bins.map((x) => x.nonEvents));
  b.bins.forEach((x, i) => {
    assert.equal(x.n, x.events + x.nonEvents);
    if (x.n > 0) {
      const w = wilsonInterval(x.events, x.n);
      assert.equal(x.rate, x.events / x.n);
      assert.ok(0 <= x.lo && x.lo <= x.rate && x.rate <= x.hi && x.hi <= 1);
      assert.deepEqual([x.lo, x.hi], [w.lo, w.hi]);
    }
    assert.ok(x.iv >= 0);
    close(x.woe, woe.bins[i].woe, 1e-15);
  });
  assert.equal(b.n, b.bins.reduce((s, x) => s + x.n, 0));
  assert.equal(b.events, b.bins.reduce((s, x) => s + x.events, 0));
  close(b.iv, woe.iv, 1e-12);
  assert.equal(b.bins[b.bins.length - 1].rule.kind, "missing");
}

function synthetic(rows: number, seed: number) {
  const rand = seededRandom(seed);
  const employees = new Float64Array(rows);
  const won = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = Math.round(Math.exp(rand() * 9));
    employees[i] = rand() < 0.08 ? NaN : v;
    won[i] = rand() < 0.15 + 0.06 * Math.log(v + 1) ? 1 : 0;
  }
  return { employees, won };
}

test("binNumeric: ascending data gives ascending bins with readable integer labels and a missing bin", () => {
  const { employees, won } = synthetic(3000, 1);
  const copy = Float64Array.from(employees);
  const b = binNumeric(employees, won, { name: "employees" });
  assert.deepEqual(employees, copy, "input not modified");
  checkStats(b);
  assert.equal(b.trend, "ascending");
  const ranges = b.bins.filter((x) => x.rule.kind === "range");
  assert.ok(ranges.length >= 3 && ranges.length <= 6);
  for (let i = 1; i < ranges.length; i++) assert.ok(ranges[i].rate > ranges[i - 1].rate);
  for (const r of ranges) assert.ok(r.n >= b.minBinSize && r.events >= 1 && r.nonEvents >= 1);
  assert.equal(b.minBinSize, Math.ceil(0.05 * (3000 - b.bins[b.bins.length - 1].n)));
  // edges are explicit and contiguous
  const rules = ranges.map((r) => r.rule as Extract<Bin["rule"], { kind: "range" }>);
  assert.equal(rules[0].lo, -Infinity);
  assert.equal(rules[rules.length - 1].hi, Infinity);
  assert.equal(rules[rules.length - 1].hiInclusive, true);
  for (let i = 1; i < rules.length; i++) assert.equal(rules[i].lo, rules[i - 1].hi);
  assert.match(ranges[0].label, /^< \d+$/);
  assert.match(ranges[1].label, /^\d+–\d+$/);
  assert.match(ranges[ranges.length - 1].label, /^≥ \d+$/);
  assert.equal(b.bins[b.bins.length - 1].label, "missing");
  assert.ok(b.bins[b.bins.length - 1].n > 0);
});

test("binNumeric: every fixed trend is honoured, peak data finds a peak, 'none' is at least as good", () => {
  const rand = seededRandom(8);
  const n = 4000;
  const x = new Float64Array(n);
  const won = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.floor(rand() * 1000) / 10;
    won[i] = rand() < 0.8 - Math.abs(x[i] - 50) / 70 ? 1 : 0;
  }
  const auto = binNumeric(x, won);
  assert.equal(auto.trend, "peak");
  const ivs: Record<string, number> = {};
  for (const trend of ["ascending", "descending", "peak", "valley", "none"] as const) {
    const b = binNumeric(x, won, { trend });
    checkStats(b);
    ivs[trend] = b.iv;
    const r = b.bins.filter((q) => q.rule.kind === "range").map((q) => q.rate);
    const d = r.slice(1).map((v, i) => Math.sign(v - r[i]));
    if (trend === "ascending") assert.ok(d.every((s) => s > 0));
    if (trend === "descending") assert.ok(d.every((s) => s < 0));
    if (trend === "peak") assert.ok(d.join() === [...d].sort((a, c) => c - a).join() && !d.includes(0));
    if (trend === "valley") assert.ok(d.join() === [...d].sort((a, c) => a - c).join() && !d.includes(0));
  }
  assert.ok(ivs.none >= ivs.peak - 1e-12);
  assert.ok(ivs.peak > ivs.ascending && ivs.peak > ivs.descending);
  close(auto.iv, ivs.peak, 1e-15);
  // decimal labels
  assert.match(auto.bins[1].label, /^[\d.]+ to < [\d.]+$/);
});

test("binNumeric: no valid split → one bin and a warning; no values at all; options checked", () => {
  const few = binNumeric([1, 2, 3, 4, 5, NaN], [1, 0, 1, 0, 1, 1], { name: "seats" });
  assert.equal(few.bins.length, 2);
  assert.equal(few.bins[0].label, "all values");
  assert.match(few.warnings.join("\n"), /seats: no split meets the minimum bin size \(30\)/);
  assert.match(few.warnings.join("\n"), /missing bin has only 1 row \(minimum bin size 30\)/);
  checkStats(few);
  const single = binNumeric(Array.from({ length: 100 }, (_, i) => i), Array.from({ length: 100 }, (_, i) => i % 2), { maxBins: 1 });
  assert.deepEqual([single.bins.length, single.warnings.length], [2, 0]);
  const none = binNumeric([NaN, NaN], [1, 0]);
  assert.deepEqual(none.bins.map((b) => [b.label, b.n]), [["all values", 0], ["missing", 2]]);
  assert.match(none.warnings[0], /no non-missing values/);
  // pure bins are allowed by default (a pure-loss region is its own bin); a minimum of wins per bin is an option
  const x = Array.from({ length: 200 }, (_, i) => i);
  const y = x.map((v) => (v < 100 ? 0 : v % 2));
  const strict = binNumeric(x, y, { trend: "ascending", minEvents: 1 });
  assert.ok(strict.bins.every((b) => b.rule.kind === "missing" || b.events >= 1));
  const loose = binNumeric(x, y, { trend: "ascending" });
  assert.equal(loose.bins[0].events, 0);
  assert.ok(loose.iv > strict.iv);
  // outcomes that are neither 0 nor 1 are left out
  const ign = binNumeric([1, 2, 3], [1, NaN, 0], { minBinSize: 1 });
  assert.equal(ign.ignored, 1);
  assert.equal(ign.n, 2);
  assert.throws(() => binNumeric([1], [1, 0]), /values has 1 rows but outcome has 2/);
  assert.throws(() => binNumeric([1], [1], { maxBins: 0 }), /binNumeric: maxBins must be an integer ≥ 1; got 0/);
  assert.throws(() => binNumeric([1], [1], { trend: "up" as never }), /trend must be one of auto, ascending/);
});

test("binNumeric: 0/1 columns, dates, values at cut points", () => {
  const x = Array.from({ length: 400 }, (_, i) => (i < 200 ? 0 : 1));
  const y = x.map((v, i) => (v ? (i % 4 ? 1 : 0) : i % 4 ? 0 : 1));
  const b = binNumeric(x, y);
  assert.deepEqual(b.bins.map((q) => q.label), ["< 1", "≥ 1", "missing"]);
  const day = 86400000;
  const t0 = Date.UTC(2024, 0, 1);
  const dates = Array.from({ length: 300 }, (_, i) => t0 + (i % 100) * day);
  const d = binNumeric(dates, dates.map((v, i) => (v > t0 + 50 * day ? (i % 5 ? 1 : 0) : i % 5 ? 0 : 1)), { dates: true, name: "created" });
  assert.match(d.bins[0].label, /^< 2024-\d\d-\d\d$/);
  for (const bin of d.bins) if (bin.rule.kind === "range" && bin.rule.lo !== -Infinity) assert.ok(dates.includes(bin.rule.lo));
});

test("quantilePreBins keeps ties together and makes at most the asked number", () => {
  assert.deepEqual(quantilePreBins([1, 1, 1, 1, 1, 1, 1, 1], 4), [1, 3, 5, 7]);
  assert.deepEqual(quantilePreBins([5, 1, 1, 1], 2), [0, 3]);
  assert.deepEqual(quantilePreBins([3, 2], 20), [0, 1]);
  assert.deepEqual(quantilePreBins([], 20), []);
  const rand = seededRandom(4);
  for (let k = 0; k < 200; k++) {
    const counts = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => (rand() < 0.1 ? 500 : 1 + Math.floor(rand() * 10)));
    const m = 2 + Math.floor(rand() * 20);
    const ends = quantilePreBins(counts, m);
    assert.ok(ends.length <= m && ends.length >= 1);
    assert.equal(ends[ends.length - 1], counts.length - 1);
    for (let i = 1; i < ends.length; i++) assert.ok(ends[i] > ends[i - 1]);
    if (counts.length <= m) assert.equal(ends.length, counts.length);
  }
});

test("niceCut picks the roundest number in (a, b]", () => {
  assert.equal(niceCut(48, 53), 50);
  assert.equal(niceCut(1999, 2001), 2000);
  assert.equal(niceCut(199, 200), 200);
  assert.equal(niceCut(10, 11), 11);
  assert.equal(niceCut(0.31, 0.34), 0.32);
  assert.equal(niceCut(-53, -48), -50);
  assert.equal(niceCut(-1, 1), 0);
  assert.equal(niceCut(0, 1e-9), 1e-9);
  assert.equal(niceCut(1, Infinity), Infinity);
  const rand = seededRandom(6);
  for (let k = 0; k < 2000; k++) {
    const a = (rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 4);
    const b = a + rand() * 10 ** Math.floor(rand() * 10 - 6) + Number.EPSILON * Math.abs(a) * 4;
    if (!(b > a)) continue;
    const c = niceCut(a, b);
    assert.ok(c > a && c <= b, `${a} ${b} → ${c}`);
  }
  assert.throws(() => niceCut(2, 2), /need a < b/);
});

test("labels", () => {
  const r = (lo: number, hi: number, loInclusive = true, hiInclusive = false) => ({ kind: "range" as const, lo, hi, loInclusive, hiInclusive });
  assert.equal(binLabel(r(-Infinity, 50), "x", "integer"), "< 50");
  assert.equal(binLabel(r(50, 200), "x", "integer"), "50–199");
  assert.equal(binLabel(r(50, 51), "x", "integer"), "50");
  assert.equal(binLabel(r(2000, Infinity, true, true), "x", "integer"), "≥ 2000");
  assert.equal(binLabel(r(0.5, 2), "x"), "0.5 to < 2");
  assert.equal(binLabel(r(-Infinity, Infinity), "x"), "all values");
  assert.equal(binLabel({ kind: "set", values: ["SaaS"] }, "industry"), "SaaS");
  assert.equal(binLabel({ kind: "set", values: ["Fintech", "SaaS"] }, "industry"), "industry ∈ {Fintech, SaaS}");
  assert.equal(binLabel({ kind: "other", members: Array(12).fill("v") }, "industry"), "other (12 values)");
  assert.equal(binLabel({ kind: "other", members: ["v"] }, "industry"), "other (1 value)");
  assert.equal(binLabel({ kind: "missing" }, "industry"), "missing");
  assert.equal(formatNumber(0.1 + 0.2), "0.3");
  assert.equal(formatNumber(Date.UTC(2024, 2, 1, 12), "date"), "2024-03-01T12:00:00Z");
});

function categoricalFixture() {
  const values: (string | null)[] = [];
  const won: number[] = [];
  const add = (v: string | null, n: number, wins: number) => {
    for (let i = 0; i < n; i++) {
      values.push(v);
      won.push(i < wins ? 1 : 0);
    }
  };
  add("SaaS", 200, 120); // 0.60
  add("Fintech", 150, 92); // 0.613 — like SaaS
  add("Retail", 180, 36); // 0.20
  add("Health", 100, 45); // 0.45
  add("Mining", 10, 2);
  add("Energy", 5, 4);
  add("", 8, 2);
  add(null, 40, 10);
  return { values, won };
}

test("binCategorical: rare levels to an explicit other bin, similar neighbours merged, missing kept", () => {
  const { values, won } = categoricalFixture();
  const b = binCategorical(frozen(values), frozen(won), { name: "industry" });
  checkStats(b);
  assert.equal(b.minBinSize, 33); // 5 % of 653 non-missing rows
  assert.deepEqual(b.bins.map((x) => x.label), ["Retail", "Health", "industry ∈ {Fintech, SaaS}", "other (3 values)", "missing"]);
  const other = b.bins[3].rule;
  assert.deepEqual(other, { kind: "other", members: ["", "Energy", "Mining"] });
  assert.equal(b.bins[3].n, 23);
  assert.match(b.warnings.join(), /"other" bin has only 23 rows/);
  // without merging: one bin per frequent level, sorted by rate
  const raw = binCategorical(values, won, { name: "industry", merge: false });
  assert.deepEqual(raw.bins.map((x) => x.label), ["Retail", "Health", "SaaS", "Fintech", "other (3 values)", "missing"]);
  // maxBins forces the most similar neighbours together
  const two = binCategorical(values, won, { name: "industry", maxBins: 2 });
  assert.equal(two.bins.filter((x) => x.rule.kind === "set").length, 2);
  checkStats(two);
  // a strict alpha keeps more groups apart than a loose one
  const loose = binCategorical(values, won, { name: "industry", alpha: 0.5 });
  assert.ok(loose.bins.length <= b.bins.length);
});

test("binCategorical: a level with no wins is merged with its most similar neighbour; no other bin when nothing is rare", () => {
  const values = [...Array(50).fill("A"), ...Array(50).fill("B"), ...Array(50).fill("C")];
  const won = [...Array(50).fill(0), ...Array(50).fill(0).map((_, i) => (i < 5 ? 1 : 0)), ...Array(50).fill(0).map((_, i) => (i < 40 ? 1 : 0))];
  const b = binCategorical(values, won, { name: "tier", alpha: 1e-9 });
  assert.deepEqual(b.bins.map((x) => x.label), ["tier ∈ {A, B}", "C", "missing"]);
  assert.ok(!b.bins.some((x) => x.rule.kind === "other"));
  const unseen = assignBin(b, "Z");
  assert.deepEqual(unseen, { index: 2, fallback: "missing" });
  const allRare = binCategorical(["a", "b", "c"], [1, 0, 1]);
  assert.match(allRare.warnings.join(), /no level has the minimum bin size \(30\)/);
  assert.throws(() => binCategorical([1 as never], [1]), /values must be strings or null; row 0 is number 1/);
});

test("binCategorical: more than 20 rare levels (a column of codes) are grouped by win rate, each group at least minBinSize; the other bin, empty, takes unseen values", () => {
  // 30 owners of 10 deals each: minBinSize = max(5 % of 300, 30) = 30, so every owner is rare.
  // Owners O0–O14 win 2 of 10, O15–O29 win 8 of 10.
  const owners = Array.from({ length: 30 }, (_, k) => `O${String(k).padStart(2, "0")}`);
  const values = owners.flatMap((o) => Array<string>(10).fill(o));
  const won = owners.flatMap((_, k) => Array.from({ length: 10 }, (_, i) => (i < (k < 15 ? 2 : 8) ? 1 : 0)));
  const b = binCategorical(frozen(values), frozen(won), { name: "owner" });
  checkStats(b);
  assert.equal(b.minBinSize, 30);
  // Sorted by (wins + 20 · 0.5) / (10 + 20): 12/30 for the first fifteen, 18/30 for the others;
  // neighbours of one rate merge (p = 1), the two rates stay apart (chi-square p ≈ 2e-17).
  // Each bin's label, deals and wins: the low owners, then the high ones, then no deals unseen or missing.
  const counts = (set: BinSet) => set.bins.map((x) => [x.label, x.n, x.events]);
  const twoGroups = (high: (string | number)[]) => [["owner ∈ {O00, O01, O02, O03, O04, … (15 values)}", 150, 30], high, ["other (values unseen in training)", 0, 0], ["missing", 0, 0]];
  assert.deepEqual(counts(b), twoGroups(["owner ∈ {O15, O16, O17, O18, O19, … (15 values)}", 150, 120]));
  assert.deepEqual(b.bins[0].rule, { kind: "set", values: owners.slice(0, 15) });
  assert.deepEqual(b.bins[2].rule, { kind: "other", members: [] });
  assert.deepEqual(assignBin(b, "O99"), { index: 2, fallback: "other" });
  assert.deepEqual(b.warnings, []);
  // 20 rare owners (200 deals, minBinSize 30): pooled into other, as a handful of rare levels are.
  const few = binCategorical(values.slice(0, 200), won.slice(0, 200), { name: "owner" });
  assert.deepEqual(few.bins.map((x) => x.label), ["other (20 values)", "missing"]);
  // A group is never under minBinSize: an owner of 10 deals all won, (10 + 20 · 160/310) / 30 ≈ 0.68,
  // sorts after the others and, too small alone, joins the owners who win 8 of 10.
  const withLone = binCategorical([...values, ...Array<string>(10).fill("Z")], [...won, ...Array<number>(10).fill(1)], { name: "owner" });
  assert.deepEqual(counts(withLone), twoGroups(["owner ∈ {O15, O16, O17, O18, O19, … (16 values)}", 160, 130]));
});

test("binBoolean and binMulti", () => {
  const v = [...Array(60).fill(true), ...Array(40).fill(false), null, null];
  const y = [...Array(60).fill(0).map((_, i) => (i < 45 ? 1 : 0)), ...Array(40).fill(0).map((_, i) => (i < 10 ? 1 : 0)), 1, 0];
  const b = binBoolean(frozen(v), frozen(y), { name: "budget_confirmed" });
  checkStats(b);
  assert.deepEqual(b.bins.map((x) => [x.label, x.n, x.events]), [["false", 40, 10], ["true", 60, 45], ["missing", 2, 1]]);
  assert.deepEqual(b.bins[1].rule, { kind: "set", values: ["true"] });
  assert.throws(() => binBoolean(["yes" as never], [1]), /values must be true, false or null; row 0 is string yes/);

  const stack = Array.from({ length: 200 }, (_, i) => (i % 10 === 9 ? null : i % 2 ? ["AWS", "Salesforce", "AWS"] : i % 9 ? ["GCP"] : ["GCP", "Rare"]));
  const won = stack.map((_, i) => (i % 2 ? (i % 3 ? 1 : 0) : i % 7 ? 0 : 1));
  const sets = binMulti(frozen(stack), won, { name: "stack" });
  // GCP in 100 rows, AWS and Salesforce in 80 (ties by name), Rare in 12 < 30: no indicator
  assert.deepEqual(sets.map((s) => s.name), ["stack=GCP", "stack=AWS", "stack=Salesforce"]);
  for (const s of sets) checkStats(s);
  const aws = sets[1];
  assert.deepEqual(aws.indicator, { attribute: "stack", value: "AWS" });
  assert.equal(aws.type, "boolean");
  assert.equal(aws.bins[1].n, 80); // rows containing AWS (each counted once)
  assert.equal(aws.bins[0].n, 100);
  assert.equal(aws.bins[2].n, 20); // null lists
  assert.deepEqual(assignBin(aws, ["GCP", "AWS"]), { index: 1, fallback: null });
  assert.deepEqual(assignBin(aws, ["GCP"]), { index: 0, fallback: null });
  assert.deepEqual(assignBin(aws, null), { index: 2, fallback: null });
  assert.throws(() => assignBin(aws.bins, ["AWS"]), /needs the bin set of an indicator/);
});

test("assignBin puts every training row in the bin that counted it, and handles new values", () => {
  const { employees, won } = synthetic(2000, 3);
  const b = binNumeric(employees, won, { name: "employees" });
  const again = applyBins(b, employees, won);
  assert.deepEqual(again.bins.map((x) => [x.n, x.events]), b.bins.map((x) => [x.n, x.events]));
  assert.equal(again.warnings.length, 0);
  const cut = (b.bins[1].rule as { lo: number }).lo;
  assert.equal(assignBin(b, cut).index, 1, "a value at a cut goes to the upper bin");
  assert.equal(assignBin(b, cut - 1e-9).index, 0);
  assert.equal(assignBin(b, -Infinity).index, 0);
  const lastRange = b.bins.length - 2;
  assert.equal(assignBin(b, Infinity).index, lastRange);
  assert.equal(assignBin(b, String(cut)).index, 1);
  assert.deepEqual(assignBin(b, NaN), { index: b.bins.length - 1, fallback: null });
  assert.deepEqual(assignBin(b, "lots"), { index: b.bins.length - 1, fallback: "missing" });

  const { values, won: w2 } = categoricalFixture();
  const c = binCategorical(values, w2, { name: "industry" });
  const again2 = applyBins(c, values, w2);
  assert.deepEqual(again2.bins.map((x) => x.n), c.bins.map((x) => x.n));
  assert.deepEqual(assignBin(c, "SaaS"), { index: 2, fallback: null });
  assert.deepEqual(assignBin(c, "Mining"), { index: 3, fallback: "other" });
  assert.deepEqual(assignBin(c, "Aerospace"), { index: 3, fallback: "other" });
  assert.deepEqual(assignBin(c, null), { index: 4, fallback: null });
  const holdout = applyBins(c, ["Aerospace", "SaaS"], [1, 0]);
  assert.match(holdout.warnings.join(), /1 rows had a value unseen in training and went to "other"/);

  const bool = binBoolean([true, false, true, false], [1, 0, 1, 0]);
  assert.equal(assignBin(bool, true).index, 1);
  assert.equal(assignBin(bool, "false").index, 0);
  // serialisable: JSON round trip keeps sets, other and missing rules intact
  const json = JSON.parse(JSON.stringify(c.bins)) as Bin[];
  assert.deepEqual(assignBin(json, "Fintech"), { index: 2, fallback: null });
});

test("assignBins gives the same bins as assignBin, value by value", () => {
  const { employees, won } = synthetic(3000, 9);
  const b = binNumeric(employees, won);
  const probe = [...Array.from(employees), -Infinity, Infinity, "12", "x", null, (b.bins[2].rule as { lo: number }).lo];
  const fast = assignBins(b, probe as never);
  probe.forEach((v, i) => assert.equal(fast[i], assignBin(b, v as never).index, `value ${String(v)}`));
  const { values, won: w2 } = categoricalFixture();
  const c = binCategorical(values, w2, { name: "industry" });
  const cats = [...values, "Aerospace", 3, true];
  const fastC = assignBins(c, cats as never);
  cats.forEach((v, i) => assert.equal(fastC[i], assignBin(c, v as never).index));
  const stack = [["a"], ["b"], null, ["a", "b"]];
  const m = binMulti(stack, [1, 0, 1, 0], { minBinSize: 1 })[0];
  assert.deepEqual(Array.from(assignBins(m, stack)), stack.map((v) => assignBin(m, v).index));
});

test("binColumn dispatches on the attribute type", () => {
  const won = [1, 0, 1, 0];
  assert.equal(binColumn(Float64Array.from([1, 2, 3, 4]), "numeric", won)[0].type, "numeric");
  assert.equal(binColumn(Float64Array.from([1, 2, 3, 4]), "date", won)[0].bins[0].label, "all values");
  assert.equal(binColumn(["a", "b", "a", null], "categorical", won)[0].type, "categorical");
  assert.equal(binColumn([true, false, true, null], "boolean", won)[0].type, "boolean");
  assert.equal(binColumn([["x"], ["x"], null, ["y"]], "multi", won, { minBinSize: 2 })[0].name, "x=x");
});

test("sortByOutcome of few distinct values (counted) gives what sorting gives: −0 before 0, NaN and unknown outcomes left out", () => {
  let seed = 9;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (const levels of [3, 30, 40]) {
    const values = Float64Array.from({ length: 600 }, () => {
      const u = rnd();
      return u < 0.1 ? NaN : u < 0.15 ? -0 : Math.floor(rnd() * levels) - 1;
    });
    const outcome = Array.from(values, () => (rnd() < 0.05 ? null : rnd() < 0.4 ? 1 : 0));
    const part = (y: number) => Float64Array.from(values.filter((v, i) => outcome[i] === y && !Number.isNaN(v))).sort();
    const s = sortByOutcome(values, outcome);
    const signs = (xs: Float64Array) => Array.from(xs, (x) => (Object.is(x, -0) ? "-0" : x));
    assert.deepEqual([signs(s.wins), signs(s.losses)], [signs(part(1)), signs(part(0))], `${levels} levels`);
    assert.deepEqual([s.missE, s.missN, s.ignored], [values.filter((v, i) => Number.isNaN(v) && outcome[i] === 1).length, values.filter((v, i) => Number.isNaN(v) && outcome[i] === 0).length, outcome.filter((y) => y === null).length]);
  }
});
