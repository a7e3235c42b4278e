/*
 * A catalogue of bad and awkward inputs of the kinds real CRM exports and event stores
 * produce, each generated here as a few small files and run through the loader, each
 * asserting its outcome: the refusal's message (one line naming file, field, value and fix),
 * the counts in the load report, or an output identical to another load's.
 *
 * Classes (numbered as in the hardening work): 1 security of `sql:` tables, 5 time,
 * 6 determinism, 7 crashes, 8 causes kept. `CATALOGUE_COUNTS` gives the cases per class and
 * the test run prints them.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { validateCommand } from "../../src/cli/validate-command";
import { DatasetError } from "../../src/formats/dataset-error";
import { loadDataset, type LoadedDataset } from "../../src/data/load-dataset";
import { shuffleCsv } from "./fixtures/shuffle";
import { tableSnapshot } from "./fixtures/table-snapshot";
import { tempDir } from "../helpers/temp-dir";

const run = promisify(execFile);
type Files = Record<string, string | Buffer>;
type Class = 1 | 5 | 6 | 7 | 8;
interface Case {
  cls: Class;
  name: string;
  check: () => Promise<void>;
}

// ---------------------------------------------------------------- fixtures, generated in code

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(",")).join("\n") + "\n";

/** Four deals of three accounts: D1 and D3 (A1), D2 (A2), D4 (A3). */
const DEALS = csv([
  ["deal_id", "stage", "created", "account_id", "size"],
  ["D1", "Won", "2026-01-10", "A1", 10],
  ["D2", "Lost", "2026-01-20", "A2", 20],
  ["D3", "Won", "2026-02-01", "A1", 30],
  ["D4", "Lost", "2026-02-05", "A3", 40],
]);

const indent = (text: string, by: string) => text.split("\n").map((l) => by + l).join("\n");
const fileSource = (file: string) => `  file: ${file}\n`;
const sqlSource = (query: string) => `  sql: |\n${indent(query, "    ")}\n`;

/** A dataset.yaml: deals (file or sql source text), optional events, join and top-level extras. */
function spec(o: { deals?: string; events?: string; join?: string; top?: string } = {}): string {
  return [
    "name: catalogue",
    o.top ?? "",
    "deals:",
    (o.deals ?? fileSource("deals.csv")).trimEnd(),
    "  id: deal_id",
    "  outcome: { column: stage, won: [Won], lost: [Lost] }",
    "  created_at: created",
    o.join ? `join:\n  -${o.join.slice(1).trimEnd().replace(/\n {4}/g, "\n      ")}\n    on: account_id` : "",
    o.events ? `events:\n${o.events.trimEnd()}\n  key: account_id\n  time: ts\n  type: kind\n  value: v\n  windows: [30]` : "",
    "",
  ]
    .filter((l, i, all) => l !== "" || i === all.length - 1)
    .join("\n");
}

function write(files: Files): string {
  const dir = tempDir("leadlab-catalogue-");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function load(files: Files): Promise<LoadedDataset & { dir: string }> {
  const dir = write(files);
  return { dir, ...(await loadDataset(join(dir, "dataset.yaml"))) };
}

/** Loading fails with one line that contains every part (the temporary folder left out). */
async function refused(files: Files, ...parts: (string | RegExp)[]): Promise<string> {
  const dir = write(files);
  let message: string | undefined;
  try {
    await loadDataset(join(dir, "dataset.yaml"));
  } catch (e) {
    assert.ok(e instanceof DatasetError, `a DatasetError, not ${(e as Error).name}: ${(e as Error).message}`);
    message = e.message.replaceAll(`${dir}/`, "");
  }
  assert.ok(message !== undefined, "expected the load to be refused");
  assert.ok(!message.includes("\n"), `one line: ${message}`);
  for (const part of parts) {
    if (typeof part === "string") assert.ok(message.includes(part), `"${part}" in: ${message}`);
    else assert.match(message, part);
  }
  return message;
}

const feature = (loaded: LoadedDataset, name: string) => Array.from(loaded.table.columns[name] as Float64Array);

/** 300 deals of 60 accounts, 3,000 events with fractional values, an accounts table. */
function biggerDataset(): Files {
  const deals: (string | number)[][] = [["deal_id", "stage", "created", "account_id", "size"]];
  for (let i = 0; i < 300; i++)
    deals.push([`D${String(i).padStart(4, "0")}`, i % 3 === 0 ? "Won" : i % 7 === 0 ? "Open" : "Lost", `2026-${String(1 + (i % 9)).padStart(2, "0")}-${String(1 + (i % 27)).padStart(2, "0")}`, `A${i % 60}`, (i * 37) % 101]);
  const events: (string | number)[][] = [["account_id", "ts", "kind", "v"]];
  for (let i = 0; i < 3000; i++)
    events.push([`A${(i * 7) % 61}`, `2026-${String(1 + (i % 9)).padStart(2, "0")}-${String(1 + ((i * 5) % 28)).padStart(2, "0")} ${String(i % 24).padStart(2, "0")}:15:00`, ["visit", "demo", "email"][i % 3], ((i * 0.137) % 9.9).toFixed(3)]);
  const accounts: (string | number)[][] = [["account_id", "industry"]];
  for (let i = 0; i < 58; i++) accounts.push([`A${i}`, ["SaaS", "Retail", "Health"][i % 3]]);
  return {
    "deals.csv": csv(deals),
    "events.csv": csv(events),
    "accounts.csv": csv(accounts),
    "dataset.yaml": spec({ events: fileSource("events.csv"), join: fileSource("accounts.csv") }),
  };
}

/** Writes a Parquet file with DuckDB from a query (for typed time columns). */
async function parquet(dir: string, name: string, query: string, options = ""): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run(`COPY (${query}) TO '${join(dir, name)}' (FORMAT parquet${options ? `, ${options}` : ""})`);
  db.closeSync();
}

