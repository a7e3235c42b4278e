import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { initCommand } from "../../src/cli/init-command";
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

test("a folder with no readable export, and deals without a unique id, are errors naming the folder or file and the fix", async () => {
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
  writeFileSync(join(dup, "deals.csv"), "Deal Stage,Amount\nClosed Won,10\nClosed Lost,10\nClosed Won,20\n");
  await assert.rejects(initCommand([dup], () => {}), /deals\.csv.*no column has a unique value on every row to serve as the deal id.*export the deal id.*SELECT row_number\(\) OVER \(\) AS deal_id, \* FROM read_csv\('deals\.csv'\)/s);
});
