import { benjaminiHochberg } from "../stats/fdr";
import { fisherExact } from "../stats/fisher-exact";
import { wilsonInterval, type WilsonInterval } from "../stats/wilson";
import type { Criterion } from "./criteria";
import { riskRatio, type RatioInterval } from "../stats/risk-ratio";

/** One attribute answering a criterion, read as met / not met / unknown per table row. */
export interface CriterionColumn {
  attribute: string;
  criterion: Criterion;
  /** Per table row: 1 met, 0 not met, −1 unknown (see `criterionMet`). */
  met: Int8Array;
}

/** What one criterion says about winning, on the rows evaluated. */
export interface CriterionEvidence {
  attribute: string;
  criterion: Criterion;
  /** Rows evaluated. */
  n: number;
  /** Rows where the criterion is unknown (missing or unreadable): left out of the rates below. */
  unknown: number;
  met: number;
  winsMet: number;
  notMet: number;
  winsNotMet: number;
  /** Share of the known rows where the criterion is met. */
  shareMet: WilsonInterval;
  winRateMet: WilsonInterval;
  winRateNotMet: WilsonInterval;
  /** Win rate when met ÷ win rate when not met (see `riskRatio`). */
  lift: RatioInterval;
  /** Fisher's exact two-sided p-value of met × won. */
  p: number;
  /** Benjamini–Hochberg q-value across every criterion column in the same call. */
  q: number;
}

/**
 * Evidence of each criterion on the rows `rows`: share met, win rate when met and when not (with
 * Wilson intervals), lift (the ratio of the two, with its interval), Fisher's exact p-value and a
 * Benjamini–Hochberg q-value across all the columns given (so pass every criterion tested in a
 * run at once). Rows where a criterion is unknown are left out of its rates and counted.
 *
 * @param columns the criteria, one column each, as long as `won`
 * @param won 1 = won, 0 = lost, per table row
 * @param rows the rows to evaluate (e.g. the holdout's test part)
 * @param confidence two-sided level of every interval, default 0.95
 * @example
 * import { criteriaEvidence } from "./criteria-evidence";
 * const met = Int8Array.from([1, 1, 1, 0, 0, -1]);
 * const [e] = criteriaEvidence([{ attribute: "need_confirmed", criterion: "need", met }], Uint8Array.from([1, 1, 0, 0, 1, 1]), Uint32Array.from([0, 1, 2, 3, 4, 5]));
 * [e.met, e.winsMet, e.notMet, e.winsNotMet, e.unknown]; // => [3, 2, 2, 1, 1]
 * e.lift.ratio.toFixed(4); // => "1.3333"
 */
export function criteriaEvidence(columns: readonly CriterionColumn[], won: Uint8Array, rows: ArrayLike<number>, confidence = 0.95): CriterionEvidence[] {
  const partial = columns.map((c) => {
    if (c.met.length !== won.length) throw new Error(`criteriaEvidence: "${c.attribute}" has ${c.met.length} values for ${won.length} deals`);
    let met = 0;
    let winsMet = 0;
    let notMet = 0;
    let winsNotMet = 0;
    let unknown = 0;
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k];
      const m = c.met[i];
      if (m === 1) {
        met++;
        winsMet += won[i];
      } else if (m === 0) {
        notMet++;
        winsNotMet += won[i];
      } else unknown++;
    }
    const p = met + notMet === 0 ? NaN : fisherExact([[winsMet, met - winsMet], [winsNotMet, notMet - winsNotMet]]).p;
    return {
      attribute: c.attribute,
      criterion: c.criterion,
      n: rows.length,
      unknown,
      met,
      winsMet,
      notMet,
      winsNotMet,
      shareMet: wilsonInterval(met, met + notMet, confidence),
      winRateMet: wilsonInterval(winsMet, met, confidence),
      winRateNotMet: wilsonInterval(winsNotMet, notMet, confidence),
      lift: riskRatio(winsMet, met, winsNotMet, notMet, confidence),
      p,
    };
  });
  const q = benjaminiHochberg(partial.map((e) => e.p));
  return partial.map((e, j) => Object.freeze({ ...e, q: q[j] }));
}
