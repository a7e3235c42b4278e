import assert from "node:assert/strict";
import { test } from "node:test";
import { DealTable, type AttributeMeta, type Column } from "../../src/data/deal-table";
import { designEffect } from "../../src/stats/design-effect";
import { discoveryAudit } from "../../src/sample/discovery-audit";
import { drivers } from "../../src/drivers/drivers";
import { benjaminiHochberg } from "../../src/stats/fdr";
import { seededRandom } from "../../src/stats/random";

/** A seeded table: `signal` raises the win rate (0.3 → 0.7), `copy` repeats it, `noise*` are independent, `leak` is filled after the outcome. */
function plantedTable(n: number, seed: number, withSignal = true): DealTable {
  const rand = seededRandom(seed);
  const signal: (string | null)[] = [];
  const won = new Uint8Array(n);
  const noise1 = new Float64Array(n);
  const noise2: (boolean | null)[] = [];
  const leak: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    const s = rand() < 0.5 ? "yes" : "no";
    signal.push(s);
    won[i] = rand() < (withSignal ? (s === "yes" ? 0.7 : 0.3) : 0.5) ? 1 : 0;
    noise1[i] = Math.floor(rand() * 1000);
    noise2.push(rand() < 0.5);
    leak.push(won[i] ? null : rand() < 0.97 ? "lost to competitor" : null);
  }
  const meta = (name: string, type: AttributeMeta["type"]): AttributeMeta => ({ name, type, role: "firmographic", source: "spec", table: "deals" });
  const columns: Record<string, Column> = { signal, copy: [...signal], noise1, noise2, leak };
  return new DealTable({
    name: "planted",
    ids: Array.from({ length: n }, (_, i) => `D${i}`),
    won,
    attributes: [meta("signal", "categorical"), meta("copy", "categorical"), meta("noise1", "numeric"), meta("noise2", "boolean"), meta("leak", "categorical")],
    columns,
    holdout: { by: "random", fraction: 0.25, seed: 1 },
  });
}

test("a planted effect is found, the copy is redundant and the post-outcome column is flagged and set aside", () => {
  const r = drivers(plantedTable(3000, 11));
  const by = (name: string) => r.attributes.find((a) => a.name === name)!;
  assert.equal(by("signal").significant, true);
  assert.deepEqual(by("signal").redundantWith, ["copy"]);
  assert.match(by("leak").leakage!, /win rate of 0\.\d%/);
  assert.equal(by("leak").significant, false, "a leaking attribute is set aside, not counted as a driver");
  assert.match(r.verdict, /^\d of 5 attributes predict winning \(q < 0\.05\); 1 flagged as possible leakage and set aside$/);
});

test("q-values are the Benjamini–Hochberg adjustment of every attribute's p-value in the run", () => {
  const r = drivers(plantedTable(800, 5));
  const q = benjaminiHochberg(r.attributes.map((a) => a.p));
  r.attributes.forEach((a, i) => assert.ok(Math.abs(a.q - q[i]) < 1e-12, a.name));
});

test("bins carry exact counts and rates of the rows they hold", () => {
  const t = plantedTable(1000, 3);
  const a = drivers(t).attributes.find((x) => x.name === "noise2")!;
  const trueBin = a.binSet.bins.find((b) => b.label.includes("true"))!;
  const col = t.columns.noise2 as (boolean | null)[];
  let n = 0, w = 0;
  col.forEach((v, i) => {
    if (v === true) {
      n++;
      w += t.won[i];
    }
  });
  assert.deepEqual([trueBin.n, trueBin.events], [n, w]);
  assert.equal(trueBin.rate, w / n);
});

test("on data with no signal the verdict says so", () => {
  const t = plantedTable(2000, 21, false);
  const r = drivers(new DealTable({ ...t, attributes: t.attributes.filter((a) => a.name !== "leak") }));
  assert.equal(r.verdict, "no attribute predicts winning; the data carries no usable signal");
});

test("a customer list (no lost deals) is not analysed for winning, and says why", () => {
  const t = plantedTable(100, 2);
  const r = drivers(new DealTable({ ...t, won: new Uint8Array(100).fill(1) }));
  assert.equal(r.verdict, "nothing can be analysed: every deal is won");
  assert.equal(r.attributes.length, 0);
});

test("design effect: identical rows in clusters of two double the variance; independent rows give 1", () => {
  assert.equal(designEffect(Int32Array.from([0, 0, 0, 0]), Uint8Array.from([1, 1, 0, 0]), Int32Array.from([0, 0, 1, 1])), 2);
  assert.equal(designEffect(Int32Array.from([0, 0, 0, 0]), Uint8Array.from([1, 0, 1, 0]), Int32Array.from([0, 1, 2, 3])), 1);
});

test("discovery audit on a small sample: planted effects found, the leak flagged, shuffled outcomes find nothing", async () => {
  const audit = await discoveryAudit({ seeds: [3], deals: 3000, events: 150000, shuffles: 3 });
  assert.equal(audit.leakFlaggedEvery, true);
  assert.ok(audit.recall >= 0.8, `recall ${audit.recall}`);
  assert.ok(audit.falseDiscoveryShare <= 0.1, `false discoveries ${audit.falseDiscoveryShare}`);
  assert.ok(audit.shufflesClean >= 2, `${audit.shufflesClean} of 3 shuffles clean`);
});

test("a warning names its attribute once", () => {
  // 3 of 1,000 deals have no employee count: the binning warns that the missing bin is tiny.
  const rand = seededRandom(3);
  const n = 1000;
  const employees = Float64Array.from({ length: n }, (_, i) => (i < 3 ? NaN : Math.floor(rand() * 5000)));
  const table = new DealTable({
    name: "tiny-missing",
    ids: Array.from({ length: n }, (_, i) => `D${i}`),
    won: Uint8Array.from(employees, (e) => (rand() < (e > 2500 ? 0.7 : 0.3) ? 1 : 0)),
    attributes: [{ name: "employees", type: "numeric", role: "firmographic", source: "spec", table: "deals" }],
    columns: { employees },
    holdout: { by: "random", fraction: 0.25, seed: 1 },
  });
  const warning = drivers(table).warnings.find((w) => w.includes("the missing bin has only"));
  assert.ok(warning, "the tiny missing bin is warned about");
  assert.match(warning!, /^employees: the missing bin has only \d+ rows/);
});
