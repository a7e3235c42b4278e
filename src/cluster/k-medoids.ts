import { seededRandom } from "../stats/random";
import { sampleIndices } from "./resample";

/** Options of {@link kMedoids}. */
export interface KMedoidsOptions {
  /**
   * How the first medoids are chosen: `"build"` (PAM BUILD: greedy, deterministic, O(n²k);
   * the default), `"random"` (k distinct points drawn with `seed`), or the k starting medoids
   * themselves (e.g. a prefix of {@link pamBuild} computed once for several k).
   */
  init?: "build" | "random" | ArrayLike<number>;
  /** Seed of the random initialisation (default 1). */
  seed?: number;
  /** Maximum number of passes over the points in the swap phase (default 100). */
  maxPasses?: number;
  /** Multiplicity of each point (e.g. how often a bootstrap drew it); default 1 each. */
  weights?: ArrayLike<number>;
  /** Which points may be medoids (truthy = may); default every point. */
  candidates?: ArrayLike<boolean | number>;
}

/** A k-medoids clustering of the points of a distance matrix. */
export interface KMedoidsResult {
  /** Index (into the matrix) of each cluster's medoid; cluster c is `medoids[c]`. Clusters are numbered by size (weighted), largest first, ties by medoid index. */
  medoids: Int32Array;
  /** Cluster of each point: its nearest medoid, ties to the lower cluster. */
  labels: Int32Array;
  /** Σ weight × distance to the nearest medoid. */
  cost: number;
  /** Passes of the swap phase, and swaps made. */
  passes: number;
  swaps: number;
}

interface ResolvedKMedoidsOptions {
  init: "build" | "random" | Int32Array;
  seed: number;
  maxPasses: number;
  weights: Float64Array;
  candidates: Uint8Array;
}

/** A distance matrix as the typed array the hot loops read (no copy when it already is one). */
export type DistanceMatrix = Float32Array | Float64Array;

/**
 * The matrix as a typed array (no copy for a `Float32Array` or `Float64Array`) and its side n;
 * throws when the length is not a square.
 *
 * @example
 * squareMatrix([0, 1, 1, 0], "demo").n; // => 2
 */
export function squareMatrix(matrix: ArrayLike<number>, what: string): { d: DistanceMatrix; n: number } {
  const d = matrix instanceof Float32Array || matrix instanceof Float64Array ? matrix : Float64Array.from(matrix);
  return { d, n: matrixSide(d, what) };
}

function matrixSide(matrix: ArrayLike<number>, what: string): number {
  const n = Math.round(Math.sqrt(matrix.length));
  if (n * n !== matrix.length) throw new Error(`${what}: the distance matrix must be square (n × n, row-major); got ${matrix.length} entries`);
  return n;
}

/**
 * k-medoids clustering of n points given their full n × n distance matrix (row-major, e.g.
 * from `gowerMatrix`), by FasterPAM (Schubert & Rousseeuw 2021): PAM BUILD (or a seeded random
 * start), then eager swaps — each point in turn is tried as a replacement for the medoid whose
 * swap lowers the total deviation most, until a whole pass finds no improving swap, so no
 * single medoid swap can lower the cost. Clusters are numbered by size, largest first (ties
 * by medoid index). Distances must be finite and ≥ 0. Same matrix and options → same result.
 * Cost O(n²k) for BUILD, O(n²) per swap pass (usually one or two). The inputs are not modified.
 *
 * @example
 * // two groups on a line: {0, 1} and {10, 11}
 * const x = [0, 1, 10, 11];
 * const d = Float32Array.from(x.flatMap((a) => x.map((b) => Math.abs(a - b))));
 * Array.from(kMedoids(d, 2).labels); // => [0, 0, 1, 1]
 */
export function kMedoids(matrix: ArrayLike<number>, k: number, options: KMedoidsOptions = {}): KMedoidsResult {
  const { d, n } = squareMatrix(matrix, "kMedoids");
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`kMedoids: k must be an integer in 1..${n} (the number of points); got ${k}`);
  return kMedoidsResolved(d, n, k, resolveKMedoidsOptions(options, n, k));
}

