import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { loadDataset } from "../../src/data/load-dataset";
import { placeholderCheck, placeholderValues } from "../../src/data/placeholder-values";
import { draftDatasetSpec } from "../../src/init/draft-dataset-spec";
import { specText, tempDataset } from "../helpers/temp-dataset";

const column = (name: string, values: (string | null)[]) => ({ name, values });

test("a form's unanswered placeholders are found; levels that merely contain the word are not", () => {
  const placeholders = ["Select", "select", "-- Select --", "Select...", "Please select", "Please Select One", "Choose one", "choose an option", "--None--", "- none -"];
  const levels = ["Selection", "Select Plan", "Preselected", "Chosen", "None", "Unknown", "Mumbai"];
  for (const v of placeholders) assert.equal(placeholderValues([column("c", [v, "x"])]).length, 1, v);
  for (const v of levels) assert.deepEqual(placeholderValues([column("c", [v, "x"])]), [], v);
});

test("placeholders: share of each column's rows (missing rows counted), 1% at least, most rows first", () => {
  const city = column("City", ["Select", "Select", "Pune", null]); // 2 of 4 rows
  const source = column("Source", ["Select", "Ads", "Ads", "Ads"]); // 1 of 4
  const rare = column("Rare", [...Array(199).fill("a"), "Select"]); // 1 of 200 = 0.5%
  assert.deepEqual(placeholderValues([source, city, rare]), [
    {
      value: "Select",
      columns: [
        { name: "City", rows: 2, share: 0.5 },
        { name: "Source", rows: 1, share: 0.25 },
      ],
    },
  ]);
  assert.equal(placeholderValues([rare], 0.005)[0].columns[0].rows, 1, "at 0.5% with a lower bar");
});

test("the check names each value, where, how often (most rows first, ties by value), and the missing: line with the defaults kept", () => {
  const found = placeholderValues([column("City", ["Select", "--None--", "--None--", "Pune"]), column("Stage of life", ["Select", "a", "b", "c"])]);
  assert.equal(
    placeholderCheck(found, ["", "NA"]),
    '"--None--" (City: 2 rows, 50%), "Select" (City: 1 row, 25%; Stage of life: 1 row, 25%) look like a form\'s unanswered placeholders; if they mean no answer, read them as missing: add `missing: ["", "NA", "--None--", "Select"]` to dataset.yaml',
  );
});

test("leadlab init names the placeholders of the deals and joined tables, and drafts no missing: (the user decides)", async () => {
  const deals = ["deal_id,stage,account_id,how_found", ...Array.from({ length: 40 }, (_, i) => `D${i},${i % 2 ? "Won" : "Lost"},A${i % 10},${i % 4 ? "Web" : "Select"}`)];
  const accounts = ["account_id,city", ...Array.from({ length: 10 }, (_, i) => `A${i},${i < 3 ? "-- Select --" : "Pune"}`)];
  const dir = tempDataset({ "deals.csv": deals.join("\n"), "accounts.csv": accounts.join("\n") });
  const draft = await draftDatasetSpec(dir);
  assert.ok(
    draft.checks.includes(
      '"Select" (how_found: 10 rows, 25%), "-- Select --" (city: 3 rows, 30%) look like a form\'s unanswered placeholders; if they mean no answer, read them as missing: add `missing: ["", "NA", "N/A", "null", "NULL", "#N/A", "Select", "-- Select --"]` to dataset.yaml',
    ),
    draft.checks.join("\n"),
  );
  assert.equal(draft.spec.missing, undefined);
});

test("the load report warns of a placeholder left as a level; listed under missing:, it is read as missing and the warning goes", async () => {
  const deals = ["deal_id,stage,created,city", ...Array.from({ length: 40 }, (_, i) => `D${i},${i % 2 ? "Won" : "Lost"},2026-01-${String(1 + (i % 28)).padStart(2, "0")},${i % 4 ? "Pune" : "Select"}`)];
  const load = (extra: string) => loadDataset(join(tempDataset({ "deals.csv": deals.join("\n"), "dataset.yaml": specText(extra) }), "dataset.yaml"));
  const warning = '"Select" (city: 10 rows, 25%) looks like a form\'s unanswered placeholder; if it means no answer, read it as missing: add `missing: ["", "NA", "N/A", "null", "NULL", "#N/A", "Select"]` to dataset.yaml';
  assert.ok((await load("")).report.warnings.includes(warning));
  const listed = await load('missing: ["", "NA", "N/A", "null", "NULL", "#N/A", "Select"]\n');
  assert.ok(!listed.report.warnings.some((w) => w.includes("placeholder")));
  assert.equal((listed.table.columns.city as (string | null)[]).filter((v) => v === null).length, 10);
});