// ---------------------------------------------------------------- class 1: sql: is one read-only SELECT

const FIX = "write one SELECT";
const deals = (query: string, more: Files = {}): Files => ({ "deals.csv": DEALS, "dataset.yaml": spec({ deals: sqlSource(query) }), ...more });

const security: Case[] = [
  {
    cls: 1,
    name: "text after a closing parenthesis cannot add a COPY … TO",
    check: async () => {
      const files = deals("select * from read_csv('deals.csv')) ; copy (select 42) to 'pwned.csv'; select (1");
      const dir = write(files);
      await assert.rejects(loadDataset(join(dir, "dataset.yaml")), (e: Error) => e.message.includes('field "deals.sql"') && e.message.includes("is not valid SQL") && e.message.includes(FIX));
      assert.equal(existsSync(join(dir, "pwned.csv")), false);
    },
  },
  {
    cls: 1,
    name: "a second statement after a semicolon is refused and never runs",
    check: async () => {
      const dir = write(deals("select * from read_csv('deals.csv'); copy (select 42) to 'pwned.csv'"));
      await assert.rejects(loadDataset(join(dir, "dataset.yaml")), /holds 2 statements/);
      assert.equal(existsSync(join(dir, "pwned.csv")), false);
    },
  },
  { cls: 1, name: "COPY … TO alone", check: async () => void (await refused(deals("copy (select 1) to 'out.csv'"), 'dataset.yaml: field "deals.sql"', "is a COPY statement, not a SELECT query", FIX)) },
  { cls: 1, name: "ATTACH a database file", check: async () => void (await refused(deals("attach 'other.duckdb' as other"), "is an ATTACH statement", '(value "attach \'other.duckdb\' as other')) },
  { cls: 1, name: "INSTALL an extension", check: async () => void (await refused(deals("install httpfs"), "is an INSTALL statement")) },
  { cls: 1, name: "LOAD an extension", check: async () => void (await refused(deals("load httpfs"), "is a LOAD statement")) },
  { cls: 1, name: "SET re-enabling extension autoloading", check: async () => void (await refused(deals("set autoload_known_extensions = true"), "is a SET statement")) },
  { cls: 1, name: "CREATE TABLE … AS", check: async () => void (await refused(deals("create table t as select * from read_csv('deals.csv')"), "is a CREATE statement")) },
  { cls: 1, name: "EXPORT DATABASE", check: async () => void (await refused(deals("export database 'dump'"), "is an EXPORT statement")) },
  { cls: 1, name: "PRAGMA", check: async () => void (await refused(deals("pragma enable_profiling"), "is a PRAGMA statement")) },
  { cls: 1, name: "CALL of a table function", check: async () => void (await refused(deals("call checkpoint()"), "is a CALL statement")) },
  {
    cls: 1,
    name: "a SELECT calling enable_logging (which writes files) is refused before it runs",
    check: async () => {
      const dir = write(deals("select * from read_csv('deals.csv'), enable_logging(storage = 'file', storage_path = 'logs')"));
      await assert.rejects(loadDataset(join(dir, "dataset.yaml")), /calls the table function enable_logging, which is not one that only reads/);
      assert.equal(existsSync(join(dir, "logs")), false);
    },
  },
  { cls: 1, name: "a schema-qualified write function is still found", check: async () => void (await refused(deals("select * from system.main.enable_logging()"), "calls the table function enable_logging")) },
  { cls: 1, name: "query() running a text as SQL, inside a subquery", check: async () => void (await refused(deals("select * from read_csv('deals.csv') where deal_id in (select * from query('select 1'))"), "calls the table function query")) },
  { cls: 1, name: "an empty query", check: async () => void (await refused(deals(";"), "is empty")) },
  {
    cls: 1,
    name: "a remote file would need httpfs: no extension is installed or loaded on demand",
    check: async () => void (await refused(deals("select * from read_csv('https://example.com/deals.csv')"), "httpfs", "leadlab loads no DuckDB extensions", "deals")),
  },
  { cls: 1, name: "an extension's table function (sqlite_scan) is refused", check: async () => void (await refused(deals("select * from sqlite_scan('crm.db', 'deals')"), "calls the table function sqlite_scan")) },
  {
    cls: 1,
    name: "the refusal names the events table's field",
    check: async () => void (await refused({ "deals.csv": DEALS, "dataset.yaml": spec({ events: sqlSource("install httpfs") }) }, 'field "events.sql"', "is an INSTALL statement")),
  },
  {
    cls: 1,
    name: "the refusal names a join table's field",
    check: async () => void (await refused({ "deals.csv": DEALS, "dataset.yaml": spec({ join: sqlSource("attach 'x.db'") }) }, 'field "join.0.sql"', "is an ATTACH statement")),
  },
  {
    cls: 1,
    name: "`leadlab validate` reports the refusal",
    check: async () => {
      const dir = write(deals("copy (select 1) to 'out.csv'"));
      await assert.rejects(validateCommand([join(dir, "dataset.yaml")], () => {}), /field "deals\.sql": a `sql:` table must be exactly one read-only SELECT query, and this one is a COPY statement/);
      assert.equal(existsSync(join(dir, "out.csv")), false);
    },
  },
  {
    cls: 1,
    name: "reading files still works: relative paths, a CTE, a join, a trailing semicolon and comment",
    check: async () => {
      const query = "with d as (select * from read_csv('deals.csv', all_varchar = true))\nselect d.*, a.industry from d left join 'accounts.csv' a using (account_id); -- all deals";
      const loaded = await load(deals(query, { "accounts.csv": csv([["account_id", "industry"], ["A1", "SaaS"], ["A2", "Retail"]]) }));
      assert.deepEqual(loaded.table.ids, ["D1", "D2", "D3", "D4"]);
      assert.deepEqual(loaded.table.columns.industry, ["SaaS", "Retail", "SaaS", null]);
    },
  },
];

