/*
 * A date format reads the same in leadlab's JavaScript (deals' dates, `parseDate`) and in DuckDB
 * (event times, `try_strptime`), for every format `leadlab init` proposes: the same instant, or
 * unreadable in both. Month names were not: `%b` read "March" in JavaScript and not in DuckDB.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { parseDate } from "../../src/data/parse-date";
import { DATE_FORMATS, detectDateFormat } from "../../src/init/date-format";
import { quoteString } from "../../src/sql/quoting";

const VALUES = [
  "03/05/2024", "3/5/2024", "03/05/2024 14:22", "03/05/2024 14:22:09", "3/5/2024 2:22 PM", "3/5/2024 2:22 AM", "13/05/2024", "05-03-2024", "05.03.2024",
  "2024/03/05", "05-Mar-2024", "5-mar-2024", "05-March-2024", "Mar 5, 2024", "March 5, 2024", "march 5, 2024", "5 Mar 2024", "5 March 2024", "05 SEPTEMBER 2024",
  "Sept 5, 2024", "31/02/2024", "2024-03-05", "soon",
];

test("every format init proposes reads each value as DuckDB's strptime does, month names included", async () => {
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  let compared = 0, readable = 0;
  for (const format of DATE_FORMATS) {
    const sql = VALUES.map((v) => `epoch_ms(try_strptime(${quoteString(v, "duckdb")}, ${quoteString(format, "duckdb")}))`).join(", ");
    const duck = (await db.runAndReadAll(`SELECT ${sql}`)).getRowsJS()[0].map((x) => (x === null ? NaN : Number(x)));
    VALUES.forEach((v, k) => {
      assert.equal(parseDate(v, format), duck[k], `${JSON.stringify(v)} with ${format}`);
      compared++;
      if (!Number.isNaN(duck[k])) readable++;
    });
  }
  assert.ok(readable > 20, `${readable} of ${compared} read`);
});

test("init proposes %B for full month names and %b for their three letters", () => {
  assert.equal(detectDateFormat(["5 March 2024", "12 June 2024"]), "%d %B %Y");
  assert.equal(detectDateFormat(["5 Mar 2024", "12 Jun 2024"]), "%d %b %Y");
  assert.equal(detectDateFormat(["March 5, 2024"]), "%B %d, %Y");
  assert.equal(detectDateFormat(["Mar 5, 2024"]), "%b %d, %Y");
});
