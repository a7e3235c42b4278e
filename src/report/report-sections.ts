import { formatPercent } from "../format/percent";
import type { DriverAttribute } from "../drivers/drivers-result";
import { PSI_THRESHOLDS } from "../model/population-stability";
import type { Bin } from "../stats/binning/bin";
import type { Reference, Scorecard } from "../scoring/scorecard";
import type { ScorecardAttribute } from "../formats/scoring-rules-schema";
import { escapeHtml } from "./escape-html";
import { htmlTable, type TableCell } from "./html-table";
import { formatAuc } from "../format/auc";
import { formatCount } from "../format/count";
import { formatPValue } from "../format/p-value";
import { formatPoints } from "../format/points";
import { formatRateInterval } from "../format/rate-interval";
import { headlineBins } from "../stats/binning/headline-bins";
import { readableBinLabels, readableBinText } from "./readable-bin-labels";

/*
 * The sections of the HTML report, each a function from the scorecard to an HTML fragment.
 * Every text that comes from the data (attribute names, category values, tier names, the
 * dataset's name) goes through escapeHtml.
 */

/** The charts of the report as inline SVG (see `embedSvg`), null where the card has no data for one. */
export interface ReportSvgs {
  roc: string | null;
  gains: string | null;
  calibration: string | null;
  distribution: string | null;
  grades: string | null;
}

/**
 * A `<section>` with an anchor id and a heading (escaped) around a body of HTML.
 *
 * @example
 * import { reportSection } from "./report-sections";
 * reportSection("tiers", "Tiers & shares", "<p>…</p>");
 * // => '<section id="tiers"><h2>Tiers &amp; shares</h2><p>…</p></section>'
 */
export function reportSection(id: string, title: string, body: string): string {
  return `<section id="${escapeHtml(id)}"><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

/** How strong a usable scorecard is, from its holdout AUC (the tuner's own words). */
function strengthOf(auc: number): "strong" | "useful" | "weak" {
  return auc >= 0.8 ? "strong" : auc >= 0.7 ? "useful" : "weak";
}

/**
 * The verdict box at the top: green when the scorecard is usable (its holdout AUC interval
 * stays above 0.5, no simpler reference beats it, its tiers are in order), red otherwise, with a
 * headline in plain words, why (which of those checks passed or failed, on how many holdout
 * deals), and the attributes kept with a leakage question. What to do and the numbers behind
 * it follow in the summary and the key numbers, each stated once.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { verdictSection } from "./report-sections";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * verdictSection(tuneScorecard(table)).startsWith('<section id="verdict" class="verdict good"'); // => true
 */
export function verdictSection(card: Scorecard): string {
  const measured = Number.isFinite(card.metrics.auc.auc);
  let headline: string;
  if (!measured) headline = "Not validated: the holdout has no wins or no losses to test on";
  else if (!card.usable && card.notUsableBecause.length) headline = "Not usable: the points do not rank leads as well as they must";
  else if (!card.usable) headline = "No usable signal";
  else {
    headline = {
      strong: "Use these rules: the points clearly separate leads that win from leads that lose",
      useful: "Use these rules: the points separate leads that win from leads that lose",
      weak: "Usable with care: the points rank leads only a little better than chance",
    }[strengthOf(card.metrics.auc.auc)];
  }
  const deals = `the ${formatCount(card.holdout.test)} holdout deals, which the rules were not fitted on`;
  let why: string;
  if (card.usable) {
    const top = card.tiers[0];
    const bottom = card.tiers[card.tiers.length - 1];
    const ratio = card.tiers.length >= 2 && top.expectedWinRate && bottom.expectedWinRate && bottom.expectedWinRate.value > 0 ? top.expectedWinRate.value / bottom.expectedWinRate.value : NaN;
    why =
      `Checked on ${deals}: leads with more points won more often, better than chance and than every simpler score, and the tiers are in order` +
      (Number.isFinite(ratio) ? ` (tier <strong>${escapeHtml(top.name)}</strong> won ${ratio.toFixed(1)} times as often as tier <strong>${escapeHtml(bottom.name)}</strong>).` : ".");
  } else if (measured && card.notUsableBecause.length) {
    why = `Checked on ${deals}: ${card.notUsableBecause.map(escapeHtml).join("; ")}. The attributes' win rates may have moved between the training period and the holdout.`;
  } else if (measured) {
    why = `On ${deals}, leads with more points did not win clearly more often than leads with fewer.`;
  } else {
    why = "The rules could not be tested: add more recent closed deals, or choose a longer or random holdout.";
  }
  return (
    `<section id="verdict" class="verdict ${card.usable ? "good" : "bad"}">` +
    `<p class="headline">${escapeHtml(headline)}</p><p>${why}</p>${leakageQuestions(card)}</section>`
  );
}

