import { escapeHtml } from "./escape-html";

/**
 * Prepares an SVG document string (as {@link renderSvg} returns it) for inlining into an HTML
 * page next to other SVGs:
 *
 * - every `id` is renamed to `<prefix>-1`, `<prefix>-2`, … in order of appearance, with the
 *   `url(#…)` and `href="#…"` that point at it. vega numbers gradients and clip paths with
 *   counters shared by every render in the process, so two charts on one page could define the
 *   same id (the browser would draw one chart with the other's gradient), and the same chart
 *   rendered twice would get different ids; renamed, the page is the same on every run;
 * - the namespace declarations are dropped (HTML puts an inline `<svg>` in the SVG namespace
 *   by itself), so the page names no address at all;
 * - the root gets `role="img"`, an `aria-label` (the chart's title) and the class `chart`.
 *
 * The prefix must be a plain name (letters, digits, `-`, `_`), unique on the page.
 *
 * @example
 * import { embedSvg } from "./embed-svg";
 * embedSvg('<svg xmlns="http://www.w3.org/2000/svg" width="10"><defs><clipPath id="clip7"/></defs><g clip-path="url(#clip7)"/></svg>', "roc", "ROC curve");
 * // => '<svg role="img" aria-label="ROC curve" class="chart" width="10"><defs><clipPath id="roc-1"/></defs><g clip-path="url(#roc-1)"/></svg>'
 */
export function embedSvg(svg: string, prefix: string, label: string): string {
  if (typeof svg !== "string" || !/^\s*<svg[\s>]/.test(svg)) {
    throw new Error(`embedSvg: expected an SVG document string starting with <svg; got ${JSON.stringify(String(svg).slice(0, 40))}.`);
  }
  if (!/^[A-Za-z][\w-]*$/.test(prefix)) {
    throw new Error(`embedSvg: the prefix must be letters, digits, "-" or "_", starting with a letter; got ${JSON.stringify(prefix)}.`);
  }
  const renamed = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (!renamed.has(match[1])) renamed.set(match[1], `${prefix}-${renamed.size + 1}`);
  }
  let out = svg.replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => a + (renamed.get(id) ?? id) + b);
  out = out.replace(/url\(#([^)]+)\)/g, (whole, id: string) => (renamed.has(id) ? `url(#${renamed.get(id)})` : whole));
  out = out.replace(/(\s(?:xlink:)?href=")#([^"]+)(")/g, (whole, a: string, id: string, b: string) =>
    renamed.has(id) ? `${a}#${renamed.get(id)}${b}` : whole,
  );
  return out.replace(/^\s*<svg((?:\s[^>]*)?)>/, (_, attributes: string) => {
    const kept = attributes
      .replace(/\sxmlns(?::\w+)?="[^"]*"/g, "")
      .replace(/\sversion="[^"]*"/, "")
      .replace(/\sclass="[^"]*"/, "");
    return `<svg role="img" aria-label="${escapeHtml(label)}" class="chart"${kept}>`;
  });
}
