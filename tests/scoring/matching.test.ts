import assert from "node:assert/strict";
import { before, test } from "node:test";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { categoryKey } from "../../src/scoring/category-key";
import { readScoringRules } from "../../src/scoring/parse-scoring-rules";
import type { ScoringRules } from "../../src/formats/scoring-rules-schema";
import { scoringSql } from "../../src/scoring/sql/scoring-sql";
import { attribute, bin, tinyRules } from "./helpers";
import { duckdbOutcomes, postgresOutcomes, scorerOutcomes, type LeadsTable } from "./view-outcomes";
import { sampleTable } from "../helpers/sample-fixture";

/*
 * Categories are matched after Unicode NFC, trimming and lower-casing, the same way by score()
 * and by the SQL of every dialect: upper-cased, padded and decomposed (NFD) copies of leads score
 * exactly as the originals.
 */

/** The ways a CRM or a spreadsheet may write the same text. */
const VARIANTS: Record<string, (v: string) => string> = {
  upper: (v) => v.toUpperCase(),
  lower: (v) => v.toLowerCase(),
  padded: (v) => `\u00a0 ${v}\t`,
  nfd: (v) => v.normalize("NFD"),
  "upper nfd padded": (v) => ` ${v.toUpperCase().normalize("NFD")}\u3000`,
};

// ---- Unicode categories on hand-made rules ---------------------------------------------------

const CITIES = ["Événement", "São Paulo", "Ωmega", "Tiếng Việt", "İstanbul", "한국", "Kelvin", "Ærø"];
const unicodeRules: ScoringRules = tinyRules(
  [
    attribute("city", "categorical", [
      ...CITIES.map((c, i) => bin(c, { kind: "set", values: [c] }, 10 * (i + 1))),
      bin("other", { kind: "other" }, 0),
      bin("missing", { kind: "missing" }, -1),
    ]),
    attribute(
      "tools",
      "contains",
      [bin("with Ação", { kind: "set", values: ["true"] }, 3), bin("without", { kind: "set", values: ["false"] }, 0), bin("missing", { kind: "missing" }, -2)],
      { containsValue: "Ação", separator: ";" },
    ),
  ],
  { inputs: { id: "id", missing: ["N/A", "desconhecido"] } },
);

/** Spellings of the same city that are not a plain change of case or form. */
const OTHER_SPELLINGS: [string, string][] = [
  ["Tiếng Việt", "Tiê\u0301ng Viê\u0323t"], // partly composed
  ["Tiếng Việt", "Tie\u0302\u0301ng Vie\u0302\u0323t"], // dot below after the circumflex: canonically the same
  ["Kelvin", "\u212Aelvin"], // KELVIN SIGN
  ["Ωmega", "\u2126MEGA"], // OHM SIGN
];
/** Spellings that are other text (marks of the same class in another order, other letters): no match. */
const NOT_THE_SAME = ["Tie\u0301\u0302ng Việt", "AERØ", "STRASSE", "Straße"];

function unicodeLeads(): { leads: LeadsTable; want: Map<string, number | null> } {
  const rows: (string | null)[][] = [];
  const want = new Map<string, number | null>();
  const add = (city: string | null, tools: string | null, points: number | null) => {
    const id = `L${rows.length}`;
    rows.push([id, city, tools]);
    want.set(id, points);
  };
  CITIES.forEach((c, i) => {
    for (const f of Object.values(VARIANTS)) add(f(c), f("CRM; Ação"), 10 * (i + 1) + 3);
    add(c.normalize("NFD"), "crm;AÇÃO ;", 10 * (i + 1) + 3);
    add(c, null, 10 * (i + 1) - 2);
  });
  for (const [city, spelling] of OTHER_SPELLINGS) add(spelling, "x", 10 * (CITIES.indexOf(city) + 1));
  for (const text of NOT_THE_SAME) add(text, "x", 0);
  add("n/a", "DESCONHECIDO", -1 - 2); // missing tokens in any case
  add("", " ; ", -1 - 2);
  add(null, "Acao", -1); // no accents: another item
  return { leads: { columns: ["id", "city", "tools"], rows }, want };
}

test("categoryKey: NFC, trimmed, each character lower-cased", () => {
  assert.equal(categoryKey("  ÉVÉNEMENT\u00a0"), "événement");
  assert.equal(categoryKey("E\u0301ve\u0301nement"), "événement");
  assert.equal(categoryKey("\u212Aelvin"), "kelvin");
  assert.equal(categoryKey("ΟΔΟΣ"), "οδοσ", "no final-sigma rule: one character at a time");
  assert.notEqual(categoryKey("STRASSE"), categoryKey("Straße"), "ß is not folded to ss");
});

test("score(): Unicode spellings, case, padding and missing tokens score as the original", () => {
  const { leads, want } = unicodeLeads();
  const got = scorerOutcomes(unicodeRules, leads);
  for (const [id, points] of want) assert.equal(got.get(id)!.split(" ")[0], String(points), `${id}: ${JSON.stringify(leads.rows.find((r) => r[0] === id))}`);
});

test("DuckDB: the view matches every spelling exactly as score() does", async () => {
  const { leads } = unicodeLeads();
  assert.deepEqual(await duckdbOutcomes(unicodeRules, leads), scorerOutcomes(unicodeRules, leads));
});

