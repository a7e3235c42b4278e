import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { renderSvg } from "../../src/charts/render";
import { rocChart } from "../../src/charts/roc-chart";
import { validateSpec } from "../../src/charts/validate";
import { DealTable, type AttributeMeta } from "../../src/data/deal-table";
import { checkSectionHtml } from "../../src/report/check-section-html";
import { embedSvg } from "../../src/report/embed-svg";
import { escapeHtml } from "../../src/report/escape-html";
import { htmlTable } from "../../src/report/html-table";
import { formatAmount, formatAuc, formatCount, formatPValue, formatPoints, formatQuantity, formatRateInterval } from "../../src/index";
import { readableBinLabels, readableBinText, type LabelledBin } from "../../src/report/readable-bin-labels";
import { expectedLeads } from "../../src/report/expected-leads";
import { exampleLeads } from "../../src/report/example-leads-section";
import { score } from "../../src/scoring/score";
import { leadRecord } from "../../src/scoring/lead-record";
import type { QuarterlyRun } from "../../src/run/quarterly-run";
import { sampleRun } from "../helpers/sample-fixture";
import { reportHtml } from "../../src/report/report-html";
import { scorecardCharts } from "../../src/report/scorecard-charts";
import { diffRules } from "../../src/scoring/diff-rules";
import type { Scorecard } from "../../src/scoring/scorecard";
import { tuneScorecard } from "../../src/scoring/tune-scorecard";
import { seededRandom } from "../../src/stats/random";
import { sampleScorecard } from "../helpers/sample-fixture";

const DAY = 86_400_000;
const TRICKY_SEGMENT = `segment <"tier"> & 'co'`;
const SCRIPT_VALUE = "<script>alert(1)</script>";
const TRICKY_VALUES = ["AT&T <enterprise>", `"quoted" 'mid'`, SCRIPT_VALUE, "plain"];

/**
 * A seeded table of closed deals: a categorical attribute whose name and values hold HTML
 * characters, a numeric size, a behavioural count (engagement), a noise column, and a column
 * written after the outcome (leakage). With `signal: false` the outcome is a coin flip.
 */
function syntheticTable(signal: boolean, n = 1500, seed = 11): DealTable {
  const rand = seededRandom(seed);
  const segment: (string | null)[] = [];
  const employees = new Float64Array(n);
  const visits = new Float64Array(n);
  const noise: (string | null)[] = [];
  const reason: (string | null)[] = [];
  const won = new Uint8Array(n);
  const closedAt = new Float64Array(n);
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const s = Math.floor(rand() * 4);
    segment.push(rand() < 0.03 ? null : TRICKY_VALUES[s]);
    employees[i] = Math.round(5 + rand() * rand() * 5000);
    visits[i] = Math.floor(rand() * 8);
    noise.push(["red", "green", "blue"][Math.floor(rand() * 3)]);
    const logit = signal ? -1.2 + [1.2, 0.4, -0.6, 0][s] + 0.0003 * employees[i] + 0.3 * visits[i] : 0;
    won[i] = rand() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    reason.push(won[i] ? (rand() < 0.98 ? "signed" : "budget") : rand() < 0.98 ? ["budget", "timing", "competitor"][Math.floor(rand() * 3)] : "signed");
    closedAt[i] = start + Math.floor((i / n) * 720) * DAY;
  }
  const attributes: AttributeMeta[] = [
    { name: TRICKY_SEGMENT, type: "categorical", role: "firmographic", source: "spec", table: "deals" },
    { name: "employees", type: "numeric", role: "firmographic", source: "spec", table: "deals" },
    {
      name: "web_visit_count_90d",
      type: "numeric",
      role: "behavioral",
      source: "events",
      table: "events",
      feature: { eventType: "web <visit>", windowDays: 90, aggregate: "count" },
    },
    { name: "colour", type: "categorical", role: "demographic", source: "spec", table: "deals" },
    { name: "close_reason", type: "categorical", role: "qualification", source: "spec", table: "deals" },
  ];
  return new DealTable({
    name: `acme <Q3> & "co"`,
    ids: Array.from({ length: n }, (_, i) => `d${i}`),
    won,
    closedAt,
    attributes,
    columns: {
      [TRICKY_SEGMENT]: segment,
      employees,
      web_visit_count_90d: visits,
      colour: noise,
      close_reason: reason,
    },
    holdout: { by: "time", lastDays: 180 },
  });
}