// ---------------------------------------------------------------- class 5: time

const EVENTS_HEADER = "account_id,ts,kind,v";
const events = (rows: string[], top?: string, dealsText = DEALS): Files => ({
  "deals.csv": dealsText,
  "events.csv": [EVENTS_HEADER, ...rows].join("\n") + "\n",
  "dataset.yaml": spec({ events: fileSource("events.csv"), ...(top ? { top } : {}) }),
});

/** Offsets honoured: two of the four A2 events are before D2's scoring point (2026-01-20T00:00Z). */
const OFFSET_EVENTS = events(["A2,2026-01-20T08:30:00+09:00,visit,1", "A2,2026-01-20T09:30:00+09:00,visit,1", "A2,2026-01-19T19:30:00-05:00,visit,1", "A2,2026-01-19T18:30:00-05:00,visit,1"]);
/** Read in Tokyo: D2's scoring point is 2026-01-19T15:00Z, so only the 23:00 naive Tokyo event (14:00Z) counts. */
const TOKYO_EVENTS = (top?: string) => events(["A2,2026-01-20 08:00:00,visit,1", "A2,2026-01-19 23:00:00,visit,1", "A2,2026-01-19T16:00:00Z,visit,1"], top);
/** New York's clock changes: the repeated 01:30 of 2026-11-01 and the skipped 02:30 of 2026-03-08. */
const DST_DEALS = csv([
  ["deal_id", "stage", "created", "account_id", "size"],
  ["D1", "Won", "2026-11-01 01:30:00", "A1", 1],
  ["D2", "Lost", "2026-03-08 02:30:00", "A2", 2],
]);
const DST_EVENTS = events(["A1,2026-11-01 01:30:00,visit,1", "A1,2026-11-01 01:29:59,visit,1", "A2,2026-03-08 02:30:00,visit,1", "A2,2026-03-08 01:59:59,visit,1"], "timezone: America/New_York", DST_DEALS);
const TIMESTAMPTZ_DEALS = (top?: string): Files => ({
  "deals.csv": DEALS,
  "dataset.yaml": spec({ deals: sqlSource("select deal_id, stage, (created || ' 09:00:00+09:00')::TIMESTAMPTZ as created, account_id, size from read_csv('deals.csv', all_varchar = true)"), ...(top ? { top } : {}) }),
});
const D2_POINT_TOKYO = Date.UTC(2026, 0, 19, 15);

/** Cases checked in child processes under three `TZ` values: their snapshots must be identical. */
const TZ_CASES: { name: string; files: () => Promise<string> }[] = [
  { name: "events with offsets", files: async () => write(OFFSET_EVENTS) },
  { name: "naive and offset events read in Asia/Tokyo", files: async () => write(TOKYO_EVENTS("timezone: Asia/Tokyo")) },
  { name: "New York clock changes", files: async () => write(DST_EVENTS) },
  { name: "TIMESTAMPTZ deals from sql: in a Tokyo spec", files: async () => write(TIMESTAMPTZ_DEALS("timezone: Asia/Tokyo")) },
  {
    name: "Parquet events, naive TIMESTAMP and TIMESTAMPTZ, in Tokyo",
    files: async () => {
      const dir = write({ "deals.csv": DEALS, "dataset.yaml": spec({ events: fileSource("events.parquet"), top: "timezone: Asia/Tokyo" }) });
      await parquet(dir, "events.parquet", "select 'A2' as account_id, TIMESTAMP '2026-01-19 23:00:00' as ts, 'visit' as kind, 1 as v");
      await parquet(dir, "events-tz.parquet", "select 'A2' as account_id, TIMESTAMPTZ '2026-01-19 16:00:00+00' as ts, 'visit' as kind, 1 as v");
      return dir;
    },
  },
];
const ZONES = ["UTC", "Asia/Tokyo", "America/New_York"];
let tzOutputs: Record<string, Record<string, string>> = {};
let tzDirs: string[] = [];

