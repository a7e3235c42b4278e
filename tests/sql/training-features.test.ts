import assert from "node:assert/strict";
import { before, test, type TestContext } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { Client } from "pg";
import { loadDataset } from "../../src/data/load-dataset";
import { DEFAULT_MISSING } from "../../src/data/resolve-dataset-spec";
import type { DealTable } from "../../src/data/deal-table";
import { eventFeatureName, type EventFeatureSpec } from "../../src/sql/event-features-sql";
import { rulesTrainingFeaturesSql, trainingFeatureList, trainingFeaturesSql, type TrainingFeaturesInput } from "../../src/sql/training-features-sql";
import { sqlCommand } from "../../src/cli/sql-command";
import { CliError } from "../../src/cli/cli-error";
import { readScoringRules } from "../../src/scoring/parse-scoring-rules";
import { specText, tempDataset } from "../helpers/temp-dataset";
import { tableProvenance } from "../../src/data/table-provenance";
import { leadEventFeatures } from "../../src/scoring/lead-event-features";
import { openDuckDB } from "../../src/data/duckdb-session";
import { rulesInputs } from "../../src/scoring/rules-inputs";
import { attribute, bin, tinyRules } from "../scoring/helpers";
import { sampleTable } from "../helpers/sample-fixture";
import { copyToPostgres } from "../helpers/postgres-rows";

/*
 * One as-of definition: the loader's behavioural features of the sample equal, deal by deal and
 * feature by feature, the features of the training query `leadlab sql --features` renders for
 * DuckDB, run on the raw files (deals as text, events from Parquet).
 */

const SAMPLE_EVENTS: TrainingFeaturesInput["events"] = { key: "account_id", leadKey: "account_id", time: "ts", type: "event_type", value: "minutes" };

let table: DealTable;
before(async () => {
  table = await sampleTable();
});

let loaded: DealTable["attributes"];
let features: EventFeatureSpec[];
const input = (leadsTable: string, eventsTable: string): TrainingFeaturesInput => ({
  leadsTable,
  eventsTable,
  id: "deal_id",
  scoringPoint: "created_date",
  events: SAMPLE_EVENTS,
  missing: DEFAULT_MISSING,
  timeZone: "UTC",
});

/** Asserts every loaded deal's every event feature equals the query's row; returns how many values were compared. */
function assertEqualToLoader(rows: Record<string, unknown>[], engine: string): number {
  const byId = new Map(rows.map((r) => [String(r.deal_id), r]));
  let compared = 0;
  for (let i = 0; i < table.ids.length; i++) {
    const row = byId.get(table.ids[i]);
    assert.ok(row, `${engine}: deal ${table.ids[i]} is in the query's result`);
    loaded.forEach((a, k) => {
      const want = (table.columns[a.name] as Float64Array)[i];
      const raw = row[`${features[k].type}_${features[k].aggregate}_${features[k].windowDays}d`];
      const got = raw === null || raw === undefined ? NaN : Number(raw);
      assert.equal(got, want, `${engine}: ${table.ids[i]} ${a.name}`);
      compared++;
    });
  }
  assert.equal(compared, table.ids.length * loaded.length);
  return compared;
}

/**
 * The training query's rows over a folder's deals.csv and events.csv (read as text), by engine:
 * DuckDB, and PostgreSQL when PGHOST is set (the same rows copied into a schema of their own),
 * each session in the time zone `zone`.
 */
