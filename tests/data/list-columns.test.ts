import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { loadDataset } from "../../src/data/load-dataset";
import { tempDataset } from "../helpers/temp-dataset";

const SPEC = "name: lists\ndeals:\n  file: deals.parquet\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n";

/** A folder with the spec (and `extra` after it) and a deals.parquet whose `tags` column is a list of the given items per deal. */
async function listDeals(tags: (string[] | null)[], extra = ""): Promise<string> {
  const dir = tempDataset({ "dataset.yaml": SPEC + extra });
  const list = (t: string[] | null) => (t === null ? "NULL::VARCHAR[]" : `[${t.map((x) => `'${x}'`).join(", ")}]::VARCHAR[]`);
  const rows = tags.map((t, i) => `SELECT 'D${i}' AS deal_id, '${i % 2 ? "Lost" : "Won"}' AS stage, ${list(t)} AS tags`);
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(`COPY (${rows.join(" UNION ALL ")} ORDER BY deal_id) TO '${join(dir, "deals.parquet")}' (FORMAT parquet)`);
  db.closeSync();
  return join(dir, "dataset.yaml");
}

test("a list column (Parquet VARCHAR[]) is a multi-valued attribute of its items; an empty or NULL list is missing", async () => {
  const { table } = await loadDataset(await listDeals([["HubSpot", "Salesforce"], ["AWS"], [], null, [" Salesforce "]]));
  const tags = table.attributes.find((a) => a.name === "tags")!;
  assert.deepEqual({ type: tags.type, separator: tags.separator }, { type: "multi", separator: ";" });
  assert.match(tags.reason!, /^multi: a list column \(VARCHAR\[\]\), read as its items;/);
  assert.deepEqual(table.columns.tags, [["HubSpot", "Salesforce"], ["AWS"], null, null, ["Salesforce"]]);
});

test("a list with an item holding the separator, or a list column given another separator, is refused with what to do", async () => {
  await assert.rejects(loadDataset(await listDeals([["AWS;GCP"], ["AWS"]])), {
    message: 'deals.parquet: column "tags": the column holds lists (VARCHAR[]) with an item that has ";" in it, which leadlab reads as the separator of a list\'s items (value "AWS;GCP"). Fix: export the column as text, its items joined by another separator, and declare it in dataset.yaml: attributes: { tags: { type: multi, separator: "|" } }.',
  });
  await assert.rejects(loadDataset(await listDeals([["AWS"], ["GCP"]], 'attributes:\n  tags: { type: multi, separator: "|" }\n')), {
    message: 'deals.parquet: column "tags": the column holds lists (VARCHAR[]), whose items need no separator, but attributes.tags.separator is "|". Fix: delete attributes.tags.separator from dataset.yaml.',
  });
});

test("a column of records (Parquet STRUCT, MAP, or a list of lists) is set aside, saying how to select a field of it; a list of decimals is a list", async () => {
  const dir = tempDataset({ "dataset.yaml": SPEC });
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(
    `COPY (SELECT 'D' || i AS deal_id, CASE WHEN i % 2 = 0 THEN 'Won' ELSE 'Lost' END AS stage, {'city': 'Paris', 'size': i} AS address, MAP {'plan': 'pro'} AS props, [[i, 1]] AS grid, [CAST(i AS DECIMAL(18,2))] AS prices FROM range(6) t(i)) TO '${join(dir, "deals.parquet")}' (FORMAT parquet)`,
  );
  db.closeSync();
  const { table } = await loadDataset(join(dir, "dataset.yaml"));
  const meta = (name: string) => table.attributes.find((a) => a.name === name)!;
  assert.equal(meta("address").role, "exclude");
  assert.equal(
    meta("address").reason,
    "a column of records (STRUCT(city VARCHAR, size BIGINT)), not one value per deal: set aside; to use a field of it, read the table with a sql: query that selects the field (SELECT *, address.<field> AS address_<field> FROM …)",
  );
  assert.deepEqual([meta("props").role, meta("grid").role], ["exclude", "exclude"]);
  assert.deepEqual([meta("prices").type, table.columns.prices[1]], ["multi", ["1.00"]]);
});
