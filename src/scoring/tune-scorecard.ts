import { formatPercent } from "../format/percent";
import { DealTable } from "../data/deal-table";
import { drivers, driversBeside } from "../drivers/drivers";
import type { DriversOptions } from "../drivers/drivers-options";
import type { DriverAttribute, DriversResult } from "../drivers/drivers-result";
import { DRIVER_BINNING } from "../drivers/drivers-options";
import { aucWithCI, auc, compareAuc } from "../model/auc";
import { brierScore } from "../model/brier-score";
import { calibrationTable } from "../model/calibration";
import { chooseL2, crossValidatedAuc, forwardSelect, stratifiedKFold, type Fold, type ForwardSelection } from "../model/cross-validation";
import { rulesInputs } from "./rules-inputs";
import { timeOrderedFolds } from "../model/time-ordered-folds";
import { ksStatistic } from "../model/ks-statistic";
import { liftTable } from "../model/lift";
import { fitLogistic, fitLogisticResolved, resolveLogisticOptions, type LogisticModel } from "../model/logistic-regression";
import { populationStability } from "../model/population-stability";
import { rocCurve } from "../model/roc-curve";
import type { BinSet } from "../stats/binning/bin";
import { assignBins } from "../stats/binning/assign-bin";
import { binColumn, type BinColumnOptions } from "../stats/binning/bin-column";
import { chooseFinerBins, FINER_MAX_BINS, FINER_MIN_SHARE, type Binning } from "./finer-bins";
import { chooseDecay, decaySummary } from "./learn-decay";
import { binEvidence, missingRationale, rowEvidence, type MissingTreatment } from "./bin-evidence";
import { chooseTiers, type Tier } from "./choose-tiers";
import { attributeDrift } from "./period-drift";
import { trainingPeriods } from "./training-periods";
import { verdictProblems } from "./verdict-checks";
import { gradeMatrix, quartileCuts } from "./grade-matrix";
import { cardPoints } from "./points-scale";
import { createScorer, gradeOf, type RulesToScore } from "./score";
import { leadRecordReader } from "./lead-record";
import { Scorecard, type Reference } from "./scorecard";
import type { ScorecardAttribute, ScoringRules } from "../formats/scoring-rules-schema";
import { gatherColumn, gatherFlags, gatherNumbers } from "../data/typed-column";
import { readableEdges } from "../stats/binning/readable-edges";
import { headlineBins } from "../stats/binning/headline-bins";
import { binMatch } from "./bin-match";
import { binnedInputOf } from "./binned-input";
import { choosePreviousBins, previousBins } from "./previous-bins";
import { resolveTuneOptions, type ResolvedTuneOptions, type TuneOptions } from "./tune-options";
import { tuneValue } from "./value/tune-value";
import { fitValueCards, fitValueCardsBeside } from "./value/value-cards";
import { handOverWinLeaks, winLeaks } from "./value/win-leaks";
import { countsDays } from "./counts-days";
import { tableWorker } from "../data/table-worker";
import { tableProvenance } from "../data/table-provenance";
import type { Provenance } from "../formats/provenance";
import type { SideCall, SideWorker } from "../thread/side-worker";

/** Edges are rounded to readable values when that costs less than this cross-validated AUC on the training part. */
export const MAX_ROUNDING_COST = 0.002;
/** Rows used for forward selection when the training part is larger (selection only; the final fit uses every training row). */
export const SELECTION_ROWS = 10000;
const L2_GRID = [0, 1, 10, 100];
/** The training part is cut into this many periods by time: selection fits on earlier ones and validates on the next; drift is judged across them. */
export const PERIODS = 4;
/** At most this many candidates enter forward selection (the strongest by information value). */
export const MAX_CANDIDATES = 40;

/**
 * Tunes a points scorecard on the training part of the table's holdout and validates it on
 * the holdout: the drivers of winning (on training rows only) choose the candidates
 * (significant, not leakage, not redundant with a stronger one, and, when the deals have dates,
 * not flipping or fading between periods of the training part: {@link attributeDrift}); their
 * bins (finer ones where they pay on the selection folds, each fold's bins made on its fitting
 * rows: {@link chooseFinerBins}) are encoded
 * as weight of evidence shrunk by the bin's size, the missing bin capped at 0
 * unless declared informative ({@link binEvidence}); forward selection on cross-validated AUC
 * (time-ordered folds when the deals have dates: fit earlier, validate later, and judged by the
 * worst of them, so that an attribute strong in some periods only does not win) picks at most
 * `maxAttributes`; the L2 strength is chosen on the same folds; a coefficient whose
 * sign contradicts its WOE is dropped and the model refitted; points are scaled
 * (points-to-double-the-odds or 0–100) and rounded per bin. The holdout gives AUC with a DeLong
 * interval, KS, Brier, calibration and lift, against the best single attribute, a plain count
 * of behavioural events and the previous rules when given. The card is usable only when its
 * holdout AUC interval stays above 0.5, no reference beats it significantly and its tiers are in
 * order on the holdout ({@link verdictProblems}); the verdict says which check failed. Tiers and
 * the fit × engagement grades are cut on training scores and measured on the holdout.
 *
 * Numeric edges are then rounded to readable values ({@link readableEdges}: two significant
 * digits, whole days for day counts) and the points refitted, when that costs less than
 * {@link MAX_ROUNDING_COST} of the card's cross-validated AUC on the training part; the holdout
 * AUC of both is reported in `metadata.rounding`, never used to decide. With `previous`, each
 * attribute still on the card keeps last quarter's bins unless this quarter's raise that
 * cross-validated AUC by more than {@link REBIN_MIN_GAIN} ({@link choosePreviousBins}); the
 * rationale says which.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const card = tuneScorecard(table); // options (TuneOptions), e.g. { capacity: 0.1, maxAttributes: 8, scale: { kind: "0-100" } }
 * card.metrics.auc.lo > 0.5; // => true
 */
