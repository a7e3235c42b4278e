import { aucUnchecked } from "./auc";
import { checkOutcome, take, type NumericArray } from "./input-checks";
import {
  fitLogisticResolved,
  predictLogit,
  resolveColumns,
  resolveLogisticOptions,
  type FeatureColumns,
} from "./logistic-regression";
import { shuffledIndices } from "../stats/shuffled-indices";

/**
 * Cross-validation inside the training part: seeded stratified folds, the cross-validated AUC
 * of a logistic regression, choosing its L2 penalty, and greedy forward selection of features.
 *
 * Every function is deterministic for a given `seed`; comparisons across penalties or feature
 * sets use the same folds, so differences are paired. A fold whose test part lacks wins or
 * losses has no AUC: it is left out of the mean and a warning says so.
 */

/** One fold: the rows to fit on and the rows to score, each ascending. */
export interface Fold {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/** Options of {@link stratifiedKFold}. */
export interface FoldOptions {
  /** Number of folds, at least 2. Default 5. */
  folds?: number;
  /** Seed of the shuffle. Default 0. */
  seed?: number;
}

/**
 * Seeded stratified k-fold split: the rows are shuffled with `seed`, then wins and losses are
 * dealt in turn to the folds, so every fold has (within one row) the same number of rows and
 * the same share of wins. The test parts partition the rows.
 *
 * @param y 1 = won, 0 = lost
 * @example
 * import { stratifiedKFold } from "leadlab";
 * const folds = stratifiedKFold(Uint8Array.from([1, 0, 1, 0, 1, 0]), { folds: 3, seed: 1 });
 * folds.map((f) => f.test.length); // => [2, 2, 2]
 */
export function stratifiedKFold(y: Uint8Array, options: FoldOptions = {}): Fold[] {
  const { folds = 5, seed = 0 } = options;
  const n = y.length;
  checkOutcome("stratifiedKFold", y);
  if (!Number.isInteger(folds) || folds < 2) {
    throw new Error(`stratifiedKFold: folds must be an integer ≥ 2; got ${folds}`);
  }
  if (folds > n) {
    throw new Error(`stratifiedKFold: folds (${folds}) cannot exceed the number of rows (${n})`);
  }
  if (!Number.isFinite(seed)) throw new Error(`stratifiedKFold: seed must be a finite number; got ${seed}`);
  const order = shuffledIndices(n, seed);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const foldOf = new Uint32Array(n);
  const sizes = new Uint32Array(folds);
  // Wins take folds 0, 1, 2, …; losses continue the rotation where the wins stopped.
  let nextPos = 0;
  let nextNeg = positives % folds;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const f = y[i] === 1 ? nextPos++ % folds : nextNeg++ % folds;
    foldOf[i] = f;
    sizes[f]++;
  }
  const result: Fold[] = [];
  for (let f = 0; f < folds; f++) {
    const test = new Uint32Array(sizes[f]);
    const train = new Uint32Array(n - sizes[f]);
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      if (foldOf[i] === f) test[a++] = i;
      else train[b++] = i;
    }
    result.push(Object.freeze({ train, test }));
  }
  return result;
}

/** Options of {@link crossValidatedAuc} and {@link chooseL2}. */
export interface CrossValidationOptions extends FoldOptions {
  /** L2 penalty of the logistic regression (see `fitLogistic`). Default 0. */
  l2?: number;
  /** Sample weights for the fits (the AUC itself is unweighted). */
  weights?: NumericArray;
  /** Folds to use instead of stratified ones (e.g. time-ordered folds: fit earlier, validate later). */
  foldList?: readonly Fold[];
}

/** Cross-validated AUC of one model specification. */
export interface CrossValidatedAuc {
  /** Mean of the fold AUCs that exist. NaN when no fold has both wins and losses. */
  meanAuc: number;
  /** Sample standard deviation of the fold AUCs (0 with a single fold). */
  sdAuc: number;
  /** AUC per fold, NaN where the test part lacks wins or losses. */
  foldAuc: number[];
  warnings: string[];
}

/** The data of one fold, subset once and reused across penalties and feature sets. */
interface PreparedFold {
  trainCols: Float64Array[];
  testCols: Float64Array[];
  trainY: Uint8Array;
  testY: Uint8Array;
  trainW: Float64Array | undefined;
  scorable: boolean;
}

