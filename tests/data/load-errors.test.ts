import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { loadDataset } from "../../src/data/load-dataset";
import { DEALS_CSV, specText, tempDataset } from "../helpers/temp-dataset";

/** Loads a dataset from files and returns the error message (fails if it loads). */
async function errorOf(files: Record<string, string>): Promise<string> {
  const dir = tempDataset(files);
  try {
    await loadDataset(join(dir, "dataset.yaml"));
  } catch (e) {
    return (e as Error).message.replaceAll(dir + "/", "");
  }
  assert.fail("expected an error");
}

test("a missing data file names the field, the path and a near name", async () => {
  const msg = await errorOf({ "dataset.yaml": specText().replace("deals.csv", "deal.csv"), "deals.csv": DEALS_CSV });
  assert.match(msg, /^dataset\.yaml: field "deals\.file": file not found: .*deal\.csv \(value "deal\.csv"\)\. Fix: did you mean "deals\.csv"\?/);
});

test("a column the file lacks lists the columns it has and suggests the nearest", async () => {
  const msg = await errorOf({ "dataset.yaml": specText().replace("id: deal_id", "id: dealid"), "deals.csv": DEALS_CSV });
  assert.equal(
    msg,
    'dataset.yaml: field "deals.id": deals.csv has no column "dealid" (it has: deal_id, stage, created, account_id, employees, tags) (value "dealid"). Fix: did you mean "deal_id"?.',
  );
});

test("duplicate deal ids are named with their rows", async () => {
  const msg = await errorOf({ "dataset.yaml": specText(), "deals.csv": DEALS_CSV + "\nD2,Won,2026-03-01,A1,10,x" });
  assert.equal(
    msg,
    'deals.csv: column "deal_id": 1 duplicate deal ids: "D2" (rows 2 and 6). Fix: deal ids must be unique: remove the duplicate rows, or point `deals.id` at a unique column.',
  );
});

test("an id column with few values names each repeated value once, with its first rows and count, and says how to number rows", async () => {
  const rows = Array.from({ length: 40 }, (_, i) => `${i % 2},${i % 3 ? "Won" : "Lost"},2026-01-${String((i % 28) + 1).padStart(2, "0")}`);
  const msg = await errorOf({ "dataset.yaml": specText(), "deals.csv": ["deal_id,stage,created", ...rows].join("\n") });
  assert.equal(
    msg,
    'deals.csv: column "deal_id": 38 duplicate deal ids (only 2 distinct values in 40 rows): "0" (rows 1, 3, 5, …: 20 rows), "1" (rows 2, 4, 6, …: 20 rows). ' +
      "Fix: point `deals.id` at a column with one value per deal; if the export has none (one row per deal), number the rows in a `sql:` deals table: SELECT row_number() OVER () AS deal_id, * FROM read_csv('<file>').",
  );
});

test("an unparseable date names the file, column, first bad row, value and expected format", async () => {
  const msg = await errorOf({ "dataset.yaml": specText(), "deals.csv": DEALS_CSV.replace("2026-02-01", "02/01/2026") });
  assert.equal(
    msg,
    'deals.csv: column "created": row 3: not a date in the expected format ISO 8601 (YYYY-MM-DD) (value "02/01/2026"). Fix: set `date_format:` in dataset.yaml to the format the file uses (e.g. "%m/%d/%Y"), or add the value to `missing:`.',
  );
});

test("date_format makes the same file load", async () => {
  const dir = tempDataset({
    "dataset.yaml": specText('date_format: "%m/%d/%Y"\n'),
    "deals.csv": DEALS_CSV.replace(/2026-(\d\d)-(\d\d)/g, "$1/$2/2026"),
  });
  const { table } = await loadDataset(join(dir, "dataset.yaml"));
  assert.equal(table.createdAt![0], Date.UTC(2026, 0, 10));
});

test("a non-numeric value in a numeric column names row and value", async () => {
  const msg = await errorOf({
    "dataset.yaml": specText("attributes:\n  employees: { type: numeric, role: firmographic }\n"),
    "deals.csv": DEALS_CSV.replace(",75,", ",about 75,"),
  });
  assert.equal(
    msg,
    'deals.csv: column "employees": row 5: not a number (value "about 75"). Fix: clean the value, add it to `missing:` if it means missing, or declare `employees: { type: categorical }`.',
  );
});

test("an empty file is named", async () => {
  const msg = await errorOf({ "dataset.yaml": specText(), "deals.csv": "" });
  assert.match(msg, /deals\.csv: the file is empty \(0 bytes\)\. Fix: export the table again with a header row and data\.$/);
});

test("a file with a header and no rows is named", async () => {
  const msg = await errorOf({ "dataset.yaml": specText(), "deals.csv": "deal_id,stage,created\n" });
  assert.match(msg, /deals\.csv: the table has a header but no rows\. Fix: export the table again with its data\.$/);
});

