/**
 * Reading what vega drew from its SVG output: vega labels every mark item with an
 * `aria-roledescription` (`"bar"`, `"tick"`, `"rule mark"`, `"text mark"`) and, for marks with
 * a tooltip or a default description, an `aria-label`.
 */

/** One drawn item: its role, its aria-label (if any) and the attributes of its element. */
export interface SvgItem {
  role: string;
  label: string | undefined;
  element: string;
}

/**
 * Every element of an SVG string that carries an `aria-roledescription`, in document order.
 *
 * @example
 * svgItems('<path aria-roledescription="bar" aria-label="a: 1" d="M0,0"/>')[0].role; // => "bar"
 */
export function svgItems(svg: string): SvgItem[] {
  const items: SvgItem[] = [];
  for (const match of svg.matchAll(/<(?:path|line|text|g)\b[^>]*>/g)) {
    const element = match[0];
    const role = /aria-roledescription="([^"]*)"/.exec(element)?.[1];
    if (role === undefined) continue;
    const label = /aria-label="([^"]*)"/.exec(element)?.[1];
    items.push({ role, label, element });
  }
  return items;
}

/**
 * How many drawn items have the given role.
 *
 * @example
 * countRole('<path aria-roledescription="bar"/><path aria-roledescription="bar"/>', "bar"); // => 2
 */
export function countRole(svg: string, role: string): number {
  return svgItems(svg).filter((item) => item.role === role).length;
}

/**
 * The text content of every `<text>` element (XML entities decoded), in document order.
 *
 * @example
 * svgTexts('<text x="1">14% (n=412)</text>'); // => ["14% (n=412)"]
 */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&"),
  );
}

/**
 * Deep-freezes a value so a test fails if the code under test writes to it.
 *
 * @example
 * Object.isFrozen(deepFreeze({ a: [1] }).a); // => true
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
