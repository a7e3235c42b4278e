import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { readBeliefs } from "../../src/beliefs/parse-beliefs";
import { main } from "../../src/cli/main";
import { readPersonaNames } from "../../src/personas/persona-names-file";
import { readPersonas } from "../../src/personas/personas-yaml";
import { readScoringRules } from "../../src/scoring/parse-scoring-rules";
import { readDatasetSpec } from "../../src/data/parse-dataset-spec";
import { scoreFile } from "../../src/scoring/score-file";
import { tempDir } from "../helpers/temp-dir";

/*
 * A folder given where a file is expected (the commonest slip: `leadlab tune data/sample`) is one
 * line naming the folder and, when it holds the file of the usual name, that file.
 */

const empty = tempDir("leadlab-folder-");

test("a folder for the dataset spec names the dataset.yaml inside it, or says what to pass", () => {
  assert.throws(() => readDatasetSpec("data/sample"), { message: "data/sample: the dataset spec is a folder, not a file. Fix: pass data/sample/dataset.yaml." });
  assert.throws(() => readDatasetSpec(empty), { message: `${empty}: the dataset spec is a folder, not a file. Fix: pass the path of a dataset.yaml (see the README).` });
});

test("a folder for the scoring rules, the personas or their names names the file inside it", () => {
  assert.throws(() => readScoringRules("rules/sample"), { message: "rules/sample: the scoring rules file is a folder, not a file. Fix: pass rules/sample/scoring.yaml." });
  assert.throws(() => readPersonas("rules/sample"), { message: "rules/sample: the personas file is a folder, not a file. Fix: pass rules/sample/personas.yaml." });
  assert.throws(() => readPersonaNames("tests/personas/fixtures"), { message: "tests/personas/fixtures: the persona names file is a folder, not a file. Fix: pass tests/personas/fixtures/personas.names.yaml." });
  assert.throws(() => readPersonaNames(empty), { message: `${empty}: the persona names file is a folder, not a file. Fix: pass the path of a personas.names.yaml.` });
});

test("a folder for the team's beliefs names the beliefs.yaml inside it", () => {
  assert.throws(() => readBeliefs("data/sample"), { message: "data/sample: the beliefs file is a folder, not a file. Fix: pass data/sample/beliefs.yaml." });
});

test("a folder for the leads to score says what to pass", async () => {
  await assert.rejects(scoreFile("rules/sample/scoring.yaml", "data/sample", () => {}), {
    message: "data/sample: the leads file is a folder, not a file. Fix: pass the path of a CSV, Parquet or NDJSON file of leads.",
  });
});

test("leadlab tune on a folder exits 1 with that one line, not an unexpected EISDIR", async () => {
  const stderr: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    assert.equal(await main(["tune", "data/sample", "--out", join(empty, "out")]), 1);
  } finally {
    process.stderr.write = write;
  }
  assert.equal(stderr.join(""), "leadlab: data/sample: the dataset spec is a folder, not a file. Fix: pass data/sample/dataset.yaml.\n");
});
