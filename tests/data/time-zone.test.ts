import assert from "node:assert/strict";
import { test } from "node:test";
import { openDuckDB } from "../../src/data/duckdb-session";
import { parseDate } from "../../src/data/parse-date";
import { loadDatasetSpec } from "../../src/data/load-dataset";
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