function prepareFolds(cols: Float64Array[], y: Uint8Array, weights: NumericArray | undefined, folds: Fold[]): PreparedFold[] {
  return folds.map((fold) => {
    const testY = Uint8Array.from(fold.test, (i) => y[i]);
    let wins = 0;
    for (let i = 0; i < testY.length; i++) wins += testY[i];
    return {
      trainCols: cols.map((c) => take(c, fold.train)),
      testCols: cols.map((c) => take(c, fold.test)),
      trainY: Uint8Array.from(fold.train, (i) => y[i]),
      testY,
      trainW: weights === undefined ? undefined : take(weights, fold.train),
      scorable: wins > 0 && wins < testY.length,
    };
  });
}

/** Counts repeated warnings across fits and reports each once. */
class WarningTally {
  private readonly counts = new Map<string, number>();
  private fits = 0;
  add(messages: readonly string[]): void {
    this.fits++;
    for (const m of new Set(messages)) this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
  }
  list(context: string): string[] {
    return [...this.counts].map(([m, c]) => `${context}: ${m} (in ${c} of ${this.fits} fold fits)`);
  }
}

function meanAndSd(values: number[]): { mean: number; sd: number } {
  const ok = values.filter((v) => !Number.isNaN(v));
  if (ok.length === 0) return { mean: NaN, sd: NaN };
  const mean = ok.reduce((s, v) => s + v, 0) / ok.length;
  if (ok.length === 1) return { mean, sd: 0 };
  const ss = ok.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  return { mean, sd: Math.sqrt(ss / (ok.length - 1)) };
}

/**
 * Cross-validated AUC of a logistic regression on the selected columns of prepared folds.
 * `starts` gives per fold the coefficients to start Newton from (a neighbouring fit's solution);
 * the fitted coefficients per fold come back in `solutions` for the next fit to start from.
 */
function cvAucPrepared(
  prepared: PreparedFold[],
  columns: readonly number[],
  l2: number,
  tally: WarningTally,
  starts: readonly (Float64Array | undefined)[] = [],
  prune?: Prune,
): { mean: number; sd: number; foldAuc: number[]; solutions: (Float64Array | undefined)[]; prunedAt?: number } {
  const solutions: (Float64Array | undefined)[] = [];
  const foldAuc: number[] = new Array(prepared.length).fill(NaN);
  for (const k of prune?.order ?? prepared.keys()) {
    const f = prepared[k];
    if (!f.scorable) continue;
    if (columns.length === 0) {
      foldAuc[k] = 0.5; // an intercept-only model ranks nobody
      continue;
    }
    const trainCols = columns.map((j) => f.trainCols[j]);
    const model = fitLogisticResolved(trainCols, f.trainY, resolveLogisticOptions({ l2, weights: f.trainW }, f.trainY.length), {
      start: starts[k],
      standardErrors: false,
    });
    tally.add(model.warnings);
    solutions[k] = Float64Array.from([model.intercept, ...model.coefficients]);
    const logits = predictLogit(model, columns.map((j) => f.testCols[j]));
    foldAuc[k] = aucUnchecked(logits, f.testY);
    if (prune && foldAuc[k] < prune.below) return { mean: NaN, sd: NaN, foldAuc, solutions, prunedAt: foldAuc[k] };
  }
  const { mean, sd } = meanAndSd(foldAuc);
  return { mean, sd, foldAuc, solutions };
}

/** Folds in the order to fit them, and the AUC below which a fold ends the evaluation (the feature set's worst fold is then below it too). */
interface Prune {
  order: readonly number[];
  below: number;
}

/** The fitted probability of each training row of a fold under coefficients `b` (intercept first) on the `chosen` columns. */
function fittedProbabilities(cols: Float64Array[], chosen: readonly number[], b: Float64Array): Float64Array {
  const mu = new Float64Array(cols.length ? cols[0].length : 0).fill(b[0]);
  chosen.forEach((j, k) => {
    const x = cols[j];
    for (let i = 0; i < mu.length; i++) mu[i] += b[k + 1] * x[i];
  });
  for (let i = 0; i < mu.length; i++) mu[i] = 1 / (1 + Math.exp(-mu[i]));
  return mu;
}