const time: Case[] = [
  {
    cls: 5,
    name: "an event at the scoring point, or 1 ms after, never counts; 1 ms before does",
    check: async () => {
      const loaded = await load(events(["A2,2026-01-20 00:00:00,visit,1", "A2,2026-01-20 00:00:00.001,visit,1", "A2,2026-01-19 23:59:59.999,visit,1"]));
      assert.deepEqual(feature(loaded, "visit_count_30d"), [0, 1, 0, 0]);
      assert.equal(loaded.report.events!.afterEveryScoringPoint, 2);
    },
  },
  {
    cls: 5,
    name: "offsets (+09:00, -05:00) are honoured: 2 of 4 events fall before the scoring point",
    check: async () => assert.deepEqual(feature(await load(OFFSET_EVENTS), "visit_count_30d"), [0, 2, 0, 0]),
  },
  {
    cls: 5,
    name: "timezone: Asia/Tokyo reads naive deal dates and events in Tokyo; offsets stay instants",
    check: async () => {
      const loaded = await load(TOKYO_EVENTS("timezone: Asia/Tokyo"));
      assert.equal(loaded.table.createdAt![1], D2_POINT_TOKYO);
      assert.deepEqual(loaded.report.dateRange, { from: "2026-01-10", to: "2026-02-05", column: "created" });
      assert.deepEqual(feature(loaded, "visit_count_30d"), [0, 1, 0, 0]);
    },
  },
  {
    cls: 5,
    name: "the same files without timezone: read in UTC (the default), the Z event counts too",
    check: async () => {
      const loaded = await load(TOKYO_EVENTS());
      assert.equal(loaded.table.createdAt![1], Date.UTC(2026, 0, 20));
      assert.deepEqual(feature(loaded, "visit_count_30d"), [0, 2, 0, 0]);
    },
  },
  {
    cls: 5,
    name: "clock changes: deals (read by leadlab) and events (read by DuckDB) agree on repeated and skipped times",
    check: async () => {
      const loaded = await load(DST_EVENTS);
      assert.deepEqual(Array.from(loaded.table.createdAt!), [Date.UTC(2026, 10, 1, 6, 30), Date.UTC(2026, 2, 8, 7, 30)]);
      assert.deepEqual(feature(loaded, "visit_count_30d"), [1, 1]);
    },
  },
  {
    cls: 5,
    name: "date_format with a timezone: both apply",
    check: async () => {
      const files = events(["A2,01/19/2026 23:00,visit,1", "A2,01/20/2026 00:30,visit,1"], 'timezone: America/New_York\ndate_format: "%m/%d/%Y %H:%M"');
      files["deals.csv"] = DEALS.replace(/2026-(\d\d)-(\d\d)/g, "$1/$2/2026 00:00");
      const loaded = await load(files);
      assert.equal(loaded.table.createdAt![1], Date.UTC(2026, 0, 20, 5));
      assert.deepEqual(feature(loaded, "visit_count_30d"), [0, 1, 0, 0]);
    },
  },
  {
    cls: 5,
    name: "TIMESTAMPTZ deals from sql: are accepted as instants, whatever the timezone",
    check: async () => {
      const utc = await load(TIMESTAMPTZ_DEALS());
      const tokyo = await load(TIMESTAMPTZ_DEALS("timezone: Asia/Tokyo"));
      const expected = [Date.UTC(2026, 0, 10), Date.UTC(2026, 0, 20), Date.UTC(2026, 1, 1), Date.UTC(2026, 1, 5)];
      assert.deepEqual(Array.from(utc.table.createdAt!), expected);
      assert.deepEqual(Array.from(tokyo.table.createdAt!), expected);
    },
  },
  {
    cls: 5,
    name: "TIMESTAMPTZ events from sql: are accepted",
    check: async () => {
      const files = { ...OFFSET_EVENTS, "dataset.yaml": spec({ events: sqlSource("select account_id, ts::TIMESTAMPTZ as ts, kind, v from read_csv('events.csv', all_varchar = true)") }) };
      assert.deepEqual(feature(await load(files), "visit_count_30d"), [0, 2, 0, 0]);
    },
  },
  {
    cls: 5,
    name: "Parquet: a naive TIMESTAMP is read in the spec's zone, a TIMESTAMPTZ is an instant",
    check: async () => {
      const dir = write({ "deals.csv": DEALS, "dataset.yaml": spec({ events: fileSource("events.parquet"), top: "timezone: Asia/Tokyo" }) });
      await parquet(dir, "events.parquet", "select 'A2' as account_id, TIMESTAMPTZ '2026-01-19 16:00:00+00' as ts, 'visit' as kind, 1 as v union all select 'A2', TIMESTAMPTZ '2026-01-19 14:00:00+00', 'visit', 1");
      const tokyo = await loadDataset(join(dir, "dataset.yaml"));
      assert.deepEqual(feature(tokyo, "visit_count_30d"), [0, 1, 0, 0]);
      const naive = write({ "deals.csv": DEALS, "dataset.yaml": spec({ events: fileSource("events.parquet"), top: "timezone: Asia/Tokyo" }) });
      await parquet(naive, "events.parquet", "select 'A2' as account_id, TIMESTAMP '2026-01-20 00:30:00' as ts, 'visit' as kind, 1 as v union all select 'A2', TIMESTAMP '2026-01-19 23:30:00', 'visit', 1");
      assert.deepEqual(feature(await loadDataset(join(naive, "dataset.yaml")), "visit_count_30d"), [0, 1, 0, 0]);
    },
  },
  {
    cls: 5,
    name: "an empty key (attributes: with nothing under it) is named as empty, with the line to delete",
    check: async () =>
      void (await refused(events([], "attributes:"), 'dataset.yaml: field "attributes": the field is empty (no value after its colon, or null)', 'or delete the line "attributes:"')),
  },
  { cls: 5, name: "an unknown time zone is named with the fix", check: async () => void (await refused(events([], "timezone: Mars/Base"), 'dataset.yaml: field "timezone": not an IANA time zone name (value "Mars/Base")', "e.g. America/New_York")) },
  { cls: 5, name: "a misspelt time zone gets the nearest name", check: async () => void (await refused(events([], "timezone: Europe/Pari"), 'did you mean "Europe/Paris"?')) },
  { cls: 5, name: "an offset is not a time zone", check: async () => void (await refused(events([], 'timezone: "+09:00"'), 'not an IANA time zone name (value "+09:00")', "an offset such as +09:00 is not a zone")) },
  ...TZ_CASES.map(
    (c, i): Case => ({
      cls: 5,
      name: `identical load under TZ=${ZONES.join(", ")}: ${c.name}`,
      check: async () => {
        const outputs = ZONES.map((zone) => tzOutputs[zone][join(tzDirs[i], "dataset.yaml")]);
        assert.ok(outputs[0] && outputs[0].length > 100);
        for (const o of outputs.slice(1)) assert.equal(o, outputs[0]);
      },
    }),
  ),
];