export function tuneScorecard(table: DealTable, options: TuneOptions = {}, previous?: ScoringRules): Scorecard {
  const o = resolveTuneOptions(options, table);
  let won = 0;
  for (const w of table.won) won += w;
  if (won === 0 || won === table.n)
    throw new Error(
      `tune: the table has ${won} won and ${table.n - won} lost deals; a scorecard needs both. Fix: ` +
        (won === 0
          ? "list the outcome values that mean won under outcome.won in dataset.yaml"
          : "list the outcome values that mean lost under outcome.lost in dataset.yaml (a list of customers has none: to learn who stays, make the churn flag the outcome, with won = retained)"),
    );
  const split = table.split;
  let trainWon = 0;
  for (const r of split.train) trainWon += table.won[r];
  if (trainWon === 0 || trainWon === split.train.length)
    throw new Error(
      `tune: the training part has ${trainWon} won and ${split.train.length - trainWon} lost deals (${split.description}); a scorecard is fitted on both. Fix: ` +
        (split.rule.by === "time"
          ? "hold out fewer days (a shorter holdout.last_days in dataset.yaml), or ask for a random holdout: holdout: { by: random, fraction: 0.25 }"
          : "hold out a smaller fraction (holdout.fraction in dataset.yaml)"),
    );
  // On a large table a side worker holding a copy of it takes part of the drivers, then the work
  // that does not read the win card: the amount and retention cards, the provenance if this
  // thread has not needed it first, and chunks of the capture bootstrap.
  const beside = o.sideThread ? tableWorker(table) : undefined;
  try {
    return tuneOn(table, o, won, beside, previous);
  } finally {
    beside?.close();
  }
}

/** {@link tuneScorecard} of a table with both outcomes in its training part, with a side worker or not. */
function tuneOn(table: DealTable, o: ResolvedTuneOptions, won: number, beside: SideWorker<DealTable> | undefined, previous: ScoringRules | undefined): Scorecard {
  const trainRows = Int32Array.from(table.split.train);
  const winDrivers: DriversOptions = { target: "won", rows: trainRows, seed: o.seed, keep: o.keep, exclude: [...o.exclude] };
  // The worker's queue: its part of the drivers, then the value cards (whose amount card waits for
  // the win drivers' leaks) and the provenance, unless the table knows it (made here if the worker
  // has not begun it when this thread is about to wait for the value cards, or needs it).
  const driversThere = beside && driversBeside(beside, winDrivers);
  const valueOptions = { train: trainRows, seed: o.seed, keep: o.keep, exclude: [...o.exclude], informativeMissing: o.informativeMissing, winLeaks: winLeaks(table) };
  const valueCards = beside ? fitValueCardsBeside(beside, valueOptions) : () => fitValueCards(table, valueOptions);
  let provenanceThere: SideCall<Provenance> | undefined;
  if (beside) table.provenanceFrom(() => (provenanceThere = beside.offer<Provenance>({ module: require.resolve("../data/table-provenance"), name: tableProvenance.name }, [])).result);
  const win = drivers(table, winDrivers, driversThere);
  // The amount card, fitted with the value cards, does not take the attributes that leak the win.
  handOverWinLeaks(valueOptions.winLeaks, table, win);
  const ctx = tuningContext(table, o, win, trainRows);
  const { train, test, yTest, warnings } = ctx;
  const selected = selectAttributes(ctx);
  const fitter = cardFitter(ctx, selected);
  const decayed = decayCard(ctx, selected, fitter);
  const { card, model, rounding, binsNotes } = finishBins(ctx, decayed, fitter, previous);
  const holdout = checkOnHoldout(ctx, card, model, fitter, previous);
  const { chosen, points, metrics, tiers, grades } = holdout;

  const parts: RulesParts = {
    table,
    counts: { deals: table.n, won, lost: table.n - won, train: train.length, holdout: test.length },
    seed: o.seed,
    holdout: table.split.rule,
    verdict: holdout.verdict,
    metrics,
    rounding,
    scale: o.scale,
    basePoints: points.basePoints,
    attributes: chosen.map((c, j) => scorecardAttribute(c.attribute, c.binSet, points.binPoints[j], ctx.work, ctx.missingOf(c.attribute), binsNotes.get(c.name))),
    tiers,
    grades: { fitCuts: holdout.fitCuts, engagementCuts: holdout.engagementCuts, matrix: grades },
  };
  // What scoring reads of the rules, for the value cards; the metadata is written last, so that the
  // provenance offered to the side worker is asked for as late as possible.
  const toScore = rulesToScore(parts);
  if (o.scale.kind === "0-100") warnings.push("0–100 scale: points are relative to this card's lowest and highest possible score, not comparable across runs");

  // The expected value beside the win chance: amount and retention cards on the same training part.
  const valueInputs = { ...valueOptions, rules: toScore, test, trainPoints: holdout.trainPoints, testPoints: holdout.testPoints, winDrivers: ctx.drivers, tierNames: o.tierNames };
  // About to wait for the value cards: the provenance, if the worker has not begun it, is made here meanwhile.
  provenanceThere?.makeHereIfNotBegun();
  const value = tuneValue(table, valueInputs, valueCards(), beside);
  const rules = scoringRulesOf(parts, toScore);
  if (!("reason" in value)) rules.value = value.block;
  else if (table.amount) warnings.push(`expected value: not fitted: ${value.reason}`);

  const canTest = canTestRows(yTest);
  return new Scorecard({
    rules,
    verdict: holdout.verdict,
    usable: holdout.usable,
    notUsableBecause: holdout.notUsableBecause,
    holdout: { description: table.split.description, train: train.length, test: test.length, testWins: holdout.testWins },
    metrics,
    references: holdout.references,
    tiers,
    grades,
    stability: populationStability(holdout.trainPoints, holdout.testPoints),
    selection: selected.selection.steps,
    selectionFolds: ctx.foldList ? "time-ordered" : "stratified",
    drift: selected.drift,
    roc: canTest ? rocCurve(holdout.testPoints, yTest) : [],
    lift: canTest ? liftTable(holdout.testPoints, yTest) : liftTable([0, 1], Uint8Array.from([0, 1])),
    calibration: yTest.length ? calibrationTable(holdout.testProb, yTest) : [],
    distribution: pointsDistribution(holdout.testPoints, yTest),
    drivers: ctx.drivers,
    value,
    decay: decaySummary(decayed.choices, decayed.backtest),
    warnings,
  });
}