/**
 * One Newton step for column j's coefficient alone, from 0, at the fitted probabilities `mu`
 * (the penalised log-likelihood's gradient over its curvature along that coordinate); 0 where
 * the curvature vanishes.
 */
function newtonStepAlong(f: PreparedFold, j: number, mu: Float64Array, l2: number): number {
  const x = f.trainCols[j];
  let g = 0;
  let h = l2;
  for (let i = 0; i < mu.length; i++) {
    const w = f.trainW === undefined ? 1 : f.trainW[i];
    g += w * (f.trainY[i] - mu[i]) * x[i];
    h += w * mu[i] * (1 - mu[i]) * x[i] * x[i];
  }
  const step = g / h;
  return Number.isFinite(step) ? step : 0;
}

function foldWarnings(prepared: PreparedFold[]): string[] {
  const missing = prepared.map((f, k) => (f.scorable ? -1 : k + 1)).filter((k) => k > 0);
  if (missing.length === 0) return [];
  return [
    `fold${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of ${prepared.length} ha${missing.length > 1 ? "ve" : "s"} no wins or no losses in the test part, so no AUC; the mean uses the other folds (too few wins or losses for ${prepared.length} folds)`,
  ];
}

function resolveFoldOptions(fn: string, y: Uint8Array, options: FoldOptions): { folds: number; seed: number } {
  const { folds = 5, seed = 0 } = options;
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`${fn}: folds must be an integer ≥ 2; got ${folds}`);
  if (folds > y.length) throw new Error(`${fn}: folds (${folds}) cannot exceed the number of rows (${y.length})`);
  if (!Number.isFinite(seed)) throw new Error(`${fn}: seed must be a finite number; got ${seed}`);
  return { folds, seed };
}

/**
 * The cross-validated AUC of a logistic regression on `X`: fit on k−1 folds, score the held-out
 * fold by its fitted log-odds, and average the fold AUCs.
 *
 * @param X feature columns (one array per feature)
 * @param y 1 = won, 0 = lost
 * @example
 * import { crossValidatedAuc } from "leadlab";
 * const x = Float64Array.from({ length: 40 }, (_, i) => i % 10);
 * const y = Uint8Array.from(x, (v, i) => (v + (i % 3) > 6 ? 1 : 0));
 * crossValidatedAuc([x], y, { folds: 4, seed: 1 }).meanAuc > 0.8; // => true
 */
export function crossValidatedAuc(X: FeatureColumns, y: Uint8Array, options: CrossValidationOptions = {}): CrossValidatedAuc {
  checkOutcome("crossValidatedAuc", y);
  const cols = resolveColumns("crossValidatedAuc", X, y.length);
  const { folds, seed } = resolveFoldOptions("crossValidatedAuc", y, options);
  const l2 = options.l2 ?? 0;
  resolveLogisticOptions({ l2, weights: options.weights }, y.length);
  const prepared = prepareFolds(cols, y, options.weights, options.foldList ? [...options.foldList] : stratifiedKFold(y, { folds, seed }));
  const tally = new WarningTally();
  const r = cvAucPrepared(prepared, cols.map((_, j) => j), l2, tally);
  return { meanAuc: r.mean, sdAuc: r.sd, foldAuc: r.foldAuc, warnings: [...foldWarnings(prepared), ...tally.list(`l2 = ${l2}`)] };
}

/** One penalty tried by {@link chooseL2}. */
export interface L2Trial {
  l2: number;
  meanAuc: number;
  sdAuc: number;
  foldAuc: number[];
}

/** The result of {@link chooseL2}. */
export interface L2Choice {
  /** The chosen penalty: the highest mean CV AUC, the larger penalty on a tie. */
  l2: number;
  meanAuc: number;
  /** Every penalty of the grid, in the order given. */
  results: L2Trial[];
  warnings: string[];
}

/**
 * Chooses the L2 penalty of a logistic regression by mean cross-validated AUC over a grid.
 * All penalties use the same folds. Ties (mean AUCs equal within 1e-12) go to the larger
 * penalty — the simpler, more stable model. Penalties are on the summed log-loss (`1 / C` of
 * scikit-learn), so they grow with the number of rows; standardise columns of different scale.
 *
 * @param grid candidate penalties, each ≥ 0
 * @example
 * import { chooseL2 } from "leadlab";
 * const x = Float64Array.from({ length: 60 }, (_, i) => i % 10);
 * const y = Uint8Array.from(x, (v, i) => (v + (i % 4) > 6 ? 1 : 0));
 * const r = chooseL2([x], y, [0, 1, 10], { folds: 3, seed: 2 });
 * r.results.length; // => 3
 * [0, 1, 10].includes(r.l2); // => true
 */
