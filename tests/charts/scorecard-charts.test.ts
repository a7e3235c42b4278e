import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { TopLevelSpec } from "vega-lite";
import { calibrationChart } from "../../src/charts/calibration-chart";
import { gainsChart } from "../../src/charts/gains-chart";
import { gradeMatrixChart } from "../../src/charts/grade-matrix-chart";
import { renderSvg } from "../../src/charts/render";
import { rocChart } from "../../src/charts/roc-chart";
import { scoreDistributionChart } from "../../src/charts/score-distribution-chart";
import { validateSpec } from "../../src/charts/validate";
import { calibrationTable } from "../../src/model/calibration";
import { liftTable } from "../../src/model/lift";
import { rocCurve } from "../../src/model/roc-curve";
import { gradeMatrix } from "../../src/scoring/grade-matrix";
import { countRole, deepFreeze, svgTexts } from "../helpers/svg";

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

/** The lines of multi-line text (vega writes each as a <tspan>), entities decoded. */
function tspanTexts(svg: string): string[] {
  return [...svg.matchAll(/<tspan\b[^>]*>([^<]*)<\/tspan>/g)].map((m) =>
    m[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&"),
  );
}

/** Renders a spec, checking that neither vega-lite nor vega warns and that the spec is not changed. */
async function render(spec: TopLevelSpec): Promise<string> {
  const frozen = deepFreeze(structuredClone(spec));
  let svg = "";
  const warnings = await warningsDuring(async () => {
    svg = await renderSvg(frozen);
  });
  assert.deepEqual(warnings, [], "drawn without warnings");
  assert.match(svg, /^<svg[\s>]/);
  return svg;
}

// Twelve holdout deals with points: a score that ranks well but not perfectly.
const POINTS = [640, 630, 625, 610, 605, 600, 590, 585, 570, 560, 555, 540];
const WON = Uint8Array.from([1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0]);

const ROC = deepFreeze(rocCurve(POINTS, WON));
const AUC = deepFreeze({ auc: 0.75, lo: 0.46, hi: 1 });
const LIFT = deepFreeze(liftTable(POINTS, WON, { groups: 4 }));
const TIERS = deepFreeze([
  { name: "Hot <A> & co", minPoints: 620, shareOfLeads: 0.25, shareOfWins: 0.333 },
  { name: "Warm", minPoints: 590, shareOfLeads: 0.333, shareOfWins: 0.5 },
  { name: "Cold", minPoints: null, shareOfLeads: 0.417, shareOfWins: 0.167 },
]);
const CALIBRATION = deepFreeze(
  calibrationTable([0.1, 0.15, 0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9], Uint8Array.from([0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1]), { bins: 4 }),
);
const BUCKETS = deepFreeze([
  { points: 540, won: 0, lost: 3 },
  { points: 560, won: 2, lost: 4 },
  { points: 580, won: 5, lost: 3 },
  { points: 600, won: 7, lost: 1 },
  { points: 620, won: 4, lost: 0 },
]);
const GRADES = deepFreeze(
  gradeMatrix(["A1", "A1", "A1", "A2", "B1", "B3", "C2", "C4", "D4", "D4", "D4", "A1"], Uint8Array.from([1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1])),
);

describe("rocChart", () => {
  const spec = rocChart(ROC, { auc: AUC });

  test("is valid against vega-lite's JSON Schema, with and without options", () => {
    assert.deepEqual(validateSpec(spec), []);
    assert.deepEqual(validateSpec(rocChart(ROC)), []);
    assert.deepEqual(validateSpec(rocChart([])), []);
  });

  test("draws the curve, its area and the diagonal, and names the AUC with its interval", async () => {
    const svg = await render(spec);
    assert.equal(countRole(svg, "line mark"), 2, "the curve and the chance diagonal");
    assert.equal(countRole(svg, "area mark"), 1);
    const texts = svgTexts(svg);
    assert.ok(texts.includes("scorecard, AUC 0.750 [0.460–1.000]"));
    assert.ok(texts.includes("chance"));
    assert.ok(texts.includes("Ranking on the holdout (ROC curve)"));
  });

  test("does not change its input and carries its own copy", () => {
    const points = ROC.map((p) => ({ ...p }));
    const own = rocChart(points);
    points[1].tpr = 0.99;
    assert.ok(JSON.stringify(own).includes(String(ROC[1].tpr)));
    assert.ok(!JSON.stringify(own).includes("0.99"));
  });

  test("throws for rates outside [0, 1] and sizes under 100 pixels, naming the point or option", () => {
    assert.throws(() => rocChart([{ threshold: 1, fpr: 1.5, tpr: 0.5 }]), /point 1 of 1: fpr must be a number in \[0, 1\]; got 1.5/);
    assert.throws(() => rocChart(ROC, { width: 50 }), /rocChart: options.width must be at least 100 pixels; got 50/);
    assert.throws(() => rocChart(ROC, { auc: { auc: Number.NaN, lo: 0, hi: 1 } }), /options.auc must hold finite/);
  });
});

describe("gainsChart", () => {
  const spec = gainsChart(LIFT, { tiers: TIERS });

  test("is valid against vega-lite's JSON Schema", () => {
    assert.deepEqual(validateSpec(spec), []);
    assert.deepEqual(validateSpec(gainsChart(LIFT, { perfect: false })), []);
  });

  test("draws the gains curve from (0, 0), the random and perfect lines, and the end of every tier but the last", async () => {
    const svg = await render(spec);
    assert.equal(countRole(svg, "line mark"), 3);
    // One point per lift group plus the origin, and one diamond per tier boundary.
    assert.equal(countRole(svg, "point"), LIFT.groups.length + 1 + (TIERS.length - 1));
    const lines = tspanTexts(svg);
    assert.ok(lines.includes("Hot <A> & co: 25% of leads"), "the first tier's end, its name escaped by the SVG writer");
    assert.ok(lines.includes("33% of wins"));
    assert.ok(lines.includes("Hot <A> & co+Warm: 58% of leads"));
    assert.ok(lines.includes("83% of wins"));
    assert.ok(!svg.includes("<A>"), "no raw markup from a tier name");
    const texts = svgTexts(svg);
    for (const name of ["scorecard", "random order", "perfect ranking"]) assert.ok(texts.includes(name), name);
  });

  test("the curve follows the lift table's cumulative shares", () => {
    const curve = (spec as { layer: { data?: { values?: { series: string; leads: number; wins: number }[] } }[] }).layer[1].data!.values!;
    assert.deepEqual(
      curve.map((p) => [p.leads, p.wins]),
      [[0, 0], ...LIFT.groups.map((g) => [g.cumulativeShare, g.gain])],
    );
    assert.equal(curve.at(-1)!.wins, 1);
  });

  test("without the perfect line, the legend has two entries", async () => {
    const svg = await render(gainsChart(LIFT, { perfect: false }));
    assert.ok(!svgTexts(svg).includes("perfect ranking"));
    assert.equal(countRole(svg, "line mark"), 2);
  });

  test("marks no tier that holds no leads or ends at 100 %", () => {
    const tierLayers = (s: TopLevelSpec) => (s as { layer: unknown[] }).layer.length - 2;
    const everyoneInTop = [
      { name: "A", shareOfLeads: 1, shareOfWins: 1 },
      { name: "B", shareOfLeads: 0, shareOfWins: 0 },
      { name: "C", shareOfLeads: 0, shareOfWins: 0 },
    ];
    assert.equal(tierLayers(gainsChart(LIFT, { tiers: everyoneInTop })), 0);
    const emptyMiddle = [TIERS[0], { name: "empty", shareOfLeads: 0, shareOfWins: 0 }, { ...TIERS[2], shareOfLeads: 0.75 }];
    const marks = (gainsChart(LIFT, { tiers: emptyMiddle }) as { layer: { data?: { values?: { label: string }[] } }[] }).layer[2].data!.values!;
    assert.deepEqual(marks.map((m) => m.label), ["Hot <A> & co: 25% of leads\n33% of wins"]);
  });

  test("throws for a share outside [0, 1]", () => {
    assert.throws(() => gainsChart(LIFT, { tiers: [{ name: "x", shareOfLeads: 2, shareOfWins: 0.5 }, TIERS[2]] }), /tier "x": shareOfLeads must be a share in \[0, 1\]; got 2/);
    assert.throws(() => gainsChart({ baseRate: 0.5, groups: [{ ...LIFT.groups[0], gain: 1.2 }], warnings: [] }), /gain must be a share/);
  });
});

describe("calibrationChart", () => {
  const spec = calibrationChart(CALIBRATION);

  test("is valid against vega-lite's JSON Schema", () => {
    assert.deepEqual(validateSpec(spec), []);
    assert.deepEqual(validateSpec(calibrationChart([])), []);
  });

  test("draws a point and an interval per bin, and the diagonal", async () => {
    const svg = await render(spec);
    assert.equal(countRole(svg, "point"), CALIBRATION.length);
    assert.equal(countRole(svg, "rule mark"), CALIBRATION.length);
    assert.equal(countRole(svg, "line mark"), 1);
  });

  test("both axes share one domain, so the diagonal is at 45°", () => {
    const layers = (spec as { layer: { encoding: { x: { scale?: unknown }; y: { scale?: unknown } } }[] }).layer;
    assert.deepEqual(layers[2].encoding.x.scale, layers[2].encoding.y.scale);
  });

  test("throws for an interval that does not hold its rate", () => {
    assert.throws(() => calibrationChart([{ ...CALIBRATION[0], lo: 0.9, hi: 1 }]), /bin 1 of 1: the interval \[0.9, 1\] must contain the observed rate/);
    assert.throws(() => calibrationChart([{ ...CALIBRATION[0], meanPredicted: -0.1 }]), /meanPredicted must be a number in \[0, 1\]; got -0.1/);
  });
});

describe("scoreDistributionChart", () => {
  const spec = scoreDistributionChart(BUCKETS, { tiers: TIERS });

  test("is valid against vega-lite's JSON Schema, stacked and overlaid", () => {
    assert.deepEqual(validateSpec(spec), []);
    assert.deepEqual(validateSpec(scoreDistributionChart(BUCKETS, { layout: "overlaid", bucketWidth: 20 })), []);
    assert.deepEqual(validateSpec(scoreDistributionChart([])), []);
  });

  test("draws two bars per bucket and a labelled rule per tier threshold", async () => {
    const svg = await render(spec);
    assert.equal(countRole(svg, "bar"), 2 * BUCKETS.length);
    assert.equal(countRole(svg, "rule mark"), 2, "the last tier has no threshold");
    const texts = svgTexts(svg);
    assert.ok(texts.includes("Hot <A> & co ≥ 620"));
    assert.ok(texts.includes("Warm ≥ 590"));
    assert.ok(texts.includes("won") && texts.includes("lost"));
  });

  test("stacks won on lost, or overlays both from zero", () => {
    const bars = (s: TopLevelSpec) => (s as { data: { values: { outcome: string; from: number; y0: number; y1: number }[] } }).data.values;
    const stacked = bars(spec).filter((b) => b.from === 580);
    assert.deepEqual(stacked.map((b) => [b.outcome, b.y0, b.y1]), [["lost", 0, 3], ["won", 3, 8]]);
    const overlaid = bars(scoreDistributionChart(BUCKETS, { layout: "overlaid" })).filter((b) => b.from === 580);
    assert.deepEqual(overlaid.map((b) => [b.outcome, b.y0, b.y1]), [["lost", 0, 3], ["won", 0, 5]]);
  });

  test("infers the bucket width from the gaps, and takes it when given", () => {
    const to = (s: TopLevelSpec) => (s as { data: { values: { from: number; to: number }[] } }).data.values[0].to;
    assert.equal(to(spec), 560);
    assert.equal(to(scoreDistributionChart(BUCKETS, { bucketWidth: 10 })), 550);
  });

  test("throws for a bad count, a repeated bucket or an unknown layout", () => {
    assert.throws(() => scoreDistributionChart([{ points: 1, won: -1, lost: 0 }]), /bucket 1 \(1 points\): won must be a whole number of deals, 0 or more; got -1/);
    assert.throws(() => scoreDistributionChart([BUCKETS[0], BUCKETS[0]]), /the bucket at 540 points is listed twice/);
    assert.throws(
      () => scoreDistributionChart(BUCKETS, { layout: "side-by-side" as "stacked" }),
      /options.layout must be one of stacked, overlaid; got "side-by-side"/,
    );
  });
});

describe("gradeMatrixChart", () => {
  const spec = gradeMatrixChart(GRADES, { baseRate: 0.5 });

  test("is valid against vega-lite's JSON Schema", () => {
    assert.deepEqual(validateSpec(spec), []);
    assert.deepEqual(validateSpec(gradeMatrixChart([])), []);
  });

  test("draws all 16 cells, colours the ones with deals, and writes rate and count on them", async () => {
    const svg = await render(spec);
    const withDeals = GRADES.filter((g) => g.n > 0).length;
    assert.equal(countRole(svg, "rect mark"), 16 + withDeals, "a grey cell under every grade, a coloured one where there are deals");
    const texts = svgTexts(svg);
    // A1: 4 deals, 3 won.
    assert.ok(texts.includes("75%") && texts.includes("n=4"));
    assert.ok(texts.includes("no deals"), "empty cells say so");
    for (const level of ["A", "B", "C", "D", "1", "2", "3", "4"]) assert.ok(texts.includes(level), level);
  });

  test("puts cells in place: letters are rows, digits columns, whatever the input order", () => {
    const reversed = gradeMatrixChart([...GRADES].reverse(), { baseRate: 0.5 });
    assert.deepEqual(reversed, spec);
    const values = (spec as { data: { values: { grade: string; fit: string; engagement: string }[] } }).data.values;
    assert.deepEqual(values[0], { ...values[0], grade: "A1", fit: "A", engagement: "1" });
    assert.equal(values[15].grade, "D4");
  });

  test("throws for an unknown grade, a grade listed twice or a rate outside [0, 1]", () => {
    assert.throws(() => gradeMatrixChart([{ grade: "E1", n: 1, winRate: 0 }]), /grade must be a letter A–D and a digit 1–4, e.g. "B2"; got "E1"/);
    assert.throws(() => gradeMatrixChart([GRADES[0], GRADES[0]]), /the grade A1 is listed twice/);
    assert.throws(() => gradeMatrixChart([{ grade: "A1", n: 2, winRate: 1.5 }]), /winRate must be a number in \[0, 1\] or null; got 1.5/);
    assert.throws(() => gradeMatrixChart(GRADES, { baseRate: 1 }), /baseRate must be a number strictly between 0 and 1; got 1/);
  });
});
