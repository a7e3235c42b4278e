/**
 * `leadlab score` on 1,000,000 synthetic leads with precomputed features, from Parquet and from
 * CSV, beside its anchor: a hand-written DuckDB query that reads the same Parquet file, computes
 * the same points, tier and grade with CASE expressions and writes them as CSV. bench/out/leads-<n>.csv
 * is generated once (seeded) and bench/out/leads-<n>.parquet made from it by DuckDB (typed
 * columns). Each measurement runs in a fresh process, so peak memory and CPU time are its own;
 * the figures are ratios to the anchor measured in the same run, with the load average (the
 * machine may be busy: CPU time, unlike wall time, barely depends on it). The Parquet file is also
 * scored with --reasons 0, as the anchor writes no reasons; and a second anchor writes the
 * reasons cell too, so its lines are `leadlab score`'s, byte for byte, though in no set order
 * (DuckDB's parallel writer does not keep the file's; `leadlab score` does): the cost of the
 * reasons in a hand-written query.
 * Usage: npx tsx bench/score.bench.ts [--leads N]
 */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { scoreCommand } from "../src/cli/score-command";
import { openDuckDB } from "../src/data/duckdb-session";
import { readScoringRules } from "../src/scoring/parse-scoring-rules";
import { binPointsSql, binReasonSql } from "../src/scoring/sql/bin-points-sql";
import { binSetText, DEFAULT_REASONS } from "../src/scoring/score";
import { dialect } from "../src/sql/dialects";
import { quoteIdentifier, quoteString } from "../src/sql/quoting";
import type { ScorecardAttribute } from "../src/formats/scoring-rules-schema";
import { peakMemoryMB } from "./peak-memory";

const RULES = "tests/scoring/fixtures/scoring.yaml";
const HEADER = "lead_id,account_id,created,employees,industry,region,budget_confirmed,tech_stack,demo_request_count_90d,webinar_days_since_last_30d,webinar_sum_30d,email_open_active_days_30d\n";

/** A small seeded generator (mulberry32), so the file is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(path: string, n: number): void {
  const rnd = random(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const industries = ["SaaS", "Fintech", "Retail", "Manufacturing", "Healthcare", ""];
  const regions = ["EMEA", "AMER", "APAC", ""];
  const booleans = ["yes", "no", "true", "false", ""];
  const stacks = ["HubSpot; Salesforce", "Salesforce", "AWS;GCP", "", "Marketo;Salesforce;Slack"];
  const fd = openSync(path, "w");
  writeSync(fd, HEADER);
  let buf = "";
  for (let i = 0; i < n; i++) {
    const employees = rnd() < 0.05 ? "" : String(Math.floor(Math.exp(rnd() * 9)));
    const hasEvents = rnd() < 0.9;
    const demo = hasEvents ? String(Math.floor(rnd() * 5)) : "";
    const since = hasEvents && rnd() < 0.6 ? (rnd() * 30).toFixed(2) : "";
    const sum = hasEvents ? String(Math.floor(rnd() * 90)) : "";
    const days = hasEvents ? String(Math.floor(rnd() * 10)) : "";
    buf += `L${i},A${i % 50_000},2026-03-01,${employees},${pick(industries)},${pick(regions)},${pick(booleans)},${pick(stacks)},${demo},${since},${sum},${days}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = "";
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

/** The Parquet twin of the CSV file, with the column types DuckDB detects (numbers as BIGINT or DOUBLE). */
async function toParquet(csv: string, parquet: string): Promise<void> {
  const db = await openDuckDB(process.cwd());
  try {
    await db.run(`COPY (SELECT * FROM read_csv(${quoteString(resolve(csv), "duckdb")}, header = true)) TO ${quoteString(resolve(parquet), "duckdb")} (FORMAT parquet)`);
  } finally {
    db.closeSync();
  }
}

