import { quantiles } from "../model/quantile-cuts";

/** One cell of the fit × engagement matrix on the holdout. */
export interface GradeCell {
  grade: string;
  n: number;
  winRate: number | null;
}

/**
 * Three ascending cut points of a sub-score at its training quartiles (whole points, distinct
 * where the data allow).
 *
 * @example
 * import { quartileCuts } from "./grade-matrix";
 * quartileCuts([0, 10, 20, 30, 40]); // => [10, 20, 30]
 */
export function quartileCuts(values: ArrayLike<number>): number[] {
  if (values.length === 0) return [0, 0, 0];
  return quantiles(values, [0.25, 0.5, 0.75]).map((x) => Math.round(x));
}

/**
 * The 4 × 4 grade matrix: each cell's deal count and win rate on the holdout, A1 first.
 *
 * @example
 * import { gradeMatrix } from "./grade-matrix";
 * gradeMatrix(["A1", "A1", "D4"], Uint8Array.from([1, 0, 0]))[0]; // => { grade: "A1", n: 2, winRate: 0.5 }
 */
export function gradeMatrix(grades: readonly string[], won: Uint8Array): GradeCell[] {
  const cells: GradeCell[] = [];
  for (const letter of "ABCD")
    for (const digit of "1234") {
      const g = letter + digit;
      let n = 0, w = 0;
      grades.forEach((x, i) => {
        if (x === g) {
          n++;
          w += won[i];
        }
      });
      cells.push({ grade: g, n, winRate: n ? w / n : null });
    }
  return cells;
}
