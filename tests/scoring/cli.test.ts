import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { scoreCommand } from "../../src/cli/score-command";
import { sqlCommand } from "../../src/cli/sql-command";
import { scoringSql } from "../../src/scoring/sql/scoring-sql";
import { FIXTURE_RULES, fixtureRules } from "./helpers";

const LEADS = "tests/scoring/fixtures/leads.csv";

/** Runs a command and returns what it wrote to stdout and its progress lines. */
async function run(command: (argv: string[], out: (t: string) => void, progress: (m: string) => void) => unknown, argv: string[]) {
  let out = "";
  const progress: string[] = [];
  await command(argv, (t) => (out += t), (m) => progress.push(m));
  return { out, progress };
}

test("leadlab score: CSV with id, points, tier, grade, fit and engagement points and reasons (always quoted); unscorable rows counted by reason", async () => {
  const { out, progress } = await run(scoreCommand, [FIXTURE_RULES, LEADS]);
  assert.equal(
    out,
    [
      "lead_id,points,tier,grade,fit,engagement,reasons",
      // L1 by hand: fit 35 (employees 250) + 20 (SaaS) + 5 (EMEA) + 15 (budget) + 10 (Salesforce) = 85;
      // engagement −20 (no demo) + 10 (webinar 2.5 days ago) + 8 (45 minutes) + 4 (3 active days) = 2; + base 10 = 97.
      'L1,97,A,A3,85,2,"+35 employees 200–1,999; +20 industry SaaS; −20 no demo_request in the 90 days before"',
      'L2,7,C,D2,-37,34,"+30 ≥ 3 demo_request in the 90 days before; −15 industry Retail; −10 employees < 50"',
      'L3,30,C,C2,2,18,"+15 1–2 demo_request in the 90 days before; +10 tech_stack includes Salesforce; −5 employees missing"',
      'L4,50,B,B4,45,-5,"+20 employees ≥ 2,000; +15 budget_confirmed; +5 industry ∈ {Fintech, Bob\'s ""Bait""; Tackle\\}"',
      'L5,,,,,,"could not score: employees: ""about 50"" is not a number"',
      "",
    ].join("\n"),
  );
  assert.match(progress[0], /^scored 4 of 5 leads in \d+\.\d\d s \([\d,]+ leads\/s\)$/);
  assert.deepEqual(progress.slice(1), [
    "could not score 1 lead (written with empty points and the reason):",
    '  employees: not a number: 1 lead, e.g. "L5" (values "about 50")',
    "category values no bin lists (scored in the attribute's other bin, or missing bin when it has none):",
    '  industry: 1 lead, 1 value: "Mining" 1',
    '  region: 1 lead, 1 value: "APAC" 1',
    "ids: none blank, none duplicated",
  ]);
});

test("leadlab score --out writes the file; --reasons and --missing pass through", async () => {
  const dir = mkdtempSync(join(tmpdir(), "leadlab-score-"));
  try {
    const file = join(dir, "scored.csv");
    const { out, progress } = await run(scoreCommand, [FIXTURE_RULES, LEADS, "--out", file, "--reasons", "1", "--missing", "about 50"]);
    assert.equal(out, "");
    const lines = readFileSync(file, "utf8").trim().split("\n");
    // L5 by hand: fit −5 (employees missing) + 20 + 5 + 15 − 2 (no tech stack) = 33; engagement 14 − 10 − 33 = −29.
    assert.equal(lines[1], "L1,97,A,A3,85,2,\"+35 employees 200–1,999\"");
    assert.equal(lines[5], 'L5,14,C,B4,33,-29,"+20 industry SaaS"', "\"about 50\" read as missing (−5) instead of unscorable");
    assert.match(progress[0], /^scored 5 of 5 leads .*; wrote .*scored\.csv$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("leadlab score reads Parquet with typed columns as it reads the same leads in CSV", async () => {
  const dir = mkdtempSync(join(tmpdir(), "leadlab-score-"));
  try {
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    const parquet = join(dir, "leads.parquet");
    await db.run(
      `COPY (SELECT * REPLACE (TRY_CAST(employees AS DOUBLE) AS employees, TRY_CAST(demo_request_count_90d AS INTEGER) AS demo_request_count_90d, TRY_CAST(created AS DATE) AS created)
             FROM read_csv('${LEADS}', header = true, all_varchar = true) WHERE lead_id <> 'L5') TO '${parquet}' (FORMAT parquet)`,
    );
    db.closeSync();
    const fromParquet = await run(scoreCommand, [FIXTURE_RULES, parquet]);
    const fromCsv = await run(scoreCommand, [FIXTURE_RULES, LEADS]);
    assert.equal(fromParquet.out, fromCsv.out.split("\n").filter((l) => !l.startsWith("L5,")).join("\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("leadlab score names a column the leads file lacks, saying event features are precomputed columns", async () => {
  const dir = mkdtempSync(join(tmpdir(), "leadlab-score-"));
  try {
    const text = readFileSync(LEADS, "utf8").replace("demo_request_count_90d", "demo_request_count_90");
    writeFileSync(join(dir, "leads.csv"), text);
    await assert.rejects(run(scoreCommand, [FIXTURE_RULES, join(dir, "leads.csv")]), (e: Error) => {
      assert.match(e.message, /leads\.csv: the leads file has no column "demo_request_count_90d" \(the event feature "demo_request_count_90d", precomputed\) \(it has: lead_id, .*\)\. Fix: did you mean "demo_request_count_90"\?/);
      return true;
    });
    await assert.rejects(run(scoreCommand, [FIXTURE_RULES, join(dir, "nope.csv")]), /nope\.csv: the leads file does not exist/);
    await assert.rejects(run(scoreCommand, [FIXTURE_RULES]), /score: expected 2 arguments, got 1\. Usage: leadlab score/);
    await assert.rejects(run(scoreCommand, [FIXTURE_RULES, LEADS, "--reasons", "x"]), /--reasons must be a whole number/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("leadlab sql writes the view of a dialect to stdout or --out; a wrong dialect is one clear line", async () => {
  const { out } = await run(sqlCommand, [FIXTURE_RULES, "--dialect", "snowflake", "--leads-table", "crm.leads", "--view", "crm.scores"]);
  assert.equal(out, scoringSql(fixtureRules(), { dialect: "snowflake", leadsTable: "crm.leads", viewName: "crm.scores" }));
  const dir = mkdtempSync(join(tmpdir(), "leadlab-sql-"));
  try {
    const file = join(dir, "view.sql");
    const { progress } = await run(sqlCommand, [FIXTURE_RULES, "--dialect", "postgres", "--missing", "NA,N/A", "--out", file]);
    assert.equal(readFileSync(file, "utf8"), scoringSql(fixtureRules(), { dialect: "postgres", missing: ["NA", "N/A"] }));
    assert.deepEqual(progress, [`wrote ${file} (postgres)`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await assert.rejects(run(sqlCommand, [FIXTURE_RULES, "--dialect", "oracle"]), /^CliError: sql: --dialect must be one of duckdb, postgres, bigquery, snowflake, spark; got oracle$/);
  await assert.rejects(run(sqlCommand, [FIXTURE_RULES]), /sql: --dialect is required/);
});
