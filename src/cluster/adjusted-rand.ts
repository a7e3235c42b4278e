/**
 * Adjusted Rand index (Hubert & Arabie 1985) between two labellings of the same points:
 * 1 for identical partitions (up to renaming), about 0 for independent ones, negative when
 * worse than chance. Computed from the pair-confusion counts exactly as scikit-learn's
 * `adjusted_rand_score` (two partitions that agree on every pair give 1, including the
 * all-in-one and all-apart cases), with exact integer arithmetic. Every distinct value is a
 * label (so -1 is a cluster of its own). Cost O(n + distinct pairs of labels).
 *
 * @example
 * adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]); // => 1
 * adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1]); // => 0.5714285714285714
 */
export function adjustedRandIndex(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number {
  const n = a.length;
  if (b.length !== n) throw new Error(`adjustedRandIndex: labellings differ in length (${n} and ${b.length})`);
  if (n === 0) return 1;
  const rowOf = new Map<number | string, number>();
  const colOf = new Map<number | string, number>();
  const rows: number[] = [];
  const cols: number[] = [];
  const cells = new Map<number, number>();
  const codes = (m: Map<number | string, number>, sizes: number[], v: number | string) => {
    let c = m.get(v);
    if (c === undefined) {
      c = sizes.length;
      m.set(v, c);
      sizes.push(0);
    }
    sizes[c]++;
    return c;
  };
  for (let i = 0; i < n; i++) {
    const r = codes(rowOf, rows, a[i]);
    const c = codes(colOf, cols, b[i]);
    const key = r * n + c;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const big = BigInt;
  let sumSquares = 0n;
  let rowDot = 0n; // Σ n_ij · (size of b-cluster j)
  let colDot = 0n; // Σ n_ij · (size of a-cluster i)
  for (const [key, v] of cells) {
    const r = Math.floor(key / n);
    const c = key - r * n;
    const x = big(v);
    sumSquares += x * x;
    rowDot += x * big(cols[c]);
    colDot += x * big(rows[r]);
  }
  const N = big(n);
  const tp = sumSquares - N;
  const fp = rowDot - sumSquares;
  const fn = colDot - sumSquares;
  const tn = N * N - fp - fn - sumSquares;
  if (fn === 0n && fp === 0n) return 1;
  const num = 2n * (tp * tn - fn * fp);
  const den = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn);
  return bigRatio(num, den);
}

/** num / den as a double, accurate even when both exceed 2^53. */
function bigRatio(num: bigint, den: bigint): number {
  const neg = num < 0n !== den < 0n;
  let p = num < 0n ? -num : num;
  let q = den < 0n ? -den : den;
  // scale both down to at most ~2^60 before dividing
  const shift = Math.max(0, Math.max(p.toString(2).length, q.toString(2).length) - 60);
  if (shift > 0) {
    p >>= BigInt(shift);
    q >>= BigInt(shift);
  }
  const r = Number(p) / Number(q);
  return neg ? -r : r;
}
