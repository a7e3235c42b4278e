import assert from "node:assert/strict";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { Client } from "pg";
import { readNumberText } from "../../src/data/number-format";
import type { DecimalMark } from "../../src/formats/vocabulary";
import { dialect } from "../../src/sql/dialects";
import { formattedNumberText, numberOfText, trimmedText } from "../../src/sql/text-values";
import { seededRandom } from "../../src/stats/random";
import type { ScoringRules } from "../../src/formats/scoring-rules-schema";
import { fixtureRules } from "../scoring/helpers";
import { duckdbOutcomes, postgresOutcomes, scorerOutcomes, type LeadsTable } from "../scoring/view-outcomes";

/*
 * The scoring view reads numbers written as exports write them exactly as the loader (and so
 * the runtime scorer) does: a seeded catalogue of texts built from the parts of that grammar,
 * valid and not, read by `readNumberText` and by the SQL of `formattedNumberText` in DuckDB and
 * PostgreSQL, must give the same number, or nothing, for every text.
 */

const PARTS = {
  wrap: ["", "()", "( )"],
  sign: ["", "", "-", "+", "- ", "\u2212", "--", "+-", "-+"],
  prefix: ["", "", "", "$", "US$", "€ ", "eur ", "R$", "usd", "£", "$  ", "S$"],
  sign2: ["", "", "-", "+ "],
  suffix: ["", "", "", " EUR", "usd", " $", "€", " SEK", "  EUR"],
  percent: ["", "", "", "%", " %", "  %"],
};
const BODIES: Record<DecimalMark, string[]> = {
  ".": ["1,234", "1,234.56", "12,345,678.9", "1 234", "1'234.5", "1\u00a0234", "1\u202f234,567", "1234", "0.5", ".5", "5.", "1e3", "1.5E-3", "2e+5", "12,34", "1,2345", "0,123", "1,234e3", "1,234,56", "", ".", "00012", "1,234'567"],
  ",": ["1.234", "1.234,56", "12,5", ",5", "1 234,5", "1234", "1,2,3", "1e3", "1.234.567,891", "5,", "0.123", "12.34", "1'234,5", "1\u00a0234", ""],
};
const JUNK = ["abc", "$", "%", "(5", "5)", "1,23,456", "\u0661\u0662\u0663", "1_000", "()", "-", "E5", "5 5", "$5$", "5$%", "((5))", "1.2.3", "€€5", "5 EUR EUR"];

/** A seeded catalogue of texts for one decimal mark, each distinct. */
function catalogue(decimal: DecimalMark, size: number): string[] {
  const rand = seededRandom(decimal === "." ? 11 : 12);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out = new Set<string>(JUNK);
  while (out.size < size) {
    const inner = `${pick(PARTS.sign)}${pick(PARTS.prefix)}${pick(PARTS.sign2)}${pick(BODIES[decimal])}${pick(PARTS.suffix)}${pick(PARTS.percent)}`;
    const wrap = pick(PARTS.wrap);
    out.add(wrap === "" ? inner : `(${wrap === "( )" ? ` ${inner} ` : inner})`);
  }
  return [...out].filter((t) => t.trim() !== "");
}

/** What the runtime scorer reads: the number, or null when it cannot read one (tiny magnitudes read as 0). */
function scorerReading(text: string, decimal: DecimalMark): number | null {
  const x = readNumberText(text.trim(), decimal)?.value;
  if (x === undefined || !Number.isFinite(x)) return null;
  return Math.abs(x) < 1e-300 ? 0 : x;
}

function viewExpression(engine: "duckdb" | "postgres", decimal: DecimalMark): string {
  const d = dialect(engine);
  return numberOfText(d, formattedNumberText(d, trimmedText(d, "t"), decimal));
}

