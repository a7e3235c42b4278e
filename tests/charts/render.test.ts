import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { chartBundle, display } from "../../src/notebook/display";
import { compileChart, renderSvg } from "../../src/charts/render";
import { rateByValueChart } from "../../src/charts/rate-by-value";
import { helveticaWidth, withFontMetrics } from "../../src/charts/text-width";
import { CHART_CONFIG, VEGA_LITE_MIME } from "../../src/charts/theme";
import { validateSpec } from "../../src/charts/validate";
import { deepFreeze } from "../helpers/svg";

const SPEC = deepFreeze(
  rateByValueChart([{ label: "Inbound", n: 40, rate: 0.35, lo: 0.22, hi: 0.5 }], { title: "Win rate by source" }),
);

describe("compileChart", () => {
  test("gives a vega spec with marks", () => {
    const vgSpec = compileChart(SPEC);
    assert.ok(Array.isArray(vgSpec.marks) && vgSpec.marks.length > 0);
  });

  test("names vega-lite when it cannot compile", () => {
    const broken = { data: { values: [] }, mark: "no-such-mark" } as unknown as TopLevelSpec;
    assert.throws(() => compileChart(broken), /^Error: vega-lite could not compile the chart: /);
  });
});

describe("renderSvg", () => {
  test("draws a plain vega-lite spec too", async () => {
    const svg = await renderSvg({
      data: { values: [{ a: "x", b: 1 }, { a: "y", b: 2 }] },
      mark: "bar",
      encoding: { x: { field: "a", type: "nominal" }, y: { field: "b", type: "quantitative" } },
    });
    assert.match(svg, /^<svg[\s>]/);
    assert.equal(svg.match(/aria-roledescription="bar"/g)?.length, 2);
  });

  test("gives the same SVG for the same spec", async () => {
    assert.equal(await renderSvg(SPEC), await renderSvg(SPEC));
  });

  test("does not cut a label a browser would show in full", async () => {
    // vega's built-in estimate (0.8 × 12 px a character) would make this 288 px and cut it at 220.
    const label = "Referral from a partner agency";
    const svg = await renderSvg(rateByValueChart([{ label, n: 5, rate: 0.4, lo: 0.1, hi: 0.8 }], { title: "t" }));
    assert.ok(svg.includes(`>${label}</text>`), "the whole label is drawn");
  });
});

describe("helveticaWidth and withFontMetrics", () => {
  test("measures with Helvetica's widths", () => {
    assert.equal(helveticaWidth({ fontSize: 10 }, "00"), 11.12);
    assert.equal(helveticaWidth({}, "i"), (222 * 11) / 1000);
    assert.ok(helveticaWidth({ fontSize: 12, fontWeight: "bold" }, "rate") > helveticaWidth({ fontSize: 12 }, "rate"));
    assert.equal(helveticaWidth({ fontSize: 12 }, ""), 0);
  });

  test("puts vega's own estimate back when rendering ends, even after an error", async () => {
    const metrics = (vega as unknown as { textMetrics: { width: unknown; estimateWidth: unknown } }).textMetrics;
    assert.equal(metrics.width, metrics.estimateWidth);
    await Promise.all([renderSvg(SPEC), renderSvg(SPEC)]);
    assert.equal(metrics.width, metrics.estimateWidth);
    await assert.rejects(
      withFontMetrics(async () => {
        assert.equal(metrics.width, helveticaWidth);
        throw new Error("render failed");
      }),
      /render failed/,
    );
    assert.equal(metrics.width, metrics.estimateWidth);
  });
});

describe("validateSpec", () => {
  test("lists what is wrong with an invalid spec", () => {
    const errors = validateSpec({ data: { values: [] }, mark: "bars", encoding: { x: { field: 3 } } });
    assert.ok(errors.length > 0);
    assert.ok(errors.every((e) => typeof e.path === "string" && typeof e.message === "string"));
    assert.ok(errors.some((e) => e.path === "/mark"));
    const keys = errors.map((e) => `${e.path} ${e.message}`);
    assert.equal(new Set(keys).size, keys.length, "no error listed twice");
  });
});

describe("theme", () => {
  test("cannot be changed by a chart or a caller", () => {
    assert.ok(Object.isFrozen(CHART_CONFIG));
    assert.ok(Object.isFrozen(CHART_CONFIG.axis));
    assert.deepEqual((SPEC as { config?: unknown }).config, CHART_CONFIG);
  });
});

describe("chartBundle and display", () => {
  test("the bundle holds the spec, its SVG, the SVG as an <img> and a text line", async () => {
    const bundle = await chartBundle(SPEC);
    assert.deepEqual(Object.keys(bundle).sort(), [VEGA_LITE_MIME, "image/svg+xml", "text/html", "text/plain"].sort());
    const image = /^<img alt="Win rate by source" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)">$/.exec(bundle["text/html"]);
    assert.ok(image, bundle["text/html"].slice(0, 120));
    assert.equal(Buffer.from(image[1], "base64").toString("utf8"), bundle["image/svg+xml"]);
    assert.deepEqual(bundle[VEGA_LITE_MIME], SPEC);
    assert.notEqual(bundle[VEGA_LITE_MIME], SPEC, "the bundle holds a copy");
    assert.match(bundle["image/svg+xml"], /^<svg[\s>]/);
    assert.equal(bundle["text/plain"], "Chart: Win rate by source");
    assert.equal(JSON.parse(JSON.stringify(bundle))["text/plain"], "Chart: Win rate by source");
  });

  test("the image's alt text is the title, escaped", async () => {
    const bundle = await chartBundle(rateByValueChart([{ label: "a", n: 10, rate: 0.5, lo: 0.24, hi: 0.76 }], { title: 'AT&T "key" <deals>' }));
    assert.match(bundle["text/html"], /^<img alt="AT&amp;T &quot;key&quot; &lt;deals&gt;" src="data:image\/svg\+xml;base64,/);
  });

  test("display outside a tslab kernel throws and says what to use instead", async () => {
    await assert.rejects(display(SPEC), /no tslab kernel is running here.*renderSvg\(spec\).*chartBundle\(spec\)/);
  });
});
