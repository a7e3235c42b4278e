/*
 * A data file whose bytes are not what its name says (an Excel workbook saved as .csv, a UTF-16
 * "Unicode Text" export, a gzip, a PDF, a CSV named .parquet) is refused before DuckDB or the
 * Excel reader parse it, with a message naming what the file is and the fix; before, the user
 * read "could not detect the CSV dialect", "not UTF-8 encoded … iconv -f latin1" (wrong for
 * UTF-16) or "No magic bytes found".
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { test } from "node:test";
import { Workbook } from "exceljs";
import { DuckDBInstance } from "@duckdb/node-api";
import { loadDataset } from "../../src/data/load-dataset";
import { fileContent } from "../../src/data/file-content";
import { draftDatasetSpec } from "../../src/init/draft-dataset-spec";
import { scoreFile } from "../../src/scoring/score-file";
import { specText, tempDataset } from "../helpers/temp-dataset";

const DEALS = "deal_id,stage,created\nD1,Won,2026-01-10\nD2,Lost,2026-01-20\nD3,Won,2026-02-01\nD4,Lost,2026-02-05\n";
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);

/** A dataset whose deals file is `name` with `bytes`; the load's error message. */
async function loadError(name: string, bytes: string | Buffer): Promise<string> {
  const dir = tempDataset({ "dataset.yaml": specText("", `deals:\n  file: ${name}\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n  created_at: created\n`) });
  writeFileSync(join(dir, name), bytes);
  try {
    await loadDataset(join(dir, "dataset.yaml"));
  } catch (e) {
    return (e as Error).message.replaceAll(dir + "/", "");
  }
  assert.fail(`${name} loaded`);
}

