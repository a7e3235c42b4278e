import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { loadDataset } from "../../src/data/load-dataset";
import { describeUnmatchedKeys, unmatchedKeys } from "../../src/data/unmatched-keys";
import { draftDatasetSpec } from "../../src/init/draft-dataset-spec";
import { tempDataset } from "../helpers/temp-dataset";

const products = new Set(["GTX Basic", "GTX Pro", "MG Special", "technology"]);

test("the keys no row has, the most deals first (then in text order), each with the key it may be a misspelling of", () => {
  const keys = ["GTXPro", "GTX Basic", "gtx-pro", "technolgy", "GTXPro", null, "Zeta", " GTXPro ", "technolgy"];
  assert.deepEqual(unmatchedKeys(keys, products), [
    { key: "GTXPro", rows: 3, nearest: "GTX Pro" },
    { key: "technolgy", rows: 2, nearest: "technology" },
    { key: "Zeta", rows: 1 },
    { key: "gtx-pro", rows: 1, nearest: "GTX Pro" },
  ]);
  assert.deepEqual(unmatchedKeys(keys, products, 1), [{ key: "GTXPro", rows: 3, nearest: "GTX Pro" }]);
  // the same in any row order
  assert.deepEqual(unmatchedKeys([...keys].reverse(), products), unmatchedKeys(keys, products));
});

test("short codes and far keys are not called misspellings", () => {
  assert.deepEqual(unmatchedKeys(["A9"], new Set(["A1", "A2"])), [{ key: "A9", rows: 1 }]);
  // four characters: only a difference of case, spaces or punctuation
  assert.deepEqual(unmatchedKeys(["acme", "ACM3"], new Set(["ACME"])), [{ key: "ACM3", rows: 1 }, { key: "acme", rows: 1, nearest: "ACME" }]);
  // one edit per four characters: two in eight are a misspelling, three are not
  assert.deepEqual(unmatchedKeys(["Hotte1hx"], new Set(["Hottechi"])), [{ key: "Hotte1hx", rows: 1, nearest: "Hottechi" }]);
  assert.deepEqual(unmatchedKeys(["Hqttecxx"], new Set(["Hottechi"])), [{ key: "Hqttecxx", rows: 1 }]);
  assert.equal(describeUnmatchedKeys(unmatchedKeys(["Zeta", "GTXPro", "GTXPro"], products), "products.csv"), '"GTXPro" (2 deals; products.csv has "GTX Pro"), "Zeta" (1 deal)');
});

const deals = [
  "deal_id,stage,created,closed,product",
  "D1,Won,2024-01-01,2024-02-01,GTX Basic",
  "D2,Lost,2024-01-02,2024-02-02,GTXPro",
  "D3,Won,2024-01-03,2024-02-03,GTXPro",
  "D4,Lost,2024-01-04,2024-02-04,MG Special",
  "D5,Won,2024-01-05,2024-02-05,GTX Basic",
  "D6,Lost,2024-01-06,2024-02-06,MG Special",
].join("\n");
const productsCsv = "product,series\nGTX Basic,GTX\nGTX Pro,GTX\nMG Special,MG\n";

test("the loader's join warning and the load report name the missed key and the table's key it may be a misspelling of", async () => {
  const dir = tempDataset({
    "deals.csv": deals + "\n",
    "products.csv": productsCsv,
    "dataset.yaml": "name: t\ndeals:\n  file: deals.csv\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n  created_at: created\n  closed_at: closed\njoin:\n  - file: products.csv\n    on: product\n",
  });
  const { report } = await loadDataset(join(dir, "dataset.yaml"));
  assert.deepEqual(report.joins[0].examples, [{ key: "GTXPro", rows: 2, nearest: "GTX Pro" }]);
  assert.ok(
    report.warnings.includes('join products.csv: 2 of 6 deals found no row (e.g. "GTXPro" (2 deals; products.csv has "GTX Pro")); their columns from it are missing'),
    report.warnings.join("\n"),
  );
});

test("init's check of a join that matches few deals names the missed key and the table's near key", async () => {
  const dir = tempDataset({ "deals.csv": deals + "\n", "products.csv": productsCsv });
  const { checks } = await draftDatasetSpec(dir);
  assert.ok(checks.includes('join products.csv: only 66.7% of deals match on "product" (no row for "GTXPro" (2 deals; products.csv has "GTX Pro")); check the key'), checks.join("\n"));
});
