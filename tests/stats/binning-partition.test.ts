import assert from "node:assert/strict";
import { test } from "node:test";
import type { Trend } from "../../src/stats/binning/bin";
import { binNumeric } from "../../src/stats/binning/numeric";
import { optimalPartition, type PartitionConstraints } from "../../src/stats/binning/optimal-partition";
import { quantilePreBins } from "../../src/stats/binning/pre-bins";
import { seededRandom } from "../../src/stats/random";
import { woeOfBin } from "../../src/stats/woe";

type Fixed = Exclude<Trend, "auto">;
const TRENDS: Fixed[] = ["ascending", "descending", "peak", "valley", "none"];

/** Does a sequence of rates follow the trend (strictly)? */
function follows(rates: number[], trend: Fixed): boolean {
  const d = rates.slice(1).map((r, i) => Math.sign(r - rates[i]));
  if (trend === "none") return true;
  if (d.includes(0)) return false;
  if (trend === "ascending") return d.every((s) => s > 0);
  if (trend === "descending") return d.every((s) => s < 0);
  const up = trend === "peak" ? 1 : -1;
  const turn = d.findIndex((s) => s !== up);
  return turn < 0 || d.slice(turn).every((s) => s === -up);
}

/** Every partition of k pre-bins into contiguous groups (2^(k−1) of them), checked and scored. */
function bruteForce(n: number[], e: number[], c: PartitionConstraints) {
  const k = n.length;
  const bestByBins = new Map<number, number>();
  for (let mask = 0; mask < 1 << (k - 1); mask++) {
    const ends: number[] = [];
    for (let i = 0; i < k - 1; i++) if (mask & (1 << i)) ends.push(i);
    ends.push(k - 1);
    if (ends.length < 2 || ends.length > c.maxBins) continue;
    let start = 0;
    let ok = true;
    let iv = 0;
    const rates: number[] = [];
    for (const end of ends) {
      let sn = 0;
      let se = 0;
      for (let i = start; i <= end; i++) {
        sn += n[i];
        se += e[i];
      }
      if (sn < c.minBinSize || se < c.minEvents || sn - se < c.minNonEvents) ok = false;
      iv += woeOfBin(se, sn - se, c.totalEvents, c.totalNonEvents, c.smoothing).iv;
      rates.push(se / sn);
      start = end + 1;
    }
    if (!ok || !follows(rates, c.trend)) continue;
    bestByBins.set(ends.length, Math.max(bestByBins.get(ends.length) ?? -Infinity, iv));
  }
  return bestByBins;
}

function check(n: number[], e: number[], c: PartitionConstraints, what: string) {
  const brute = bruteForce(n, e, c);
  const dp = optimalPartition(n, e, c);
  if (brute.size === 0) {
    assert.equal(dp, null, `${what}: no valid partition, DP found ${JSON.stringify(dp)}`);
    return 0;
  }
  assert.ok(dp, `${what}: DP found nothing, brute force found ${[...brute]}`);
  const best = Math.max(...brute.values());
  assert.ok(Math.abs(dp.iv - best) <= 1e-10 * Math.max(1, best), `${what}: DP IV ${dp.iv} vs brute force ${best}`);
  // the DP's partition really is valid, follows the trend and has the IV it claims
  const groups: [number, number][] = [];
  let start = 0;
  for (const end of dp.ends) {
    let sn = 0;
    let se = 0;
    for (let i = start; i <= end; i++) {
      sn += n[i];
      se += e[i];
    }
    groups.push([sn, se]);
    start = end + 1;
  }
  assert.equal(dp.ends[dp.ends.length - 1], n.length - 1);
  assert.ok(groups.length >= 2 && groups.length <= c.maxBins);
  for (const [sn, se] of groups) assert.ok(sn >= c.minBinSize && se >= c.minEvents && sn - se >= c.minNonEvents, what);
  assert.ok(follows(groups.map(([sn, se]) => se / sn), c.trend), `${what}: trend ${c.trend} broken`);
  const iv = groups.reduce((s, [sn, se]) => s + woeOfBin(se, sn - se, c.totalEvents, c.totalNonEvents, c.smoothing).iv, 0);
  assert.ok(Math.abs(iv - dp.iv) < 1e-12 * Math.max(1, iv));
  // fewer bins only when strictly worse
  for (const [g, v] of brute) if (g < groups.length) assert.ok(v < dp.iv, `${what}: ${g} bins reach ${v} ≥ ${dp.iv}`);
  return 1;
}

