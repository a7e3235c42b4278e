import { checkFinite, type NumericArray } from "./input-checks";
import { assignToCuts, quantileCuts } from "./quantile-cuts";

/**
 * The population stability index (PSI) between a reference score distribution (`expected`,
 * e.g. the training part or last quarter) and a new one (`actual`, e.g. the holdout or this
 * quarter), over shared bins:
 *
 *     PSI = Σ_bins (aᵦ − eᵦ) · ln(aᵦ / eᵦ)
 *
 * with eᵦ, aᵦ the shares of each distribution in bin b. Customary reading: below 0.1 stable,
 * 0.1 to 0.25 a moderate shift worth a look, above 0.25 a major shift (re-fit or investigate).
 */

/** The customary PSI thresholds. */
export const PSI_THRESHOLDS = Object.freeze({ moderate: 0.1, major: 0.25 });

/** The reading of a PSI value. */
export type PsiReading = "stable" | "moderate" | "major";

/**
 * Reads a PSI value: `stable` below 0.1, `moderate` from 0.1 to 0.25, `major` above 0.25.
 *
 * @example
 * import { readPsi } from "leadlab";
 * readPsi(0.05); // => "stable"
 * readPsi(0.25); // => "moderate"
 * readPsi(0.3); // => "major"
 */
export function readPsi(psi: number): PsiReading {
  if (psi < PSI_THRESHOLDS.moderate) return "stable";
  if (psi <= PSI_THRESHOLDS.major) return "moderate";
  return "major";
}

/** One bin of a PSI computation. */
export interface PsiBin {
  /** 1 = lowest scores. */
  bin: number;
  /** The bin holds scores in (from, to]; the first bin starts at -Infinity, the last ends at Infinity. */
  from: number;
  to: number;
  expectedN: number;
  actualN: number;
  expectedShare: number;
  actualShare: number;
  /** This bin's term of the sum, (a − e) · ln(a / e), after the zero floor. */
  contribution: number;
}

/** Options of {@link populationStability}. */
export interface PsiOptions {
  /** Inner cut points, strictly increasing; bins are (-∞, c₁], (c₁, c₂], …, (cₖ, ∞). */
  cuts?: readonly number[];
  /** Without `cuts`: this many bins at the quantiles of `expected` (ties merge bins). Default 10. */
  bins?: number;
  /** Share used in place of an empty bin's 0 (where ln would be infinite). Default 1e-4. */
  floor?: number;
}

/** The result of {@link populationStability}. */
export interface PopulationStability {
  psi: number;
  reading: PsiReading;
  bins: PsiBin[];
  warnings: string[];
}

/**
 * The population stability index between two score distributions, with its reading and the
 * per-bin contributions. Bins are the given `cuts`, or deciles of `expected` by default. A bin
 * that is empty on one side would make the PSI infinite, so its share is floored at `floor`
 * (default 1e-4) and a warning names it. Identical distributions give 0. O(n log n).
 *
 * @param expected the reference scores
 * @param actual the scores to compare with it
 * @example
 * import { populationStability } from "leadlab";
 * const r = populationStability([1, 2, 3, 4], [1, 2, 3, 4], { cuts: [2] });
 * r.psi; // => 0
 * r.reading; // => "stable"
 */
export function populationStability(expected: NumericArray, actual: NumericArray, options: PsiOptions = {}): PopulationStability {
  const { bins = 10, floor = 1e-4 } = options;
  checkFinite("populationStability", "expected", expected);
  checkFinite("populationStability", "actual", actual);
  if (expected.length === 0 || actual.length === 0) {
    throw new Error(`populationStability: both distributions need rows; got ${expected.length} expected and ${actual.length} actual`);
  }
  if (!(floor > 0 && floor < 1)) throw new Error(`populationStability: floor must be between 0 and 1, e.g. 1e-4; got ${floor}`);
  let cuts: number[];
  if (options.cuts !== undefined) {
    cuts = [...options.cuts];
    cuts.forEach((c, k) => {
      if (!Number.isFinite(c)) throw new Error(`populationStability: cuts[${k}] is ${c}; cut points must be finite numbers`);
      if (k > 0 && !(c > cuts[k - 1])) throw new Error(`populationStability: cuts must be strictly increasing; got ${cuts[k - 1]} then ${c}`);
    });
  } else {
    if (!Number.isInteger(bins) || bins < 1) throw new Error(`populationStability: bins must be a positive integer; got ${bins}`);
    cuts = quantileCuts(expected, bins);
  }
  const e = assignToCuts(expected, cuts);
  const a = assignToCuts(actual, cuts);
  const k = cuts.length + 1;
  const eN = new Float64Array(k);
  const aN = new Float64Array(k);
  for (let i = 0; i < e.length; i++) eN[e[i]]++;
  for (let i = 0; i < a.length; i++) aN[a[i]]++;
  const warnings: string[] = [];
  const floored: number[] = [];
  const out: PsiBin[] = [];
  let psi = 0;
  for (let b = 0; b < k; b++) {
    if (eN[b] === 0 && aN[b] === 0) continue;
    const es = eN[b] / expected.length;
    const as = aN[b] / actual.length;
    if (es === 0 || as === 0) floored.push(b + 1);
    const ef = Math.max(es, floor);
    const af = Math.max(as, floor);
    const contribution = (af - ef) * Math.log(af / ef);
    psi += contribution;
    out.push({
      bin: b + 1,
      from: b === 0 ? -Infinity : cuts[b - 1],
      to: b === k - 1 ? Infinity : cuts[b],
      expectedN: eN[b],
      actualN: aN[b],
      expectedShare: es,
      actualShare: as,
      contribution,
    });
  }
  if (floored.length > 0) {
    warnings.push(`bin${floored.length > 1 ? "s" : ""} ${floored.join(", ")} ${floored.length > 1 ? "are" : "is"} empty on one side; ${floor} was used for the empty share, so the PSI depends on that choice`);
  }
  return { psi, reading: readPsi(psi), bins: out, warnings };
}
