/** Elements that run code or load another document, by tag name, and why. */
const FORBIDDEN_ELEMENTS: readonly { name: RegExp; what: string }[] = [
  { name: /^script$/, what: "a <script> element (the report runs no scripts)" },
  { name: /^(?:iframe|frame|object|embed|applet|base|link)$/, what: "an element that loads another document" },
];
/** Attributes whose value is an address the browser loads at once. */
const LOADING_ATTRIBUTES = /^(?:src|srcset|poster|data|background|action|formaction)$/;
/** SVG elements whose `href` is loaded at once. */
const SVG_LOADERS = /^(?:image|use|feimage)$/;
/** An address that loads nothing from elsewhere: a data: URL or a fragment of the page. */
const LOCAL = /^\s*(?:data:|#)/i;
/** A CSS url() to a file or an address, and @import. */
const CSS_LOADS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /url\(\s*["']?\s*(?!data:|#)[^\s"')]/i, what: "a CSS url() that loads from a file or an address" },
  { pattern: /@import/i, what: "a CSS @import" },
];

/** One start tag: its lower-cased name, its attributes (values unquoted, entities as written) and where it starts. */
interface Tag {
  name: string;
  attributes: { name: string; value: string }[];
  at: number;
}

/** The start tags of an HTML fragment, reading quoted attribute values as values wherever they hold `=`, `>` or a name like `on…`. */
function startTags(html: string): Tag[] {
  const tags: Tag[] = [];
  const tag = /<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const attributes: Tag["attributes"] = [];
    const attribute = /([^\s"'>\/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;
    for (let a = attribute.exec(m[2]); a; a = attribute.exec(m[2])) {
      const raw = a[2] ?? "";
      attributes.push({ name: a[1].toLowerCase(), value: /^["']/.test(raw) ? raw.slice(1, -1) : raw });
    }
    tags.push({ name: m[1].toLowerCase(), attributes, at: m.index });
  }
  return tags;
}

/** The first thing in the fragment that would run code or load something, with where it is; undefined when there is none. */
function firstViolation(html: string): { what: string; at: number } | undefined {
  for (const t of startTags(html)) {
    const element = FORBIDDEN_ELEMENTS.find((f) => f.name.test(t.name));
    if (element) return { what: element.what, at: t.at };
    if (t.name === "meta" && t.attributes.some((a) => a.name === "http-equiv"))
      return { what: "a <meta http-equiv> (it could redirect or change the page's policy)", at: t.at };
    for (const a of t.attributes) {
      if (/^on[a-z]+$/.test(a.name)) return { what: "an event handler attribute (on…=), which is a script", at: t.at };
      if (/^\s*javascript\s*:/i.test(a.value.replace(/[\u0000-\u0020]/g, ""))) return { what: "a javascript: address", at: t.at };
      if (LOADING_ATTRIBUTES.test(a.name) && a.value.trim() !== "" && !LOCAL.test(a.value))
        return { what: "a resource loaded from a file or an address (use inline SVG or a data: URL)", at: t.at };
      if (SVG_LOADERS.test(t.name) && (a.name === "href" || a.name === "xlink:href") && !LOCAL.test(a.value))
        return { what: "an SVG image or reference loaded from a file or an address", at: t.at };
      if (a.name === "style") for (const c of CSS_LOADS) if (c.pattern.test(a.value)) return { what: c.what, at: t.at };
    }
  }
  // Style sheets: the text of <style> elements.
  const style = /<style\b[^>]*>([\s\S]*?)(?:<\/style\s*>|$)/gi;
  for (let m = style.exec(html); m; m = style.exec(html)) for (const c of CSS_LOADS) if (c.pattern.test(m[1])) return { what: c.what, at: m.index };
  return undefined;
}

/**
 * Checks HTML that a caller adds to the report (an extra section, a diff) against the report's
 * promise: one page that opens offline, runs no script and loads nothing. Throws naming the
 * section and what was found; returns the HTML unchanged when it passes. Links (`<a href>`)
 * are allowed (they load nothing until clicked), as are inline SVG, inline styles and `data:`
 * URLs.
 *
 * Tags and their attributes are read as a browser reads them, so data text in a quoted value
 * (a persona named "OnlineSecurity=No", a label "data = 5") is text, not an attribute. This is a
 * guard against mistakes, not a sanitiser for untrusted HTML: escape user text with
 * {@link escapeHtml} when building the section.
 *
 * @example
 * import { checkSectionHtml } from "./check-section-html";
 * checkSectionHtml("<p>3 personas</p>", "Personas"); // => "<p>3 personas</p>"
 * // checkSectionHtml('<img src="https://x.test/a.png">', "Personas") throws
 */
export function checkSectionHtml(html: string, section: string): string {
  if (typeof html !== "string") {
    throw new Error(`report section "${section}": html must be a string; got ${html === null ? "null" : typeof html}.`);
  }
  const found = firstViolation(html);
  if (found) {
    const near = html.slice(Math.max(0, found.at - 10), found.at + 50).replace(/\s+/g, " ");
    throw new Error(`report section "${section}": its html contains ${found.what}, near "${near}"; the report must open offline with no scripts.`);
  }
  return html;
}
