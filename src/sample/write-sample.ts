import { aucWithCI } from "../model/auc";
import { SAMPLE_HOLDOUT_DAYS } from "./dataset-yaml";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { isoDate } from "./calendar";
import { CsvFile } from "./csv-file";
import { sampleDatasetYaml } from "./dataset-yaml";
import { SAMPLE_BELIEFS_YAML } from "./beliefs-yaml";
import { CRITERIA } from "./effects";
import { generateSample } from "./generate";
import { sampleReadme } from "./readme";
import type { SampleData, SampleOptions, ResolvedSampleOptions } from "./sample-data";

/** Options of {@link writeSample}: the sample's size and seed, the events format, progress. */
export interface WriteSampleOptions extends SampleOptions {
  /** Default "parquet". */
  eventsFormat?: "parquet" | "csv";
  /** Called with a line of progress (the CLI prints it to stderr). */
  onProgress?: (message: string) => void;
}

/** What {@link writeSample} wrote. */
export interface SampleSummary {
  options: ResolvedSampleOptions;
  /** Every file written, in order, with its rows (0 for the YAML and Markdown files) and bytes. */
  files: { name: string; rows: number; bytes: number }[];
  deals: { total: number; won: number; lost: number; open: number };
  /** Deals whose product is missing from products.csv, per product. */
  productMisses: { product: string; deals: number }[];
  renewals: { accounts: number; churned: number };
  events: { total: number; productUseAfterWin: number };
  /** The best possible ranking: AUC of the true win probability on the holdout of dataset.yaml (deals closed in its last 180 days). */
  bestHoldoutAuc: { auc: number; lo: number; hi: number; deals: number };
}

/** AUC of the true win probability over the closed deals of the sample's time holdout (the last 180 days of closes). */
function bestHoldoutAuc(sample: SampleData): SampleSummary["bestHoldoutAuc"] {
  const closed = sample.deals.filter((d) => d.stage === "Closed Won" || d.stage === "Closed Lost");
  const last = closed.reduce((m, d) => (d.close_date! > m ? d.close_date! : m), "");
  const cut = Date.parse(last) - SAMPLE_HOLDOUT_DAYS * 86_400_000;
  const p = new Map(sample.truth.map((t) => [t.deal_id, t.p_win]));
  const test = closed.filter((d) => Date.parse(d.close_date!) > cut);
  const a = aucWithCI(Float64Array.from(test, (d) => p.get(d.deal_id)!), Uint8Array.from(test, (d) => (d.stage === "Closed Won" ? 1 : 0)));
  return { auc: a.auc, lo: a.lo, hi: a.hi, deals: test.length };
}

const EVENTS_CSV_COLUMNS = ["account_id", "ts", "event_type", "minutes"];

/**
 * Generates the sample and writes it to `dir`: accounts.csv, products.csv, deals.csv,
 * renewals.csv, truth.csv, events.parquet (or events.csv), dataset.yaml, beliefs.yaml and README.md.
 * An events file of the other format left by an earlier run is removed, so that the folder
 * holds one sample. The same options give byte-identical files. Events stream to disk one
 * account at a time, so 10 million of them fit in little memory; Parquet is written by DuckDB
 * from a temporary CSV file that is removed afterwards.
 *
 * @example
 * import { writeSample } from "leadlab";
 * const summary = await writeSample("/tmp/leadlab-sample", { deals: 400, eventsFormat: "csv" });
 * summary.deals.total; // => 400
 */