export function chooseL2(X: FeatureColumns, y: Uint8Array, grid: readonly number[], options: FoldOptions & { weights?: NumericArray; foldList?: readonly Fold[] } = {}): L2Choice {
  checkOutcome("chooseL2", y);
  const cols = resolveColumns("chooseL2", X, y.length);
  const { folds, seed } = resolveFoldOptions("chooseL2", y, options);
  if (!Array.isArray(grid) || grid.length === 0) {
    throw new Error("chooseL2: grid must be a non-empty array of penalties ≥ 0, e.g. [0, 0.1, 1, 10, 100]");
  }
  for (const l2 of grid) {
    if (!(Number.isFinite(l2) && l2 >= 0)) throw new Error(`chooseL2: every penalty in grid must be a finite number ≥ 0; got ${l2}`);
  }
  resolveLogisticOptions({ weights: options.weights }, y.length);
  const prepared = prepareFolds(cols, y, options.weights, options.foldList ? [...options.foldList] : stratifiedKFold(y, { folds, seed }));
  const all = cols.map((_, j) => j);
  const warnings = foldWarnings(prepared);
  // Each penalty starts Newton from the previous penalty's solution in the same fold.
  let starts: (Float64Array | undefined)[] = [];
  const results: L2Trial[] = grid.map((l2) => {
    const tally = new WarningTally();
    const r = cvAucPrepared(prepared, all, l2, tally, starts);
    starts = r.solutions;
    warnings.push(...tally.list(`l2 = ${l2}`));
    return { l2, meanAuc: r.mean, sdAuc: r.sd, foldAuc: r.foldAuc };
  });
  let best: L2Trial | undefined;
  for (const r of results) {
    if (Number.isNaN(r.meanAuc)) continue;
    if (best === undefined || r.meanAuc > best.meanAuc + 1e-12 || (Math.abs(r.meanAuc - best.meanAuc) <= 1e-12 && r.l2 > best.l2)) {
      best = r;
    }
  }
  if (best === undefined) {
    warnings.push("no fold had both wins and losses in its test part, so no penalty could be judged; the largest penalty of the grid is returned");
    const largest = Math.max(...grid);
    return { l2: largest, meanAuc: NaN, results, warnings };
  }
  return { l2: best.l2, meanAuc: best.meanAuc, results, warnings };
}

/** Options of {@link forwardSelect}. */
export interface ForwardSelectOptions extends FoldOptions {
  /** Stop after this many features. Default: all of them. */
  maxFeatures?: number;
  /** L2 penalty of every fit. Default 0. */
  l2?: number;
  /** Stop when the best candidate raises the mean CV AUC by less than this. Default 0.001. */
  minGain?: number;
  /** Sample weights for the fits. */
  weights?: NumericArray;
  /** These folds instead of stratified ones (e.g. {@link timeOrderedFolds}: fit earlier, validate later). */
  foldList?: readonly Fold[];
  /**
   * How feature sets are compared: `"mean"` fold AUC (default: the folds are exchangeable, as
   * stratified ones are), or the `"worst"` fold's AUC, for folds that are not exchangeable, such
   * as time-ordered ones: a feature must then help in every period validated, not on average,
   * so one strong only in some periods (e.g. a proxy of when the deal happened) loses to a steady one.
   */
  criterion?: SelectionCriterion;
}

/** How {@link forwardSelect} compares feature sets across folds: their mean AUC or their worst fold's. */
export type SelectionCriterion = "mean" | "worst";

/** One accepted step of {@link forwardSelect}. */
export interface SelectionStep {
  /** The feature added at this step. */
  feature: string;
  /** Mean CV AUC of the model with all features selected so far. */
  cvAuc: number;
  sdAuc: number;
  /** The lowest fold AUC of that model. */
  worstAuc: number;
  /** The criterion's AUC (cvAuc or worstAuc) minus the previous step's (the first step compares with 0.5, the intercept-only model). */
  gain: number;
  /**
   * Every candidate tried at this step with its mean and worst fold AUC, best first by the
   * criterion. By the worst fold, a candidate with a fold below the best worst fold found before it
   * is set aside at that fold, as it cannot be chosen (`setAside`; `cvAuc` NaN, `worstAuc` that
   * fold's AUC, which its worst fold is at most); these come last.
   */
  candidates: { feature: string; cvAuc: number; worstAuc: number; setAside?: true }[];
}

