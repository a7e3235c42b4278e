import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { scoreFile, type ScoreFileReport } from "../../src/scoring/score-file";
import { score, ScoreError, type LeadRecord } from "../../src/scoring/score";
import { csvField } from "../../src/format/csv-line";
import { bin, FIXTURE_RULES, fixtureRules } from "./helpers";
import { rulesToYaml } from "../../src/scoring/rules-yaml";
import { readScoringRules } from "../../src/scoring/parse-scoring-rules";
import type { ScorecardAttribute } from "../../src/formats/scoring-rules-schema";

// `leadlab score` reads numbers and frequent categories through fast paths (DuckDB parses
// canonical numbers, and codes the values of a dictionary sampled from the first 10,000 rows).
// Whatever the path, each row must score exactly as score() scores its raw text.

const NUMBERS = ["250", "-3", "2.5", "1e+20", "1e3", " 75 ", "0012", "1_000", "inf", "nan", "NaN", "Infinity", "-0", "1.50", "abc", "", "NA", ".5", "5.", "+5", "9007199254740993", "1e400", "0x10", "49.999", "2000"];
const COUNTS = ["0", "1", "2", "3", "7", "", "2.9", "-1", "x"];
const INDUSTRIES = ["SaaS", "Retail", "Fintech", "", " SaaS ", "Mining"];
const LATE_INDUSTRIES = ["saas", 'Bob\'s "Bait"; Tackle\\', "new\nline", "NA"]; // only after the sampled rows
const REGIONS = ["EMEA", "AMER", "APAC", ""];
const BOOLEANS = ["yes", "no", "TRUE", "0", "", "maybe", " y "];
const STACKS = ["HubSpot; Salesforce", "Salesforce", "", " ; ", "SalesforceX", "AWS;Salesforce;GCP"];