/** A JSON snapshot of a card, to check that building the report does not change it. */
function snapshot(card: Scorecard): string {
  return JSON.stringify(card, (_, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
}

/** The ids of the report's sections, in page order. */
function sectionIds(html: string): string[] {
  return [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
}

describe("report helpers", () => {
  test("escapeHtml escapes the five characters that change meaning, and only them", () => {
    assert.equal(escapeHtml(`<a href="x">AT&T's</a>`), "&lt;a href=&quot;x&quot;&gt;AT&amp;T&#39;s&lt;/a&gt;");
    assert.equal(escapeHtml("≥ 3 · 50–199"), "≥ 3 · 50–199");
    assert.equal(escapeHtml(null), "");
    assert.equal(escapeHtml(12.5), "12.5");
  });

  test("htmlTable escapes text cells and headings, keeps html cells, and checks row lengths", () => {
    const html = htmlTable({ head: ["<b>", "n"], rows: [[{ html: "<em>x</em>" }, 3], ["a&b", { text: "<i>", className: "c" }]], numeric: [1] });
    assert.ok(html.includes("<th>&lt;b&gt;</th>"));
    assert.ok(html.includes("<td><em>x</em></td>"));
    assert.ok(html.includes("<td>a&amp;b</td>"));
    assert.ok(html.includes('<td class="num c">&lt;i&gt;</td>'));
    assert.throws(() => htmlTable({ head: ["a", "b"], rows: [["only one"]] }), /row 1 has 1 cells for 2 headings \(a, b\)/);
  });

  test("numbers read the same way everywhere", () => {
    assert.equal(formatRateInterval(0.8474, 0.803, 0.8833), "85% [80%–88%]");
    assert.equal(formatRateInterval(Number.NaN, 0, 1), "–");
    assert.equal(formatAuc({ auc: 0.5, lo: 0.45, hi: 0.55 }), "0.500 [0.450–0.550]");
    assert.equal(formatPValue(0.000099), "< 0.0001");
    assert.equal(formatPValue(0.31234), "0.31");
    assert.equal(formatCount(-1234), "−1,234");
    assert.deepEqual([formatPoints(3), formatPoints(-3), formatPoints(0)], ["+3", "−3", "0"]);
    // Edges: separators below a million, then millions / billions with up to four significant digits.
    assert.deepEqual(
      [723000000, 229799999, 51810000, 999999, 4210, 12.5, -0.2785, 1.5e9, 3e12, Infinity].map((x) => formatQuantity(x)),
      ["723 M", "229.8 M", "51.81 M", "999,999", "4,210", "12.5", "−0.2785", "1.5 B", "3 T", "∞"],
    );
    assert.equal(formatQuantity(229799999, false), "229,799,999");
    assert.deepEqual([formatAmount(62000), formatAmount(1234567.8, "USD"), formatAmount(-950.4, "EUR"), formatAmount(Number.NaN)], ["62,000", "$1,234,568", "−€950", "–"]);
  });

  test("bin labels read with separators and millions; hand-written labels and dates stay; a collision writes edges in full", () => {
    const range = (lo: number, hi: number) => ({ kind: "range", lo, hi, loInclusive: true, hiInclusive: false }) as const;
    const integer: LabelledBin[] = [
      { label: "< 4210", rule: { ...range(-Infinity, 4210), loInclusive: false } },
      { label: "4210–722999999", rule: range(4210, 723000000) },
      { label: "≥ 723000000", when: { kind: "range", lo: 723000000, loInclusive: true, hiInclusive: false } },
      { label: "Software", when: { kind: "set", values: ["Software"] } },
    ];
    assert.deepEqual(readableBinLabels(integer, "revenue"), ["< 4,210", "4,210–723 M", "≥ 723 M", "Software"]);
    const decimal = [{ label: "0.5 to < 2500.25", rule: range(0.5, 2500.25) }, { label: "my own words", rule: range(2500.25, Infinity) }];
    assert.deepEqual(readableBinLabels(decimal, "x"), ["0.5 to < 2,500.25", "my own words"]);
    // 1,000,000–1,000,099 and 1,000,100–1,000,199 would both read "1 M": the edges are written in full.
    const close = [{ label: "1000000–1000099", rule: range(1e6, 1000100) }, { label: "1000100–1000199", rule: range(1000100, 1000200) }];
    assert.deepEqual(readableBinLabels(close, "x"), ["1,000,000–1,000,099", "1,000,100–1,000,199"]);
    assert.equal(readableBinText("Win rate 27% for ≥ 723000000 vs 9% for < 4210 (training)", integer, "revenue"), "Win rate 27% for ≥ 723 M vs 9% for < 4,210 (training)");
  });

  test("embedSvg renames ids per chart, so two renders of one chart give the same text", async () => {
    // A continuous legend draws a gradient, whose id comes from a counter shared by every render.
    const spec = {
      data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }] },
      mark: "rect",
      encoding: { x: { field: "a", type: "ordinal" }, color: { field: "b", type: "quantitative" } },
    } as const;
    const first = await renderSvg(spec);
    const second = await renderSvg(spec);
    assert.notEqual(first, second, "vega numbers gradients across renders");
    assert.equal(embedSvg(first, "c", "t"), embedSvg(second, "c", "t"));
    const embedded = embedSvg(first, "c", `a "t" <x>`);
    assert.match(embedded, /^<svg role="img" aria-label="a &quot;t&quot; &lt;x&gt;" class="chart" width=/);
    assert.ok(embedded.includes('id="c-1"') && embedded.includes("url(#c-1)"));
    assert.ok(!embedded.includes("http"), "no namespace address left");
    assert.throws(() => embedSvg("<div></div>", "c", "t"), /expected an SVG document string/);
    assert.throws(() => embedSvg(first, "1 bad", "t"), /the prefix must be letters/);
  });

  test("checkSectionHtml lets plain HTML, links and data: URLs through, and stops scripts and loads", () => {
    for (const ok of [
      "<p>Set one = 3, data = 5</p>",
      '<a href="https://example.test/doc">docs</a>',
      '<img src="data:image/png;base64,iVBOR" alt="">',
      '<svg><use href="#x"/></svg>',
      '<div style="background: url(data:image/png;base64,AA)"></div>',
      // Data text inside quoted values is text, however it reads (a real export's columns).
      '<g aria-label="persona: 1,700+ TotalCharges · OnlineSecurity=No · data=1 · src=x.png"><title>onboarding=done</title></g>',
      "<p>javascript: is a language; url(x) is CSS; @import too</p>",
      "<rect aria-label='a > b, onset=early'/>",
    ]) {
      assert.equal(checkSectionHtml(ok, "t"), ok);
    }
    const bad: [string, RegExp][] = [
      ["<script>alert(1)</script>", /a <script> element/],
      ['<img src="https://x.test/a.png">', /a resource loaded from a file or an address/],
      ['<img src="a.png">', /a resource loaded from a file or an address/],
      ['<div onclick="x()">', /an event handler attribute/],
      ['<a href="javascript:alert(1)">', /a javascript: address/],
      ['<link rel="stylesheet" href="x.css">', /an element that loads another document/],
      ['<div style="background: url(//x.test/a.png)">', /a CSS url\(\)/],
      ["<style>@import 'x.css';</style>", /a CSS @import/],
      ['<svg><image href="https://x.test/a.png"/></svg>', /an SVG image or reference/],
      ['<p title="x" ONCLICK=y>', /an event handler attribute/],
      ["<a href=' java\tscript:alert(1)'>", /a javascript: address/],
      ['<g aria-label="ok=1" onmouseover="x()">', /an event handler attribute/],
      ['<meta http-equiv="refresh" content="0; url=https://x.test">', /a <meta http-equiv>/],
    ];
    for (const [html, message] of bad) assert.throws(() => checkSectionHtml(html, "Personas"), message, html);
    assert.throws(() => checkSectionHtml("<script>", "Personas"), /^Error: report section "Personas": its html contains/);
  });
});