/** What every phase of {@link tuneScorecard} reads: the split, the drivers, the training periods and folds, and how attributes are encoded. */
interface TuningContext {
  table: DealTable;
  /** The table with the decayed counts as attributes too, to encode them (the drivers and the provenance stay the table's). */
  work: DealTable;
  o: ResolvedTuneOptions;
  train: Int32Array;
  test: Int32Array;
  yTrain: Uint8Array;
  yTest: Uint8Array;
  /** The drivers of winning, on the training rows. */
  drivers: DriversResult;
  timeline: ReturnType<typeof trainingPeriods>;
  /** The rows selection is judged on: the training rows, or an evenly spaced subset when large. */
  selectRows: { rows: Int32Array; y: Uint8Array };
  /** Time-ordered folds of the selection rows when the deals have dates (judged by the worst fold); otherwise stratified folds are used. */
  foldList: Fold[] | undefined;
  /** Warnings of the run so far; phases add theirs. */
  warnings: string[];
  /** Why an attribute got finer bins, by name (filled in as candidates are encoded). */
  finerNotes: Map<string, string>;
  missingOf(a: DriverAttribute): MissingTreatment;
  /** Each row's bin and the bins' evidence (the drivers' WOE unless given). */
  woeOf(a: DriverAttribute, binSet?: BinSet, evidence?: number[]): { codes: Int32Array; evidence: number[]; woe: Float64Array };
  /** An attribute encoded for the card with the given bins (counted on the training rows). */
  encode(a: DriverAttribute, binSet: BinSet): Encoding;
  /** A candidate encoded with finer bins where they pay on the selection folds ({@link chooseFinerBins}), else its drivers' bins. */
  encodeCandidate(a: DriverAttribute): Encoding;
}

/** The split (`train`: its training rows), the drivers on the training rows, the training periods, the selection rows and folds, and the encoders. */
function tuningContext(table: DealTable, o: ResolvedTuneOptions, d: DriversResult, train: Int32Array): TuningContext {
  const split = table.split;
  const warnings = [...split.warnings];
  const test = Int32Array.from(split.test);
  const yTrain = gatherFlags(table.won, train);
  const yTest = gatherFlags(table.won, test);

  const time = table.closedAt ?? table.createdAt;
  const timeline = trainingPeriods(time, table.won, train, test, PERIODS, table.sources?.timeZone);
  if ("reason" in timeline) warnings.push(`selection on stratified folds, drift between periods not checked: ${timeline.reason}`);
  const missingOf = (a: DriverAttribute): MissingTreatment => (o.informativeMissing.has(a.attribute) ? "informative" : "neutral");
  const work = table.decayed?.attributes.length
    ? new DealTable({ ...table, attributes: [...table.attributes, ...table.decayed.attributes], columns: { ...table.columns, ...table.decayed.columns }, decayed: undefined })
    : table;
  const columnOf = (a: DriverAttribute) => work.columns[a.attribute] as Parameters<typeof assignBins>[1];
  const woeOf = (a: DriverAttribute, binSet = a.binSet, evidence = binSet.bins.map((b) => b.woe)) => {
    const codes = assignBins(binSet, columnOf(a));
    return { codes, evidence, woe: rowEvidence(codes, evidence) };
  };
  const encode = (a: DriverAttribute, binSet: BinSet): Encoding => ({ name: a.name, attribute: a, binSet, ...woeOf(a, binSet, binEvidence(binSet, missingOf(a))) });

  // Selection (and the choice of finer bins) on an evenly spaced subset when large: on
  // time-ordered folds (fit on earlier periods, validate on the next) when the deals have dates,
  // judged by the worst of those folds, so an attribute must help in every period, not on average.
  const selectRows = train.length > SELECTION_ROWS ? evenlySpaced(train, yTrain, SELECTION_ROWS) : { rows: train, y: yTrain };
  const foldList = "periods" in timeline && time ? timeOrderedFolds(gatherNumbers(time, selectRows.rows), PERIODS).folds : undefined;

  // Finer bins are judged by the folds' mean AUC, as a question of resolution, not of drift (selection judges that).
  const choiceFolds = foldList ?? stratifiedKFold(selectRows.y, { folds: o.folds, seed: o.seed });
  const finerNotes = new Map<string, string>();
  const encodeCandidate = (a: DriverAttribute): Encoding => {
    const type = work.attribute(a.attribute).type;
    if ((type !== "numeric" && type !== "categorical") || a.binSet.indicator) return encode(a, a.binSet);
    const finer = finerBinSet(a, work, train, yTrain);
    // Each fold's bins, drivers' and finer, are made again on its fitting rows, so its validation rows never shape them.
    const column = gatherColumn(work.columns[a.attribute], selectRows.rows);
    const values = column as Parameters<typeof assignBins>[1];
    const binning = (set: BinSet, options: (rows: number) => BinColumnOptions): Binning => ({
      set,
      codes: assignBins(set, values),
      on: (rows) => {
        const made = binColumn(gatherColumn(column, Int32Array.from(rows)), type, gatherFlags(selectRows.y, rows), { name: a.binSet.name, ...options(rows.length) })[0];
        return { set: made, codes: assignBins(made, values) };
      },
    });
    const choice = chooseFinerBins(binning(a.binSet, () => DRIVER_BINNING), binning(finer, finerBinning), selectRows.y, choiceFolds, "mean", missingOf(a));
    if (choice.note) finerNotes.set(a.name, choice.note);
    return encode(a, choice.binSet);
  };
  return { table, work, o, train, test, yTrain, yTest, drivers: d, timeline, selectRows, foldList, warnings, finerNotes, missingOf, woeOf, encode, encodeCandidate };
}

