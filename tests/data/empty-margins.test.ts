/*
 * A CSV saved from a spreadsheet often carries empty margins: columns with no name and no value
 * right of the data (",,," at the end of every line) and rows with no value below it. leadlab
 * leaves them out and says so; a column with no name that holds a value is refused, and blank
 * rows between rows are kept, so that every message names the file's own row numbers.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { loadDataset } from "../../src/data/load-dataset";
import { openDuckDB } from "../../src/data/duckdb-session";
import { readTextTable } from "../../src/data/read-table";
import { specText, tempDataset } from "../helpers/temp-dataset";

const ROWS = ["D1,Won,2026-01-10,a", "D2,Lost,2026-01-20,b", "D3,Won,2026-02-01,a", "D4,Lost,2026-02-05,"];
const load = (csv: string) => loadDataset(join(tempDataset({ "dataset.yaml": specText("holdout: { by: random, fraction: 0.5, seed: 1 }\n"), "deals.csv": csv }), "dataset.yaml"));

test("columns with no name and no value, and rows with no value after the last row, are left out and said", async () => {
  const csv = ["deal_id,stage,created,origin,,,", ...ROWS.map((r) => `${r},,,`), ",,,,,,", " , ,,,,,"].join("\r\n") + "\r\n";
  const { table, report } = await load(csv);
  assert.deepEqual([...table.ids], ["D1", "D2", "D3", "D4"]);
  assert.deepEqual(table.attributes.map((a) => a.name), ["origin"]);
  assert.equal(report.deals.read, 4);
  assert.equal(report.warnings[0], "deals.csv: 3 columns with no name and no value and 2 rows with no value after the last row, as a spreadsheet leaves them: left out");
});

test("a column with no name that holds a value is refused, naming the column, the row and the value", async () => {
  const csv = ["deal_id,stage,created,origin,,", ...ROWS.map((r, i) => `${r},,${i === 2 ? "x" : ""}`)].join("\n") + "\n";
  await assert.rejects(load(csv), {
    message: 'deals.csv: row 3: column 6 has no name in the header but holds values (DuckDB would call it "column5") (value "x"). Fix: name the column in the header row, or delete it from the export.',
  });
});

test("a blank row between rows is kept, so the error names the file's own row; a named empty column is kept as an attribute", async () => {
  await assert.rejects(load(["deal_id,stage,created,origin", ROWS[0], ",,,", ...ROWS.slice(1)].join("\n") + "\n"), /deals\.csv: column "deal_id": row 2: a deal has no id/);
  const { report } = await load(["deal_id,stage,created,origin,notes", ...ROWS.map((r) => `${r},`)].join("\n") + "\n");
  const notes = report.attributes.find((a) => a.name === "notes");
  assert.deepEqual([notes?.role, notes?.reason], ["exclude", "always missing"]);
});

test("the header checked for a name given twice is the table's, after Excel's sep= line", async () => {
  await assert.rejects(load(["sep=,", "deal_id,stage,created,deal_id", ...ROWS].join("\n") + "\n"), /the header names a column twice: "deal_id" is column 1 and "deal_id" is column 4/);
});

test("read where nothing can report them, empty margins are refused, naming them", async () => {
  const dir = tempDataset({ "deals.csv": ["deal_id,stage,created,origin,", ...ROWS.map((r) => `${r},`), ",,,,"].join("\n") + "\n" });
  const db = await openDuckDB(dir);
  await assert.rejects(readTextTable(db, { file: "deals.csv" }, { specFile: "dataset.yaml", field: "deals", baseDir: dir }, []), {
    message: "deals.csv: 1 column with no name and no value and 1 row with no value after the last row, as a spreadsheet leaves them. Fix: delete them from the export.",
  });
  db.closeSync();
});

test("a first column with no name holding the row numbers (pandas' to_csv index) is left out and said; one that skips a number is refused", async () => {
  const { table, report } = await load([",deal_id,stage,created,origin", ...ROWS.map((r, i) => `${i},${r}`)].join("\n") + "\n");
  assert.deepEqual([...table.ids], ["D1", "D2", "D3", "D4"]);
  assert.deepEqual(table.attributes.map((a) => a.name), ["origin"]);
  assert.equal(report.warnings[0], "deals.csv: column 1, with no name, holding the row numbers 0 to 3 (a row index, as pandas' to_csv writes one): left out");
  const counted = await load([",deal_id,stage,created,origin,", ...ROWS.map((r, i) => `${i + 1},${r},`)].join("\n") + "\n");
  assert.equal(counted.report.warnings[0], "deals.csv: column 1, with no name, holding the row numbers 1 to 4 (a row index, as pandas' to_csv writes one); 1 column with no name and no value, as a spreadsheet leaves them: left out");
  // a file sorted after it was written keeps its index: the same numbers in another order
  const shuffled = await load([",deal_id,stage,created,origin", ...[2, 0, 3, 1].map((i) => `${i},${ROWS[i]}`)].join("\n") + "\n");
  assert.equal(shuffled.report.warnings[0], "deals.csv: column 1, with no name, holding the row numbers 0 to 3 (a row index, as pandas' to_csv writes one): left out");
  assert.deepEqual([...shuffled.table.ids], ["D1", "D2", "D3", "D4"]);
  await assert.rejects(load([",deal_id,stage,created,origin", ...ROWS.map((r, i) => `${i === 2 ? 7 : i},${r}`)].join("\n") + "\n"), {
    message: 'deals.csv: row 1: column 1 has no name in the header but holds values (DuckDB would call it "column0") (value "0"). Fix: name the column in the header row, or delete it from the export.',
  });
});
