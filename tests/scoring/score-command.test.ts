import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { scoreCommand } from "../../src/cli/score-command";
import { scoreFile, type ScoreFileOptions, type ScoreFileReport } from "../../src/scoring/score-file";
import { DEFAULT_MISSING } from "../../src/data/resolve-dataset-spec";
import { readScoringRules } from "../../src/scoring/parse-scoring-rules";
import { createScorer, ScoreError } from "../../src/scoring/score";
import { personaTagger } from "../../src/scoring/persona-tags";
import { scoreAndTag } from "../../src/scoring/score-and-tag";
import { readPersonas } from "../../src/personas/personas-yaml";
import { FIXTURE_RULES } from "./helpers";
import { sampleTable } from "../helpers/sample-fixture";

/*
 * `leadlab score` as a CRM admin or a data engineer runs it: raw leads and raw events in,
 * scores out, with the same as-of definition of behavioural features as training; a summary
 * that counts what went wrong; and an --out that is replaced only by a complete file.
 */

let dir: string;
const LEADS_SQL = (f: (n: string) => string) => `SELECT * FROM read_csv(${f("deals.csv")}, header = true, all_varchar = true) AS d
  LEFT JOIN read_csv(${f("accounts.csv")}, header = true, all_varchar = true) AS a USING (account_id)
  LEFT JOIN read_csv(${f("products.csv")}, header = true, all_varchar = true) AS p USING (product) ORDER BY deal_id`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "leadlab-score-command-"));
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  const f = (n: string) => `'data/sample/${n}'`;
  await db.run(`COPY (${LEADS_SQL(f)}) TO '${join(dir, "leads.csv")}' (HEADER)`);
  // The same leads with every text but the ids upper-cased, and both files together (every id twice).
  const upper = (c: string) => (c === "deal_id" || c === "account_id" ? `"${c}"` : `upper("${c}") AS "${c}"`);
  const columns = (await db.runAndReadAll(`DESCRIBE SELECT * FROM read_csv('${join(dir, "leads.csv")}', all_varchar = true)`)).getRowObjectsJS().map((r) => String(r.column_name));
  await db.run(`COPY (SELECT ${columns.map(upper).join(", ")} FROM read_csv('${join(dir, "leads.csv")}', all_varchar = true)) TO '${join(dir, "upper.csv")}' (HEADER)`);
  await db.run(
    `COPY (SELECT * FROM read_csv('${join(dir, "leads.csv")}', all_varchar = true) UNION ALL SELECT * FROM read_csv('${join(dir, "upper.csv")}', all_varchar = true)) TO '${join(dir, "both.csv")}' (HEADER)`,
  );
  db.closeSync();
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function scored(rules: string, leads: string, options: ScoreFileOptions = {}): Promise<{ lines: string[]; report: ScoreFileReport }> {
  let text = "";
  const report = await scoreFile(rules, leads, (t) => (text += t), options);
  return { lines: text.trimEnd().split("\n"), report };
}

/** The sample's leads scored with raw events as of their creation, once for the tests that read them. */
let sampleScored: ReturnType<typeof scored> | undefined;
const scoredSample = () => (sampleScored ??= scored("rules/sample/scoring.yaml", join(dir, "leads.csv"), { events: "data/sample/events.parquet", asOf: "created_date" }));

/** id → "points tier grade" from the output CSV (fields before the quoted reasons). */
const outcomes = (lines: string[]) => new Map(lines.slice(1).map((l) => l.split(",")).map(([id, p, t, g]) => [id, p === "" ? "null null null" : `${p} ${t} ${g}`]));

