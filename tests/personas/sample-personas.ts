import { readFileSync } from "node:fs";
import path from "node:path";
import type { DealTable } from "../../src/data/deal-table";
import { loadDataset } from "../../src/data/load-dataset";

/** The repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");

/** The sample's dataset.yaml. */
export const SAMPLE_SPEC = path.join(ROOT, "data", "sample", "dataset.yaml");

let loaded: Promise<DealTable> | undefined;

/** The sample table, loaded once per test file. */
export function sampleTable(): Promise<DealTable> {
  loaded ??= loadDataset(SAMPLE_SPEC).then((d) => d.table);
  return loaded;
}

/** The planted archetype of every sample deal (truth.csv: deal_id → archetype). */
export function sampleArchetypes(): Map<string, string> {
  const lines = readFileSync(path.join(ROOT, "data", "sample", "truth.csv"), "utf8").trim().split("\n");
  const header = lines[0].split(",");
  const id = header.indexOf("deal_id");
  const archetype = header.indexOf("archetype");
  return new Map(lines.slice(1).map((l) => l.split(",")).map((p) => [p[id], p[archetype]]));
}
