import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { DuckDBConnection } from "@duckdb/node-api";
import { readCsvSql, sniffCsvDialect } from "../../src/data/csv-dialect";
import { openDuckDB } from "../../src/data/duckdb-session";
import { tempDir } from "../helpers/temp-dir";

let db: DuckDBConnection;
const dir = tempDir("leadlab-dialect-");
before(async () => void (db = await openDuckDB(dir)));
after(() => db.closeSync());

/** What DuckDB reads: the column names and rows, or the first line of its error. */
async function read(from: string): Promise<string> {
  try {
    const r = await db.runAndReadAll(`SELECT * FROM ${from}`);
    return JSON.stringify([r.columnNames(), r.getRowsJS()]);
  } catch (e) {
    return `error: ${(e as Error).message.split("\n")[0]}`;
  }
}

/** The file read with DuckDB's sniffer at the query, and in the dialect sniffed once. */
async function bothReads(name: string, content: string | Buffer): Promise<{ sniffing: string; sniffed: string }> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const sniffing = await read(`read_csv('${path}', header = true, skip = 0, all_varchar = true)`);
  let sniffed: string;
  try {
    sniffed = await read(readCsvSql(path, await sniffCsvDialect(db, path), { header: true }));
  } catch (e) {
    sniffed = `error: ${(e as Error).message.split("\n")[0]}`;
  }
  return { sniffing, sniffed };
}

const late = ["id,note", ...Array.from({ length: 30_000 }, (_, i) => `${i},n${i}`), '30000,"late, quoted"'].join("\n") + "\n";

const CASES: [string, string | Buffer][] = [
  ["crlf.csv", "a,b\r\n1,x\r\n2,y\r\n"],
  ["cr.csv", "a,b\r1,x\r2,y\r"],
  ["bom.csv", Buffer.from("\uFEFFa;b\n1;x\n2;y\n", "utf8")],
  ["quoted.csv", 'a,b\n1,"two\nlines"\n2,"say ""hi"""\n'],
  ["tab.tsv", "a\tb\n1\tx\n"],
  ["names.csv", "a,a,,b c\n1,2,,3\n"],
  ["late-quote.csv", late],
  ["ragged.csv", "a,b\n1,x\n2,y,z\n"],
  ["mixed-endings.csv", "a,b\r\n1,x\n2,y\r\n3,z\n"],
];

for (const [name, content] of CASES)
  test(`${name}: read in the dialect sniffed once, the table (or the error) is the one DuckDB reads sniffing at the query`, async () => {
    const { sniffing, sniffed } = await bothReads(name, content);
    assert.equal(sniffed, sniffing);
  });

test("the dialect: delimiter, quote, escape, line break and the header's names as DuckDB reads them", async () => {
  const path = join(dir, "dialect.csv");
  writeFileSync(path, 'id;Name;name;\r\n1;"a;""b""";x;\r\n');
  const dialect = await sniffCsvDialect(db, path);
  assert.deepEqual(dialect, { delimiter: ";", quote: '"', escape: '"', newLine: "\\r\\n", comment: "", names: ["id", "Name", "name_1", "column3"] });
  // Read with header = false, the header row is the first row.
  const r = await db.runAndReadAll(`SELECT * FROM ${readCsvSql(path, dialect, { header: false })} LIMIT 1`);
  assert.deepEqual(r.getRowsJS()[0], ["id", "Name", "name", null]);
  const rows = await db.runAndReadAll(`SELECT "Name" FROM ${readCsvSql(path, dialect, { header: true })}`);
  assert.deepEqual(rows.getRowsJS(), [['a;"b"']]);
});

test("missing texts are read as NULL in the sniffed dialect", async () => {
  const path = join(dir, "missing.csv");
  writeFileSync(path, "a,b\n1,NA\n2,y\n");
  const dialect = await sniffCsvDialect(db, path, ["NA"]);
  const r = await db.runAndReadAll(`SELECT b FROM ${readCsvSql(path, dialect, { header: true, nullTokens: ["NA"] })}`);
  assert.deepEqual(r.getRowsJS(), [[null], ["y"]]);
});
