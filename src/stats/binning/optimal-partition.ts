import { woeOfBin } from "../woe";
import type { Trend } from "./bin";

/** What a partition of pre-bins into contiguous bins must satisfy. */
export interface PartitionConstraints {
  /** Most bins (≥ 1). */
  maxBins: number;
  /** Least rows per bin. */
  minBinSize: number;
  /** Least events per bin. */
  minEvents: number;
  /** Least non-events per bin. */
  minNonEvents: number;
  /** Trend of the bins' event rates (strict: neighbouring rates must differ). */
  trend: Exclude<Trend, "auto">;
  /** Totals used for WOE shares (they may include rows outside the pre-bins, e.g. missing). */
  totalEvents: number;
  totalNonEvents: number;
  /** WOE smoothing of zero cells. */
  smoothing: number;
}

/** An optimal partition: the last pre-bin of each bin, and the IV of the bins (missing excluded). */
export interface Partition {
  ends: number[];
  iv: number;
}

/**
 * The exact maximum-IV partition of ordered pre-bins into 2..maxBins contiguous bins under
 * size, event and trend constraints, by dynamic programming; null when no partition into two
 * or more bins is valid.
 *
 * IV is additive over bins, and whether a further bin may follow depends only on the last bin's
 * event rate and the trend's phase (rising or falling), so the state is (last bin = pre-bins
 * i..j, number of bins g, phase) and the optimum over prefixes is exact. Trends, all strict:
 * `ascending` r₁ < r₂ < …; `descending` r₁ > r₂ > …; `peak` rises then falls (either part may be
 * empty, so a monotone sequence qualifies); `valley` falls then rises; `none` anything.
 * Rates are compared exactly by cross-multiplying counts. Cost O(k³·maxBins) for k pre-bins.
 * Among partitions of equal IV (within 1e-12 relative) the one with fewer bins wins.
 *
 * @param n rows per pre-bin
 * @param events events per pre-bin
 * @example
 * optimalPartition([50, 50, 50, 50], [10, 12, 30, 32], {
 *   maxBins: 6, minBinSize: 30, minEvents: 1, minNonEvents: 1, trend: "ascending",
 *   totalEvents: 84, totalNonEvents: 116, smoothing: 0.5,
 * })?.ends; // => [0, 1, 2, 3]
 */
export function optimalPartition(n: ArrayLike<number>, events: ArrayLike<number>, c: PartitionConstraints): Partition | null {
  const k = n.length;
  const G = Math.min(c.maxBins, k);
  if (k < 2 || G < 2) return null;
  // group (i..j): counts, validity, value
  const gn = new Float64Array(k * k);
  const ge = new Float64Array(k * k);
  const gv = new Float64Array(k * k).fill(NaN);
  for (let i = 0; i < k; i++) {
    let sn = 0;
    let se = 0;
    for (let j = i; j < k; j++) {
      sn += n[j];
      se += events[j];
      const at = i * k + j;
      gn[at] = sn;
      ge[at] = se;
      if (sn >= c.minBinSize && se >= c.minEvents && sn - se >= c.minNonEvents)
        gv[at] = woeOfBin(se, sn - se, c.totalEvents, c.totalNonEvents, c.smoothing).iv;
    }
  }
  // state (g, i, j, phase) → best IV of a partition of pre-bins 0..j into g bins, the last being i..j
  const S = (g: number, i: number, j: number, ph: number) => (((g - 1) * k + i) * k + j) * 2 + ph;
  const size = G * k * k * 2;
  const best = new Float64Array(size).fill(-Infinity);
  const from = new Int32Array(size).fill(-1);
  for (let j = 0; j < k; j++) if (!Number.isNaN(gv[j])) best[S(1, 0, j, 0)] = gv[j];
  const trend = c.trend;
  for (let g = 1; g < G; g++)
    for (let j = 0; j < k - 1; j++)
      for (let i = 0; i <= j; i++)
        for (let ph = 0; ph < 2; ph++) {
          const here = S(g, i, j, ph);
          const v = best[here];
          if (v === -Infinity) continue;
          const n1 = gn[i * k + j];
          const e1 = ge[i * k + j];
          for (let l = j + 1; l < k; l++) {
            const at = (j + 1) * k + l;
            const add = gv[at];
            if (Number.isNaN(add)) continue;
            const cmp = ge[at] * n1 - e1 * gn[at]; // sign of rate(next) − rate(last)
            const next = nextPhase(trend, ph, cmp);
            if (next < 0) continue;
            const to = S(g + 1, j + 1, l, next);
            if (v + add > best[to]) {
              best[to] = v + add;
              from[to] = here;
            }
          }
        }
  let arg = -1;
  let top = -Infinity;
  for (let g = 2; g <= G; g++)
    for (let i = 1; i < k; i++)
      for (let ph = 0; ph < 2; ph++) {
        const s = S(g, i, k - 1, ph);
        if (best[s] > -Infinity && (arg < 0 || best[s] > top + 1e-12 * Math.max(1, Math.abs(top)))) {
          top = best[s];
          arg = s;
        }
      }
  if (arg < 0) return null;
  const ends: number[] = [];
  for (let s = arg; s >= 0; s = from[s]) ends.push(((s >> 1) % k));
  ends.reverse();
  return { ends, iv: top };
}

/** The phase after a bin whose rate compares to the previous one as `cmp`; −1 if not allowed. */
function nextPhase(trend: Exclude<Trend, "auto">, phase: number, cmp: number): number {
  switch (trend) {
    case "none":
      return 0;
    case "ascending":
      return cmp > 0 ? 0 : -1;
    case "descending":
      return cmp < 0 ? 0 : -1;
    case "peak":
      if (cmp > 0) return phase === 0 ? 0 : -1;
      return cmp < 0 ? 1 : -1;
    case "valley":
      if (cmp < 0) return phase === 0 ? 0 : -1;
      return cmp > 0 ? 1 : -1;
  }
}
