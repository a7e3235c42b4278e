/**
 * leadlab/notebook: what a notebook adds to the analysis in `leadlab`: charts and tables shown
 * in a tslab cell, and tables to and from danfojs DataFrames. It needs the optional peer
 * dependencies danfojs-node (for DataFrames) and tslab (the notebook kernel), each loaded on
 * first use. Imported in a running tslab kernel, it makes a DataFrame that is a cell's value
 * show as an HTML table ({@link showDataFramesAsTables}).
 *
 * @example
 * import { dealTableToDataFrame } from "leadlab/notebook";
 * import { DealTable } from "leadlab";
 * const t = new DealTable({ name: "d", ids: ["a", "b"], won: Uint8Array.from([1, 0]), attributes: [], columns: {}, holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * dealTableToDataFrame(t).shape; // => [2, 2]
 */
export { display, chartBundle, type ChartBundle } from "./notebook/display";
export { dealTableToDataFrame } from "./data/deal-table-frame";
export { fromDataFrame } from "./notebook/data-frame";
export { show, tableHtml, tableCellText, showDataFramesAsTables, type Showable } from "./notebook/show";

import { kernelOutput } from "./notebook/kernel-output";
import { showDataFramesAsTables } from "./notebook/show";

if (kernelOutput() !== undefined) showDataFramesAsTables();
