import { normalCdf, normalQuantile } from "../stats/normal-distribution";
import { checkConfidence, checkFinite, checkOutcome, type NumericArray } from "./input-checks";
import { scoreGroups, type ScoreGroups } from "./score-groups";
import { splitSorted } from "./split-sorted";

/**
 * Area under the ROC curve and its uncertainty.
 *
 * AUC is the Mann–Whitney probability that a random win scores above a random loss, ties
 * counting one half: AUC = (1 / n₁n₀) Σᵢ Σⱼ ψ(xᵢ, yⱼ), with ψ = 1, ½, 0 for xᵢ >, =, < yⱼ
 * (xᵢ the scores of wins, yⱼ of losses). Computed by sorting, O(n log n).
 *
 * The variance is DeLong, DeLong & Clarke-Pearson (1988): with the structural components
 * V₁₀(xᵢ) = (1/n₀) Σⱼ ψ(xᵢ, yⱼ) and V₀₁(yⱼ) = (1/n₁) Σᵢ ψ(xᵢ, yⱼ),
 * Var(AUC) = S₁₀ / n₁ + S₀₁ / n₀ where S₁₀, S₀₁ are their sample variances (divisor n − 1);
 * for two scores on the same rows the covariances give the variance of the difference. Each
 * component is found by binary search in the sorted scores of the other class, O(n log n).
 * The interval is the normal one, AUC ± z·se, clipped to [0, 1] (as pROC does).
 */

/** Count of entries < x and of entries ≤ x in an ascending array. */
function rankIn(sorted: Float64Array, x: number): { below: number; atOrBelow: number } {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return { below, atOrBelow: lo };
}

function checkAucInputs(fn: string, scores: NumericArray, y: Uint8Array, minPerClass: number): void {
  const { positives, negatives } = checkOutcome(fn, y);
  checkFinite(fn, "scores", scores, y.length);
  if (positives < minPerClass || negatives < minPerClass) {
    throw new Error(
      `${fn}: needs at least ${minPerClass} won and ${minPerClass} lost row${minPerClass > 1 ? "s" : ""}; got ${positives} won and ${negatives} lost (AUC is undefined${minPerClass > 1 ? ", or its variance is" : ""} otherwise)`,
    );
  }
}

/**
 * The AUC of `scores` for the outcome `y`: the probability that a random win scores higher than
 * a random loss, ties counting ½ (Mann–Whitney). 1 = perfect ranking, 0.5 = none, 0 = reversed.
 * Throws unless there is at least one win and one loss. O(n log n).
 *
 * @param scores any scores where higher means more likely to win (probabilities, logits, points)
 * @param y 1 = won, 0 = lost
 * @example
 * import { auc } from "leadlab";
 * auc([0.1, 0.4, 0.35, 0.8], Uint8Array.from([0, 0, 1, 1])); // => 0.75
 */
export function auc(scores: NumericArray, y: Uint8Array): number {
  checkAucInputs("auc", scores, y, 1);
  return aucUnchecked(scores, y);
}

/**
 * {@link auc} without the input checks (for callers that checked already): from the counts at
 * each value when the scores take few (see {@link scoreGroups}), else by a merge of the two
 * sorted classes. Both add the same half-integers, so they give the same number.
 *
 * @example
 * import { aucUnchecked } from "./auc";
 * aucUnchecked([1, 1], Uint8Array.from([1, 0])); // => 0.5
 */
export function aucUnchecked(scores: NumericArray, y: ArrayLike<number>): number {
  const groups = scoreGroups(scores, y);
  if (groups) {
    const { wins, losses } = groups;
    let below = 0; // losses at lower values
    let sum = 0;
    let n1 = 0;
    for (let g = 0; g < wins.length; g++) {
      sum += wins[g] * (below + 0.5 * losses[g]);
      below += losses[g];
      n1 += wins[g];
    }
    return sum / (n1 * below);
  }
  const { pos, neg } = splitSorted(scores, y);
  let below = 0; // negatives strictly below the current positive score
  let equal = 0; // negatives equal to it
  let sum = 0;
  let j = 0;
  let lastScore = NaN;
  for (let i = 0; i < pos.length; i++) {
    const s = pos[i];
    if (s !== lastScore) {
      while (j < neg.length && neg[j] < s) j++;
      below = j;
      let k = j;
      while (k < neg.length && neg[k] === s) k++;
      equal = k - j;
      lastScore = s;
    }
    sum += below + 0.5 * equal;
  }
  return sum / (pos.length * neg.length);
}

