import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { loadDataset } from "../../src/data/load-dataset";
import { specText, tempDataset } from "../helpers/temp-dataset";

/*
 * Without a holdout in the spec, the test part is the last 20 % of the closed deals' dates, at
 * least 90 days but never more than half of them: an export of a few months of deals (a
 * 90-day one once left nothing to train on) still trains on its first half.
 */

/** Deals closed one a day over `days` days from 2025-01-01 (their last day included), alternately won and lost. */
async function loadSpanning(days: number) {
  const rows = Array.from({ length: days + 1 }, (_, d) => `D${d},${d % 2 ? "Won" : "Lost"},${new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10)},${d % 7}`);
  const dir = tempDataset({
    "dataset.yaml": specText("", "deals:\n  file: deals.csv\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n  closed_at: closed\n"),
    "deals.csv": ["deal_id,stage,closed,weekday", ...rows].join("\n"),
  });
  return loadDataset(join(dir, "dataset.yaml"));
}

for (const [days, lastDays] of [
  [90, 45], // half of a short range
  [300, 90], // at least 90 days
  [1000, 200], // 20 % of a long one
] as const) {
  test(`deals closed over ${days} days hold out their last ${lastDays} days by default, and say so`, async () => {
    const { table, report } = await loadSpanning(days);
    assert.ok(report.warnings.includes(`holdout: none given; using the last ${lastDays} days (time)`), report.warnings.join("\n"));
    assert.deepEqual([table.split.rule.by, "lastDays" in table.split.rule && table.split.rule.lastDays], ["time", lastDays]);
    // the deals dated after the newest minus lastDays days are the test part, one a day
    assert.deepEqual([table.split.test.length, table.split.train.length], [lastDays, days + 1 - lastDays]);
  });
}

test("deals bunched long before a few late ones: the default holdout widens to the days that hold the newest fifth of them, and says why", async () => {
  // 120 deals closed one a day from 2021-09-01, then 3 in the last days of 2022-11: the last 90 days hold 3
  const day = (d: number) => new Date(Date.UTC(2021, 8, 1 + d)).toISOString().slice(0, 10);
  const dates = [...Array.from({ length: 120 }, (_, d) => day(d)), "2022-11-20", "2022-11-21", "2022-11-23"];
  const dir = tempDataset({
    "dataset.yaml": specText("", "deals:\n  file: deals.csv\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n  closed_at: closed\n"),
    "deals.csv": ["deal_id,stage,closed,weekday", ...dates.map((c, i) => `D${i},${i % 2 ? "Won" : "Lost"},${c},${i % 7}`)].join("\n"),
  });
  const { table, report } = await loadDataset(join(dir, "dataset.yaml"));
  // the newest fifth: ⌈123 / 5⌉ = 25 deals, the 3 late ones and the 22 of 2021-12-08 … 2021-12-29 (days 98 to 119);
  // the 25th newest is 2021-12-08, 350 days before 2022-11-23, so 351 days hold it (date > newest − 351 days)
  assert.ok(report.warnings.includes("holdout: none given; using the last 351 days (time), which hold the newest fifth of the deals (the last 90 days held 3)"), report.warnings.join("\n"));
  assert.deepEqual([table.split.test.length, table.split.train.length], [25, 98]);
});
