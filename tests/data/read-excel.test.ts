import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Workbook } from "exceljs";
import { loadDataset } from "../../src/data/load-dataset";
import { tempDataset } from "../helpers/temp-dataset";

/** Seeded deals: a few hundred rows with text, numbers, dates with and without time, and gaps. */
function dealRows(n: number, seed = 7): (string | number | boolean | Date | null)[][] {
  let s = seed;
  const rand = () => ((s = (s * 48271) % 2147483647) / 2147483647);
  const stages = ["Closed Won", "Closed Lost", "Negotiation", "Closed Lost"];
  const industries = ["Retail", "Software", "Health care", "Finance, Insurance"];
  const rows: (string | number | boolean | Date | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const created = new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 400) * 86_400_000);
    const closed = new Date(created.getTime() + Math.floor(rand() * 90) * 86_400_000 + (i % 3 === 0 ? 14 * 3_600_000 + 5 * 60_000 : 0));
    rows.push([
      `D${1000 + i}`,
      stages[Math.floor(rand() * stages.length)],
      created,
      closed,
      i % 11 === 0 ? null : Math.round(rand() * 100_000) / 4,
      industries[Math.floor(rand() * industries.length)],
      Math.floor(rand() * 5000),
      rand() < 0.5,
      `A${Math.floor(rand() * 30)}`,
    ]);
  }
  return rows;
}
const HEADER = ["Deal ID", "Stage", "Created", "Closed", "Amount", "Industry", "Employees", "Inbound", "Account"];

