/**
 * Personas on about 20,000 customers: the seeded sample at 100,000 deals (37,500 accounts, of
 * which about 19,800 become customers), generated once into bench/out/. Times `personas()` alone
 * (the load is reported apart), for every won customer and for the retained ones, and reports
 * the adjusted Rand index against the planted archetypes. The promise: ≤ 20 s.
 * Usage: npx tsx bench/personas.bench.ts [--deals N] [--events N]
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadDataset } from "../src/data/load-dataset";
import { writeSample } from "../src/sample/write-sample";
import { adjustedRandIndex } from "../src/cluster/adjusted-rand";
import { personas } from "../src/personas/personas";
import type { PersonasResult } from "../src/personas/personas-result";
import { peakMemoryMB } from "./peak-memory";

const LIMIT_SECONDS = 20;

function archetypeAri(result: PersonasResult, ids: readonly string[], truth: Map<string, string>): string {
  const all: [string, number][] = Array.from(result.customerRows, (row, i) => [truth.get(ids[row])!, result.labels[i]]);
  const planted = all.filter(([a]) => a !== "none");
  const ari = (pairs: [string, number][]) => adjustedRandIndex(pairs.map((p) => p[0]), pairs.map((p) => p[1])).toFixed(3);
  return `ARI ${ari(planted)} among archetype customers, ${ari(all)} overall`;
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const get = (flag: string, fallback: number) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : fallback);
  const deals = get("--deals", 100_000);
  const events = get("--events", 3_000_000);
  const dir = join("bench", "out", `personas-${deals}-${events}`);
  if (!existsSync(join(dir, "dataset.yaml"))) {
    console.error(`generating ${dir} …`);
    await writeSample(dir, { deals, events, onProgress: (m) => console.error(`  ${m}`) });
  }
  const t0 = performance.now();
  const { table } = await loadDataset(join(dir, "dataset.yaml"));
  console.log(`load: ${table.n.toLocaleString("en-US")} closed deals, ${table.attributes.length} attributes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const truthLines = readFileSync(join(dir, "truth.csv"), "utf8").trim().split("\n").slice(1);
  const truth = new Map(truthLines.map((l) => l.split(",")).map((p) => [p[0], p[2]]));
  let failed = false;
  for (const customers of ["won", "retained"] as const) {
    const t = performance.now();
    const result = personas(table, { customers });
    const seconds = (performance.now() - t) / 1000;
    const ok = seconds <= LIMIT_SECONDS;
    failed ||= !ok;
    console.log(
      `personas (${customers}): ${result.counts.clustered.toLocaleString("en-US")} customers, k = ${result.k}, ` +
        `${seconds.toFixed(1)} s ${ok ? "≤" : ">"} ${LIMIT_SECONDS} s; ${archetypeAri(result, table.ids, truth)}; ` +
        `silhouette ${result.silhouette.toFixed(3)}, stability ${result.stability.toFixed(3)}; peak ${peakMemoryMB().toFixed(0)} MB`,
    );
    for (const p of result.personas) console.log(`  ${p.name}: ${p.size} customers, win ${(100 * p.winRate.value).toFixed(0)}%`);
  }
  if (failed) process.exitCode = 1;
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