/** The attributes chosen for the card and the model fitted on them (before decay, rounding and last quarter's bins). */
interface Selected {
  /** Every candidate not set aside by drift, encoded. */
  candidates: DriverAttribute[];
  encoded: Map<string, Encoding>;
  drift: ReturnType<typeof attributeDrift>[];
  selection: ForwardSelection;
  /** The card's attributes, in selection order, after dropping those whose coefficient contradicts their evidence. */
  card: Encoding[];
  model: LogisticModel;
  /** The L2 penalty of the final fit (chosen on the selection folds, scaled to the training rows). */
  l2: number;
}

/**
 * Candidates (significant, not leakage, not redundant), each with finer bins where they pay; those
 * whose effect flips or fades between training periods set aside; forward selection on the
 * selection folds; then the fit on every training row, dropping an attribute whose coefficient
 * contradicts its weight of evidence and refitting.
 */
function selectAttributes(ctx: TuningContext): Selected {
  const { o, train, yTrain, selectRows, foldList, timeline, warnings } = ctx;
  const significant = chooseCandidates(ctx.drivers.attributes, o);
  const encodedAll = new Map(significant.map((a) => [a.name, ctx.encodeCandidate(a)]));

  // Each candidate's effect period by period; one whose effect flips (and has not come back by the latest period) or fades inside the training part is set aside.
  const drift =
    "periods" in timeline
      ? [...encodedAll.values()].map((e) => attributeDrift(e.binSet, e.codes, e.woe, ctx.table.won, timeline.periods.rows, timeline.periods.labels, true))
      : [];
  for (const x of drift) if (!x.flag && x.note) warnings.push(`${x.name}: ${x.note}`);
  for (const x of drift) if (x.flag) warnings.push(`${x.name}: ${x.note}${isForced(encodedAll.get(x.name)!.attribute, o) ? "; kept on the card on request" : "; set aside from the card"}`);
  const candidates = significant.filter((a) => isForced(a, o) || !drift.find((x) => x.name === a.name)?.flag);
  const encoded = new Map(candidates.map((a) => [a.name, encodedAll.get(a.name)!]));

  // Forward selection on cross-validated AUC, on the same rows and folds.
  const columns: Record<string, Float64Array> = {};
  for (const [name, e] of encoded) columns[name] = gatherNumbers(e.woe, selectRows.rows);
  const selection = candidates.length
    ? forwardSelect(columns, selectRows.y, { maxFeatures: o.maxAttributes, folds: o.folds, seed: o.seed, l2: 1, foldList, criterion: foldList ? "worst" : "mean" })
    : { selected: [], steps: [], stopReason: "exhausted" as const, criterion: "mean" as const, warnings: ["no candidate attribute: nothing predicts wins on the training part"] };
  warnings.push(...selection.warnings);
  let selected = [...selection.selected];
  for (const name of o.include) if (encoded.has(name) && !selected.includes(name)) selected.push(name);

  // Fit on every training row; drop attributes whose coefficient contradicts their WOE.
  let model = fitLogistic([], yTrain);
  let l2 = 0;
  for (;;) {
    // The penalty is chosen by cross-validation on the selection rows (scaled to the training size), then fitted on every training row.
    const Xs = selected.map((name) => gatherNumbers(encoded.get(name)!.woe, selectRows.rows));
    const scaleUp = train.length / selectRows.rows.length;
    l2 = selected.length ? chooseL2(Xs, selectRows.y, L2_GRID, { folds: o.folds, seed: o.seed, foldList }).l2 * scaleUp : 0;
    model = fitLogistic(selected.map((name) => gatherNumbers(encoded.get(name)!.woe, train)), yTrain, { l2 });
    const wrong = selected.findIndex((_, j) => !(model.coefficients[j] > 0));
    if (wrong < 0) break;
    warnings.push(`${selected[wrong]}: its coefficient (${model.coefficients[wrong].toFixed(3)}) contradicts its weight of evidence once the other attributes are known; dropped and refitted`);
    selected = selected.filter((_, j) => j !== wrong);
  }
  warnings.push(...model.warnings);
  return { candidates, encoded, drift, selection, card: selected.map((name) => encoded.get(name)!), model, l2 };
}

/** How a card (a list of encoded attributes) is fitted, cross-validated and turned into points, with the selection's penalty. */
interface CardFitter {
  /** Mean cross-validated AUC of a card on the selection rows and folds (0.5 for an empty card). */
  cvAuc(card: readonly Encoding[]): number;
  /** The card fitted on every training row. */
  fit(card: readonly Encoding[]): LogisticModel;
  /** Whether every coefficient of the card fitted on every training row is positive (as {@link fit} would say). */
  allPositive(card: readonly Encoding[]): boolean;
  /** A card's points (base and per bin) for a fitted model, and the points of rows (only some attributes' points, without the base, when `only` is given). */
  scored(card: readonly Encoding[], m: LogisticModel): { basePoints: number; binPoints: number[][]; pointsAt(rows: Int32Array, only?: (a: DriverAttribute) => boolean): Float64Array };
}

/**
 * The fitter of cards with the selection's penalty. A card is fitted and cross-validated once,
 * however often it is asked for (learned decay and rounding go back to the same cards); a sign
 * check starts Newton from the selected card's coefficients (by name, 0 for an attribute it
 * lacks): the same optimum, in about half the iterations.
 */
