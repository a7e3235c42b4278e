import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { binRateRows } from "../../src/charts/bin-rate-rows";
import { contrastScatterChart } from "../../src/charts/contrast-scatter";
import { ivRankingChart } from "../../src/charts/iv-ranking";
import { rateByValueChart } from "../../src/charts/rate-by-value";
import { renderSvg } from "../../src/charts/render";
import { survivalCurvesChart } from "../../src/charts/survival-curves";
import { helveticaWidth } from "../../src/charts/text-width";
import { validateSpec } from "../../src/charts/validate";
import type { ContrastRow, DriversContrast } from "../../src/drivers/contrast";
import { DriversResult, type BinSurvival, type DriverAttribute } from "../../src/drivers/drivers-result";
import { binStats, type BinSet } from "../../src/stats/binning/bin";
import { countRole, deepFreeze, svgItems, svgTexts } from "../helpers/svg";

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

/** Renders a spec, failing on any vega or vega-lite warning. */
async function render(spec: Parameters<typeof renderSvg>[0]): Promise<string> {
  let svg = "";
  const warnings = await warningsDuring(async () => {
    svg = await renderSvg(spec);
  });
  assert.deepEqual(warnings, [], "vega-lite and vega draw the chart without warnings");
  assert.match(svg, /^<svg[\s>]/);
  return svg;
}

/** A bin set of categories from event and non-event counts (the last label is the missing bin). */
function binSet(name: string, labels: string[], events: number[], nonEvents: number[]): BinSet {
  const stats = binStats(events, nonEvents);
  const bins = labels.map((label, i) => ({
    rule: label === "missing" ? { kind: "missing" as const } : { kind: "set" as const, values: [label] },
    label,
    ...stats[i],
  }));
  const E = events.reduce((s, v) => s + v, 0);
  const N = nonEvents.reduce((s, v) => s + v, 0);
  return { name, type: "categorical", bins, iv: bins.reduce((s, b) => s + b.iv, 0), n: E + N, events: E, nonEvents: N, ignored: 0, minBinSize: 30, warnings: [] };
}

function attribute(name: string, iv: number, q: number, extra: Partial<DriverAttribute> = {}): DriverAttribute {
  return {
    name,
    attribute: name,
    role: "firmographic",
    type: "categorical",
    iv,
    p: q / 2,
    q,
    significant: q < 0.05,
    cramersV: 0.1,
    method: "chi-square",
    designEffect: 1,
    leakage: null,
    leakageKept: false,
    leakageQuestion: null,
    leakageEvidence: { strong: [], supporting: [] },
    redundantWith: [],
    binSet: binSet(name, ["a", "b", "missing"], [60, 20, 0], [40, 80, 0]),
    warnings: [],
    ...extra,
  };
}

const WIN = deepFreeze(
  new DriversResult({
    target: "won",
    event: "won",
    n: 200,
    events: 80,
    baseRate: 0.4,
    fdr: 0.05,
    verdict: "3 of 5 attributes predict winning (q < 0.05); 1 flagged as possible leakage and set aside",
    warnings: [],
    attributes: [
      attribute("close_reason", 6.6, 1e-40, { leakage: 'bin "PRICE" (90 deals) has a win rate of 0.0 %', significant: false }),
      attribute("industry", 0.58, 1e-20, { redundantWith: ["segment"] }),
      attribute("employees", 0.47, 1e-12),
      attribute("segment", 0.2, 0.01, { redundantWith: ["industry"] }),
      attribute("region", 0.01, 0.7),
    ],
  }),
);

/** A step curve falling from `start` survival by `step` per event, 100 days apart. */
function curve(label: string, n: number, start: number, steps: number, step: number): BinSurvival {
  const points = Array.from({ length: steps }, (_, i) => {
    const s = start - step * i;
    return { days: 50 + 100 * i, survival: s, lo: Math.max(0, s - 0.06), hi: Math.min(1, s + 0.04) };
  });
  const at = points.filter((p) => p.days <= 365).at(-1)!;
  return { label, n, atHorizon: { survival: at.survival, lo: at.lo, hi: at.hi }, medianDays: NaN, curve: points };
}

