import { formatCount } from "../format/count";
import { formatPercent } from "../format/percent";

/**
 * Text a web form or CRM picklist writes when nobody chose: "Select", "-- Select --",
 * "Please select", "Choose one", "--None--". Such a value is an unanswered question, not a
 * level; left as one, it becomes a bin with its own win rate (often the largest bin).
 */
const PLACEHOLDER = /^[-\s.]*(please\s+)?(select|choose)(\s+(one|an?\s+option|an?\s+value|value|option))?[-\s.]*$|^-+\s*none\s*-+$/i;

/** A placeholder value found in columns: the value, and its rows in each column (most first). */
export interface PlaceholderValue {
  value: string;
  columns: { name: string; rows: number; share: number }[];
}

/** A column's values (missing ones as null), for {@link placeholderValues}. */
export interface TextColumn {
  name: string;
  values: readonly (string | null)[];
}

/**
 * The form placeholders among the values of attribute columns ("Select" in 24% of "City"): on
 * at least `minShare` of a column's rows (1% by default), most rows first. `leadlab init` names
 * them as a check and the loader as a warning; neither reads them as missing: whether "Select"
 * means "no answer" is the user's call, and leadlab never changes a value silently.
 *
 * @example
 * import { placeholderValues } from "./placeholder-values";
 * placeholderValues([{ name: "City", values: ["Mumbai", "Select", " Select ", null] }]); // => [{ value: "Select", columns: [{ name: "City", rows: 2, share: 0.5 }] }]
 */
export function placeholderValues(columns: readonly TextColumn[], minShare = 0.01): PlaceholderValue[] {
  const found = new Map<string, PlaceholderValue["columns"]>();
  for (const c of columns) {
    const rows = c.values.length;
    const counts = new Map<string, number>();
    for (const raw of c.values) {
      const v = raw?.trim();
      if (v && PLACEHOLDER.test(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    for (const [value, n] of counts) {
      if (n < minShare * rows) continue;
      if (!found.has(value)) found.set(value, []);
      found.get(value)!.push({ name: c.name, rows: n, share: n / rows });
    }
  }
  const total = (p: PlaceholderValue) => p.columns.reduce((s, c) => s + c.rows, 0);
  return [...found]
    .map(([value, columns]) => ({ value, columns: columns.sort((a, b) => b.rows - a.rows || (a.name < b.name ? -1 : 1)) }))
    .sort((a, b) => total(b) - total(a) || (a.value < b.value ? -1 : 1));
}

/**
 * What `leadlab init` and the load report say of placeholders: the values, where and how often,
 * and the `missing:` line to add if they mean no answer.
 *
 * @example
 * import { placeholderCheck } from "./placeholder-values";
 * placeholderCheck([{ value: "Select", columns: [{ name: "City", rows: 2249, share: 0.243 }] }], ["", "NA"]);
 * // => '"Select" (City: 2,249 rows, 24%) looks like a form\'s unanswered placeholder; if it means no answer, read it as missing: add `missing: ["", "NA", "Select"]` to dataset.yaml'
 */
export function placeholderCheck(found: readonly PlaceholderValue[], missing: readonly string[]): string {
  const where = (p: PlaceholderValue) => {
    const shown = p.columns.slice(0, 4).map((c) => `${c.name}: ${formatCount(c.rows)} row${c.rows === 1 ? "" : "s"}, ${formatPercent(c.share)}`);
    return shown.join("; ") + (p.columns.length > 4 ? `; ${p.columns.length - 4} more columns` : "");
  };
  const list = JSON.stringify([...missing, ...found.map((p) => p.value)]).replace(/","/g, '", "');
  const said = found.map((p) => `${JSON.stringify(p.value)} (${where(p)})`).join(", ");
  const [verb, noun, they] = found.length > 1 ? ["look", "placeholders", "they mean"] : ["looks", "placeholder", "it means"];
  return `${said} ${verb} like a form's unanswered ${noun}; if ${they} no answer, read ${found.length > 1 ? "them" : "it"} as missing: add \`missing: ${list}\` to dataset.yaml`;
}