function cardFitter(ctx: TuningContext, selected: Selected): CardFitter {
  const { o, train, yTrain, selectRows, foldList } = ctx;
  const { l2 } = selected;
  const cvL2 = l2 / (train.length / selectRows.rows.length);
  // A card's key: its encodings' numbers (a rounded card has the names of the exact one, not its bins).
  const numbers = new Map<Encoding, number>();
  const key = (card: readonly Encoding[]) => card.map((e) => numbers.get(e) ?? numbers.set(e, numbers.size).size - 1).join(",");
  const fits = new Map([[key(selected.card), selected.model]]);
  const aucs = new Map<string, number>();
  const columns = (card: readonly Encoding[]) => card.map((e) => gatherNumbers(e.woe, train));
  const fit = (card: readonly Encoding[]) => {
    const k = key(card);
    let model = fits.get(k);
    if (!model) fits.set(k, (model = fitLogistic(columns(card), yTrain, { l2 })));
    return model;
  };
  return {
    cvAuc: (card) => {
      const k = key(card);
      let cv = aucs.get(k);
      if (cv === undefined) {
        cv = card.length ? crossValidatedAuc(card.map((e) => gatherNumbers(e.woe, selectRows.rows)), selectRows.y, { l2: cvL2, folds: o.folds, seed: o.seed, foldList }).meanAuc : 0.5;
        aucs.set(k, cv);
      }
      return cv;
    },
    fit,
    allPositive: (card) => {
      const known = fits.get(key(card));
      if (known) return known.coefficients.every((b) => b > 0);
      const { card: from, model } = selected;
      const start = [model.intercept, ...card.map((e) => (from.includes(e) ? model.coefficients[from.indexOf(e)] : 0))];
      const warm = fitLogisticResolved(columns(card), yTrain, resolveLogisticOptions({ l2 }, train.length), { start, standardErrors: false });
      return warm.coefficients.every((b) => b > 0);
    },
    scored: (card, m) => {
      const { basePoints, binPoints } = cardPoints(o.scale, m.intercept, card.map((c, j) => c.evidence.map((w) => m.coefficients[j] * w)));
      // Each row's points: the base points (none with \`only\`), then each attribute's in card order.
      const pointsAt = (rows: Int32Array, only?: (a: DriverAttribute) => boolean) => {
        const out = new Float64Array(rows.length).fill(only ? 0 : basePoints);
        card.forEach((c, j) => {
          if (only && !only(c.attribute)) return;
          const codes = c.codes;
          const points = binPoints[j];
          for (let i = 0; i < rows.length; i++) out[i] += codes[rows[i]] >= 0 ? points[codes[rows[i]]] : 0;
        });
        return out;
      };
      return { basePoints, binPoints, pointsAt };
    },
  };
}

/** The card after learned decay, with the model fitted on it. */
interface DecayedCard {
  /** The card before decay, and after (the same list when no half-life is kept). */
  fixedCard: Encoding[];
  card: Encoding[];
  model: LogisticModel;
  choices: ReturnType<typeof chooseDecay>["choices"];
  /** Holdout AUC of the decayed card against the fixed-window one (reported, never used to decide). */
  backtest: ReturnType<typeof compareAuc> | null;
  /** Why an attribute's counts decay, by name. */
  notes: Map<string, string>;
}

/**
 * Learned decay: per event type on the card (or a candidate), each half-life's decayed count
 * (binned as the candidates are, finer bins where they pay; not one that flips or fades between
 * training periods) against the fixed windows, on the same training folds; kept only where it pays.
 */
function decayCard(ctx: TuningContext, selected: Selected, fitter: CardFitter): DecayedCard {
  const { table, work, o, train, test, yTest, timeline } = ctx;
  const fixedCard = selected.card;
  const decayTypes = [
    ...new Set(
      [...fixedCard, ...selected.candidates.map((a) => selected.encoded.get(a.name)!)].flatMap((e) =>
        e.attribute.feature && (fixedCard.includes(e) || e.attribute.feature.aggregate === "count") ? [e.attribute.feature.eventType] : [],
      ),
    ),
  ];
  const decayMetas = (table.decayed?.attributes ?? []).filter((m) => decayTypes.includes(m.feature!.eventType));
  const decayDrivers = decayMetas.length ? drivers(new DealTable({ ...work, attributes: decayMetas }), { target: "won", rows: train, seed: o.seed }).attributes : [];
  const decay = chooseDecay(
    fixedCard,
    decayTypes.map((type) => ({
      eventType: type,
      isOfType: (e: Encoding) => e.attribute.feature?.eventType === type,
      variants: decayDrivers
        .filter((a) => a.feature!.eventType === type && a.leakage === null && a.binSet.bins.filter((b) => b.n > 0).length >= 2)
        .sort((a, b) => a.feature!.halfLifeDays! - b.feature!.halfLifeDays!)
        .map((a) => ({ halfLifeDays: a.feature!.halfLifeDays!, encoding: ctx.encodeCandidate(a) }))
        .filter((v) => !("periods" in timeline && attributeDrift(v.encoding.binSet, v.encoding.codes, v.encoding.woe, table.won, timeline.periods.rows, timeline.periods.labels, true).flag)),
    })),
    fitter.cvAuc,
    fitter.allPositive,
    o.maxAttributes,
  );
  const card = decay.card;
  const decayed = card.some((e, j) => e !== fixedCard[j]) || card.length !== fixedCard.length;
  const model = decayed ? fitter.fit(card) : selected.model;
  const backtest =
    decayed && canTestRows(yTest) ? compareAuc(fitter.scored(card, model).pointsAt(test), fitter.scored(fixedCard, fitter.fit(fixedCard)).pointsAt(test), yTest) : null;
  const notes = new Map(
    decay.choices.flatMap((c) =>
      c.halfLifeDays === null
        ? []
        : card.filter((e) => e.attribute.feature?.eventType === c.eventType).map((e) => [e.name, `${c.note}; its q is across the ${decayDrivers.length} decayed counts tested`] as const),
    ),
  );
  return { fixedCard, card, model, choices: decay.choices, backtest, notes };
}

/** The card's final bins and model, how its edges were rounded, and why each attribute has its bins. */
interface FinishedCard {
  card: Encoding[];
  model: LogisticModel;
  rounding: RulesParts["rounding"];
  /** Finer bins, decay and last quarter's bins, by attribute name. */
  binsNotes: Map<string, string | undefined>;
}

/**
 * Readable edges, then last quarter's bins where the data have not moved: each choice measured
 * on the training part by the card's cross-validated AUC on the selection folds, then refitted.
 */
