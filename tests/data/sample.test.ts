import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import { parseDatasetSpec } from "../../src/data/parse-dataset-spec";
import { dayNumber, HISTORY_END } from "../../src/sample/calendar";
import { runSampleCommand } from "../../src/cli/sample-command";
import { generateSample } from "../../src/sample/generate";
import { SAMPLE_GROUND_TRUTH } from "../../src/sample/ground-truth";
import type { DealRow } from "../../src/sample/sample-data";
import { writeSample } from "../../src/sample/write-sample";

const made: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), "leadlab-sample-"));
  made.push(dir);
  return dir;
};
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const hashes = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex")]),
  );

/** Wilson score interval (95 %) of `wins` out of `n`. */
function wilson(wins: number, n: number): [number, number] {
  const z = 1.959964;
  const p = wins / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = ((z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n)));
  return [centre - half, centre + half];
}

// One in-memory sample for the effect checks: big enough to see the planted effects, fast to make.
const sample = generateSample({ seed: 7, deals: 6000 });
const closed = sample.deals.filter((d) => d.stage === "Closed Won" || d.stage === "Closed Lost");
const accounts = new Map(sample.accounts.map((a) => [a.account_id, a]));

/** Win-rate intervals of the closed deals where `test` is true and where it is false (null = skipped). */
function split(test: (d: DealRow) => boolean | null): { yes: [number, number]; no: [number, number] } {
  const n = [0, 0];
  const w = [0, 0];
  for (const d of closed) {
    const t = test(d);
    if (t === null) continue;
    n[t ? 1 : 0]++;
    if (d.stage === "Closed Won") w[t ? 1 : 0]++;
  }
  return { yes: wilson(w[1], n[1]), no: wilson(w[0], n[0]) };
}

const separatedUp = (s: { yes: [number, number]; no: [number, number] }) => s.yes[0] > s.no[1];

/**
 * z statistic of the win-rate difference between the deals where `test` is true and false,
 * with the standard error clustered by account: deals of one account share its attributes,
 * so counting them as independent would overstate the evidence.
 */
function clusteredZ(test: (d: DealRow) => boolean | null): number {
  const groups = [new Map<string, [number, number]>(), new Map<string, [number, number]>()];
  for (const d of closed) {
    const t = test(d);
    if (t === null) continue;
    const g = groups[t ? 1 : 0];
    const v = g.get(d.account_id) ?? [0, 0];
    v[0]++;
    if (d.stage === "Closed Won") v[1]++;
    g.set(d.account_id, v);
  }
  const [no, yes] = groups.map((g) => {
    let n = 0;
    let w = 0;
    for (const [dn, dw] of g.values()) (n += dn), (w += dw);
    const p = w / n;
    let ss = 0;
    for (const [dn, dw] of g.values()) ss += (dw - p * dn) ** 2;
    return { p, variance: (g.size / (g.size - 1)) * (ss / (n * n)) };
  });
  return (yes.p - no.p) / Math.sqrt(yes.variance + no.variance);
}

/** Flat: |z| below 3, so that one of the dozen null checks does not fail by chance. */
const flat = (test: (d: DealRow) => boolean | null) => Math.abs(clusteredZ(test)) < 3;

