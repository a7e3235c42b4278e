/**
 * The test files of the suite and how `npm test` splits them between its two processes.
 *
 * Each process loads, tunes and clusters the sample once (tests/helpers/sample-fixture.ts), first,
 * and then runs its share of the files, each as a suite named for its path. Two processes use both
 * cores of a small machine; more would each pay for the sample again. The share is decided
 * by the files' measured durations (`SECONDS`), longest first, each to the lighter process
 * (longest-processing-time scheduling), so the two finish close together.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sampleRun } from "./sample-fixture";

const TESTS = path.resolve(__dirname, "..");

/**
 * Seconds per file from one `npm test` (each file's suite duration in the spec reporter's output,
 * the two processes sharing the cores, the sample's run built before), for the files over 2 s;
 * any other file counts 1 s. Only the split depends on these: a stale figure makes the halves
 * less even, never a test wrong.
 */
const SECONDS: Record<string, number> = {
  "doctest.test.ts": 45,
  "scoring/score-command.test.ts": 23,
  "hardening/bad-input-catalogue.test.ts": 21,
  "report/report-html.test.ts": 14,
  "hardening/shuffled-sample-tune.test.ts": 12,
  "scoring/tune-command.test.ts": 12,
  "hardening/values-catalogue.test.ts": 11,
  "scoring/matching.test.ts": 11,
  "personas/personas-command.test.ts": 10,
  "scoring/score-file.test.ts": 10,
  "scoring/expected-value.test.ts": 8,
  "sql/decayed-features.test.ts": 7,
  "scoring/scales.test.ts": 7,
  "init/draft-dataset-spec.test.ts": 6,
  "sql/training-features.test.ts": 6,
  "scoring/readable-bins.test.ts": 5,
  "scoring/export/warehouse-sql-parsers.test.ts": 5,
  "personas/personas.test.ts": 5,
  "scoring/sample-agreement.test.ts": 4,
  "charts/driver-charts.test.ts": 4,
  "run/summary-schema.test.ts": 3,
  "drivers/drivers.test.ts": 3,
  "data/sample.test.ts": 3,
  "cli/profile-command.test.ts": 3,
  "charts/frameworks-comparison-chart.test.ts": 3,
  "scoring/export/marketo-export.test.ts": 3,
  "beliefs/quarterly-beliefs.test.ts": 3,
  "frameworks/sample.test.ts": 3,
  "personas/personas-noise.test.ts": 3,
  "scoring/score-stability.test.ts": 2,
  "run/retention.test.ts": 2,
  "scoring/sql-agreement.test.ts": 2,
  "scoring/learn-decay.test.ts": 2,
  "package/entries.test.ts": 2,
  "data/file-content.test.ts": 2,
  "thread/side-worker.test.ts": 2,
  "scoring/export/sheet-export.test.ts": 2,
};

/**
 * The notebooks' test: run by `npm run test:notebooks` (and by CI), not by `npm test`. It needs
 * Jupyter and takes about two minutes on its own, more than a third of the rest together.
 */
export const NOTEBOOKS_TEST = "notebooks.test.ts";

/** Every `*.test.ts` under tests/ but {@link NOTEBOOKS_TEST}, as paths relative to it with "/" separators, sorted. */
export function testFiles(): string[] {
  return readdirSync(TESTS, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts") && f !== NOTEBOOKS_TEST)
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

/**
 * Part `index` (0-based) of `count` of `files`: longest first, each file to the part with the
 * least time so far (ties to the lower index); the part's files come back sorted. For example,
 * of a.test.ts (1 s), doctest.test.ts and scoring/score-command.test.ts, part 0 of 2 is the
 * doctest and part 1 the other two.
 */
export function partOf(files: readonly string[], index: number, count: number): string[] {
  const load = Array<number>(count).fill(0);
  const parts: string[][] = Array.from({ length: count }, () => []);
  const weight = (f: string) => SECONDS[f] ?? 1;
  for (const file of [...files].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1))) {
    const lightest = load.indexOf(Math.min(...load));
    load[lightest] += weight(file);
    parts[lightest].push(file);
  }
  return parts[index].sort();
}

/**
 * Runs `files` in this process, each as a suite named for its path, after a test that builds the
 * sample's quarterly run (both processes need it): the files' durations, which `SECONDS` records,
 * leave it out, rather than charging it to whichever file asks first.
 */
export function runFiles(files: readonly string[]): void {
  test("the sample's quarterly run, which the files share, builds", async () => {
    assert.ok((await sampleRun()).scorecard.rules.attributes.length > 0);
  });
  for (const file of files) {
    describe(file, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(TESTS, file));
    });
  }
}
