import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { SQL_DIALECTS } from "../../src/sql/dialects";
import { scoringSql } from "../../src/scoring/sql/scoring-sql";
import { deepFreeze, fixtureRules, tinyRules } from "./helpers";

// The generated SQL of every dialect, compared byte for byte with tests/scoring/golden/<dialect>.sql
// (DuckDB and PostgreSQL are also run for real in sql-agreement.test.ts). After an intended
// change, regenerate the golden files and review the diff:
//   UPDATE_GOLDEN=1 node --import tsx --test tests/scoring/sql-golden.test.ts
const update = process.env.UPDATE_GOLDEN === "1";
const rules = deepFreeze(fixtureRules());
const options = { leadsTable: "crm.leads", eventsTable: "crm.events", viewName: "crm.lead_scores", missing: ["NA"] };

for (const dialect of SQL_DIALECTS)
  test(`${dialect}: the scoring view matches golden/${dialect}.sql`, () => {
    const sql = scoringSql(rules, { dialect, ...options });
    const path = `tests/scoring/golden/${dialect}.sql`;
    if (update) writeFileSync(path, sql);
    assert.equal(sql, readFileSync(path, "utf8"), `stale golden file: regenerate with UPDATE_GOLDEN=1 (see the top of this test)`);
    assert.equal(scoringSql(rules, { dialect, ...options }), sql, "deterministic");
  });

test("defaults: tables leads / events, view lead_scores; no events part without event features", () => {
  const sql = scoringSql(rules, { dialect: "duckdb" });
  assert.match(sql, /CREATE OR REPLACE VIEW "lead_scores" AS/);
  assert.match(sql, /FROM "leads" AS l/);
  assert.match(sql, /FROM "events" AS e/);
  const columnsOnly = scoringSql({ ...rules, attributes: rules.attributes.filter((a) => "column" in a.source) }, { dialect: "duckdb" });
  assert.doesNotMatch(columnsOnly, /event/);
});

test("rules the view cannot compute are refused", () => {
  const eventAttribute = rules.attributes.find((a) => "event" in a.source)!;
  assert.throws(() => scoringSql(tinyRules([eventAttribute]), { dialect: "duckdb" }), /event features but no inputs\.events/);
  const noPoint = tinyRules([eventAttribute], { inputs: { id: "id", events: rules.inputs.events } });
  assert.throws(() => scoringSql(noPoint, { dialect: "duckdb" }), /no inputs\.scoringPoint/);
  assert.throws(() => scoringSql(rules, { dialect: "oracle" as never }), /unknown dialect "oracle"/);
});
