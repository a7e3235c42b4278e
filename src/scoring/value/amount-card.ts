import type { Column, DealTable } from "../../data/deal-table";
import { gatherColumn } from "../../data/typed-column";
import { stratifiedKFold } from "../../model/cross-validation";
import type { BinSet } from "../../stats/binning/bin";
import { assignBins } from "../../stats/binning/assign-bin";
import { binColumn } from "../../stats/binning/bin-column";
import { medianInterval } from "../../stats/median-interval";
import { CREDIBILITY_DEALS } from "../../stats/woe";

/** An attribute the amount card may use: a column, or one item of a multi-valued column. */
export interface AmountCandidate {
  /** `industry`, or `tech_stack = Salesforce` for an item. */
  name: string;
  attribute: string;
  item?: string;
}

/** One attribute of an {@link AmountCard}: its bins (fitted on won training deals) and each bin's factor. */
export interface AmountCardAttribute {
  name: string;
  attribute: string;
  binSet: BinSet;
  /** Per bin: the multiplicative factor on the base amount (exp of the shrunk log-amount effect). */
  factors: number[];
  /** Per bin: won training deals and their median amount (NaN when empty). */
  deals: number[];
  medians: number[];
}

/** The amount card: expected amount of a won deal = base × the factor of each attribute's bin. */
export interface AmountCard {
  /** The expected amount of a won deal when every factor is 1 (the smearing correction included). */
  base: number;
  attributes: AmountCardAttribute[];
  /** Won training deals with a positive amount it was fitted on. */
  n: number;
  /** Cross-validated R² of log amount on those deals (0 with no attribute). */
  cvR2: number;
  /** Forward selection: the attribute added at each step and the cross-validated R² after it. */
  steps: { name: string; cvR2: number }[];
  /** The best attribute not added because it gained less than `minGain` (none when every candidate was added or none was left). */
  rejected?: { name: string; gain: number };
}

/** Options of {@link fitAmountCard}. */
export interface AmountCardOptions {
  /** At most this many attributes (default 4). */
  maxAttributes?: number;
  /** An attribute is added only when it raises the cross-validated R² of log amount by at least this (default 0.01). */
  minGain?: number;
  /** Folds and seed of the cross-validation (default 5 and 7). */
  folds?: number;
  seed?: number;
}

/** The smallest number of won deals with an amount the card is fitted on. */
export const MIN_AMOUNT_DEALS = 30;

/**
 * Fits the amount card on the won deals of `rows` with a positive amount: each candidate is
 * binned as the win card's attributes are ({@link binColumn}), against "larger than the median
 * amount"; log amount = intercept + one effect per bin of each chosen attribute, a ridge fit
 * with every bin shrunk toward 0 by {@link CREDIBILITY_DEALS} pseudo-deals (a bin of
 * a handful of deals keeps almost no effect). Attributes are chosen by forward selection on the
 * cross-validated R² of log amount (seeded folds), each kept only when it adds at least
 * `minGain`: none when nothing predicts size. The base is exp(intercept) times the mean of
 * exp(residual) on the training deals (Duan's smearing), so base × factors estimates the mean
 * amount, not the median.
 *
 * @example
 * import { DealTable } from "leadlab";
 * import { fitAmountCard } from "./amount-card";
 * const n = 200;
 * const size = Array.from({ length: n }, (_, i) => (i % 2 ? "big" : "small"));
 * const t = new DealTable({ name: "d", ids: size.map((_, i) => `D${i}`), won: new Uint8Array(n).fill(1), attributes: [{ name: "size", type: "categorical", role: "firmographic", source: "spec", table: "deals" }],
 *   columns: { size }, amount: Float64Array.from(size, (s, i) => (s === "big" ? 4000 : 1000) * (i % 4 < 2 ? 1.1 : 0.9)), holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * const card = fitAmountCard(t, Int32Array.from({ length: n }, (_, i) => i), [{ name: "size", attribute: "size" }]);
 * card.attributes.map((a) => a.name); // => ["size"]
 * // 4,000 × 1.1 or 0.9 for big deals: shrunk toward the mean by 30 pseudo-deals per bin
 * Math.round(card.base * card.attributes[0].factors[card.attributes[0].binSet.bins.findIndex((b) => b.label === "big")]); // => 3452
 */
