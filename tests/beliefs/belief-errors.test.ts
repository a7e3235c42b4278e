import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBeliefs } from "../../src/beliefs/parse-beliefs";
import { testBeliefs } from "../../src/beliefs/test-beliefs";
import { DealTable } from "../../src/data/deal-table";
import type { Belief } from "../../src/formats/beliefs-schema";
import { plantedBeliefTable, meta } from "./belief-table";

const table = plantedBeliefTable(200, 1);
const run = (when: Belief["when"], predicts: Belief["predicts"] = "won") =>
  testBeliefs(table, { apiVersion: "leadlab/v1", kind: "Beliefs", beliefs: [{ name: "ok", when: "demo >= 1", predicts: "won", direction: "raises" }, { name: "vp-close", when, predicts, direction: "raises" }] }, { file: "team/beliefs.yaml" });

test("an unknown attribute names the file, the claim, the name and the nearest names", () => {
  assert.throws(() => run("senority in [VP]"), {
    message: 'team/beliefs.yaml: field "beliefs[1].when": claim "vp-close": unknown attribute "senority" (value "senority in [VP]"). Fix: did you mean "seniority"? the nearest attributes: "seniority", "noise", "demo".',
  });
});

test("an unknown attribute inside all/any names the nested field", () => {
  assert.throws(() => run({ any: ["demo >= 1", { all: ["champions = true"] }] }), (e: Error) => {
    assert.match(e.message, /^team\/beliefs\.yaml: field "beliefs\[1\]\.when\.any\[1\]\.all\[0\]": claim "vp-close": unknown attribute "champions"/);
    assert.match(e.message, /did you mean "champion"\?/);
    return true;
  });
});

test("an unknown value names the values nearest to it", () => {
  assert.throws(() => run("seniority in [VP, Directr]"), {
    message: 'team/beliefs.yaml: field "beliefs[1].when": claim "vp-close": "seniority" has no value "Directr" (value "seniority in [VP, Directr]"). Fix: did you mean "Director"? the nearest values of "seniority": "Director", "Manager", "VP".',
  });
  assert.throws(() => run("seniority in [vp]"), { message: /has no value "vp" .*Fix: write it as in the data: "VP"\./ });
  assert.throws(() => run("tools contains Hubspot"), { message: /"tools" has no value "Hubspot" .*write it as in the data: "HubSpot"/ });
});

test("an operator that does not fit the attribute's type, a bad number, an unreadable clause", () => {
  assert.throws(() => run("seniority >= 3"), { message: /claim "vp-close": ">=" does not apply to the categorical attribute "seniority".*Fix: list its values: `seniority in \[Director, Manager\]`/ });
  assert.throws(() => run("tools = Slack"), { message: /"=" does not apply to the multi attribute "tools".*Fix: test one item: `tools contains HubSpot`/ });
  assert.throws(() => run("demo >= lots"), { message: /"lots" is not a number, but "demo" is numeric/ });
  assert.throws(() => run("noise between 900 and 100"), { message: /the range 900 to 100 is empty.*`noise between 100 and 900`/ });
  assert.throws(() => run("demo is big"), { message: /cannot read the condition "demo is big".*Fix: write `name >= 1`/ });
});

test("a retention claim on a dataset without retention is an error naming the claim", () => {
  const t = new DealTable({ name: "t", ids: ["a", "b"], won: Uint8Array.from([1, 0]), attributes: [meta("x", "numeric")], columns: { x: Float64Array.from([1, 2]) }, holdout: { by: "random", fraction: 0.5, seed: 1 } });
  assert.throws(() => testBeliefs(t, { apiVersion: "leadlab/v1", kind: "Beliefs", beliefs: [{ name: "stay", when: "x >= 1", predicts: "retained", direction: "raises" }] }, { file: "b.yaml" }), {
    message: 'b.yaml: claim "stay" predicts retention, but the dataset has no `retention:` table; add one to dataset.yaml or predict "won"',
  });
});

test("the file's shape: a missing field, a wrong value, an unknown field, a duplicate name, the wrong kind", () => {
  const head = "apiVersion: leadlab/v1\nkind: Beliefs\nbeliefs:\n";
  assert.throws(() => parseBeliefs(`${head}  - { name: a, when: x >= 1, predicts: won }\n`, "b.yaml"), {
    message: 'b.yaml: field "beliefs.0.direction": a required field is missing. Fix: add "direction" (see rules/schema/beliefs.schema.json).',
  });
  assert.throws(() => parseBeliefs(`${head}  - { name: a, when: x >= 1, predicts: wins, direction: raises }\n`, "b.yaml"), {
    message: /^b\.yaml: field "beliefs\.0\.predicts": invalid value: .* \(value "wins"\)\. Fix: use one of: won, retained\.$/,
  });
  assert.throws(() => parseBeliefs(`${head}  - { name: a, when: x >= 1, predict: won, direction: raises }\n`, "b.yaml"), {
    message: /b\.yaml: field "beliefs\.0\.predict": unknown field "predict"\. Fix: did you mean "predicts"\?/,
  });
  assert.throws(() => parseBeliefs(`${head}  - { name: a, when: x >= 1, predicts: won, direction: raises }\n  - { name: a, when: x >= 2, predicts: won, direction: raises }\n`, "b.yaml"), {
    message: 'b.yaml: field "beliefs[1].name": claims 0 and 1 share the name "a" (value "a"). Fix: give each claim its own name.',
  });
  assert.throws(() => parseBeliefs("apiVersion: leadlab/v1\nkind: Personas\nbeliefs: []\n", "b.yaml"), { message: /b\.yaml: field "kind": this is not a beliefs file \(value "Personas"\)/ });
});

test("an attribute named with spaces (a CRM column) is read as written, or in double quotes or backticks; an unknown one still names the nearest", () => {
  // the planted table with its attributes renamed as a CRM would export them
  const rename: Record<string, string> = { demo: "Demo Requests", seniority: "Contact Seniority", noise: "Demo Requests Noise" };
  const crm = new DealTable({
    ...table,
    attributes: table.attributes.map((a) => ({ ...a, name: rename[a.name] ?? a.name })),
    columns: Object.fromEntries(Object.entries(table.columns).map(([k, v]) => [rename[k] ?? k, v])),
  });
  const tested = (t: DealTable, when: Belief["when"]) =>
    testBeliefs(t, { apiVersion: "leadlab/v1", kind: "Beliefs", beliefs: [{ name: "claim", when, predicts: "won", direction: "raises" }] }, { file: "team/beliefs.yaml" }).beliefs[0];
  // each reads the renamed attribute: the same rates as the original name on the original table
  const same = (when: string, original: string) => assert.deepEqual([tested(crm, when).with, tested(crm, when).without], [tested(table, original).with, tested(table, original).without], when);
  for (const when of ["Demo Requests >= 1", '"Demo Requests" >= 1', "`Demo Requests`>=1", "Demo Requests>=1"]) same(when, "demo >= 1");
  same("Contact Seniority in [VP, Director]", "seniority in [VP, Director]");
  same("Demo Requests Noise between 100 and 900", "noise between 100 and 900");
  assert.throws(() => tested(crm, '"Demo Request" >= 1'), { message: /unknown attribute "Demo Request" \(value "\\"Demo Request\\" >= 1"\)\. Fix: did you mean "Demo Requests"\?/ });
});