test("--events --as-of: features from raw events as the loader computes them in training, for every closed sample deal", async () => {
  const rules = readScoringRules("rules/sample/scoring.yaml");
  const { lines, report } = await scoredSample();
  assert.equal(report.rows, 8000, "open deals too");
  // The reference: score() on the loader's table, whose behavioural features are the training ones.
  const table = await sampleTable();
  const scorer = createScorer(rules, { missing: DEFAULT_MISSING });
  const columns = scorer.keys.map((k) => table.column(k) as ArrayLike<unknown>);
  const got = outcomes(lines);
  let compared = 0;
  for (let i = 0; i < table.n; i++) {
    let want: string;
    try {
      const s = scorer.scoreValues(columns.map((c) => c[i] as never));
      want = `${s.points} ${s.tier} ${s.grade}`;
    } catch (e) {
      if (!(e instanceof ScoreError)) throw e;
      want = "null null null";
    }
    assert.equal(got.get(table.ids[i]), want, table.ids[i]);
    compared++;
  }
  assert.equal(compared, 7516);
  assert.ok(report.events && report.events.read > 100_000);
});

test("every cell after the id, value columns and reasons included, is what score() gives the closed sample deals (the column path, with --events)", async () => {
  const rules = readScoringRules("rules/sample/scoring.yaml");
  const { lines } = await scoredSample();
  assert.equal(lines[0], "deal_id,points,tier,grade,fit,engagement,win_chance,expected_amount,retained_chance,expected_value,value_tier,reasons");
  const table = await sampleTable();
  const scorer = createScorer(rules, { missing: DEFAULT_MISSING });
  const columns = scorer.keys.map((k) => table.column(k) as ArrayLike<unknown>);
  const got = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(",")), l.slice(l.indexOf(",") + 1)]));
  // Chances to six decimals, amounts to two, as plain numbers (no trailing zeros).
  const round = (x: number, digits: number) => String(Number(x.toFixed(digits)));
  let valued = 0;
  for (let i = 0; i < table.n; i++) {
    let s;
    try {
      s = scorer.scoreValues(columns.map((c) => c[i] as never));
    } catch (e) {
      if (e instanceof ScoreError) continue;
      throw e;
    }
    const v = s.value!;
    const cells = [s.points, s.tier ?? "", s.grade, s.fit, s.engagement, round(v.winChance, 6), round(v.expectedAmount, 2), round(v.retainedChance!, 6), round(v.expectedValue, 2), v.tier ?? ""];
    assert.equal(got.get(table.ids[i]), `${cells.join(",")},"${s.reasons.join("; ").replace(/"/g, '""')}"`, table.ids[i]);
    if (v.expectedValue > 0) valued++;
  }
  assert.ok(valued > 5000, "the value columns are exercised");
});

test("an upper-cased copy scores the same; no category of the sample's own deals is unknown (other bins list what they pool); duplicated ids are counted", async () => {
  const options = { events: "data/sample/events.parquet", asOf: "created_date" };
  const original = await scoredSample();
  const upper = await scored("rules/sample/scoring.yaml", join(dir, "upper.csv"), options);
  assert.deepEqual(outcomes(upper.lines), outcomes(original.lines));
  assert.equal(upper.report.scored, original.report.scored);
  // Every industry and contact title of the sample was seen in training: the rare ones are
  // pooled in "other" (Retail, Media, …), scored there and not reported as unknown.
  const rules = readScoringRules("rules/sample/scoring.yaml");
  const pooled = rules.attributes.find((a) => a.name === "industry")!.bins.find((b) => b.when.kind === "other")!.when;
  assert.ok(pooled.kind === "other" && pooled.values?.includes("Retail"));
  assert.ok(outcomes(original.lines).size === 8000 && readFileSync(join(dir, "leads.csv"), "utf8").includes(",Retail,"));
  assert.deepEqual(original.report.unknown, []);
  assert.deepEqual(upper.report.unknown, []);
  assert.deepEqual(upper.report.ids, { blank: 0, duplicated: { ids: 0, rows: 0, examples: [] } });
  const both = await scored("rules/sample/scoring.yaml", join(dir, "both.csv"), options);
  assert.equal(both.report.rows, 16000);
  assert.deepEqual({ ids: both.report.ids.duplicated.ids, rows: both.report.ids.duplicated.rows, first: both.report.ids.duplicated.examples[0] }, { ids: 8000, rows: 16000, first: { id: "D000001", rows: 2 } });
  console.log(`# sample ${original.report.scored}/${original.report.rows} scored; upper-cased ${upper.report.scored}/${upper.report.rows}; unknown ${JSON.stringify(upper.report.unknown)}`);
});

