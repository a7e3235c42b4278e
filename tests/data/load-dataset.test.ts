import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DataFrame } from "danfojs-node";
import { fromDataFrame } from "../../src/notebook/data-frame";
import { loadDataset } from "../../src/data/load-dataset";
import { sampleDataset } from "../helpers/sample-fixture";
import { DEALS_CSV, specText, tempDataset } from "../helpers/temp-dataset";

const DAY = 86_400_000;
const EVENTS = [
  "account_id,ts,kind,minutes",
  "A1,2025-12-01 10:00:00,demo,30", // 40 days before D1 (2026-01-10): in the 90-day window only
  "A1,2026-01-01 09:00:00,demo,20", // 9 days before D1
  "A1,2026-01-01 15:00:00,visit,", // same day as the previous: one active day for visit
  "A2,2026-01-11 00:00:00,demo,5", // 1 day before D2 (2026-01-12)
  "A9,2025-01-01 00:00:00,demo,5", // older than 90 days before D5
  "ZZ,2026-01-01 00:00:00,demo,5", // key of no deal
].join("\n");
const EVENTS_SPEC = "events:\n  file: events.csv\n  key: account_id\n  time: ts\n  type: kind\n  value: minutes\n  windows: [30, 90]\n";

test("counts every deal: read, won, lost, open, with case- and space-insensitive outcomes", async () => {
  const dir = tempDataset({ "dataset.yaml": specText(), "deals.csv": DEALS_CSV });
  const { table, report } = await loadDataset(join(dir, "dataset.yaml"));
  assert.deepEqual(
    { read: report.deals.read, won: report.deals.won, lost: report.deals.lost, open: report.deals.open, dropped: report.deals.dropped },
    { read: 5, won: 2, lost: 2, open: 1, dropped: 1 },
  );
  assert.deepEqual(report.deals.openValues, [{ value: "Open", rows: 1 }]);
  assert.deepEqual(table.ids, ["D1", "D2", "D3", "D5"]);
  assert.deepEqual(Array.from(table.won), [1, 0, 1, 0]);
});

test("infers types and roles and says why; multi-valued lists (declared) are split and sorted", async () => {
  const dir = tempDataset({ "dataset.yaml": specText("attributes:\n  tags: { type: multi }\n"), "deals.csv": DEALS_CSV });
  const { table, report } = await loadDataset(join(dir, "dataset.yaml"));
  const employees = report.attributes.find((a) => a.name === "employees")!;
  assert.equal(employees.type, "numeric");
  assert.equal(employees.role, "firmographic");
  assert.equal(employees.source, "inferred");
  assert.match(employees.reason!, /every value is a number; name suggests firmographic/);
  assert.equal(table.attribute("tags").type, "multi");
  assert.deepEqual(table.column("tags"), [["x", "y"], ["y"], null, ["z"]]);
  assert.deepEqual(Array.from(table.column("employees") as Float64Array), [120, 40, 300, 75]);
  assert.deepEqual(report.altered, [{ reason: "read as missing (matches `missing:`)", column: "employees", table: "deals.csv", rows: 1 }]);
});

test("a join keeps unmatched deals with missing values and counts them with example keys", async () => {
  const dir = tempDataset({
    "dataset.yaml": specText("join:\n  - file: accounts.csv\n    on: account_id\n"),
    "deals.csv": DEALS_CSV,
    "accounts.csv": "account_id,industry\nA1,SaaS\nA2,Retail\nA3,Fintech\n",
  });
  const { table, report } = await loadDataset(join(dir, "dataset.yaml"));
  const j = report.joins[0];
  assert.deepEqual({ matched: j.matched, unmatched: j.unmatched, noKey: j.noKey, examples: j.examples }, { matched: 4, unmatched: 1, noKey: 0, examples: [{ key: "A9", rows: 1 }] });
  assert.deepEqual(table.column("industry"), ["SaaS", "Retail", "SaaS", null]);
  assert.equal(table.attribute("account_id").role, "exclude");
  assert.ok(report.warnings.some((w) => w.includes("1 of 5 deals found no row")));
});

test("event features: counts, sums, active days and days since last, per window, computed by hand", async () => {
  const dir = tempDataset({ "dataset.yaml": specText(EVENTS_SPEC), "deals.csv": DEALS_CSV, "events.csv": EVENTS });
  const { table, report } = await loadDataset(join(dir, "dataset.yaml"));
  const f = (name: string) => Array.from(table.column(name) as Float64Array);
  // deals in order D1 (A1), D2 (A2), D3 (A1, created 2026-02-01), D5 (A9)
  assert.deepEqual(f("demo_count_90d"), [2, 1, 2, 0]);
  assert.deepEqual(f("demo_count_30d"), [1, 1, 0, 0]); // D3: 2026-01-01 09:00 is 30.6 days before 2026-02-01
  assert.deepEqual(f("demo_sum_90d"), [50, 5, 50, 0]);
  assert.deepEqual(f("visit_active_days_90d"), [1, 0, 1, 0]);
  const since = f("demo_days_since_last_90d");
  assert.ok(Math.abs(since[0] - (Date.UTC(2026, 0, 10) - Date.UTC(2026, 0, 1, 9)) / DAY) < 1e-9);
  assert.ok(Number.isNaN(since[3]));
  assert.equal(table.attribute("demo_count_90d").role, "behavioral");
  assert.deepEqual(table.attribute("demo_count_90d").feature, { eventType: "demo", windowDays: 90, aggregate: "count" });
  assert.equal(report.events!.read, 6);
  assert.equal(report.events!.unmatchedKey, 1);
  assert.equal(report.events!.beforeEveryWindow, 1);
  assert.equal(report.events!.afterEveryScoringPoint, 0);
  assert.equal("visit_sum_90d" in table.columns, false, "no sum for a type whose values are all missing");
});

