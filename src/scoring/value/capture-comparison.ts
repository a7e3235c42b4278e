import { gatherNumbers } from "../../data/typed-column";
import { quantiles } from "../../model/quantile-cuts";
import { seededRandom } from "../../stats/random";
import { rankedCapturedShares, rankedValues, rankOrder } from "./captured-share";

/** An estimate with its bootstrap 95 % percentile interval. */
export interface BootstrapInterval {
  value: number;
  lo: number;
  hi: number;
}

/** What the top leads by each ranking hold of one total, and the difference. */
export interface CaptureContrast {
  /** Ranked by expected value. */
  value: BootstrapInterval;
  /** Ranked by win points alone. */
  win: BootstrapInterval;
  /** value − win, with the interval of the paired difference. */
  diff: BootstrapInterval;
}

/** One lead share of {@link compareCapture}. */
export interface CaptureAtShare {
  leadShare: number;
  /** Of won revenue (the amount of won deals). */
  wonRevenue: CaptureContrast;
  /** Of retained revenue (the amount of won deals whose customer is retained), when known. */
  retainedRevenue: CaptureContrast | null;
}

/** Input of {@link compareCapture}: one entry per holdout lead. */
export interface CaptureInput {
  valueScore: ArrayLike<number>;
  winScore: ArrayLike<number>;
  /** Won revenue per lead: the amount when won, else 0. */
  wonRevenue: ArrayLike<number>;
  /** Retained revenue per lead (0 when lost or churned); leads whose retention is unknown are left out through `retainedKnown`. */
  retainedRevenue?: ArrayLike<number>;
  /** Whether each lead counts in the retained-revenue comparison (lost leads and won ones with known retention). */
  retainedKnown?: ArrayLike<boolean>;
  /** The account of each lead (−1: none, a cluster of its own): the bootstrap resamples accounts, not deals. */
  clusters?: ArrayLike<number>;
  shares: readonly number[];
  replicates: number;
  seed: number;
}

/**
 * The share of won revenue (and of retained revenue) the top leads by expected value hold,
 * against the top leads by win points of the same lead share (`capturedShare`), with
 * percentile intervals from a seeded bootstrap of the leads, by account when `clusters` is
 * given (deals of one account move together), the two rankings compared on the same replicates
 * so the difference's interval is paired.
 *
 * @example
 * import { compareCapture } from "./capture-comparison";
 * const c = compareCapture({ valueScore: [4, 3, 2, 1], winScore: [1, 2, 3, 4], wonRevenue: [50, 30, 20, 0], shares: [0.5], replicates: 200, seed: 1 });
 * [c[0].wonRevenue.value.value, c[0].wonRevenue.win.value, c[0].wonRevenue.diff.value]; // => [0.8, 0.2, 0.6000000000000001]
 */
export function compareCapture(input: CaptureInput, elsewhere?: DrawnElsewhere): CaptureAtShare[] {
  const { point, sets, draw } = captureSetup(input);
  const taken = elsewhere?.taken ?? new Int32Array(1);
  const chunks = new Map([...takeChunks(draw, input.replicates, taken), ...(elsewhere?.chunks() ?? [])]);
  // The replicates in their order, chunk after chunk (those taken elsewhere but not given back drawn here).
  const draws = input.shares.map(() => sets.map(() => [[] as number[], [] as number[], [] as number[]]));
  for (let k = 0; k * CAPTURE_CHUNK < input.replicates; k++) {
    const chunk = chunks.get(k) ?? draw(k * CAPTURE_CHUNK, Math.min(input.replicates, (k + 1) * CAPTURE_CHUNK));
    chunk.forEach((bySet, q) => bySet.forEach((byKind, s) => byKind.forEach((xs, i) => draws[q][s][i].push(...xs))));
  }
  const interval = (value: number, xs: number[]): BootstrapInterval => {
    const [lo, hi] = xs.length ? quantiles(xs, [0.025, 0.975]) : [NaN, NaN];
    return { value, lo, hi };
  };
  const contrast = (q: number, s: number): CaptureContrast => {
    const [v, w] = point[q][s];
    return { value: interval(v, draws[q][s][0]), win: interval(w, draws[q][s][1]), diff: interval(v - w, draws[q][s][2]) };
  };
  return input.shares.map((leadShare, q) => ({ leadShare, wonRevenue: contrast(q, 0), retainedRevenue: sets.length > 1 ? contrast(q, 1) : null }));
}

/** Per lead share, per total (won, retained), the replicates' shares: ranked by value, by win points, and their difference (replicates whose share is undefined left out). */
export type CaptureDraws = number[][][][];

/** How many replicates a thread draws at a time when two threads draw one bootstrap. */
const CAPTURE_CHUNK = 50;

/** Chunks of a bootstrap's replicates drawn on one thread: each chunk's number (chunk k holds replicates 50k to 50k + 49) and its draws. */
export type CaptureChunks = [number, CaptureDraws][];

/** The part of {@link compareCapture}'s bootstrap another thread draws meanwhile ({@link captureChunksTaken}), taking chunks of replicates by the same shared counter. */
export interface DrawnElsewhere {
  /** How many chunks have been taken, here or there (shared). */
  taken: Int32Array;
  chunks(): CaptureChunks;
}

