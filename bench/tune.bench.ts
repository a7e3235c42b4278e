/**
 * Drivers and tune on a large generated dataset (default the 100,000-deal Parquet one made by
 * bench/load.bench.ts). Usage: npx tsx bench/tune.bench.ts [dataset.yaml]
 */
import { loadDataset } from "../src/data/load-dataset";
import { drivers } from "../src/drivers/drivers";
import { tuneScorecard } from "../src/scoring/tune-scorecard";
import { peakMemoryMB } from "./peak-memory";

async function run(): Promise<void> {
  const spec = process.argv[2] ?? "bench/out/100000-10000000-parquet/dataset.yaml";
  let t0 = performance.now();
  const { table } = await loadDataset(spec);
  const load = (performance.now() - t0) / 1000;
  const tested = table.attributes.filter((a) => a.role !== "exclude").length;
  t0 = performance.now();
  const d = drivers(table);
  const driversSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const card = tuneScorecard(table);
  const tuneSeconds = (performance.now() - t0) / 1000;
  console.log(`${spec}: ${table.n} closed deals × ${tested} attributes (load ${load.toFixed(1)} s)`);
  console.log(`drivers: ${driversSeconds.toFixed(1)} s — ${d.verdict}`);
  console.log(`tune (drivers on the training part, selection, fit, validation): ${tuneSeconds.toFixed(1)} s — ${card.verdict}`);
  console.log(`load + tune: ${(load + tuneSeconds).toFixed(1)} s; peak memory ${peakMemoryMB().toFixed(0)} MB`);
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
