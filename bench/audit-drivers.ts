/**
 * The discovery audit: the sample with 10 seeds, drivers of winning against the ground truth,
 * and 20 shuffled outcomes. Usage: npm run audit:drivers [-- --deals N]
 */
import { discoveryAudit } from "../src/sample/discovery-audit";

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const deals = args.includes("--deals") ? Number(args[args.indexOf("--deals") + 1]) : undefined;
  const audit = await discoveryAudit({ seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], deals, shuffles: 20, onProgress: (m) => console.error(m) });
  for (const s of audit.seeds)
    console.log(`seed ${String(s.seed).padStart(2)}: recall ${s.found.length}/${s.found.length + s.missed.length}${s.missed.length ? ` (missed ${s.missed.join(", ")})` : ""}; false discoveries ${s.falseDiscoveries.length}/${s.noEffect}${s.falseDiscoveries.length ? ` (${s.falseDiscoveries.join(", ")})` : ""}; leak flagged ${s.leakFlagged}; events never used (after every scoring point) ${s.eventsCut}`);
  console.log(`recall ${(100 * audit.recall).toFixed(1)} %, false discoveries ${(100 * audit.falseDiscoveryShare).toFixed(1)} % of no-effect attributes, leak flagged in every seed: ${audit.leakFlaggedEvery}`);
  console.log(`shuffled outcome: no significant driver in ${audit.shufflesClean} of ${audit.shuffles} shuffles`);
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
