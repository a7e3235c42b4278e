/** A range of numbers; an absent end is unbounded. */
export interface NumberRange {
  lo?: number;
  hi?: number;
  loInclusive: boolean;
  hiInclusive: boolean;
}

/**
 * The numbers no given range takes, as ranges in ascending order: the `other` bin of a numeric
 * attribute written as conditions a CRM can test.
 *
 * @example
 * import { uncoveredRanges } from "./uncovered-ranges";
 * uncoveredRanges([{ lo: 0, hi: 10, loInclusive: true, hiInclusive: false }]);
 * // => [{ hi: 0, loInclusive: false, hiInclusive: false }, { lo: 10, loInclusive: true, hiInclusive: false }]
 */
export function uncoveredRanges(ranges: readonly NumberRange[]): NumberRange[] {
  const sorted = [...ranges].sort((a, b) => (a.lo ?? -Infinity) - (b.lo ?? -Infinity) || Number(b.loInclusive) - Number(a.loInclusive));
  const gaps: NumberRange[] = [];
  // Every number below `v` is covered; `v` itself is covered when `vIn`.
  let v = -Infinity;
  let vIn = true;
  const gap = (hi: number, hiInclusive: boolean) => {
    if (v === hi && (vIn || !hiInclusive)) return;
    const g: NumberRange = { loInclusive: !vIn && v !== -Infinity, hiInclusive: hiInclusive && hi !== Infinity };
    if (v !== -Infinity) g.lo = v;
    if (hi !== Infinity) g.hi = hi;
    gaps.push(g);
  };
  for (const r of sorted) {
    const lo = r.lo ?? -Infinity;
    const hi = r.hi ?? Infinity;
    if (lo > v || (lo === v && !vIn && !r.loInclusive)) gap(lo, !r.loInclusive && lo !== -Infinity);
    if (hi > v) [v, vIn] = [hi, r.hiInclusive || hi === Infinity];
    else if (hi === v) vIn = vIn || r.hiInclusive;
  }
  if (v !== Infinity) gap(Infinity, false);
  return gaps;
}