export function fitAmountCard(table: DealTable, rows: ArrayLike<number>, candidates: readonly AmountCandidate[], options: AmountCardOptions = {}): AmountCard {
  const { maxAttributes = 4, minGain = 0.01, folds = 5, seed = 7 } = options;
  if (!table.amount) throw new Error(`fitAmountCard: the dataset ${table.name} has no amount; set \`deals.amount\` in dataset.yaml`);
  const amounts = table.amount;
  const won = Int32Array.from(Array.from(rows).filter((r) => table.won[r] === 1 && amounts[r] > 0));
  if (won.length < MIN_AMOUNT_DEALS) throw new Error(`fitAmountCard: ${won.length} won deals with a positive amount; the card needs at least ${MIN_AMOUNT_DEALS}`);
  const z = Float64Array.from(won, (r) => Math.log(amounts[r]));
  const sorted = Float64Array.from(z).sort();
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const large = Uint8Array.from(z, (v) => (v > median ? 1 : 0));
  const minBinSize = Math.max(30, Math.ceil(0.05 * won.length));
  const encoded = candidates.flatMap((c) => {
    const set = candidateBins(table, c, won, large, minBinSize);
    if (!set || set.bins.filter((b) => b.n > 0).length < 2) return [];
    return [{ candidate: c, binSet: set, codes: assignBins(set, gatherColumn(table.columns[c.attribute], won) as Parameters<typeof assignBins>[1]), bins: set.bins.length }];
  });

  const foldList = stratifiedKFold(large, { folds: Math.min(folds, won.length), seed });
  const sst = foldList.reduce((s, f) => {
    const fit = backfit(z, [], [], f.train);
    return s + sumSquares(z, f.test, (i) => fit.predict(i));
  }, 0);
  const cvR2Of = (chosen: typeof encoded) => {
    if (!chosen.length) return 0;
    const codes = chosen.map((e) => e.codes);
    const sizes = chosen.map((e) => e.bins);
    const sse = foldList.reduce((s, f) => {
      const fit = backfit(z, codes, sizes, f.train);
      return s + sumSquares(z, f.test, (i) => fit.predict(i));
    }, 0);
    return sst > 0 ? 1 - sse / sst : 0;
  };
  const chosen: typeof encoded = [];
  const steps: AmountCard["steps"] = [];
  let current = 0;
  let rejected: AmountCard["rejected"];
  while (chosen.length < maxAttributes) {
    let best: { e: (typeof encoded)[number]; r2: number } | undefined;
    for (const e of encoded) {
      if (chosen.includes(e)) continue;
      const r2 = cvR2Of([...chosen, e]);
      if (!best || r2 > best.r2) best = { e, r2 };
    }
    if (!best) break;
    if (best.r2 - current < minGain) {
      rejected = { name: best.e.candidate.name, gain: best.r2 - current };
      break;
    }
    chosen.push(best.e);
    current = best.r2;
    steps.push({ name: best.e.candidate.name, cvR2: best.r2 });
  }

  const all = Int32Array.from(won, (_, i) => i);
  const fit = backfit(z, chosen.map((e) => e.codes), chosen.map((e) => e.bins), all);
  let smear = 0;
  for (let i = 0; i < won.length; i++) smear += Math.exp(z[i] - fit.predict(i));
  smear /= won.length;
  return {
    base: Math.exp(fit.intercept) * smear,
    attributes: chosen.map((e, j) => {
      const byBin: number[][] = e.binSet.bins.map(() => []);
      e.codes.forEach((c, i) => c >= 0 && byBin[c].push(amounts[won[i]]));
      return {
        name: e.candidate.name,
        attribute: e.candidate.attribute,
        binSet: e.binSet,
        factors: fit.effects[j].map(Math.exp),
        deals: byBin.map((xs) => xs.length),
        medians: byBin.map((xs) => (xs.length ? medianInterval(xs).median : NaN)),
      };
    }),
    n: won.length,
    cvR2: current,
    steps,
    ...(rejected ? { rejected } : {}),
  };
}

/** A candidate's bins on the given rows against "larger than the median" (an item's indicator for a multi-valued column), or null when it has none. */
function candidateBins(table: DealTable, c: AmountCandidate, rows: Int32Array, large: Uint8Array, minBinSize: number): BinSet | null {
  const type = table.attribute(c.attribute).type;
  const column: Column = gatherColumn(table.columns[c.attribute], rows);
  const sets = binColumn(column, type, large, { name: c.attribute, minBinSize });
  if (c.item === undefined) return sets[0] ?? null;
  return sets.find((s) => s.indicator?.value === c.item) ?? null;
}

/**
 * Least squares of `z` on one effect per bin of each attribute, each effect shrunk toward 0 as if
 * its bin had {@link CREDIBILITY_DEALS} more deals with no effect (ridge with that penalty; the
 * intercept unpenalised), fitted on `rows` by solving the normal equations. Codes below 0 have
 * no effect.
 */
function backfit(z: Float64Array, codes: readonly Int32Array[], sizes: readonly number[], rows: ArrayLike<number>) {
  const offsets: number[] = [];
  let p = 1;
  for (const k of sizes) {
    offsets.push(p);
    p += k;
  }
  // A = XᵀX + λ·I (not on the intercept), b = Xᵀz, for 0/1 indicator columns.
  const A = Array.from({ length: p }, () => new Float64Array(p));
  const b = new Float64Array(p);
  const at = new Int32Array(codes.length + 1);
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    let k = 0;
    at[k++] = 0;
    for (let j = 0; j < codes.length; j++) if (codes[j][i] >= 0) at[k++] = offsets[j] + codes[j][i];
    for (let u = 0; u < k; u++) {
      b[at[u]] += z[i];
      for (let v = 0; v < k; v++) A[at[u]][at[v]]++;
    }
  }
  for (let u = 1; u < p; u++) A[u][u] += CREDIBILITY_DEALS;
  const beta = solve(A, b);
  const intercept = beta[0];
  const effects = sizes.map((k, j) => Array.from(beta.subarray(offsets[j], offsets[j] + k)));
  return { intercept, effects, predict: (i: number) => codes.reduce((s, c, j) => s + (c[i] >= 0 ? effects[j][c[i]] : 0), intercept) };
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is changed). */
function solve(A: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[pivot][c])) pivot = r;
    [A[c], A[pivot]] = [A[pivot], A[c]];
    [x[c], x[pivot]] = [x[pivot], x[c]];
    if (A[c][c] === 0) continue;
    for (let r = c + 1; r < n; r++) {
      const f = A[r][c] / A[c][c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r][k] -= f * A[c][k];
      x[r] -= f * x[c];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let sum = x[c];
    for (let k = c + 1; k < n; k++) sum -= A[c][k] * x[k];
    x[c] = A[c][c] === 0 ? 0 : sum / A[c][c];
  }
  return x;
}

function sumSquares(z: Float64Array, rows: ArrayLike<number>, predict: (i: number) => number): number {
  let s = 0;
  for (let t = 0; t < rows.length; t++) s += (z[rows[t]] - predict(rows[t])) ** 2;
  return s;
}