/** The result of {@link forwardSelect}. */
export interface ForwardSelection {
  /** Selected features, in the order they entered. */
  selected: string[];
  steps: SelectionStep[];
  /** Why selection stopped. */
  stopReason: "maxFeatures" | "minGain" | "exhausted";
  /** How feature sets were compared. */
  criterion: SelectionCriterion;
  /** The best candidate that was not added because its gain was below `minGain` (`auc`: its criterion's AUC). */
  rejected?: { feature: string; auc: number; gain: number };
  warnings: string[];
}

/**
 * Greedy forward selection by cross-validated AUC: start from the intercept-only model
 * (AUC 0.5), and at each step add the candidate that gives the highest mean CV AUC (or, with
 * `criterion: "worst"`, the highest worst-fold AUC) together with the features already chosen;
 * stop when that gain is below `minGain`, at `maxFeatures`, or when no candidate is left.
 * Candidates with equal AUC are taken in the order given. All steps use the same folds.
 * Cost: about p²/2 · folds fits for p candidates. By the worst fold, fewer: each step tries the
 * previous step's strongest first, each on the folds hardest for the last one fully tried first,
 * and sets a candidate aside at the first fold below the best worst fold found so far (it cannot
 * be chosen); on 93,684 deals (`npm run bench:tune`) most candidates are set aside after one fold.
 *
 * @param columns named feature columns (`{ name: values }`), or an array whose names are "0", "1", …
 * @param y 1 = won, 0 = lost
 * @example
 * import { forwardSelect } from "leadlab";
 * const signal = Float64Array.from({ length: 80 }, (_, i) => i % 8);
 * const noise = Float64Array.from({ length: 80 }, (_, i) => (i * 37) % 11);
 * const y = Uint8Array.from(signal, (v, i) => (v + (i % 3) > 5 ? 1 : 0));
 * const r = forwardSelect({ noise, signal }, y, { folds: 4, seed: 3 });
 * r.selected[0]; // => "signal"
 */