test("PostgreSQL: the view matches every spelling exactly as score() does", async (t) => {
  const { leads } = unicodeLeads();
  const got = await postgresOutcomes(unicodeRules, leads);
  if (!got) {
    if (process.env.CI === "true") assert.fail("PGHOST is not set under CI=true");
    t.skip("PGHOST is not set: skipping the PostgreSQL matching test");
    return;
  }
  assert.deepEqual(got, scorerOutcomes(unicodeRules, leads));
});

test("every dialect's view spells the key with translate and replace only (no locale-dependent lower())", () => {
  for (const dialect of ["duckdb", "postgres", "bigquery", "snowflake", "spark"] as const) {
    const sql = scoringSql(unicodeRules, { dialect });
    assert.match(sql, /translate\(c1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ/, dialect);
    assert.ok(sql.includes("replace(") && !/lower\(c1/.test(sql), dialect);
  }
});

// ---- The sample: every closed deal, upper-cased, padded, decomposed --------------------------

const file = (name: string) => `'data/sample/${name}'`;
const SAMPLE_LEADS = `SELECT * FROM read_csv(${file("deals.csv")}, header = true, all_varchar = true) AS d
  LEFT JOIN read_csv(${file("accounts.csv")}, header = true, all_varchar = true) AS a USING (account_id)
  LEFT JOIN read_csv(${file("products.csv")}, header = true, all_varchar = true) AS p USING (product)`;

let sample: ScoringRules;
let sampleRows: Record<string, string | null>[];
let features: Map<string, Record<string, number | null>>;

before(async () => {
  sample = readScoringRules("rules/sample/scoring.yaml");
  const table = await sampleTable();
  const eventNames = sample.attributes.filter((a) => "event" in a.source).map((a) => a.name);
  features = new Map(table.ids.map((id, r) => [id, Object.fromEntries(eventNames.map((f) => [f, Number.isNaN((table.column(f) as Float64Array)[r]) ? null : (table.column(f) as Float64Array)[r]]))]));
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  sampleRows = (await db.runAndReadAll(`${SAMPLE_LEADS} ORDER BY deal_id`)).getRowObjectsJS() as Record<string, string | null>[];
  db.closeSync();
});

/** Text columns the rules read, written another way (ids, keys and dates too, except for case: ids are compared exactly). */
function variantRow(row: Record<string, string | null>, f: (v: string) => string): Record<string, string | null> {
  const { id, events } = sample.inputs;
  const out: Record<string, string | null> = {};
  for (const c in row) {
    const v = row[c];
    out[c] = v === null || c === id || c === events!.leadKey ? v : f(v);
  }
  return out;
}

test("score(): upper-cased, padded and decomposed copies of the 7,516 closed sample deals score as the originals", () => {
  const table = (f?: (v: string) => string): LeadsTable => {
    const closed = sampleRows.filter((r) => features.has(r.deal_id!));
    const columns = [...Object.keys(closed[0]), ...Object.keys(features.values().next().value!)];
    return { columns, rows: closed.map((r) => [...Object.values(f ? variantRow(r, f) : r), ...Object.values(features.get(r.deal_id!)!).map((x) => (x === null ? null : String(x)))]) };
  };
  const original = scorerOutcomes(sample, table());
  assert.equal(original.size, 7516);
  assert.ok([...original.values()].filter((o) => o.startsWith("null")).length < 10, "nearly every deal is scored");
  for (const [name, f] of Object.entries(VARIANTS)) {
    const got = scorerOutcomes(sample, table(f));
    const differ = [...original].filter(([id, o]) => got.get(id) !== o).length;
    assert.equal(differ, 0, `${name}: ${differ} of 7516 deals score differently`);
  }
});

test("DuckDB: upper-cased, padded and decomposed copies of every sample deal score as the originals in the view", async () => {
  const db: DuckDBConnection = await (await DuckDBInstance.create(":memory:")).connect();
  try {
    await db.run(`CREATE VIEW events AS SELECT * FROM read_parquet(${file("events.parquet")})`);
    const outcomes = async (rows: Record<string, string | null>[]) => {
      const columns = Object.keys(rows[0]);
      await db.run(`CREATE OR REPLACE TABLE leads (${columns.map((c) => `"${c}" VARCHAR`).join(", ")})`);
      const appender = await db.createAppender("leads");
      for (const r of rows) {
        for (const c of columns) if (r[c] === null) appender.appendNull();
        else appender.appendVarchar(r[c]!);
        appender.endRow();
      }
      appender.closeSync();
      await db.run(scoringSql(sample, { dialect: "duckdb" }));
      const result = (await db.runAndReadAll("SELECT * FROM lead_scores")).getRowObjectsJS();
      return new Map(result.map((r) => [String(r[sample.inputs.id]), `${r.points} ${r.tier} ${r.grade}`]));
    };
    // The originals and every variant in one table, each copy's id prefixed with its variant's
    // name (the event key is kept), so the view computes the events' features once.
    const id = sample.inputs.id;
    const variants = Object.entries(VARIANTS);
    const all = await outcomes([...sampleRows, ...variants.flatMap(([name, f]) => sampleRows.map((r) => ({ ...variantRow(r, f), [id]: `${name}|${r[id]}` })))]);
    assert.equal(all.size, sampleRows.length * (1 + variants.length));
    for (const [name] of variants) {
      const differ = sampleRows.filter((r) => all.get(`${name}|${r[id]}`) !== all.get(String(r[id]))).length;
      assert.equal(differ, 0, `${name}: ${differ} of ${sampleRows.length} leads score differently`);
    }
  } finally {
    db.closeSync();
  }
});
