import assert from "node:assert/strict";
import { test } from "node:test";
import { Parser, type AST } from "node-sql-parser";
import { DEFAULT_MISSING } from "../../../src/data/resolve-dataset-spec";
import { readScoringRules } from "../../../src/scoring/parse-scoring-rules";
import type { ScoringRules } from "../../../src/formats/scoring-rules-schema";
import { scoringSql } from "../../../src/scoring/sql/scoring-sql";
import { fixtureRules } from "../helpers";

/*
 * The BigQuery, Snowflake and Spark views that `leadlab sql` writes, parsed by node-sql-parser
 * (a maintained PEG parser with BigQuery, Snowflake and Hive grammars; Hive is the closest to
 * Spark SQL it has). DuckDB and PostgreSQL run the views for real in sql-agreement.test.ts.
 *
 * node-sql-parser's Hive grammar has no CREATE VIEW at all, so the Spark test parses the view's
 * query (everything after `CREATE OR REPLACE VIEW … AS`) and pins that the wrapper alone is
 * refused; the query itself parses whole. The Spark dialect writes `btrim(text, chars)` (Spark ≥
 * 3.2, the same function as `TRIM(BOTH chars FROM text)`) and `try_to_timestamp(text)` (Spark ≥
 * 3.4, the cast to the session's timestamp type giving NULL on bad text, as `try_cast(text AS
 * TIMESTAMP)`); the Hive grammar refuses both older spellings, as the test also pins.
 */

const parser = new Parser();
const RULES: [string, () => ScoringRules][] = [
  ["fixture", fixtureRules],
  ["sample", () => readScoringRules("rules/sample/scoring.yaml")],
];
const OPTIONS = { leadsTable: "crm.leads", eventsTable: "crm.events", viewName: "crm.lead_scores", missing: DEFAULT_MISSING };
const CTES = ["lead_raw", "lead_key", "lead_input", "lead_event_point", "event_raw", "event_input", "event_feature", "lead_value", "lead_points", "lead_rank", "lead_total"];

type Create = Extract<AST, { type: "create" }> & { keyword: string; replace?: unknown; select?: { with?: { name: { value: string } | string }[] } };

function cteNames(create: Create): string[] {
  return (create.select?.with ?? []).map((w) => (typeof w.name === "string" ? w.name : w.name.value));
}

for (const [name, rules] of RULES)
  for (const [dialect, database, view, tables] of [
    ["bigquery", "bigquery", "crm.lead_scores", ["select::null::crm.leads", "select::null::crm.events"]],
    ["snowflake", "snowflake", "LEAD_SCORES", ["select::CRM::LEADS", "select::CRM::EVENTS"]],
  ] as const)
    test(`${dialect} (${name} rules): node-sql-parser parses the whole view`, () => {
      const r = rules();
      const sql = scoringSql(r, { dialect, ...OPTIONS });
      const ast = parser.astify(sql, { database });
      const statements = Array.isArray(ast) ? ast : [ast];
      assert.equal(statements.length, 1);
      const create = statements[0] as Create;
      assert.equal(create.type, "create");
      assert.equal(create.keyword, "view");
      assert.equal((create as unknown as { view: { view: string } }).view.view, view);
      // Rules with a value block compute the expected value in one more CTE.
      assert.deepEqual(cteNames(create), [...CTES, ...(r.value ? ["lead_expected"] : [])]);
      const read = parser.tableList(sql, { database });
      for (const t of tables) assert.ok(read.includes(t), `${t} in ${read.join(", ")}`);
    });

/** The first line (1-based) holding `text`. */
function lineOf(sql: string, text: string): number {
  return sql.split("\n").findIndex((l) => l.includes(text)) + 1;
}

function parseError(sql: string): { message: string; line: number } {
  try {
    parser.astify(sql, { database: "hive" });
  } catch (e) {
    const err = e as Error & { location?: { start: { line: number } } };
    return { message: err.message, line: err.location?.start.line ?? 0 };
  }
  assert.fail("expected the Hive grammar to refuse this SQL");
}

for (const [name, rules] of RULES)
  test(`spark (${name} rules): node-sql-parser's Hive grammar parses the whole view query; only the CREATE VIEW wrapper is refused`, () => {
    const r = rules();
    const sql = scoringSql(r, { dialect: "spark", ...OPTIONS });
    const full = parseError(sql);
    assert.equal(full.line, lineOf(sql, "CREATE OR REPLACE VIEW"), full.message);
    const head = "CREATE OR REPLACE VIEW `crm`.`lead_scores` AS\n";
    assert.ok(sql.includes(head), "one view, named as asked");
    const query = sql.slice(sql.indexOf(head) + head.length);
    assert.match(query, /btrim\(CAST\(/);
    assert.match(query, /unix_millis\(try_to_timestamp\(/);
    const ast = parser.astify(query, { database: "hive" });
    const statements = Array.isArray(ast) ? ast : [ast];
    assert.equal(statements.length, 1);
    const select = statements[0] as unknown as NonNullable<Create["select"]> & { type: string };
    assert.equal(select.type, "select");
    assert.deepEqual((select.with ?? []).map((w) => (typeof w.name === "string" ? w.name : w.name.value)), [...CTES, ...(r.value ? ["lead_expected"] : [])]);
    const read = parser.tableList(query, { database: "hive" });
    for (const t of ["select::crm::leads", "select::crm::events"]) assert.ok(read.includes(t), `${t} in ${read.join(", ")}`);
    // The spellings the dialect no longer writes are the ones the grammar refuses.
    const old = query.replace(/btrim\((CAST\([^()]*\)), ('(?:[^'\\]|\\.)*')\)/, "TRIM(BOTH $2 FROM $1)");
    assert.equal(parseError(old).line, lineOf(old, "TRIM(BOTH "));
    const oldCast = query.replace(/try_to_timestamp\((CASE WHEN [^()]*\([^()]*\) THEN NULL ELSE \w+ END)\)/, "try_cast($1 AS TIMESTAMP)");
    assert.equal(parseError(oldCast).line, lineOf(oldCast, "try_cast("));
  });