for (const decimal of [".", ","] as const) {
  const texts = catalogue(decimal, 2500);
  const expected = texts.map((t) => scorerReading(t, decimal));

  test(`decimal mark "${decimal}": the catalogue holds readable and unreadable texts of every kind`, () => {
    const read = expected.filter((x) => x !== null).length;
    assert.ok(read > 300 && texts.length - read > 300, `${read} of ${texts.length} read`);
    assert.ok(expected.some((x) => x !== null && x < 0), "negative numbers");
    assert.ok(texts.some((t, i) => expected[i] !== null && /[$€£]|EUR|usd/i.test(t)), "currencies read");
    assert.ok(texts.some((t, i) => expected[i] !== null && t.includes("%")), "percentages read");
    assert.ok(texts.some((t, i) => expected[i] !== null && t.startsWith("(")), "parentheses read");
  });

  test(`decimal mark "${decimal}": DuckDB's view reads ${texts.length} texts exactly as the scorer does`, async () => {
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    try {
      await db.run("CREATE TABLE t (i INTEGER, t VARCHAR)");
      const appender = await db.createAppender("t");
      texts.forEach((t, i) => {
        appender.appendInteger(i);
        appender.appendVarchar(t);
        appender.endRow();
      });
      appender.closeSync();
      const rows = (await db.runAndReadAll(`SELECT i, ${viewExpression("duckdb", decimal)} AS x FROM t ORDER BY i`)).getRowObjectsJS();
      rows.forEach((r, i) => assert.equal(r.x === null ? null : Number(r.x), expected[i], `duckdb: ${JSON.stringify(texts[i])}`));
    } finally {
      db.closeSync();
    }
  });

  test(`decimal mark "${decimal}": PostgreSQL's view reads ${texts.length} texts exactly as the scorer does`, async (t) => {
    if (!process.env.PGHOST) {
      if (process.env.CI === "true") assert.fail("PGHOST is not set under CI=true: the PostgreSQL number reading must be tested in CI");
      t.skip("PGHOST is not set: skipping the PostgreSQL half");
      return;
    }
    const client = new Client();
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT i, ${viewExpression("postgres", decimal)} AS x FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i`, [texts]);
      rows.forEach((r: { x: number | string | null }, i: number) => assert.equal(r.x === null ? null : Number(r.x), expected[i], `postgres: ${JSON.stringify(texts[i])}`));
    } finally {
      await client.end();
    }
  });
}

test("the scoring view scores an attribute written as exports write numbers exactly as score() does", async (t) => {
  const rules = fixtureRules();
  rules.attributes.find((a) => a.name === "employees")!.numberFormat = { decimal: "," };
  const values = ["1.200 EUR", "(49,5)", "50", "€ 1.999,99", "2.000", "1.5", "12 %", "", "NA", "abc", "1.2.3", "-2.500,00 €"];
  const leads: LeadsTable = {
    columns: ["lead_id", "employees", "industry", "region", "budget_confirmed", "tech_stack"],
    rows: values.map((v, i) => [`L${i}`, v, "SaaS", "EMEA", "yes", "Salesforce"]),
  };
  const want = scorerOutcomes(withoutEvents(rules), leads);
  const unread = [...want].filter(([, o]) => o === "null null null").map(([id]) => values[Number(id.slice(1))]);
  assert.deepEqual(unread, ["1.5", "NA", "abc", "1.2.3"], "not numbers with a decimal comma (NA is no missing token of these rules)");
  assert.deepEqual(await duckdbOutcomes(withoutEvents(rules), leads), want);
  const pg = await postgresOutcomes(withoutEvents(rules), leads);
  if (!pg) {
    if (process.env.CI === "true") assert.fail("PGHOST is not set under CI=true");
    t.skip("PGHOST is not set: skipping the PostgreSQL half");
    return;
  }
  assert.deepEqual(pg, want);
});

/** The rules without their behavioural attributes (the leads table here has no events). */
function withoutEvents(rules: ScoringRules): ScoringRules {
  return { ...rules, attributes: rules.attributes.filter((a) => !("event" in a.source)) };
}
