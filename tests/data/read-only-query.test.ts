import assert from "node:assert/strict";
import { test } from "node:test";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname } from "node:path";
import { openDuckDB } from "../../src/data/duckdb-session";
import { workFolder } from "../../src/data/work-folder";
import { assertReadOnlyQuery, READ_ONLY_TABLE_FUNCTIONS } from "../../src/data/read-only-query";

const where = { specFile: "dataset.yaml", field: "deals" };

test("the shapes of a reading query pass: CTE, join, union, FROM-first, VALUES, DESCRIBE, SUMMARIZE, allowed table functions", async () => {
  const db = await openDuckDB(".");
  for (const sql of [
    "with d as (select * from read_csv('deals.csv')) select * from d join read_parquet('a.parquet') using (k)",
    "select 1 as x union all select 2",
    "from 'deals.csv' select deal_id",
    "values (1, 'a'), (2, 'b')",
    "describe select 1",
    "summarize select 1",
    "select * from glob('*.csv'), range(3), unnest([1, 2])",
    "select 1; -- a trailing comment",
  ])
    await assertReadOnlyQuery(db, sql, where);
  db.closeSync();
});

test("every DuckDB table function that is not in the read-only list is refused", async () => {
  const db = await openDuckDB(".");
  const names = (await db.runAndReadAll("SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'table' ORDER BY 1")).getRowObjectsJS().map((r) => String(r.function_name));
  const refused = names.filter((n) => !(READ_ONLY_TABLE_FUNCTIONS as readonly string[]).includes(n));
  assert.ok(refused.includes("enable_logging") && refused.includes("query") && refused.includes("checkpoint"));
  for (const name of refused)
    await assert.rejects(assertReadOnlyQuery(db, `select * from ${name}()`, where), new RegExp(`calls the table function ${name},`));
  db.closeSync();
});

test("the session cannot be reconfigured: extension autoloading stays off and the zone stays put", async () => {
  const db = await openDuckDB(".", { timeZone: "Asia/Tokyo" });
  const settings = (await db.runAndReadAll("SELECT current_setting('autoload_known_extensions') AS autoload, current_setting('autoinstall_known_extensions') AS autoinstall, current_setting('TimeZone') AS zone")).getRowObjectsJS()[0];
  assert.deepEqual(settings, { autoload: false, autoinstall: false, zone: "Asia/Tokyo" });
  await assert.rejects(db.run("SET autoload_known_extensions = true"), /configuration has been locked/);
  await assert.rejects(db.run("SET TimeZone = 'UTC'"), /configuration has been locked/);
  db.closeSync();
});

test("what DuckDB spills goes to a folder of each session's own in the process's work folder, not a shared .tmp folder in the working directory, and cannot be moved", async () => {
  const folderOf = async (db: Awaited<ReturnType<typeof openDuckDB>>) => String((await db.runAndReadAll("SELECT current_setting('temp_directory')")).getRowsJS()[0][0]);
  const [a, b] = [await openDuckDB("."), await openDuckDB(".")];
  const [fa, fb] = [await folderOf(a), await folderOf(b)];
  assert.equal(dirname(fa), workFolder());
  assert.ok(fa.startsWith(tmpdir()) && existsSync(fa));
  assert.notEqual(fa, fb);
  await assert.rejects(a.run("SET temp_directory = '.tmp'"), /configuration has been locked/);
  a.closeSync();
  b.closeSync();
});
