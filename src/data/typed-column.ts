import { itemSeparator } from "../formats/vocabulary";
import type { Column } from "./deal-table";
import { DatasetError } from "../formats/dataset-error";
import { compareText } from "./compare-text";
import { parseBoolean } from "./infer-attribute";
import { readNumberText, type NumberFormat } from "./number-format";
import { hasFourDigitYear, parseDate } from "./parse-date";
import type { AttributeType } from "../formats/vocabulary";

/** Where a column comes from, for error messages. */
export interface ColumnOrigin {
  file: string;
  column: string;
}

/** Options of {@link typedColumn}. */
export interface TypedColumnOptions {
  dateFormat?: string;
  separator?: string;
  /** How the numbers are written (default: plain, decimal point). */
  numberFormat?: NumberFormat;
  /** Values (trimmed) that the inference found not to read as the type: read as missing. */
  unread?: readonly string[];
}

/**
 * Converts a column of text (`null` = missing) to the typed column of an attribute type.
 * Numbers are read in the column's format (thousands separators, currency, percent); a value
 * that does not read (or is not finite, like "1e400") throws a {@link DatasetError} naming
 * the file, column, row and value, and the fix, unless the inference listed it in `unread`
 * (then it is missing, and the load report names it). Text is trimmed and Unicode
 * NFC-normalised, so composed and decomposed spellings are one value.
 *
 * @example
 * import { typedColumn } from "./typed-column";
 * typedColumn(["3", null, "5"], "numeric", { file: "deals.csv", column: "seats" }); // => Float64Array [3, NaN, 5]
 */
export function typedColumn(values: readonly (string | null)[], type: AttributeType, origin: ColumnOrigin, options: TypedColumnOptions = {}): Column {
  const unread = new Set(options.unread ?? []);
  const fail = (row: number, expected: string, fix: string): never => {
    throw new DatasetError(`not ${expected}`, { file: origin.file, field: origin.column, row: row + 1, value: values[row] }, fix);
  };
  switch (type) {
    case "numeric": {
      const format = options.numberFormat;
      if (format?.ambiguous)
        throw new DatasetError(
          `cannot be read as numbers: ${format.ambiguous}`,
          { file: origin.file, field: origin.column },
          `set the decimal mark in dataset.yaml, e.g. \`${origin.column}: { type: numeric, decimal: "," }\`, or convert the column to one currency`,
        );
      return Float64Array.from(values, (v, i) => {
        if (v === null || unread.has(v.trim())) return NaN;
        const x = readNumberText(v, format?.decimal ?? ".");
        if (x === undefined)
          return fail(i, "a number", `clean the value, add it to \`missing:\` if it means missing, or declare \`${origin.column}: { type: categorical }\``);
        return Number.isFinite(x.value)
          ? x.value
          : fail(i, "a finite number (it overflows to infinity)", "correct the value in the export, or add it to `missing:`");
      });
    }
    case "date":
      return Float64Array.from(values, (v, i) => {
        if (v === null || unread.has(v.trim())) return NaN;
        const x = parseDate(v, options.dateFormat);
        if (Number.isNaN(x))
          return fail(i, `a date in the expected format ${options.dateFormat ?? "ISO 8601 (YYYY-MM-DD)"}`, "set `date_format:` in dataset.yaml to the format the file uses (e.g. \"%m/%d/%Y\"), or add the value to `missing:`");
        if (!hasFourDigitYear(x))
          return fail(
            i,
            `a date with a four-digit year (${options.dateFormat ? `with ${options.dateFormat}` : "as ISO 8601"} it reads as the year ${new Date(x).getUTCFullYear()})`,
            "if the file writes two-digit years, set `date_format:` with %y for the year (e.g. \"%m/%d/%y\"); if the value stands for no date, add it to `missing:`",
          );
        return x;
      });
    case "boolean":
      return values.map((v, i) => {
        if (v === null || unread.has(v.trim())) return null;
        const b = parseBoolean(v);
        return b === undefined
          ? fail(i, "a boolean (true/false, yes/no, 1/0)", `declare \`${origin.column}: { type: categorical }\` or add the value to \`missing:\``)
          : b;
      });
    case "multi": {
      const sep = itemSeparator(options);
      return values.map((v) => {
        if (v === null) return null;
        const items = [...new Set(v.normalize("NFC").split(sep).map((s) => s.trim()).filter((s) => s.length > 0))].sort(compareText);
        return items.length ? items : null;
      });
    }
    case "categorical":
      return values.map((v) => (v === null ? null : v.trim().normalize("NFC")));
  }
}

