import assert from "node:assert/strict";
import { test } from "node:test";
import { columnCurrency, describeNumberFormat, detectNumberFormat, readNumberText } from "../../src/data/number-format";
import { amountDrivers } from "../../src/drivers/amount-drivers";
import { valueSection } from "../../src/report/value-section";
import { foldText } from "../../src/data/fold-text";
import { inferAttribute } from "../../src/data/infer-attribute";
import { loadDataset } from "../../src/data/load-dataset";
import { specText, tempDataset } from "../helpers/temp-dataset";

test("readNumberText reads each export spelling with the column's decimal mark", () => {
  const cases: [string, "." | ",", number | undefined][] = [
    ["1,234", ".", 1234],
    ["1,234", ",", 1.234],
    ["1.234", ".", 1.234],
    ["1.234", ",", 1234],
    ["$62,000.00", ".", 62000],
    ["€1.200,50", ",", 1200.5],
    ["1 234 567", ".", 1234567],
    ["1\u00a0234,5", ",", 1234.5],
    ["1'234.5", ".", 1234.5],
    ["12%", ".", 12],
    ["-12.5 %", ".", -12.5],
    ["(1,234)", ".", -1234],
    ["-$5", ".", -5],
    ["$-5", ".", -5],
    ["\u22125", ".", -5],
    ["100 USD", ".", 100],
    ["EUR 100", ".", 100],
    [".5", ".", 0.5],
    ["1.", ".", 1],
    ["1e6", ".", 1e6],
    ["0.125", ",", undefined], // a leading 0 is no thousands group
    ["1,23,456", ".", undefined], // lakh grouping is not read
    ["$1e5", ".", undefined], // exponents only on plain numbers
    ["12 users", ".", undefined],
    ["-", ".", undefined],
    ["", ".", undefined],
  ];
  for (const [text, decimal, value] of cases) assert.equal(readNumberText(text, decimal)?.value, value, `${JSON.stringify(text)} with '${decimal}'`);
  assert.equal(readNumberText("1e400", ".")!.value, Infinity);
  assert.deepEqual(readNumberText("$1,200", "."), { value: 1200, currency: "$", percent: false, grouped: true });
});

test("detectNumberFormat: the decimal mark follows the values that settle it", () => {
  assert.equal(detectNumberFormat(["1,234", "12"]).decimal, ".");
  assert.equal(detectNumberFormat(["12,5", "7"]).decimal, ",");
  assert.equal(detectNumberFormat(["1.234,5", "1.234"]).decimal, ",");
  assert.equal(detectNumberFormat(["1,234.5", "1,234"]).decimal, ".");
  // One "1,5" does not outvote two "1,234"-style values.
  assert.equal(detectNumberFormat(["1,234", "5,678", "1,5"]).decimal, ".");
  assert.equal(detectNumberFormat(["1,5"], ".").decimal, ".");
  assert.equal(detectNumberFormat(["€1.200"]).ambiguous?.startsWith('values like "€1.200" read as 1.2'), true);
  assert.equal(detectNumberFormat(["1.200", "3.400"]).ambiguous, undefined);
  assert.equal(detectNumberFormat(["€1.200", "€1.200,50"]).ambiguous, undefined);
  assert.match(detectNumberFormat(["$1", "€2"]).ambiguous!, /mixes currencies \(\$, €\)/);
  assert.equal(describeNumberFormat(detectNumberFormat(["1", "2"])), "");
});

test("foldText: NFC, every white space one space, case folded", () => {
  assert.equal(foldText("Closed\u00a0\u00a0Won"), "closed won");
  assert.equal(foldText("\tÉvénement ".normalize("NFD")), foldText("événement"));
  assert.equal(foldText("STRASSE"), foldText("Straße"));
  assert.equal(foldText("a\u200bb"), "a b");
});

test("inferAttribute: the 95 % and 5-token rule at its edges", () => {
  const nums = (k: number) => Array.from({ length: k }, (_, i) => String(i));
  // 19 of 20 = 95 %: numeric; 18 of 20 = 90 %: text.
  assert.equal(inferAttribute("x", [...nums(19), "?"]).type, "numeric");
  assert.equal(inferAttribute("x", [...nums(18), "?", "?"]).type, "categorical");
  // 5 distinct tokens in 200 values: numeric; 6: text.
  assert.equal(inferAttribute("x", [...nums(195), "a", "b", "c", "d", "e"]).type, "numeric");
  assert.equal(inferAttribute("x", [...nums(194), "a", "b", "c", "d", "e", "f"]).type, "categorical");
  assert.deepEqual(inferAttribute("x", [...nums(19), "?"]).unread, [{ value: "?", rows: 1 }]);
});

test("the loader keeps how a numeric column wrote its numbers, for the rules to read new values alike", async () => {
  const dir = tempDataset({
    "dataset.yaml": specText(),
    "deals.csv": [
      "deal_id,stage,created,budget,seats,discount",
      'D1,Won,2026-01-10,"$62,000.00",12,"12,5 %"',
      'D2,Lost,2026-01-12,"$1,200.50",3,"7,0 %"',
      'D3,Won,2026-02-01,"$950.00",40,"0,5 %"',
      'D4,Lost,2026-02-05,"$18,000.00",7,"3,25 %"',
    ].join("\n"),
  });
  const { table } = await loadDataset(`${dir}/dataset.yaml`);
  assert.deepEqual(table.attribute("budget").numberFormat, { decimal: "." });
  assert.deepEqual(table.attribute("discount").numberFormat, { decimal: "," });
  assert.equal(table.attribute("seats").numberFormat, undefined, "plain numbers need no format");
  assert.deepEqual(Array.from(table.columns.budget as Float64Array), [62000, 1200.5, 950, 18000]);
  assert.deepEqual(Array.from(table.columns.discount as Float64Array), [12.5, 7, 0.5, 3.25]);
});

test("the deals' amount keeps its currency when its values carry one mark: the deal-size analysis and its report section show it", async () => {
  const rows = Array.from({ length: 40 }, (_, i) => `D${i},${i % 3 ? "Won" : "Lost"},2026-01-${String((i % 28) + 1).padStart(2, "0")},"$${(1000 * (i + 1)).toLocaleString("en-US")}.00",${i % 2 ? "a" : "b"}`);
  const dir = tempDataset({
    "dataset.yaml": specText("", "deals:\n  file: deals.csv\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n  created_at: created\n  amount: amount\n"),
    "deals.csv": ["deal_id,stage,created,amount,plan", ...rows].join("\n"),
  });
  const { table } = await loadDataset(`${dir}/dataset.yaml`);
  assert.equal(table.amountCurrency, "USD");
  assert.equal(table.amount![1], 2000);
  const value = amountDrivers(table, { rows: Int32Array.from(table.ids, (_, i) => i) });
  assert.equal(value.currency, "USD");
  const section = await valueSection(value);
  assert.match(section.html, /median amount \$\d{1,3}(,\d{3})* \[\$/);
  assert.equal(columnCurrency(detectNumberFormat(["12 EUR", "3 USD"])), undefined, "two currencies: none");
});
