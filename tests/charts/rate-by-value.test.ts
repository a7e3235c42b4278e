import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { rateByValueChart, type RateRow } from "../../src/charts/rate-by-value";
import { renderSvg } from "../../src/charts/render";
import { validateSpec } from "../../src/charts/validate";
import { countRole, deepFreeze, svgItems, svgTexts } from "../helpers/svg";

const ROWS: readonly RateRow[] = deepFreeze([
  { label: "1–49 employees", n: 412, rate: 0.142, lo: 0.112, hi: 0.178 },
  { label: "50–199 employees", n: 268, rate: 0.261, lo: 0.212, hi: 0.317 },
  { label: "200–999 employees", n: 151, rate: 0.384, lo: 0.31, hi: 0.464 },
  { label: "1,000+ employees & <enterprise>", n: 1037, rate: 0.486, lo: 0.455, hi: 0.517 },
  { label: "unknown", n: 9, rate: 0, lo: 0, hi: 0.299 },
]);

/** Runs `fn` and returns what it wrote with console.warn (vega and vega-lite warn that way). */
async function warningsDuring(fn: () => Promise<unknown>): Promise<unknown[][]> {
  const original = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    await fn();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe("rateByValueChart", () => {
  const spec = rateByValueChart(ROWS, { title: "Win rate by company size", baseRate: 0.241 });

  test("is valid against vega-lite's JSON Schema", () => {
    assert.deepEqual(validateSpec(spec), []);
  });

  test("is valid without a base rate and with another rate name", () => {
    const other = rateByValueChart(ROWS, { title: "Renewals", rateName: "retention rate" });
    assert.deepEqual(validateSpec(other), []);
    assert.deepEqual(other.title, { text: "Renewals", subtitle: "Bars: retention rate · lines: interval" });
  });

  test("renders one bar, one interval line and one caption per row, and the base rate line", async () => {
    let svg = "";
    const warnings = await warningsDuring(async () => {
      svg = await renderSvg(spec);
    });
    assert.deepEqual(warnings, [], "vega-lite and vega draw the chart without warnings");
    assert.match(svg, /^<svg[\s>]/);
    assert.equal(countRole(svg, "bar"), ROWS.length);
    // Interval whiskers: one line per row plus the dashed base-rate line.
    assert.equal(countRole(svg, "rule mark"), ROWS.length + 1);
    // End caps: two per row.
    assert.equal(countRole(svg, "tick"), 2 * ROWS.length);
    const texts = svgTexts(svg);
    for (const row of ROWS) assert.ok(texts.includes(row.label), `axis label "${row.label}" is drawn`);
    for (const caption of ["14% (n=412)", "26% (n=268)", "38% (n=151)", "49% (n=1,037)", "0% (n=9)"]) {
      assert.ok(texts.includes(caption), `caption "${caption}" is drawn`);
    }
    assert.ok(texts.includes("overall 24%"));
    assert.ok(texts.includes("Win rate by company size"));
  });

  test("draws the rows top to bottom in the order given", async () => {
    const svg = await renderSvg(spec);
    const bars = svgItems(svg).filter((item) => item.role === "bar");
    const drawn = bars
      .map((bar) => ({
        label: /; label: (.*?); value: /.exec(bar.label ?? "")?.[1],
        top: Number(/ d="M[-\d.e]+,([-\d.e]+)/.exec(bar.element)?.[1]),
      }))
      .sort((a, b) => a.top - b.top)
      .map((bar) => bar.label);
    assert.deepEqual(
      drawn,
      ROWS.map((row) => row.label.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")),
    );
  });

  test("does not change its input, and rendering does not change the spec", async () => {
    const before = structuredClone(ROWS);
    const frozenSpec = deepFreeze(rateByValueChart(ROWS, { title: "t", baseRate: 0.2 }));
    const specBefore = structuredClone(frozenSpec);
    await renderSvg(frozenSpec);
    assert.deepEqual(ROWS, before);
    assert.deepEqual(frozenSpec, specBefore);
  });

  test("carries its own copy of the data", () => {
    const rows = ROWS.map((row) => ({ ...row }));
    const own = rateByValueChart(rows, { title: "t" });
    rows[0].rate = 0.9;
    assert.equal((own as { data: { values: RateRow[] } }).data.values[0].rate, 0.142);
  });

  test("without a base rate, draws no reference line", async () => {
    const svg = await renderSvg(rateByValueChart(ROWS, { title: "t" }));
    assert.equal(countRole(svg, "rule mark"), ROWS.length);
    assert.ok(!svgTexts(svg).some((text) => text.startsWith("overall")));
  });

  test("shows one decimal for rates under 10 %", async () => {
    const svg = await renderSvg(
      rateByValueChart([{ label: "a", n: 200, rate: 0.045, lo: 0.024, hi: 0.083 }], { title: "t" }),
    );
    assert.ok(svgTexts(svg).includes("4.5% (n=200)"));
  });

  test("throws for rows that are not a rate inside its interval, naming the row", () => {
    const row: RateRow = { label: "x", n: 10, rate: 0.5, lo: 0.2, hi: 0.8 };
    const cases: [Partial<RateRow>, RegExp][] = [
      [{ rate: 1.2, hi: 1 }, /row 2 of 2 \("x"\): rate must be a number in \[0, 1\]; got 1.2/],
      [{ rate: Number.NaN }, /rate must be a number in \[0, 1\]; got NaN/],
      [{ lo: 0.6 }, /interval \[0.6, 0.8\] must contain the rate 0.5/],
      [{ hi: 0.4 }, /interval \[0.2, 0.4\] must contain the rate 0.5/],
      [{ n: -1 }, /n must be a whole number of deals, 0 or more; got -1/],
      [{ n: 2.5 }, /got 2.5/],
      [{ label: "" }, /row 2 of 2 needs a non-empty text label/],
    ];
    for (const [change, message] of cases) {
      assert.throws(() => rateByValueChart([ROWS[0], { ...row, ...change }], { title: "t" }), message);
    }
  });

  test("throws for a label used twice and for a wrong option", () => {
    assert.throws(() => rateByValueChart([ROWS[0], ROWS[0]], { title: "t" }), /label "1–49 employees" appears twice/);
    assert.throws(() => rateByValueChart(ROWS, { title: "t", baseRate: 24 }), /baseRate must be a number in \[0, 1\]; got 24/);
    assert.throws(() => rateByValueChart(ROWS, { title: "t", width: 10 }), /width must be at least 100 pixels; got 10/);
  });

  test("an empty list gives a valid, empty chart", async () => {
    const empty = rateByValueChart([], { title: "Nothing yet", baseRate: 0.3 });
    assert.deepEqual(validateSpec(empty), []);
    const svg = await renderSvg(empty);
    assert.equal(countRole(svg, "bar"), 0);
  });
});
