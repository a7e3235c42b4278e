import { independenceTest } from "../independence-test";
import { bandOrder } from "./band-order";
import { binStats, outcomeOf, type Bin, type BinRule, type BinSet, type Outcome, finishBinSet } from "./bin";
import { binLabel } from "./labels";
import { resolveCategoricalOptions, type CategoricalBinningOptions } from "./options";
import { smallBinWarning } from "./small-bin-warning";

interface Group {
  values: string[];
  n: number;
  events: number;
}

/**
 * More rare levels than this (each under `minBinSize`) are grouped by their win rate instead of
 * pooled into `other`: a handful of rare levels pooled lose little, but hundreds of codes (the
 * owners of a CRM's deals, campaigns, countries) pooled lose most of what the column says.
 */
const MANY_RARE_LEVELS = 20;

/**
 * The weight, in deals, of the attribute's overall win rate in the rate a level is sorted by
 * when rare levels are grouped: (wins + m · overall rate) / (deals + m), so a level of two deals
 * won sits near the overall rate rather than at 100 % (an m-estimate).
 */
const RATE_PRIOR_DEALS = 20;

/**
 * Supervised binning of a categorical attribute against a binary outcome.
 *
 * 1. Levels with fewer than `minBinSize` rows (default max(5 % of non-missing rows, 30)) go to
 *    an explicit `other` bin, which lists them (`members`) and also receives, when the bins are
 *    applied, every level never seen; if no level is rare there is no `other` bin. With more
 *    than {@link MANY_RARE_LEVELS} rare levels (a column of hundreds of codes), they are grouped
 *    instead: every level is ordered by its win rate drawn toward the attribute's overall rate
 *    (an m-estimate of {@link RATE_PRIOR_DEALS} deals) and merged as in 2, a group also being too
 *    small while under `minBinSize` rows; the `other` bin is then empty and takes the levels
 *    never seen, at no points. null is missing and has its own bin, always present (possibly empty).
 * 2. With `merge` (default true) the remaining levels are ordered by win rate (or, when every
 *    level names a band of a number, "1-10", "11-50", "51+", by the bands: see {@link bandOrder})
 *    and neighbours are merged, the most similar pair first (highest p of {@link independenceTest} on their 2×2
 *    won/lost table: Pearson chi-square, or Fisher's exact test when expected counts are small),
 *    while (a) a group has fewer than `minEvents` wins or `minNonEvents` losses (it is merged
 *    with its more similar neighbour), (b) there are more than `maxBins` groups, or (c) some
 *    neighbouring pair has p > `alpha` (0.05). `other` and `missing` are never merged.
 * 3. Bins are in that order (win rate, or the bands'), then `other`, then `missing`; a set's
 *    values are sorted (as text, or in the bands' order).
 *
 * Levels are compared exactly as text (no trimming or case folding). The input is not modified.
 *
 * @param values the attribute (null = missing)
 * @param outcome 1/true = won (or retained), 0/false = lost; other values leave the row out
 * @example
 * const industry = [...Array(60).fill("SaaS"), ...Array(60).fill("Retail"), "Mining"];
 * const won = [...Array(60).fill(0).map((_, i) => (i < 45 ? 1 : 0)), ...Array(60).fill(0).map((_, i) => (i < 15 ? 1 : 0)), 1];
 * binCategorical(industry, won, { name: "industry" }).bins.map((b) => b.label); // => ["Retail", "SaaS", "other (1 value)", "missing"]
 */
