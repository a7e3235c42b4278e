import { inspect } from "node:util";
import type { DataFrame } from "danfojs-node";
import { formatCount } from "../format/count";
import { htmlTable } from "../report/html-table";
import { kernelOutput } from "./kernel-output";

/** What {@link show} draws: a danfojs DataFrame, or rows of plain objects (one column per key). */
export type Showable = DataFrame | readonly Record<string, unknown>[];

/**
 * One cell of a shown table: whole numbers with thousands separators, other numbers to 3
 * significant digits (below 0.001 in e-notation, so tiny p- and q-values stay readable),
 * missing values (null, undefined, NaN) empty, anything else as text.
 *
 * @example
 * import { tableCellText } from "leadlab/notebook";
 * [tableCellText(7516), tableCellText(0.80213), tableCellText(0.0000123), tableCellText(NaN), tableCellText(true)];
 * // => ["7,516", "0.802", "1.2e-5", "", "true"]
 */
export function tableCellText(value: unknown): string {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return "";
  if (typeof value !== "number") return String(value);
  if (Number.isInteger(value)) return formatCount(value);
  return value !== 0 && Math.abs(value) < 1e-3 ? value.toExponential(1) : String(Number(value.toPrecision(3)));
}

/** The headings and rows of a DataFrame or of plain-object rows (the union of their keys, in order met). */
function tableOf(data: Showable): { head: string[]; rows: unknown[][] } {
  if (Array.isArray(data)) {
    const records = data as readonly Record<string, unknown>[];
    const head = [...new Set(records.flatMap((record) => Object.keys(record)))];
    return { head, rows: records.map((record) => head.map((key) => record[key])) };
  }
  const frame = data as DataFrame;
  return { head: frame.columns.map(String), rows: frame.shape[0] === 0 ? [] : (frame.values as unknown[][]) };
}

/**
 * A DataFrame (or rows of plain objects) as an HTML table of its first `rows` rows (default
 * 50), cells written by {@link tableCellText}, numeric columns right-aligned, with a caption
 * saying how many rows were left out when some were.
 *
 * @example
 * import { tableHtml } from "leadlab/notebook";
 * tableHtml([{ tier: "A", deals: 1200 }, { tier: "B & C", deals: 81.25 }], 1);
 * // => '<div class="table-scroll"><table class="data"><caption>first 1 of 2 rows</caption><thead><tr><th>tier</th><th class="num">deals</th></tr></thead><tbody><tr><td>A</td><td class="num">1,200</td></tr></tbody></table></div>'
 */
export function tableHtml(data: Showable, rows = 50): string {
  const { head, rows: all } = tableOf(data);
  const shown = all.slice(0, rows);
  const numeric = head.flatMap((_, j) => (shown.length > 0 && shown.every((row) => typeof row[j] === "number" || row[j] == null) ? [j] : []));
  return htmlTable({
    head,
    rows: shown.map((row) => row.map(tableCellText)),
    numeric,
    caption: shown.length < all.length ? `first ${formatCount(shown.length)} of ${formatCount(all.length)} rows` : undefined,
  });
}

/** A one-line description of a table, for front ends that show text only. */
function tableSummary(data: Showable): string {
  const { head, rows } = tableOf(data);
  return `table: ${formatCount(rows.length)} rows × ${formatCount(head.length)} columns (${head.join(", ")})`;
}

/**
 * Shows a DataFrame, or rows of plain objects, as an HTML table in a tslab notebook cell
 * (see {@link tableHtml}; the first `rows` rows, default 50), with a line of text for front
 * ends that show no HTML. Throws outside a tslab kernel, saying to use {@link tableHtml} there.
 *
 * @example
 * // In a tslab notebook cell:
 * import { show } from "leadlab/notebook";
 * show([{ tier: "A", deals: 1200 }, { tier: "B", deals: 800 }]);
 */
export function show(data: Showable, rows = 50): void {
  const write = kernelOutput();
  if (write === undefined) {
    throw new Error("show() draws a table in a tslab notebook and no tslab kernel is running here; outside a notebook use tableHtml(data) for the HTML.");
  }
  write({ "text/html": tableHtml(data, rows), "text/plain": tableSummary(data) });
}

/** How many rows a DataFrame shown as a cell's value displays. */
const VALUE_ROWS = 20;

/**
 * Makes a danfojs DataFrame that is a cell's value (or is printed with `console.log`) show as
 * an HTML table of its first 20 rows in a tslab notebook, followed by the printed line
 * `DataFrame: <rows> rows × <columns> columns`. tslab prints a cell's value with
 * `console.log`, which asks the value's `util.inspect.custom` method; this installs one on
 * danfojs' DataFrame class. Inside another value, or outside a running tslab cell, a frame prints
 * as that line alone. Called when `leadlab/notebook` is imported in a tslab kernel; does
 * nothing when danfojs-node is not installed.
 *
 * @example
 * // In a tslab notebook cell:
 * import { DataFrame } from "danfojs-node";
 * import { showDataFramesAsTables } from "leadlab/notebook";
 * showDataFramesAsTables(); // importing leadlab/notebook in the kernel did it already
 * console.log(new DataFrame({ tier: ["A", "B"], deals: [120, 80] })); // a table, as when it is the cell's value
 */
export function showDataFramesAsTables(): void {
  let danfo: typeof import("danfojs-node");
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    danfo = require("danfojs-node") as typeof import("danfojs-node");
  } catch {
    return;
  }
  // danfojs-node's DataFrame extends danfojs' own, which is what `head`, `loc` and the
  // other methods return: the method goes on the base class, so every frame has it.
  let prototype = danfo.DataFrame.prototype as object;
  for (let up = Object.getPrototypeOf(prototype) as object | null; up?.constructor.name === "DataFrame"; up = Object.getPrototypeOf(up) as object | null) {
    prototype = up;
  }
  (prototype as Record<symbol, unknown>)[inspect.custom] = function (this: DataFrame, depth: number, options: { depth?: number | null }): string {
    const line = `DataFrame: ${formatCount(this.shape[0])} rows × ${formatCount(this.shape[1])} columns`;
    const write = kernelOutput();
    const topLevel = depth === options.depth;
    if (write !== undefined && topLevel) {
      write({ "text/html": tableHtml(this, VALUE_ROWS), "text/plain": tableSummary(this) });
      return this.shape[0] > VALUE_ROWS ? `${line}, the first ${VALUE_ROWS} shown` : line;
    }
    return line;
  };
}