function resolveKMedoidsOptions(o: KMedoidsOptions, n: number, k: number): ResolvedKMedoidsOptions {
  const candidates = new Uint8Array(n).fill(1);
  if (o.candidates) {
    if (o.candidates.length !== n) throw new Error(`kMedoids: candidates has ${o.candidates.length} values for ${n} points`);
    let count = 0;
    for (let i = 0; i < n; i++) count += candidates[i] = o.candidates[i] ? 1 : 0;
    if (count < k) throw new Error(`kMedoids: only ${count} points may be medoids (candidates); k = ${k} needs at least k`);
  }
  let init: ResolvedKMedoidsOptions["init"];
  const given = o.init ?? "build";
  if (given === "build" || given === "random") init = given;
  else if (typeof given === "object" && given !== null && typeof given.length === "number") {
    init = Int32Array.from(given);
    if (init.length !== k) throw new Error(`kMedoids: init gives ${init.length} starting medoids for k = ${k}`);
    if (new Set(init).size !== k || init.some((m) => !(m >= 0 && m < n)))
      throw new Error(`kMedoids: starting medoids must be ${k} distinct points in 0..${n - 1}; got ${Array.from(given).join(", ")}`);
    const notAllowed = init.find((m) => !candidates[m]);
    if (notAllowed !== undefined) throw new Error(`kMedoids: starting medoid ${notAllowed} is not among the candidates`);
  } else throw new Error(`kMedoids: init must be "build", "random" or the starting medoids; got ${String(given)}`);
  const maxPasses = o.maxPasses ?? 100;
  if (!Number.isInteger(maxPasses) || maxPasses < 0) throw new Error(`kMedoids: maxPasses must be a non-negative integer; got ${maxPasses}`);
  const weights = new Float64Array(n).fill(1);
  if (o.weights) {
    if (o.weights.length !== n) throw new Error(`kMedoids: weights has ${o.weights.length} values for ${n} points`);
    for (let i = 0; i < n; i++) {
      const w = o.weights[i];
      if (!(Number.isFinite(w) && w >= 0)) throw new Error(`kMedoids: weight of point ${i} must be a finite number ≥ 0; got ${w}`);
      weights[i] = w;
    }
  }
  return { init, seed: o.seed ?? 1, maxPasses, weights, candidates };
}

function kMedoidsResolved(d: DistanceMatrix, n: number, k: number, o: ResolvedKMedoidsOptions): KMedoidsResult {
  const w = o.weights;
  const cand = o.candidates;
  let med: Int32Array;
  if (o.init === "build") med = build(d, n, k, w, cand);
  else if (o.init === "random") {
    const pool = Int32Array.from({ length: n }, (_, i) => i).filter((i) => cand[i] === 1);
    med = Int32Array.from(sampleIndices(pool.length, k, seededRandom(o.seed)), (t) => pool[t]);
  } else med = o.init.slice();
  let passes = 0;
  let swaps = 0;
  if (k > 1 && k < n) ({ passes, swaps } = fasterPam(d, n, med, w, cand, o.maxPasses));
  // number the clusters by (weighted) size, largest first, ties by medoid index
  const size = new Float64Array(k);
  for (let i = 0; i < n; i++) size[nearestOf(d, n, med, i)] += w[i];
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => size[b] - size[a] || med[a] - med[b]);
  const medoids = Int32Array.from(order, (c) => med[c]);
  const labels = new Int32Array(n);
  let cost = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bd = Infinity;
    for (let c = 0; c < k; c++) {
      const x = d[i * n + medoids[c]];
      if (x < bd) {
        bd = x;
        best = c;
      }
    }
    labels[i] = best;
    cost += w[i] * bd;
  }
  for (let c = 0; c < k; c++) labels[medoids[c]] = c;
  return { medoids, labels, cost, passes, swaps };
}

function nearestOf(d: DistanceMatrix, n: number, med: Int32Array, i: number): number {
  let best = 0;
  let bd = Infinity;
  for (let c = 0; c < med.length; c++) {
    if (med[c] === i) return c;
    const x = d[i * n + med[c]];
    if (x < bd) {
      bd = x;
      best = c;
    }
  }
  return best;
}

/**
 * PAM BUILD (Kaufman & Rousseeuw): the 1-medoid optimum, then greedily, k − 1 times, the point
 * that lowers the total deviation most; ties to the lower index. Greedy, so the first j medoids
 * of a BUILD for k are the BUILD for j: one call serves every k up to k. Cost O(n²k).
 *
 * @example
 * const x = [0, 1, 10, 11, 30];
 * const d = Float32Array.from(x.flatMap((a) => x.map((b) => Math.abs(a - b))));
 * Array.from(pamBuild(d, 3)); // => [2, 4, 0]
 */
export function pamBuild(
  matrix: ArrayLike<number>,
  k: number,
  options: Pick<KMedoidsOptions, "weights" | "candidates"> = {},
): Int32Array {
  const { d, n } = squareMatrix(matrix, "pamBuild");
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`pamBuild: k must be an integer in 1..${n} (the number of points); got ${k}`);
  const o = resolveKMedoidsOptions({ weights: options.weights, candidates: options.candidates }, n, k);
  return build(d, n, k, o.weights, o.candidates);
}

