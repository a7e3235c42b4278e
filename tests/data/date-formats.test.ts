/*
 * A date format reads the same in leadlab's JavaScript (deals' dates, `parseDate`) and in DuckDB
 * (event times, `try_strptime`), for every format `leadlab init` proposes: the same instant, or
 * unreadable in both. Month names were not: `%b` read "March" in JavaScript and not in DuckDB.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { parseDate } from "../../src/data/parse-date";
import { typedColumn } from "../../src/data/typed-column";
import { inferAttribute } from "../../src/data/infer-attribute";
import { DatasetError } from "../../src/formats/dataset-error";
import { DATE_FORMATS, detectDateFormat } from "../../src/init/date-format";
import { quoteString } from "../../src/sql/quoting";

const VALUES = [
  "03/05/2024", "3/5/2024", "03/05/2024 14:22", "03/05/2024 14:22:09", "3/5/2024 2:22 PM", "3/5/2024 2:22 AM", "13/05/2024", "05-03-2024", "05.03.2024",
  "2024/03/05", "05-Mar-2024", "5-mar-2024", "05-March-2024", "Mar 5, 2024", "March 5, 2024", "march 5, 2024", "5 Mar 2024", "5 March 2024", "05 SEPTEMBER 2024",
  "Sept 5, 2024", "31/02/2024", "2024-03-05", "soon",
  // two-digit years: the year 24 with %Y (in both), 2024 with %y, and the century DuckDB's %y picks (68 → 2068, 69 → 1969)
  "03/05/24", "3/5/24 2:22 PM", "03/05/24 14:22", "05.03.24", "05-Mar-24", "03/05/68", "03/05/69", "0024-03-05",
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

test("two-digit years: init proposes %y (not %Y, which reads the year 24); a date before the year 1000 is refused by the loader, naming the fix, and tolerated as unread by the inference", () => {
  assert.equal(detectDateFormat(["02/03/24", "12/31/25"]), "%m/%d/%y");
  assert.equal(detectDateFormat(["02/23/26 08:55 PM", "01/27/21 10:01 AM"]), "%m/%d/%y %I:%M %p");
  assert.equal(detectDateFormat(["31/01/24"]), "%d/%m/%y");
  // four-digit and two-digit years mixed: no one format reads both
  assert.equal(detectDateFormat(["02/03/2024", "02/03/24"]), undefined);
  assert.equal(new Date(parseDate("02/03/24", "%m/%d/%Y")).getUTCFullYear(), 24);
  assert.throws(
    () => typedColumn(["02/03/2024", "02/03/24"], "date", { file: "Opportunity.csv", column: "CloseDate" }, { dateFormat: "%m/%d/%Y" }),
    (e: unknown) =>
      e instanceof DatasetError &&
      e.message ===
        'Opportunity.csv: column "CloseDate": row 2: not a date with a four-digit year (with %m/%d/%Y it reads as the year 24) (value "02/03/24"). Fix: if the file writes two-digit years, set `date_format:` with %y for the year (e.g. "%m/%d/%y"); if the value stands for no date, add it to `missing:`.',
  );
  assert.throws(() => typedColumn(["0001-01-01"], "date", { file: "deals.csv", column: "closed" }), /not a date with a four-digit year \(as ISO 8601 it reads as the year 1\)/);
  const inferred = inferAttribute("signed_on", [...Array.from({ length: 40 }, (_, i) => `2024-03-${String((i % 28) + 1).padStart(2, "0")}`), "0001-01-01"]);
  assert.deepEqual([inferred.type, inferred.unread], ["date", [{ value: "0001-01-01", rows: 1 }]]);
});
