import type { TopLevelSpec } from "vega-lite";
import { renderSvg } from "../charts/render";
import { VEGA_LITE_MIME } from "../charts/theme";
import { escapeHtml } from "../report/escape-html";
import { kernelOutput } from "./kernel-output";

/**
 * One chart as a Jupyter MIME bundle: the live vega-lite spec for front ends that draw it
 * (VS Code, nteract), the SVG as an `<img>` with a data URI under `text/html` for those that
 * do not draw vega-lite or strip inline SVG (nbconvert's HTML export on Debian drops
 * `image/svg+xml`; GitHub), the SVG itself, and a line of text for terminals. JupyterLab ranks
 * `text/html` above its vega-lite renderer, so it shows the same drawing as the static image.
 */
export interface ChartBundle {
  "application/vnd.vegalite.v5+json": TopLevelSpec;
  "text/html": string;
  "image/svg+xml": string;
  "text/plain": string;
}

/**
 * Builds the MIME bundle of a chart: the spec under `application/vnd.vegalite.v5+json`, its
 * SVG rendering under `image/svg+xml` and, as an `<img>` whose source is the SVG as a base64
 * data URI (alt text: the title), under `text/html`, and a short description under
 * `text/plain`. The input is not changed. This is what {@link display} sends to the notebook;
 * outside a notebook it is the way to get the same bundle, e.g. to write it into a `.ipynb`
 * or an HTML page.
 *
 * @example
 * import { chartBundle, rateByValueChart } from "leadlab";
 * const bundle = await chartBundle(rateByValueChart([{ label: "a", n: 10, rate: 0.5, lo: 0.24, hi: 0.76 }], { title: "Win rate" }));
 * bundle["text/plain"]; // => "Chart: Win rate"
 * bundle["image/svg+xml"].startsWith("<svg"); // => true
 * bundle["text/html"].startsWith('<img alt="Win rate" src="data:image/svg+xml;base64,'); // => true
 */
export async function chartBundle(spec: TopLevelSpec): Promise<ChartBundle> {
  const copy = structuredClone(spec);
  const svg = await renderSvg(copy);
  const title = chartTitle(copy);
  const source = `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
  return {
    [VEGA_LITE_MIME]: copy,
    "text/html": `<img alt="${escapeHtml(title)}" src="${source}">`,
    "image/svg+xml": svg,
    "text/plain": `Chart: ${title}`,
  };
}

/** The title text of a spec, or "untitled". */
function chartTitle(spec: TopLevelSpec): string {
  const title = spec.title;
  if (typeof title === "string") return title;
  if (Array.isArray(title)) return title.join(" ");
  if (title !== undefined && title !== null && typeof title === "object" && "text" in title) {
    const text = title.text;
    if (typeof text === "string") return text;
    if (Array.isArray(text)) return text.join(" ");
  }
  return "untitled";
}

/**
 * Shows a chart in a tslab notebook cell, as one output with the live vega-lite chart and an
 * image fallback (see {@link chartBundle}), so the chart is drawn in JupyterLab and VS Code and
 * still visible in a notebook executed by nbconvert, exported to HTML or viewed on GitHub.
 *
 * Await it (`await display(spec)`): the SVG is rendered asynchronously, and a cell that ends
 * before the output is sent shows nothing. Throws outside a tslab kernel (in a script or a
 * test), saying to use {@link renderSvg} or {@link chartBundle} there instead.
 *
 * @example
 * // In a tslab notebook cell:
 * import { display, rateByValueChart } from "leadlab";
 * await display(rateByValueChart([{ label: "a", n: 10, rate: 0.5, lo: 0.24, hi: 0.76 }], { title: "Win rate" }));
 */
export async function display(spec: TopLevelSpec): Promise<void> {
  if (kernelOutput() === undefined) {
    throw new Error(
      "display() shows a chart in a tslab notebook and no tslab kernel is running here; " +
        "outside a notebook use renderSvg(spec) for an SVG string or chartBundle(spec) for the MIME bundle.",
    );
  }
  const bundle = await chartBundle(spec);
  // Read again: the kernel points it at the cell that is running now.
  const write = kernelOutput();
  if (write === undefined) {
    throw new Error("display(): the tslab kernel stopped accepting output while the chart was rendered.");
  }
  write({ ...bundle });
}