// ---------------------------------------------------------------- class 6: determinism

const BIG = biggerDataset();
let bigSnapshot: string;
let bigReport: string;
const snapshotOf = async (files: Files) => tableSnapshot((await load(files)).table);

const determinism: Case[] = [
  { cls: 6, name: "deals rows shuffled: identical table", check: async () => assert.equal(await snapshotOf({ ...BIG, "deals.csv": shuffleCsv(BIG["deals.csv"] as string, 1) }), bigSnapshot) },
  { cls: 6, name: "event rows shuffled: identical features (fractional values summed exactly)", check: async () => assert.equal(await snapshotOf({ ...BIG, "events.csv": shuffleCsv(BIG["events.csv"] as string, 2) }), bigSnapshot) },
  { cls: 6, name: "join table rows shuffled: identical table", check: async () => assert.equal(await snapshotOf({ ...BIG, "accounts.csv": shuffleCsv(BIG["accounts.csv"] as string, 3) }), bigSnapshot) },
  {
    cls: 6,
    name: "every table shuffled: identical table and identical report warnings",
    check: async () => {
      const loaded = await load({ ...BIG, "deals.csv": shuffleCsv(BIG["deals.csv"] as string, 4), "events.csv": shuffleCsv(BIG["events.csv"] as string, 5), "accounts.csv": shuffleCsv(BIG["accounts.csv"] as string, 6) });
      assert.equal(tableSnapshot(loaded.table), bigSnapshot);
      assert.equal(JSON.stringify([loaded.report.warnings, loaded.report.joins, loaded.report.events]), bigReport);
    },
  },
  {
    cls: 6,
    name: "a sql: deals table in a random order (ORDER BY random()), three loads: identical to the file's",
    check: async () => {
      const files = { ...BIG, "dataset.yaml": spec({ deals: sqlSource("select * from read_csv('deals.csv', all_varchar = true) order by random()"), events: fileSource("events.csv"), join: fileSource("accounts.csv") }) };
      for (let k = 0; k < 3; k++) assert.equal(await snapshotOf(files), bigSnapshot);
    },
  },
  {
    cls: 6,
    name: "a sql: events table in a random order: identical features",
    check: async () => {
      const files = { ...BIG, "dataset.yaml": spec({ events: sqlSource("select * from read_csv('events.csv', all_varchar = true) order by random()"), join: fileSource("accounts.csv") }) };
      // Only the events' table label differs: the sql: table is named by its field.
      assert.equal((await snapshotOf(files)).replace(/"table":"[^"]*\(events\.sql\)"/g, '"table":"events.csv"'), bigSnapshot);
    },
  },
  {
    cls: 6,
    name: "0.1 + 0.2 + 0.7 sums to exactly 1 in either order",
    check: async () => {
      const a = await load(events(["A2,2026-01-19,visit,0.1", "A2,2026-01-18,visit,0.2", "A2,2026-01-17,visit,0.7"]));
      const b = await load(events(["A2,2026-01-17,visit,0.7", "A2,2026-01-18,visit,0.2", "A2,2026-01-19,visit,0.1"]));
      assert.equal(feature(a, "visit_sum_30d")[1], 1);
      assert.equal(feature(b, "visit_sum_30d")[1], 1);
    },
  },
  {
    cls: 6,
    name: "event keys compare as written: '007' in events matches deal account '007' (not read as the number 7)",
    check: async () => {
      const dealsText = DEALS.replaceAll("A2", "007");
      const loaded = await load(events(["007,2026-01-19,visit,1", "7,2026-01-19,visit,1"], undefined, dealsText));
      assert.deepEqual(feature(loaded, "visit_count_30d"), [0, 1, 0, 0]);
      assert.equal(loaded.report.events!.unmatchedKey, 1);
    },
  },
];

// ---------------------------------------------------------------- class 7: crashes

const latin1 = (text: string, at: string) => {
  const buffer = Buffer.from(text, "latin1");
  const i = buffer.indexOf(at);
  buffer[i] = 0xe9; // é in Latin-1, an invalid byte in UTF-8
  return buffer;
};
const manyDeals = (n: number) =>
  csv([["deal_id", "stage", "created", "account_id", "size"], ...Array.from({ length: n }, (_, i) => [`D${i}`, i % 2 ? "Won" : "Lost", "2026-01-10", `A${i % 5}`, i])]);

const crashes: Case[] = [
  {
    cls: 7,
    name: "events whose keys match no deal: no TypeError, counts 0, counted in the report",
    check: async () => {
      const loaded = await load(events(["Z1,2026-01-09,visit,1", "Z2,2026-01-09,visit,1", "Z2,2026-01-08,demo,1"]));
      assert.deepEqual(feature(loaded, "visit_count_30d"), [0, 0, 0, 0]);
      assert.equal(loaded.report.events!.unmatchedKey, 3);
      assert.ok(loaded.report.warnings.some((w) => w.includes("3 match no deal")));
    },
  },
  {
    cls: 7,
    name: "every event after every scoring point: no TypeError, counts 0, days since last missing",
    check: async () => {
      const loaded = await load(events(["A1,2026-03-01,visit,1", "A2,2026-03-02,visit,1", "A3,2026-03-03,visit,2"]));
      assert.deepEqual(feature(loaded, "visit_count_30d"), [0, 0, 0, 0]);
      assert.ok(feature(loaded, "visit_days_since_last_30d").every(Number.isNaN));
      assert.equal(loaded.report.events!.afterEveryScoringPoint, 3);
      assert.ok(loaded.report.warnings.some((w) => w.includes("3 are at or after every scoring point")));
    },
  },
  {
    cls: 7,
    name: "events with no key at all: dropped and counted",
    check: async () => {
      const loaded = await load(events([",2026-01-09,visit,1", "NA,2026-01-09,visit,1"]));
      assert.deepEqual(loaded.report.events!.dropped, [{ reason: "no key (account_id)", rows: 2 }]);
    },
  },
  {
    cls: 7,
    name: "a sql: events table with no rows: no features, no crash",
    check: async () => {
      const files = { ...OFFSET_EVENTS, "dataset.yaml": spec({ events: sqlSource("select * from read_csv('events.csv', all_varchar = true) where false") }) };
      const loaded = await load(files);
      assert.equal(loaded.report.events!.read, 0);
      assert.equal(loaded.report.events!.features, 0);
    },
  },
  { cls: 7, name: "a sql: deals table with no rows: named", check: async () => void (await refused(deals("select * from read_csv('deals.csv') where false"), "dataset.yaml (deals.sql)", "has a header but no rows")) },
  {
    cls: 7,
    name: "a Latin-1 byte deep in deals.csv: one line naming the file, the line and the encoding fix",
    check: async () => {
      const text = manyDeals(3000).replace("D2998,Lost", "D2998,Lost-x");
      await refused({ "deals.csv": latin1(text, "-x"), "dataset.yaml": spec() }, "deals.csv: the file is not UTF-8 encoded (the first bad byte is on line 3000", "encoding: re-save it as UTF-8", "encoding = 'latin-1'");
    },
  },
  { cls: 7, name: "a Latin-1 byte in the events file", check: async () => void (await refused({ ...events(["A2,2026-01-19,visite-x,1"]), "events.csv": latin1(`${EVENTS_HEADER}\nA2,2026-01-19,visite-x,1\n`, "e-x") }, "events.csv: the file is not UTF-8 encoded", "iconv -f latin1")) },
  {
    cls: 7,
    name: "a Latin-1 byte in a join table",
    check: async () =>
      void (await refused({ "deals.csv": DEALS, "accounts.csv": latin1("account_id,industry\nA1,Sant-x\n", "-x"), "dataset.yaml": spec({ join: fileSource("accounts.csv") }) }, "accounts.csv: the file is not UTF-8 encoded")),
  },
  {
    cls: 7,
    name: "`leadlab profile --json | head -1` ends quietly (EPIPE)",
    check: async () => {
      const wide: (string | number)[][] = [Array.from({ length: 400 }, (_, j) => (j === 0 ? "deal_id" : j === 1 ? "stage" : j === 2 ? "created" : `attribute_with_a_long_name_${j}`))];
      for (let i = 0; i < 30; i++) wide.push(wide[0].map((_, j) => (j === 0 ? `D${i}` : j === 1 ? (i % 2 ? "Won" : "Lost") : j === 2 ? "2026-01-10" : `value ${i} of ${j}`)));
      const dir = write({ "deals.csv": csv(wide), "dataset.yaml": spec() });
      // the built command, as installed (npm test builds it first): a second compile of the CLI would take seconds
      const main = join(__dirname, "../../dist/cli/main.js");
      assert.ok(existsSync(main), "dist/cli/main.js is missing: run `npm run build` first (npm test does)");
      const { stdout, stderr } = await run("bash", ["-c", `node ${main} profile --json ${join(dir, "dataset.yaml")} | head -1; echo "status \${PIPESTATUS[0]}" >&2`]);
      assert.equal(stdout, "{\n");
      assert.match(stderr, /status 0\n$/);
      assert.doesNotMatch(stderr, /EPIPE|Error|    at /);
    },
  },
];

// ---------------------------------------------------------------- class 8: causes kept

const ragged = (n: number, delimiter: string, bad: string) => {
  const rows = [["deal_id", "stage", "created", "account_id"].join(delimiter)];
  for (let i = 0; i < n; i++) rows.push([`D${i}`, i % 2 ? "Won" : "Lost", "2026-01-10", `A${i}`].join(delimiter));
  rows.push(bad);
  return rows.join("\n") + "\n";
};

const causes: Case[] = [
  {
    cls: 8,
    name: "a row with an extra field 3,000 lines down: the line, 'Expected Number of Columns' and the delimiter, not 'no column deal_id'",
    check: async () => void (await refused({ "deals.csv": ragged(3000, ",", "D9,Won,2026-01-10,A9,extra,more"), "dataset.yaml": spec() }, "deals.csv: line 3002 (counting the header) does not have the header's 4 columns", "Expected Number of Columns: 4", 'delimiter ","', '(value "D9,Won,2026-01-10,A9,extra,more")')),
  },
  {
    cls: 8,
    name: "a ragged second line: not taken as the header with the rows above it dropped",
    check: async () => void (await refused({ "deals.csv": "deal_id,stage,created,account_id\nD0,Won,2026-01-10,A0,x\nD1,Lost,2026-01-10,A1\nD2,Lost,2026-01-10,A1\n", "dataset.yaml": spec() }, "line 2 (counting the header)")),
  },
  {
    cls: 8,
    name: "a small file with one ragged row (read as one column by DuckDB): the line, not 'no column deal_id'",
    check: async () => {
      const message = await refused({ "deals.csv": ragged(3, ",", "D9,Won,2026-01-10,A9,extra"), "dataset.yaml": spec() }, "line 5 (counting the header)", "Expected Number of Columns: 4");
      assert.ok(!message.includes("has no column"));
    },
  },
  { cls: 8, name: "a ragged semicolon-separated file names the delimiter ';'", check: async () => void (await refused({ "deals.csv": ragged(3000, ";", "D9;Won;2026-01-10;A9;x;y"), "dataset.yaml": spec() }, 'delimiter ";"', "line 3002")) },
  { cls: 8, name: "a ragged join table", check: async () => void (await refused({ "deals.csv": DEALS, "accounts.csv": "account_id,industry\nA1,SaaS\nA2,Retail,Health,x\n", "dataset.yaml": spec({ join: fileSource("accounts.csv") }) }, "accounts.csv: line 3", "header's 2 columns")) },
  {
    cls: 8,
    name: "a bad event timestamp 5,000 rows down: the file, column, row and value",
    check: async () => {
      const rows = Array.from({ length: 5000 }, (_, i) => `A${i % 3},2026-01-0${1 + (i % 9)} 10:00:00,visit,1`);
      rows[4999] = "A1,2026-13-45 10:00:00,visit,1";
      await refused(events(rows), 'events.csv: column "ts": row 5000: not a date', '(value "2026-13-45 10:00:00")', "date_format");
    },
  },
  {
    cls: 8,
    name: "a bad event timestamp 54,321 rows into a Parquet file of ten row groups (read in parallel): the row and value",
    check: async () => {
      const dir = write({ "deals.csv": DEALS, "dataset.yaml": spec({ events: fileSource("events.parquet") }) });
      const ts = "CASE WHEN i = 54321 THEN '2026-13-45 10:00:00' ELSE '2026-01-05 10:00:00' END";
      await parquet(dir, "events.parquet", `select 'A' || (i % 3) as account_id, ${ts} as ts, 'visit' as kind, 1 as v from range(1, 100001) t(i) order by i`, "ROW_GROUP_SIZE 10000");
      await assert.rejects(loadDataset(join(dir, "dataset.yaml")), (e: Error) => {
        assert.match(e.message, /events\.parquet: column "ts": row 54321: not a date.*\(value "2026-13-45 10:00:00"\)/);
        return true;
      });
    },
  },
  { cls: 8, name: "a bad event timestamp with a date_format names the format", check: async () => void (await refused({ ...events(["A1,2026-01-09,visit,1"], 'date_format: "%m/%d/%Y"'), "deals.csv": DEALS.replace(/2026-(\d\d)-(\d\d)/g, "$1/$2/2026") }, 'events.csv: column "ts": row 1: not a date in the expected format %m/%d/%Y')) },
  { cls: 8, name: "a bad event value: the row and value", check: async () => void (await refused(events(["A1,2026-01-09,visit,1", "A1,2026-01-09,visit,lots"]), 'column "v": row 2: not a number', '(value "lots")')) },
  { cls: 8, name: "an infinite event value is not summed", check: async () => void (await refused(events(["A1,2026-01-09,visit,1e400"]), "not a number (or beyond ±1e29)", '(value "1e400")')) },
  {
    cls: 8,
    name: "a sql: conversion error keeps DuckDB's whole cause (the value and why)",
    check: async () => void (await refused(deals("select deal_id, stage, strptime(created, '%d/%m/%Y') as created, account_id from read_csv('deals.csv', all_varchar = true)"), 'Could not parse string "2026-01-10" according to format specifier "%d/%m/%Y"', "; Error: ")),
  },
  { cls: 8, name: "a sql: unknown column keeps DuckDB's candidates", check: async () => void (await refused(deals("select dealid from read_csv('deals.csv')"), 'Referenced column "dealid" not found', 'Candidate bindings: "deal_id"')) },
  { cls: 8, name: "a sql: missing file keeps DuckDB's path", check: async () => void (await refused(deals("select * from read_csv('nope.csv')"), 'No files found that match the pattern "nope.csv"')) },
  { cls: 8, name: "a Parquet file cut short keeps DuckDB's cause", check: async () => void (await refused({ "deals.parquet": "PAR1 and then a download that stopped", "dataset.yaml": spec({ deals: fileSource("deals.parquet") }) }, "deals.parquet: DuckDB could not read the table: ", "parquet")) },
];

// ---------------------------------------------------------------- the catalogue

/** Every case of the catalogue. */
export const CATALOGUE: Case[] = [...security, ...time, ...determinism, ...crashes, ...causes];

/** Cases per class (1 security, 5 time, 6 determinism, 7 crashes, 8 causes kept). */
export const CATALOGUE_COUNTS: Record<Class, number> = { 1: 0, 5: 0, 6: 0, 7: 0, 8: 0 };
for (const c of CATALOGUE) CATALOGUE_COUNTS[c.cls]++;

before(async () => {
  const loaded = await load(BIG);
  bigSnapshot = tableSnapshot(loaded.table);
  bigReport = JSON.stringify([loaded.report.warnings, loaded.report.joins, loaded.report.events]);
  tzDirs = await Promise.all(TZ_CASES.map((c) => c.files()));
  const script = join(__dirname, "fixtures/print-load.ts");
  const specs = tzDirs.map((d) => join(d, "dataset.yaml"));
  const outputs = await Promise.all(ZONES.map((zone) => run(process.execPath, ["--import", "tsx", script, ...specs], { env: { ...process.env, TZ: zone } })));
  tzOutputs = Object.fromEntries(ZONES.map((zone, i) => [zone, JSON.parse(outputs[i].stdout) as Record<string, string>]));
});

for (const c of CATALOGUE) test(`[class ${c.cls}] ${c.name}`, c.check);

test("the catalogue has at least 40 cases, across classes 1, 5, 6, 7 and 8", () => {
  assert.ok(CATALOGUE.length >= 40, `${CATALOGUE.length} cases`);
  for (const cls of [1, 5, 6, 7, 8] as const) assert.ok(CATALOGUE_COUNTS[cls] >= 5, `class ${cls}: ${CATALOGUE_COUNTS[cls]}`);
});

after(() => {
  const byClass = Object.entries(CATALOGUE_COUNTS).map(([cls, n]) => `class ${cls}: ${n}`).join(", ");
  console.log(`bad-input catalogue: ${CATALOGUE.length} cases (${byClass})`);
});