const CURVES: readonly BinSurvival[] = deepFreeze([
  curve("< 50", 120, 0.97, 9, 0.05),
  curve("50–999", 300, 0.99, 9, 0.015),
  curve("≥ 1000", 90, 1, 9, 0.005),
  { label: "missing", n: 0, atHorizon: { survival: 1, lo: 1, hi: 1 }, medianDays: NaN, curve: [] },
]);

const RETENTION_ATTRIBUTE: DriverAttribute = deepFreeze({
  ...attribute("employees", 0.74, 1e-20),
  type: "numeric",
  binSet: { ...binSet("employees", ["< 50", "50–999", "≥ 1000", "missing"], [70, 270, 88, 0], [50, 30, 2, 0]), type: "numeric" },
  method: "log-rank",
  survival: [...CURVES],
});

function contrastRow(name: string, label: string, win: [number, number], retention: [number, number], reading: ContrastRow["reading"]): ContrastRow {
  const rate = ([events, n]: [number, number]) => {
    const [s] = binStats([events], [n - events]);
    return { n, events, rate: s.rate, lo: s.lo, hi: s.hi };
  };
  const w = rate(win);
  const r = rate(retention);
  return {
    name,
    attribute: name,
    role: "firmographic",
    label,
    win: w,
    retention: r,
    winQ: 0.001,
    winSignificant: true,
    retentionQ: 0.002,
    retentionSignificant: true,
    reading,
    contrast: (w.rate - 0.5) * (83 / 150 - r.rate),
  };
}

const ROWS: readonly ContrastRow[] = deepFreeze([
  contrastRow("segment", "agency", [80, 100], [24, 80], "wins but churns"),
  contrastRow("segment", "enterprise", [20, 100], [19, 20], "hard to win, loyal"),
  contrastRow("segment", "midmarket", [50, 100], [40, 50], null),
  contrastRow("tech_stack=HubSpot", "true", [75, 100], [30, 75], "wins but churns"),
  contrastRow("committee_size", "≥ 8", [22, 100], [22, 23], "hard to win, loyal"),
  contrastRow("region", "North", [52, 104], [44, 80], null),
]);

const CONTRAST: DriversContrast = deepFreeze({
  baseWinRate: 0.5,
  baseRetentionRate: 83 / 150,
  retentionEvent: "retained",
  rows: ROWS,
  helpsWinHurtsRetention: ROWS.filter((r) => r.reading === "wins but churns"),
  hurtsWinHelpsRetention: ROWS.filter((r) => r.reading === "hard to win, loyal"),
  setAside: [],
});

