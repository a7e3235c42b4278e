import type { DriverAttribute } from "../drivers/drivers-result";
import type { BinSet } from "../stats/binning/bin";
import type { RateRow } from "./rate-by-value";

/**
 * The bins of a driver attribute (or any bin set) as rows for {@link rateByValueChart}: each
 * bin's label, deals, rate and Wilson interval, in the bins' order (numeric bins by their
 * edges, `missing` last). Bins without deals have no rate and are left out. The input is not
 * changed.
 *
 * @example
 * import { binRateRows, drivers, loadDataset, rateByValueChart } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const result = drivers(table);
 * const employees = result.attributes.find((a) => a.name === "employees")!;
 * const spec = rateByValueChart(binRateRows(employees), { title: "Win rate by employees", baseRate: result.baseRate });
 * binRateRows(employees)[0]; // => { label: "< 17", n: 361, rate: 0.3767…, lo: 0.3282…, hi: 0.4277… }
 */
export function binRateRows(attribute: DriverAttribute | BinSet): RateRow[] {
  if (attribute === null || typeof attribute !== "object") {
    throw new Error(`binRateRows requires a driver attribute or a bin set; got ${String(attribute)}.`);
  }
  const set: BinSet | undefined = "binSet" in attribute ? attribute.binSet : attribute;
  if (set === undefined || !Array.isArray(set.bins)) {
    throw new Error("binRateRows requires a driver attribute (from drivers(...).attributes) or a bin set with bins.");
  }
  return set.bins.filter((b) => b.n > 0).map((b) => ({ label: b.label, n: b.n, rate: b.rate, lo: b.lo, hi: b.hi }));
}