test("an outcome column DuckDB read as booleans (a sql: table over a yes/no column) says so and how to match it", async () => {
  const msg = await errorOf({
    "dataset.yaml": "name: test\ndeals:\n  sql: SELECT row_number() OVER () AS deal_id, * FROM read_csv('deals.csv')\n  id: deal_id\n  outcome: { column: y, won: [\"yes\"], lost: [\"no\"] }\n",
    "deals.csv": "age,y\n30,yes\n40,no\n50,no\n",
  });
  assert.equal(
    msg,
    'dataset.yaml (deals.sql): column "y": no value of the outcome column matches won ["yes"] or lost ["no"]; it has "false" (2), "true" (1). Fix: the column holds booleans (DuckDB\'s read_csv reads yes/no, y/n and 1/0 as true/false): set deals.outcome.won: ["true"] and lost: ["false"] in dataset.yaml, or read the file with read_csv(\'…\', all_varchar = true) to keep its text.',
  );
});

test("a value YAML reads as a boolean or a number where the spec takes text says to quote it", async () => {
  const msg = await errorOf({ "dataset.yaml": specText().replace("won: [Won], lost: [Lost]", "won: [true], lost: [0]"), "deals.csv": DEALS_CSV });
  assert.equal(msg, 'dataset.yaml: field "deals.outcome.won.0": invalid value: expected string (value true). Fix: write it in quotes, "true": YAML reads true unquoted as a boolean, and this field takes text.');
});

test("a CSV whose lines end both in CRLF and in LF alone names the first odd line and how to end them alike", async () => {
  const crlf = "deal_id,stage,created\r\nD1,Won,2026-01-01\r\nD2,Lost,2026-01-02\r\n";
  const msg = await errorOf({ "dataset.yaml": specText(), "deals.csv": crlf + "D3,Won,2026-01-03\nD4,Lost,2026-01-04\n" });
  assert.match(
    msg,
    /^deals\.csv: its lines end both in CRLF \(3\) and in LF alone \(2; the first LF is line 4, counting the header\), and DuckDB reads one line ending per file; DuckDB: Invalid Input Error: .*\. Fix: end every line the same way: export the file again, or `sed -i 's\/\\r\$\/\/' deals\.csv` to end them all with LF\.$/,
  );
});

test("an outcome column with no won or lost value lists the values it has", async () => {
  const msg = await errorOf({ "dataset.yaml": specText().replace("won: [Won], lost: [Lost]", "won: [Closed Won], lost: [Closed Lost]"), "deals.csv": DEALS_CSV });
  assert.equal(
    msg,
    'deals.csv: column "stage": no value of the outcome column matches won ["Closed Won"] or lost ["Closed Lost"]; it has "LOST" (1), "Lost" (1), "Open" (1), "Won" (1), "won" (1). Fix: set deals.outcome.won and deals.outcome.lost in dataset.yaml to the values the column uses.',
  );
});

test("a YAML syntax error gives line and column", async () => {
  const msg = await errorOf({ "dataset.yaml": "name: test\ndeals:\n  file: deals.csv\n   id: deal_id\n", "deals.csv": DEALS_CSV });
  assert.equal(
    msg,
    "dataset.yaml: YAML syntax error at line 3, column 9: Nested mappings are not allowed in compact mappings. Fix: correct the YAML at that line (indentation, a missing colon, or an unquoted value with ': ' or '#').",
  );
});

test("an unknown spec field suggests the right one", async () => {
  const msg = await errorOf({ "dataset.yaml": specText("holdot: { by: time, last_days: 30 }\n"), "deals.csv": DEALS_CSV });
  assert.match(msg, /^dataset\.yaml: field "holdot": unknown field "holdot"\. Fix: did you mean "holdout"\?/);
});

test("a deal without an id names its row", async () => {
  const msg = await errorOf({ "dataset.yaml": specText(), "deals.csv": DEALS_CSV.replace("D3,", ",") });
  assert.equal(msg, 'deals.csv: column "deal_id": row 3: a deal has no id. Fix: give every deal an id, or drop the row from the export.');
});

test("a join that is not many-to-one names the key and rows", async () => {
  const msg = await errorOf({
    "dataset.yaml": specText("join:\n  - file: accounts.csv\n    on: account_id\n"),
    "deals.csv": DEALS_CSV,
    "accounts.csv": "account_id,industry\nA1,SaaS\nA2,Retail\nA1,Fintech\n",
  });
  assert.match(msg, /accounts\.csv: column "account_id": row 3: the join is not many-to-one: key "A1" is on rows 1 and 3 \(value "A1"\)\. Fix: give the lookup table one row per key/);
});
