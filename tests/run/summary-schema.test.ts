import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import Ajv from "ajv";
import { parseBeliefs } from "../../src/beliefs/parse-beliefs";
import { quarterlyRun } from "../../src/run/quarterly-run";
import { plantedBeliefTable } from "../beliefs/belief-table";
import { parseRunSummary, SUMMARY_SCHEMA_PATH, summarySchemaText } from "../../src/formats/summary-schema";
import { sampleRun } from "../helpers/sample-fixture";

const committed = () => readFileSync("rules/sample/summary.json", "utf8");

test("the committed JSON Schema of summary.json is the one generated from the format's definition", () => {
  assert.equal(readFileSync(SUMMARY_SCHEMA_PATH, "utf8"), summarySchemaText(), "run `npm run schema`");
});

test("the sample's summary.json, committed and as the run writes it, is valid for the parser and for ajv with the committed schema", async () => {
  const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(SUMMARY_SCHEMA_PATH, "utf8")));
  const written = (await (await sampleRun()).files())["summary.json"];
  for (const [what, text] of [["committed", committed()], ["written", written]]) {
    assert.equal(validate(JSON.parse(text)), true, `${what}: ${JSON.stringify(validate.errors)}`);
    const summary = parseRunSummary(text);
    assert.equal(summary.retention.available, true, what);
  }
  const broken = JSON.parse(committed());
  broken.retention.contrast.winsButChurns[0].retention.n = -3;
  assert.equal(validate(broken), false);
});

test("a broken summary.json is refused naming the file, the field, the value and the fix", () => {
  const wrongType = JSON.parse(committed());
  wrongType.retention.drivers[0].q = "tiny";
  assert.throws(() => parseRunSummary(JSON.stringify(wrongType)), {
    message: 'summary.json: column "retention.drivers.0.q": invalid value: expected number (value "tiny"). Fix: expected number.',
  });
  const incomplete = JSON.parse(committed());
  incomplete.retention = { available: false };
  assert.throws(() => parseRunSummary(JSON.stringify(incomplete), "rules/sample/summary.json"), {
    message: 'rules/sample/summary.json: column "retention.reason": a required field is missing. Fix: add "reason" (see rules/schema/summary.schema.json).',
  });
  const typo = JSON.parse(committed());
  typo.retention.verdikt = typo.retention.verdict;
  assert.throws(() => parseRunSummary(JSON.stringify(typo)), { message: /^summary\.json: column "retention\.verdikt": unknown field "verdikt"\. Fix: did you mean "verdict"\?/ });
  assert.throws(() => parseRunSummary("{ nope"), { message: /^summary\.json: not JSON \(.+\)\. Fix: write it again with leadlab tune\.$/ });
});

test("a run with every optional block (diff, beliefs, deal value) and retention in the flag form writes a valid summary.json", async () => {
  const table = plantedBeliefTable(1200, 2);
  const previous = (await quarterlyRun(table)).scorecard.rules;
  const document = parseBeliefs("apiVersion: leadlab/v1\nkind: Beliefs\nbeliefs:\n  - { name: champion, when: champion = true, predicts: retained, direction: raises }\n", "team.yaml");
  const run = await quarterlyRun(table, { previous, beliefs: { document, file: "team.yaml" }, value: true });
  const summary = parseRunSummary((await run.files())["summary.json"]);
  assert.deepEqual(Object.keys(summary).filter((k) => ["diff", "retention", "beliefs", "value"].includes(k)), ["diff", "retention", "beliefs", "value"]);
  assert.equal(summary.diff?.removed.length, 0, "the same table tuned twice keeps its attributes");
  if (!summary.retention.available) assert.fail("the table has retention flags");
  assert.equal(summary.retention.event, "retained");
  assert.equal(summary.retention.horizonDays, undefined, "no horizon in the flag form");
  assert.deepEqual(summary.retention.curves, [], "no survival curves in the flag form");
  assert.ok(summary.retention.drivers.some((d) => d.name === "champion"), "the planted retention driver");
});
