import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { writeFilesTogether } from "../../src/cli/write-files-together";
import { parsePersonas } from "../../src/personas/personas-yaml";
import { parseScoringRules } from "../../src/scoring/parse-scoring-rules";
import { quarterlyRun, RUN_FILES } from "../../src/run/quarterly-run";
import { tempDir } from "../helpers/temp-dir";
import { sampleRun, sampleTable } from "../helpers/sample-fixture";

test("quarterlyRun from the library gives the committed run files byte for byte, and its rules parse back with no extra arguments", async () => {
  // The run as `npm start` makes it (the sample's beliefs given), shared with the tests that read it.
  const table = await sampleTable();
  const run = await sampleRun();
  const files = await run.files();
  assert.deepEqual(Object.keys(files), [...RUN_FILES]);
  assert.equal(files["scoring.yaml"], readFileSync("rules/sample/scoring.yaml", "utf8"), "regenerate with `npm start`");
  assert.equal(files["personas.yaml"], readFileSync("rules/sample/personas.yaml", "utf8"));
  const rules = parseScoringRules(files["scoring.yaml"]);
  const personas = parsePersonas(files["personas.yaml"]);
  // one provenance, one holdout: the two files and the summary agree
  assert.deepEqual(rules.metadata.dateRange, personas.metadata.dateRange);
  assert.equal(rules.metadata.dataFingerprint, personas.metadata.dataFingerprint);
  assert.deepEqual(rules.metadata.dateRange, { from: table.provenance.dateRange!.from, to: table.provenance.dateRange!.to, column: "closed_at" });
  assert.deepEqual(rules.metadata.holdout, { ...table.split.rule });
  assert.equal(rules.metadata.holdout.train + rules.metadata.holdout.test, table.n);
  assert.deepEqual(rules.inputs, { id: "deal_id", scoringPoint: "created_date", missing: ["", "NA", "N/A", "null", "NULL", "#N/A"], events: { key: "account_id", leadKey: "account_id", time: "ts", type: "event_type", value: "minutes" } });
});

test("a wrong tuning option is refused before the dataset is read", async () => {
  await assert.rejects(quarterlyRun("no/such/dataset.yaml", { capacity: 2 }), /capacity must be a share/);
});

test("writeFilesTogether into a path that is a file says so and writes nothing", () => {
  const dir = tempDir("leadlab-run-");
  writeFileSync(join(dir, "out"), "a file\n");
  assert.throws(() => writeFilesTogether(join(dir, "out"), { "a.txt": "new a\n" }), { message: `--out ${join(dir, "out")} is a file; pass a folder (created if missing)` });
  assert.deepEqual(readdirSync(dir), ["out"]);
});

test("writeFilesTogether replaces every file of a run and leaves no temporary file", () => {
  const dir = tempDir("leadlab-run-");
  writeFileSync(join(dir, "a.txt"), "old a\n");
  writeFileSync(join(dir, "keep.txt"), "not ours\n");
  assert.deepEqual(writeFilesTogether(dir, { "a.txt": "new a\n", "b.txt": "new b\n" }), ["a.txt", "b.txt"]);
  assert.deepEqual(readdirSync(dir).sort(), ["a.txt", "b.txt", "keep.txt"]);
  assert.equal(readFileSync(join(dir, "a.txt"), "utf8"), "new a\n");
});

test("writeFilesTogether refuses a second run into a folder another live process is writing, and takes over a lock whose process has ended", async () => {
  const dir = tempDir("leadlab-run-");
  const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
  try {
    writeFileSync(join(dir, ".leadlab.lock"), String(sleeper.pid));
    assert.throws(() => writeFilesTogether(dir, { "a.txt": "x" }), new RegExp(`is being written by another leadlab run \\(process ${sleeper.pid}\\)`));
    assert.equal(existsSync(join(dir, "a.txt")), false, "nothing written while refused");
  } finally {
    sleeper.kill();
  }
  await new Promise((resolve) => sleeper.once("exit", resolve));
  assert.deepEqual(writeFilesTogether(dir, { "a.txt": "x" }), ["a.txt"]);
  assert.equal(existsSync(join(dir, ".leadlab.lock")), false);
});
