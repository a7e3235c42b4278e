import { DatasetError } from "../formats/dataset-error";
import { rowNumbersStart } from "./row-numbers";

/** A table without the empty margins a spreadsheet leaves, and what was left out. */
export interface WithoutMargins {
  names: string[];
  columns: (string | null)[][];
  /** What was left out, in words ("3 columns with no name and no value"); undefined when nothing was. */
  leftOut?: string;
}

const blank = (v: string | null) => v === null || v.trim() === "";

/**
 * The table without what a spreadsheet saved as CSV leaves around it: columns with no name in the
 * header and no value (the cells right of the data Excel once touched, `,,,` at the end of every
 * line) and the rows with no value after the last row with one (`,,,,` lines below the data).
 * They hold no data; they are left out and said in `leftOut`, as is a first column with no name
 * holding the row numbers 0, 1, 2, … (or 1, 2, 3, …, in any order): the index pandas' `to_csv`
 * writes. Any other column with no name that holds a value is refused, naming the column, the
 * row and the value; blank rows between rows are kept, so that every later message names the
 * file's own row numbers.
 *
 * @param header the header as the file writes it (see `checkedCsvHeader`; undefined for a table that is not a CSV file)
 * @example
 * import { emptyMargins } from "./empty-margins";
 * emptyMargins("deals.csv", ["id", "stage", ""], ["id", "stage", "column2"], [["D1", "D2", null], ["Won", "Lost", null], [null, " ", null]]);
 * // => { names: ["id", "stage"], columns: [["D1", "D2"], ["Won", "Lost"]], leftOut: "1 column with no name and no value and 1 row with no value after the last row, as a spreadsheet leaves them" }
 * emptyMargins("deals.csv", ["", "id"], ["column0", "id"], [["0", "1", "2"], ["D1", "D2", "D3"]]).leftOut;
 * // => "column 1, with no name, holding the row numbers 0 to 2 (a row index, as pandas' to_csv writes one)"
 */
export function emptyMargins(label: string, header: readonly string[] | undefined, names: readonly string[], read: readonly (string | null)[][]): WithoutMargins {
  // DuckDB gives no column arrays for a table with no rows.
  const columns = names.map((_, j) => read[j] ?? []);
  const index = header?.[0] === "" ? rowNumbersStart(columns[0]) : undefined;
  const keep: number[] = [];
  for (let j = 0; j < names.length; j++) {
    if (header?.[j] !== "") {
      keep.push(j);
      continue;
    }
    if (j === 0 && index !== undefined) continue;
    const r = columns[j].findIndex((v) => !blank(v));
    if (r >= 0)
      throw new DatasetError(
        `column ${j + 1} has no name in the header but holds values (DuckDB would call it "${names[j]}")`,
        { file: label, row: r + 1, value: columns[j][r] },
        "name the column in the header row, or delete it from the export",
      );
  }
  const rows = columns.length ? columns[0].length : 0;
  let end = rows;
  while (end > 0 && keep.every((j) => blank(columns[j][end - 1]))) end--;
  const droppedColumns = names.length - keep.length - (index === undefined ? 0 : 1);
  const droppedRows = rows - end;
  const kept = { names: keep.map((j) => names[j]), columns: keep.map((j) => (droppedRows ? columns[j].slice(0, end) : columns[j])) };
  if (!droppedColumns && !droppedRows && index === undefined) return kept;
  const parts = [
    ...(droppedColumns ? [`${droppedColumns} column${droppedColumns === 1 ? "" : "s"} with no name and no value`] : []),
    ...(droppedRows ? [`${droppedRows} row${droppedRows === 1 ? "" : "s"} with no value after the last row`] : []),
  ];
  const indexText = index === undefined ? [] : [`column 1, with no name, holding the row numbers ${index} to ${index + rows - 1} (a row index, as pandas' to_csv writes one)`];
  return { ...kept, leftOut: [...indexText, ...(parts.length ? [`${parts.join(" and ")}, as a spreadsheet leaves them`] : [])].join("; ") };
}