test("--as-of now: events strictly before the given instant and within the window count (hand-counted)", async () => {
  // Fixture rules: demo_request count in 90 days: 0 → −20, 1–2 → +15, ≥ 3 → +30 (see the fixture).
  const now = Date.UTC(2026, 5, 30);
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 19);
  const events = [
    ["A1", iso(now - day), "demo_request", ""],
    ["A1", iso(now - 90 * day), "demo_request", ""], // at the window's start: counts
    ["A1", iso(now - 90 * day - 1000), "demo_request", ""], // before the window
    ["A1", iso(now), "demo_request", ""], // at the scoring point: never counts
    ["A2", iso(now - 2 * day), "demo_request", ""],
    ["A2", iso(now - 3 * day), "demo_request", ""],
    ["A2", iso(now - 4 * day), "demo_request", ""],
  ];
  writeFileSync(join(dir, "events.csv"), ["account_id,ts,event_type,minutes", ...events.map((e) => e.join(","))].join("\n") + "\n");
  const { lines } = await scored(FIXTURE_RULES, "tests/scoring/fixtures/leads.csv", { events: join(dir, "events.csv"), asOf: "now", now, reasons: 9 });
  const reasons = new Map(lines.slice(1).map((l) => [l.split(",")[0], l]));
  assert.match(reasons.get("L1")!, /\+15 1–2 demo_request in the 90 days before/, "A1: two events count");
  assert.match(reasons.get("L2")!, /\+30 ≥ 3 demo_request in the 90 days before/, "A2: three events");
  assert.match(reasons.get("L3")!, /−20 no demo_request in the 90 days before/, "A3: none");
  assert.doesNotMatch(reasons.get("L4")!, /demo_request in the 90/, "L4 has no account: the feature is missing, not zero");
});

