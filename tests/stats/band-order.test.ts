import assert from "node:assert/strict";
import { test } from "node:test";
import { bandOrder } from "../../src/stats/binning/band-order";
import { binCategorical } from "../../src/stats/binning/categorical";

/*
 * Categories that name bands of a number (company sizes, budgets, revenue ranges as CRMs and
 * forms write them) are binned in the bands' order: neighbouring bands merge, bands far apart
 * with similar win rates do not.
 */

test("bands as CRMs and forms write them are put in order: ranges, thousands commas, K/M multiples, currency, open ends in symbols and words", () => {
  assert.deepEqual(bandOrder(["5,001-10,000", "1-10", "10,001+", "11-50", "51 - 200", "201–500", "501 to 1,000", "1,001-5,000"]), ["1-10", "11-50", "51 - 200", "201–500", "501 to 1,000", "1,001-5,000", "5,001-10,000", "10,001+"]);
  assert.deepEqual(bandOrder(["$10M+", "<$1M", "$1M-$10M"]), ["<$1M", "$1M-$10M", "$10M+"]);
  // as a lead database spells them (a company's size, its revenue)
  assert.deepEqual(bandOrder(["10k+", "1-10", "11-50", "51-200", "201-500", "501-1k", "1k-5k", "5k-10k"]), ["1-10", "11-50", "51-200", "201-500", "501-1k", "1k-5k", "5k-10k", "10k+"]);
  assert.deepEqual(bandOrder(["1M-5M", "5M-10M", "50M-100M", "10M-50M"]), ["1M-5M", "5M-10M", "10M-50M", "50M-100M"]);
  assert.deepEqual(bandOrder(["Over 500", "Less than 10", "10K to 50K", "10-500"]), undefined, "10-500 and 10K to 50K overlap");
  assert.deepEqual(bandOrder(["Over 500", "Less than 10", "10-500"]), ["Less than 10", "10-500", "Over 500"]);
  assert.deepEqual(bandOrder(["1000 or more", "up to 100", "100-999"]), ["up to 100", "100-999", "1000 or more"]);
  // a lone number among ranges is the band of itself ("1" employee, then "2-10")
  assert.deepEqual(bandOrder(["2-10", "1", "11+"]), ["1", "2-10", "11+"]);
});

test("no band order: any level that is no band, fewer than two ranges, overlapping bands (ZIP+4 codes), a range that runs backwards (2024-05)", () => {
  assert.equal(bandOrder(["SaaS", "1-10", "11-50"]), undefined);
  assert.equal(bandOrder(["1", "2", "3-5"]), undefined, "one range among lone numbers: codes, not bands");
  assert.equal(bandOrder(["90210-1234", "90210-5678", "10001-0001"]), undefined);
  assert.equal(bandOrder(["2024-05", "2024-06", "2025-01"]), undefined);
  assert.equal(bandOrder(["1-10", "5-20", "21+"]), undefined);
  assert.equal(bandOrder([]), undefined);
});

/** Rows of each level with its wins: 100 rows per level. */
function rows(levels: readonly string[], wins: readonly number[]): { values: string[]; won: number[] } {
  const values: string[] = [];
  const won: number[] = [];
  levels.forEach((level, k) => {
    for (let i = 0; i < 100; i++) {
      values.push(level);
      won.push(i < wins[k] ? 1 : 0);
    }
  });
  return { values, won };
}

test("bands merge with their neighbours only: a U-shaped win rate keeps the small and the large companies apart, where categories of no order merge by rate", () => {
  // wins per 100: 1-10 60, 11-50 20, 51-200 22, 201-1000 60, 1001+ 62
  const wins = [60, 20, 22, 60, 62];
  const sizes = rows(["1-10", "11-50", "51-200", "201-1000", "1001+"], wins);
  const bins = binCategorical(sizes.values, sizes.won, { name: "employees" }).bins;
  assert.deepEqual(bins.map((b) => b.label), ["1-10", "employees ∈ {11-50, 51-200}", "employees ∈ {201-1000, 1001+}", "missing"]);
  assert.deepEqual(bins.map((b) => [b.events, b.nonEvents]), [[60, 40], [42, 158], [122, 78], [0, 0]]);
  // The same counts under names of no order: the levels of similar rates merge wherever they are.
  const named = rows(["a", "b", "c", "d", "e"], wins);
  const byRate = binCategorical(named.values, named.won, { name: "x" }).bins;
  assert.deepEqual(byRate.map((b) => b.label), ["x ∈ {b, c}", "x ∈ {a, d, e}", "missing"]);
});
