import assert from "node:assert/strict";
import { test } from "node:test";
import { DealTable, type Column } from "../../src/data/deal-table";
import { personas } from "../../src/personas/personas";
import { shuffledIndices } from "../../src/stats/shuffled-indices";
import { seededRandom } from "../../src/stats/random";
import { sampleTable } from "../helpers/sample-fixture";

/** The sample with every attribute column shuffled on its own: the same values, no structure between them. */
async function noiseTable(seed: number): Promise<DealTable> {
  const table = await sampleTable();
  const random = seededRandom(seed);
  const columns: Record<string, Column> = {};
  for (const a of table.attributes) {
    const c = table.columns[a.name];
    const order = shuffledIndices(table.n, Math.floor(random() * 2 ** 32));
    columns[a.name] = c instanceof Float64Array ? Float64Array.from(order, (i) => c[i]) : (Array.from(order, (i) => (c as unknown[])[i]) as Column);
  }
  return new DealTable({ ...table, columns });
}

test("on pure noise (each column shuffled) the personas are said to be weak, with the silhouette", async () => {
  const table = await noiseTable(3);
  const result = personas(table, { antiPersonas: false });
  // measured: no attribute is associated with another, every k's silhouette is far below 0.25
  assert.ok(result.silhouette < 0.25, `silhouette ${result.silhouette}`);
  for (const c of result.candidates) assert.ok(c.silhouette < 0.25, `k = ${c.k}: ${c.silhouette}`);
  assert.ok(result.warnings.some((w) => /^weak structure: mean silhouette 0\.\d+ at k = \d+ is below 0\.25/.test(w)), result.warnings.join("\n"));
  assert.ok(result.warnings.some((w) => /no attribute is associated with another/.test(w)), result.warnings.join("\n"));
  assert.match(result.verdict, /weak structure \(silhouette 0\.\d\d/);
  assert.ok(result.toYAML().includes("weak structure"));
  // every candidate weighs the same: there was nothing to weigh by
  assert.ok(result.attributes.every((a) => a.weight === 1), result.attributes.map((a) => `${a.name} ${a.weight}`).join(", "));
});

test("on pure noise no segment of deals is reported as an anti-persona", async () => {
  const table = await noiseTable(4);
  const result = personas(table, { kMax: 4, bootstraps: 4 });
  assert.ok(!result.antiPersonas.some((a) => a.source === "deals"), JSON.stringify(result.antiPersonas.map((a) => a.why)));
});
