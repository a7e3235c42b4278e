import { escapeHtml } from "./escape-html";

/**
 * One cell of an {@link htmlTable}: text (escaped), a number (written as given), or HTML the
 * caller built and escaped itself. `className` styles the cell (e.g. `"num"` for numbers).
 */
export type TableCell = string | number | { text: string; className?: string } | { html: string; className?: string };

/** What {@link htmlTable} draws. */
export interface HtmlTableSpec {
  /** Column headings, as text. */
  head: readonly string[];
  rows: readonly (readonly TableCell[])[];
  /** Columns (0-based) whose cells are numbers: right-aligned with even-width digits. */
  numeric?: readonly number[];
  /** A class per row (e.g. `"leak"` to mark a flagged attribute), or undefined. */
  rowClasses?: readonly (string | undefined)[];
  /** The table's class. Default `"data"`. */
  className?: string;
  /** A caption above the table, as text. */
  caption?: string;
}

/**
 * An HTML table from headings and rows of cells, in a `div.table-scroll` that lets a wide
 * table scroll sideways on a narrow screen instead of widening the page. Text cells and
 * headings are escaped; an `{ html }` cell is inserted as it is, so the caller escapes the
 * text inside it. Every row must have as many cells as there are headings.
 *
 * @example
 * import { htmlTable } from "./html-table";
 * htmlTable({ head: ["Tier", "Deals"], rows: [["A & B", 12]], numeric: [1] });
 * // => '<div class="table-scroll"><table class="data"><thead><tr><th>Tier</th><th class="num">Deals</th></tr></thead><tbody><tr><td>A &amp; B</td><td class="num">12</td></tr></tbody></table></div>'
 */
export function htmlTable(spec: HtmlTableSpec): string {
  const numeric = new Set(spec.numeric ?? []);
  const columns = spec.head.length;
  const heads = spec.head.map((h, j) => `<th${numeric.has(j) ? ' class="num"' : ""}>${escapeHtml(h)}</th>`).join("");
  const body = spec.rows
    .map((row, i) => {
      if (row.length !== columns) {
        throw new Error(`htmlTable: row ${i + 1} has ${row.length} cells for ${columns} headings (${spec.head.join(", ")}).`);
      }
      const rowClass = spec.rowClasses?.[i];
      const cells = row.map((cell, j) => cellHtml(cell, numeric.has(j))).join("");
      return `<tr${rowClass ? ` class="${escapeHtml(rowClass)}"` : ""}>${cells}</tr>`;
    })
    .join("");
  const caption = spec.caption === undefined ? "" : `<caption>${escapeHtml(spec.caption)}</caption>`;
  const table = `<table class="${escapeHtml(spec.className ?? "data")}">${caption}<thead><tr>${heads}</tr></thead><tbody>${body}</tbody></table>`;
  return `<div class="table-scroll">${table}</div>`;
}

function cellHtml(cell: TableCell, numeric: boolean): string {
  let content: string;
  let className: string | undefined;
  if (typeof cell === "string" || typeof cell === "number") {
    content = escapeHtml(cell);
  } else if ("html" in cell) {
    content = cell.html;
    className = cell.className;
  } else {
    content = escapeHtml(cell.text);
    className = cell.className;
  }
  const classes = [numeric ? "num" : "", className ?? ""].filter(Boolean).join(" ");
  return `<td${classes ? ` class="${escapeHtml(classes)}"` : ""}>${content}</td>`;
}
