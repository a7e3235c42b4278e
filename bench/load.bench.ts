/**
 * Load + as-of event features on 100,000 deals and 10 million events, from CSV and from
 * Parquet events, each beside its anchor: a hand-written DuckDB query doing the same joins and
 * the same as-of aggregates (count, sum, active days and days since last, per event type and
 * window, strictly before each deal's scoring point) on the same files, materialised into
 * JavaScript as leadlab does. Each measurement runs in a fresh process so peak memory is its own;
 * the figures are ratios to the anchor measured in the same run.
 * Usage: npm run bench [-- --deals N --events N]
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openDuckDB } from "../src/data/duckdb-session";
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
  const aggregates = types.flatMap((t) =>
    windows.flatMap((w) => {
      const cond = `e.event_type = '${t}' AND e.ms >= d.sp - ${w}::BIGINT * ${day}`;
      return [
        `count(*) FILTER (WHERE ${cond}) AS "${t}_count_${w}d"`,
        `sum(e.minutes) FILTER (WHERE ${cond}) AS "${t}_sum_${w}d"`,
        `count(DISTINCT e.ms // ${day}) FILTER (WHERE ${cond}) AS "${t}_active_days_${w}d"`,
        `(max(d.sp) - max(e.ms) FILTER (WHERE ${cond})) / ${day}.0 AS "${t}_days_since_last_${w}d"`,
      ];
    }),
  );
  const result = await db.runAndReadAll(`
    WITH deals AS (
      SELECT d.*, a.* EXCLUDE (account_id), p.* EXCLUDE (product), epoch_ms(CAST(d.created_date AS TIMESTAMP)) AS sp
      FROM read_csv(${f("deals.csv")}, header = true, all_varchar = true) d
      LEFT JOIN read_csv(${f("accounts.csv")}, header = true, all_varchar = true) a USING (account_id)
      LEFT JOIN read_csv(${f("products.csv")}, header = true, all_varchar = true) p USING (product)
      WHERE trim(d.stage) IN ('Closed Won', 'Closed Lost')
    ),
    e AS (SELECT account_id, event_type, minutes, epoch_ms(CAST(ts AS TIMESTAMP)) AS ms FROM ${events})
    SELECT d.deal_id, any_value(d.stage) AS stage, ${aggregates.join(", ")}
    FROM deals d LEFT JOIN e ON e.account_id = d.account_id AND e.ms < d.sp AND e.ms >= d.sp - ${Math.max(...windows)}::BIGINT * ${day}
    GROUP BY d.deal_id ORDER BY d.deal_id`);
  const columns = result.getColumns();
  db.closeSync();
  return { seconds: (performance.now() - t0) / 1000, peakMB: peakMemoryMB(), rows: columns[0]?.length ?? 0 };
}

function inFreshProcess(args: string[]): Measurement {
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/load.bench.ts", ...args], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as Measurement;
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--leadlab") return void console.log(JSON.stringify(await measureLeadlab(args[1])));
  if (args[0] === "--anchor") return void console.log(JSON.stringify(await measureAnchor(args[1], args[2])));
  const get = (flag: string, dflt: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : dflt);
  const deals = get("--deals", "100000");
  const events = get("--events", "10000000");
  for (const format of ["parquet", "csv"]) {
    const dir = join("bench", "out", `${deals}-${events}-${format}`);
    if (!existsSync(join(dir, "dataset.yaml"))) {
      console.error(`generating ${dir} …`);
      execFileSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "sample", "--out", dir, "--deals", deals, "--events", events, "--events-format", format], { stdio: "inherit" });
    }
    const anchor = inFreshProcess(["--anchor", dir, `events.${format}`]);
    const leadlab = inFreshProcess(["--leadlab", join(dir, "dataset.yaml")]);
    console.log(
      `${format} events, ${deals} deals, ${events} events: leadlab ${leadlab.seconds.toFixed(2)} s / ${leadlab.peakMB.toFixed(0)} MB (${leadlab.rows} closed deals); ` +
        `hand-written DuckDB query ${anchor.seconds.toFixed(2)} s / ${anchor.peakMB.toFixed(0)} MB (${anchor.rows} deals); ` +
        `ratio time ${(leadlab.seconds / anchor.seconds).toFixed(2)}×, memory ${(leadlab.peakMB / anchor.peakMB).toFixed(2)}×`,
    );
  }
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
