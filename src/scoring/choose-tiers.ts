import { wilsonInterval } from "../stats/wilson";

/** A tier as chosen on the training part and measured on the holdout. */
export interface Tier {
  name: string;
  /** Lowest points of the tier; null for the last tier (everything below). */
  minPoints: number | null;
  /** Holdout win rate with its Wilson interval; null when no holdout lead falls in the tier (nothing measured). */
  expectedWinRate: { value: number; lo: number; hi: number } | null;
  shareOfLeads: number;
  shareOfWins: number;
  n: number;
}

/**
 * Tier thresholds from the training scores: the top tier holds the best `capacity` share of
 * leads (or, with `targetWinRate`, the highest-scoring leads whose cumulative win rate still
 * reaches it), the others split the rest equally. Thresholds are whole points (or what `round`
 * makes of a score at the cut, for scores that are not points); each tier's win
 * rate (Wilson interval), share of leads and share of wins are then measured on the holdout.
 *
 * @example
 * import { chooseTiers } from "./choose-tiers";
 * const tiers = chooseTiers([1, 2, 3, 4], Uint8Array.from([0, 0, 1, 1]), [1, 4], Uint8Array.from([0, 1]), ["hot", "cold"], { capacity: 0.5 });
 * tiers.map((t) => [t.name, t.minPoints]); // => [["hot", 3], ["cold", null]]
 */
export function chooseTiers(
  trainPoints: ArrayLike<number>,
  trainWon: Uint8Array,
  testPoints: ArrayLike<number>,
  testWon: Uint8Array,
  names: readonly string[],
  o: { capacity: number; targetWinRate?: number; round?: (cut: number) => number },
): Tier[] {
  const round = o.round ?? Math.round;
  const order = Array.from(trainPoints, (p, i) => [p, trainWon[i]] as const).sort((a, b) => b[0] - a[0]);
  const n = order.length;
  let topShare = o.capacity;
  if (o.targetWinRate !== undefined) {
    let wins = 0, best = 0;
    order.forEach(([, w], i) => {
      wins += w;
      if (i + 1 >= Math.min(30, n) && wins / (i + 1) >= o.targetWinRate!) best = i + 1;
    });
    topShare = Math.max(1, best) / n;
  }
  const shares = [topShare, ...Array.from({ length: names.length - 1 }, () => (1 - topShare) / (names.length - 1))];
  const cuts: number[] = [];
  let cum = 0;
  for (let t = 0; t < names.length - 1; t++) {
    cum += shares[t];
    const k = Math.min(n - 1, Math.max(0, Math.round(cum * n) - 1));
    let cut = order.length ? order[k][0] : 0;
    // Points are whole numbers, so many leads can share the score at the cut: include that lump
    // or leave it to the tier below, whichever puts the tier's share nearer the one asked for.
    if (order.length) {
      let above = k;
      while (above >= 0 && order[above][0] === cut) above--;
      let through = k;
      while (through + 1 < n && order[through + 1][0] === cut) through++;
      const withLump = (through + 1) / n;
      const withoutLump = (above + 1) / n;
      if (above >= 0 && Math.abs(withoutLump - cum) < Math.abs(withLump - cum)) cut = order[above][0];
    }
    cuts.push(round(cut));
  }
  // Thresholds must fall strictly: a tier whose cut equals the one above is empty, not a duplicate.
  for (let t = 1; t < cuts.length; t++) if (cuts[t] >= cuts[t - 1]) cuts[t] = cuts[t - 1] - 1;
  const totalWins = testWon.reduce((s, v) => s + v, 0);
  const m = testPoints.length;
  return names.map((name, t) => {
    const lo = t < cuts.length ? cuts[t] : -Infinity;
    const hi = t === 0 ? Infinity : cuts[t - 1];
    let k = 0, wins = 0;
    for (let i = 0; i < m; i++)
      if (testPoints[i] >= lo && testPoints[i] < hi) {
        k++;
        wins += testWon[i];
      }
    const w = wilsonInterval(wins, k);
    return {
      name,
      minPoints: Number.isFinite(lo) ? lo : null,
      expectedWinRate: k > 0 ? { value: w.rate, lo: w.lo, hi: w.hi } : null,
      shareOfLeads: m ? k / m : 0,
      shareOfWins: totalWins ? wins / totalWins : 0,
      n: k,
    };
  });
}