export function binCategorical(values: ArrayLike<string | null | undefined>, outcome: Outcome, options: CategoricalBinningOptions = {}): BinSet {
  if (values.length !== outcome.length) throw new Error(`binCategorical: values has ${values.length} rows but outcome has ${outcome.length}`);
  const levels = new Map<string, Group>();
  let missE = 0;
  let missN = 0;
  let ignored = 0;
  for (let i = 0; i < values.length; i++) {
    const y = outcomeOf(outcome[i]);
    if (y < 0) {
      ignored++;
      continue;
    }
    const v = values[i];
    if (v === null || v === undefined) {
      if (y === 1) missE++;
      else missN++;
      continue;
    }
    if (typeof v !== "string") throw new Error(`binCategorical: values must be strings or null; row ${i} is ${typeof v} ${String(v)}`);
    let g = levels.get(v);
    if (!g) levels.set(v, (g = { values: [v], n: 0, events: 0 }));
    g.n++;
    g.events += y;
  }
  let nonMissing = 0;
  for (const g of levels.values()) nonMissing += g.n;
  const o = resolveCategoricalOptions(options, nonMissing);
  const warnings: string[] = [];
  const big: Group[] = [];
  const other: Group = { values: [], n: 0, events: 0 };
  let rare = 0;
  for (const g of levels.values()) if (g.n < o.minBinSize) rare++;
  const grouped = rare > MANY_RARE_LEVELS && o.merge;
  for (const g of levels.values()) {
    if (g.n >= o.minBinSize || grouped) big.push(g);
    else {
      other.values.push(g.values[0]);
      other.n += g.n;
      other.events += g.events;
    }
  }
  other.values.sort(compareText);
  // Levels that name bands of a number keep the bands' order: groups, and the values of a set.
  const bands = bandOrder([...levels.keys()]);
  const place = new Map(bands?.map((level, i) => [level, i]));
  const inOrder = (a: string, b: string) => (bands ? place.get(a)! - place.get(b)! : compareText(a, b));
  if (bands) big.sort((a, b) => inOrder(a.values[0], b.values[0]));
  else {
    const overall = big.reduce((s, g) => s + g.events, 0) / Math.max(1, big.reduce((s, g) => s + g.n, 0));
    const rate = grouped ? (g: Group) => (g.events + RATE_PRIOR_DEALS * overall) / (g.n + RATE_PRIOR_DEALS) : (g: Group) => g.events / g.n;
    big.sort((a, b) => rate(a) - rate(b) || compareText(a.values[0], b.values[0]));
  }
  const groups = o.merge ? mergeNeighbours(big, o.maxBins, o.minEvents, o.minNonEvents, o.alpha, grouped ? o.minBinSize : 0) : big;
  if (groups.length === 0 && nonMissing > 0)
    warnings.push(`${o.name}: no level has the minimum bin size (${o.minBinSize}); all ${levels.size} levels are in "other"`);
  if (other.values.length > 0 && other.n < o.minBinSize)
    warnings.push(smallBinWarning(o.name, 'the "other" bin', other.n, o.minBinSize));
  if (missE + missN > 0 && missE + missN < o.minBinSize)
    warnings.push(smallBinWarning(o.name, "the missing bin", missE + missN, o.minBinSize));
  const rules: BinRule[] = groups.map((g) => ({ kind: "set", values: [...g.values].sort(inOrder) }));
  const e = groups.map((g) => g.events);
  const ne = groups.map((g) => g.n - g.events);
  if (other.values.length > 0 || grouped) {
    rules.push({ kind: "other", members: other.values });
    e.push(other.events);
    ne.push(other.n - other.events);
  }
  rules.push({ kind: "missing" });
  e.push(missE);
  ne.push(missN);
  const stats = binStats(e, ne, o.smoothing, o.confidence);
  const bins: Bin[] = rules.map((rule, i) => ({ rule, label: binLabel(rule, o.name), ...stats[i] }));
  const E = e.reduce((s, v) => s + v, 0);
  const N = ne.reduce((s, v) => s + v, 0);
  return finishBinSet({
    name: o.name,
    type: "categorical",
    bins,
    events: E,
    nonEvents: N,
    ignored,
    minBinSize: o.minBinSize,
    warnings,
  });
}

/** Merges neighbouring groups (sorted by rate or by band) as described in {@link binCategorical}; a group under `minSize` rows is too small too. */
function mergeNeighbours(sorted: Group[], maxBins: number, minEvents: number, minNonEvents: number, alpha: number, minSize: number): Group[] {
  const groups = sorted.map((g) => ({ ...g, values: [...g.values] }));
  const pOf = (a: Group, b: Group) =>
    independenceTest([
      [a.events, a.n - a.events],
      [b.events, b.n - b.events],
    ]).p;
  const weak = (g: Group) => g.events < minEvents || g.n - g.events < minNonEvents || g.n < minSize;
  while (groups.length > 1) {
    const p = groups.slice(1).map((g, i) => pOf(groups[i], g));
    let pair = -1;
    const w = groups.findIndex(weak);
    if (w >= 0) {
      // merge the weak group with its more similar neighbour
      if (w === 0) pair = 0;
      else if (w === groups.length - 1) pair = w - 1;
      else pair = p[w - 1] >= p[w] ? w - 1 : w;
    } else {
      let best = 0;
      for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
      if (groups.length > maxBins || p[best] > alpha) pair = best;
    }
    if (pair < 0) break;
    const a = groups[pair];
    const b = groups[pair + 1];
    groups.splice(pair, 2, { values: [...a.values, ...b.values], n: a.n + b.n, events: a.events + b.events });
  }
  return groups;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