function build(d: DistanceMatrix, n: number, k: number, w: Float64Array, cand: Uint8Array): Int32Array {
  const med = new Int32Array(k);
  const isMed = new Uint8Array(n);
  const near = new Float64Array(n);
  let best = 0;
  let bestSum = Infinity;
  for (let j = 0; j < n; j++) {
    if (!cand[j]) continue;
    let s = 0;
    const row = j * n;
    for (let i = 0; i < n; i++) s += w[i] * d[row + i];
    if (s < bestSum) {
      bestSum = s;
      best = j;
    }
  }
  med[0] = best;
  isMed[best] = 1;
  for (let i = 0; i < n; i++) near[i] = d[best * n + i];
  for (let c = 1; c < k; c++) {
    let bestGain = -1;
    best = -1;
    for (let j = 0; j < n; j++) {
      if (isMed[j] || !cand[j]) continue;
      let gain = 0;
      const row = j * n;
      for (let i = 0; i < n; i++) {
        const diff = near[i] - d[row + i];
        if (diff > 0) gain += w[i] * diff;
      }
      if (gain > bestGain) {
        bestGain = gain;
        best = j;
      }
    }
    med[c] = best;
    isMed[best] = 1;
    const row = best * n;
    for (let i = 0; i < n; i++) if (d[row + i] < near[i]) near[i] = d[row + i];
  }
  return med;
}

const EPS = 1e-9;

/** FasterPAM swap phase; modifies `med` (a private copy) in place. */
function fasterPam(
  d: DistanceMatrix,
  n: number,
  med: Int32Array,
  w: Float64Array,
  cand: Uint8Array,
  maxPasses: number,
): { passes: number; swaps: number } {
  const k = med.length;
  const nearI = new Int32Array(n);
  const nearD = new Float64Array(n);
  const secoI = new Int32Array(n);
  const secoD = new Float64Array(n);
  const isMed = new Uint8Array(n);
  for (const m of med) isMed[m] = 1;
  for (let o = 0; o < n; o++) {
    let i1 = -1;
    let d1 = Infinity;
    let i2 = -1;
    let d2 = Infinity;
    for (let c = 0; c < k; c++) {
      const x = med[c] === o ? -1 : d[o * n + med[c]]; // a medoid is nearest to itself
      if (x < d1) {
        i2 = i1;
        d2 = d1;
        i1 = c;
        d1 = x;
      } else if (x < d2) {
        i2 = c;
        d2 = x;
      }
    }
    nearI[o] = i1;
    nearD[o] = Math.max(d1, 0);
    secoI[o] = i2;
    secoD[o] = d2;
  }
  const removal = new Float64Array(k);
  const updateRemoval = () => {
    removal.fill(0);
    for (let o = 0; o < n; o++) removal[nearI[o]] += w[o] * (secoD[o] - nearD[o]);
  };
  updateRemoval();
  const ploss = new Float64Array(k);
  const secondNearest = (o: number, nearest: number, b: number, dob: number): void => {
    let si = b;
    let sd = dob;
    for (let c = 0; c < k; c++) {
      if (c === nearest || c === b) continue;
      const x = d[o * n + med[c]];
      if (x < sd) {
        sd = x;
        si = c;
      }
    }
    secoI[o] = si;
    secoD[o] = sd;
  };

  let lastSwap = -1;
  let swaps = 0;
  let passes = 0;
  outer: while (passes < maxPasses) {
    passes++;
    const before = swaps;
    for (let j = 0; j < n; j++) {
      if (j === lastSwap) break outer;
      if (isMed[j] || !cand[j]) continue;
      // best medoid to replace by j
      ploss.set(removal);
      let acc = 0;
      const row = j * n;
      for (let o = 0; o < n; o++) {
        const djo = d[row + o];
        if (djo < nearD[o]) {
          acc += w[o] * (djo - nearD[o]);
          ploss[nearI[o]] += w[o] * (nearD[o] - secoD[o]); // o moves to j anyway: its removal cost goes
        } else if (djo < secoD[o]) {
          ploss[nearI[o]] += w[o] * (djo - secoD[o]);
        }
      }
      let b = 0;
      for (let c = 1; c < k; c++) if (ploss[c] < ploss[b]) b = c;
      if (!(ploss[b] + acc < -EPS)) continue;
      // swap medoid b for j
      swaps++;
      lastSwap = j;
      isMed[med[b]] = 0;
      isMed[j] = 1;
      med[b] = j;
      for (let o = 0; o < n; o++) {
        if (o === j) {
          if (nearI[o] !== b) {
            secoI[o] = nearI[o];
            secoD[o] = nearD[o];
          }
          nearI[o] = b;
          nearD[o] = 0;
          continue;
        }
        const djo = d[row + o];
        if (nearI[o] === b) {
          if (djo < secoD[o]) {
            nearD[o] = djo;
          } else {
            nearI[o] = secoI[o];
            nearD[o] = secoD[o];
            secondNearest(o, nearI[o], b, djo);
          }
        } else if (djo < nearD[o]) {
          secoI[o] = nearI[o];
          secoD[o] = nearD[o];
          nearI[o] = b;
          nearD[o] = djo;
        } else if (djo < secoD[o]) {
          secoI[o] = b;
          secoD[o] = djo;
        } else if (secoI[o] === b) {
          secondNearest(o, nearI[o], b, djo);
        }
      }
      updateRemoval();
    }
    if (swaps === before) break;
  }
  return { passes, swaps };
}