/** CPU seconds of this process's main thread so far (Linux), or NaN. */
function mainThreadCpuSeconds(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

/** One measurement, as the child process prints it (one JSON line). */
interface Measurement {
  rows: number;
  wall: number;
  cpu: number;
  main: number;
  peakMB: number;
}

async function timed(rows: () => number, work: () => Promise<void>): Promise<Measurement> {
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuSeconds();
  const t0 = performance.now();
  await work();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { rows: rows(), wall, cpu: (cpu.user + cpu.system) / 1e6, main: mainThreadCpuSeconds() - main0, peakMB: peakMemoryMB() };
}

/** `leadlab score <rules> <leads> --out <out> [extra options]`, as the CLI runs it. */
function measureLeadlab(leads: string, out: string, extra: readonly string[]): Promise<Measurement> {
  let rows = NaN;
  return timed(
    () => rows,
    () =>
      scoreCommand([RULES, leads, "--out", out, ...extra], () => {}, (m) => {
        if (m.startsWith("scored ") && m.includes("leads/s")) rows = Number(/ of ([\d,]+) lead/.exec(m)?.[1].replace(/,/g, "") ?? NaN);
      }),
  );
}

/**
 * The anchor: DuckDB reads the Parquet file and writes id, points, tier and grade as CSV, the
 * points of each attribute a CASE expression over its bins (the typed columns read as they are:
 * numbers as numbers, text trimmed and lower-cased, booleans and list items by their tokens).
 * With `withReasons`, it also writes the reasons cell as `leadlab score` writes it: each
 * attribute's reason a CASE over its bins, its place among the lead's nonzero points counted by
 * comparisons (as the warehouse view orders them), the first {@link DEFAULT_REASONS} joined by "; "
 * in one quoted cell.
 */
async function measureAnchor(leads: string, out: string, withReasons: boolean): Promise<Measurement> {
  const rules = readScoringRules(RULES);
  const d = dialect("duckdb");
  const text = (c: string) => `NULLIF(lower(trim(CAST(${quoteIdentifier(c, "duckdb")} AS VARCHAR))), '')`;
  const refs = (a: ScorecardAttribute) => {
    const column = "column" in a.source ? a.source.column : a.name;
    const t = text(column);
    if (a.match === "numeric") return { present: quoteIdentifier(column, "duckdb"), value: `CAST(${quoteIdentifier(column, "duckdb")} AS DOUBLE)` };
    if (a.match === "boolean") return { present: t, value: `CASE WHEN ${t} IN ('true', 't', 'yes', 'y', '1') THEN 'true' WHEN ${t} IN ('false', 'f', 'no', 'n', '0') THEN 'false' END` };
    if (a.match === "contains") {
      const items = `list_filter(list_transform(string_split(${t}, ${quoteString(a.separator ?? ";", "duckdb")}), x -> trim(x)), x -> x <> '')`;
      const has = `CASE WHEN COALESCE(len(${items}), 0) = 0 THEN NULL WHEN list_contains(${items}, ${quoteString(binSetText(a.containsValue ?? "", "categorical"), "duckdb")}) THEN 'true' ELSE 'false' END`;
      return { present: has, value: has };
    }
    return { present: t, value: t };
  };
  const group = (g: string) => rules.attributes.flatMap((a, k) => (a.group === g ? [`p${k}`] : [])).join(" + ") || "0";
  const points = rules.attributes.map((a, k) => `${binPointsSql(d, a, refs(a))} AS p${k}`).join(", ");
  const tier = `CASE ${rules.tiers.map((t) => (t.minPoints === null ? `ELSE '${t.name}'` : `WHEN points >= ${t.minPoints} THEN '${t.name}'`)).join(" ")} END`;
  const [f0, f1, f2] = rules.grades.fitCuts;
  const [e0, e1, e2] = rules.grades.engagementCuts;
  const grade = `(CASE WHEN fit >= ${f2} THEN 'A' WHEN fit >= ${f1} THEN 'B' WHEN fit >= ${f0} THEN 'C' ELSE 'D' END) || (CASE WHEN engagement >= ${e2} THEN '1' WHEN engagement >= ${e1} THEN '2' WHEN engagement >= ${e0} THEN '3' ELSE '4' END)`;
  const m = rules.attributes.length;
  const place = (k: number) =>
    `CASE WHEN p${k} <> 0 THEN ${rules.attributes.flatMap((_, j) => (j === k ? [] : [`CASE WHEN abs(p${j}) ${j < k ? ">=" : ">"} abs(p${k}) THEN 1 ELSE 0 END`])).join(" + ") || "0"} END`;
  const reasonAt = (i: number) => `CASE ${rules.attributes.map((_, k) => `WHEN o${k} = ${i} THEN r${k}`).join(" ")} END`;
  const reasons = withReasons
    ? {
        columns: `, ${rules.attributes.map((a, k) => `${binReasonSql(d, a, refs(a), rules)} AS r${k}`).join(", ")}`,
        places: `, ${rules.attributes.map((_, k) => `${place(k)} AS o${k}`).join(", ")}`,
        cell: `, concat('"', replace(concat_ws('; ', ${Array.from({ length: Math.min(DEFAULT_REASONS, m) }, (_, i) => reasonAt(i)).join(", ")}), '"', '""'), '"') AS reasons`,
      }
    : { columns: "", places: "", cell: "" };
  const query = `
    SELECT lead_id, points, ${tier} AS tier, ${grade} AS grade, fit, engagement${reasons.cell} FROM (
      SELECT *, ${rules.scale.basePoints} + ${rules.attributes.map((_, k) => `p${k}`).join(" + ")} AS points, ${group("fit")} AS fit, ${group("engagement")} AS engagement${reasons.places}
      FROM (SELECT lead_id, ${points}${reasons.columns} FROM read_parquet(${quoteString(resolve(leads), "duckdb")})))`;
  let rows = NaN;
  return timed(
    () => rows,
    async () => {
      const db = await openDuckDB(process.cwd());
      try {
        const result = await db.runAndReadAll(`COPY (${query}) TO ${quoteString(resolve(out), "duckdb")} (FORMAT csv, HEADER true${withReasons ? ", QUOTE '', ESCAPE ''" : ""})`);
        rows = Number(result.getRowsJS()[0][0]);
      } finally {
        db.closeSync();
      }
    },
  );
}

/** Runs one measurement in a fresh process and reads its JSON line. */
function child(kind: "--leadlab" | "--anchor" | "--anchor-reasons", leads: string, out: string, extra: readonly string[] = []): Measurement {
  const text = execFileSync("npx", ["tsx", "bench/score.bench.ts", kind, leads, out, ...extra], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return JSON.parse(text.trim().split("\n").pop()!) as Measurement;
}

const perSecond = (rows: number, seconds: number) => Math.round(rows / seconds).toLocaleString("en-US");

function describe(label: string, m: Measurement, anchor?: Measurement): string {
  const ratio = anchor ? `; ${(m.wall / anchor.wall).toFixed(2)}× the anchor's wall time, ${(m.cpu / anchor.cpu).toFixed(2)}× its CPU time, ${(m.peakMB / anchor.peakMB).toFixed(2)}× its peak memory` : "";
  return (
    `${label}: ${m.rows.toLocaleString("en-US")} leads in ${m.wall.toFixed(2)} s wall = ${perSecond(m.rows, m.wall)} leads/s; ` +
    `CPU ${m.cpu.toFixed(2)} s in all (${perSecond(m.rows, m.cpu)} leads per CPU-second), main thread ${m.main.toFixed(2)} s; peak ${m.peakMB.toFixed(0)} MB${ratio}`
  );
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--leadlab" || args[0] === "--anchor" || args[0] === "--anchor-reasons") {
    const m = await (args[0] === "--leadlab" ? measureLeadlab(args[1], args[2], args.slice(3)) : measureAnchor(args[1], args[2], args[0] === "--anchor-reasons"));
    console.log(JSON.stringify(m));
    return;
  }
  const n = Number(args.includes("--leads") ? args[args.indexOf("--leads") + 1] : "1000000");
  mkdirSync(join("bench", "out"), { recursive: true });
  const csv = join("bench", "out", `leads-${n}.csv`);
  const parquet = join("bench", "out", `leads-${n}.parquet`);
  if (!existsSync(csv)) {
    console.error(`generating ${csv} …`);
    generate(csv, n);
  }
  if (!existsSync(parquet)) await toParquet(csv, parquet);
  const load = loadavg().map((x) => x.toFixed(2)).join(", ");
  const anchor = child("--anchor", parquet, join("bench", "out", `anchor-${n}.csv`));
  const anchorWithReasons = child("--anchor-reasons", parquet, join("bench", "out", `anchor-reasons-${n}.csv`));
  const fromParquet = child("--leadlab", parquet, join("bench", "out", `scored-${n}-parquet.csv`));
  const fromCsv = child("--leadlab", csv, join("bench", "out", `scored-${n}-csv.csv`));
  // Without reasons: what the three reasons per lead (most of each line's bytes) cost.
  const noReasons = child("--leadlab", parquet, join("bench", "out", `scored-${n}-parquet-no-reasons.csv`), ["--reasons", "0"]);
  console.log(`load average ${load} (1, 5, 15 min) before; ${loadavg().map((x) => x.toFixed(2)).join(", ")} after`);
  console.log(describe("anchor (DuckDB CASE query, Parquet → CSV)", anchor));
  console.log(describe("anchor with the reasons cell (Parquet → CSV)", anchorWithReasons, anchor));
  console.log(describe(`leadlab score ${parquet}`, fromParquet, anchor));
  console.log(`  and ${(fromParquet.wall / anchorWithReasons.wall).toFixed(2)}× the anchor with reasons' wall time, ${(fromParquet.cpu / anchorWithReasons.cpu).toFixed(2)}× its CPU time`);
  console.log(describe(`leadlab score ${csv}`, fromCsv, anchor));
  console.log(describe(`leadlab score ${parquet} --reasons 0`, noReasons, anchor));
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
