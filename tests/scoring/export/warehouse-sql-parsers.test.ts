import assert from "node:assert/strict";
import { test } from "node:test";
import { Parser, type AST } from "node-sql-parser";
import { DEFAULT_MISSING } from "../../../src/data/load-dataset";
import { readScoringRules } from "../../../src/scoring/parse-scoring-rules";
import type { ScoringRules } from "../../../src/formats/scoring-rules-schema";
import { scoringSql } from "../../../src/scoring/sql/scoring-sql";
import { fixtureRules } from "../helpers";

/*
 * The BigQuery, Snowflake and Spark views that `leadlab sql` writes, parsed by node-sql-parser
 * (a maintained PEG parser with BigQuery, Snowflake and Hive grammars; Hive is the closest to
 * Spark SQL it has). DuckDB and PostgreSQL run the views for real in sql-agreement.test.ts.
 *
 * node-sql-parser 5.4.0's Hive grammar does not take three Spark constructs the view uses:
 * - `CREATE OR REPLACE VIEW` (it has no CREATE VIEW at all): no Spark alternative it parses;
 * - `TRIM(BOTH chars FROM text)`: Spark's `btrim(text, chars)` (Spark ≥ 3.2) means the same and parses;
 * - `try_cast(text AS TIMESTAMP)`: Spark's `try_to_timestamp(text)` (Spark ≥ 3.3) means the same and parses.
 * The Spark test pins these three failures and parses the view's query with the two rewrites,
 * so anything else the parser refuses fails the test.
 */

const parser = new Parser();
const RULES: [string, () => ScoringRules][] = [
  ["fixture", fixtureRules],
  ["sample", () => readScoringRules("rules/sample/scoring.yaml")],
];
const OPTIONS = { leadsTable: "crm.leads", eventsTable: "crm.events", viewName: "crm.lead_scores", missing: DEFAULT_MISSING };
const CTES = ["lead_raw", "lead_key", "lead_input", "lead_event_point", "event_raw", "event_input", "event_feature", "lead_value", "lead_points", "lead_total"];

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
      const sql = scoringSql(rules(), { dialect, ...OPTIONS });
      const ast = parser.astify(sql, { database });
      const statements = Array.isArray(ast) ? ast : [ast];
      assert.equal(statements.length, 1);
      const create = statements[0] as Create;
      assert.equal(create.type, "create");
      assert.equal(create.keyword, "view");
      assert.equal((create as unknown as { view: { view: string } }).view.view, view);
      assert.deepEqual(cteNames(create), CTES);
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
  test(`spark (${name} rules): node-sql-parser's Hive grammar parses the view's query; the three refused constructs are pinned`, () => {
    const sql = scoringSql(rules(), { dialect: "spark", ...OPTIONS });
    const full = parseError(sql);
    assert.equal(full.line, lineOf(sql, "CREATE OR REPLACE VIEW"), full.message);
    const query = sql.slice(sql.indexOf(" AS\n", sql.indexOf("CREATE OR REPLACE VIEW")) + 4);
    const trim = parseError(query);
    assert.equal(trim.line, lineOf(query, "TRIM(BOTH "), trim.message);
    const btrim = query.replace(/TRIM\(BOTH ('(?:[^'\\]|\\.)*') FROM (CAST\([^()]*\))\)/g, "btrim($2, $1)");
    assert.doesNotMatch(btrim, /TRIM\(BOTH/);
    const tryCast = parseError(btrim);
    assert.equal(tryCast.line, lineOf(btrim, "try_cast("), tryCast.message);
    const rewritten = btrim.replace(/try_cast\((CASE WHEN [^()]*\([^()]*\) THEN NULL ELSE \w+ END) AS TIMESTAMP\)/g, "try_to_timestamp($1)");
    assert.doesNotMatch(rewritten, /try_cast/);
    const ast = parser.astify(rewritten, { database: "hive" });
    const select = (Array.isArray(ast) ? ast[0] : ast) as unknown as Create["select"];
    assert.deepEqual((select?.with ?? []).map((w) => (typeof w.name === "string" ? w.name : w.name.value)), CTES);
  });