test("every row of a leads file scores as score() scores its raw text, through every fast path", async () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (xs: readonly string[]) => xs[Math.floor(rnd() * xs.length)];
  const columns = ["lead_id", "employees", "industry", "region", "budget_confirmed", "tech_stack", "demo_request_count_90d", "webinar_days_since_last_30d", "webinar_sum_30d", "email_open_active_days_30d"];
  const rows: string[][] = [];
  for (let i = 0; i < 10_400; i++)
    rows.push([
      `L${i}`,
      pick(NUMBERS),
      i >= 10_000 && rnd() < 0.5 ? pick(LATE_INDUSTRIES) : pick(INDUSTRIES),
      pick(REGIONS),
      pick(BOOLEANS),
      pick(STACKS),
      pick(COUNTS),
      pick(["", "2.5", "7", "30", "6.99"]),
      pick(["", "0", "45", "29.5"]),
      pick(COUNTS),
    ]);
  const field = (s: string) => (s === "" ? "" : `"${s.replace(/"/g, '""')}"`);
  const dir = mkdtempSync(join(tmpdir(), "leadlab-score-file-"));
  try {
    writeFileSync(join(dir, "leads.csv"), [columns.join(","), ...rows.map((r) => r.map(field).join(","))].join("\n") + "\n");
    let out = "";
    const report = await scoreFile(FIXTURE_RULES, join(dir, "leads.csv"), (t) => (out += t), { missing: ["NA"] });
    writeFileSync(join(dir, "scored.csv"), out);
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    const scored = (await db.runAndReadAll(`SELECT * FROM read_csv('${join(dir, "scored.csv")}', header = true, all_varchar = true)`)).getRowObjectsJS();
    db.closeSync();
    assert.equal(scored.length, rows.length);
    const rules = fixtureRules();
    let unscorable = 0;
    rows.forEach((r, i) => {
      const record: LeadRecord = Object.fromEntries(columns.map((c, j) => [c, r[j]]));
      const got = scored[i];
      assert.equal(got.lead_id, r[0]);
      try {
        const s = score(rules, record, { missing: ["NA"] });
        assert.deepEqual(
          [got.points, got.tier, got.grade, got.reasons ?? ""],
          [String(s.points), s.tier, s.grade, s.reasons.join("; ")],
          `row ${i}: ${JSON.stringify(r)}`,
        );
      } catch (e) {
        if (!(e instanceof ScoreError)) throw e;
        unscorable++;
        assert.deepEqual([got.points, got.reasons], [null, `could not score: ${e.message}`], `row ${i}: ${JSON.stringify(r)}`);
      }
    });
    assert.equal(report.rows - report.scored, unscorable);
    assert.ok(unscorable > 1000 && unscorable < rows.length - 1000, "both paths are exercised");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Parquet with DOUBLE and BIGINT columns scores as score() scores DuckDB's text of each value; unknown categories are counted per row on every path", async () => {
  let seed = 11;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (xs: readonly string[]) => xs[Math.floor(rnd() * xs.length)];
  const doubles = ["250", "-3", "2.5", "1e20", "-0.0", "49.999", "2000", "1e-310", "'nan'", "'inf'", "'-inf'", "NULL", "199.99999999999997"];
  const bigints = ["0", "1", "2", "3", "7", "-1", "9007199254740993", "NULL"];
  const dir = mkdtempSync(join(tmpdir(), "leadlab-score-parquet-"));
  try {
    const rows = Array.from({ length: 3000 }, (_, i) => [
      `'L${i}'`,
      `CAST(${pick(doubles)} AS DOUBLE)`,
      `'${pick([...INDUSTRIES, "Mining", "Mining "])}'`,
      `'${pick(REGIONS)}'`,
      `'${pick(BOOLEANS)}'`,
      `'${pick(STACKS)}'`,
      `CAST(${pick(bigints)} AS BIGINT)`,
      `CAST(${pick(doubles)} AS DOUBLE)`,
      `CAST(${pick(bigints)} AS BIGINT)`,
      `CAST(${pick(bigints)} AS BIGINT)`,
    ]);
    const columns = ["lead_id", "employees", "industry", "region", "budget_confirmed", "tech_stack", "demo_request_count_90d", "webinar_days_since_last_30d", "webinar_sum_30d", "email_open_active_days_30d"];
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    const file = join(dir, "leads.parquet");
    await db.run(`COPY (SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(", ")})`).join(", ")}) AS t(${columns.join(", ")})) TO '${file}' (FORMAT parquet)`);
    // DuckDB's text of every value, as the leads would read in CSV: what score() is given.
    const texts = (await db.runAndReadAll(`SELECT ${columns.map((c) => `COALESCE(CAST(${c} AS VARCHAR), '')`).join(", ")} FROM '${file}'`)).getRowsJS() as string[][];
    let out = "";
    const report = await scoreFile(FIXTURE_RULES, file, (t) => (out += t));
    const scored = out.trimEnd().split("\n").slice(1);
    assert.equal(scored.length, texts.length);
    const rules = fixtureRules();
    const unknown = new Map<string, number>();
    const onUnknown = (attribute: string, value: string) => unknown.set(`${attribute}=${value}`, (unknown.get(`${attribute}=${value}`) ?? 0) + 1);
    let unscorable = 0;
    texts.forEach((r, i) => {
      const record: LeadRecord = Object.fromEntries(columns.map((c, j) => [c, r[j]]));
      try {
        const s = score(rules, record, { onUnknown });
        assert.equal(scored[i], `${r[0]},${s.points},${s.tier},${s.grade},${s.fit},${s.engagement},"${s.reasons.join("; ").replace(/"/g, '""')}"`, `row ${i}: ${JSON.stringify(r)}`);
      } catch (e) {
        if (!(e instanceof ScoreError)) throw e;
        unscorable++;
        assert.ok(scored[i].startsWith(`${r[0]},,,,,,`) && scored[i].includes(e.message.replace(/"/g, '""')), `row ${i}: ${scored[i]}`);
      }
    });
    assert.equal(report.rows - report.scored, unscorable);
    assert.ok(unscorable > 300 && unscorable < 2700, "both paths are exercised");
    const reported = new Map(report.unknown.flatMap((u) => u.top.map((t) => [`${u.attribute}=${t.value}`, t.rows] as const)));
    assert.deepEqual(reported, unknown);
    assert.ok((unknown.get("industry=Mining") ?? 0) > 100);
    db.closeSync();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a number column read by a numeric and a categorical attribute (Parquet BIGINT and DOUBLE): every row scores as score() scores DuckDB's text of it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "leadlab-score-mixed-"));
  try {
    // The fixture rules, and employees read a second time as a category.
    const rules = fixtureRules();
    const at = rules.attributes.findIndex((a) => a.name === "industry");
    const exact: ScorecardAttribute = {
      ...rules.attributes[at],
      name: "employees_exact",
      source: { column: "employees" },
      rationale: "a category of a number column",
      bins: [bin("250", { kind: "set", values: ["250", "2.5"] }, 7), bin("other", { kind: "other" }, 1), bin("missing", { kind: "missing" }, -2)],
    };
    rules.attributes.splice(at, 0, exact);
    writeFileSync(join(dir, "scoring.yaml"), rulesToYaml(rules));
    const events = rules.attributes.filter((a) => "event" in a.source).map((a) => a.name);
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    const blanks = `NULL::VARCHAR AS industry, NULL::VARCHAR AS region, NULL::VARCHAR AS budget_confirmed, NULL::VARCHAR AS tech_stack, ${events.map((e) => `NULL::DOUBLE AS "${e}"`).join(", ")}`;
    for (const [type, values] of [["BIGINT", ["250", "30", "NULL", "2000", "-3"]], ["DOUBLE", ["250", "2.5", "30.5", "NULL", "'inf'", "1e20"]]] as const) {
      const file = join(dir, `leads-${type}.parquet`);
      await db.run(`COPY (SELECT 'L' || i AS lead_id, CAST(v AS ${type}) AS employees, ${blanks} FROM (VALUES ${values.map((v, i) => `(${i}, ${v})`).join(", ")}) t(i, v)) TO '${file}' (FORMAT parquet)`);
      const texts = (await db.runAndReadAll(`SELECT COALESCE(CAST(employees AS VARCHAR), '') FROM '${file}'`)).getRowsJS().map((r) => String(r[0]));
      let out = "";
      const report = await scoreFile(join(dir, "scoring.yaml"), file, (t) => (out += t));
      const want = texts.map((employees, i) => {
        try {
          const s = score(rules, { employees });
          return `L${i},${s.points},${s.tier},${s.grade},${s.fit},${s.engagement},"${s.reasons.join("; ").replace(/"/g, '""')}"`;
        } catch (e) {
          if (!(e instanceof ScoreError)) throw e;
          return `L${i},,,,,,"could not score: ${e.message.replace(/"/g, '""')}"`;
        }
      });
      assert.deepEqual(out.trimEnd().split("\n").slice(1), want, type);
      assert.ok(want.some((line) => line.includes("+7 employees_exact 250")), `${type}: the category's bin is reached`);
      const unknown = report.unknown.find((u) => u.attribute === "employees_exact");
      assert.deepEqual(unknown?.top.map((t) => t.value).sort(), texts.filter((t) => t !== "" && t !== "250" && t !== "2.5" && !(type === "DOUBLE" && /inf/.test(t))).sort(), type);
    }
    db.closeSync();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("ids are written as csvField() writes their text: quoted where needed, long, non-ASCII, blank or NULL (Parquet, the ids copied as bytes)", async () => {
  const ids = ["L1", "a,b", 'q"uote', " lead", "lead ", "L\u00a0", "\u00a0L", "", null, "é1", "lead-é", "a rather long lead id 0001", "long, with a comma, past twelve bytes", "x\ny", "tab\tinside", "ü".repeat(7)];
  const dir = mkdtempSync(join(tmpdir(), "leadlab-score-ids-"));
  try {
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    const file = join(dir, "leads.parquet");
    const values = ids.map((id, i) => `(${id === null ? "NULL" : `'${id.replace(/'/g, "''")}'`}, ${i % 2 === 0 ? 250 : 10}, '${i % 3 === 0 ? "SaaS" : "Retail"}')`);
    await db.run(`COPY (SELECT * FROM (VALUES ${values.join(", ")}) AS t(lead_id, employees, industry)) TO '${file}' (FORMAT parquet)`);
    db.closeSync();
    const rules = fixtureRules();
    const events = rules.attributes.filter((a) => "event" in a.source).map((a) => a.name);
    // The event features and the other columns the rules read, blank (NULL) on every row.
    const withBlanks = join(dir, "leads-all.parquet");
    const db2 = await (await DuckDBInstance.create(":memory:")).connect();
    await db2.run(`COPY (SELECT *, NULL::VARCHAR AS region, NULL::VARCHAR AS budget_confirmed, NULL::VARCHAR AS tech_stack, ${events.map((e) => `NULL::DOUBLE AS "${e}"`).join(", ")} FROM '${file}') TO '${withBlanks}' (FORMAT parquet)`);
    db2.closeSync();
    let out = "";
    await scoreFile(FIXTURE_RULES, withBlanks, (t) => (out += t));
    const want = ids.map((id, i) => {
      const s = score(rules, { employees: i % 2 === 0 ? 250 : 10, industry: i % 3 === 0 ? "SaaS" : "Retail" });
      return `${csvField(id ?? "")},${s.points},${s.tier},${s.grade},${s.fit},${s.engagement},"${s.reasons.join("; ").replace(/"/g, '""')}"\n`;
    });
    assert.equal(out.slice(out.indexOf("\n") + 1), want.join(""));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The fixture rules' columns, as a leads file's header. */
const FIXTURE_HEADER = "lead_id,employees,industry,region,budget_confirmed,tech_stack,demo_request_count_90d,webinar_days_since_last_30d,webinar_sum_30d,email_open_active_days_30d";

/** Scores a CSV file of `rows` (each the cells of FIXTURE_HEADER) with the fixture rules: the scored lines after the header, and the report. */
async function scoredCsv(rows: Iterable<readonly string[]>): Promise<{ scored: string[]; report: ScoreFileReport }> {
  const dir = mkdtempSync(join(tmpdir(), "leadlab-score-csv-"));
  try {
    const lines = [FIXTURE_HEADER];
    for (const row of rows) lines.push(row.join(","));
    writeFileSync(join(dir, "leads.csv"), lines.join("\n") + "\n");
    let out = "";
    const report = await scoreFile(FIXTURE_RULES, join(dir, "leads.csv"), (t) => (out += t));
    return { scored: out.split("\n").slice(1, -1), report };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The scored line score() gives a lead of the fixture's columns (cells of FIXTURE_HEADER). */
function expectedLine(cells: readonly string[]): string {
  const s = score(fixtureRules(), Object.fromEntries(FIXTURE_HEADER.split(",").map((c, j) => [c, cells[j]])));
  return `${cells[0]},${s.points},${s.tier},${s.grade},${s.fit},${s.engagement},"${s.reasons.join("; ").replace(/"/g, '""')}"`;
}

test("a CSV file DuckDB reads in parallel comes out in its order, each row as score() scores it, with thousands of distinct texts to look up", async () => {
  // 14 MB of leads (DuckDB reads such a file in parallel, a buffer per thread); 5,000 amounts
  // written with a trailing zero ("12.50"), which DuckDB's number text does not match, so each
  // is coded through the lookup of listed texts.
  const n = 300_000;
  const row = (i: number) => [`L${i}`, `${(i % 5000) / 10}0`, ["SaaS", "Retail", `x${i % 300}`][i % 3], "EMEA", "yes", "Salesforce", `${i % 7}.0`, "", "", ""];
  const { scored, report } = await scoredCsv(Array.from({ length: n }, (_, i) => row(i)));
  assert.equal(scored.length, n);
  assert.equal(scored.filter((line, i) => !line.startsWith(`L${i},`)).length, 0, "every row in the file's order");
  for (const i of [0, 1, 2, 4_999, 123_457, 299_999]) assert.equal(scored[i], expectedLine(row(i)));
  assert.deepEqual([report.rows, report.scored, report.unknown.map((u) => [u.attribute, u.rows, u.distinct])], [n, n, [["industry", n / 3, 100]]]);
});

test("a category column with 30,000 distinct unknown values: each row is scored and each value counted", async () => {
  const n = 80_000;
  const row = (i: number) => [`L${i}`, "250", i % 4 === 0 ? "SaaS" : `Industry ${i % 40_000}`, "EMEA", "yes", "", "1", "", "", ""];
  const { scored, report } = await scoredCsv(Array.from({ length: n }, (_, i) => row(i)));
  assert.deepEqual([scored[0], scored[1], scored[n - 1]], [expectedLine(row(0)), expectedLine(row(1)), expectedLine(row(n - 1))]);
  assert.equal(report.scored, n);
  // Every value i % 40,000 with i % 4 ≠ 0 appears; those ≡ 0 (mod 4) only as SaaS rows: 30,000 values, 60,000 rows.
  assert.deepEqual(report.unknown.map((u) => [u.attribute, u.rows, u.distinct]), [["industry", 60_000, 30_000]]);
});

test("a list column (Parquet VARCHAR[]) read by a contains attribute scores as score() scores the list; read as one value, or with the separator in an item, it is refused", async () => {
  const dir = mkdtempSync(join(tmpdir(), "leadlab-score-lists-"));
  try {
    const rules = fixtureRules();
    const events = rules.attributes.filter((a) => "event" in a.source).map((a) => `NULL::DOUBLE AS "${a.name}"`).join(", ");
    const stacks: (string[] | null)[] = [["HubSpot", "Salesforce"], ["AWS"], [], null, [" salesforce "], ["Salesforce"]];
    const list = (s: string[] | null) => (s === null ? "NULL::VARCHAR[]" : `[${s.map((x) => `'${x}'`).join(", ")}]::VARCHAR[]`);
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    const file = join(dir, "leads.parquet");
    const rows = stacks.map((s, i) => `SELECT 'L${i}' AS lead_id, 250 AS employees, 'SaaS' AS industry, 'EMEA' AS region, true AS budget_confirmed, ${list(s)} AS tech_stack, ${events}`);
    await db.run(`COPY (${rows.join(" UNION ALL ")} ORDER BY lead_id) TO '${file}' (FORMAT parquet)`);
    let out = "";
    await scoreFile(FIXTURE_RULES, file, (t) => (out += t));
    const want = stacks.map((tech_stack, i) => {
      const s = score(rules, { employees: 250, industry: "SaaS", region: "EMEA", budget_confirmed: true, tech_stack });
      return `L${i},${s.points},${s.tier},${s.grade},${s.fit},${s.engagement},"${s.reasons.join("; ").replace(/"/g, '""')}"`;
    });
    assert.deepEqual(out.trimEnd().split("\n").slice(1), want);
    assert.notEqual(want[0], want[1], "a list holding Salesforce scores apart from one that does not");
    // A list where the rules read one value, and an item with the separator in it.
    const one = join(dir, "industry-list.parquet");
    await db.run(`COPY (SELECT 'L1' AS lead_id, 250 AS employees, ['SaaS'] AS industry, 'EMEA' AS region, true AS budget_confirmed, ['AWS'] AS tech_stack, ${events}) TO '${one}' (FORMAT parquet)`);
    await assert.rejects(scoreFile(FIXTURE_RULES, one, () => {}), {
      message: `${one}: column "industry": the column holds lists (VARCHAR[]), but the rules' attribute "industry" reads one categorical value from it. Fix: export "industry" with one value per lead, as training read it.`,
    });
    const record = join(dir, "record.parquet");
    await db.run(`COPY (SELECT 'L1' AS lead_id, 250 AS employees, {'name': 'SaaS'} AS industry, 'EMEA' AS region, true AS budget_confirmed, ['AWS'] AS tech_stack, ${events}) TO '${record}' (FORMAT parquet)`);
    await assert.rejects(scoreFile(FIXTURE_RULES, record, () => {}), {
      message: `${record}: column "industry": the column holds records (STRUCT("name" VARCHAR)), not one value per lead, but the rules' attribute "industry" reads it. Fix: export "industry" as the one value per lead that training read.`,
    });
    const clash = join(dir, "clash.parquet");
    await db.run(`COPY (SELECT 'L1' AS lead_id, 250 AS employees, 'SaaS' AS industry, 'EMEA' AS region, true AS budget_confirmed, ['AWS;GCP', 'Salesforce'] AS tech_stack, ${events}) TO '${clash}' (FORMAT parquet)`);
    await assert.rejects(scoreFile(FIXTURE_RULES, clash, () => {}), {
      message: `${clash}: column "tech_stack": the column holds lists (VARCHAR[]) with an item that has the separator ";" in it, so its items cannot be read as training read them (value "AWS;GCP"). Fix: export the column as text, its items joined as training read them.`,
    });
    db.closeSync();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a value card's attribute is reported with its card: a category the scorecard lists but the amount card never saw is the card's unknown value, on both paths", async () => {
  const rules = fixtureRules();
  const card = (label: string, when: object, factor: number) => ({ label, when, factor, trainDeals: 10, trainMedianAmount: 1000 * factor });
  const withValue = {
    ...rules,
    value: {
      winChance: { intercept: -6, slope: 0.01 },
      // Won deals in training were SaaS only: the card has never seen Retail, Mining or Bob's.
      amount: { base: 1000, attributes: [{ name: "industry", source: { column: "industry" }, match: "categorical", rationale: "", bins: [card("SaaS", { kind: "set", values: ["SaaS"] }, 2), card("other (values unseen in training)", { kind: "other" }, 1), card("missing", { kind: "missing" }, 1)] }] },
      tiers: [{ name: "A", minValue: null, shareOfLeads: 1, shareOfWonRevenue: 1 }],
    },
  };
  const dir = mkdtempSync(join(tmpdir(), "leadlab-card-unknown-"));
  try {
    const path = join(dir, "scoring.yaml");
    writeFileSync(path, rulesToYaml(withValue));
    const report = await scoreFile(path, "tests/scoring/fixtures/leads.csv", () => {});
    const unknown = report.unknown.map((u) => [u.attribute, u.top.map((t) => t.value).sort()]);
    // The scorecard lists Retail and Bob's; only Mining is new to it (and APAC to its regions).
    assert.deepEqual(unknown, [
      ["industry", ["Mining"]],
      ["region", ["APAC"]],
      ["industry (amount card)", ["Bob's \"Bait\"; Tackle\\", "Mining", "Retail"]],
    ]);
    // The scorer of one lead at a time names them alike.
    const named: string[] = [];
    const leads: LeadRecord[] = [{ industry: "Retail" }, { industry: "Mining" }];
    for (const lead of leads) score(readScoringRules(path), lead, { onUnknown: (attribute, value) => named.push(`${attribute}: ${value}`) });
    assert.deepEqual(named, ["industry (amount card): Retail", "industry: Mining", "industry (amount card): Mining"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