/**
 * The chunks of {@link compareCapture}'s bootstrap this thread takes, the next not taken by the
 * shared counter `taken` each time, until none is left: the same numbers as there, whichever
 * thread draws them (each replicate draws as many accounts as there are, so the seeded sequence
 * is advanced to where a chunk starts). Two threads drawing one bootstrap so finish together.
 *
 * @example
 * import { captureChunksTaken, compareCapture } from "./capture-comparison";
 * const input = { valueScore: [4, 3, 2, 1], winScore: [1, 2, 3, 4], wonRevenue: [50, 30, 20, 0], shares: [0.5], replicates: 200, seed: 1 };
 * const taken = Int32Array.of(1); // as if another thread had taken chunk 0, and failed
 * const there = captureChunksTaken(input, taken); // chunks 1, 2 and 3: none is left
 * // compareCapture merges them in order, and draws chunk 0, not given back, itself:
 * JSON.stringify(compareCapture(input, { taken, chunks: () => there })) === JSON.stringify(compareCapture(input)); // => true
 */
export function captureChunksTaken(input: CaptureInput, taken: Int32Array): CaptureChunks {
  return takeChunks(captureSetup(input).draw, input.replicates, taken);
}

/** Draws the chunks of `replicates` replicates this thread takes by the shared counter. */
function takeChunks(draw: (from: number, to: number) => CaptureDraws, replicates: number, taken: Int32Array): CaptureChunks {
  const chunks: CaptureChunks = [];
  for (let k = Atomics.add(taken, 0, 1); k * CAPTURE_CHUNK < replicates; k = Atomics.add(taken, 0, 1))
    chunks.push([k, draw(k * CAPTURE_CHUNK, Math.min(replicates, (k + 1) * CAPTURE_CHUNK))]);
  return chunks;
}

/** The point estimates, the sets compared, and the drawing of replicates, of {@link compareCapture}. */
function captureSetup(input: CaptureInput) {
  const m = input.valueScore.length;
  const retainedIndex = input.retainedRevenue ? Array.from({ length: m }, (_, i) => i).filter((i) => !input.retainedKnown || input.retainedKnown[i]) : [];
  const sub = (xs: ArrayLike<number>) => gatherNumbers(xs, retainedIndex);
  const sets = [
    { score: [input.valueScore, input.winScore], value: input.wonRevenue, map: null as number[] | null },
    ...(input.retainedRevenue ? [{ score: [sub(input.valueScore), sub(input.winScore)], value: sub(input.retainedRevenue), map: retainedIndex }] : []),
  ].map((s) => ({
    ...s,
    ranked: s.score.map((score) => {
      const ranked = rankedValues(score, rankOrder(score), s.value);
      // each ranked lead's index among all leads, where a replicate's weights are
      const map = s.map;
      return { ranked, lead: map ? Int32Array.from(ranked.order, (i) => map[i]) : ranked.order };
    }),
  }));
  // per lead share, per set, per score (value, win): one pass over each ranking for all shares
  const estimate = (weights?: Float64Array) => {
    const bySet = sets.map((s) => {
      // The set's leads' total weight, the same for both rankings (whole numbers: exact in any order).
      let leads = s.value.length;
      if (weights) {
        leads = 0;
        if (s.map) for (const i of s.map) leads += weights[i];
        else for (let i = 0; i < m; i++) leads += weights[i];
      }
      return s.ranked.map(({ ranked, lead }) => rankedCapturedShares(ranked, input.shares, weights, lead, leads));
    });
    return input.shares.map((_, q) => bySet.map((byScore) => byScore.map((shares) => shares[q])));
  };
  // Clusters: every lead of an account is drawn together; a lead without an account is its own.
  const clusterOf = new Int32Array(m);
  const ids = new Map<number, number>();
  let count = 0;
  for (let i = 0; i < m; i++) {
    const c = input.clusters ? input.clusters[i] : -1;
    if (c < 0) clusterOf[i] = count++;
    else {
      if (!ids.has(c)) ids.set(c, count++);
      clusterOf[i] = ids.get(c)!;
    }
  }
  // Each cluster's leads, as one list cut at `start` (cluster c holds members[start[c] … start[c + 1]]).
  const start = new Int32Array(count + 1);
  for (let i = 0; i < m; i++) start[clusterOf[i] + 1]++;
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const members = new Int32Array(m);
  const filled = start.slice(0, count);
  for (let i = 0; i < m; i++) members[filled[clusterOf[i]]++] = i;
  // The seeded sequence, at the start of replicate `at`: chunks drawn in order only advance it.
  let rand = seededRandom(input.seed);
  let at = 0;
  const draw = (from: number, to: number): CaptureDraws => {
    if (from < at) [rand, at] = [seededRandom(input.seed), 0];
    for (let skip = (from - at) * count; skip > 0; skip--) rand();
    at = to;
    const draws = input.shares.map(() => sets.map(() => [[] as number[], [] as number[], [] as number[]]));
    const weights = new Float64Array(m);
    for (let b = from; b < to; b++) {
      weights.fill(0);
      for (let k = 0; k < count; k++) {
        const c = Math.floor(rand() * count);
        for (let j = start[c]; j < start[c + 1]; j++) weights[members[j]]++;
      }
      estimate(weights).forEach((bySet, q) =>
        bySet.forEach(([v, w], s) => {
          if (Number.isNaN(v) || Number.isNaN(w)) return;
          draws[q][s][0].push(v);
          draws[q][s][1].push(w);
          draws[q][s][2].push(v - w);
        }),
      );
    }
    return draws;
  };
  return { point: estimate(), sets, draw };
}
