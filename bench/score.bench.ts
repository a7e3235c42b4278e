/**
 * `leadlab score` on 1,000,000 synthetic leads (CSV): generates bench/out/leads-<n>.csv once
 * (seeded), then scores it in a fresh process with the fixture rules (9 attributes: numeric,
 * categorical, boolean, contains and four event features) and prints leads/s and peak memory.
 * Usage: npx tsx bench/score.bench.ts [--leads N]
 */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { scoreCommand } from "../src/cli/score-command";
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

/** CPU seconds of this process's main thread so far (Linux), or NaN. */
function mainThreadCpuSeconds(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

async function measure(leads: string, out: string): Promise<void> {
  let summary = "";
  let rows = 0;
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuSeconds();
  await scoreCommand([RULES, leads, "--out", out], () => {}, (m) => {
    if (m.startsWith("scored ") && m.includes("leads/s")) {
      summary = m;
      rows = Number(/ of ([\d,]+) lead/.exec(m)?.[1].replace(/,/g, "") ?? NaN);
    }
  });
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mainSeconds = mainThreadCpuSeconds() - main0;
  // On a busy machine wall-clock leads/s drops while CPU time does not. The main thread (read
  // values, score, write CSV) is the critical path when DuckDB's reader runs on another core.
  console.log(`${leads}: ${summary}`);
  console.log(
    `  CPU ${cpuSeconds.toFixed(2)} s in all (DuckDB threads included), main thread ${mainSeconds.toFixed(2)} s ` +
      `(${Math.round(rows / mainSeconds).toLocaleString("en-US")} leads per main-thread CPU-second); peak ${peakMemoryMB().toFixed(0)} MB`,
  );
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--measure") return measure(args[1], args[2]);
  const n = Number(args.includes("--leads") ? args[args.indexOf("--leads") + 1] : "1000000");
  mkdirSync(join("bench", "out"), { recursive: true });
  const leads = join("bench", "out", `leads-${n}.csv`);
  if (!existsSync(leads)) {
    console.error(`generating ${leads} …`);
    generate(leads, n);
  }
  execFileSync("npx", ["tsx", "bench/score.bench.ts", "--measure", leads, join("bench", "out", `scored-${n}.csv`)], { stdio: "inherit" });
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
