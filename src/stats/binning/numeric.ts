import { fewValues, type FewValues } from "../few-values";
import { binStats, outcomeOf, type Bin, type BinRule, type BinSet, type Outcome, type Trend, finishBinSet } from "./bin";
import { niceCut } from "./cut-points";
import { binLabel, type NumberStyle } from "./labels";
import { optimalPartition, type Partition } from "./optimal-partition";
import { resolveNumericOptions, type NumericBinningOptions, type ResolvedNumericOptions } from "./options";
import { quantilePreBins } from "./pre-bins";
import { smallBinWarning } from "./small-bin-warning";

/** The trends `auto` tries, simplest first (a later one must beat an earlier one strictly). */
const AUTO_TRENDS = ["ascending", "descending", "peak", "valley"] as const;

/**
 * Supervised binning of a numeric attribute against a binary outcome, maximising information value.
 *
 * 1. Values are sorted once (typed arrays); NaN is missing and goes to its own `missing` bin,
 *    always present (possibly empty) and never merged.
 * 2. Up to `maxPreBins` (20) quantile pre-bins are formed on the distinct values, ties kept together.
 * 3. The pre-bins are grouped into at most `maxBins` (6) contiguous bins by the exact
 *    maximum-IV partition (dynamic programming, {@link optimalPartition}) such that every bin has
 *    ≥ `minBinSize` rows (default max(5 % of non-missing rows, 30)), ≥ `minEvents` wins and
 *    ≥ `minNonEvents` losses (default 0 each: pure bins are allowed), and the bins' win rates follow `trend`:
 *    `ascending`, `descending`, `peak` (rises then falls), `valley` (falls then rises), `none`,
 *    or `auto` (default), which solves ascending, descending, peak and valley and keeps the
 *    highest IV, ties going to the simpler trend in that order.
 * 4. If no partition into two or more bins is valid, one bin is returned with a warning
 *    ("no split meets the minimum bin size …").
 *
 * Bins are half-open ranges [lo, hi) with −Infinity and Infinity at the edges; each cut is the
 * roundest number between the neighbouring observed values ({@link niceCut}), so labels read
 * `< 50`, `50–199`, `≥ 2000`. With `dates: true` the cuts are observed values and labels ISO dates.
 * Rows whose outcome is neither 0 nor 1 are left out (`ignored`). The input is not modified.
 *
 * @param values the attribute (NaN = missing)
 * @param outcome 1/true = won (or retained), 0/false = lost; other values leave the row out
 * @example
 * const x = Float64Array.from({ length: 400 }, (_, i) => i);
 * const won = Uint8Array.from({ length: 400 }, (_, i) => (i % 10 < i / 40 ? 1 : 0));
 * const b = binNumeric(x, won, { name: "employees" });
 * b.trend; // => "ascending"
 * b.bins.map((x) => x.label); // => ["< 40", "40–119", "120–239", "240–319", "320–359", "≥ 360", "missing"]
 */
export function binNumeric(values: ArrayLike<number>, outcome: Outcome, options: NumericBinningOptions = {}): BinSet {
  if (values.length !== outcome.length) throw new Error(`binNumeric: values has ${values.length} rows but outcome has ${outcome.length}`);
  return binSortedByOutcome(sortByOutcome(values, outcome), options);
}

/** A numeric attribute's known values split by outcome and sorted, with the missing values' outcomes: what {@link binNumeric} bins. */
export interface SortedByOutcome {
  /** The known values of the rows won (outcome 1), ascending. */
  wins: Float64Array;
  /** The known values of the rows lost (outcome 0), ascending. */
  losses: Float64Array;
  /** Missing values (NaN) won and lost. */
  missE: number;
  missN: number;
  /** Rows whose outcome is neither 0 nor 1. */
  ignored: number;
}

/**
 * Splits the known values by outcome and sorts each part natively (typed arrays): the first step
 * of {@link binNumeric}, for a caller that needs the sorted values too (the drivers' raw levels).
 *
 * @example
 * import { sortByOutcome } from "./numeric";
 * const s = sortByOutcome(Float64Array.of(3, 1, NaN, 2), Uint8Array.of(1, 0, 1, 1));
 * [Array.from(s.wins), Array.from(s.losses), s.missE, s.missN]; // => [[2, 3], [1], 1, 0]
 */
