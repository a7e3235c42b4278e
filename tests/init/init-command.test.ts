import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Workbook } from "exceljs";
import { initCommand } from "../../src/cli/init-command";
import { loadDataset } from "../../src/data/load-dataset";
import { crmFixture } from "./crm-exports";
import { tempDir } from "../helpers/temp-dir";

test("leadlab init writes dataset.yaml, prints choices and checks, and never overwrites without --force", async () => {
  const f = crmFixture({ crm: "hubspot", n: 60, companies: 20, seed: 3 });
  let printed = "";
  await initCommand([f.dir], (s) => (printed += s));
  const target = join(f.dir, "dataset.yaml");
  const first = readFileSync(target, "utf8");
  assert.match(first, /^# Drafted by `leadlab init`/);
  assert.match(printed, /^chose:\n  - deals: deals\.csv \(60 rows\); outcome column "Deal Stage"/);
  assert.match(printed, /\ncheck:\n/);
  assert.match(printed, new RegExp(`wrote ${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n$`));
  writeFileSync(target, "mine\n");
  await assert.rejects(initCommand([f.dir], () => {}), /dataset\.yaml exists; pass --force to replace it, or --out another path/);
  assert.equal(readFileSync(target, "utf8"), "mine\n");
  await initCommand([f.dir, "--force"], () => {});
  assert.equal(readFileSync(target, "utf8"), first);
  await initCommand([f.dir, "--out", join(f.dir, "other.yaml")], () => {});
  assert.equal(readFileSync(join(f.dir, "other.yaml"), "utf8"), first);
  assert.deepEqual(readdirSync(f.dir).filter((n) => n.endsWith(".tmp")), []);
});

test("leadlab init on a missing folder, or on a file, says so", async () => {
  await assert.rejects(initCommand(["/nonexistent/exports"], () => {}), /init: no folder \/nonexistent\/exports/);
  await assert.rejects(initCommand(["data/examples/excel/deals.xlsx"], () => {}), /^CliError: init: data\/examples\/excel\/deals\.xlsx is a file, not a folder; pass the folder that holds the exports \(data\/examples\/excel\)/);
  assert.equal(existsSync("/nonexistent/exports/dataset.yaml"), false);
});

test("a folder with no readable export, and a workbook's deals without a unique id, are errors naming the folder or file and the fix", async () => {
  const empty = tempDir("leadlab-init-empty-");
  writeFileSync(join(empty, "notes.txt.md"), "nothing");
  await assert.rejects(initCommand([empty], () => {}), (e: Error) => {
    assert.match(e.message, /no readable CSV, Excel, Parquet or NDJSON file/);
    assert.ok(e.message.includes(empty));
    assert.match(e.message, /put the exports \(\.csv, \.tsv, \.xlsx, \.parquet, \.ndjson, \.jsonl, \.json\) in the folder/);
    return true;
  });
  assert.equal(existsSync(join(empty, "dataset.yaml")), false);
  const dup = tempDir("leadlab-init-dup-");
  const wb = new Workbook();
  wb.addWorksheet("Deals").addRows([["Deal Stage", "Amount"], ["Closed Won", 10], ["Closed Lost", 10], ["Closed Won", 20]]);
  await wb.xlsx.writeFile(join(dup, "deals.xlsx"));
  await assert.rejects(
    initCommand([dup], () => {}),
    /deals\.xlsx: no column has a unique value on every row to serve as the deal id\. Fix: export the deal id \(e\.g\. Record ID, Id, Deal - ID\) with the deals; if the export has none \(one row per deal\), export the sheet as CSV: init then drafts each deal's id from its values\.$/,
  );
});

test("deals in a CSV without an id column get an id drafted from each row's values: the same in any row order, identical rows numbered", async () => {
  const rows = ["Closed Won,10,Retail", "Closed Lost,10,Retail", "Closed Won,20,Banking", "Closed Won,10,Retail", "Closed Lost,,Banking"];
  const ids = async (lines: string[]) => {
    const dir = tempDir("leadlab-init-row-ids-");
    writeFileSync(join(dir, "deals.csv"), ["Deal Stage,Amount,Industry", ...lines].join("\n") + "\n");
    let printed = "";
    await initCommand([dir], (s) => (printed += s));
    assert.match(printed, /id: "leadlab_row_id" \(drafted from each row's values\)/);
    assert.match(printed, /deals\.csv has no id column \(no column unique on every row\): each deal's id is drafted from its values/);
    const { table, report } = await loadDataset(join(dir, "dataset.yaml"));
    assert.deepEqual([report.deals.won, report.deals.lost], [3, 2]);
    return new Map(table.ids.map((id, r) => [id, [table.won[r], table.columns.Industry[r]]]));
  };
  const forward = await ids(rows);
  const backward = await ids([...rows].reverse());
  assert.deepEqual([...backward].sort(), [...forward].sort());
  // the two identical rows (Closed Won,10,Retail): one hash, numbered 1 and 2
  const twins = [...forward.keys()].filter((id) => id.endsWith("-2"));
  assert.equal(twins.length, 1);
  assert.ok(forward.has(twins[0].replace(/-2$/, "-1")));
  assert.match(twins[0], /^[0-9a-f]{16}-2$/);
});