function finishBins(ctx: TuningContext, decayed: DecayedCard, fitter: CardFitter, previous: ScoringRules | undefined): FinishedCard {
  const { work, o, train, test, yTrain, yTest, warnings } = ctx;
  const { cvAuc, fit, scored } = fitter;
  const exactCard = decayed.card;
  let model = decayed.model;
  const roundedCard = exactCard.map((e) =>
    e.binSet.type === "numeric" && !e.binSet.indicator
      ? ctx.encode(e.attribute, readableEdges(e.binSet, gatherNumbers(work.columns[e.attribute.attribute] as Float64Array, train), yTrain, { wholeUnits: countsDays(work.attribute(e.attribute.attribute)) }))
      : e,
  );
  const roundedModel = fit(roundedCard);
  const roundingCost = cvAuc(exactCard) - cvAuc(roundedCard);
  const useRounded = o.readableEdges && roundingCost < MAX_ROUNDING_COST && roundedModel.coefficients.every((b) => b > 0);
  const holdoutAuc = (card: readonly Encoding[], m: LogisticModel) => (canTestRows(yTest) ? auc(scored(card, m).pointsAt(test), yTest) : NaN);
  const rounding = {
    edges: useRounded ? ("rounded" as const) : ("exact" as const),
    maxCost: MAX_ROUNDING_COST,
    trainingCost: roundingCost,
    aucExact: holdoutAuc(exactCard, model),
    aucRounded: holdoutAuc(roundedCard, roundedModel),
  };
  if (o.readableEdges && !useRounded && exactCard.length)
    warnings.push(`bin edges left exact: rounding them to readable values costs ${roundingCost.toFixed(4)} cross-validated training AUC (the limit is ${MAX_ROUNDING_COST})`);
  let card = useRounded ? roundedCard : exactCard;
  const binsChoices = previous
    ? choosePreviousBins(
        card,
        (e) => {
          const old = previous.attributes.find((x) => x.name === e.name);
          if (!old) return undefined;
          const set = previousBins(e.binSet, old, gatherColumn(work.columns[e.attribute.attribute], train) as Parameters<typeof assignBins>[1], yTrain);
          return "reason" in set ? set : ctx.encode(e.attribute, set);
        },
        cvAuc,
      )
    : undefined;
  if (binsChoices) card = binsChoices.card;
  if (card !== exactCard) model = fit(card);
  const binsNotes = new Map(
    card.map((e) => [e.name, [ctx.finerNotes.get(e.name), decayed.notes.get(e.name), binsChoices?.choices.find((c) => c.name === e.name)?.note].filter(Boolean).join("; ") || undefined]),
  );
  return { card, model, rounding, binsNotes };
}

/** The finished card measured on the holdout. */
interface HoldoutCheck {
  /** The card's attributes with their coefficients. */
  chosen: (Encoding & { beta: number })[];
  points: ReturnType<CardFitter["scored"]>;
  trainPoints: Float64Array;
  testPoints: Float64Array;
  testProb: Float64Array;
  testWins: number;
  metrics: RulesParts["metrics"] & { aucUnrounded: number };
  references: Reference[];
  tiers: Tier[];
  fitCuts: number[];
  engagementCuts: number[];
  grades: ReturnType<typeof gradeMatrix>;
  usable: boolean;
  notUsableBecause: string[];
  verdict: string;
}

/**
 * The card on the holdout: points (rounded per bin), AUC with its DeLong interval, KS, Brier,
 * the references (best single attribute, a count of behavioural events, the previous rules) each
 * compared with the card, tiers and fit × engagement grades cut on training scores and measured
 * on the holdout, and the verdict ({@link verdictProblems}, {@link cardVerdict}).
 */