export function sortByOutcome(values: ArrayLike<number>, outcome: Outcome): SortedByOutcome {
  let nWin = 0;
  let nLoss = 0;
  let missE = 0;
  let missN = 0;
  let ignored = 0;
  const ys = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const y = (ys[i] = outcomeOf(outcome[i]));
    if (y < 0) ignored++;
    else if (Number.isNaN(values[i])) {
      if (y === 1) missE++;
      else missN++;
    } else if (y === 1) nWin++;
    else nLoss++;
  }
  const wins = new Float64Array(nWin);
  const losses = new Float64Array(nLoss);
  const few = fewValues(values);
  if (few) {
    fillCounted(values, ys, few, wins, losses);
    return { wins, losses, missE, missN, ignored };
  }
  for (let i = 0, a = 0, b = 0; i < values.length; i++) {
    const y = ys[i];
    const v = values[i];
    if (y < 0 || Number.isNaN(v)) continue;
    if (y === 1) wins[a++] = v;
    else losses[b++] = v;
  }
  return { wins: wins.sort(), losses: losses.sort(), missE, missN, ignored };
}

/**
 * Fills `wins` and `losses` with the known values of each outcome in a typed array's sort order,
 * for values of a few distinct kinds (a count, a flag): by how many of each there are, without
 * sorting. −0, which the grouping counts as 0, goes first among them, as a sort puts it.
 */
function fillCounted(values: ArrayLike<number>, ys: Int8Array, few: FewValues, wins: Float64Array, losses: Float64Array): void {
  const m = few.values.length;
  // Per value and outcome (0 loss, 1 win), how many; and the negative zeros apart.
  const counts = [new Float64Array(m), new Float64Array(m)];
  const negativeZeros = [0, 0];
  for (let i = 0; i < values.length; i++) {
    const y = ys[i];
    if (y < 0) continue;
    counts[y][few.groupOf[i]]++;
    if (Object.is(values[i], -0)) negativeZeros[y]++;
  }
  [losses, wins].forEach((out, y) => {
    let k = 0;
    for (let g = 0; g < m; g++) {
      const v = few.values[g];
      if (Number.isNaN(v)) continue;
      let c = counts[y][g];
      if (v === 0) for (; negativeZeros[y] > 0; negativeZeros[y]--, c--) out[k++] = -0;
      for (const x = v === 0 ? 0 : v; c > 0; c--) out[k++] = x;
    }
  });
}

/**
 * Every known value, ascending (as a typed-array sort orders them, −0 before 0): the two sorted
 * parts merged.
 *
 * @example
 * import { knownValues, sortByOutcome } from "./numeric";
 * Array.from(knownValues(sortByOutcome(Float64Array.of(3, 1, NaN, 2, 1), Uint8Array.of(1, 0, 1, 1, 1)))); // => [1, 1, 2, 3]
 */
export function knownValues(sorted: SortedByOutcome): Float64Array {
  const { wins, losses } = sorted;
  const out = new Float64Array(wins.length + losses.length);
  for (let a = 0, b = 0, k = 0; k < out.length; k++) {
    const fromWins = b >= losses.length || (a < wins.length && (wins[a] < losses[b] || (wins[a] === losses[b] && !(Object.is(losses[b], -0) && !Object.is(wins[a], -0)))));
    out[k] = fromWins ? wins[a++] : losses[b++];
  }
  return out;
}

/** {@link binNumeric} from the values already split by outcome and sorted ({@link sortByOutcome}). */
export function binSortedByOutcome(sorted: SortedByOutcome, options: NumericBinningOptions = {}): BinSet {
  const { wins, losses, missE, missN, ignored } = sorted;
  const nWin = wins.length;
  const nLoss = losses.length;
  // distinct values with their counts
  const size = nWin + nLoss;
  const distinctAll = new Float64Array(size);
  const cntAll = new Float64Array(size);
  const evAll = new Float64Array(size);
  let k = 0;
  for (let a = 0, b = 0; a < nWin || b < nLoss; k++) {
    const v = b >= nLoss || (a < nWin && wins[a] <= losses[b]) ? wins[a] : losses[b];
    let e = 0;
    let c = 0;
    while (a < nWin && wins[a] === v) {
      a++;
      e++;
    }
    while (b < nLoss && losses[b] === v) {
      b++;
      c++;
    }
    distinctAll[k] = v;
    cntAll[k] = e + c;
    evAll[k] = e;
  }
  const distinct = distinctAll.subarray(0, k);
  const cnt = cntAll.subarray(0, k);
  const ev = evAll.subarray(0, k);
  const o = resolveNumericOptions(options, nWin + nLoss);
  return binFromDistinct(distinct, cnt, ev, missE, missN, ignored, o);
}

