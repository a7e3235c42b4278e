import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { validateCommand } from "../../src/cli/validate-command";
import { tempDataset } from "../helpers/temp-dataset";

test("validate says when a time holdout falls back to a random one because no deal has a date", async () => {
  const rows = Array.from({ length: 40 }, (_, i) => `D${i},${i % 3 ? "Won" : "Lost"},${i % 2 ? "Pro" : "Basic"}`);
  const dir = tempDataset({
    "deals.csv": ["deal_id,stage,plan", ...rows].join("\n"),
    "dataset.yaml": "name: no-dates\ndeals:\n  file: deals.csv\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\nholdout: { by: time, last_days: 90 }\n",
  });
  let text = "";
  await validateCommand([join(dir, "dataset.yaml")], (s) => (text += s));
  assert.match(text, /^ok: .*dataset\.yaml: 40 deals read, 40 closed \(won 26, lost 14\), 1 attributes, 4 warnings\n/);
  assert.match(text, /\n {2}warning: a time holdout was asked for but no dates were given; fell back to a random holdout of 25% \(seed 7\)\n/);
  // Advice for the holdout it fell back to, not for the time holdout it could not make.
  assert.match(text, /\n {2}warning: the test part has only 10 rows \(fewer than 30\): holdout metrics will be too uncertain to trust; give the deals dates \(created_at or closed_at\), or ask for a random holdout with a larger fraction\n/);
});