describe("sample data generator", () => {
  it("writes byte-identical files for the same seed, different ones for another seed", async () => {
    const [a, b, c] = [fresh(), fresh(), fresh()];
    await writeSample(a, { seed: 3, deals: 300, events: 12000 });
    await writeSample(b, { seed: 3, deals: 300, events: 12000 });
    await writeSample(c, { seed: 4, deals: 300, events: 12000 });
    assert.deepEqual(hashes(a), hashes(b));
    assert.deepEqual(Object.keys(hashes(a)), [
      "README.md", "accounts.csv", "beliefs.yaml", "dataset.yaml", "deals.csv", "events.parquet", "products.csv", "renewals.csv", "truth.csv",
    ]);
    for (const f of ["accounts.csv", "deals.csv", "events.parquet", "truth.csv"]) assert.notEqual(hashes(a)[f], hashes(c)[f], f);
  });

  it("keeps the committed sample up to date (else run `npm run sample`)", async () => {
    const dir = fresh();
    await writeSample(dir);
    assert.deepEqual(hashes(dir), hashes(join(__dirname, "../../data/sample")));
  });

  it("has the documented counts", async () => {
    const dir = fresh();
    const s = await writeSample(dir, { seed: 5, deals: 800, events: 40000, eventsFormat: "csv" });
    assert.deepEqual(s.options, { seed: 5, accounts: 300, deals: 800, events: 40000 });
    const rows = (f: string) => readFileSync(join(dir, f), "utf8").trimEnd().split("\n").length - 1;
    assert.equal(rows("deals.csv"), 800);
    assert.equal(rows("truth.csv"), 800);
    assert.equal(rows("accounts.csv"), 300);
    assert.equal(rows("events.csv"), s.events.total);
    assert.ok(Math.abs(s.events.total - 40000) < 2000, `events ${s.events.total}`);
    assert.equal(s.deals.won + s.deals.lost + s.deals.open, 800);
    assert.ok(s.deals.open / 800 > 0.02 && s.deals.open / 800 < 0.12, `open ${s.deals.open}`);
    assert.ok(s.deals.won / (s.deals.won + s.deals.lost) > 0.3 && s.deals.won / (s.deals.won + s.deals.lost) < 0.6);
    assert.deepEqual(s.productMisses.map((m) => m.product), ["Legacy Bundle", "Partner Pilot"]);
    assert.ok(s.productMisses.every((m) => m.deals > 0));
    assert.equal(rows("renewals.csv"), s.renewals.accounts);
  });

  it("plants the win effects: need, champion, pain, seniority, the size sweet spot", () => {
    assert.ok(separatedUp(split((d) => (d.need_confirmed === null ? null : d.need_confirmed === "yes"))));
    assert.ok(separatedUp(split((d) => (d.champion_identified === null ? null : d.champion_identified === "yes"))));
    assert.ok(separatedUp(split((d) => (d.pain_identified === null ? null : d.pain_identified === "yes"))));
    assert.ok(separatedUp(split((d) => (d.seniority === null ? null : d.seniority === "VP"))));
    assert.ok(separatedUp(split((d) => (d.seniority === null ? null : d.seniority !== "Individual Contributor"))));
    const employees = (d: DealRow) => accounts.get(d.account_id)!.employees;
    const sweet = split((d) => {
      const e = employees(d);
      return e === null ? null : e >= 200 && e <= 2000;
    });
    assert.ok(separatedUp(sweet));
    // non-monotone: the middle beats both the small and the large companies
    const small = split((d) => (employees(d) === null || (employees(d)! >= 200 && employees(d)! <= 2000) ? null : employees(d)! < 200));
    assert.ok(sweet.yes[0] > small.yes[1] && sweet.yes[0] > small.no[1]);
  });

  it("plants behaviour before the deal and leaves email opens flat", () => {
    const byAccount = new Map<string, { ts: number; type: string }[]>();
    for (const batch of sample.events()) if (batch.length > 0) byAccount.set(batch[0].account_id, batch.map((e) => ({ ts: e.ts, type: e.event_type })));
    const countBefore = (d: DealRow, type: string) => {
      const created = dayNumber(d.created_date) * 86_400;
      return (byAccount.get(d.account_id) ?? []).filter((e) => e.type === type && e.ts < created && e.ts >= created - 90 * 86_400).length;
    };
    assert.ok(separatedUp(split((d) => countBefore(d, "demo_request") > 0)));
    assert.ok(separatedUp(split((d) => countBefore(d, "pricing_page_view") > 2)));
    assert.ok(flat((d) => countBefore(d, "email_open") > 3));
  });

  it("leaves the zero-effect attributes flat", () => {
    for (const c of ["budget_confirmed", "timeline_confirmed", "decision_process_known", "decision_criteria_known"] as const)
      assert.ok(flat((d) => (d[c] === null ? null : d[c] === "yes")), c);
    assert.ok(flat((d) => accounts.get(d.account_id)!.region === "EMEA"));
    assert.ok(flat((d) => (d.department === null ? null : d.department === "Sales")));
    assert.ok(flat((d) => (d.lead_source === null ? null : d.lead_source === "Inbound Web")));
    assert.ok(flat((d) => d.product === "Forecasting"));
    assert.ok(
      flat((d) => {
        const t = accounts.get(d.account_id)!.tech_stack;
        return t === null ? null : t.split(";").includes("Zendesk");
      }),
    );
    // and the same statistic does see a planted account-level effect
    assert.ok(
      clusteredZ((d) => {
        const t = accounts.get(d.account_id)!.tech_stack;
        return t === null ? null : t.split(";").includes("Salesforce");
      }) > 3,
    );
  });

  it("fills the leaking column after the outcome", () => {
    const leak = split((d) => d.loss_reason_code === null);
    assert.ok(leak.yes[0] > 0.9 && leak.no[1] < 0.1);
  });

  it("writes product use after wins, and none before an account's first win", () => {
    const firstWin = new Map<string, number>();
    for (const d of closed)
      if (d.stage === "Closed Won") firstWin.set(d.account_id, Math.min(firstWin.get(d.account_id) ?? Infinity, dayNumber(d.close_date!)));
    let after = 0;
    for (const batch of sample.events())
      for (const e of batch) {
        if (e.event_type !== "product_active_day") continue;
        const start = firstWin.get(e.account_id);
        assert.ok(start !== undefined && e.ts >= (start + 1) * 86_400, `${e.account_id} uses the product before a win`);
        after++;
      }
    assert.ok(after > 1000);
  });

  it("retains as planted: agencies on HubSpot churn, Snowflake accounts stay", () => {
    // Churn is rarer than losing, so this check needs more accounts (the events are not drawn).
    const big = generateSample({ seed: 7, deals: 20000 });
    const stacks = new Map(big.accounts.map((a) => [a.account_id, a.tech_stack]));
    const churned = (test: (stack: string[]) => boolean) => {
      let n = 0;
      let c = 0;
      for (const r of big.renewals) {
        const t = stacks.get(r.account_id)!;
        if (t === null || !test(t.split(";"))) continue;
        n++;
        if (r.churn_date !== null) c++;
      }
      return wilson(c, n);
    };
    assert.ok(churned((s) => s.includes("HubSpot"))[0] > churned((s) => !s.includes("HubSpot"))[1]);
    assert.ok(churned((s) => s.includes("Snowflake"))[1] < churned((s) => !s.includes("Snowflake"))[0]);
    const end = dayNumber(HISTORY_END);
    for (const r of big.renewals) if (r.churn_date !== null) assert.ok(dayNumber(r.churn_date) <= end && r.churn_date > r.contract_start);
  });

  it("writes a valid dataset.yaml that neither excludes the leak nor reads truth.csv", async () => {
    const dir = fresh();
    await writeSample(dir, { deals: 200, events: 5000, eventsFormat: "csv" });
    const text = readFileSync(join(dir, "dataset.yaml"), "utf8");
    const spec = parseDatasetSpec(text);
    assert.equal(spec.events?.file, "events.csv");
    assert.deepEqual(spec.events?.windows, [30, 90]);
    assert.deepEqual(spec.holdout, { by: "time", last_days: 180 });
    assert.equal(spec.attributes?.budget_confirmed?.criterion, "budget");
    assert.equal(spec.attributes?.[SAMPLE_GROUND_TRUTH.leakingColumn], undefined);
    assert.ok(!text.includes("truth.csv"));
    assert.equal(YAML.parse(text).retention.observed_until, HISTORY_END);
  });

  it("lists every analysable column in the ground truth, and nothing else", async () => {
    const dir = fresh();
    await writeSample(dir, { deals: 100, events: 2000, eventsFormat: "csv" });
    const header = (f: string) => readFileSync(join(dir, f), "utf8").split("\n")[0].split(",");
    const keysAndDates = new Set(["deal_id", "account_id", "stage", "created_date", "close_date", "amount"]);
    const columns = [...header("deals.csv"), ...header("accounts.csv"), ...header("products.csv")].filter((c) => !keysAndDates.has(c));
    const eventTypes = new Set(readFileSync(join(dir, "events.csv"), "utf8").trimEnd().split("\n").slice(1).map((l) => l.split(",")[2]));
    const listed = SAMPLE_GROUND_TRUTH.attributes.map((a) => a.attribute);
    assert.deepEqual(new Set(listed), new Set([...new Set(columns), ...eventTypes]));
  });

  it("rejects wrong command arguments with one clear line", async () => {
    await assert.rejects(runSampleCommand(["--deals", "100"]), /--out is required/);
    await assert.rejects(runSampleCommand(["--out", fresh(), "--deals", "ten"]), /--deals must be a whole number from 1 to 10000000; got ten/);
    await assert.rejects(runSampleCommand(["--out", fresh(), "--events-format", "xlsx"]), /--events-format must be one of parquet, csv; got xlsx/);
    await assert.rejects(runSampleCommand(["--out", fresh(), "--size", "3"]), /sample: unknown option --size; options: --out, --seed, --accounts, --deals, --events, --events-format \(see leadlab sample --help\)$/);
    await assert.rejects(runSampleCommand(["--out", fresh(), "--deals", "0"]), /--deals must be a whole number from 1 to 10000000; got 0/);
  });
});