const isoText = (d: Date) => {
  const s = d.toISOString();
  return s.endsWith("T00:00:00.000Z") ? s.slice(0, 10) : s.slice(0, 19).replace("T", " ");
};
const csvText = (rows: ReturnType<typeof dealRows>) =>
  [HEADER, ...rows]
    .map((r) => r.map((v) => (v === null ? "" : v instanceof Date ? isoText(v) : /[,"]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(","))
    .join("\n") + "\n";

async function writeXlsx(path: string, sheets: [string, ReturnType<typeof dealRows>][]) {
  const wb = new Workbook();
  for (const [name, rows] of sheets) {
    const ws = wb.addWorksheet(name);
    ws.addRow(HEADER);
    for (const r of rows) ws.addRow(r.map((v) => (v === null ? undefined : v)));
  }
  await wb.xlsx.writeFile(path);
}

const spec = (file: string, sheet = "") =>
  `name: x\ndeals:\n  file: ${file}\n${sheet}  id: Deal ID\n  outcome: { column: Stage, won: [Closed Won], lost: [Closed Lost] }\n  created_at: Created\n  closed_at: Closed\n  amount: Amount\n`;

test("an .xlsx copy of a CSV loads with identical counts and identical DealTable columns", async () => {
  const rows = dealRows(300);
  const dir = tempDataset({ "deals.csv": csvText(rows), "csv.yaml": spec("deals.csv"), "xlsx.yaml": spec("deals.xlsx") });
  await writeXlsx(join(dir, "deals.xlsx"), [["Deals", rows]]);
  const a = await loadDataset(join(dir, "csv.yaml"));
  const b = await loadDataset(join(dir, "xlsx.yaml"));
  const won = rows.filter((r) => r[1] === "Closed Won").length;
  const lost = rows.filter((r) => r[1] === "Closed Lost").length;
  assert.deepEqual(
    [b.report.deals.read, b.report.deals.won, b.report.deals.lost, b.report.deals.open],
    [rows.length, won, lost, rows.length - won - lost],
  );
  assert.deepEqual(b.report.deals, { ...a.report.deals, table: "deals.xlsx" });
  assert.deepEqual(b.table.ids, a.table.ids);
  assert.deepEqual(b.table.won, a.table.won);
  assert.deepEqual(b.table.createdAt, a.table.createdAt);
  assert.deepEqual(b.table.closedAt, a.table.closedAt);
  assert.deepEqual(b.table.amount, a.table.amount);
  assert.deepEqual(b.table.attributes.map(({ table: _, ...m }) => m), a.table.attributes.map(({ table: _, ...m }) => m));
  assert.deepEqual(b.table.columns, a.table.columns);
  // A date with a time survives as that instant: every third row closes at 14:05.
  const timed = rows.findIndex((r, i) => i % 3 === 0 && r[1] !== "Negotiation");
  const at = b.table.closedAt![b.table.ids.indexOf(String(rows[timed][0]))];
  assert.equal(new Date(at).toISOString().slice(11, 16), "14:05");
});

test("sheet: picks a sheet by name or 1-based position; an unknown sheet names the sheets", async () => {
  const first = dealRows(40, 3);
  const second = dealRows(25, 11);
  const dir = tempDataset({
    "first.yaml": spec("book.xlsx"),
    "byname.yaml": spec("book.xlsx", "  sheet: Q2 deals\n"),
    "byindex.yaml": spec("book.xlsx", "  sheet: 2\n"),
    "unknown.yaml": spec("book.xlsx", "  sheet: Q3\n"),
    "outofrange.yaml": spec("book.xlsx", "  sheet: 5\n"),
  });
  await writeXlsx(join(dir, "book.xlsx"), [["Q1 deals", first], ["Q2 deals", second]]);
  assert.equal((await loadDataset(join(dir, "first.yaml"))).report.deals.read, 40);
  assert.equal((await loadDataset(join(dir, "byname.yaml"))).report.deals.read, 25);
  assert.equal((await loadDataset(join(dir, "byindex.yaml"))).report.deals.read, 25);
  await assert.rejects(loadDataset(join(dir, "unknown.yaml")), (e: Error) => {
    assert.match(e.message, /the workbook has no sheet "Q3" \(it has: 1 "Q1 deals", 2 "Q2 deals"\)/);
    assert.match(e.message, /deals\.sheet/);
    return true;
  });
  await assert.rejects(loadDataset(join(dir, "outofrange.yaml")), /no sheet number 5 \(it has: 1 "Q1 deals", 2 "Q2 deals"\)/);
});

test("an empty header cell is an error naming the cell", async () => {
  const dir = tempDataset({ "d.yaml": spec("d.xlsx") });
  const wb = new Workbook();
  const ws = wb.addWorksheet("S");
  ws.addRow(["Deal ID", null, "Stage"]);
  ws.addRow(["D1", 1, "Closed Won"]);
  await wb.xlsx.writeFile(join(dir, "d.xlsx"));
  await assert.rejects(loadDataset(join(dir, "d.yaml")), /the header cell B1 of sheet "S" is empty/);
});

test("a sheet whose table starts below row 1 (a data dictionary set at B2) is an error naming where its first value is; an empty sheet says so", async () => {
  const dir = tempDataset({ "d.yaml": spec("d.xlsx") });
  const wb = new Workbook();
  const ws = wb.addWorksheet("Data Dict");
  ws.getCell("C2").value = "Data";
  ws.getCell("D2").value = "Variable";
  ws.getCell("C3").value = "E Comm";
  ws.getCell("D3").value = "CustomerID";
  await wb.xlsx.writeFile(join(dir, "d.xlsx"));
  await assert.rejects(loadDataset(join(dir, "d.yaml")), (e: Error) => {
    assert.match(e.message, /d\.xlsx: the first row of sheet "Data Dict" is empty: its first value is in C2, and the header must be in row 1\. Fix: move the table so that its header is row 1 from column A \(delete the rows and columns before it\), or export the sheet as CSV\.$/);
    return true;
  });
  const empty = new Workbook();
  empty.addWorksheet("Blank");
  await empty.xlsx.writeFile(join(dir, "d.xlsx"));
  await assert.rejects(loadDataset(join(dir, "d.yaml")), /sheet "Blank" is empty\. Fix: name the sheet that holds the table \(`sheet:`\)\.$/);
});

test("a workbook cut short is an error naming the file and the fix", async () => {
  const dir = tempDataset({ "d.yaml": spec("d.xlsx") });
  const wb = new Workbook();
  wb.addWorksheet("S").addRows([["Deal ID", "Stage"], ...Array.from({ length: 500 }, (_, i) => [`D${i}`, i % 2 ? "Closed Won" : "Closed Lost"])]);
  const whole = Buffer.from(await wb.xlsx.writeBuffer());
  writeFileSync(join(dir, "d.xlsx"), whole.subarray(0, whole.length >> 1)); // an interrupted download: the ZIP's directory at the end is missing
  await assert.rejects(loadDataset(join(dir, "d.yaml")), (e: Error) => {
    assert.match(e.message, /d\.xlsx: could not read the workbook: Corrupted zip: can't find end of central directory/);
    assert.match(e.message, /Fix: save it again from Excel as \.xlsx \(Excel Workbook\), or export the sheet as CSV\.$/);
    return true;
  });
});

test("sheet: on a table that is not an .xlsx file is an error naming the field", async () => {
  const dir = tempDataset({ "deals.csv": "Deal ID,Stage\nD1,Closed Won\n", "d.yaml": spec("deals.csv", "  sheet: 2\n") });
  await assert.rejects(loadDataset(join(dir, "d.yaml")), (e: Error) => {
    assert.match(e.message, /`sheet` applies only to an \.xlsx file/);
    assert.match(e.message, /deals\.sheet/);
    assert.match(e.message, /remove `sheet:`, or point `file:` at the \.xlsx workbook/);
    return true;
  });
});