describe("reportHtml", () => {
  let card: Scorecard;
  let html: string;
  let flat: Scorecard;
  let flatHtml: string;

  before(async () => {
    card = tuneScorecard(syntheticTable(true));
    const before = snapshot(card);
    html = await reportHtml(card);
    assert.equal(snapshot(card), before, "the card is not changed");
    flat = tuneScorecard(syntheticTable(false, 900, 3));
    flatHtml = await reportHtml(flat);
  });

  test("the fixtures are what the tests need: one usable card with a leakage flag, one without signal", () => {
    assert.equal(card.usable, true, card.verdict);
    assert.ok(card.drivers.attributes.some((a) => a.name === "close_reason" && a.leakage !== null && !a.leakageKept));
    assert.ok(card.rules.attributes.some((a) => a.name === TRICKY_SEGMENT));
    assert.equal(flat.usable, false, flat.verdict);
  });

  test("is one complete page with inline style and inline SVG, no script and no address", () => {
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
    assert.ok(html.endsWith("</html>\n"));
    assert.equal(html.match(/<style>/g)?.length, 1);
    assert.ok(!/<script/i.test(html));
    assert.ok(!/https?:|\/\/[a-z]/i.test(html), "no address anywhere");
    assert.ok(!/\ssrc=/i.test(html));
    assert.deepEqual(html.match(/<link [^>]*>/g), ['<link rel="icon" href="data:,">']);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.equal(html.match(/<svg role="img"/g)?.length, 5, "ROC, gains, calibration, distribution and grades");
  });

  test("has every section, in the order a reader needs them", () => {
    assert.deepEqual(sectionIds(html), ["verdict", "summary", "numbers", "references", "drivers", "scorecard", "charts", "grades", "stability", "warnings"]);
    for (const id of sectionIds(html)) if (id !== "verdict") assert.ok(html.includes(`<a href="#${id}">`), `contents link to ${id}`);
  });

  test("the verdict box is green for a usable card and red without signal, and says why from the verdict checks", () => {
    assert.ok(html.includes('<section id="verdict" class="verdict good">'));
    const [top, bottom] = [card.tiers[0], card.tiers[card.tiers.length - 1]];
    const ratio = (top.expectedWinRate!.value / bottom.expectedWinRate!.value).toFixed(1);
    assert.ok(
      html.includes(`Checked on the ${formatCount(card.holdout.test)} holdout deals, which the rules were not fitted on: leads with more points won more often, ` +
        `better than chance and than every simpler score, and the tiers are in order (tier <strong>${escapeHtml(top.name)}</strong> won ${ratio} times as often`),
    );
    assert.ok(flatHtml.includes('<section id="verdict" class="verdict bad">'));
    assert.ok(flatHtml.includes(`<p class="headline">No usable signal</p>`));
    assert.ok(flatHtml.includes("<li>Do not rank leads with these rules; keep ranking them as today.</li>"));
    assert.ok(!html.includes("Do not rank leads"));
    assert.ok(flatHtml.includes("No attribute made it onto the scorecard") || flat.rules.attributes.length > 0);
  });

  test("gives the key numbers and the holdout", () => {
    assert.ok(html.includes(card.metrics.auc.auc.toFixed(3)));
    assert.ok(html.includes(`${card.metrics.auc.lo.toFixed(3)}–${card.metrics.auc.hi.toFixed(3)}`));
    assert.ok(html.includes(card.metrics.ks.toFixed(2)));
    assert.ok(html.includes(card.metrics.brier.toFixed(3)));
    assert.ok(html.includes(escapeHtml(card.holdout.description)));
    assert.ok(html.includes(`${formatCount(card.holdout.train)} <small>/</small> ${formatCount(card.holdout.test)}`));
  });

  test("compares with the references in words", () => {
    assert.ok(card.references.length > 0);
    for (const r of card.references) assert.ok(html.includes(formatAuc(r.auc)), r.name);
    assert.match(html, /(The scorecard ranks better|No clear difference|This reference ranks better): [+−]\d\.\d{3} AUC|scorecard is \d\.\d{3} AUC behind/);
  });

  test("lists at most 10 drivers and marks the leakage as set aside", () => {
    const drivers = html.slice(html.indexOf('<section id="drivers">'), html.indexOf('<section id="scorecard">'));
    const rows = drivers.match(/<tr[ >]/g)!.length - 1;
    assert.equal(rows, Math.min(10, card.drivers.attributes.length));
    assert.match(drivers, /<tr class="leak">(?:(?!<\/tr>).)*close_reason(?:(?!<\/tr>).)*possible leakage: set aside/);
  });

  test("shows every attribute of the card with its bins and points", () => {
    for (const a of card.rules.attributes) {
      assert.ok(html.includes(`<h3>${escapeHtml(a.name)}</h3>`), a.name);
      const labels = readableBinLabels(a.bins, a.name);
      a.bins.forEach((b, i) => assert.ok(html.includes(`<td>${escapeHtml(labels[i])}</td><td class="num">${formatPoints(b.points)}`), `${a.name}: ${labels[i]}`));
    }
    assert.ok(html.includes(`Every lead starts with <strong>${card.rules.scale.basePoints}</strong> points`));
  });

  test("gives each tier its range, win rate with interval, and shares, in the summary", () => {
    const tiers = html.slice(html.indexOf('<section id="summary">'), html.indexOf('<section id="numbers">'));
    for (const t of card.tiers) {
      assert.ok(tiers.includes(`<strong>${escapeHtml(t.name)}</strong>`));
      assert.ok(tiers.includes(formatRateInterval(t.expectedWinRate!.value, t.expectedWinRate!.lo, t.expectedWinRate!.hi)));
    }
  });

  test("states the holdout AUC and each tier's win rate once, outside the charts", () => {
    const text = html.replace(/<svg[\s\S]*?<\/svg>/g, "");
    const count = (needle: string) => text.split(needle).length - 1;
    assert.equal(count(`${card.metrics.auc.lo.toFixed(3)}–${card.metrics.auc.hi.toFixed(3)}`), 1, "the AUC interval");
    for (const t of card.tiers) assert.equal(count(formatRateInterval(t.expectedWinRate!.value, t.expectedWinRate!.lo, t.expectedWinRate!.hi)), 1, `tier ${t.name}`);
    assert.ok(!text.includes("Before rounding") || card.metrics.aucUnrounded.toFixed(3) !== card.metrics.auc.auc.toFixed(3));
  });

  test("without a table or previous rules: no example leads, shares instead of leads a month, and the first run said", () => {
    assert.ok(!html.includes('id="examples"'));
    const summary = html.slice(html.indexOf('<section id="summary">'), html.indexOf('<section id="numbers">'));
    assert.ok(summary.includes("<th class=\"num\">Share of leads</th>"));
    assert.ok(summary.includes("This is the first run: there are no previous rules to compare with."));
    const names = card.tiers.map((t) => `<strong>${escapeHtml(t.name)}</strong>`);
    assert.ok(summary.includes(`<li>Work tier ${names[0]} leads first, then ${names.slice(1, -1).join(", ")}; give tier ${names[names.length - 1]} leads a lighter, automated touch.</li>`));
  });

  test("what to do names the tiers in order, with two tiers too", async () => {
    const two = tuneScorecard(syntheticTable(true), { tierNames: ["hot", "cold"] });
    const page = await reportHtml(two);
    assert.ok(page.includes("<li>Work tier <strong>hot</strong> leads first; give tier <strong>cold</strong> leads a lighter, automated touch.</li>"));
  });

  test("reads the PSI with the 0.1 and 0.25 thresholds", () => {
    assert.ok(html.includes(`PSI ${card.stability.psi.toFixed(3)}`));
    assert.ok(html.includes("Below 0.1: stable; 0.1 to 0.25: moderate shift; above 0.25: major shift."));
  });

  test("escapes every text from the data", () => {
    for (const page of [html, flatHtml]) {
      assert.ok(!page.includes(SCRIPT_VALUE));
      assert.ok(!page.includes("AT&T <enterprise>"));
      assert.ok(!page.includes(TRICKY_SEGMENT));
      assert.ok(!page.includes(`acme <Q3>`));
      assert.ok(!page.includes("web <visit>"));
    }
    assert.ok(html.includes(escapeHtml(TRICKY_SEGMENT)));
    assert.ok(html.includes(`<title>Lead scoring report: ${escapeHtml(`acme <Q3> & "co"`)}</title>`));
    assert.ok(html.includes("<code>web &lt;visit&gt;</code>"));
  });

  test("is deterministic: the same card gives the same page, whatever was rendered before", async () => {
    await renderSvg(rocChart(card.roc));
    assert.equal(await reportHtml(card), html);
    assert.ok(!/20\d\d-\d\d-\d\dT\d\d:/.test(html), "no time stamp");
  });

  test("chart ids are unique on the page", () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length);
    for (const m of html.matchAll(/url\(#([^)]+)\)/g)) assert.ok(ids.includes(m[1]), `url(#${m[1]}) points at an id on the page`);
  });

  test("adds the diff and extra sections after its own, escaping their titles and a text diff", async () => {
    const page = await reportHtml(card, {
      diff: "+ segment <tier>: +4 points\n- colour & size removed",
      sections: [
        { title: "Personas <3>", html: "<p>Three <strong>personas</strong>.</p>" },
        { title: "Frameworks", html: "<table><tr><td>BANT</td></tr></table>" },
      ],
    });
    assert.deepEqual(sectionIds(page).slice(-3), ["extra-1", "extra-2", "extra-3"]);
    assert.ok(page.includes('<section id="extra-1"><h2>Changes since the previous rules</h2><pre class="diff">+ segment &lt;tier&gt;: +4 points\n- colour &amp; size removed</pre></section>'));
    assert.ok(page.includes('<section id="extra-2"><h2>Personas &lt;3&gt;</h2><p>Three <strong>personas</strong>.</p></section>'));
    assert.ok(page.includes('<a href="#extra-3">Frameworks</a>'));
    const asSection = await reportHtml(card, { diff: { title: "Since Q2", html: "<p>no change</p>" }, title: "Q3 <review>" });
    assert.ok(asSection.includes('<section id="extra-1"><h2>Since Q2</h2><p>no change</p></section>'));
    assert.ok(asSection.includes("<h1>Q3 &lt;review&gt;: "));
  });

  test("shows a diff of the rules as tables, names escaped", async () => {
    const previous = structuredClone(card.rules);
    const segment = previous.attributes.find((a) => a.name === TRICKY_SEGMENT)!;
    segment.bins[0].points += 5;
    const dropped = previous.attributes.find((a) => a.name !== TRICKY_SEGMENT)!.name;
    previous.attributes = previous.attributes.filter((a) => a.name !== dropped);
    previous.tiers[0].minPoints = (previous.tiers[0].minPoints ?? 0) - 4;
    const page = await reportHtml(card, { diff: diffRules(previous, card.rules) });
    const section = page.slice(page.indexOf('<section id="extra-1">'));
    assert.ok(section.startsWith('<section id="extra-1"><h2>Changes since the previous rules</h2>'));
    assert.ok(section.includes(`<td>${escapeHtml(TRICKY_SEGMENT)}</td><td>${escapeHtml(segment.bins[0].label)}</td>`));
    assert.ok(section.includes(`<strong>New on the card:</strong> <code>${escapeHtml(dropped)}</code>.`));
    assert.ok(section.includes("Tier thresholds that moved"));
    assert.ok(!section.includes(TRICKY_SEGMENT));
  });

  test("refuses extra sections that would run a script or load a resource, and wrong calls", async () => {
    await assert.rejects(reportHtml(card, { sections: [{ title: "P", html: "<script>x()</script>" }] }), /report section "P": its html contains a <script> element/);
    await assert.rejects(reportHtml(card, { sections: [{ title: "P", html: '<img src="https://cdn.test/p.png">' }] }), /loaded from a file or an address/);
    await assert.rejects(reportHtml(card, { sections: [{ title: "", html: "<p></p>" }] }), /extras.sections\[0\] must be an object \{ title, html \} with a non-empty title/);
    await assert.rejects(reportHtml({} as Scorecard), /reportHtml requires a tuned scorecard/);
  });

  test("scorecardCharts gives a valid spec for every chart of a measured card", () => {
    const charts = scorecardCharts(card);
    for (const [name, spec] of Object.entries(charts)) {
      assert.ok(spec !== null, name);
      assert.deepEqual(validateSpec(spec), [], name);
    }
  });
});

describe("the report of the sample's quarterly run", () => {
  let run: QuarterlyRun;
  let html: string;

  before(async () => {
    run = await sampleRun();
    html = await run.reportHtml();
  });

  const sectionOf = (page: string, id: string) => {
    const start = page.indexOf(`<section id="${id}"`);
    return page.slice(start, page.indexOf("</section>", start));
  };

  test("opens with the verdict, the summary and example leads", () => {
    assert.deepEqual(sectionIds(html).slice(0, 4), ["verdict", "summary", "examples", "numbers"]);
    assert.ok(html.includes('<a href="#examples">Example leads</a>'));
  });

  test("the leads per tier per month are the holdout period's deals, scored and counted, over its months", () => {
    const { table, scorecard: card } = run;
    const DAY = 86_400_000;
    const days = Array.from(table.split.test, (r) => Math.floor(table.closedAt![r] / DAY));
    const [first, last] = [Math.min(...days), Math.max(...days)];
    const months = ((last - first + 1) * 12) / 365.25;
    const counts = new Map<string, number>();
    for (let r = 0; r < table.n; r++) {
      const day = Math.floor(table.closedAt![r] / DAY);
      if (day < first || day > last) continue;
      const tier = score(card.rules, leadRecord(table, r)).tier!;
      counts.set(tier, (counts.get(tier) ?? 0) + 1);
    }
    const expected = expectedLeads(card, table)!;
    assert.equal(expected.deals, table.split.test.length, "a time holdout: the period's deals are the holdout's");
    assert.ok(Math.abs(expected.months - months) < 1e-9);
    const summary = sectionOf(html, "summary");
    card.tiers.forEach((t, i) => {
      const v = expected.tiers[i];
      assert.equal(v.tier, t.name);
      assert.ok(Math.abs(v.leadsPerMonth - counts.get(t.name)! / months) < 1e-9, t.name);
      // The tuner measured each tier on the same holdout deals.
      assert.equal(Math.round(v.leadsPerMonth * months), t.n, t.name);
      assert.ok(Math.abs(v.winsPerMonth! - (t.n / months) * t.expectedWinRate!.value) < 1e-9);
      const leads = v.leadsPerMonth >= 10 ? formatCount(Math.round(v.leadsPerMonth)) : v.leadsPerMonth.toFixed(1);
      const wins = v.winsPerMonth! >= 10 ? formatCount(Math.round(v.winsPerMonth!)) : v.winsPerMonth!.toFixed(1);
      const rate = formatRateInterval(t.expectedWinRate!.value, t.expectedWinRate!.lo, t.expectedWinRate!.hi);
      assert.match(summary, new RegExp(`<strong>${t.name}</strong></td><td class="num">[^<]+</td><td class="num">${leads}</td><td class="num">${rate.replace(/[[\]]/g, "\\$&")}</td><td class="num">${wins}</td>`));
    });
    assert.ok(summary.includes(`the ${formatCount(expected.deals)} deals closed from ${expected.from} to ${expected.to} (${expected.months.toFixed(1)} months`));
  });

  test("example leads are typical holdout deals of each tier, with score()'s reasons", () => {
    const { table, scorecard: card } = run;
    const examples = exampleLeads(card, table);
    assert.deepEqual(examples.map((e) => e.tier), card.tiers.flatMap((t) => [t.name, t.name]));
    const holdout = new Set(Array.from(table.split.test, (r) => table.ids[r]));
    const scored = Array.from(table.split.test, (r) => ({ id: table.ids[r], s: score(card.rules, leadRecord(table, r), { reasons: 3 }) }));
    const section = sectionOf(html, "examples");
    for (const e of examples) {
      assert.ok(holdout.has(e.id), e.id);
      const row = table.ids.indexOf(e.id);
      const s = score(card.rules, leadRecord(table, row), { reasons: 3 });
      assert.deepEqual(e.reasons, s.reasons, e.id);
      assert.equal(e.points, s.points);
      assert.equal(e.won, table.won[row] === 1);
      // No deal of the tier is nearer its median.
      const points = scored.filter((x) => x.s.tier === e.tier).map((x) => x.s.points).sort((a, b) => a - b);
      const median = points[Math.floor((points.length - 1) / 2)];
      assert.equal(Math.abs(e.points - median), Math.min(...points.map((p) => Math.abs(p - median))), e.id);
      assert.ok(section.includes(`<td class="name">${escapeHtml(e.id)}</td><td class="num">${formatCount(e.points)}</td><td>${e.won ? "won" : "lost"}</td>`));
      for (const reason of e.reasons) assert.ok(section.includes(`<li>${escapeHtml(reason)}</li>`), reason);
    }
    assert.deepEqual(exampleLeads(card, table), examples, "the same examples on every call");
  });

  test("numbers are readable: no long digit run without separators outside charts, ids, dates and code", () => {
    // Left alone here: the personas section and the drivers' leakage evidence write their own counts;
    // a belief's condition is code, as its beliefs.yaml writes it ("employees between 200 and 1000").
    const text = html
      .replace(/<section id="extra-\d+"><h2>Buyer personas<\/h2>[\s\S]*?<\/section>|<span class="reason">[^<]*<\/span>/g, "")
      .replace(/<svg[\s\S]*?<\/svg>|<style>[\s\S]*?<\/style>|<footer>[\s\S]*?<\/footer>|<td class="name">[^<]*<\/td>|<code>[^<]*<\/code>/g, "")
      .replace(/<[^>]+>/g, " ");
    assert.ok(text.includes("Qualification frameworks") && text.includes("Example leads"));
    const bare = [...text.matchAll(/(?<![\d.,:-])\d{4,}(?![\d-])/g)].map((m) => text.slice(Math.max(0, m.index! - 40), m.index! + 12));
    assert.deepEqual(bare, []);
    assert.ok(html.includes("≥ 723 M") && !html.includes("723000000"), "annual revenue's edge");
    assert.ok(html.includes("≥ 4,210"), "employees' edge");
  });

  test("says what changed since the previous rules in a sentence, with a link to the details", async () => {
    const card = run.scorecard;
    const previous = structuredClone(card.rules);
    const dropped = previous.attributes[previous.attributes.length - 1].name;
    previous.attributes = previous.attributes.slice(0, -1);
    previous.attributes[0].bins[0].points += 3;
    previous.tiers[0].minPoints = (previous.tiers[0].minPoints ?? 0) + 2;
    const page = await reportHtml(card, { diff: diffRules(previous, card.rules), table: run.table });
    const summary = sectionOf(page, "summary");
    assert.ok(
      summary.includes(
        `Since the previous rules, 1 attribute added (<code>${escapeHtml(dropped)}</code>); points moved in 1 value of 1 attribute; a tier threshold moved. ` +
          `Last quarter's rules had a holdout AUC of ${card.rules.metadata.metrics.auc.value!.toFixed(3)} on their own holdout (the same data). ` +
          'Details: <a href="#extra-1">changes since the previous rules</a>.',
      ),
      summary,
    );
  });
});

/** Why the browser test cannot run here, or undefined when it can. */
function browserMissing(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed`;
  try {
    require.resolve("playwright-core");
  } catch {
    return "playwright-core is not installed";
  }
  return undefined;
}

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** Where the screenshot of the sample report goes (git-ignored). */
const SCREENSHOT = resolve("bench/out/report.png");

const missing = browserMissing();
if (missing !== undefined) {
  if (process.env.CI === "true") {
    test("the report opens in headless Chromium", () => {
      assert.fail(`the browser test must run in CI, but ${missing}`);
    });
  } else {
    console.log(`# skipping the browser test of the report: ${missing}`);
  }
}