function checkOnHoldout(ctx: TuningContext, card: Encoding[], model: LogisticModel, fitter: CardFitter, previous: ScoringRules | undefined): HoldoutCheck {
  const { table, work, o, train, test, yTrain, yTest, warnings } = ctx;
  const chosen = card.map((e, j) => ({ ...e, beta: model.coefficients[j] }));
  const points = fitter.scored(card, model);
  const { pointsAt } = points;
  const logitAt = (rows: Int32Array) => {
    const out = new Float64Array(rows.length).fill(model.intercept);
    for (const c of chosen) for (let i = 0; i < rows.length; i++) out[i] += c.beta * c.woe[rows[i]];
    return out;
  };
  const trainPoints = pointsAt(train);
  const testPoints = pointsAt(test);
  const testLogit = logitAt(test);
  const testProb = testLogit.map((z) => 1 / (1 + Math.exp(-z)));

  const testWins = yTest.reduce((s, v) => s + v, 0);
  const canTest = canTestRows(yTest);
  const aucCI = canTest ? aucWithCI(testPoints, yTest) : { auc: NaN, lo: NaN, hi: NaN };
  const aboveChance = canTest && aucCI.lo > 0.5 && chosen.length > 0;
  const aucUnrounded = canTest ? auc(testLogit, yTest) : NaN;
  if (canTest && aucUnrounded - aucCI.auc > 0.002) warnings.push(`rounding points lost ranking: holdout AUC ${aucCI.auc.toFixed(4)} rounded vs ${aucUnrounded.toFixed(4)} unrounded`);

  const references: Reference[] = [];
  const addReference = (name: string, scores: Float64Array) => {
    if (!canTest) return;
    const a = aucWithCI(scores, yTest);
    const c = compareAuc(testPoints, scores, yTest);
    references.push({ name, auc: { auc: a.auc, lo: a.lo, hi: a.hi }, vsScorecard: { diff: c.diff, lo: c.lo, hi: c.hi, p: c.p } });
  };
  const best = ctx.drivers.attributes.find((a) => a.leakage === null && a.type !== "date");
  if (best) addReference(`best single attribute (${best.name})`, gatherNumbers(ctx.woeOf(best).woe, test));
  const counts = table.attributes.filter((a) => a.feature?.aggregate === "count" && a.feature.windowDays === Math.max(...table.attributes.filter((x) => x.feature).map((x) => x.feature!.windowDays)));
  if (counts.length)
    addReference(
      "count of behavioural events",
      Float64Array.from(test, (r) => counts.reduce((s, a) => s + ((table.columns[a.name] as Float64Array)[r] || 0), 0)),
    );
  if (previous) {
    const scorer = createScorer(previous, { reasons: 0 });
    const read = leadRecordReader(work, scorer.keys);
    addReference("previous rules", Float64Array.from(test, (r) => scorer(read(r)).points));
  }

  const tiers = chooseTiers(trainPoints, yTrain, testPoints, yTest, o.tierNames, o);
  const notUsableBecause = aboveChance ? verdictProblems(references, tiers) : [];
  const usable = aboveChance && notUsableBecause.length === 0;
  const isEngagement = (a: DriverAttribute) => a.role === "behavioral";
  // A grade whose letter or digit is the same for every lead says nothing the tier does not.
  if (chosen.length && !chosen.some((c) => isEngagement(c.attribute)))
    warnings.push("no behavioural attribute is on the card: every lead's engagement digit is the same, so the fit × engagement grade adds nothing to the tier");
  if (chosen.length && chosen.every((c) => isEngagement(c.attribute)))
    warnings.push("only behavioural attributes are on the card: every lead's fit letter is the same, so the fit × engagement grade adds nothing to the tier");
  const fitCuts = quartileCuts(pointsAt(train, (a) => !isEngagement(a)));
  const engagementCuts = quartileCuts(pointsAt(train, isEngagement));
  const testFit = pointsAt(test, (a) => !isEngagement(a));
  const testEng = pointsAt(test, isEngagement);
  const grades = gradeMatrix(Array.from(test, (_, i) => gradeOf(testFit[i], testEng[i], fitCuts, engagementCuts)), yTest);

  const metrics = {
    auc: { auc: aucCI.auc, lo: aucCI.lo, hi: aucCI.hi },
    aucUnrounded,
    ks: canTest ? ksStatistic(testPoints, yTest).ks : NaN,
    brier: yTest.length ? brierScore(testProb, yTest) : NaN,
    baseRate: yTest.length ? testWins / yTest.length : NaN,
  };
  const verdict = cardVerdict({ canTest, aboveChance, notUsableBecause, auc: metrics.auc, holdoutDeals: yTest.length, attributes: chosen.length });
  return { chosen, points, trainPoints, testPoints, testProb, testWins, metrics, references, tiers, fitCuts, engagementCuts, grades, usable, notUsableBecause, verdict };
}

/** The holdout's points in about 30 bands of equal width, with the wins and losses in each. */
function pointsDistribution(testPoints: Float64Array, yTest: Uint8Array): { points: number; won: number; lost: number }[] {
  const distribution = new Map<number, { points: number; won: number; lost: number }>();
  const width = Math.max(1, Math.round((Math.max(...testPoints) - Math.min(...testPoints)) / 30));
  testPoints.forEach((p, i) => {
    const key = Math.floor(p / width) * width;
    const cell = distribution.get(key) ?? { points: key, won: 0, lost: 0 };
    if (yTest[i]) cell.won++;
    else cell.lost++;
    distribution.set(key, cell);
  });
  return [...distribution.values()].sort((a, b) => a.points - b.points);
}

/** An attribute of the card with the bins it uses, encoded as evidence for every row of the table. */
interface Encoding {
  name: string;
  attribute: DriverAttribute;
  binSet: BinSet;
  codes: Int32Array;
  evidence: number[];
  woe: Float64Array;
}

/** Whether the user forced the attribute onto the card. */
function isForced(a: DriverAttribute, o: ResolvedTuneOptions): boolean {
  return o.include.has(a.attribute) || o.include.has(a.name);
}

/** Significant, not leakage, not dates, and not redundant with a stronger chosen one; at most max(40, 2 × maxAttributes + 8) by IV, to bound selection time. */
function chooseCandidates(attributes: readonly DriverAttribute[], o: ResolvedTuneOptions): DriverAttribute[] {
  const out: DriverAttribute[] = [];
  for (const a of attributes) {
    const forced = isForced(a, o);
    if (a.type === "date" || (a.leakage !== null && !a.leakageKept)) continue;
    if (!a.significant && !forced) continue;
    if (!forced && a.redundantWith.some((r) => out.some((c) => c.name === r))) continue;
    if (a.binSet.bins.filter((b) => b.n > 0).length < 2) continue;
    out.push(a);
  }
  return out.slice(0, Math.max(MAX_CANDIDATES, 2 * o.maxAttributes + 8));
}

/** How finer bins are made on `rows` deals: more of them ({@link FINER_MAX_BINS}), each at least {@link FINER_MIN_SHARE} of the deals and 30. */
function finerBinning(rows: number): BinColumnOptions {
  return { maxBins: FINER_MAX_BINS, minBinSize: Math.max(30, Math.ceil(FINER_MIN_SHARE * rows)) };
}

/** A number or category attribute's finer bins on the training rows. */
function finerBinSet(a: DriverAttribute, table: DealTable, train: Int32Array, yTrain: Uint8Array): BinSet {
  const type = table.attribute(a.attribute).type as "numeric" | "categorical";
  return binColumn(gatherColumn(table.columns[a.attribute], train), type, yTrain, { name: a.binSet.name, ...finerBinning(train.length) })[0];
}

/** A stratified, evenly spaced subset of rows (deterministic). */
function evenlySpaced(rows: Int32Array, y: Uint8Array, size: number): { rows: Int32Array; y: Uint8Array } {
  const step = rows.length / size;
  const idx = Array.from({ length: size }, (_, i) => Math.floor(i * step));
  return { rows: Int32Array.from(idx, (i) => rows[i]), y: gatherFlags(y, idx) };
}

/** Whether a holdout's outcomes allow an AUC (both wins and losses). */
function canTestRows(y: Uint8Array): boolean {
  const wins = y.reduce((s, v) => s + v, 0);
  return wins > 0 && wins < y.length;
}