async function trainingQueryRows(t: TestContext, dir: string, specs: EventFeatureSpec[], input: TrainingFeaturesInput, zone: string): Promise<Map<string, Record<string, unknown>[]>> {
  const byEngine = new Map<string, Record<string, unknown>[]>();
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(`SET TimeZone = '${zone}'`);
  for (const table of ["deals", "events"]) await db.run(`CREATE VIEW ${table} AS SELECT * FROM read_csv('${dir}/${table}.csv', header = true, all_varchar = true)`);
  byEngine.set("duckdb", (await db.runAndReadAll(trainingFeaturesSql("duckdb", specs, input).replace(/;\s*$/, ""))).getRowObjectsJS());
  if (!process.env.PGHOST) {
    t.diagnostic("PGHOST is not set: the PostgreSQL half of this check is skipped");
    return byEngine;
  }
  const client = new Client();
  await client.connect();
  const schema = `leadlab_training_${process.pid}_${Date.now()}`;
  try {
    await client.query(`SET TIME ZONE '${zone}'`);
    await client.query(`CREATE SCHEMA ${schema}`);
    for (const table of ["deals", "events"]) {
      const columns = (await db.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${table})`)).getRowsJS().map((r) => String(r[0]));
      await copyToPostgres(db, client, `${schema}.${table}`, columns, columns, table);
    }
    byEngine.set("postgres", (await client.query(trainingFeaturesSql("postgres", specs, { ...input, leadsTable: `${schema}.deals`, eventsTable: `${schema}.events` }))).rows);
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await client.end();
    db.closeSync();
  }
  return byEngine;
}

test("the loader's event features equal the DuckDB training query's, deal by deal, on the sample", async () => {
  loaded = table.attributes.filter((a) => a.feature !== undefined);
  features = loaded.map((a) => ({ type: a.feature!.eventType, windowDays: a.feature!.windowDays, aggregate: a.feature!.aggregate }));
  assert.ok(features.length >= 8, `the sample has event features (${features.length})`);
  const sql = trainingFeaturesSql("duckdb", features, input("deals", "events"));
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run("SET TimeZone = 'UTC'");
  await db.run("CREATE VIEW deals AS SELECT * FROM read_csv('data/sample/deals.csv', header = true, all_varchar = true)");
  await db.run("CREATE VIEW events AS SELECT * FROM read_parquet('data/sample/events.parquet')");
  const rows = (await db.runAndReadAll(sql.replace(/;\s*$/, ""))).getRowObjectsJS();
  const compared = assertEqualToLoader(rows, "duckdb");
  console.log(`# agreement: ${table.ids.length} deals x ${loaded.length} features = ${compared} values equal (loader = DuckDB training query)`);
});

test("PostgreSQL: the training query's features equal the loader's, deal by deal, on the sample", async (t) => {
  if (!process.env.PGHOST) {
    t.skip("PGHOST is not set: skipping the PostgreSQL training-feature agreement (set PGHOST, PGUSER, PGPASSWORD, PGDATABASE to run it)");
    return;
  }
  assert.ok(features, "the DuckDB agreement ran first");
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  const client = new Client();
  await client.connect();
  const schema = `leadlab_features_${process.pid}_${Date.now()}`;
  try {
    await client.query("SET TIME ZONE 'UTC'");
    await client.query(`CREATE SCHEMA ${schema}`);
    await copyToPostgres(db, client, `${schema}.deals`, ["deal_id", "account_id", "created_date"], ["deal_id", "account_id", "created_date"], "read_csv('data/sample/deals.csv', header = true, all_varchar = true)");
    const events = ["account_id", "strftime(ts, '%Y-%m-%d %H:%M:%S.%f')", "event_type", "minutes"];
    await copyToPostgres(db, client, `${schema}.events`, ["account_id", "ts", "event_type", "minutes"], events, "read_parquet('data/sample/events.parquet')");
    const { rows } = await client.query(trainingFeaturesSql("postgres", features, input(`${schema}.deals`, `${schema}.events`)));
    const compared = assertEqualToLoader(rows, "postgres");
    console.log(`# agreement: ${table.ids.length} deals x ${loaded.length} features = ${compared} values equal (loader = PostgreSQL training query)`);
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await client.end();
  }
});

test("the training feature list: every aggregate per type and ascending window, sum only with a value column", () => {
  assert.deepEqual(
    trainingFeatureList(["demo", "webinar", "demo"], [90, 30], true).map((f) => `${f.type}:${f.windowDays}:${f.aggregate}`),
    [
      "demo:30:count", "demo:30:sum", "demo:30:active_days", "demo:30:days_since_last",
      "demo:90:count", "demo:90:sum", "demo:90:active_days", "demo:90:days_since_last",
      "webinar:30:count", "webinar:30:sum", "webinar:30:active_days", "webinar:30:days_since_last",
      "webinar:90:count", "webinar:90:sum", "webinar:90:active_days", "webinar:90:days_since_last",
    ],
  );
  assert.equal(trainingFeatureList(["demo"], [7], false).some((f) => f.aggregate === "sum"), false);
});

test("leadlab sql --features: the rules' event types and windows in each dialect; clear errors", () => {
  let out = "";
  sqlCommand(["rules/sample/scoring.yaml", "--dialect", "snowflake", "--features", "--leads-table", "crm.deals"], (s) => (out += s));
  assert.match(out, /^-- leadlab training features \(snowflake\)/);
  assert.match(out, /FROM "CRM"\."DEALS" AS l/);
  assert.match(out, /COUNT_IF\(/);
  assert.throws(() => sqlCommand(["rules/sample/scoring.yaml", "--dialect", "duckdb", "--features", "--view", "v"], () => {}), (e: unknown) => e instanceof CliError && /--features writes a query, not a view/.test((e as Error).message));
  const rules = readScoringRules("rules/sample/scoring.yaml");
  rules.attributes = rules.attributes.filter((a) => !("event" in a.source));
  assert.throws(() => rulesTrainingFeaturesSql(rules, { dialect: "duckdb" }), /sql --features: the rules use no event feature \(no attribute has an event source\)/);
});

test("times are read as the loader reads them: offsets honoured, naive times in the dataset's zone, whatever the session's zone", async (t) => {
  // 2026-03-08 is the first day of daylight saving time in New York (UTC−5 before, UTC−4 after).
  const dir = tempDataset({
    "dataset.yaml": specText(
      "timezone: America/New_York\nevents:\n  file: events.csv\n  key: account_id\n  time: ts\n  type: event_type\n  windows: [1, 30]\n",
      "deals:\n  file: deals.csv\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n  created_at: created\n",
    ),
    "deals.csv": ["deal_id,stage,created,account_id", "D1,Won,2026-03-09 00:30:00,A1", "D2,Lost,2026-03-08 01:30:00,A2", "D3,Won,2026-03-10 21:30:00,A1", "D4,Lost,2026-03-08 12:00:00,A3"].join("\n"),
    "events.csv": [
      "account_id,ts,event_type",
      "A1,2026-03-08 23:45:00,demo", // naive: 15 minutes before D1 in New York
      "A1,2026-03-09T04:40:00Z,demo", // 00:40 EDT: after D1's scoring point
      "A1,2026-03-09T05:00:00+01:00,demo", // 00:00 EDT: before D1
      "A1,2026-03-07 23:00:00,demo", // naive, EST (04:00Z): 24 h 30 min before D1 (04:30Z), outside the last day
      "A1,2026-03-08 00:20:00,demo", // naive, EST (05:20Z): 23 h 10 min before D1, though the clock says more
      "A2,2026-03-07 01:40:00,demo", // 23 h 50 min before D2 across the change of offset (clock says 23:50)
      "A3,2026-03-08 03:30:00-04:00,demo", // 07:30Z = 03:30 EDT: before D4
    ].join("\n"),
  });
  const { table: small, report } = await loadDataset(`${dir}/dataset.yaml`);
  // D3 was created at 21:30 on 10 March in New York, already the 11th in UTC: dates are the dataset's.
  assert.deepEqual(report.dateRange, { from: "2026-03-08", to: "2026-03-10", column: "created" });
  assert.deepEqual(tableProvenance(small).dateRange, { from: "2026-03-08", to: "2026-03-10", column: "created_at" }, "provenance and load report give the same dates");
  const attrs = small.attributes.filter((a) => a.feature !== undefined && a.feature.aggregate !== "sum");
  const specs = attrs.map((a): EventFeatureSpec => ({ type: a.feature!.eventType, windowDays: a.feature!.windowDays, aggregate: a.feature!.aggregate }));
  const smallInput: TrainingFeaturesInput = { leadsTable: "deals", eventsTable: "events", id: "deal_id", scoringPoint: "created", events: { key: "account_id", leadKey: "account_id", time: "ts", type: "event_type" }, missing: DEFAULT_MISSING, timeZone: "America/New_York" };
  const count1 = (small.columns.demo_count_1d as Float64Array)[small.ids.indexOf("D1")];
  assert.equal(count1, 3, "the loader counts D1's three demos in the last 24 hours (23:45, the +01:00 one and 00:20 EST)");
  const check = (rows: Record<string, unknown>[], engine: string) => {
    const byId = new Map(rows.map((r) => [String(r.deal_id), r]));
    for (let i = 0; i < small.ids.length; i++)
      attrs.forEach((a, k) => {
        const raw = byId.get(small.ids[i])![eventFeatureName(specs[k].type, specs[k].aggregate, specs[k].windowDays)];
        const got = raw === null || raw === undefined ? NaN : Number(raw);
        const want = (small.columns[a.name] as Float64Array)[i];
        assert.ok(Math.abs(got - want) < 1e-9 || (Number.isNaN(got) && Number.isNaN(want)), `${engine}: ${small.ids[i]} ${a.name}: ${got} against the loader's ${want}`);
      });
  };
  // leadlab score --events computes the same features for a leads file, with rules that record the zone.
  const rules = tinyRules(
    specs.map((f) => attribute(eventFeatureName(f.type, f.aggregate, f.windowDays), "numeric", [bin("any", { kind: "range", loInclusive: true, hiInclusive: false }, 0), bin("missing", { kind: "missing" }, 0)], { source: { event: f }, role: "behavioral", group: "engagement" })),
    { inputs: { id: "deal_id", scoringPoint: "created", events: { key: "account_id", leadKey: "account_id", time: "ts", type: "event_type" }, timeZone: "America/New_York" } },
  );
  await assert.rejects(
    leadEventFeatures(await (await DuckDBInstance.create(":memory:")).connect(), "x", "leads.csv", rules, "events.csv", { column: "created" }, []),
    /the DuckDB session reads times in .* but the rules in America\/New_York/,
  );
  const scoringDb = await openDuckDB(dir, { timeZone: "America/New_York" });
  const scored = await leadEventFeatures(scoringDb, `read_csv('${dir}/deals.csv', header = true, all_varchar = true)`, `${dir}/deals.csv`, rules, `${dir}/events.csv`, { column: "created" }, []);
  attrs.forEach((a, k) => assert.deepEqual(Array.from(scored.columns.get(rules.attributes[k].name)!), Array.from(small.columns[a.name] as Float64Array), `leadlab score --events: ${a.name}`));
  for (const [engine, rows] of await trainingQueryRows(t, dir, specs, smallInput, "Asia/Tokyo")) check(rows, engine);
});

test("dates written in the spec's date_format: the rules record it; score --events and the DuckDB SQL read them as the loader did; other dialects say they cannot yet", async () => {
  const dir = tempDataset({
    "dataset.yaml": specText(
      'date_format: "%m/%d/%Y %H:%M"\ntimezone: Europe/Berlin\nevents:\n  file: events.csv\n  key: account_id\n  time: ts\n  type: event_type\n  windows: [1, 30]\n',
      "deals:\n  file: deals.csv\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n  created_at: created\n",
    ),
    "deals.csv": ["deal_id,stage,created,account_id", "D1,Won,03/29/2026 12:00,A1", "D2,Lost,03/30/2026 01:30,A2", "D3,Won,04/02/2026 09:15,A1"].join("\n"),
    "events.csv": [
      "account_id,ts,event_type",
      "A1,03/28/2026 12:30,demo", // 23 h 30 min before D1 by the clock, 22 h 30 min in fact (summer time began on the 29th)
      "A1,03/28/2026 11:30,demo", // 23 h 30 min before D1 in fact: inside the last day
      "A1,03/28/2026 10:30,demo", // 24 h 30 min before D1: outside
      "A2,03/29/2026 01:00,demo", // 23 h 30 min before D2 by the clock, 22 h 30 min in fact: inside its last day
    ].join("\n"),
  });
  const { table: small } = await loadDataset(`${dir}/dataset.yaml`);
  assert.equal(small.sources?.dateFormat, "%m/%d/%Y %H:%M");
  const attrs = small.attributes.filter((a) => a.feature !== undefined && a.feature.aggregate !== "sum");
  const specs = attrs.map((a): EventFeatureSpec => ({ type: a.feature!.eventType, windowDays: a.feature!.windowDays, aggregate: a.feature!.aggregate }));
  assert.equal((small.columns.demo_count_1d as Float64Array)[small.ids.indexOf("D1")], 2, "the loader counts two demos in D1's last 24 hours");
  assert.equal((small.columns.demo_count_1d as Float64Array)[small.ids.indexOf("D2")], 1, "and D2's demo, across the change of clocks");
  const rules = tinyRules(
    specs.map((f) => attribute(eventFeatureName(f.type, f.aggregate, f.windowDays), "numeric", [bin("any", { kind: "range", loInclusive: true, hiInclusive: false }, 0), bin("missing", { kind: "missing" }, 0)], { source: { event: f }, role: "behavioral", group: "engagement" })),
    { inputs: { ...rulesInputs(small.sources), scoringPoint: "created" } },
  );
  assert.equal(rules.inputs.dateFormat, "%m/%d/%Y %H:%M");
  const scored = await leadEventFeatures(await openDuckDB(dir, { timeZone: "Europe/Berlin" }), `read_csv('${dir}/deals.csv', header = true, all_varchar = true)`, `${dir}/deals.csv`, rules, `${dir}/events.csv`, { column: "created" }, []);
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(`CREATE VIEW deals AS SELECT * FROM read_csv('${dir}/deals.csv', header = true, all_varchar = true)`);
  await db.run(`CREATE VIEW events AS SELECT * FROM read_csv('${dir}/events.csv', header = true, all_varchar = true)`);
  const rows = (await db.runAndReadAll(rulesTrainingFeaturesSql(rules, { dialect: "duckdb", leadsTable: "deals", eventsTable: "events" }).replace(/;\s*$/, ""))).getRowObjectsJS();
  attrs.forEach((a, k) => {
    const loader = Array.from(small.columns[a.name] as Float64Array);
    assert.deepEqual(Array.from(scored.columns.get(rules.attributes[k].name)!), loader, `leadlab score --events: ${a.name}`);
    const sql = small.ids.map((id) => rows.find((r) => r.deal_id === id)![rules.attributes[k].name]);
    assert.deepEqual(sql.map((x) => (x === null ? NaN : Number(x))), loader, `DuckDB SQL: ${a.name}`);
  });
  assert.throws(() => rulesTrainingFeaturesSql(rules, { dialect: "postgres" }), {
    message: 'the rules read dates written as "%m/%d/%Y %H:%M" (inputs.dateFormat, the dataset spec\'s date_format); the postgres SQL reads ISO 8601 dates only so far. Fix: generate the duckdb SQL, or write the dates as ISO 8601 (YYYY-MM-DD HH:MM:SS) and remove inputs.dateFormat from the rules.',
  });
});

test("event values are summed in whole billionths, the same in any order and on every engine: 0.1 + 0.2 is 0.3 for the loader, DuckDB and PostgreSQL alike", async (t) => {
  // Per deal, values whose sum in doubles depends on the order they are added in, or is not the decimal sum.
  const values: Record<string, string[]> = {
    A1: ["0.1", "0.2"],
    A2: Array.from({ length: 10 }, () => "0.7"),
    A3: ["4000000.123456789", "5000000.987654321", "-0.000000001", "1e-10"],
    A4: ["3", "-2.5", "2000000000"],
  };
  const rows = Object.entries(values).flatMap(([account, vs]) => vs.map((v, i) => `${account},2026-03-0${1 + (i % 5)} 10:00:00,spend,${v}`));
  const dir = tempDataset({
    "dataset.yaml": specText(
      "events:\n  file: events.csv\n  key: account_id\n  time: ts\n  type: event_type\n  value: amount\n  windows: [30]\n",
      "deals:\n  file: deals.csv\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n  created_at: created\n",
    ),
    "deals.csv": ["deal_id,stage,created,account_id", "D1,Won,2026-03-20,A1", "D2,Lost,2026-03-20,A2", "D3,Won,2026-03-20,A3", "D4,Lost,2026-03-20,A4"].join("\n"),
    // The rows reversed as well, so that the order they are read in differs.
    "events.csv": ["account_id,ts,event_type,amount", ...rows, ...[...rows].reverse()].join("\n"),
  });
  const { table: small } = await loadDataset(`${dir}/dataset.yaml`);
  const sums = small.columns.spend_sum_30d as Float64Array;
  // The definition worked out apart: each value's billionths rounded half up, summed exactly (twice: the rows are there twice), divided once.
  const want = Object.values(values).map((vs) => Number(vs.reduce((s, v) => s + 2n * BigInt(Math.floor(Number(v) * 1e9 + 0.5)), 0n)) / 1e9);
  assert.deepEqual(Array.from(sums), want);
  assert.deepEqual(Array.from(sums).slice(0, 2), [0.6, 14], "decimal sums, not 0.6000000000000001 or 13.999999999999998");
  const specs: EventFeatureSpec[] = [{ type: "spend", windowDays: 30, aggregate: "sum" }];
  const smallInput: TrainingFeaturesInput = { leadsTable: "deals", eventsTable: "events", id: "deal_id", scoringPoint: "created", events: { key: "account_id", leadKey: "account_id", time: "ts", type: "event_type", value: "amount" }, missing: DEFAULT_MISSING, timeZone: "UTC" };
  const check = (got: Record<string, unknown>[], engine: string) =>
    assert.deepEqual(
      small.ids.map((id) => Number(got.find((r) => String(r.deal_id) === id)!.spend_sum_30d)),
      Array.from(sums),
      `${engine}: the training query's sums are the loader's`,
    );
  for (const [engine, rows] of await trainingQueryRows(t, dir, specs, smallInput, "UTC")) check(rows, engine);
});
