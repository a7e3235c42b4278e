/**
 * The committed sample (data/sample, seed 42), loaded, tuned and clustered at most once per
 * process and shared by every test file and JSDoc example that reads it (tests/helpers/shared-calls.ts).
 * `npm test` runs the files in two processes (tests/part-1.ts, tests/part-2.ts), so the suite pays
 * for each of these twice, not once per file; a file run alone builds what it uses.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { readBeliefs } from "../../src/beliefs/parse-beliefs";
import type { DealTable } from "../../src/data/deal-table";
import { loadDataset, type LoadedDataset } from "../../src/data/load-dataset";
import type { QuarterlyRun } from "../../src/run/quarterly-run";
import type { PersonasResult } from "../../src/personas/personas-result";
import type { Scorecard } from "../../src/scoring/scorecard";
import { shared, sharingModule } from "./shared-calls";

/** The repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");

/** The sample's folder and its dataset.yaml. */
export const SAMPLE_DIR = path.join(ROOT, "data", "sample");
export const SAMPLE_SPEC = path.join(SAMPLE_DIR, "dataset.yaml");

/** The sample as `loadDataset` returns it: table, resolved spec and load report. */
export function sampleDataset(): Promise<LoadedDataset> {
  return shared(loadDataset)(SAMPLE_SPEC);
}

/** The sample's deal table. */
export async function sampleTable(): Promise<DealTable> {
  return (await sampleDataset()).table;
}

/** The sample team's claims, as `npm start` passes them with `--beliefs`. */
export const SAMPLE_BELIEFS = path.join(SAMPLE_DIR, "beliefs.yaml");

/** The quarterly run on the sample with default options and the sample's beliefs, as `npm start` writes rules/sample/. */
export async function sampleRun(): Promise<QuarterlyRun> {
  const { quarterlyRun } = sharingModule(path.join(ROOT, "src", "run", "quarterly-run.ts")) as typeof import("../../src/run/quarterly-run");
  return quarterlyRun(await sampleTable(), { beliefs: { document: shared(readBeliefs)(SAMPLE_BELIEFS), file: "data/sample/beliefs.yaml" } });
}

/** The scorecard tuned on the sample with default options, as rules/sample/scoring.yaml holds it. */
export async function sampleScorecard(): Promise<Scorecard> {
  return (await sampleRun()).scorecard;
}

/** The sample's personas (drawn without the attributes the drivers set aside), as rules/sample/personas.yaml holds them. */
export async function samplePersonas(): Promise<PersonasResult> {
  const { personas } = await sampleRun();
  if ("unavailable" in personas) throw new Error(`the sample gave no personas: ${personas.unavailable}`);
  return personas;
}

/** What the generator planted for each deal (truth.csv): its true win probability and archetype. */
export interface PlantedDeal {
  pWin: number;
  archetype: string;
}

let truth: Map<string, PlantedDeal> | undefined;

/** truth.csv by deal id. */
export function sampleTruth(): Map<string, PlantedDeal> {
  return (truth ??= readTruth());
}

function readTruth(): Map<string, PlantedDeal> {
  const [header, ...rows] = readFileSync(path.join(SAMPLE_DIR, "truth.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
  const [id, pWin, archetype] = ["deal_id", "p_win", "archetype"].map((c) => header.indexOf(c));
  return new Map(rows.map((r) => [r[id], { pWin: Number(r[pWin]), archetype: r[archetype] }]));
}