test("optimalPartition equals a brute-force enumeration on 1500 seeded random cases, every trend", () => {
  const rand = seededRandom(20240611);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  let solved = 0;
  for (let round = 0; round < 1500; round++) {
    const k = int(2, 11);
    const n = Array.from({ length: k }, () => int(1, 60));
    // rates with some structure (so monotone and peaked optima exist) plus noise
    const shape = int(0, 3);
    const e = n.map((m, i) => {
      const base = shape === 0 ? i / k : shape === 1 ? 1 - i / k : shape === 2 ? 1 - Math.abs(i / k - 0.5) * 2 : rand();
      return Math.min(m, Math.max(0, Math.round(m * (0.7 * base + 0.3 * rand()))));
    });
    const E = e.reduce((s, v) => s + v, 0) + int(0, 20);
    const N = n.reduce((s, v) => s + v, 0) - e.reduce((s, v) => s + v, 0) + int(0, 20);
    if (E === 0 || N === 0) continue;
    const c: PartitionConstraints = {
      maxBins: int(2, 6),
      minBinSize: int(1, 90),
      minEvents: int(0, 3),
      minNonEvents: int(0, 3),
      trend: TRENDS[round % TRENDS.length],
      totalEvents: E,
      totalNonEvents: N,
      smoothing: 0.5,
    };
    solved += check(n, e, c, `case ${round} ${JSON.stringify({ n, e, ...c })}`);
  }
  assert.ok(solved > 700, `only ${solved} cases had a valid partition`);
});

test("binNumeric(auto) reaches the brute-force optimum over its pre-bins, picking the simplest trend on ties", () => {
  const rand = seededRandom(99);
  const seen = new Map<string, number>();
  for (let round = 0; round < 40; round++) {
    const rows = 150 + Math.floor(rand() * 400);
    const shape = round % 4;
    const x = new Float64Array(rows);
    const won = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = Math.floor(rand() * 30) * (round % 2 ? 1 : 0.37); // ties, integers or decimals
      x[i] = rand() < 0.05 ? NaN : v;
      const u = v / (round % 2 ? 30 : 11.1);
      const p = shape === 0 ? 0.2 + 0.6 * u : shape === 1 ? 0.8 - 0.6 * u : shape === 2 ? 0.8 - Math.abs(u - 0.5) : 0.5;
      won[i] = rand() < p ? 1 : 0;
    }
    const minBinSize = 20 + Math.floor(rand() * 30);
    const maxPreBins = 8 + Math.floor(rand() * 5);
    const b = binNumeric(x, won, { minBinSize, maxPreBins, maxBins: 5 });
    // rebuild the pre-bins as binNumeric does
    const pairs = Array.from(x, (v, i) => [v, won[i]] as const).filter(([v]) => !Number.isNaN(v)).sort((a, c) => a[0] - c[0]);
    const distinct: number[] = [];
    const cnt: number[] = [];
    const ev: number[] = [];
    for (const [v, y] of pairs) {
      if (distinct[distinct.length - 1] !== v) {
        distinct.push(v);
        cnt.push(0);
        ev.push(0);
      }
      cnt[cnt.length - 1]++;
      ev[ev.length - 1] += y;
    }
    const ends = quantilePreBins(cnt, maxPreBins);
    const pn: number[] = [];
    const pe: number[] = [];
    let d = 0;
    for (const end of ends) {
      let sn = 0;
      let se = 0;
      for (; d <= end; d++) {
        sn += cnt[d];
        se += ev[d];
      }
      pn.push(sn);
      pe.push(se);
    }
    const c = { maxBins: 5, minBinSize, minEvents: 1, minNonEvents: 1, totalEvents: b.events, totalNonEvents: b.nonEvents, smoothing: 0.5 };
    let best = -Infinity;
    let bestTrend = "none";
    for (const trend of ["ascending", "descending", "peak", "valley"] as const) {
      const m = bruteForce(pn, pe, { ...c, trend });
      const v = m.size ? Math.max(...m.values()) : -Infinity;
      if (v > -Infinity && (best === -Infinity || v > best + 1e-12 * Math.max(1, Math.abs(best)))) {
        best = v;
        bestTrend = trend;
      }
    }
    const ranges = b.bins.filter((x) => x.rule.kind === "range");
    const iv = ranges.reduce((s, x) => s + x.iv, 0);
    if (best === -Infinity) {
      assert.equal(ranges.length, 1, `round ${round}: ${JSON.stringify({ pn, pe, c, bins: ranges.map((r) => [r.n, r.events]) })}`);
      assert.match(b.warnings.join(), /no split meets the minimum bin size/);
    } else {
      assert.ok(Math.abs(iv - best) < 1e-10, `round ${round}: ${iv} vs ${best}`);
      assert.equal(b.trend, bestTrend, `round ${round}`);
      assert.ok(follows(ranges.map((x) => x.rate), b.trend!), `round ${round}: rates do not follow ${b.trend}`);
    }
    seen.set(b.trend!, (seen.get(b.trend!) ?? 0) + 1);
  }
  // the cases are not vacuous: several trends win somewhere
  assert.ok(seen.size >= 3, JSON.stringify([...seen]));
});