export function forwardSelect(
  columns: Readonly<Record<string, NumericArray>> | FeatureColumns,
  y: Uint8Array,
  options: ForwardSelectOptions = {},
): ForwardSelection {
  checkOutcome("forwardSelect", y);
  const names = Array.isArray(columns) ? columns.map((_, j) => String(j)) : Object.keys(columns);
  const values: FeatureColumns = Array.isArray(columns)
    ? (columns as FeatureColumns)
    : names.map((k) => (columns as Readonly<Record<string, NumericArray>>)[k]);
  const cols = resolveColumns("forwardSelect", values, y.length);
  const { folds, seed } = resolveFoldOptions("forwardSelect", y, options);
  const { maxFeatures = names.length, l2 = 0, minGain = 0.001, criterion = "mean" } = options;
  if (criterion !== "mean" && criterion !== "worst") throw new Error(`forwardSelect: criterion must be "mean" or "worst"; got ${String(criterion)}`);
  if (!Number.isInteger(maxFeatures) || maxFeatures < 0) {
    throw new Error(`forwardSelect: maxFeatures must be a non-negative integer; got ${maxFeatures}`);
  }
  if (!(Number.isFinite(minGain) && minGain >= 0)) {
    throw new Error(`forwardSelect: minGain must be a number ≥ 0, e.g. 0.001; got ${minGain}`);
  }
  resolveLogisticOptions({ l2, weights: options.weights }, y.length);

  const prepared = prepareFolds(cols, y, options.weights, options.foldList ? [...options.foldList] : stratifiedKFold(y, { folds, seed }));
  const warnings = foldWarnings(prepared);
  const tally = new WarningTally();
  const chosen: number[] = [];
  const steps: SelectionStep[] = [];
  let current = 0.5;
  let currentSolutions: (Float64Array | undefined)[] = [];
  let stopReason: ForwardSelection["stopReason"] = "exhausted";
  let rejected: ForwardSelection["rejected"];
  // The order candidates are tried in at a step (the given order at the first).
  let tryOrder = names.map((_, j) => j);

  while (true) {
    if (chosen.length >= Math.min(maxFeatures, names.length)) {
      stopReason = chosen.length >= names.length ? "exhausted" : "maxFeatures";
      break;
    }
    const tried: { j: number; mean: number; sd: number; worst: number; score: number; solutions: (Float64Array | undefined)[]; foldAuc: number[] }[] = [];
    const pruned: { j: number; below: number }[] = [];
    // Each fold's current fitted probabilities, from which each candidate's fit starts.
    const currentMu = prepared.map((f, k) => (currentSolutions[k] === undefined ? undefined : fittedProbabilities(f.trainCols, chosen, currentSolutions[k]!)));
    // By the worst fold, a candidate is set aside as soon as one of its folds is below the best
    // worst fold found so far at this step (it cannot be chosen): the strongest of the previous
    // step are tried first, each on the folds hardest for the last one fully tried first.
    let bar = -Infinity;
    let hardest: number[] = [...prepared.keys()];
    for (const j of tryOrder) {
      if (chosen.includes(j)) continue;
      // Start from the current model's solution, with the candidate's coefficient at one Newton
      // step along it alone: the fit converges to the same solution in fewer iterations.
      const starts = currentSolutions.map((b, k) => (b === undefined ? undefined : Float64Array.from([...b, newtonStepAlong(prepared[k], j, currentMu[k]!, l2)])));
      const r = cvAucPrepared(prepared, [...chosen, j], l2, tally, starts, criterion === "worst" ? { order: hardest, below: bar } : undefined);
      if (r.prunedAt !== undefined) {
        pruned.push({ j, below: r.prunedAt });
        continue;
      }
      const worst = Math.min(...r.foldAuc.filter((a) => !Number.isNaN(a)));
      tried.push({ j, mean: r.mean, sd: r.sd, worst, score: criterion === "worst" ? worst : r.mean, solutions: r.solutions, foldAuc: r.foldAuc });
      if (!Number.isNaN(r.mean)) {
        bar = Math.max(bar, worst);
        hardest = [...prepared.keys()].sort((a, b) => (Number.isNaN(r.foldAuc[a]) ? 1 : 0) - (Number.isNaN(r.foldAuc[b]) ? 1 : 0) || r.foldAuc[a] - r.foldAuc[b] || a - b);
      }
    }
    const ranked = tried.filter((t) => !Number.isNaN(t.mean)).sort((a, b) => b.score - a.score || a.j - b.j);
    // The next step tries the strongest first (those set aside after them, by the fold that set them aside).
    tryOrder = [...ranked.map((t) => t.j), ...[...pruned].sort((a, b) => b.below - a.below || a.j - b.j).map((p) => p.j), ...tryOrder.filter((j) => !ranked.some((t) => t.j === j) && !pruned.some((p) => p.j === j))];
    if (ranked.length === 0) {
      stopReason = "exhausted";
      break;
    }
    const best = ranked[0];
    const gain = best.score - current;
    if (gain < minGain) {
      stopReason = "minGain";
      rejected = { feature: names[best.j], auc: best.score, gain };
      break;
    }
    chosen.push(best.j);
    currentSolutions = best.solutions;
    steps.push({
      feature: names[best.j],
      cvAuc: best.mean,
      sdAuc: best.sd,
      worstAuc: best.worst,
      gain,
      candidates: [
        ...ranked.map((t) => ({ feature: names[t.j], cvAuc: t.mean, worstAuc: t.worst })),
        ...[...pruned].sort((a, b) => b.below - a.below || a.j - b.j).map((p) => ({ feature: names[p.j], cvAuc: NaN, worstAuc: p.below, setAside: true as const })),
      ],
    });
    current = best.score;
  }
  if (steps.length === 0 && stopReason === "minGain") {
    warnings.push(
      `no feature raises the ${criterion === "worst" ? "worst fold's" : "cross-validated"} AUC above 0.5 by ${minGain} or more (best: ${rejected?.feature} at ${rejected?.auc.toFixed(4)}): nothing here predicts wins`,
    );
  }
  warnings.push(...tally.list(`l2 = ${l2}`));
  return { selected: chosen.map((j) => names[j]), steps, stopReason, criterion, ...(rejected ? { rejected } : {}), warnings };
}
