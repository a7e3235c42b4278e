import { compareText } from "./compare-text";
import { DatasetError } from "../formats/dataset-error";
import type { DatasetSpec } from "../formats/dataset-spec";
import { foldText } from "./fold-text";

/** A retention flag column read through the spec's `true:` and `false:` lists. */
export interface RetentionFlags {
  /** Per table row: retained, churned, or null (empty, or another value with `other: missing`). */
  values: (boolean | null)[];
  trueRows: number;
  falseRows: number;
  missingRows: number;
  /** Values in neither list (read as unknown; only with `other: missing`), most frequent first. */
  other: { value: string; rows: number }[];
}

/**
 * Reads a retention flag column: values compare with the `true:` and `false:` lists after
 * {@link foldText}; an empty cell is unknown. Any other value is a {@link DatasetError} naming
 * the values, their counts and first row, and the fix; with `other: missing` they are read as
 * unknown and counted instead.
 *
 * @example
 * import { retentionFlags } from "./retention-flags";
 * retentionFlags(["Yes", "no", null], { column: "renewed", true: ["yes"], false: ["no"] }, "renewals.csv").values; // => [true, false, null]
 */
export function retentionFlags(
  column: readonly (string | null)[],
  spec: NonNullable<NonNullable<DatasetSpec["retention"]>["retained"]>,
  label: string,
): RetentionFlags {
  const yes = new Set(spec.true.map(foldText));
  const no = new Set(spec.false.map(foldText));
  const others = new Map<string, { rows: number; first: number }>();
  let trueRows = 0, falseRows = 0, missingRows = 0;
  const values = column.map((v, r) => {
    if (v === null) {
      missingRows++;
      return null;
    }
    const f = foldText(v);
    if (yes.has(f)) return (trueRows++, true);
    if (no.has(f)) return (falseRows++, false);
    const key = v.trim().normalize("NFC");
    const o = others.get(key) ?? { rows: 0, first: r };
    o.rows++;
    others.set(key, o);
    return null;
  });
  const other = [...others].map(([value, o]) => ({ value, rows: o.rows, first: o.first })).sort((a, b) => b.rows - a.rows || compareText(a.value, b.value));
  if (other.length && spec.other !== "missing") {
    const rows = other.reduce((s, o) => s + o.rows, 0);
    const first = Math.min(...other.map((o) => o.first));
    throw new DatasetError(
      `${rows} ${rows === 1 ? "value is" : "values are"} in neither true: ${JSON.stringify(spec.true)} nor false: ${JSON.stringify(spec.false)}: ${other.slice(0, 8).map((o) => `"${o.value}" (${o.rows})`).join(", ")}${other.length > 8 ? ", …" : ""} (first at row ${first + 1})`,
      { file: label, field: spec.column },
      `add each of them to true: or false: under retention.retained in dataset.yaml (e.g. true: ${JSON.stringify([...spec.true, other[0].value])}), or add \`other: missing\` there to read them as unknown retention`,
    );
  }
  return { values, trueRows, falseRows, missingRows, other: other.map(({ value, rows }) => ({ value, rows })) };
}
