/**
 * leadlab/notebook: what a notebook adds to the analysis in `leadlab`: charts shown in a tslab
 * cell, and tables to and from danfojs DataFrames. It needs the optional peer dependencies
 * danfojs-node (for DataFrames) and tslab (the notebook kernel), each loaded on first use.
 *
 * @example
 * import { dealTableToDataFrame } from "leadlab/notebook";
 * import { DealTable } from "leadlab";
 * const t = new DealTable({ name: "d", ids: ["a", "b"], won: Uint8Array.from([1, 0]), attributes: [], columns: {}, holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * dealTableToDataFrame(t).shape; // => [2, 2]
 */
export { display, chartBundle, type ChartBundle } from "./notebook/display";
export { dealTableToDataFrame, fromDataFrame } from "./notebook/data-frame";
