/**
 * Load + as-of event features on 100,000 deals and 10 million events, from CSV and from
 * Parquet events, each beside its anchor: a hand-written DuckDB query doing the same joins and
 * the same as-of aggregates (count, sum, active days and days since last, per event type and
 * window, and the decayed counts; per day, then per deal, as one would write it for speed),
 * strictly before each deal's scoring point, on the same files, materialised into
 * JavaScript as leadlab does. Each measurement runs in a fresh process so peak memory is its own;
 * the figures are medians of `--runs` alternating runs (default 3), and ratios to the anchor
 * measured in the same run.
 * Usage: npm run bench [-- --deals N --events N --runs N]
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openDuckDB } from "../src/data/duckdb-session";
import { DECAY_HALF_LIVES } from "../src/data/event-features";
import { loadDataset } from "../src/data/load-dataset";
import { peakMemoryMB } from "./peak-memory";

interface Measurement {
  seconds: number;
  peakMB: number;
  rows: number;
}

async function measureLeadlab(spec: string): Promise<Measurement> {
  const t0 = performance.now();
  const { table } = await loadDataset(spec);
  return { seconds: (performance.now() - t0) / 1000, peakMB: peakMemoryMB(), rows: table.n };
}

/** The same work written by hand in DuckDB SQL: the anchor. */
async function measureAnchor(dir: string, eventsFile: string): Promise<Measurement> {
  const t0 = performance.now();
  const db = await openDuckDB(dir);
  const f = (name: string) => `'${join(dir, name)}'`;
  const events = eventsFile.endsWith(".parquet") ? `read_parquet(${f(eventsFile)})` : `read_csv(${f(eventsFile)}, header = true)`;
  const windows = [30, 90];
  const day = 86_400_000;
  const perType = await db.runAndReadAll(`SELECT DISTINCT event_type FROM ${events} ORDER BY 1`);
  const types = perType.getRowObjectsJS().map((r) => String(r.event_type));
  const maxWindow = Math.max(...windows);
  const inWindow = (w: number) => `e.ms >= d.sp - ${w}::BIGINT * ${day}`;
  // Two stages, as one would write it for speed (a DISTINCT aggregate does not parallelise):
  // per deal, type and day the events in each window, then per deal and type.
  const perDay = [
    ...windows.flatMap((w) => [
      `count(*) FILTER (WHERE ${inWindow(w)}) AS c${w}`,
      `sum(e.minutes) FILTER (WHERE ${inWindow(w)}) AS s${w}`,
      `max(e.ms) FILTER (WHERE ${inWindow(w)}) AS m${w}`,
    ]),
    // The decayed counts the loader builds for the tuner over the largest window: every event
    // weighs 2^(−age in days / half-life).
    ...DECAY_HALF_LIVES.map((h) => `sum(power(2.0, -((d.sp - e.ms) / ${day}.0) / ${h})) AS x${h}`),
  ];
  const perDeal = types.flatMap((t) => {
    const ofType = `x.event_type = '${t}'`;
    return [
      ...windows.flatMap((w) => [
        `sum(x.c${w}) FILTER (WHERE ${ofType}) AS "${t}_count_${w}d"`,
        `sum(x.s${w}) FILTER (WHERE ${ofType}) AS "${t}_sum_${w}d"`,
        `count(*) FILTER (WHERE ${ofType} AND x.c${w} > 0) AS "${t}_active_days_${w}d"`,
        `(any_value(d.sp) - max(x.m${w}) FILTER (WHERE ${ofType})) / ${day}.0 AS "${t}_days_since_last_${w}d"`,
      ]),
      ...DECAY_HALF_LIVES.map((h) => `sum(x.x${h}) FILTER (WHERE ${ofType}) AS "${t}_decayed_${h}d"`),
    ];
  });
  const result = await db.runAndReadAll(`
    WITH deals AS (
      SELECT d.*, a.* EXCLUDE (account_id), p.* EXCLUDE (product), epoch_ms(CAST(d.created_date AS TIMESTAMP)) AS sp
      FROM read_csv(${f("deals.csv")}, header = true, all_varchar = true) d
      LEFT JOIN read_csv(${f("accounts.csv")}, header = true, all_varchar = true) a USING (account_id)
      LEFT JOIN read_csv(${f("products.csv")}, header = true, all_varchar = true) p USING (product)
      WHERE trim(d.stage) IN ('Closed Won', 'Closed Lost')
    ),
    e AS (SELECT account_id, event_type, minutes, epoch_ms(CAST(ts AS TIMESTAMP)) AS ms FROM ${events}),
    x AS (
      SELECT d.deal_id, e.event_type, e.ms // ${day} AS event_day, ${perDay.join(", ")}
      FROM deals d JOIN e ON e.account_id = d.account_id AND e.ms < d.sp AND ${inWindow(maxWindow)}
      GROUP BY d.deal_id, e.event_type, event_day
    )
    SELECT d.deal_id, any_value(d.stage) AS stage, ${perDeal.join(", ")}
    FROM deals d LEFT JOIN x USING (deal_id)
    GROUP BY d.deal_id ORDER BY d.deal_id`);
  const columns = result.getColumns();
  db.closeSync();
  return { seconds: (performance.now() - t0) / 1000, peakMB: peakMemoryMB(), rows: columns[0]?.length ?? 0 };
}

function inFreshProcess(args: string[]): Measurement {
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/load.bench.ts", ...args], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as Measurement;
}

/** The median time and the median peak memory of some runs (each the middle one, or the mean of the two middle ones). */
function median(runs: Measurement[]): Measurement {
  const middle = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  return { seconds: middle(runs.map((r) => r.seconds)), peakMB: middle(runs.map((r) => r.peakMB)), rows: runs[0].rows };
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--leadlab") return void console.log(JSON.stringify(await measureLeadlab(args[1])));
  if (args[0] === "--anchor") return void console.log(JSON.stringify(await measureAnchor(args[1], args[2])));
  const get = (flag: string, dflt: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : dflt);
  const deals = get("--deals", "100000");
  const events = get("--events", "10000000");
  const runs = Number(get("--runs", "3"));
  for (const format of ["parquet", "csv"]) {
    const dir = join("bench", "out", `${deals}-${events}-${format}`);
    if (!existsSync(join(dir, "dataset.yaml"))) {
      console.error(`generating ${dir} …`);
      execFileSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "sample", "--out", dir, "--deals", deals, "--events", events, "--events-format", format], { stdio: "inherit" });
    }
    // Alternating runs, each figure the median of its runs: one run varies by a third on a busy machine.
    const anchors: Measurement[] = [];
    const leadlabs: Measurement[] = [];
    for (let k = 0; k < runs; k++) {
      anchors.push(inFreshProcess(["--anchor", dir, `events.${format}`]));
      leadlabs.push(inFreshProcess(["--leadlab", join(dir, "dataset.yaml")]));
    }
    const anchor = median(anchors);
    const leadlab = median(leadlabs);
    console.log(
      `${format} events, ${deals} deals, ${events} events: leadlab ${leadlab.seconds.toFixed(2)} s / ${leadlab.peakMB.toFixed(0)} MB (${leadlab.rows} closed deals); ` +
        `hand-written DuckDB query ${anchor.seconds.toFixed(2)} s / ${anchor.peakMB.toFixed(0)} MB (${anchor.rows} deals); ` +
        `medians of ${runs} runs; ratio time ${(leadlab.seconds / anchor.seconds).toFixed(2)}×, memory ${(leadlab.peakMB / anchor.peakMB).toFixed(2)}×`,
    );
  }
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