/** DeLong structural components, in row order within each class. */
function structuralComponents(scores: NumericArray, y: ArrayLike<number>): { v10: Float64Array; v01: Float64Array; auc: number } {
  let n1 = 0;
  for (let i = 0; i < y.length; i++) n1 += y[i] === 1 ? 1 : 0;
  const n0 = y.length - n1;
  const v10 = new Float64Array(n1);
  const v01 = new Float64Array(n0);
  let a = 0;
  let b = 0;
  let total = 0;
  const groups = scoreGroups(scores, y);
  if (groups) {
    const { ofWin, ofLoss } = groupComponents(groups);
    for (let i = 0; i < y.length; i++) {
      if (y[i] === 1) {
        const c = ofWin[groups.groupOf[i]];
        v10[a++] = c / n0;
        total += c;
      } else v01[b++] = ofLoss[groups.groupOf[i]];
    }
  } else {
    const { pos, neg } = splitSorted(scores, y);
    for (let i = 0; i < y.length; i++) {
      // A win: the losses it outranks (ties count half); a loss: the share of wins that outrank it.
      if (y[i] === 1) {
        const r = rankIn(neg, scores[i]);
        const c = r.below + 0.5 * (r.atOrBelow - r.below);
        v10[a++] = c / n0;
        total += c;
      } else {
        const r = rankIn(pos, scores[i]);
        v01[b++] = (n1 - r.atOrBelow + 0.5 * (r.atOrBelow - r.below)) / n1;
      }
    }
  }
  return { v10, v01, auc: total / (n1 * n0) };
}

/**
 * The structural components of the rows at each of a few-valued score's values, before scaling:
 * `ofWin`, the losses a win there outranks (ties count half); `ofLoss`, the share of wins that
 * outrank a loss there (ties half).
 */
function groupComponents({ wins, losses }: ScoreGroups): { ofWin: Float64Array; ofLoss: Float64Array } {
  let n1 = 0;
  for (let g = 0; g < wins.length; g++) n1 += wins[g];
  const ofWin = new Float64Array(wins.length);
  const ofLoss = new Float64Array(wins.length);
  let lossesBelow = 0;
  let winsBelow = 0;
  for (let g = 0; g < wins.length; g++) {
    ofWin[g] = lossesBelow + 0.5 * losses[g];
    ofLoss[g] = (n1 - (winsBelow + wins[g]) + 0.5 * wins[g]) / n1;
    lossesBelow += losses[g];
    winsBelow += wins[g];
  }
  return { ofWin, ofLoss };
}

/** The AUC and its DeLong variance of a few-valued score, from the wins and losses at each value (no row is visited). */
function groupedAucVariance(groups: ScoreGroups): { auc: number; variance: number } {
  const { wins, losses } = groups;
  const { ofWin, ofLoss } = groupComponents(groups);
  let n1 = 0;
  let n0 = 0;
  let total = 0;
  for (let g = 0; g < wins.length; g++) {
    n1 += wins[g];
    n0 += losses[g];
    total += wins[g] * ofWin[g];
  }
  const a = total / (n1 * n0);
  let s10 = 0;
  let s01 = 0;
  for (let g = 0; g < wins.length; g++) {
    s10 += wins[g] * (ofWin[g] / n0 - a) ** 2;
    s01 += losses[g] * (ofLoss[g] - a) ** 2;
  }
  return { auc: a, variance: s10 / (n1 - 1) / n1 + s01 / (n0 - 1) / n0 };
}

function covariance(a: Float64Array, ma: number, b: Float64Array, mb: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (a.length - 1);
}

/** AUC with its DeLong standard error and interval. */
export interface AucInterval {
  auc: number;
  /** Lower end of the interval, clipped at 0. */
  lo: number;
  /** Upper end of the interval, clipped at 1. */
  hi: number;
  /** DeLong standard error. */
  se: number;
}

