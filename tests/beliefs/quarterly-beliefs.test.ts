import assert from "node:assert/strict";
import { test } from "node:test";
import { quarterlyRun } from "../../src/run/quarterly-run";
import { parseBeliefs } from "../../src/beliefs/parse-beliefs";
import { plantedBeliefTable } from "./belief-table";

const BELIEFS = `apiVersion: leadlab/v1
kind: Beliefs
beliefs:
  - { name: demo, claim: "Demos & trials close", when: demo >= 1, predicts: won, direction: raises }
`;

test("the quarterly run adds the beliefs section when given claims, and the deal-value section unless told not to", async () => {
  const table = plantedBeliefTable(1200, 2);
  const document = parseBeliefs(BELIEFS, "team.yaml");
  const run = await quarterlyRun(table, { beliefs: { document, file: "team.yaml" }, value: true });
  const summary = run.summary() as { beliefs?: { beliefs: { name: string; verdict: string }[] }; value?: { attributes: { name: string; significant: boolean }[] } };
  assert.equal(summary.beliefs?.beliefs[0].verdict, "confirmed");
  assert.ok(summary.value?.attributes.find((a) => a.name === "demo")?.significant);
  const html = await run.reportHtml();
  assert.match(html, /The team&#39;s beliefs, checked|The team's beliefs, checked/);
  assert.match(html, /Demos &amp; trials close/);
  assert.match(html, /Deal value: what predicts the size of won deals/);
  // The table has amounts, so deal value is analysed by default; without claims there are no beliefs.
  const byDefault = await quarterlyRun(table);
  assert.equal("beliefs" in byDefault.summary(), false);
  assert.deepEqual(byDefault.summary().value, summary.value);
  assert.doesNotMatch(await byDefault.reportHtml(), /beliefs, checked/);
  const plain = await quarterlyRun(table, { value: false });
  assert.equal("value" in plain.summary(), false);
  assert.doesNotMatch(await plain.reportHtml(), /Deal value|beliefs, checked/);
  // A claim naming an unknown attribute fails before the scorecard is tuned.
  const bad = parseBeliefs(BELIEFS.replace("demo >= 1", "demos >= 1"), "team.yaml");
  await assert.rejects(quarterlyRun(table, { beliefs: { document: bad, file: "team.yaml" } }), /team\.yaml: field "beliefs\[0\]\.when": claim "demo": unknown attribute "demos"/);
});
