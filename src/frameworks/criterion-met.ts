import type { Column } from "../data/deal-table";
import { compareText } from "../data/compare-text";
import { parseBoolean } from "../data/infer-attribute";
import type { AttributeType } from "../formats/vocabulary";

const MET = 1;
const NOT_MET = 0;
const UNKNOWN = -1;

/** Whether a criterion is met on each deal, and the values that could not be read. */
export interface CriterionMet {
  /** Per row: 1 met, 0 not met, −1 unknown (missing, or a value that says neither). */
  met: Int8Array;
  /** Text values that are neither missing nor readable as met / not met, most frequent first. */
  unreadable: { value: string; rows: number }[];
}

/**
 * Reads an attribute column as a criterion: met, not met, or unknown, per deal.
 *
 * - `boolean`: true is met, false is not; missing is unknown.
 * - `numeric`: a positive number is met (a count of confirmations, a 0–1 flag, an amount of
 *   budget), zero or a negative number is not; missing is unknown.
 * - `categorical`: with `metValues`, a value among them (trimmed, case-insensitive) is met and any
 *   other value is not. Without, yes/no words are read as {@link parseBoolean} does
 *   (`yes`/`no`, `true`/`false`, `y`/`n`, `t`/`f`, `1`/`0`) and other values are unknown and
 *   listed in `unreadable`, so that nothing is guessed silently.
 * - `multi`: with `metValues`, met when any item is among them, not met otherwise. Without, a
 *   single yes/no item is read as for categorical; other lists are unknown and listed.
 * - `date`: not a criterion (a date says when, not whether); throws.
 *
 * Never mutates its input.
 *
 * @param metValues for categorical and multi attributes: the values that mean met
 * @example
 * import { criterionMet } from "./criterion-met";
 * Array.from(criterionMet([true, false, null], "boolean").met); // => [1, 0, -1]
 * Array.from(criterionMet(Float64Array.from([2, 0, NaN]), "numeric").met); // => [1, 0, -1]
 * criterionMet(["Yes", "no", "maybe"], "categorical").unreadable; // => [{ value: "maybe", rows: 1 }]
 * Array.from(criterionMet(["Verbal", "Signed", "None"], "categorical", ["signed", "verbal"]).met); // => [1, 1, 0]
 */
export function criterionMet(column: Column, type: AttributeType, metValues?: readonly string[]): CriterionMet {
  const n = column.length;
  const met = new Int8Array(n).fill(UNKNOWN);
  const unreadable = new Map<string, number>();
  const norm = (s: string) => s.trim().toLowerCase();
  const metSet = metValues ? new Set(metValues.map(norm)) : undefined;
  if (metSet && type !== "categorical" && type !== "multi") {
    throw new Error(`criterionMet: values that mean met apply to categorical and multi attributes only; this attribute is ${type}`);
  }
  const readWord = (i: number, text: string) => {
    const b = parseBoolean(text);
    if (b === undefined) unreadable.set(text, (unreadable.get(text) ?? 0) + 1);
    else met[i] = b ? MET : NOT_MET;
  };
  switch (type) {
    case "boolean": {
      const c = column as (boolean | null)[];
      for (let i = 0; i < n; i++) if (c[i] !== null && c[i] !== undefined) met[i] = c[i] ? MET : NOT_MET;
      break;
    }
    case "numeric": {
      const c = column as Float64Array;
      for (let i = 0; i < n; i++) if (!Number.isNaN(c[i])) met[i] = c[i] > 0 ? MET : NOT_MET;
      break;
    }
    case "categorical": {
      const c = column as (string | null)[];
      for (let i = 0; i < n; i++) {
        const v = c[i];
        if (v === null || v === undefined) continue;
        if (metSet) met[i] = metSet.has(norm(v)) ? MET : NOT_MET;
        else readWord(i, v);
      }
      break;
    }
    case "multi": {
      const c = column as (string[] | null)[];
      for (let i = 0; i < n; i++) {
        const v = c[i];
        if (v === null || v === undefined) continue;
        if (metSet) met[i] = v.some((x) => metSet.has(norm(x))) ? MET : NOT_MET;
        else if (v.length === 1) readWord(i, v[0]);
        else unreadable.set(v.join(";"), (unreadable.get(v.join(";")) ?? 0) + 1);
      }
      break;
    }
    default:
      throw new Error(`criterionMet: a ${type} attribute cannot say whether a criterion is met; use a boolean, yes/no, numeric or categorical attribute`);
  }
  return {
    met,
    unreadable: [...unreadable].map(([value, rows]) => ({ value, rows })).sort((a, b) => b.rows - a.rows || compareText(a.value, b.value)),
  };
}