function binFromDistinct(
  distinct: Float64Array,
  cnt: Float64Array,
  ev: Float64Array,
  missE: number,
  missN: number,
  ignored: number,
  o: ResolvedNumericOptions,
): BinSet {
  const warnings: string[] = [];
  let E = missE;
  let N = missN;
  for (let d = 0; d < cnt.length; d++) {
    E += ev[d];
    N += cnt[d] - ev[d];
  }
  const ends = quantilePreBins(cnt, o.maxPreBins);
  const pn = new Float64Array(ends.length);
  const pe = new Float64Array(ends.length);
  for (let p = 0, d = 0; p < ends.length; p++)
    for (; d <= ends[p]; d++) {
      pn[p] += cnt[d];
      pe[p] += ev[d];
    }
  const constraints = {
    maxBins: o.maxBins,
    minBinSize: o.minBinSize,
    minEvents: o.minEvents,
    minNonEvents: o.minNonEvents,
    totalEvents: E,
    totalNonEvents: N,
    smoothing: o.smoothing,
  };
  let trend: Exclude<Trend, "auto"> = o.trend === "auto" ? "ascending" : o.trend;
  let part: Partition | null = null;
  if (distinct.length === 0) warnings.push(`${o.name}: no non-missing values`);
  else if (o.trend === "auto") {
    for (const t of AUTO_TRENDS) {
      const p = optimalPartition(pn, pe, { ...constraints, trend: t });
      if (p && (!part || p.iv > part.iv + 1e-12 * Math.max(1, part.iv))) {
        part = p;
        trend = t;
      }
    }
  } else part = optimalPartition(pn, pe, { ...constraints, trend });
  if (distinct.length > 0 && !part && o.maxBins === 1) trend = "none";
  else if (distinct.length > 0 && !part) {
    const why = [`the minimum bin size (${o.minBinSize})`];
    if (o.minEvents > 0 || o.minNonEvents > 0) why.push(`at least ${o.minEvents} win(s) and ${o.minNonEvents} loss(es) per bin`);
    if (trend !== "none") why.push(`a${o.trend === "auto" ? " monotone, peak or valley" : ` ${trend}`} trend`);
    warnings.push(`${o.name}: no split meets ${why.join(", ")}: one bin`);
    trend = o.trend === "auto" ? "none" : o.trend;
  }
  // pre-bin ends → distinct-value ends of each bin
  const binEnds = part ? part.ends.map((p) => ends[p]) : distinct.length ? [distinct.length - 1] : [];
  const integer = distinct.every((v) => Number.isInteger(v));
  const cuts: number[] = [];
  for (let b = 0; b + 1 < binEnds.length; b++) {
    const a = distinct[binEnds[b]];
    const next = distinct[binEnds[b] + 1];
    cuts.push(o.dates ? next : niceCut(a, next));
  }
  const style: NumberStyle = o.dates ? "date" : integer && cuts.every(Number.isInteger) ? "integer" : "decimal";
  const rules: BinRule[] = [];
  const e: number[] = [];
  const ne: number[] = [];
  const edges = [-Infinity, ...cuts, Infinity];
  for (let b = 0, d = 0; b < Math.max(1, binEnds.length); b++) {
    rules.push({ kind: "range", lo: edges[b], hi: edges[b + 1], loInclusive: true, hiInclusive: edges[b + 1] === Infinity });
    let sn = 0;
    let se = 0;
    const last = binEnds.length ? binEnds[b] : -1;
    for (; d <= last; d++) {
      sn += cnt[d];
      se += ev[d];
    }
    e.push(se);
    ne.push(sn - se);
  }
  rules.push({ kind: "missing" });
  e.push(missE);
  ne.push(missN);
  const stats = binStats(e, ne, o.smoothing, o.confidence);
  const bins: Bin[] = rules.map((rule, i) => ({ rule, label: binLabel(rule, o.name, style), ...stats[i] }));
  for (const b of bins)
    if (b.rule.kind === "missing" && b.n > 0 && b.n < o.minBinSize)
      warnings.push(smallBinWarning(o.name, "the missing bin", b.n, o.minBinSize));
  return finishBinSet({
    name: o.name,
    type: "numeric",
    bins,
    events: E,
    nonEvents: N,
    ignored,
    minBinSize: o.minBinSize,
    trend,
    warnings,
  });
}