async function workbookBytes(): Promise<Buffer> {
  const wb = new Workbook();
  wb.addWorksheet("Deals").addRows(DEALS.trim().split("\n").map((l) => l.split(",")));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("an Excel workbook saved as .csv: rename it to .xlsx", async () => {
  assert.equal(
    await loadError("deals.csv", await workbookBytes()),
    "deals.csv: the file is an Excel workbook (.xlsx), not CSV text in UTF-8 as its name (.csv) says. Fix: rename it to deals.xlsx and change `deals.file` in dataset.yaml to match (leadlab reads Excel workbooks; `sheet:` picks a sheet).",
  );
});

test("a UTF-16 export (Excel's Unicode Text), with or without its byte-order mark: iconv from utf-16, or read_csv with encoding 'utf-16'", async () => {
  const fix =
    "Fix: re-save it as UTF-8 (`iconv -f utf-16 -t utf-8 deals.csv > utf8-deals.csv`, or \"CSV UTF-8\" in Excel), or read it with a `sql:` table: select * from read_csv('deals.csv', encoding = 'utf-16', all_varchar = true).";
  const want = `deals.csv: the file is text in UTF-16 (as Excel's "Unicode Text" saves it), not CSV text in UTF-8 as its name (.csv) says. ${fix}`;
  assert.equal(await loadError("deals.csv", utf16le(DEALS)), want);
  assert.equal(await loadError("deals.csv", Buffer.from(DEALS, "utf16le")), want, "without the mark");
  // The fix's second way reads it as it is.
  const dir = tempDataset({
    "dataset.yaml": specText("", "deals:\n  sql: select * from read_csv('deals.csv', encoding = 'utf-16', all_varchar = true)\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n  created_at: created\n"),
  });
  writeFileSync(join(dir, "deals.csv"), utf16le(DEALS));
  const { table } = await loadDataset(join(dir, "dataset.yaml"));
  assert.deepEqual([...table.ids], ["D1", "D2", "D3", "D4"]);
});

test("a gzip-compressed .csv: decompress it", async () => {
  assert.equal(
    await loadError("deals.csv", gzipSync(DEALS)),
    "deals.csv: the file is gzip-compressed, not CSV text in UTF-8 as its name (.csv) says. Fix: decompress it (`gunzip -c deals.csv > deals.uncompressed.csv`) and set `deals.file` in dataset.yaml to the result.",
  );
});

test("a ZIP archive that is not a workbook: unzip it", async () => {
  // A stored (uncompressed) ZIP holding deals.csv: its local file header, then the data.
  const name = Buffer.from("deals.csv");
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(name.length, 26);
  assert.equal(
    await loadError("deals.csv", Buffer.concat([header, name, Buffer.from(DEALS)])),
    "deals.csv: the file is a ZIP archive, not CSV text in UTF-8 as its name (.csv) says. Fix: unzip it and set `deals.file` in dataset.yaml to the file inside.",
  );
});

test("a legacy .xls or password-protected workbook (an OLE2 container): save it as .xlsx or CSV", async () => {
  const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
  assert.equal(
    await loadError("deals.xlsx", ole2),
    "deals.xlsx: the file is a legacy Excel workbook (.xls) or a password-protected Office file, not an Excel workbook (.xlsx) as its name (.xlsx) says. Fix: open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx) without a password, or as CSV UTF-8.",
  );
});

test("a PDF report saved as .csv: export the table instead", async () => {
  assert.equal(
    await loadError("deals.csv", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n"),
    "deals.csv: the file is a PDF document, not CSV text in UTF-8 as its name (.csv) says. Fix: export the table from the system it came from as CSV or Excel; a PDF report cannot be read as data.",
  );
});

test("CSV text named .parquet or .xlsx: rename it to .csv", async () => {
  assert.equal(
    await loadError("deals.parquet", DEALS),
    "deals.parquet: the file is text, not a Parquet file as its name (.parquet) says. Fix: rename it to deals.csv if it is CSV (deals.json if JSON) and change `deals.file` in dataset.yaml to match.",
  );
  assert.equal(
    await loadError("deals.xlsx", DEALS),
    "deals.xlsx: the file is text, not an Excel workbook (.xlsx) as its name (.xlsx) says. Fix: rename it to deals.csv if it is CSV (deals.json if JSON) and change `deals.file` in dataset.yaml to match.",
  );
});

test("a workbook named .json: rename it to .xlsx", async () => {
  assert.match(await loadError("deals.json", await workbookBytes()), /^deals\.json: the file is an Excel workbook \(\.xlsx\), not JSON text in UTF-8 as its name \(\.json\) says\. Fix: rename it to deals\.xlsx/);
});

test("files that are what their names say are read: CSV in UTF-8 or Latin-1, a workbook, Parquet", async () => {
  const dir = tempDataset({ "a.csv": DEALS, "b.csv": "" });
  writeFileSync(join(dir, "b.csv"), Buffer.from("name\nJosé\n", "latin1"));
  writeFileSync(join(dir, "c.xlsx"), await workbookBytes());
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(`COPY (select 1 as x) TO '${dir}/d.parquet' (FORMAT parquet)`);
  assert.deepEqual(["a.csv", "b.csv", "c.xlsx", "d.parquet"].map((f) => fileContent(join(dir, f))), ["text", "text", "xlsx", "parquet"]);
  for (const [file, created] of [["deals.csv", "created"], ["deals.xlsx", "created"]]) {
    const d = tempDataset({ "dataset.yaml": specText("", `deals:\n  file: ${file}\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n  created_at: ${created}\n`) });
    writeFileSync(join(d, file), file.endsWith(".csv") ? DEALS : await workbookBytes());
    assert.equal((await loadDataset(join(d, "dataset.yaml"))).table.n, 4, file);
  }
});

test("leadlab score: a leads file that is a workbook saved as .csv names the file and the fix", async () => {
  const dir = tempDataset({});
  writeFileSync(join(dir, "leads.csv"), await workbookBytes());
  await assert.rejects(
    scoreFile("tests/scoring/fixtures/scoring.yaml", join(dir, "leads.csv"), () => undefined),
    (e: Error) => {
      assert.equal(
        e.message.replace(dir + "/", ""),
        "leads.csv: the file is an Excel workbook (.xlsx), not CSV text in UTF-8 as its name (.csv) says. Fix: rename it to leads.xlsx and change the path given to match (leadlab reads Excel workbooks; `sheet:` picks a sheet).",
      );
      return true;
    },
  );
});

test("leadlab init: a workbook saved as .csv beside the deals is named, with the rename (no spec names it yet)", async () => {
  const dir = tempDataset({ "deals.csv": DEALS });
  writeFileSync(join(dir, "accounts.csv"), await workbookBytes());
  const draft = await draftDatasetSpec(dir);
  assert.ok(
    draft.checks.includes(
      "accounts.csv was not read: " +
        `${dir}/accounts.csv: the file is an Excel workbook (.xlsx), not CSV text in UTF-8 as its name (.csv) says. Fix: rename it to accounts.xlsx (leadlab reads Excel workbooks; \`sheet:\` picks a sheet).`,
    ),
    draft.checks.join("\n"),
  );
});
