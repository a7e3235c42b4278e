import { aucWithCI, compareAuc, type AucInterval } from "../model/auc";
import { fitLogistic, predictLogit } from "../model/logistic-regression";
import type { Criterion } from "./criteria";
import { mantelHaenszelRiskRatio, type RatioStratum } from "../stats/mantel-haenszel";
import type { RatioInterval } from "../stats/risk-ratio";

/**
 * The L2 penalty of the framework models: small next to thousands of deals, it only keeps the
 * coefficients finite when a criterion separates wins from losses on a small table.
 *
 * @example
 * import { FRAMEWORK_MODEL_L2 } from "./criterion-contribution";
 * FRAMEWORK_MODEL_L2; // => 1
 */
export const FRAMEWORK_MODEL_L2 = 1;

/** One criterion of a framework, as a model feature. */
export interface ModelCriterion {
  /** The framework's label (`Money`). */
  label: string;
  criterion: Criterion;
  attribute: string;
  /** Per table row: 1 met, 0 not met, −1 unknown (unknown counts as not met here). */
  met: Int8Array;
}

/** What one criterion adds once the framework's other criteria are known. */
export interface CriterionContribution {
  label: string;
  criterion: Criterion;
  attribute: string;
  /** Log-odds coefficient in the model on all the criteria (fitted on the training part). */
  coefficient: number;
  /** Holdout AUC of the model on all criteria minus that of the model without this one (DeLong, paired). */
  aucDrop: { diff: number; lo: number; hi: number; p: number };
  /** Win rate when met ÷ when not met, at the same answers to the other criteria (Mantel–Haenszel). */
  conditionalLift: RatioInterval & { strata: number };
  /**
   * `adds`: the AUC drop's interval is above 0 and the conditional lift's above 1.
   * `nothing`: the AUC drop's interval includes 0 and the conditional lift's includes 1.
   * `lowers`: the conditional lift's interval is below 1 (meeting it goes with fewer wins).
   * `unclear`: the two measures disagree.
   */
  finding: "adds" | "nothing" | "lowers" | "unclear";
}

/** A logistic model of winning on one framework's criteria, and what each criterion adds to it. */
export interface FrameworkModel {
  /** Holdout AUC of the model on all the criteria, with its DeLong interval. */
  auc: AucInterval;
  contributions: CriterionContribution[];
  warnings: string[];
}

const indicator = (met: Int8Array, rows: ArrayLike<number>) => Float64Array.from({ length: rows.length }, (_, k) => (met[rows[k]] === 1 ? 1 : 0));

/** Test-part scores of a model fitted on the training part with the given criteria. */
function holdoutScores(criteria: readonly ModelCriterion[], yTrain: Uint8Array, train: ArrayLike<number>, test: ArrayLike<number>, warnings: string[], what: string) {
  if (criteria.length === 0) return { scores: new Float64Array(test.length), coefficients: [] as number[] };
  const model = fitLogistic(criteria.map((c) => indicator(c.met, train)), yTrain, { l2: FRAMEWORK_MODEL_L2 });
  for (const w of model.warnings) warnings.push(`${what}: ${w}`);
  return { scores: predictLogit(model, criteria.map((c) => indicator(c.met, test))), coefficients: [...model.coefficients] };
}

/**
 * What each criterion of a framework adds once the others are known, measured two ways on the
 * holdout:
 *
 * 1. **AUC drop.** A logistic regression of winning on the met / not-met indicators of all the
 *    criteria (unknown counted as not met; L2 penalty {@link FRAMEWORK_MODEL_L2}) is fitted on the
 *    training rows; so is one without the criterion. The drop is the difference of their AUCs on
 *    the test rows, with DeLong's paired interval (`compareAuc`).
 * 2. **Conditional lift.** On the test rows, deals are grouped by their answers to the other
 *    criteria; within each group the win rate when the criterion is met is compared with the win
 *    rate when it is not, and the Mantel–Haenszel ratio pools the groups (`mantelHaenszelRiskRatio`).
 *
 * Needs at least two wins and two losses in the test part and both outcomes in the training
 * part; throws otherwise (the caller checks first and warns).
 *
 * @param criteria the framework's criteria that have an attribute
 * @param won 1 = won, 0 = lost, per table row
 * @param split row numbers of the training and test parts
 * @param confidence two-sided level, default 0.95
 * @example
 * import { criterionContributions } from "./criterion-contribution";
 * const won = Uint8Array.from({ length: 200 }, (_, i) => (i % 4 === 0 || i % 3 === 0 ? 1 : 0));
 * const need = Int8Array.from(won, (w, i) => (i % 5 === 0 ? 1 - w : w));
 * const noise = Int8Array.from({ length: 200 }, (_, i) => (i % 7 < 3 ? 1 : 0));
 * const train = Uint32Array.from({ length: 100 }, (_, i) => i);
 * const test = Uint32Array.from({ length: 100 }, (_, i) => i + 100);
 * const m = criterionContributions([{ label: "Need", criterion: "need", attribute: "need", met: need }, { label: "Budget", criterion: "budget", attribute: "budget", met: noise }], won, { train, test });
 * m.contributions.map((c) => c.finding); // => ["adds", "nothing"]
 */
export function criterionContributions(
  criteria: readonly ModelCriterion[],
  won: Uint8Array,
  split: { train: ArrayLike<number>; test: ArrayLike<number> },
  confidence = 0.95,
): FrameworkModel {
  const { train, test } = split;
  const yTrain = Uint8Array.from({ length: train.length }, (_, k) => won[train[k]]);
  const yTest = Uint8Array.from({ length: test.length }, (_, k) => won[test[k]]);
  const warnings: string[] = [];
  const full = holdoutScores(criteria, yTrain, train, test, warnings, "model on all criteria");
  const auc = aucWithCI(full.scores, yTest, confidence);
  const testMet = criteria.map((c) => indicator(c.met, test));
  const contributions = criteria.map((c, j): CriterionContribution => {
    const others = criteria.filter((_, k) => k !== j);
    const reduced = holdoutScores(others, yTrain, train, test, [], "");
    const d = compareAuc(full.scores, reduced.scores, yTest, confidence);
    // Strata: the answers to the other criteria, as bits.
    const strata = new Map<number, RatioStratum>();
    for (let r = 0; r < test.length; r++) {
      let key = 0;
      for (let k = 0; k < criteria.length; k++) if (k !== j) key = key * 2 + testMet[k][r];
      let s = strata.get(key);
      if (!s) strata.set(key, (s = { winsA: 0, nA: 0, winsB: 0, nB: 0 }));
      if (testMet[j][r] === 1) {
        s.nA++;
        s.winsA += yTest[r];
      } else {
        s.nB++;
        s.winsB += yTest[r];
      }
    }
    const conditionalLift = mantelHaenszelRiskRatio([...strata.values()], confidence);
    const dropZero = d.lo <= 0 && d.hi >= 0;
    const liftOne = conditionalLift.lo <= 1 && conditionalLift.hi >= 1;
    const finding: CriterionContribution["finding"] =
      conditionalLift.hi < 1 ? "lowers" : d.lo > 0 && conditionalLift.lo > 1 ? "adds" : dropZero && liftOne ? "nothing" : "unclear";
    return Object.freeze({
      label: c.label,
      criterion: c.criterion,
      attribute: c.attribute,
      coefficient: full.coefficients[j],
      aucDrop: { diff: d.diff, lo: d.lo, hi: d.hi, p: d.p },
      conditionalLift,
      finding,
    });
  });
  return { auc, contributions, warnings };
}
