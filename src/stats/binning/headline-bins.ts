import type { Bin, BinSet } from "./bin";

/** A bin is large enough to headline with at least this many rows… */
export const HEADLINE_MIN_ROWS = 30;
/** …and this share of the set's rows. */
export const HEADLINE_MIN_SHARE = 0.01;

/**
 * The bins with the highest and the lowest event rate, to headline an attribute: among the bins
 * large enough to read ({@link HEADLINE_MIN_ROWS} rows and {@link HEADLINE_MIN_SHARE} of the
 * set's), so a missing bin of three deals that all won never leads; among every non-empty bin
 * when fewer than two are that large. Undefined when no bin has a row.
 *
 * @example
 * import { headlineBins } from "./headline-bins";
 * const bin = (label: string, n: number, rate: number) => ({ label, n, rate });
 * const set = { n: 203, bins: [bin("small", 100, 0.2), bin("large", 100, 0.6), bin("missing", 3, 1)] };
 * const h = headlineBins(set as never)!;
 * [h.best.label, h.worst.label]; // => ["large", "small"]
 */
export function headlineBins(set: Pick<BinSet, "bins" | "n">): { best: Bin; worst: Bin } | undefined {
  const nonEmpty = set.bins.filter((b) => b.n > 0);
  if (!nonEmpty.length) return undefined;
  const readable = nonEmpty.filter((b) => b.n >= Math.max(HEADLINE_MIN_ROWS, HEADLINE_MIN_SHARE * set.n));
  const shown = readable.length >= 2 ? readable : nonEmpty;
  return {
    best: shown.reduce((x, y) => (y.rate > x.rate ? y : x)),
    worst: shown.reduce((x, y) => (y.rate < x.rate ? y : x)),
  };
}