/** What the rules document of a tuned card is made of ({@link scoringRulesOf}). */
interface RulesParts {
  table: DealTable;
  counts: ScoringRules["metadata"]["counts"];
  seed: number;
  holdout: ScoringRules["metadata"]["holdout"];
  verdict: string;
  metrics: { auc: { auc: number; lo: number; hi: number }; ks: number; brier: number; baseRate: number };
  rounding: { edges: "rounded" | "exact"; maxCost: number; trainingCost: number; aucExact: number; aucRounded: number };
  scale: ResolvedTuneOptions["scale"];
  basePoints: number;
  attributes: ScorecardAttribute[];
  tiers: ReturnType<typeof chooseTiers>;
  grades: { fitCuts: number[]; engagementCuts: number[]; matrix: ReturnType<typeof gradeMatrix> };
}

/** The `ScoringRules` document of a tuned card: provenance, holdout metrics (to 4 decimals; null where the holdout cannot tell), then what scoring reads ({@link rulesToScore}). */
function scoringRulesOf(p: RulesParts, toScore: RulesToScore): ScoringRules {
  const { table } = p;
  // A measure the holdout cannot give (no wins or no losses in it) is null, never a number.
  const measured = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : null);
  return {
    apiVersion: "leadlab/v1",
    kind: "ScoringRules",
    metadata: {
      ...table.provenance,
      counts: p.counts,
      seed: p.seed,
      holdout: p.holdout,
      verdict: p.verdict,
      metrics: {
        auc: { value: measured(p.metrics.auc.auc), lo: measured(p.metrics.auc.lo), hi: measured(p.metrics.auc.hi) },
        ks: measured(p.metrics.ks),
        brier: measured(p.metrics.brier),
        baseRate: measured(p.metrics.baseRate),
      },
      rounding: {
        edges: p.rounding.edges,
        maxCost: p.rounding.maxCost,
        trainingCost: Number(p.rounding.trainingCost.toFixed(6)),
        aucExact: measured(p.rounding.aucExact),
        aucRounded: measured(p.rounding.aucRounded),
        cost: measured(p.rounding.aucExact - p.rounding.aucRounded),
      },
    },
    ...toScore,
  };
}

/** What scoring reads of a tuned card's rules: inputs, scale, attributes, tiers (rates to 4 decimals) and grades. */
function rulesToScore(p: RulesParts): RulesToScore {
  const { table, scale } = p;
  const rounded = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : 0);
  return {
    inputs: rulesInputs(table.sources),
    scale: {
      kind: scale.kind,
      base: scale.kind === "pdo" ? scale.base : 0,
      baseOdds: scale.kind === "pdo" ? scale.baseOdds : 1,
      pdo: scale.kind === "pdo" ? scale.pdo : 0,
      basePoints: p.basePoints,
    },
    attributes: p.attributes,
    tiers: p.tiers.map((t) => ({
      name: t.name,
      minPoints: t.minPoints,
      expectedWinRate: t.expectedWinRate && { value: rounded(t.expectedWinRate.value), lo: rounded(t.expectedWinRate.lo), hi: rounded(t.expectedWinRate.hi) },
      shareOfLeads: rounded(t.shareOfLeads),
      shareOfWins: rounded(t.shareOfWins),
    })),
    grades: { fitCuts: p.grades.fitCuts, engagementCuts: p.grades.engagementCuts, matrix: p.grades.matrix.map((g) => ({ grade: g.grade, n: g.n, winRate: g.winRate === null ? null : rounded(g.winRate) })) },
  };
}

/** The verdict line of a tuned card: what the holdout shows, never more. */
function cardVerdict(v: { canTest: boolean; aboveChance: boolean; notUsableBecause: string[]; auc: { auc: number; lo: number; hi: number }; holdoutDeals: number; attributes: number }): string {
  const usable = v.aboveChance && v.notUsableBecause.length === 0;
  const strength = v.auc.auc >= 0.8 ? "strong" : v.auc.auc >= 0.7 ? "useful" : "weak";
  const aucText = `holdout AUC ${v.auc.auc.toFixed(3)} [${v.auc.lo.toFixed(3)}, ${v.auc.hi.toFixed(3)}]`;
  return !v.canTest
    ? "cannot validate: the holdout has no wins or no losses"
    : v.aboveChance && !usable
      ? `not usable: ${v.notUsableBecause.join("; ")}; ${aucText}; do not rank leads with these rules`
      : !usable
      ? `no usable signal: ${v.attributes ? `${aucText} includes 0.5` : "no attribute predicts wins on the training part"}; do not rank leads with these rules`
      : `${strength} scorecard: ${aucText} on ${v.holdoutDeals} deals the rules were not fitted on, with ${v.attributes} attributes`;
}

function scorecardAttribute(a: DriverAttribute, set: BinSet, points: number[], table: DealTable, missing: MissingTreatment, binsNote: string | undefined): ScorecardAttribute {
  const meta = table.attribute(a.attribute);
  const { best, worst } = headlineBins(set)!;
  return {
    ...binnedInputOf(a.name, meta, set),
    role: a.role,
    group: a.role === "behavioral" ? "engagement" : "fit",
    rationale: `win rate ${formatPercent(best.rate)} [${formatPercent(best.lo)}–${formatPercent(best.hi)}] for ${best.label} vs ${formatPercent(worst.rate)} for ${worst.label} (training); IV ${(Number.isFinite(set.iv) ? set.iv : a.iv).toFixed(2)}, q ${a.q < 1e-4 ? "< 0.0001" : a.q.toFixed(4)}; ${missingRationale(missing)}${a.leakageQuestion ? `; ${a.leakageQuestion}` : ""}${binsNote ? `; ${binsNote}` : ""}`,
    bins: set.bins.map((b, k) => ({
      label: b.label,
      when: binMatch(b.rule),
      points: points[k],
      trainWinRate: Number.isFinite(b.rate) ? Number(b.rate.toFixed(4)) : 0,
      trainDeals: b.n,
    })),
  };
}

