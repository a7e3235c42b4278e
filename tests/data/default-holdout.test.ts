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
