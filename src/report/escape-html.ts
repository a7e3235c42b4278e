/** The characters that change meaning in HTML text and attribute values, and their entities. */
const ENTITIES: Readonly<Record<string, string>> = Object.freeze({
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
});

/**
 * Escapes text for HTML: `&`, `<`, `>`, `"` and `'` become entities, so the text shows as
 * written both between tags and inside a quoted attribute value. Attribute names and category
 * values come from users' data and may hold any of them. Numbers and other values are written
 * with `String(value)` first; null and undefined give an empty string.
 *
 * @example
 * import { escapeHtml } from "./escape-html";
 * escapeHtml(`AT&T <enterprise> "key" account's`);
 * // => "AT&amp;T &lt;enterprise&gt; &quot;key&quot; account&#39;s"
 */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