describe("reportHtml in headless Chromium", { skip: missing === undefined ? false : `skipped: ${missing}` }, () => {
  type Context = import("playwright-core").BrowserContext;
  let context: Context;
  let profile: string;
  let folder: string;

  before(async () => {
    const { chromium } = await import("playwright-core");
    profile = mkdtempSync(join(tmpdir(), "leadlab-chromium-"));
    folder = mkdtempSync(join(tmpdir(), "leadlab-report-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
    });
  });

  after(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  });

  /** Opens a report file and collects console errors, page errors and every request. */
  async function open(html: string, name: string) {
    const file = join(folder, name);
    writeFileSync(file, html);
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`file://${file}`, { waitUntil: "load" });
    return { page, problems, requests, url: `file://${file}` };
  }

  test("the sample report draws every chart with no error, shows the verdict, and fits the window", async () => {
    const card = await sampleScorecard();
    const { page, problems, requests, url } = await open(
      await reportHtml(card, { diff: "+ industry: Software +2 points", sections: [{ title: "Personas", html: "<p>Three personas.</p>" }] }),
      "sample.html",
    );
    try {
      assert.deepEqual(problems, []);
      assert.deepEqual(requests, [url], "the page loads nothing but itself");
      const verdict = page.locator("#verdict .headline");
      assert.ok(await verdict.isVisible());
      assert.match((await verdict.innerText()).trim(), card.usable ? /^Use these rules/ : /^No usable signal/);

      const charts = await page.$$eval("svg.chart", (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          const marks = svg.querySelectorAll('[aria-roledescription$="mark"], [aria-roledescription="bar"], [aria-roledescription="point"]');
          let drawn = 0;
          marks.forEach((m) => {
            const b = (m as SVGGraphicsElement).getBBox();
            if (b.width > 0 || b.height > 0) drawn++;
          });
          return { label: svg.getAttribute("aria-label"), width: box.width, height: box.height, marks: marks.length, drawn };
        }),
      );
      assert.equal(charts.length, 5);
      for (const c of charts) {
        assert.ok(c.width > 200 && c.height > 200, `${c.label}: ${c.width} × ${c.height}`);
        assert.ok(c.marks > 0 && c.drawn > 0, `${c.label}: ${c.drawn} of ${c.marks} marks drawn`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at 1280 pixels (overflow ${overflow})`);

      mkdirSync(resolve(SCREENSHOT, ".."), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    } finally {
      await page.close();
    }
  });

  test("the quarterly report fits 800 pixels: no sideways scrolling, tables and charts inside their boxes", async () => {
    const run = await sampleRun();
    const { page, problems } = await open(await run.reportHtml(), "quarterly.html");
    try {
      await page.setViewportSize({ width: 800, height: 1000 });
      assert.deepEqual(problems, []);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 800, `scrollWidth ${width} at 800 pixels`);
      const widest = await page.$$eval("svg.chart", (svgs) => Math.max(...svgs.map((s) => s.getBoundingClientRect().right)));
      assert.ok(widest <= 800, `charts shrink to the window (right edge ${widest})`);
      assert.ok(await page.locator("#summary").isVisible());
    } finally {
      await page.close();
    }
  });

  test("text from the data shows as written and runs nothing, on a narrow screen too", async () => {
    const card = tuneScorecard(syntheticTable(true));
    const { page, problems } = await open(await reportHtml(card), "tricky.html");
    try {
      await page.setViewportSize({ width: 400, height: 800 });
      assert.deepEqual(problems, []);
      assert.equal(await page.locator("script").count(), 0);
      const text = await page.locator("main").innerText();
      assert.ok(text.includes(TRICKY_SEGMENT));
      assert.ok(text.includes(SCRIPT_VALUE));
      assert.ok(text.includes("AT&T <enterprise>"));
      assert.equal(await page.title(), `Lead scoring report: acme <Q3> & "co"`);
      const widest = await page.$$eval("svg.chart", (svgs) => Math.max(...svgs.map((s) => s.getBoundingClientRect().right)));
      assert.ok(widest <= 400, `charts shrink to the screen (right edge ${widest})`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `wide tables scroll inside the page, which does not scroll sideways (overflow ${overflow})`);
    } finally {
      await page.close();
    }
  });
});