test("--id names the id column; blank ids are counted", async () => {
  const text = readFileSync("tests/scoring/fixtures/leads.csv", "utf8").replace("lead_id,", "crm_id,").replace("\nL2,", "\n ,").replace("\nL3,", "\n,");
  writeFileSync(join(dir, "crm.csv"), text);
  const { lines, report } = await scored(FIXTURE_RULES, join(dir, "crm.csv"), { id: "crm_id" });
  assert.equal(lines[0], "crm_id,points,tier,grade,fit,engagement,reasons");
  assert.equal(report.ids.blank, 2);
  await assert.rejects(scored(FIXTURE_RULES, join(dir, "crm.csv")), /the leads file has no column "lead_id" \(it has: crm_id, .*Fix: add the column "lead_id" \(the rules' inputs\.id\), or name the lead id column with --id\.$/);
  await assert.rejects(scored(FIXTURE_RULES, join(dir, "crm.csv"), { id: "id" }), /the leads file has no column "id" \(it has: crm_id, /);
});

test("--out: replaced only by a complete file; a failed run leaves it and no temporary file", async () => {
  const out = join(dir, "out", "scored.csv");
  rmSync(join(dir, "out"), { recursive: true, force: true });
  await assert.rejects(scoreCommand([FIXTURE_RULES, "tests/scoring/fixtures/leads.csv", "--out", out], () => {}, () => {}), /the folder .*out does not exist/);
  const { mkdirSync } = await import("node:fs");
  mkdirSync(join(dir, "out"));
  writeFileSync(out, "last quarter's scores\n");
  const fails: [string[], RegExp][] = [
    [["nope.yaml", "tests/scoring/fixtures/leads.csv"], /nope\.yaml: the scoring rules file does not exist/],
    [[FIXTURE_RULES, "nope.csv"], /nope\.csv: the leads file does not exist/],
    [[FIXTURE_RULES, "tests/scoring/fixtures/leads.csv", "--events", "tests/scoring/fixtures/leads.csv", "--as-of", "industry"], /leads\.csv: column "industry": row 1: not a date \(ISO 8601.*\(value "SaaS"\)\. Fix: write the scoring point as an ISO date/],
    [[FIXTURE_RULES, "tests/scoring/fixtures/leads.csv", "--as-of", "now"], /--as-of applies to features computed from --events/],
  ];
  for (const [argv, message] of fails) {
    await assert.rejects(scoreCommand([...argv, "--out", out], () => {}, () => {}), message);
    assert.equal(readFileSync(out, "utf8"), "last quarter's scores\n", argv.join(" "));
    assert.deepEqual(readdirSync(join(dir, "out")), ["scored.csv"], "no temporary file left");
  }
  await scoreCommand([FIXTURE_RULES, "tests/scoring/fixtures/leads.csv", "--out", out], () => {}, () => {});
  assert.match(readFileSync(out, "utf8"), /^lead_id,points,tier,grade,fit,engagement,reasons\nL1,97,/);
  assert.deepEqual(readdirSync(join(dir, "out")), ["scored.csv"]);
});

test("a Latin-1 byte at row 15,001 of 20,000 in a scored column fails the run naming the line and the fix; --out is untouched", async () => {
  // 20,000 sample leads (the 8,000 repeated with new ids); row 15,001's industry is "Café
  // Services" written in Latin-1 (one byte 0xE9). DuckDB's stream of the scored columns of this
  // file ends after row 14,336 instead of raising (so 14,336 leads were scored and the rest
  // silently dropped); at row 9,000 a read of a few columns fails with an INTERNAL error.
  const lines = readFileSync(join(dir, "leads.csv"), "latin1").trimEnd().split("\n");
  const columns = lines[0].split(",");
  const rows = lines.slice(1);
  const big = [lines[0]];
  for (let i = 0; i < 20_000; i++) {
    const fields = rows[i % rows.length].split(",");
    assert.equal(fields.length, columns.length, "the sample rows used hold no quoted comma");
    fields[0] = `L${String(i + 1).padStart(6, "0")}`;
    if (i + 1 === 15_001) fields[columns.indexOf("industry")] = "Café Services";
    big.push(fields.join(","));
  }
  writeFileSync(join(dir, "latin1.csv"), big.join("\n") + "\n", "latin1");
  writeFileSync(join(dir, "utf8.csv"), big.join("\n") + "\n", "utf8");
  const options = ["--events", "data/sample/events.parquet", "--as-of", "created_date"];
  const out = join(dir, "enc", "scored.csv");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(join(dir, "enc"));
  writeFileSync(out, "last quarter's scores\n");
  await assert.rejects(
    scoreCommand(["rules/sample/scoring.yaml", join(dir, "latin1.csv"), ...options, "--out", out], () => {}, () => {}),
    (e: Error) => {
      assert.match(
        e.message,
        /latin1\.csv: the file is not UTF-8 encoded \(the first bad byte is on line 15002, counting the header\); DuckDB: .*not utf-8 encoded\. Fix: re-save it as UTF-8 naming its encoding, e\.g\. `iconv -f latin1 -t utf-8 latin1\.csv > utf8-latin1\.csv`\.$/,
      );
      assert.doesNotMatch(e.message, /\n/, "one line");
      return true;
    },
  );
  assert.equal(readFileSync(out, "utf8"), "last quarter's scores\n");
  assert.deepEqual(readdirSync(join(dir, "enc")), ["scored.csv"], "no temporary file left");
  // The same rows in UTF-8: every one is scored, the bad row included.
  const summary: string[] = [];
  await scoreCommand(["rules/sample/scoring.yaml", join(dir, "utf8.csv"), ...options, "--out", out], () => {}, (m) => summary.push(m));
  assert.equal(readFileSync(out, "utf8").trimEnd().split("\n").length, 20_001);
  assert.match(summary[0], /^scored [\d,]+ of 20,000 leads/);
  assert.match(readFileSync(out, "utf8"), /\nL015001,-?\d+,/);
});

test("--personas: the persona column is scoreAndTag()'s persona for every sample deal; the summary counts leads per persona", async () => {
  const rules = readScoringRules("rules/sample/scoring.yaml");
  const personas = readPersonas("rules/sample/personas.yaml");
  const summary: string[] = [];
  let text = "";
  await scoreCommand(["rules/sample/scoring.yaml", join(dir, "leads.csv"), "--events", "data/sample/events.parquet", "--as-of", "created_date", "--personas", "rules/sample/personas.yaml"], (t) => (text += t), (m) => summary.push(m));
  const lines = text.trimEnd().split("\n");
  assert.equal(lines[0], "deal_id,points,tier,grade,fit,engagement,win_chance,expected_amount,retained_chance,expected_value,value_tier,persona,anti_persona,reasons");
  // The reference: scoreAndTag on each row of the leads file as a record of its text values.
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  const records = (await db.runAndReadAll(`SELECT * FROM read_csv('${join(dir, "leads.csv")}', all_varchar = true)`)).getRowObjectsJS() as Record<string, string | null>[];
  db.closeSync();
  const tagger = personaTagger(personas, rules.inputs.missing);
  const got = new Map(lines.slice(1).map((l) => l.split(",")).map((cells) => [cells[0], [cells[11], cells[12]]]));
  const counts = new Map<string, number>();
  let agree = 0;
  for (const record of records) {
    const want = scoreAndTag(rules, personas, record).persona;
    const [persona, anti] = got.get(record.deal_id!)!;
    assert.equal(persona, want, record.deal_id!);
    // an anti-persona only ever tags a lead whose persona is "other" (a segment is never both)
    assert.equal(anti, tagger.tag(record).anti.join("; "), record.deal_id!);
    if (anti !== "") assert.equal(persona, "other", record.deal_id!);
    counts.set(want, (counts.get(want) ?? 0) + 1);
    agree++;
  }
  assert.equal(agree, 8000);
  const line = summary.find((l) => l.startsWith("personas: "))!;
  for (const [persona, n] of counts) assert.match(line, new RegExp(`${persona} ${n.toLocaleString("en-US")} leads \\(${((100 * n) / 8000).toFixed(1)}%\\)`));
  // The upper-cased copy: every lead keeps its persona (categories matched as the scorer matches them).
  let upperText = "";
  await scoreCommand(["rules/sample/scoring.yaml", join(dir, "upper.csv"), "--events", "data/sample/events.parquet", "--as-of", "created_date", "--personas", "rules/sample/personas.yaml"], (t) => (upperText += t), () => {});
  const upper = new Map(upperText.trimEnd().split("\n").slice(1).map((l) => l.split(",")).map((cells) => [cells[0], [cells[11], cells[12]]]));
  assert.deepEqual(upper, got);
  console.log(`# personas: ${agree}/8000 agree with scoreAndTag; ${line}; ${summary.find((l) => l.startsWith("anti-personas: "))}`);
});

test("--personas: a persona attribute the leads file lacks is named with the fix", async () => {
  const yaml = readFileSync("rules/sample/personas.yaml", "utf8").replace(/source: \{ column: industry \}/, "source: { column: sector }");
  writeFileSync(join(dir, "personas.yaml"), yaml);
  await assert.rejects(
    scored("rules/sample/scoring.yaml", join(dir, "leads.csv"), { events: "data/sample/events.parquet", asOf: "created_date", personas: join(dir, "personas.yaml") }),
    /leads\.csv: the leads file has no column "sector", which the persona rules of .*personas\.yaml read \(it has: deal_id, .*\)\. Fix: add the column "sector" \(the persona attribute industry's source\.column\)\.$/,
  );
});

test("a Latin-1 byte in the first rows, or a corrupt Parquet page, is one line naming the file and the fix", async () => {
  const text = readFileSync("tests/scoring/fixtures/leads.csv", "latin1").replace("Retail", "Caf\u00e9");
  writeFileSync(join(dir, "early.csv"), text, "latin1");
  await assert.rejects(
    scored(FIXTURE_RULES, join(dir, "early.csv")),
    /early\.csv: the file is not UTF-8 encoded \(the first bad byte is on line 3, counting the header\); DuckDB: .*\. Fix: re-save it as UTF-8 naming its encoding, e\.g\. `iconv -f latin1 -t utf-8 early\.csv > utf8-early\.csv`\.$/,
  );
  // The 8,000 sample leads repeated to 20,000 with new ids, in row groups of 2,048,
  // uncompressed; 64 bytes of the page holding the id L015001 overwritten.
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(
    `COPY (SELECT * REPLACE ('L' || lpad(CAST(row_number() OVER (ORDER BY t.i, deal_id) AS VARCHAR), 6, '0') AS deal_id) FROM read_csv('${join(dir, "leads.csv")}', all_varchar = true), range(3) t(i) ORDER BY t.i, deal_id LIMIT 20000) TO '${join(dir, "leads.parquet")}' (FORMAT parquet, ROW_GROUP_SIZE 2048, COMPRESSION uncompressed)`,
  );
  db.closeSync();
  const bytes = readFileSync(join(dir, "leads.parquet"));
  const at = bytes.indexOf(Buffer.from("L015001"));
  assert.ok(at > 200);
  bytes.fill(0xff, at - 200, at - 136);
  writeFileSync(join(dir, "corrupt.parquet"), bytes);
  const options = { events: "data/sample/events.parquet", asOf: "created_date" };
  await assert.rejects(
    scored("rules/sample/scoring.yaml", join(dir, "corrupt.parquet"), options),
    // the failure surfaces either as DuckDB's error or as its stream ending early (then the row
    // reached is named first); which one varies from run to run
    /corrupt\.parquet: (DuckDB stopped reading after row [\d,]+ of 20,000 \(counting data rows\), so the rest were not scored: )?DuckDB could not read the table: [^\n]+\. Fix: export the leads again \(the file may be truncated or corrupt\) as CSV with a header row, Parquet or NDJSON\.$/,
  );
  const whole = await scored("rules/sample/scoring.yaml", join(dir, "leads.parquet"), options);
  assert.equal(whole.report.rows, 20_000);
});

test("a leads file whose last line ends in LF alone after CRLF lines says which line and how to end them alike, and leaves --out as it was", async () => {
  const folder = mkdtempSync(join(tmpdir(), "leadlab-score-endings-"));
  try {
    const header = "lead_id,employees,industry,region,budget_confirmed,tech_stack,demo_request_count_90d,webinar_days_since_last_30d,webinar_sum_30d,email_open_active_days_30d";
    const rows = Array.from({ length: 50 }, (_, i) => `L${i},${10 * i},SaaS,EMEA,yes,Salesforce,1,3,20,2`);
    // Rows appended by another tool: the last one ends in LF alone.
    writeFileSync(join(folder, "leads.csv"), [header, ...rows].join("\r\n") + "\r\nL50,500,Retail,AMER,no,,0,,0,0\n");
    const out = join(folder, "scored.csv");
    writeFileSync(out, "last quarter's scores\n");
    await assert.rejects(scoreCommand([FIXTURE_RULES, join(folder, "leads.csv"), "--out", out], () => {}, () => {}), (e: Error) => {
      assert.match(
        e.message,
        /leads\.csv: its lines end both in CRLF \(51\) and in LF alone \(1; the first LF is line 52, counting the header\), and DuckDB reads one line ending per file; DuckDB: .*\. Fix: end every line the same way: export the file again, or `sed -i 's\/\\r\$\/\/' leads\.csv` to end them all with LF\.$/,
      );
      return true;
    });
    assert.equal(readFileSync(out, "utf8"), "last quarter's scores\n");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
