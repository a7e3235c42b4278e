import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DealTable } from "../data/deal-table";
import { loadDataset } from "../data/load-dataset";
import { SAMPLE_GROUND_TRUTH } from "./ground-truth";
import { writeSample } from "./write-sample";
import { shuffledIndices } from "../stats/shuffled-indices";
import { drivers } from "../drivers/drivers";
import type { DriversResult } from "../drivers/drivers-result";

/** One seed's comparison of the drivers of winning with the sample's ground truth. */
export interface SeedAudit {
  seed: number;
  /** Planted win effects found significant, of those planted. */
  found: string[];
  missed: string[];
  /** Attributes with no effect found significant (false discoveries), of those with none. */
  falseDiscoveries: string[];
  noEffect: number;
  leakFlagged: boolean;
  /** Events at or after every scoring point of their key: never used by a feature. */
  eventsCut: number;
}

/** The audit over several seeds and shuffled outcomes. */
export interface DiscoveryAudit {
  seeds: SeedAudit[];
  /** Mean share of planted effects found. */
  recall: number;
  /** Mean share of no-effect attributes found significant. */
  falseDiscoveryShare: number;
  leakFlaggedEvery: boolean;
  /** Shuffled-outcome runs, and how many had no significant driver. */
  shuffles: number;
  shufflesClean: number;
}

/** Ground-truth names as they appear in drivers: events by type, multi items as `attr=value`. */
function truthSets() {
  const planted: string[] = [];
  const none: string[] = [];
  for (const a of SAMPLE_GROUND_TRUTH.attributes) {
    if (a.attribute === SAMPLE_GROUND_TRUTH.leakingColumn) continue;
    if (a.levels && a.table !== "deals" && a.effectOnWin === "differs" && a.attribute === "tech_stack") {
      for (const l of a.levels) (l.effectOnWin !== "none" ? planted : l.effectOnRetention === "none" ? none : []).push(`${a.attribute}=${l.level}`);
      continue;
    }
    if (a.effectOnWin !== "none") planted.push(a.attribute);
    else if (a.independent) none.push(a.attribute);
  }
  return { planted, none };
}

const EVENT_TYPES = new Set(SAMPLE_GROUND_TRUTH.attributes.filter((a) => a.table === "events").map((a) => a.attribute));

/** Whether a ground-truth name is significant: an attribute, an indicator, or any feature of an event type. */
function isFound(result: DriversResult, name: string): boolean {
  return result.attributes.some((a) => a.significant && (EVENT_TYPES.has(name) ? a.feature?.eventType === name : a.name === name));
}

/**
 * Generates the sample with several seeds, runs the drivers of winning on each and compares
 * them with the planted ground truth (recall of planted effects, false discoveries among
 * attributes with no effect, the leaking column flagged); then shuffles the outcome of the
 * first seed's table several times and counts the runs with no significant driver.
 *
 * @example
 * import { discoveryAudit } from "./discovery-audit";
 * const audit = await discoveryAudit({ seeds: [1], deals: 2000, events: 20000, shuffles: 2 });
 * audit.leakFlaggedEvery; // => true
 */
export async function discoveryAudit(options: { seeds: number[]; deals?: number; events?: number; shuffles?: number; onProgress?: (m: string) => void }): Promise<DiscoveryAudit> {
  const { planted, none } = truthSets();
  const seeds: SeedAudit[] = [];
  let first: DealTable | undefined;
  for (const seed of options.seeds) {
    const dir = mkdtempSync(join(tmpdir(), "leadlab-audit-"));
    try {
      await writeSample(dir, { seed, deals: options.deals, events: options.events });
      const { table, report } = await loadDataset(join(dir, "dataset.yaml"));
      first ??= table;
      const result = drivers(table);
      const found = planted.filter((p) => isFound(result, p));
      const leak = result.attributes.find((a) => a.attribute === SAMPLE_GROUND_TRUTH.leakingColumn);
      seeds.push({
        seed,
        found,
        missed: planted.filter((p) => !found.includes(p)),
        falseDiscoveries: none.filter((p) => isFound(result, p)),
        noEffect: none.length,
        leakFlagged: !!leak?.leakage,
        eventsCut: report.events?.afterEveryScoringPoint ?? 0,
      });
      options.onProgress?.(`seed ${seed}: found ${found.length}/${planted.length}, false discoveries ${seeds.at(-1)!.falseDiscoveries.length}/${none.length}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const shuffles = options.shuffles ?? 20;
  let clean = 0;
  for (let s = 0; s < shuffles && first; s++) {
    const order = shuffledIndices(first.n, 1000 + s);
    const shuffled = new DealTable({ ...first, won: Uint8Array.from(order, (i) => first!.won[i]) });
    const significant = drivers(shuffled).attributes.filter((a) => a.q < 0.05).length;
    if (significant === 0) clean++;
    options.onProgress?.(`shuffle ${s + 1}: ${significant} significant`);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  return {
    seeds,
    recall: mean(seeds.map((s) => s.found.length / (s.found.length + s.missed.length))),
    falseDiscoveryShare: mean(seeds.map((s) => s.falseDiscoveries.length / s.noEffect)),
    leakFlaggedEvery: seeds.every((s) => s.leakFlagged),
    shuffles,
    shufflesClean: clean,
  };
}
