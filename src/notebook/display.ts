import type { TopLevelSpec } from "vega-lite";
import { renderSvg } from "../charts/render";
import { VEGA_LITE_MIME } from "../charts/theme";

/**
 * One chart as a Jupyter MIME bundle: the live vega-lite spec for front ends that draw it
 * (JupyterLab, VS Code), a static SVG for those that do not (GitHub, nbconvert's HTML), and
 * a line of text for terminals.
 */
export interface ChartBundle {
  "application/vnd.vegalite.v5+json": TopLevelSpec;
  "image/svg+xml": string;
  "text/plain": string;
}

/** The display message content tslab's kernel sends for a cell. */
interface DisplayData {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: Record<string, unknown>;
}

/** The part of tslab's kernel module that sends a display message to the running cell. */
interface TslabKernelModule {
  lastWriteDisplayData: ((data: DisplayData, update: boolean) => void) | null;
}

/**
 * Builds the MIME bundle of a chart: the spec under `application/vnd.vegalite.v5+json`, its
 * SVG rendering under `image/svg+xml` and a short description under `text/plain`. The input
 * is not changed. This is what {@link display} sends to the notebook; outside a notebook it
 * is the way to get the same bundle, e.g. to write it into a `.ipynb` or an HTML page.
 *
 * @example
 * import { chartBundle, rateByValueChart } from "leadlab";
 * const bundle = await chartBundle(rateByValueChart([{ label: "a", n: 10, rate: 0.5, lo: 0.24, hi: 0.76 }], { title: "Win rate" }));
 * bundle["text/plain"]; // => "Chart: Win rate"
 * bundle["image/svg+xml"].startsWith("<svg"); // => true
 */
export async function chartBundle(spec: TopLevelSpec): Promise<ChartBundle> {
  const copy = structuredClone(spec);
  const svg = await renderSvg(copy);
  return {
    [VEGA_LITE_MIME]: copy,
    "image/svg+xml": svg,
    "text/plain": `Chart: ${chartTitle(copy)}`,
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
 * Loads the module of the tslab kernel this code runs in, or returns undefined when tslab is
 * not installed. tslab starts the copy installed beside the notebook, which is the copy
 * `require` finds from here when the library is installed in the same project.
 */
function tslabKernel(): TslabKernelModule | undefined {
  try {
    return require("tslab/dist/jupyter") as TslabKernelModule;
  } catch {
    return undefined;
  }
}

/**
 * Shows a chart in a tslab notebook cell, as one output with the live vega-lite chart and an
 * SVG fallback (see {@link chartBundle}), so the chart is drawn in JupyterLab and VS Code and
 * still visible in a notebook executed by nbconvert or viewed on GitHub.
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
  const kernel = tslabKernel();
  if (kernel?.lastWriteDisplayData == null) {
    throw new Error(
      "display() shows a chart in a tslab notebook and no tslab kernel is running here; " +
        "outside a notebook use renderSvg(spec) for an SVG string or chartBundle(spec) for the MIME bundle.",
    );
  }
  const bundle = await chartBundle(spec);
  // Read again: the kernel points it at the cell that is running now.
  const write = kernel.lastWriteDisplayData;
  if (write == null) {
    throw new Error("display(): the tslab kernel stopped accepting output while the chart was rendered.");
  }
  write({ data: { ...bundle }, metadata: {}, transient: {} }, false);
}
