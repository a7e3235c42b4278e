/**
 * Benjamini–Hochberg false-discovery-rate q-values (adjusted p-values):
 * q_(i) = min over j ≥ i of min(1, p_(j) · m / j) for p sorted ascending, so q is monotone in p,
 * q ≥ p and q ≤ 1. Rejecting every hypothesis with q ≤ α controls the FDR at α under
 * independence or positive dependence. NaN p-values get NaN q-values and are not counted in m.
 * Same as statsmodels' `multipletests(p, method="fdr_bh")[1]`.
 *
 * @param p p-values in [0, 1] (or NaN)
 * @returns q-values in the order of `p`
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, NaN]); // => Float64Array [0.03, 0.04, 0.04, NaN]
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const q = new Float64Array(p.length).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (Number.isNaN(v)) continue;
    if (!(v >= 0 && v <= 1)) throw new Error(`benjaminiHochberg: p-values must be in [0, 1]; p[${i}] = ${v}`);
    idx.push(i);
  }
  idx.sort((a, b) => p[a] - p[b] || a - b);
  const m = idx.length;
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = idx[r];
    running = Math.min(running, p[i] * (m / (r + 1))); // m/(r+1) ≥ 1 keeps q ≥ p exactly
    q[i] = running;
  }
  return q;
}