describe("ivRankingChart", () => {
  const spec = ivRankingChart(WIN);

  test("is valid against vega-lite's JSON Schema and renders without warnings", async () => {
    assert.deepEqual(validateSpec(spec), []);
    await render(spec);
  });

  test("draws one bar per attribute, strongest at the top, with its information value", async () => {
    const svg = await render(spec);
    const bars = svgItems(svg).filter((item) => item.role === "bar");
    assert.equal(bars.length, 5);
    const order = bars
      .map((bar) => ({ name: /; name: (.*?); /.exec(bar.label ?? "")?.[1], y: Number(/d="M[\d.]+,([\d.]+)/.exec(bar.element)?.[1]) }))
      .sort((a, b) => a.y - b.y)
      .map((b) => b.name);
    assert.deepEqual(order, ["close_reason", "industry", "employees", "segment", "region"]);
    const texts = svgTexts(svg);
    for (const caption of ["0.58", "0.47", "0.20", "0.010"]) assert.ok(texts.includes(caption), `caption ${caption}`);
    assert.ok(texts.includes("What predicts winning"));
  });

  test("marks significant, not significant and leakage by colour, with a legend of those present", async () => {
    const svg = await render(spec);
    const fillOf = (name: string) =>
      /fill="(#[0-9a-f]{6})"/.exec(svgItems(svg).find((i) => i.role === "bar" && i.label?.includes(`; name: ${name};`))!.element)?.[1];
    assert.equal(fillOf("industry"), "#4c78a8");
    assert.equal(fillOf("region"), "#b8c2cc");
    assert.equal(fillOf("close_reason"), "#d55e00");
    const texts = svgTexts(svg);
    for (const entry of ["significant (q < 0.05)", "not significant", "possible leakage, set aside"]) assert.ok(texts.includes(entry), entry);
    assert.ok(!texts.includes("possible leakage, kept"), "no legend entry for a status no attribute has");
  });

  test("cuts a leak far off the scale at the edge and says so; the q-value is in the tooltip", async () => {
    const svg = await render(spec);
    assert.ok(svgTexts(svg).includes("6.60 off scale"));
    const leak = svgItems(svg).find((i) => i.role === "bar" && i.label?.includes("; name: close_reason;"))!;
    assert.match(leak.label ?? "", /q-value: 1\.00e-40/);
    assert.match(leak.label ?? "", /leakage: bin &quot;PRICE&quot;/);
    const scale = (spec as { layer: { encoding?: { x?: { scale?: { domain?: number[] } } } }[] }).layer.find((l) => l.encoding?.x?.scale)!;
    assert.ok(scale.encoding!.x!.scale!.domain![1] < 1, "the scale is set by the attributes not flagged");
  });

  test("shows the top attributes only, and says how many of how many", async () => {
    const top2 = ivRankingChart(WIN, { top: 2, title: "Top two" });
    assert.deepEqual(validateSpec(top2), []);
    const svg = await render(top2);
    assert.equal(countRole(svg, "bar"), 2);
    assert.match(JSON.stringify(top2.title), /Top 2 of 5 attributes/);
  });

  test("does not change its input and throws for a wrong call", () => {
    assert.doesNotThrow(() => ivRankingChart(WIN, { top: 3 }));
    assert.throws(() => ivRankingChart(WIN, { top: 0 }), /options.top must be a whole number of attributes, 1 or more; got 0/);
    assert.throws(() => ivRankingChart(WIN, { width: 20 }), /options.width must be at least 100 pixels; got 20/);
    assert.throws(() => ivRankingChart(null as never), /requires the result of drivers/);
  });

  test("an analysis with no attributes gives a valid, empty chart", async () => {
    const empty = new DriversResult({ target: "retained", event: "retained", n: 0, events: 0, baseRate: NaN, fdr: 0.05, attributes: [], verdict: "nothing", warnings: [] });
    const s = ivRankingChart(empty);
    assert.deepEqual(validateSpec(s), []);
    assert.equal(countRole(await render(s), "bar"), 0);
  });
});

describe("survivalCurvesChart", () => {
  const spec = survivalCurvesChart(RETENTION_ATTRIBUTE, { horizonDays: 365 });

  test("is valid against vega-lite's JSON Schema and renders without warnings", async () => {
    assert.deepEqual(validateSpec(spec), []);
    await render(spec);
  });

  test("draws a step curve and a band per bin with customers, and the horizon rule", async () => {
    const svg = await render(spec);
    assert.equal(countRole(svg, "line mark"), 3, "the empty missing bin is not drawn");
    assert.equal(countRole(svg, "area mark"), 3);
    assert.equal(countRole(svg, "rule mark"), 1);
    const texts = svgTexts(svg);
    assert.ok(texts.includes("365 days"));
    assert.ok(texts.includes("Retention by employees"));
    // Legend: each bin's share at the horizon (day 350's step) and its customers.
    for (const entry of ["< 50: 82% (n=120)", "50–999: 95% (n=300)", "≥ 1000: 99% (n=90)"]) assert.ok(texts.includes(entry), entry);
    const lines = svgItems(svg).filter((i) => i.role === "line mark");
    assert.ok(lines.every((l) => /d="M0,0/.test(l.element)), "every curve starts at day 0 at 100 %");
  });

  test("takes bare curves, draws the overall curve, and leaves the bands out on request", async () => {
    const overall = curve("all customers", 510, 0.99, 9, 0.02);
    const s = survivalCurvesChart(CURVES, { horizonDays: 200, overall, bands: false });
    assert.deepEqual(validateSpec(s), []);
    const svg = await render(s);
    assert.equal(countRole(svg, "line mark"), 4);
    assert.equal(countRole(svg, "area mark"), 0);
    assert.ok(svgTexts(svg).includes("200 days"));
    assert.ok(svgTexts(svg).includes("Retention curves"));
    assert.match(JSON.stringify(s.title), /dashed: all customers/);
  });

  test("keeps the points a step line needs: day 0, every change, and the last observation", () => {
    const flat: BinSurvival = {
      label: "x",
      n: 10,
      atHorizon: { survival: 0.8, lo: 0.5, hi: 0.9 },
      medianDays: NaN,
      curve: [
        { days: 10, survival: 1, lo: 1, hi: 1 }, // censored: no change
        { days: 20, survival: 0.9, lo: 0.6, hi: 0.98 }, // churn
        { days: 30, survival: 0.9, lo: 0.6, hi: 0.98 }, // censored
        { days: 40, survival: 0.8, lo: 0.5, hi: 0.9 }, // churn
        { days: 50, survival: 0.8, lo: 0.5, hi: 0.9 }, // censored
        { days: 60, survival: 0.8, lo: 0.5, hi: 0.9 }, // censored: the last observation
      ],
    };
    const s = survivalCurvesChart([flat]) as { data: { values: { days: number; survival: number }[] } };
    assert.deepEqual(
      s.data.values.map((p) => [p.days, p.survival]),
      [
        [0, 1],
        [20, 0.9],
        [40, 0.8],
        [60, 0.8],
      ],
    );
  });

  test("colours the bins of a numeric attribute along a ramp, the missing bin grey", () => {
    const withMissing: DriverAttribute = { ...RETENTION_ATTRIBUTE, survival: [...CURVES.slice(0, 3), curve("missing", 40, 0.98, 9, 0.01)] };
    const s = survivalCurvesChart(withMissing) as { layer: { encoding?: { color?: { scale?: { range?: string[] } } } }[] };
    const range = s.layer.find((l) => l.encoding?.color?.scale?.range)!.encoding!.color!.scale!.range!;
    assert.deepEqual(range, ["#0d0887", "#b12a90", "#f89540", "#8c8c8c"]);
  });

  test("does not change its input and throws for a wrong call, naming the attribute", () => {
    const s = survivalCurvesChart(RETENTION_ATTRIBUTE);
    assert.deepEqual(validateSpec(s), []);
    assert.throws(() => survivalCurvesChart(WIN.attributes[1]), /"industry" has no survival curves; they come from drivers\(table, \{ target: "retained" \}\)/);
    assert.throws(() => survivalCurvesChart(CURVES, { horizonDays: 0 }), /horizonDays must be a positive number of days; got 0/);
    assert.throws(() => survivalCurvesChart(undefined as never), /requires a driver attribute or a list of bin curves/);
  });
});

describe("contrastScatterChart", () => {
  const spec = contrastScatterChart(CONTRAST);

  test("is valid against vega-lite's JSON Schema and renders without warnings", async () => {
    assert.deepEqual(validateSpec(spec), []);
    await render(spec);
  });

  test("draws a point with both intervals per bin, and the two base-rate rules", async () => {
    const svg = await render(spec);
    assert.equal(countRole(svg, "point"), ROWS.length);
    const rules = svgItems(svg).filter((i) => i.role === "rule mark");
    assert.equal(rules.filter((r) => r.label?.includes("winLo: ")).length, ROWS.length, "a win-rate interval per bin");
    assert.equal(rules.filter((r) => r.label?.includes("retentionLo: ")).length, ROWS.length, "a retention interval per bin");
    assert.equal(rules.filter((r) => /^(winRate|retentionRate): [\d.]+$/.test(r.label ?? "")).length, 2, "the two base-rate rules");
    const texts = svgTexts(svg);
    assert.ok(texts.includes("overall win rate 50%"));
    assert.ok(texts.includes("overall retention 55%"));
    assert.ok(svg.includes(">Bottom right: wins but churns · top left: hard to win, loyal<"), "the subtitle names the corners");
  });

  test("labels every notable bin and no other, with labels that do not overlap", async () => {
    const svg = await render(spec);
    const notable = ROWS.filter((r) => r.reading !== null).map((r) => `${r.name}: ${r.label}`);
    const texts = svgTexts(svg);
    for (const label of notable) assert.ok(texts.includes(label), `label "${label}"`);
    assert.ok(!texts.includes("segment: midmarket") && !texts.includes("region: North"));
    // Boxes of the drawn labels (each is drawn twice: its white halo, then the text).
    const boxes = [...svg.matchAll(/<text[^>]*text-anchor="(start|end)" transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*font-size="11px" fill="#333333">([^<]*)<\/text>/g)]
      .filter((m) => notable.includes(m[4]))
      .map((m) => {
        const w = helveticaWidth({ fontSize: 11 }, m[4]);
        const x = Number(m[2]);
        const left = m[1] === "start" ? x : x - w;
        return { text: m[4], box: [left, Number(m[3]) - 6, left + w, Number(m[3]) + 6] };
      });
    assert.equal(boxes.length, notable.length);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i].box, boxes[j].box];
        const overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        assert.ok(!overlap, `"${boxes[i].text}" and "${boxes[j].text}" overlap`);
      }
  });

  test("takes rows with base rates as options, skips rows without rates, and labels none on request", async () => {
    const withNaN = [...ROWS, { ...ROWS[2], label: "empty", retention: { n: 0, events: 0, rate: NaN, lo: 0, hi: 1 } }];
    const s = contrastScatterChart(withNaN, { maxLabels: 0, title: "Selected bins" });
    assert.deepEqual(validateSpec(s), []);
    const svg = await render(s);
    assert.equal(countRole(svg, "point"), ROWS.length);
    const rules = svgItems(svg).filter((i) => i.role === "rule mark");
    assert.equal(rules.length, 2 * ROWS.length, "intervals only: no base-rate rules without base rates, no leader lines without labels");
    assert.ok(!svgTexts(svg).includes("segment: agency"));
    const ruled = contrastScatterChart(ROWS, { baseWinRate: 0.5, baseRetentionRate: 0.6 });
    assert.ok(svgTexts(await render(ruled)).includes("overall retention 60%"));
  });

  test("does not change its input and throws for a wrong call", () => {
    assert.throws(() => contrastScatterChart(ROWS, { baseWinRate: 40 }), /options.baseWinRate must be a number in \[0, 1\]; got 40/);
    assert.throws(() => contrastScatterChart(ROWS, { maxLabels: -1 }), /maxLabels must be a whole number, 0 or more; got -1/);
    assert.throws(() => contrastScatterChart([{ name: "x" } as never]), /row 1 of 1 is not a row of contrastDrivers/);
    assert.throws(() => contrastScatterChart(null as never), /requires the result of contrastDrivers or its rows/);
  });
});

describe("binRateRows", () => {
  test("gives the non-empty bins of a driver attribute as rate rows, in order", () => {
    const rows = binRateRows(WIN.attributes[1]);
    assert.equal(rows.length, 2, "the empty missing bin is left out");
    assert.deepEqual(
      rows.map((r) => [r.label, r.n, r.rate]),
      [
        ["a", 100, 0.6],
        ["b", 100, 0.2],
      ],
    );
    const bin = WIN.attributes[1].binSet.bins[0];
    assert.deepEqual(rows[0], { label: "a", n: 100, rate: 0.6, lo: bin.lo, hi: bin.hi });
    assert.deepEqual(binRateRows(WIN.attributes[1].binSet), rows);
  });

  test("feeds rateByValueChart", async () => {
    const s = rateByValueChart(binRateRows(WIN.attributes[2]), { title: "Win rate by employees", baseRate: WIN.baseRate });
    assert.deepEqual(validateSpec(s), []);
    assert.equal(countRole(await render(s), "bar"), 2);
  });

  test("throws for something that is not an attribute or a bin set", () => {
    assert.throws(() => binRateRows(null as never), /requires a driver attribute or a bin set/);
    assert.throws(() => binRateRows({} as never), /requires a driver attribute \(from drivers\(\.\.\.\)\.attributes\) or a bin set with bins/);
  });
});
