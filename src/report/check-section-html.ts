/** Patterns that would make the report run code or load something from elsewhere, and why. */
const FORBIDDEN: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /<\s*script\b/i, what: "a <script> element (the report runs no scripts)" },
  { pattern: /<\s*(?:iframe|frame|object|embed|applet|base|link)\b/i, what: "an element that loads another document" },
  { pattern: /<\s*meta\b[^>]*http-equiv/i, what: "a <meta http-equiv> (it could redirect or change the page's policy)" },
  { pattern: /<[^>]*\son[a-z]+\s*=/i, what: "an event handler attribute (on…=), which is a script" },
  { pattern: /javascript\s*:/i, what: "a javascript: address" },
  {
    pattern: /<[^>]*\s(?:src|srcset|poster|data|background|action|formaction)\s*=\s*["']?\s*(?!data:|#)[^\s"'>]/i,
    what: "a resource loaded from a file or an address (use inline SVG or a data: URL)",
  },
  {
    pattern: /<\s*(?:image|use|feImage)\b[^>]*\s(?:xlink:)?href\s*=\s*["']?\s*(?!data:|#)[^\s"'>]/i,
    what: "an SVG image or reference loaded from a file or an address",
  },
  { pattern: /url\(\s*["']?\s*(?!data:|#)[^\s"')]/i, what: "a CSS url() that loads from a file or an address" },
  { pattern: /@import/i, what: "a CSS @import" },
];

/**
 * Checks HTML that a caller adds to the report (an extra section, a diff) against the report's
 * promise: one page that opens offline, runs no script and loads nothing. Throws naming the
 * section and what was found; returns the HTML unchanged when it passes. Links (`<a href>`)
 * are allowed (they load nothing until clicked), as are inline SVG, inline styles and `data:`
 * URLs.
 *
 * This is a guard against mistakes, not a sanitiser for untrusted HTML: escape user text with
 * {@link escapeHtml} when building the section.
 *
 * @example
 * import { checkSectionHtml } from "leadlab";
 * checkSectionHtml("<p>3 personas</p>", "Personas"); // => "<p>3 personas</p>"
 * // checkSectionHtml('<img src="https://x.test/a.png">', "Personas") throws
 */
export function checkSectionHtml(html: string, section: string): string {
  if (typeof html !== "string") {
    throw new Error(`report section "${section}": html must be a string; got ${html === null ? "null" : typeof html}.`);
  }
  for (const { pattern, what } of FORBIDDEN) {
    const found = pattern.exec(html);
    if (found) {
      const at = html.slice(Math.max(0, found.index - 10), found.index + 50).replace(/\s+/g, " ");
      throw new Error(`report section "${section}": its html contains ${what}, near "${at}"; the report must open offline with no scripts.`);
    }
  }
  return html;
}