/** The attributes kept despite supporting evidence of leakage, as questions for the reader. */
function leakageQuestions(card: Scorecard): string {
  const asked = card.drivers.attributes.filter((a) => a.leakageQuestion !== null);
  if (!asked.length) return "";
  const items = asked.map((a) => `<li><strong>${escapeHtml(a.name)}</strong>: ${escapeHtml(a.leakageEvidence.supporting.join("; "))}</li>`).join("");
  return `<p>Check when these fields are filled in (kept: the evidence of leakage is not conclusive):</p><ul>${items}</ul>`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One key-number tile. */
function tile(label: string, valueHtml: string, noteHtml: string): string {
  return `<div class="tile"><div class="label">${escapeHtml(label)}</div><div class="value">${valueHtml}</div><div class="note">${noteHtml}</div></div>`;
}

/**
 * The key numbers, each with a line saying how to read it: holdout AUC with its interval, KS,
 * Brier score (against guessing the average for everyone), the holdout win rate, the deals
 * trained and tested on, and how the holdout was chosen.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { keyNumbersSection } from "./report-sections";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * keyNumbersSection(tuneScorecard(table)).includes("Holdout AUC"); // => true
 */
export function keyNumbersSection(card: Scorecard): string {
  const { auc, ks, brier, baseRate, aucUnrounded } = card.metrics;
  const measured = Number.isFinite(auc.auc);
  const aucValue = measured ? `${auc.auc.toFixed(3)} <small>[${auc.lo.toFixed(3)}–${auc.hi.toFixed(3)}]</small>` : "–";
  const aucNote = measured
    ? `Of a won and a lost deal picked at random, the won one has more points ${formatPercent(auc.auc)} of the time (50% is a coin flip).`
    : "Not measured: the holdout needs both wins and losses.";
  const ksNote = "Largest gap between the share of wins and the share of losses above one points threshold (0 none, 1 perfect).";
  const guess = baseRate * (1 - baseRate);
  const brierNote = Number.isFinite(brier)
    ? `Mean squared error of the predicted win chance; predicting ${formatPercent(baseRate)} for everyone scores ${guess.toFixed(3)}. Lower is better.`
    : "Not measured.";
  const tiles = [
    tile("Holdout AUC", aucValue, aucNote),
    tile("KS", Number.isFinite(ks) ? ks.toFixed(2) : "–", ksNote),
    tile("Brier score", Number.isFinite(brier) ? brier.toFixed(3) : "–", brierNote),
    tile(
      "Holdout win rate",
      Number.isFinite(baseRate) ? formatPercent(baseRate) : "–",
      `${formatCount(card.holdout.testWins)} won of ${formatCount(card.holdout.test)} deals.`,
    ),
    tile(
      "Deals",
      `${formatCount(card.holdout.train)} <small>/</small> ${formatCount(card.holdout.test)}`,
      "Trained on / tested on. The test deals were never used to choose attributes, bins or points.",
    ),
  ];
  const rounding =
    measured && Number.isFinite(aucUnrounded) && aucUnrounded.toFixed(3) !== auc.auc.toFixed(3)
      ? `<p class="small muted">Before rounding to whole points the model's holdout AUC is ${aucUnrounded.toFixed(3)}; ` +
        `with whole points it is ${auc.auc.toFixed(3)}.</p>`
      : "";
  return reportSection(
    "numbers",
    "Key numbers",
    `<div class="tiles">${tiles.join("")}</div>` +
      `<p><strong>How the holdout was chosen:</strong> ${escapeHtml(card.holdout.description)}.</p>${rounding}`,
  );
}

/** The paired comparison of the scorecard with a reference, in words. */
function comparisonWords(r: Reference): string {
  const c = r.vsScorecard;
  if (c === null) return "not compared";
  const p = formatPValue(c.p);
  const pText = p.startsWith("<") ? `p ${p}` : `p = ${p}`;
  const interval = `[${signed(c.lo)}, ${signed(c.hi)}]`;
  if (c.lo > 0) return `The scorecard ranks better: ${signed(c.diff)} AUC ${interval}, ${pText}.`;
  if (c.hi < 0) return `This reference ranks better: the scorecard is ${Math.abs(c.diff).toFixed(3)} AUC behind ${interval}, ${pText}.`;
  return `No clear difference: ${signed(c.diff)} AUC ${interval}, ${pText}.`;
}

function signed(x: number): string {
  return `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(3)}`;
}

/**
 * The references table: the scorecard's holdout AUC next to simpler scores on the same deals
 * (the best single attribute, a count of behavioural events, the previous rules), each with its
 * interval and the paired DeLong comparison in words ("The scorecard ranks better: +0.091 AUC
 * [+0.069, +0.113], p < 0.0001.").
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { referencesSection } from "./report-sections";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * referencesSection(tuneScorecard(table)).includes("The scorecard ranks better"); // => true
 */
export function referencesSection(card: Scorecard): string {
  const intro =
    "<p>To be worth using, the scorecard has to rank leads better than simpler scores on the same holdout deals (its own AUC is under Key numbers). " +
    "Each comparison is paired (DeLong's test), so it accounts for both scores ranking the same deals.</p>";
  if (card.references.length === 0) {
    return reportSection("references", "Against simpler scores", `${intro}<p class="muted">No reference could be measured on this holdout.</p>`);
  }
  const rows = card.references.map((r): TableCell[] => [capitalise(r.name), formatAuc(r.auc), comparisonWords(r)]);
  const table = htmlTable({ head: ["Score", "Holdout AUC [95% interval]", "Scorecard compared with it"], rows, numeric: [1] });
  return reportSection("references", "Against simpler scores", intro + table);
}

/** The bins of an attribute to headline, best and worst by win rate ({@link headlineBins}). */
function bestAndWorst(a: DriverAttribute): { best: Bin | undefined; worst: Bin | undefined } {
  return headlineBins(a.binSet) ?? { best: undefined, worst: undefined };
}

function binCell(a: DriverAttribute, b: Bin | undefined): TableCell {
  if (b === undefined) return "–";
  const label = readableBinLabels(a.binSet.bins, a.binSet.name)[a.binSet.bins.indexOf(b)];
  return {
    html: `${escapeHtml(label)}<br><span class="small muted nowrap">${formatRateInterval(b.rate, b.lo, b.hi)} of ${formatCount(b.n)}</span>`,
  };
}

function flagsCell(a: DriverAttribute, onCard: boolean, fdr: number): TableCell {
  const badges: string[] = [];
  if (a.leakage !== null) {
    badges.push(
      a.leakageKept
        ? '<span class="badge kept">possible leakage, kept on request</span>'
        : '<span class="badge leak">possible leakage: set aside</span>',
    );
  }
  if (a.leakageQuestion !== null) badges.push('<span class="badge kept">kept: check when this field is filled in</span>');
  if (onCard) badges.push('<span class="badge on-card">on the scorecard</span>');
  if (a.leakage === null || a.leakageKept) {
    badges.push(a.significant ? `<span class="badge sig">significant (q &lt; ${fdr})</span>` : '<span class="badge ns">not significant</span>');
  }
  if (a.redundantWith.length > 0) {
    const names = a.redundantWith.slice(0, 3).map(escapeHtml).join(", ") + (a.redundantWith.length > 3 ? ", …" : "");
    badges.push(`<span class="badge redundant">overlaps ${names}</span>`);
  }
  const why = a.leakage ?? (a.leakageQuestion !== null ? a.leakageEvidence.supporting.join("; ") : null);
  const reason = why !== null ? `<span class="reason">${escapeHtml(why)}</span>` : "";
  return { html: badges.join("") + reason };
}

/**
 * The top drivers of winning (from the training part, which chose the scorecard's
 * candidates): information value, q-value, the best and worst value with win rates and
 * intervals, and flags. An attribute flagged as possible leakage is marked in red as set aside
 * (recorded after the outcome, it would flatter the score but cannot be known when a lead
 * arrives), with the reason.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { driversSection } from "./report-sections";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * driversSection(tuneScorecard(table), 5).includes('id="drivers"'); // => true
 */
export function driversSection(card: Scorecard, top = 10): string {
  const d = card.drivers;
  const shown = d.attributes.slice(0, top);
  const onCard = new Set(card.rules.attributes.map((a) => a.name));
  const intro =
    `<p>What separates won from lost deals among the ${formatCount(d.n)} training deals, strongest first. ` +
    "<strong>IV</strong> (information value) measures how strongly an attribute separates them (0.1 medium, 0.3 strong). " +
    `<strong>q</strong> is its p-value adjusted for testing ${formatCount(d.attributes.length)} attributes at once; ` +
    `below ${d.fdr} counts as significant. Attributes that look like they were recorded after the outcome are flagged as ` +
    "possible leakage and set aside.</p>";
  if (shown.length === 0) return reportSection("drivers", "What predicts winning", `${intro}<p class="muted">No attribute was tested.</p>`);
  const rows = shown.map((a, i): TableCell[] => {
    const { best, worst } = bestAndWorst(a);
    return [
      i + 1,
      { html: `<strong>${escapeHtml(a.name)}</strong><br><span class="small muted">${escapeHtml(a.role)}</span>`, className: "name" },
      a.iv.toFixed(a.iv < 0.1 ? 3 : 2),
      formatPValue(a.q),
      binCell(a, best),
      worst === best ? { html: '<span class="muted">one bin: no split</span>' } : binCell(a, worst),
      flagsCell(a, onCard.has(a.name), d.fdr),
    ];
  });
  const table = htmlTable({
    head: ["#", "Attribute", "IV", "q", "Best value: win rate", "Worst value: win rate", "Flags"],
    rows,
    numeric: [0, 2, 3],
    rowClasses: shown.map((a) => (a.leakage !== null && !a.leakageKept ? "leak" : undefined)),
  });
  const more =
    d.attributes.length > shown.length
      ? ` The table shows the top ${shown.length} of ${formatCount(d.attributes.length)} attributes tested.`
      : "";
  return reportSection("drivers", "What predicts winning", `${intro}${table}<p class="small muted">${escapeHtml(capitalise(d.verdict))}.${more}</p>`);
}

/** Where a consumer reads an attribute from, in words (HTML). */
function sourceWords(a: ScorecardAttribute): string {
  if ("column" in a.source) {
    const item = a.match === "contains" && a.containsValue !== undefined ? `; contains <code>${escapeHtml(a.containsValue)}</code>` : "";
    return `column <code>${escapeHtml(a.source.column)}</code>${item}`;
  }
  const e = a.source.event;
  const what = {
    count: "number of",
    sum: "sum of the values of",
    active_days: "days with",
    days_since_last: "days since the last of the",
  }[e.aggregate];
  const decay = e.decay ? `, each weighing 2<sup>−age in days / ${e.decay.halfLifeDays}</sup> (halving every ${e.decay.halfLifeDays} days)` : "";
  return `${what} <code>${escapeHtml(e.type)}</code> events in the ${e.windowDays} days before the scoring point${decay}`;
}

/** A small horizontal bar for a bin's points, scaled to the largest points on the card. */
function pointsBar(points: number, largest: number): string {
  if (points === 0 || largest <= 0) return '<span class="pointsbar" aria-hidden="true"></span>';
  const width = Math.max(2, Math.round((50 * Math.abs(points)) / largest));
  return `<span class="pointsbar" aria-hidden="true"><span class="${points > 0 ? "plus" : "minus"}" style="width:${width}%"></span></span>`;
}

function attributeBlock(a: ScorecardAttribute, largest: number): string {
  const labels = readableBinLabels(a.bins, a.name);
  const rows = a.bins.map((b, i): TableCell[] => [
    labels[i],
    { html: `${formatPoints(b.points)}${pointsBar(b.points, largest)}` },
    b.trainDeals > 0 ? formatPercent(b.trainWinRate) : "–",
    b.trainDeals > 0 ? formatCount(b.trainDeals) : "none in training",
  ]);
  const table = htmlTable({
    head: ["Value", "Points", "Win rate", "Deals"],
    rows,
    numeric: [1, 2, 3],
    rowClasses: a.bins.map((b) => (b.trainDeals === 0 ? "empty" : undefined)),
  });
  const group = a.group === "engagement" ? "engagement" : "fit";
  return (
    `<div class="attribute"><h3>${escapeHtml(a.name)}</h3>` +
    `<p class="meta">${escapeHtml(a.role)} · counts toward ${group} · ${sourceWords(a)}</p>` +
    `<p class="rationale">${escapeHtml(capitalise(readableBinText(a.rationale, a.bins, a.name)))}.</p>${table}</div>`
  );
}

/**
 * The scorecard itself: how points add up (the starting points and the scale), then each
 * attribute with its rationale and a table of its values and points (with the training win
 * rate and deal count behind them), and how forward selection chose the attributes.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { scorecardSection } from "./report-sections";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * scorecardSection(tuneScorecard(table)).includes("Every lead starts with"); // => true
 */
export function scorecardSection(card: Scorecard): string {
  const { scale, attributes } = card.rules;
  if (attributes.length === 0) {
    return reportSection(
      "scorecard",
      "The scorecard",
      '<p class="muted">No attribute made it onto the scorecard: nothing predicted wins reliably on the training deals.</p>',
    );
  }
  const scaleWords =
    scale.kind === "pdo"
      ? `Every lead starts with <strong>${scale.basePoints}</strong> points and gets the points of the row its value falls in, for each ` +
        `attribute below. ${formatCount(scale.base)} points means even odds of winning (1 win per ${scale.baseOdds === 1 ? "loss" : `${scale.baseOdds} losses`}); ` +
        `every ${scale.pdo} points more doubles the odds.`
      : "Every lead starts with <strong>0</strong> points and gets the points of the row its value falls in, for each attribute below. " +
        "The scale runs from 0 to 100 between this card's lowest and highest possible score, so points are not comparable across runs.";
  const largest = Math.max(0, ...attributes.flatMap((a) => a.bins.map((b) => Math.abs(b.points))));
  const blocks = attributes.map((a) => attributeBlock(a, largest)).join("");
  let selection = "";
  if (card.selection.length > 0) {
    const worst = card.selectionFolds === "time-ordered";
    const rows = card.selection.map((s, i): TableCell[] => [i + 1, s.feature, s.cvAuc.toFixed(3), ...(worst ? [s.worstAuc.toFixed(3)] : []), signed(s.gain)]);
    selection =
      "<details><summary>How the attributes were chosen</summary>" +
      "<p class=\"small\">Forward selection inside the training deals: at each step the attribute that most improved the " +
      (worst
        ? "AUC of the worst time-ordered fold (fit on earlier periods, validate on the next) was added, so every attribute helps in every period. "
        : "cross-validated AUC was added. ") +
      "Attributes dropped afterwards are named under Warnings.</p>" +
      htmlTable({
        head: ["Step", "Attribute added", "Cross-validated AUC", ...(worst ? ["Worst fold's AUC"] : []), "Gain"],
        rows,
        numeric: worst ? [0, 2, 3, 4] : [0, 2, 3],
        className: "data compact",
      }) +
      "</details>";
  }
  const training = '<p class="small muted">The win rate and deal count beside each value are from the training deals.</p>';
  return reportSection("scorecard", "The scorecard", `<p>${scaleWords}</p>${training}<div class="attributes">${blocks}</div>${selection}${decayWords(card)}`);
}

/** The learned decay: the verdict, and per event type the cross-validated gain of each half-life tried. */
function decayWords(card: Scorecard): string {
  const { decay } = card;
  if (decay.choices.length === 0) return "";
  const halfLives = [...new Set(decay.choices.flatMap((c) => c.tried.map((t) => t.halfLifeDays)))].sort((a, b) => a - b);
  const rows = decay.choices.map((c): TableCell[] => [
    c.eventType,
    c.halfLifeDays === null ? "fixed windows" : `${c.halfLifeDays} days`,
    c.recentCountMore ? "yes" : "no",
    ...halfLives.map((h) => {
      const g = c.tried.find((t) => t.halfLifeDays === h)?.gain;
      return g === undefined || g === null ? "–" : signed(g);
    }),
  ]);
  return (
    `<p class="small"><strong>Recency.</strong> ${escapeHtml(capitalise(decay.verdict))}.</p>` +
    "<details><summary>How recency was weighed</summary>" +
    `<p class="small">Per event type, its count with each event weighing 2<sup>−age in days / h</sup> was tried in place of the fixed windows, on the training deals' folds; a half-life is kept only when it raises the card's cross-validated AUC by at least ${decay.minGain}. Recent events count more when the shortest half-life beats the longest by at least as much, kept or not. The gains:</p>` +
    htmlTable({ head: ["Event type", "Kept", "Recent count more", ...halfLives.map((h) => `h = ${h} days`)], rows, numeric: halfLives.map((_, i) => i + 3), className: "data compact" }) +
    "</details>"
  );
}

function figure(svg: string | null, caption: string, missing: string): string {
  if (svg === null) return `<figure><p class="muted">${escapeHtml(missing)}</p></figure>`;
  return `<figure>${svg}<figcaption>${caption}</figcaption></figure>`;
}

/**
 * The holdout charts (ROC curve, cumulative gains, calibration, points of won and lost deals),
 * two to a row, each with a caption saying how to read it.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { chartsSection } from "./report-sections";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const none = { roc: null, gains: null, calibration: null, distribution: null, grades: null };
 * chartsSection(tuneScorecard(table), none).includes("No ROC curve"); // => true
 */
export function chartsSection(card: Scorecard, svgs: ReportSvgs): string {
  const first = card.lift.groups.find((g) => g.targetShare >= 0.2 - 1e-9);
  const gainsWords =
    first !== undefined && card.roc.length > 0
      ? `Working the best-scored ${formatPercent(first.cumulativeShare)} of leads first finds ${formatPercent(first.gain)} of all wins; ` +
        `in random order it would find ${formatPercent(first.cumulativeShare)}. Diamonds mark where each tier ends.`
      : "Diamonds mark where each tier ends.";
  const figures = [
    figure(
      svgs.roc,
      "The further the curve bows toward the top left, the better the points separate wins from losses; the dashed diagonal is a coin flip. " +
        "The shaded area is the AUC.",
      "No ROC curve: the holdout has no wins or no losses.",
    ),
    figure(svgs.gains, gainsWords, "No gains chart: the holdout has no wins or no losses."),
    figure(
      svgs.calibration,
      "Each dot is a tenth of the holdout leads, by the win chance the model predicts (before rounding to points). Dots on the dashed line " +
        "mean the predicted chances can be taken at face value; dots below it mean leads win less often than predicted.",
      "No calibration chart: the holdout is empty.",
    ),
    figure(
      svgs.distribution,
      "Won deals should sit to the right of lost ones. Dashed lines: where each tier starts.",
      "No points distribution: the holdout is empty.",
    ),
  ];
  return reportSection("charts", "How well the points rank leads", `<div class="charts">${figures.join("")}</div>`);
}

/** The points range of each grade level from three ascending cuts, best first. */
function cutRanges(cuts: readonly number[]): string[] {
  const [c1, c2, c3] = cuts;
  const n = formatCount;
  const between = (lo: number, hi: number) => (hi - 1 < lo ? "none" : hi - 1 === lo ? n(lo) : `${n(lo)} to ${n(hi - 1)}`);
  return [`${n(c3)} or more`, between(c2, c3), between(c1, c2), `below ${n(c1)}`];
}

/**
 * The grade matrix: the heat map of win rates by fit letter and engagement digit, how a lead
 * gets its letter and digit (the sub-score cut points), and which attributes count toward each.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { gradesSection } from "./report-sections";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * gradesSection(tuneScorecard(table), null).includes("Fit points"); // => true
 */
export function gradesSection(card: Scorecard, svg: string | null): string {
  const { fitCuts, engagementCuts } = card.rules.grades;
  const fitRanges = cutRanges(fitCuts);
  const engagementRanges = cutRanges(engagementCuts);
  const rows = ["A / 1", "B / 2", "C / 3", "D / 4"].map((level, i): TableCell[] => [level, fitRanges[i], engagementRanges[i]]);
  const names = (group: string) => {
    const list = card.rules.attributes.filter((a) => a.group === group).map((a) => escapeHtml(a.name));
    return list.length > 0 ? list.join(", ") : "none on this card";
  };
  const explanation =
    "<p>Each lead gets a <strong>letter for fit</strong> (who they are: firmographic, demographic, qualification and product " +
    "attributes; A is the best fit) and a <strong>digit for engagement</strong> (what they did: behavioural attributes; 1 is the " +
    "most engaged). The cut points are the quartiles of the training deals' sub-scores.</p>" +
    htmlTable({ head: ["Level", "Fit points", "Engagement points"], rows, numeric: [1, 2], className: "data compact" }) +
    `<p class="small"><strong>Fit:</strong> ${names("fit")}.<br><strong>Engagement:</strong> ${names("engagement")}.</p>`;
  const chart = svg === null ? '<p class="muted">No grade matrix: the holdout is empty.</p>' : `<figure>${svg}</figure>`;
  return reportSection("grades", "Grades: fit × engagement", `<div class="grade-layout">${chart}<div>${explanation}</div></div>`);
}

/** A PSI bin's points range in words: "548 or less", "549–561", "more than 653". */
function psiRange(from: number, to: number): string {
  const whole = (x: number) => Number.isInteger(x);
  const n = formatCount;
  if (!Number.isFinite(from)) return `${n(to)} or less`;
  if (!Number.isFinite(to)) return `more than ${n(from)}`;
  if (whole(from) && whole(to)) return to === from + 1 ? n(to) : `${n(from + 1)} to ${n(to)}`;
  return `above ${n(from)}, up to ${n(to)}`;
}

/**
 * The stability of the points between the training period and the holdout period: the
 * population stability index with its reading (below 0.1 stable, 0.1 to 0.25 a moderate shift
 * worth a look, above 0.25 a major shift) and the share of leads per points range in each.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { stabilitySection } from "./report-sections";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * stabilitySection(tuneScorecard(table)).includes("stable"); // => true
 */
export function stabilitySection(card: Scorecard): string {
  const s = card.stability;
  const words = {
    stable: "stable: the holdout's leads score much like the training leads",
    moderate: "a moderate shift: the mix of leads has changed somewhat; worth a look before relying on the tiers",
    major: "a major shift: the leads of the holdout period score very differently; re-fit the rules or find out why",
  }[s.reading];
  const body =
    `<p><span class="psi ${s.reading}">PSI ${s.psi.toFixed(3)}</span> — ${escapeHtml(words)}.</p>` +
    `<p class="small muted">The population stability index compares how leads spread over points ranges in the training period and ` +
    `in the holdout period. Below ${PSI_THRESHOLDS.moderate}: stable; ${PSI_THRESHOLDS.moderate} to ${PSI_THRESHOLDS.major}: moderate shift; ` +
    `above ${PSI_THRESHOLDS.major}: major shift.</p>` +
    "<details><summary>Share of leads by points range</summary>" +
    htmlTable({
      head: ["Points", "Training", "Holdout", "Contribution to PSI"],
      rows: s.bins.map((b): TableCell[] => [psiRange(b.from, b.to), formatPercent(b.expectedShare), formatPercent(b.actualShare), b.contribution.toFixed(4)]),
      numeric: [0, 1, 2, 3],
      className: "data compact",
    }) +
    "</details>";
  return reportSection("stability", "Stability over time", body);
}

/**
 * Every warning of the run, each once: the tuner's, the stability and lift computations', or a
 * line saying there are none; then the drivers analysis's notes (mostly small bins), folded
 * away under their own summary line.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { warningsSection } from "./report-sections";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * warningsSection(tuneScorecard(table)).startsWith('<section id="warnings">'); // => true
 */
export function warningsSection(card: Scorecard): string {
  const own = [...new Set([...card.warnings, ...card.stability.warnings, ...card.lift.warnings])];
  const fromDrivers = [...new Set(card.drivers.warnings)].filter((w) => !own.includes(w));
  const list = (items: string[]) => `<ul class="warnings">${items.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>`;
  let body = own.length > 0 ? list(own) : '<p class="muted">No warnings from tuning or validation.</p>';
  if (fromDrivers.length > 0) {
    body +=
      `<details><summary>${formatCount(fromDrivers.length)} note${fromDrivers.length === 1 ? "" : "s"} from the drivers analysis</summary>` +
      `${list(fromDrivers)}</details>`;
  }
  return reportSection("warnings", "Warnings", body);
}