test("events at or after the scoring point change nothing", async () => {
  const base = { "dataset.yaml": specText(EVENTS_SPEC), "deals.csv": DEALS_CSV };
  const before = await loadDataset(join(tempDataset({ ...base, "events.csv": EVENTS }), "dataset.yaml"));
  const later = [
    "A1,2026-02-01 00:00:00,demo,99", // exactly at D3's scoring point (A1's latest deal)
    "A1,2026-03-01 00:00:00,demo,99", // after every deal of A1
    "A2,2026-01-12 00:00:00,visit,1", // exactly at D2's scoring point
    "A9,2026-02-05 00:00:00,demo,7", // at D5's scoring point
    "A9,2027-01-01 00:00:00,trial,7", // a new type, only after every deal
  ];
  const after = await loadDataset(join(tempDataset({ ...base, "events.csv": EVENTS + "\n" + later.join("\n") }), "dataset.yaml"));
  for (const a of before.table.attributes) assert.deepEqual(after.table.columns[a.name], before.table.columns[a.name], a.name);
  // The new type only exists after the scoring points: its features are all zero.
  assert.deepEqual(Array.from(after.table.column("trial_count_90d") as Float64Array), [0, 0, 0, 0]);
  assert.equal(after.report.events!.afterEveryScoringPoint, 5);
});

test("retention in the flag form and the survival form, censored at observed_until", async () => {
  const flag = await loadDataset(
    join(
      tempDataset({
        "dataset.yaml": specText("retention:\n  file: renewals.csv\n  key: account_id\n  retained: { column: renewed, true: [yes], false: [no] }\n"),
        "deals.csv": DEALS_CSV,
        "renewals.csv": "account_id,renewed,start,churn\nA1,Yes,2026-01-01,\nA2,no,2026-01-01,2026-03-01\n",
      }),
      "dataset.yaml",
    ),
  );
  assert.deepEqual(flag.table.retention, { form: "flag", key: ["A1", "A2", "A1", "A9"], retained: [true, null, true, null] });
  const surv = await loadDataset(
    join(
      tempDataset({
        "dataset.yaml": specText("retention:\n  file: renewals.csv\n  key: account_id\n  start: start\n  churned_at: churn\n  observed_until: 2026-06-01\n"),
        "deals.csv": DEALS_CSV,
        "renewals.csv": "account_id,start,churn\nA1,2026-01-01,2026-04-11\nA2,2026-01-01,\n",
      }),
      "dataset.yaml",
    ),
  );
  const r = surv.table.retention!;
  assert.equal(r.form, "survival");
  if (r.form !== "survival") return;
  assert.deepEqual(Array.from(r.days), [100, NaN, 100, NaN]);
  assert.deepEqual(Array.from(r.churned), [1, 0, 1, 0]);
  assert.equal(surv.report.retention!.unmatched, 0);
});

test("fromDataFrame goes through the same loader; toDataFrame round-trips the columns", async () => {
  const df = new DataFrame({ id: ["a", "b", "c"], stage: ["won", "lost", "won"], seats: [3, 9, 4], plan: ["Pro", "Basic", "Pro"] });
  const { table, report } = await fromDataFrame(df, { name: "nb", deals: { id: "id", outcome: { column: "stage", won: ["won"], lost: ["lost"] } } });
  assert.equal(report.deals.won, 2);
  assert.deepEqual(Array.from(table.column("seats") as Float64Array), [3, 9, 4]);
  const back = table.toDataFrame();
  assert.deepEqual(back.columns, ["deal_id", "won", "plan", "seats"].filter((c) => back.columns.includes(c)).length === 4 ? back.columns : []);
  assert.deepEqual(back["seats"].values, [3, 9, 4]);
  assert.deepEqual(back["won"].values, [1, 0, 1]);
});

test("on the sample, join misses are counted exactly: deals whose product is not in products.csv", async () => {
  const rows = (file: string) => readFileSync(join("data/sample", file), "utf8").trim().split("\n").map((l) => l.split(","));
  const [dealHeader, ...deals] = rows("deals.csv");
  const products = new Set(rows("products.csv").slice(1).map((r) => r[0]));
  const col = dealHeader.indexOf("product");
  const misses = deals.filter((r) => r[col] !== "" && !products.has(r[col]));
  const { report } = await sampleDataset();
  const join_ = report.joins.find((j) => j.table.endsWith("products.csv"))!;
  assert.equal(join_.unmatched, misses.length);
  assert.equal(join_.matched + join_.unmatched + join_.noKey, deals.length);
  // The keys missed by the most deals first, each with its count.
  const missedBy = new Map<string, number>();
  for (const r of misses) missedBy.set(r[col], (missedBy.get(r[col]) ?? 0) + 1);
  const expected = [...missedBy].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  assert.deepEqual(join_.examples.map((e) => [e.key, e.rows]), expected);
  const stage = dealHeader.indexOf("stage");
  const won = deals.filter((r) => r[stage] === "Closed Won").length;
  const lost = deals.filter((r) => r[stage] === "Closed Lost").length;
  assert.deepEqual([report.deals.read, report.deals.won, report.deals.lost, report.deals.open], [deals.length, won, lost, deals.length - won - lost]);
});
