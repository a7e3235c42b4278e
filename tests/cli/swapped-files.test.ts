import assert from "node:assert/strict";
import { test } from "node:test";
import { readBeliefs } from "../../src/beliefs/parse-beliefs";
import { readDatasetSpec } from "../../src/data/parse-dataset-spec";
import { readPersonaNames } from "../../src/personas/persona-names-file";
import { readPersonas } from "../../src/personas/personas-yaml";
import { readScoringRules } from "../../src/scoring/parse-scoring-rules";

/*
 * One of a run's files given for another (`leadlab score dataset.yaml …`, `leadlab tune
 * scoring.yaml`) is one line naming the file to pass, not a schema complaint about its first field.
 */

test("a dataset spec given for scoring rules, personas or beliefs names the file to pass", () => {
  const spec = "data/sample/dataset.yaml";
  assert.throws(() => readScoringRules(spec), { message: `${spec}: this is not a scoring rules file but a dataset spec. Fix: pass the scoring.yaml, not dataset.yaml.` });
  assert.throws(() => readPersonas(spec), { message: `${spec}: this is not a personas file but a dataset spec. Fix: pass the personas.yaml, not dataset.yaml.` });
  assert.throws(() => readBeliefs(spec), { message: `${spec}: this is not a beliefs file but a dataset spec. Fix: pass the beliefs.yaml, not dataset.yaml.` });
});

test("a run's file given for the dataset spec names the dataset.yaml", () => {
  assert.throws(() => readDatasetSpec("rules/sample/scoring.yaml"), {
    message: 'rules/sample/scoring.yaml: field "kind": this is not a dataset spec (value "ScoringRules"). Fix: pass the dataset.yaml, not scoring.yaml.',
  });
  assert.throws(() => readDatasetSpec("data/sample/beliefs.yaml"), {
    message: 'data/sample/beliefs.yaml: field "kind": this is not a dataset spec (value "Beliefs"). Fix: pass the dataset.yaml, not beliefs.yaml.',
  });
});

test("personas and their names given for each other say which is which", () => {
  assert.throws(() => readPersonaNames("rules/sample/personas.yaml"), {
    message: 'rules/sample/personas.yaml: field "kind": this is not a persona names file (value "Personas"). Fix: pass the personas.names.yaml, not personas.yaml.',
  });
  assert.throws(() => readPersonas("tests/personas/fixtures/personas.names.yaml"), {
    message: 'tests/personas/fixtures/personas.names.yaml: field "kind": this is not a personas file (value "PersonaNames"). Fix: pass personas.yaml; personas.names.yaml only renames personas.',
  });
});
