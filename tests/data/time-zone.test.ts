import assert from "node:assert/strict";
import { test } from "node:test";
import { openDuckDB } from "../../src/data/duckdb-session";
import { parseDate } from "../../src/data/parse-date";
import { join } from "node:path";
import { loadDataset, loadDatasetSpec } from "../../src/data/load-dataset";
import { DEALS_CSV, specText, tempDataset } from "../helpers/temp-dataset";
import { resolveDatasetSpec } from "../../src/data/resolve-dataset-spec";
import { canonicalTimeZone, wallClockToInstant } from "../../src/data/time-zone";

const HOUR = 3_600_000;

test("naive times read in a zone agree with DuckDB's reading, every half hour around the clock changes", async () => {
  // Deal dates are read by leadlab (Intl), event times by DuckDB (ICU): a scoring point and an
  // event written alike must be the same instant, including the repeated and skipped hours.
  const cases: [string, number][] = [
    ["America/New_York", Date.UTC(2026, 2, 8)],
    ["America/New_York", Date.UTC(2026, 10, 1)],
    ["Europe/Berlin", Date.UTC(2026, 2, 29)],
    ["Europe/Berlin", Date.UTC(2026, 9, 25)],
    ["Australia/Lord_Howe", Date.UTC(2026, 3, 5)],
    ["Asia/Tokyo", Date.UTC(2026, 0, 1)],
  ];
  for (const [zone, day] of cases) {
    const db = await openDuckDB(".", { timeZone: zone });
    const walls = Array.from({ length: 48 }, (_, k) => day + (k * HOUR) / 2);
    const texts = walls.map((w) => new Date(w).toISOString().slice(0, 19).replace("T", " "));
    const rows = (await db.runAndReadAll(`SELECT epoch_ms(CAST(t AS TIMESTAMPTZ))::DOUBLE AS ms FROM (VALUES ${texts.map((t) => `('${t}')`).join(", ")}) v(t)`)).getRowObjectsJS();
    db.closeSync();
    walls.forEach((wall, k) => {
      assert.equal(wallClockToInstant(wall, zone), rows[k].ms, `${zone} ${texts[k]}`);
      assert.equal(parseDate(texts[k], undefined, zone), rows[k].ms, `${zone} ${texts[k]} (parseDate)`);
    });
  }
});

test("offsets are honoured whatever the zone; naive times move with it", () => {
  assert.equal(parseDate("2026-01-20T08:30:00+09:00", undefined, "America/New_York"), Date.UTC(2026, 0, 19, 23, 30));
  assert.equal(parseDate("2026-01-20T08:30:00Z", undefined, "Asia/Tokyo"), Date.UTC(2026, 0, 20, 8, 30));
  assert.equal(parseDate("2026-01-20", undefined, "Asia/Tokyo"), Date.UTC(2026, 0, 19, 15));
  assert.equal(parseDate("01/20/2026", "%m/%d/%Y", "America/New_York"), Date.UTC(2026, 0, 20, 5));
  assert.equal(parseDate("2026-01-20"), Date.UTC(2026, 0, 20));
});

test("time zone names are canonicalised; offsets and unknown names are not zones", () => {
  assert.equal(canonicalTimeZone("america/new_york"), "America/New_York");
  assert.equal(canonicalTimeZone("UTC"), "UTC");
  assert.equal(canonicalTimeZone("+09:00"), undefined);
  assert.equal(canonicalTimeZone("Mars/Base"), undefined);
});

test("a spec built in code with a time zone that is not one is refused at load, never read as UTC", async () => {
  const spec = { name: "s", timezone: "Europe/Pari", deals: { sql: "SELECT 'a' AS id, 'won' AS stage", id: "id", outcome: { column: "stage", won: ["won"], lost: ["lost"] } } };
  await assert.rejects(loadDatasetSpec(spec, ".", "in-code.yaml"), (e: Error) => {
    assert.equal(e.message, 'in-code.yaml: field "timezone": not an IANA time zone name (value "Europe/Pari"). Fix: did you mean "Europe/Paris"? name the zone naive timestamps were written in, e.g. America/New_York, Europe/Berlin or UTC (an offset such as +09:00 is not a zone: write it in the data instead).');
    return true;
  });
  // A zone in another case is its canonical name, as when the spec is parsed.
  assert.equal(resolveDatasetSpec({ ...spec, timezone: "europe/paris" }).timezone, "Europe/Paris");
});

test("the retention table's dates are read on the deals' clock, in the dataset's time zone, and observed_until never in the machine's", async () => {
  const DAY = 86_400_000;
  const load = async (zone: string, observedUntil: string) => {
    const dir = tempDataset({
      "dataset.yaml": specText(`timezone: ${zone}\nretention:\n  file: renewals.csv\n  key: account_id\n  start: start\n  churned_at: churn\n  observed_until: "${observedUntil}"\n`),
      "deals.csv": DEALS_CSV,
      "renewals.csv": "account_id,start,churn\nA1,2026-01-10,2026-04-20\nA2,2026-01-12,\n",
    });
    return loadDataset(join(dir, "dataset.yaml"));
  };
  const tokyo = await load("Asia/Tokyo", "2026-06-01");
  const r = tokyo.table.retention!;
  assert.equal(r.form, "survival");
  if (r.form !== "survival") return;
  // D1 (account A1) was created on 2026-01-10 and its customer started that day: both Tokyo midnights.
  assert.equal(r.start[0], tokyo.table.createdAt![0]);
  assert.equal(r.days[0], 100);
  assert.equal((r.observedUntil - tokyo.table.createdAt![0]) / DAY, 142);
  assert.equal(tokyo.report.retention!.observedUntil, "2026-06-01");
  // A time without an offset is read in the dataset's zone (UTC here), whatever TZ the process runs in.
  const zone = process.env.TZ;
  try {
    const seen = [];
    for (const tz of ["UTC", "Asia/Tokyo", "America/Los_Angeles"]) {
      process.env.TZ = tz;
      const t = (await load("UTC", "2026-06-01T00:00")).table.retention!;
      seen.push(t.form === "survival" ? t.observedUntil : NaN);
    }
    assert.deepEqual(seen, [Date.UTC(2026, 5, 1), Date.UTC(2026, 5, 1), Date.UTC(2026, 5, 1)]);
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});

test("retention.observed_until that is not an ISO date is refused, never read in the machine's zone", async () => {
  const dir = tempDataset({
    "dataset.yaml": specText(`retention:\n  file: renewals.csv\n  key: account_id\n  start: start\n  churned_at: churn\n  observed_until: "June 1, 2026"\n`),
    "deals.csv": DEALS_CSV,
    "renewals.csv": "account_id,start,churn\n",
  });
  await assert.rejects(loadDataset(join(dir, "dataset.yaml")), (e: Error) => {
    assert.match(e.message, /dataset\.yaml: field "retention\.observed_until": not an ISO date \(value "June 1, 2026"\)\. Fix: write it as YYYY-MM-DD\.$/);
    return true;
  });
});