/**
 * The AUC with DeLong's standard error and a normal confidence interval (clipped to [0, 1]).
 * Throws unless there are at least two wins and two losses. O(n log n).
 *
 * @param confidence two-sided level, default 0.95
 * @example
 * import { aucWithCI } from "leadlab";
 * const r = aucWithCI([0.1, 0.4, 0.35, 0.8, 0.2, 0.9], Uint8Array.from([0, 0, 1, 1, 0, 1]));
 * r.auc.toFixed(4); // => "0.8889"
 * r.lo < r.auc && r.auc < r.hi; // => true
 */
export function aucWithCI(scores: NumericArray, y: Uint8Array, confidence = 0.95): AucInterval {
  checkAucInputs("aucWithCI", scores, y, 2);
  checkConfidence("aucWithCI", confidence);
  const { auc: a, variance } = aucVariance(scores, y);
  const se = Math.sqrt(Math.max(0, variance));
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { auc: a, lo: Math.max(0, a - z * se), hi: Math.min(1, a + z * se), se };
}

/** The AUC and its DeLong variance: from the wins and losses at each value when the score takes few, else from every row's structural components. */
function aucVariance(scores: NumericArray, y: Uint8Array): { auc: number; variance: number } {
  const groups = scoreGroups(scores, y);
  if (groups) return groupedAucVariance(groups);
  const { v10, v01, auc: a } = structuralComponents(scores, y);
  return { auc: a, variance: covariance(v10, a, v10, a) / v10.length + covariance(v01, a, v01, a) / v01.length };
}

/** The paired comparison of two AUCs on the same rows. */
export interface AucComparison {
  /** AUC of the first score. */
  aucA: number;
  /** AUC of the second score. */
  aucB: number;
  /** aucA − aucB. */
  diff: number;
  /** Interval for the difference (not clipped). */
  lo: number;
  hi: number;
  /** DeLong standard error of the difference. */
  se: number;
  /** diff / se. */
  z: number;
  /** Two-sided p-value of "the AUCs are equal"; 1 when the scores rank every pair alike. */
  p: number;
}

/**
 * DeLong's paired test of two scores on the same rows (e.g. a new scorecard against last
 * quarter's, or a model with and without a feature): the AUC difference, its interval and a
 * two-sided p-value. Correlation between the scores is accounted for, so this is much more
 * sensitive than comparing two separate intervals. Throws unless there are at least two wins
 * and two losses. O(n log n).
 *
 * @param a first score per row
 * @param b second score per row, same rows
 * @example
 * import { compareAuc } from "leadlab";
 * const y = Uint8Array.from([0, 0, 1, 1, 0, 1]);
 * const r = compareAuc([0.1, 0.4, 0.35, 0.8, 0.2, 0.9], [1, 2, 3, 4, 5, 6], y);
 * r.diff.toFixed(4); // => "0.1111"
 * r.p > 0.05; // => true
 */
export function compareAuc(a: NumericArray, b: NumericArray, y: Uint8Array, confidence = 0.95): AucComparison {
  checkAucInputs("compareAuc", a, y, 2);
  checkFinite("compareAuc", "second scores", b, y.length);
  checkConfidence("compareAuc", confidence);
  const A = structuralComponents(a, y);
  const B = structuralComponents(b, y);
  const n1 = A.v10.length;
  const n0 = A.v01.length;
  const s10 = covariance(A.v10, A.auc, A.v10, A.auc) + covariance(B.v10, B.auc, B.v10, B.auc) - 2 * covariance(A.v10, A.auc, B.v10, B.auc);
  const s01 = covariance(A.v01, A.auc, A.v01, A.auc) + covariance(B.v01, B.auc, B.v01, B.auc) - 2 * covariance(A.v01, A.auc, B.v01, B.auc);
  const diff = A.auc - B.auc;
  const variance = s10 / n1 + s01 / n0;
  // Rounding can leave a tiny positive variance when the components are identical.
  const se = variance > 1e-15 * (1 + Math.abs(diff)) ? Math.sqrt(variance) : 0;
  const zq = normalQuantile(1 - (1 - confidence) / 2);
  let z: number;
  let p: number;
  if (se === 0) {
    z = diff === 0 ? 0 : Math.sign(diff) * Infinity;
    p = diff === 0 ? 1 : 0;
  } else {
    z = diff / se;
    p = Math.min(1, 2 * normalCdf(-Math.abs(z)));
  }
  return { aucA: A.auc, aucB: B.auc, diff, lo: diff - zq * se, hi: diff + zq * se, se, z, p };
}