export async function writeSample(dir: string, options: WriteSampleOptions = {}): Promise<SampleSummary> {
  const format = options.eventsFormat ?? "parquet";
  if (format !== "parquet" && format !== "csv") throw new Error(`writeSample: eventsFormat must be "parquet" or "csv"; got "${String(format)}"`);
  const progress = options.onProgress ?? (() => undefined);
  const sample = generateSample(options);
  const o = sample.options;
  progress(`generated ${o.accounts} accounts and ${o.deals} deals (seed ${o.seed})`);
  mkdirSync(dir, { recursive: true });
  const files: SampleSummary["files"] = [];
  const done = (name: string, rows: number) => files.push({ name, rows, bytes: statSync(join(dir, name)).size });

  done("accounts.csv", writeTable(join(dir, "accounts.csv"), sample.accounts, [
    "account_id", "industry", "employees", "annual_revenue", "region", "country", "tech_stack",
  ]));
  done("products.csv", writeTable(join(dir, "products.csv"), sample.products, ["product", "family", "list_price"]));
  done("deals.csv", writeTable(join(dir, "deals.csv"), sample.deals, [
    "deal_id", "account_id", "stage", "created_date", "close_date", "amount", "product", "lead_source",
    "contact_title", "seniority", "department", "committee_size", ...CRITERIA.map((c) => c.column), "loss_reason_code",
  ]));
  done("renewals.csv", writeTable(join(dir, "renewals.csv"), sample.renewals, ["account_id", "contract_start", "renewed", "churn_date"]));
  done("truth.csv", writeTable(
    join(dir, "truth.csv"),
    sample.truth.map((t) => ({ ...t, p_win: t.p_win.toFixed(6) })),
    ["deal_id", "p_win", "archetype"],
  ));

  const eventsFile = `events.${format}`;
  rmSync(join(dir, format === "parquet" ? "events.csv" : "events.parquet"), { force: true });
  const events = await writeEvents(sample, join(dir, eventsFile), format, progress);
  done(eventsFile, events.total);

  writeFileSync(join(dir, "dataset.yaml"), sampleDatasetYaml(eventsFile));
  done("dataset.yaml", 0);
  writeFileSync(join(dir, "beliefs.yaml"), SAMPLE_BELIEFS_YAML);
  done("beliefs.yaml", 0);

  const listed = new Set(sample.products.map((p) => p.product));
  const misses = new Map<string, number>();
  for (const d of sample.deals) if (!listed.has(d.product)) misses.set(d.product, (misses.get(d.product) ?? 0) + 1);
  const summary: SampleSummary = {
    options: o,
    files,
    deals: {
      total: sample.deals.length,
      won: sample.deals.filter((d) => d.stage === "Closed Won").length,
      lost: sample.deals.filter((d) => d.stage === "Closed Lost").length,
      open: sample.deals.filter((d) => d.close_date === null).length,
    },
    productMisses: [...misses].sort((a, b) => a[0].localeCompare(b[0])).map(([product, deals]) => ({ product, deals })),
    renewals: { accounts: sample.renewals.length, churned: sample.renewals.filter((r) => r.churn_date !== null).length },
    events,
    bestHoldoutAuc: bestHoldoutAuc(sample),
  };
  writeFileSync(join(dir, "README.md"), sampleReadme(summary));
  done("README.md", 0);
  progress(`wrote ${files.length} files to ${dir}`);
  return summary;
}

/** Writes objects as CSV rows, taking `columns` in order. */
function writeTable<T extends object>(path: string, rows: readonly T[], columns: readonly string[]): number {
  const file = new CsvFile(path, columns);
  for (const r of rows) file.row(columns.map((c) => (r as Record<string, string | number | null>)[c]));
  return file.close();
}

/** Streams the events to CSV, then converts to Parquet when asked; returns the counts. */
async function writeEvents(
  sample: SampleData,
  path: string,
  format: "parquet" | "csv",
  progress: (message: string) => void,
): Promise<SampleSummary["events"]> {
  const csvPath = format === "csv" ? path : `${path}.tmp.csv`;
  const file = new CsvFile(csvPath, EVENTS_CSV_COLUMNS);
  const timestamp = timestampFormatter();
  const step = Math.max(1, Math.ceil(sample.accounts.length / 10));
  let accounts = 0;
  let total = 0;
  let productUseAfterWin = 0;
  for (const batch of sample.events()) {
    for (const e of batch) {
      file.row([e.account_id, timestamp(e.ts), e.event_type, e.minutes]);
      if (e.event_type === "product_active_day") productUseAfterWin++;
    }
    total += batch.length;
    if (++accounts % step === 0) progress(`events: ${accounts} of ${sample.accounts.length} accounts, ${total} rows`);
  }
  file.close();
  if (format === "parquet") {
    progress(`converting ${total} events to Parquet`);
    await csvToParquet(csvPath, path);
    rmSync(csvPath);
  }
  return { total, productUseAfterWin };
}

/** Formats seconds since 1970 as "yyyy-mm-dd hh:mm:ss" (UTC), caching the dates and times seen. */
function timestampFormatter(): (ts: number) => string {
  const dates = new Map<number, string>();
  const times: string[] = [];
  const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
  return (ts) => {
    const day = Math.floor(ts / 86_400);
    const s = ts - day * 86_400;
    let date = dates.get(day);
    if (date === undefined) dates.set(day, (date = `${isoDate(day)} `));
    return date + (times[s] ??= `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`);
  };
}

/**
 * Converts the events CSV to Parquet with DuckDB, keeping row order and explicit column types.
 * Single-threaded, so that the output is byte-identical on every run (checked on 10 million rows).
 */
async function csvToParquet(csvPath: string, parquetPath: string): Promise<void> {
  const quote = (p: string) => `'${resolve(p).replace(/'/g, "''")}'`;
  // One thread: with several, the row-group boundaries (so the bytes) depend on timing.
  const instance = await DuckDBInstance.create(":memory:", { threads: "1", preserve_insertion_order: "true" });
  const connection = await instance.connect();
  try {
    await connection.run(
      `COPY (SELECT * FROM read_csv(${quote(csvPath)}, header = true, auto_detect = false, delim = ',', ` +
        `columns = {'account_id': 'VARCHAR', 'ts': 'TIMESTAMP', 'event_type': 'VARCHAR', 'minutes': 'INTEGER'})) ` +
        `TO ${quote(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
