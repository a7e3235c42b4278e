import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { frameworksComparisonChart, type FrameworksComparisonInput } from "../../src/charts/frameworks-comparison-chart";
import { renderSvg } from "../../src/charts/render";
import { validateSpec } from "../../src/charts/validate";
import { countRole, deepFreeze, svgTexts } from "../helpers/svg";

/** Renders a spec, failing on any vega or vega-lite warning. */
async function render(spec: Parameters<typeof renderSvg>[0]): Promise<string> {
  const original = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  let svg = "";
  try {
    svg = await renderSvg(spec);
  } finally {
    console.warn = original;
  }
  assert.deepEqual(warnings, [], "vega-lite and vega draw the chart without warnings");
  assert.match(svg, /^<svg[\s>]/);
  return svg;
}

const auc = (a: number, lo: number, hi: number) => ({ auc: a, lo, hi });

// The shape of an evaluation: MEDDIC best; CHAMP answered by BANT's attributes; ANUM not measured.
const RESULT: FrameworksComparisonInput = deepFreeze({
  frameworks: [
    { name: "BANT", sameAs: null, countAuc: auc(0.557, 0.529, 0.586), modelAuc: auc(0.59, 0.56, 0.619) },
    { name: "CHAMP", sameAs: "BANT", countAuc: auc(0.557, 0.529, 0.586), modelAuc: auc(0.59, 0.56, 0.619) },
    { name: "ANUM", sameAs: null, countAuc: null, modelAuc: null },
    { name: "MEDDIC", sameAs: null, countAuc: auc(0.575, 0.546, 0.604), modelAuc: auc(0.616, 0.587, 0.646) },
  ],
  comparison: {
    rows: [{ framework: "MEDDIC" }, { framework: "BANT" }, { framework: "CHAMP" }],
    scorecard: { name: "tuned scorecard", auc: auc(0.802, 0.779, 0.825) },
  },
});
const WITHOUT_SCORECARD: FrameworksComparisonInput = { ...RESULT, comparison: { ...RESULT.comparison, scorecard: null } };

/** The framework rows the spec draws: [label, series, auc]. */
function drawn(spec: ReturnType<typeof frameworksComparisonChart>): [string, string, number][] {
  const layers = (spec as { layer: { data?: { values?: { label?: string; series?: string; auc?: number }[] }; mark: { type: string } }[] }).layer;
  const points = layers.find((l) => l.mark.type === "point")!;
  return points.data!.values!.map((v) => [v.label!, v.series!, v.auc!]);
}

describe("frameworksComparisonChart", () => {
  test("is valid against vega-lite's JSON Schema, with and without a scorecard or the model", () => {
    assert.deepEqual(validateSpec(frameworksComparisonChart(RESULT)), []);
    assert.deepEqual(validateSpec(frameworksComparisonChart(WITHOUT_SCORECARD)), []);
    assert.deepEqual(validateSpec(frameworksComparisonChart(RESULT, { model: false, width: 300, title: "t", subtitle: "s" })), []);
  });

  test("one row per framework best first, frameworks with the same attributes named together, unmeasured ones left out", () => {
    assert.deepEqual(drawn(frameworksComparisonChart(RESULT)), [
      ["MEDDIC", "count of criteria met", 0.575],
      ["MEDDIC", "criteria weighted by a model", 0.616],
      ["BANT = CHAMP", "count of criteria met", 0.557],
      ["BANT = CHAMP", "criteria weighted by a model", 0.59],
    ]);
    assert.deepEqual(drawn(frameworksComparisonChart(RESULT, { model: false })), [
      ["MEDDIC", "count of criteria met", 0.575],
      ["BANT = CHAMP", "count of criteria met", 0.557],
    ]);
  });

  test("draws every AUC with its interval and caption, chance at 0.5, and the scorecard as a band when given", async () => {
    const svg = await render(frameworksComparisonChart(RESULT));
    assert.equal(countRole(svg, "point"), 4);
    const texts = svgTexts(svg);
    for (const caption of ["0.575 [0.546–0.604]", "0.616 [0.587–0.646]", "0.557 [0.529–0.586]", "0.590 [0.560–0.619]"]) assert.ok(texts.includes(caption), caption);
    assert.ok(texts.includes("tuned scorecard: 0.802 [0.779–0.825]"));
    assert.ok(texts.includes("BANT = CHAMP") && texts.includes("MEDDIC"));
    assert.ok(texts.includes("Qualification frameworks: ranking on the holdout"));

    const plain = await render(frameworksComparisonChart(WITHOUT_SCORECARD));
    assert.ok(!svgTexts(plain).some((t) => t.includes("tuned scorecard")));
    assert.equal(countRole(plain, "rect mark"), 0, "no scorecard band");
    assert.equal(countRole(svg, "rect mark"), 1, "the scorecard's band");
  });

  test("does not change its input", () => {
    // RESULT is deep-frozen: writing to it would throw.
    const spec = frameworksComparisonChart(RESULT);
    assert.equal(RESULT.frameworks.length, 4);
    assert.ok(JSON.stringify(spec).includes("0.802 [0.779–0.825]"));
  });

  test("throws for nothing to draw, an AUC outside [0, 1] or outside its interval, and a narrow width", () => {
    assert.throws(() => frameworksComparisonChart({ frameworks: [RESULT.frameworks[2]], comparison: { rows: [{ framework: "ANUM" }], scorecard: null } }), /no framework was measured/);
    const bad = (a: { auc: number; lo: number; hi: number }): FrameworksComparisonInput => ({
      frameworks: [{ name: "BANT", sameAs: null, countAuc: a, modelAuc: null }],
      comparison: { rows: [{ framework: "BANT" }], scorecard: null },
    });
    assert.throws(() => frameworksComparisonChart(bad(auc(1.2, 0.5, 1))), /BANT \(count of criteria met\): auc must be a number in \[0, 1\]; got 1.2/);
    assert.throws(() => frameworksComparisonChart(bad(auc(0.7, 0.75, 0.8))), /the interval \[0.75, 0.8\] must hold the AUC 0.7/);
    assert.throws(() => frameworksComparisonChart(RESULT, { width: 50 }), /options.width must be at least 100 pixels; got 50/);
    assert.throws(() => frameworksComparisonChart(null as never), /requires the result of evaluateFrameworks/);
  });
});
