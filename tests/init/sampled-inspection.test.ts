/*
 * `leadlab init` on a long table (an event log of millions of rows) inspects a sample of its rows,
 * picked by the hash of each row's values, so that drafting takes seconds and a fraction of the
 * memory of reading it all. The draft says where its figures are estimates, and the tables it
 * relies on row by row (the deals, the lookups) are read again whole: the spec is the full read's.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { openDuckDB } from "../../src/data/duckdb-session";
import { readTextTable, type TextTable } from "../../src/data/read-table";
import { draftDatasetSpec } from "../../src/init/draft-dataset-spec";
import { shuffleCsv, shuffled } from "../hardening/fixtures/shuffle";
import { tempDir } from "../helpers/temp-dir";
import { crmFixture } from "./crm-exports";

async function read(dir: string, file: string, sampleAbove: number): Promise<TextTable> {
  const db = await openDuckDB(dir);
  try {
    return await readTextTable(db, { file }, { specFile: join(dir, "dataset.yaml"), field: file, baseDir: dir, draft: true }, [], { sampleAbove });
  } finally {
    db.closeSync();
  }
}

/** The table's rows as lines of text, sorted. */
const lines = (t: TextTable) => Array.from({ length: t.rows }, (_, r) => t.columns.map((c) => c[r]).join(",")).sort();

test("a table longer than sampleAbove is read as a sample of about that many rows, the same rows in any order; a shorter one whole", async () => {
  const dir = tempDir("leadlab-sampled-read-");
  const rows = Array.from({ length: 2000 }, (_, i) => `E${i},${["call", "email", "demo"][i % 3]},${i % 17}`);
  writeFileSync(join(dir, "events.csv"), ["event_id,type,minutes", ...rows].join("\n") + "\n");
  writeFileSync(join(dir, "shuffled.csv"), ["event_id,type,minutes", ...shuffled(rows, 7)].join("\n") + "\n");
  const sample = await read(dir, "events.csv", 250);
  // 1 in ceil(2000 / 250) = 8: about 250 rows; a binomial count of 2000 draws at 1/8 lies within
  // 250 ± 3 standard deviations (sqrt(2000 · 1/8 · 7/8) ≈ 14.8) but once in hundreds of seeds.
  assert.deepEqual(sample.sampled, { rows: 2000, every: 8 });
  assert.ok(sample.rows >= 206 && sample.rows <= 294, `${sample.rows} rows read`);
  const all = new Set(rows);
  assert.ok(lines(sample).every((l) => all.has(l)), "every row read is a row of the file, as written");
  assert.deepEqual(lines(await read(dir, "shuffled.csv", 250)), lines(sample), "the same rows whatever the order");
  const whole = await read(dir, "events.csv", 2000);
  assert.equal(whole.sampled, undefined);
  assert.deepEqual(lines(whole), [...rows].sort());
});

test("a long table of one row repeated is read whole when its row falls outside the sample, never as no rows", async () => {
  const dir = tempDir("leadlab-sampled-same-");
  writeFileSync(join(dir, "same.csv"), ["a,b", ...Array.from({ length: 600 }, () => "x,1")].join("\n") + "\n");
  // Each value of sampleAbove gives another modulus: some take the row (all 600 in the sample), the others none (then read whole).
  const reads = [];
  for (const above of [50, 60, 70, 80, 90, 100]) {
    const t = await read(dir, "same.csv", above);
    assert.equal(t.rows, 600, `sampleAbove ${above}`);
    reads.push(t);
  }
  assert.ok(reads.some((t) => t.sampled === undefined), "some modulus leaves the row out, and the table is read whole");
});

