import * as vega from "vega";

/**
 * Advance widths of Helvetica (and Arial, which shares them) for the printable ASCII
 * characters, space (32) to tilde (126), in thousandths of the font size: regular and bold.
 */
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
  278, 278, 584, 584, 584, 556, 1015, // : to @
  667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A to M
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N to Z
  278, 278, 278, 469, 556, 333, // [ to `
  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a to m
  556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n to z
  334, 260, 334, 584, // { to ~
] as const;

const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
  333, 333, 584, 584, 584, 611, 975, // : to @
  722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, // A to M
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N to Z
  333, 278, 333, 584, 556, 333, // [ to `
  556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, // a to m
  611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, // n to z
  389, 280, 389, 584, // { to ~
] as const;

/** Widths of a few non-ASCII characters charts use (dashes, ellipsis, middle dot, signs). */
const OTHER: Readonly<Record<string, number>> = {
  "\u2013": 556, // en dash
  "\u2014": 1000, // em dash
  "\u2026": 1000, // ellipsis
  "\u00b7": 278, // middle dot
  "\u2264": 549, // less than or equal
  "\u2265": 549, // greater than or equal
  "\u2212": 584, // minus
  "\u00a0": 278, // no-break space
};

/** The part of a vega scenegraph text item that decides its width. */
interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
}

/**
 * The width in pixels of `text` set in Helvetica/Arial at the item's font size and weight
 * (vega's default size, 11 px, when the item has none). Characters outside the tables count
 * as a digit, or as a full em for East Asian scripts.
 *
 * @example
 * import { helveticaWidth } from "./text-width";
 * helveticaWidth({ fontSize: 10 }, "00"); // => 11.12
 */
export function helveticaWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
  const weight = item.fontWeight;
  const bold = weight === "bold" || weight === "bolder" || (Number(weight) || 0) >= 600;
  const table = bold ? BOLD : REGULAR;
  const value = text == null ? "" : String(text);
  let units = 0;
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 32 && code <= 126) units += table[code - 32];
    else units += OTHER[char] ?? (code >= 0x2e80 ? 1000 : 556);
  }
  return (units * size) / 1000;
}

/** vega's text measuring hooks, which its type declarations do not describe. */
interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
  estimateWidth: (item: TextItem, text: unknown) => number;
}

const textMetrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
let activeRenders = 0;
let replacedWidth: TextMetrics["width"] | undefined;

/**
 * Runs `render` with text measured by {@link helveticaWidth} instead of vega's rough estimate
 * (0.8 × font size per character, which truncates labels that would fit). vega offers this
 * hook for measuring text where there is no canvas. The hook is restored once the last
 * overlapping render ends; if a canvas (or another measure) is already in use, it is kept.
 *
 * @example
 * import * as vega from "vega";
 * import { withFontMetrics } from "./text-width";
 * const svg = await withFontMetrics(() => new vega.View(vega.parse({ marks: [] }), { renderer: "none" }).toSVG());
 */
export async function withFontMetrics<T>(render: () => Promise<T>): Promise<T> {
  if (activeRenders === 0 && textMetrics.width === textMetrics.estimateWidth) {
    replacedWidth = textMetrics.width;
    textMetrics.width = helveticaWidth;
  }
  activeRenders += 1;
  try {
    return await render();
  } finally {
    activeRenders -= 1;
    if (activeRenders === 0 && replacedWidth !== undefined) {
      textMetrics.width = replacedWidth;
      replacedWidth = undefined;
    }
  }
}
