/*
 * Determinism on the real sample: every table of data/sample with its rows in a seeded random
 * order (deals, accounts, products, renewals as CSV; the events Parquet file rewritten in
 * another order) gives byte-identical scoring.yaml and personas.yaml from `leadlab tune`, and the
 * same retention block in summary.json, as the committed run on the files as they are
 * (rules/sample: tests/run/quarterly-run.test.ts checks that the current code writes them).
 */
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { tuneCommand } from "../../src/cli/tune-command";
import { shuffleCsv } from "./fixtures/shuffle";
import { tempDir } from "../helpers/temp-dir";

const SAMPLE = join(__dirname, "../../data/sample");
const COMMITTED_RUN = join(__dirname, "../../rules/sample");

async function shuffledSample(): Promise<string> {
  const dir = tempDir("leadlab-shuffled-sample-");
  copyFileSync(join(SAMPLE, "dataset.yaml"), join(dir, "dataset.yaml"));
  ["deals.csv", "accounts.csv", "products.csv", "renewals.csv"].forEach((file, i) =>
    writeFileSync(join(dir, file), shuffleCsv(readFileSync(join(SAMPLE, file), "utf8"), 101 + i)),
  );
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run(
    `COPY (SELECT * FROM read_parquet('${join(SAMPLE, "events.parquet")}') ORDER BY hash(account_id, ts, event_type, minutes, 7)) TO '${join(dir, "events.parquet")}' (FORMAT parquet)`,
  );
  db.closeSync();
  return dir;
}

test("data/sample with every table's rows shuffled: byte-identical scoring.yaml and personas.yaml from tune", async () => {
  const shuffledDir = await shuffledSample();
  const original = COMMITTED_RUN;
  const reordered = tempDir("leadlab-tune-shuffled-");
  await tuneCommand([join(shuffledDir, "dataset.yaml"), "--out", reordered], () => {});
  // The shuffle changed the files (otherwise the test would prove nothing).
  assert.notEqual(readFileSync(join(shuffledDir, "deals.csv"), "utf8"), readFileSync(join(SAMPLE, "deals.csv"), "utf8"));
  for (const file of ["scoring.yaml", "personas.yaml"])
    assert.ok(readFileSync(join(original, file)).equals(readFileSync(join(reordered, file))), `${file} differs after shuffling the rows`);
  const retention = (dir: string) => JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")).retention;
  assert.deepEqual(retention(reordered), retention(original), "the retention block of summary.json differs after shuffling the rows");
});
