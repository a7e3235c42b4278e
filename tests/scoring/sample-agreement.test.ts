import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, test } from "node:test";
import Ajv from "ajv";
import YAML from "yaml";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { Client } from "pg";
import { DEFAULT_MISSING } from "../../src/data/resolve-dataset-spec";
import { readScoringRules, SCORING_RULES_SCHEMA_PATH } from "../../src/scoring/parse-scoring-rules";
import { createScorer, ScoreError } from "../../src/scoring/score";
import type { ScoringRules } from "../../src/formats/scoring-rules-schema";
import { scoringSql } from "../../src/scoring/sql/scoring-sql";
import { valueInputs } from "../../src/scoring/lead-value";
import { sampleTable } from "../helpers/sample-fixture";
import { copyToPostgres } from "../helpers/postgres-rows";

/*
 * The committed sample rules (rules/sample/scoring.yaml, tuned on data/sample) on the sample's
 * 7,516 closed deals: score() on the loader's table and the generated SQL on the raw files
 * (deals joined to accounts and products; events from events.parquet) must agree on every
 * deal, in DuckDB and in PostgreSQL (skipped without PGHOST, failed under CI=true).
 */

const SAMPLE_RULES = "rules/sample/scoring.yaml";
const file = (name: string) => `'data/sample/${name}'`;
const LEADS = `SELECT * FROM read_csv(${file("deals.csv")}, header = true, all_varchar = true) AS d
  LEFT JOIN read_csv(${file("accounts.csv")}, header = true, all_varchar = true) AS a USING (account_id)
  LEFT JOIN read_csv(${file("products.csv")}, header = true, all_varchar = true) AS p USING (product)`;

let rules: ScoringRules;
let expected: Map<string, { text: string; value: number | null }>;

before(async () => {
  rules = readScoringRules(SAMPLE_RULES);
  const table = await sampleTable();
  const scorer = createScorer(rules, { missing: DEFAULT_MISSING });
  const columns = scorer.keys.map((k) => table.column(k) as ArrayLike<unknown>);
  expected = new Map();
  for (let i = 0; i < table.n; i++) {
    try {
      const s = scorer.scoreValues(columns.map((c) => c[i] as never));
      expected.set(table.ids[i], { text: `${s.points} ${s.tier} ${s.grade} ${s.value!.tier}`, value: s.value!.expectedValue });
    } catch (e) {
      if (!(e instanceof ScoreError)) throw e;
      expected.set(table.ids[i], { text: "null null null null", value: null });
    }
  }
});

/** Compares the view's rows (all deals, open ones too) with every closed deal's expected outcome: points, tiers and grade exactly, the expected value to 1e-9 of itself. */
function assertAgrees(rows: Record<string, unknown>[], label: string): void {
  const got = new Map(rows.map((r) => [String(r.deal_id), r]));
  let compared = 0;
  for (const [id, want] of expected) {
    const r = got.get(id)!;
    assert.equal(`${r.points} ${r.tier} ${r.grade} ${r.value_tier}`, want.text, `${label}: deal ${id}`);
    const value = r.expected_value === null ? null : Number(r.expected_value);
    if (want.value === null || value === null) assert.equal(value, want.value, `${label}: deal ${id}'s expected value`);
    else assert.ok(Math.abs(value - want.value) <= 1e-9 * want.value, `${label}: deal ${id}'s expected value ${value} vs ${want.value}`);
    compared++;
  }
  assert.equal(compared, 7516);
}

test("the committed sample rules parse and validate against the committed JSON Schema", () => {
  assert.equal(rules.attributes.length > 5, true);
  const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(SCORING_RULES_SCHEMA_PATH, "utf8")));
  assert.equal(validate(YAML.parse(readFileSync(SAMPLE_RULES, "utf8"))), true, JSON.stringify(validate.errors));
  assert.ok(new Set([...expected.values()].map((e) => e.text)).size > 50, "varied scores");
  assert.ok(rules.value !== undefined && new Set([...expected.values()].map((e) => e.text.split(" ")[3])).size === rules.value.tiers.length, "every value tier occurs");
});

test("DuckDB: the sample view agrees with score() on every closed deal", async () => {
  const db: DuckDBConnection = await (await DuckDBInstance.create(":memory:")).connect();
  try {
    await db.run(`CREATE VIEW leads AS ${LEADS}`);
    await db.run(`CREATE VIEW events AS SELECT * FROM read_parquet(${file("events.parquet")})`);
    await db.run(scoringSql(rules, { dialect: "duckdb", missing: DEFAULT_MISSING }));
    assertAgrees((await db.runAndReadAll("SELECT * FROM lead_scores")).getRowObjectsJS() as Record<string, unknown>[], "duckdb");
  } finally {
    db.closeSync();
  }
});

test("PostgreSQL: the sample view agrees with score() on every closed deal", async (t) => {
  if (!process.env.PGHOST) {
    if (process.env.CI === "true") assert.fail("PGHOST is not set under CI=true: the PostgreSQL agreement test must run in CI");
    t.skip("PGHOST is not set: skipping the PostgreSQL sample agreement test");
    return;
  }
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  const client = new Client();
  await client.connect();
  const schema = `leadlab_sample_${process.pid}_${Date.now()}`;
  try {
    const scorer = createScorer(rules);
    const leadColumns = [...new Set([rules.inputs.id, rules.inputs.scoringPoint!, rules.inputs.events!.leadKey, ...scorer.keys.filter((k) => [...rules.attributes, ...valueInputs(rules.value!)].some((a) => "column" in a.source && a.source.column === k))])];
    const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
    await client.query(`CREATE SCHEMA ${schema}`);
    await copyToPostgres(db, client, `${schema}.leads`, leadColumns, leadColumns.map(q), `(${LEADS})`);
    const events = ["account_id", "strftime(ts, '%Y-%m-%d %H:%M:%S.%g')", "event_type", "minutes"];
    await copyToPostgres(db, client, `${schema}.events`, ["account_id", "ts", "event_type", "minutes"], events, `read_parquet(${file("events.parquet")})`);
    await client.query(`ANALYZE ${schema}.leads`);
    await client.query(`ANALYZE ${schema}.events`);
    await client.query(scoringSql(rules, { dialect: "postgres", leadsTable: `${schema}.leads`, eventsTable: `${schema}.events`, viewName: `${schema}.lead_scores`, missing: DEFAULT_MISSING }));
    const { rows } = await client.query(`SELECT * FROM ${schema}.lead_scores`);
    assertAgrees(rows, "postgres");
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await client.end();
    db.closeSync();
  }
});