/**
 * Picks rows of a column by index; index -1 gives a missing value (a join that found no row).
 *
 * @example
 * import { gatherColumn } from "./typed-column";
 * gatherColumn(["a", "b"], Int32Array.from([1, -1, 0])); // => ["b", null, "a"]
 */
export function gatherColumn(column: Column, index: Int32Array): Column {
  const n = index.length;
  if (column instanceof Float64Array) return gatherNumbers(column, index);
  const c = column as unknown[];
  const out = new Array<unknown>(n);
  for (let r = 0; r < n; r++) out[r] = index[r] < 0 ? null : c[index[r]];
  return out as Column;
}

/**
 * Picks numbers by index into a new Float64Array; index -1 gives NaN. A plain loop: what
 * `Float64Array.from(index, (r) => x[r])` computes, without a call per element (the hot path of
 * cross-validation on large tables).
 *
 * @example
 * import { gatherNumbers } from "./typed-column";
 * Array.from(gatherNumbers([0.5, 2], Int32Array.from([1, -1, 0]))); // => [2, NaN, 0.5]
 */
export function gatherNumbers(x: ArrayLike<number>, index: ArrayLike<number>): Float64Array {
  const n = index.length;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) out[r] = index[r] < 0 ? NaN : x[index[r]];
  return out;
}

/**
 * Picks 0/1 flags (an outcome, say) by index into a new Uint8Array: {@link gatherNumbers} for
 * bytes, a plain loop where `Uint8Array.from(index, (r) => y[r])` calls a function per element
 * (which cost the tuner seconds on large tables, once per attribute, period and fold).
 *
 * @example
 * import { gatherFlags } from "./typed-column";
 * Array.from(gatherFlags(Uint8Array.from([1, 0, 1]), Int32Array.from([2, 1]))); // => [1, 0]
 */
export function gatherFlags(y: ArrayLike<number>, index: ArrayLike<number>): Uint8Array {
  const n = index.length;
  const out = new Uint8Array(n);
  for (let r = 0; r < n; r++) out[r] = y[index[r]];
  return out;
}

/**
 * The known (non-NaN) values of a numeric column, sorted ascending into a new Float64Array
 * (typed-array sort: no comparator call per pair).
 *
 * @example
 * import { knownSorted } from "./typed-column";
 * Array.from(knownSorted(Float64Array.from([3, NaN, 1, 3]))); // => [1, 3, 3]
 */
export function knownSorted(x: ArrayLike<number>): Float64Array {
  const known = new Float64Array(x.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) known[m++] = x[i];
  return known.subarray(0, m).sort();
}

/**
 * Number of missing values in a column.
 *
 * @example
 * import { countMissing } from "./typed-column";
 * countMissing(Float64Array.from([1, NaN])); // => 1
 */
export function countMissing(column: Column): number {
  let k = 0;
  if (column instanceof Float64Array) {
    for (const x of column) if (Number.isNaN(x)) k++;
  } else for (const x of column as unknown[]) if (x === null) k++;
  return k;
}

/**
 * Number of distinct non-missing values (for multi: distinct items).
 *
 * @example
 * import { countDistinct } from "./typed-column";
 * countDistinct([["a", "b"], ["b"], null]); // => 2
 */
export function countDistinct(column: Column): number {
  const s = new Set<unknown>();
  if (column instanceof Float64Array) {
    for (const x of column) if (!Number.isNaN(x)) s.add(x);
  } else
    for (const x of column as unknown[]) {
      if (Array.isArray(x)) for (const v of x) s.add(v);
      else if (x !== null) s.add(x);
    }
  return s.size;
}
