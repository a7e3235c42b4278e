import { checkConfidence, checkFinite, checkOutcome, type NumericArray } from "./input-checks";
import { wilsonInterval } from "../stats/wilson";

/** One score group of a lift table, from the highest scores down. */
export interface LiftGroup {
  /** 1 = the highest scores. */
  group: number;
  /** Lowest and highest score in the group. */
  from: number;
  to: number;
  /** The cumulative share of rows this group was asked to reach (e.g. 0.1 for the top decile). */
  targetShare: number;
  n: number;
  wins: number;
  /** Win rate in the group, with its Wilson interval. */
  winRate: number;
  lo: number;
  hi: number;
  /** winRate / overall win rate. */
  lift: number;
  /** Rows in this and all higher groups, and their share of all rows. */
  cumulativeN: number;
  cumulativeShare: number;
  cumulativeWins: number;
  /** Cumulative gains: the share of all wins found in this and all higher groups. */
  gain: number;
  /** Win rate of this and all higher groups, divided by the overall win rate. */
  cumulativeLift: number;
}

/** Options of {@link liftTable}. */
export interface LiftOptions {
  /** Equal-share groups (10 = deciles). Default 10. Ignored when `cuts` is given. */
  groups?: number;
  /**
   * Cumulative shares from the top, strictly increasing in (0, 1): `[0.05, 0.2, 0.5]` gives
   * the top 5 %, the next 15 %, the next 30 % and the rest.
   */
  cuts?: readonly number[];
  /** Level of the Wilson intervals. Default 0.95. */
  confidence?: number;
}

/** A lift and cumulative-gains table. */
export interface LiftTable {
  /** Overall win rate. */
  baseRate: number;
  groups: LiftGroup[];
  warnings: string[];
}

/**
 * Lift and cumulative gains by score group, from the highest scores down: per group its win
 * rate (with a Wilson interval), lift over the overall win rate, and cumulatively the share of
 * rows, the share of all wins captured (gains) and the cumulative lift.
 *
 * Groups are cut by score value, never through a tie: for a cumulative share q the threshold
 * is the score of the ⌈q·n⌉-th highest row and every row scoring at least that is in (so the
 * actual `cumulativeShare` can exceed q when scores tie, as with points-based scorecards;
 * thresholds that coincide merge their groups, with a warning). O(n log n).
 *
 * @param scores higher = more likely to win
 * @param y 1 = won, 0 = lost
 * @example
 * import { liftTable } from "leadlab";
 * const t = liftTable([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], Uint8Array.from([1, 1, 0, 1, 0, 0, 1, 0, 0, 0]), { groups: 2 });
 * t.groups.map((g) => g.lift); // => [1.5, 0.5]
 * t.groups[1].gain; // => 1
 */
export function liftTable(scores: NumericArray, y: Uint8Array, options: LiftOptions = {}): LiftTable {
  const { groups = 10, cuts, confidence = 0.95 } = options;
  const { positives } = checkOutcome("liftTable", y);
  checkFinite("liftTable", "scores", scores, y.length);
  checkConfidence("liftTable", confidence);
  const n = y.length;
  if (n === 0) throw new Error("liftTable: there are no rows");
  let shares: number[];
  if (cuts !== undefined) {
    if (!Array.isArray(cuts)) throw new Error("liftTable: cuts must be an array of cumulative shares, e.g. [0.05, 0.2, 0.5]");
    cuts.forEach((c, k) => {
      if (!(c > 0 && c < 1)) throw new Error(`liftTable: cuts[${k}] is ${c}; cumulative shares must lie strictly between 0 and 1`);
      if (k > 0 && !(c > cuts[k - 1])) throw new Error(`liftTable: cuts must be strictly increasing; got ${cuts[k - 1]} then ${c}`);
    });
    shares = [...cuts];
  } else {
    if (!Number.isInteger(groups) || groups < 1) throw new Error(`liftTable: groups must be a positive integer; got ${groups}`);
    shares = [];
    for (let k = 1; k < groups; k++) shares.push(k / groups);
  }
  shares.push(1);

  // Rows by descending score (ties by row number, which cannot matter: ties stay in one group).
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const sorted = Float64Array.from(idx, (i) => scores[i]);
  const winsSorted = Uint8Array.from(idx, (i) => y[i]);
  // End position (exclusive) of each cumulative group in the descending order, extended over ties.
  const ends: { end: number; share: number }[] = [];
  for (const q of shares) {
    let end = Math.max(1, Math.ceil(q * n - 1e-9));
    const t = sorted[end - 1];
    while (end < n && sorted[end] === t) end++;
    if (ends.length === 0 || end > ends[ends.length - 1].end) ends.push({ end, share: q });
  }
  const warnings: string[] = [];
  if (ends.length < shares.length) {
    warnings.push(`tied scores merged ${shares.length} requested groups into ${ends.length}`);
  }
  if (positives === 0) warnings.push("there are no wins: lift and gains are undefined (NaN)");

  const baseRate = positives / n;
  const out: LiftGroup[] = [];
  let start = 0;
  let cumWins = 0;
  for (let g = 0; g < ends.length; g++) {
    const { end, share } = ends[g];
    let wins = 0;
    for (let k = start; k < end; k++) wins += winsSorted[k];
    cumWins += wins;
    const size = end - start;
    const w = wilsonInterval(wins, size, confidence);
    out.push({
      group: g + 1,
      from: sorted[end - 1],
      to: sorted[start],
      targetShare: share,
      n: size,
      wins,
      winRate: wins / size,
      lo: w.lo,
      hi: w.hi,
      lift: (wins * n) / (size * positives),
      cumulativeN: end,
      cumulativeShare: end / n,
      cumulativeWins: cumWins,
      gain: cumWins / positives,
      cumulativeLift: (cumWins * n) / (end * positives),
    });
    start = end;
  }
  return { baseRate, groups: out, warnings };
}
