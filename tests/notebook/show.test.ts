import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { DataFrame } from "danfojs-node";
import { show, showDataFramesAsTables, tableCellText, tableHtml } from "../../src/notebook/show";

/** tslab's kernel module, whose `lastWriteDisplayData` a running cell's output goes through. */
const kernel = require("tslab/dist/jupyter") as { lastWriteDisplayData: ((data: { data: Record<string, unknown> }, update: boolean) => void) | null };

/** Runs `body` as if in a tslab cell, returning the display messages it sent. */
function inCell(body: () => void): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = [];
  kernel.lastWriteDisplayData = (message) => sent.push(message.data);
  try {
    body();
  } finally {
    kernel.lastWriteDisplayData = null;
  }
  return sent;
}

after(() => {
  kernel.lastWriteDisplayData = null;
});

describe("tableCellText", () => {
  test("whole numbers get separators, others 3 significant digits, tiny ones e-notation, missing ones nothing", () => {
    assert.equal(tableCellText(1234567), "1,234,567");
    assert.equal(tableCellText(-22), "−22");
    assert.equal(tableCellText(2 / 3), "0.667");
    assert.equal(tableCellText(1234.5678), "1230");
    assert.equal(tableCellText(0.00042), "4.2e-4");
    assert.equal(tableCellText(0.001), "0.001");
    assert.equal(tableCellText(null), "");
    assert.equal(tableCellText(undefined), "");
    assert.equal(tableCellText(NaN), "");
    assert.equal(tableCellText(false), "false");
  });
});

describe("tableHtml", () => {
  test("rows of objects: the union of their keys, text escaped, numeric columns aligned, a caption when rows are cut", () => {
    const html = tableHtml([{ name: "AT&T <x>", deals: 3 }, { name: "b", deals: null, extra: "y" }, { name: "c", deals: 5 }], 2);
    assert.equal(
      html,
      '<div class="table-scroll"><table class="data"><caption>first 2 of 3 rows</caption>' +
        '<thead><tr><th>name</th><th class="num">deals</th><th>extra</th></tr></thead>' +
        '<tbody><tr><td>AT&amp;T &lt;x&gt;</td><td class="num">3</td><td></td></tr>' +
        '<tr><td>b</td><td class="num"></td><td>y</td></tr></tbody></table></div>',
    );
  });

  test("a DataFrame gives the same table as its rows as objects; an empty one its headings only", () => {
    const rows = [
      { tier: "A", rate: 0.61234, deals: 1200 },
      { tier: "B", rate: 0.4, deals: 80 },
    ];
    assert.equal(tableHtml(new DataFrame(rows)), tableHtml(rows));
    assert.equal(tableHtml([]), '<div class="table-scroll"><table class="data"><thead><tr></tr></thead><tbody></tbody></table></div>');
  });
});

describe("show", () => {
  test("outside a tslab kernel it throws and names tableHtml", () => {
    assert.throws(() => show([{ a: 1 }]), /no tslab kernel is running here.*tableHtml\(data\)/);
  });

  test("in a cell it sends the table as HTML with a line of text", () => {
    const rows = [{ a: 1, b: "x" }];
    const sent = inCell(() => show(rows));
    assert.deepEqual(sent, [{ "text/html": tableHtml(rows), "text/plain": "table: 1 rows × 2 columns (a, b)" }]);
  });
});

describe("showDataFramesAsTables", () => {
  showDataFramesAsTables();
  const frame = new DataFrame({ id: Array.from({ length: 25 }, (_, i) => `D${i}`), amount: Array.from({ length: 25 }, (_, i) => 1000 * i) });

  test("a frame printed in a cell shows its first 20 rows as a table and prints its size", () => {
    let printed = "";
    const sent = inCell(() => (printed = inspect(frame)));
    assert.equal(printed, "DataFrame: 25 rows × 2 columns, the first 20 shown");
    assert.equal(sent.length, 1);
    assert.equal(sent[0]["text/html"], tableHtml(frame, 20));
    assert.match(String(sent[0]["text/html"]), /<caption>first 20 of 25 rows<\/caption>/);
  });

  test("frames that danfojs methods return (head, loc) show the same way", () => {
    const sent = inCell(() => inspect(frame.head(3)));
    assert.equal(sent[0]["text/html"], tableHtml(frame.head(3)));
  });

  test("inside another value, or outside a cell, a frame prints as its size alone", () => {
    const sent = inCell(() => assert.equal(inspect({ frame }), "{ frame: DataFrame: 25 rows × 2 columns }"));
    assert.deepEqual(sent, []);
    assert.equal(inspect(frame), "DataFrame: 25 rows × 2 columns");
  });
});
