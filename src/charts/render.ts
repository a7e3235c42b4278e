import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import { withFontMetrics } from "./text-width";

/**
 * Compiles a vega-lite 5 spec to the vega 5 spec that draws it. The input is not changed.
 *
 * Throws what vega-lite throws for a spec it cannot compile (an unknown mark, a field
 * definition of the wrong shape), prefixed with "vega-lite could not compile the chart".
 *
 * @example
 * import { compileChart, rateByValueChart } from "leadlab";
 * const vgSpec = compileChart(rateByValueChart([{ label: "a", n: 10, rate: 0.5, lo: 0.24, hi: 0.76 }], { title: "t" }));
 * Array.isArray(vgSpec.marks); // => true
 */
export function compileChart(spec: TopLevelSpec): vega.Spec {
  try {
    return vegaLite.compile(structuredClone(spec)).spec;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`vega-lite could not compile the chart: ${message}`);
  }
}

/**
 * Renders a vega-lite 5 spec to an SVG document string in Node, without a browser or a
 * canvas: the spec is compiled with vega-lite, then drawn by a headless vega `View`
 * (renderer `"none"`) with `toSVG()`. The input is not changed (vega attaches ids to the
 * data it reads, so it reads a copy).
 *
 * There is no font engine in Node, so text is measured with Helvetica's character widths
 * (the theme's font; Arial has the same widths): labels may sit a pixel or two differently
 * than in a browser, but long labels are cut where a browser would cut them.
 *
 * @example
 * import { rateByValueChart, renderSvg } from "leadlab";
 * const spec = rateByValueChart([{ label: "a", n: 10, rate: 0.5, lo: 0.24, hi: 0.76 }], { title: "t" });
 * const svg = await renderSvg(spec);
 * svg.startsWith("<svg"); // => true
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vgSpec = compileChart(spec);
  return withFontMetrics(async () => {
    const view = new vega.View(vega.parse(vgSpec), { renderer: "none" });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  });
}
