/** Where in the user's input a problem was found. */
export interface ErrorLocation {
  /** The file (dataset.yaml or a data file) the problem is in. */
  file?: string;
  /** The spec field, e.g. `deals.outcome.column`, or a data column. */
  field?: string;
  /** 1-based data row (not counting the header). */
  row?: number;
  /** The offending value. */
  value?: unknown;
}

/**
 * An error in the user's dataset or spec. The message names the file, the field or column,
 * the row and the value, and says how to fix it; the parts are also kept as properties.
 *
 * @example
 * import { DatasetError } from "leadlab";
 * const e = new DatasetError("deal ids must be unique", { file: "deals.csv", field: "deal_id", value: "D-1" }, "remove the duplicate rows");
 * e.message; // => 'deals.csv: column "deal_id": deal ids must be unique (value "D-1"). Fix: remove the duplicate rows.'
 */
export class DatasetError extends Error {
  readonly location: ErrorLocation;
  readonly fix: string;

  constructor(problem: string, location: ErrorLocation, fix: string) {
    const where = [
      location.file,
      location.field !== undefined ? `${location.file?.endsWith(".yaml") || location.file?.endsWith(".yml") ? "field" : "column"} "${location.field}"` : undefined,
      location.row !== undefined ? `row ${location.row}` : undefined,
    ]
      .filter((x) => x !== undefined)
      .join(": ");
    const value = location.value !== undefined ? ` (value ${JSON.stringify(location.value)})` : "";
    super(`${where ? where + ": " : ""}${problem}${value}. Fix: ${fix.replace(/\.$/, "")}.`);
    this.name = "DatasetError";
    this.location = location;
    this.fix = fix;
  }
}