test("init drafts from a sample of a long event log, says so, and gives the spec of the full read; the sample is the same in any row order", async () => {
  const f = crmFixture({ crm: "hubspot", n: 240, companies: 60, seed: 11 });
  const full = await draftDatasetSpec(f.dir);
  const draft = await draftDatasetSpec(f.dir, { sampleAbove: 300 });
  const every = Math.ceil(f.activityRows / 300);
  assert.ok(every >= 2, `${f.activityRows} activity rows`);
  assert.deepEqual(draft.spec, full.spec);
  assert.deepEqual(draft.choices, full.choices);
  const said = draft.checks.filter((c) => !full.checks.includes(c));
  assert.equal(said.length, 1, said.join("\n"));
  const m = new RegExp(
    `^activities\\.csv has ${f.activityRows.toLocaleString("en-US")} rows: init inspected (\\d+) of them \\(1 in ${every}, picked by a hash of each row's values\\), so its share of deals' keys is an estimate; \`leadlab validate\` reads every row$`,
  ).exec(said[0]);
  assert.ok(m, said[0]);
  const inspected = Number(m[1]);
  assert.ok(inspected > 0 && inspected < f.activityRows);
  // Only the events' comment differs in the YAML: an estimate, from a sample, and said so.
  const differing = (a: string, b: string) => a.split("\n").filter((l) => !b.split("\n").includes(l));
  assert.equal(differing(draft.yaml, full.yaml).length, 1);
  assert.match(differing(draft.yaml, full.yaml)[0], new RegExp(`^# ${f.activityRows} events; [\\d.]+% of their "Associated Company ID" values are deals' keys \\(in a sample of 1 in ${every}\\)$`));
  // The log's rows in another order: the same sample, so the same draft to the byte.
  const path = join(f.dir, f.files.activities);
  writeFileSync(path, shuffleCsv(readFileSync(path, "utf8"), 3));
  assert.equal((await draftDatasetSpec(f.dir, { sampleAbove: 300 })).yaml, draft.yaml);
});

test("init reads the deals and a lookup again whole when they too are longer than the sample: ids, outcome counts and join rates are the full read's", async () => {
  const f = crmFixture({ crm: "hubspot", n: 240, companies: 60, seed: 11 });
  const full = await draftDatasetSpec(f.dir);
  // Every table is over 50 rows: the deals (240) and the companies (60) are sampled first, then read whole.
  const draft = await draftDatasetSpec(f.dir, { sampleAbove: 50 });
  assert.deepEqual(draft.spec, full.spec);
  assert.deepEqual(draft.choices, full.choices);
  assert.ok(draft.choices.includes('id: "Record ID" (unique on all 240 rows)'), draft.choices.join("\n"));
  const said = draft.checks.filter((c) => !full.checks.includes(c));
  assert.deepEqual(said.map((c) => c.split(" has ")[0]), ["activities.csv"], "only the event log stays a sample");
  const joinComment = (yaml: string) => yaml.split("\n").find((l) => /deals with a "Associated Company ID" find a row/.test(l));
  assert.equal(joinComment(draft.yaml), joinComment(full.yaml));
});

test("a sampled log with no event before any deal's created date says the rows it looked at", async () => {
  const dir = tempDir("leadlab-sampled-late-");
  const deals = Array.from({ length: 30 }, (_, i) => `D${i},${i % 2 ? "Closed Won" : "Closed Lost"},2025-01-${String(1 + (i % 28)).padStart(2, "0")}`);
  writeFileSync(join(dir, "deals.csv"), ["deal_id,stage,created_date", ...deals].join("\n") + "\n");
  const events = Array.from({ length: 400 }, (_, i) => `D${i % 30},2026-03-${String(1 + (i % 28)).padStart(2, "0")},${["call", "email"][i % 2]}`);
  writeFileSync(join(dir, "events.csv"), ["deal_id,event_time,event_type", ...events].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir, { sampleAbove: 100 });
  assert.equal(draft.spec.events, undefined);
  const said = draft.checks.find((c) => c.startsWith("events.csv has no"));
  assert.match(said ?? "", /^events\.csv has no "event_time" before a deal's created date in the \d+ of its rows inspected \(1 in 4\): not used as the event log$/);
});

test("a draft that fails on a sample is made again from the whole table, and fails, if it does, as the full read does", async () => {
  const dir = tempDir("leadlab-sampled-fails-");
  // No outcome, no won table, no column of a few values on every row: nothing to draft.
  writeFileSync(join(dir, "leads.csv"), ["lead_id,score", ...Array.from({ length: 300 }, (_, i) => `L${i},${i * 7}`)].join("\n") + "\n");
  const full = await draftDatasetSpec(dir).then(() => "drafted", (e: Error) => e.message);
  assert.match(full, /no column says which deals were won or lost/);
  assert.equal(await draftDatasetSpec(dir, { sampleAbove: 50 }).then(() => "drafted", (e: Error) => e.message), full);
});
