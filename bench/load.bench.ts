/**
 * Load + as-of event features on 100,000 deals and 10 million events, from CSV and from
 * Parquet events. Each format runs in a fresh process so peak memory is its own.
 * Usage: npm run bench [-- --deals N --events N]
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadDataset } from "../src/data/load-dataset";
import { peakMemoryMB } from "./peak-memory";

async function measure(spec: string): Promise<void> {
  const t0 = performance.now();
  const { table, report } = await loadDataset(spec);
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `${spec}: ${report.deals.read} deals, ${report.events?.read ?? 0} events, ${table.attributes.length} attributes: ` +
      `${seconds.toFixed(2)} s, peak ${peakMemoryMB().toFixed(0)} MB`,
  );
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--measure") return measure(args[1]);
  const get = (flag: string, dflt: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : dflt);
  const deals = get("--deals", "100000");
  const events = get("--events", "10000000");
  for (const format of ["csv", "parquet"]) {
    const dir = join("bench", "out", `${deals}-${events}-${format}`);
    if (!existsSync(join(dir, "dataset.yaml"))) {
      console.error(`generating ${dir} …`);
      execFileSync("npx", ["tsx", "src/cli/main.ts", "sample", "--out", dir, "--deals", deals, "--events", events, "--events-format", format], { stdio: "inherit" });
    }
    execFileSync("npx", ["tsx", "bench/load.bench.ts", "--measure", join(dir, "dataset.yaml")], { stdio: "inherit" });
  }
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
