import { gatherFlags, gatherNumbers } from "../data/typed-column";
import { aucWithCI } from "../model/auc";
import type { BinSet } from "../stats/binning/bin";

/** One period of an attribute: its deals, how well the attribute ranks them, and each bin's win rate. */
export interface PeriodEffect {
  /** E.g. `2025-01-01 – 2025-03-31`, or `holdout (…)` for the holdout period, shown but never used to decide. */
  label: string;
  holdout: boolean;
  n: number;
  /** AUC of the attribute's training weight of evidence on this period's deals, with its interval (NaN without wins or losses). */
  auc: { auc: number; lo: number; hi: number };
  bins: { label: string; n: number; wins: number; winRate: number | null }[];
}

/** How an attribute's effect moves between periods of the training part. */
export interface AttributeDrift {
  name: string;
  periods: PeriodEffect[];
  /** `flips`: in some training period it ranks deals significantly the wrong way; `fades`: strong early, indistinguishable from chance in the latest training period. */
  flag: "flips" | "fades" | null;
  /** The flag in words; or, unflagged, why an earlier flip is not held against it; null otherwise. */
  note: string | null;
}

/**
 * The effect of one attribute period by period: for each period (training periods first, then
 * the holdout, which is shown and never used to decide), the deals, each bin's win rate and the
 * AUC of the attribute's weight of evidence (as fitted on the whole training part) with its
 * DeLong interval. Flags, on training periods only:
 * - `flips` when some period's AUC interval lies entirely below 0.5 (the attribute ranks that
 *   period's deals the wrong way, beyond noise) and the latest training period does not show it
 *   ranking the right way again (its interval above 0.5): an attribute that flipped once but
 *   ranks the latest deals correctly is not flagged (the note says so, and the time-ordered
 *   selection judges it), since what matters is the deals to come;
 * - `fades` when the first period's interval lies above 0.5 but the latest training period's
 *   includes 0.5 and its AUC is less than half as far from 0.5.
 *
 * @param codes each table row's bin (−1 when not assigned)
 * @param woe each table row's evidence (the encoding the card is fitted on)
 * @param won each table row's outcome
 * @param periods table rows of each period, oldest first; the last one is the holdout when `lastIsHoldout`
 * @example
 * import { attributeDrift } from "./period-drift";
 * const set = { name: "x", bins: [{ label: "a" }, { label: "b" }] };
 * const codes = Int32Array.from({ length: 400 }, (_, i) => i % 2);
 * const woe = Float64Array.from(codes, (c) => (c ? 1 : -1));
 * const won = Uint8Array.from({ length: 400 }, (_, i) => ((i < 200) === (i % 2 === 1) ? (i % 10 < 8 ? 1 : 0) : i % 10 < 2 ? 1 : 0));
 * const rows = (from: number) => Int32Array.from({ length: 200 }, (_, i) => from + i);
 * attributeDrift(set as never, codes, woe, won, [rows(0), rows(200)], ["first", "second"], false).flag; // => "flips"
 */
export function attributeDrift(
  set: Pick<BinSet, "name" | "bins">,
  codes: Int32Array,
  woe: Float64Array,
  won: Uint8Array,
  periods: readonly Int32Array[],
  labels: readonly string[],
  lastIsHoldout: boolean,
): AttributeDrift {
  const effects: PeriodEffect[] = periods.map((rows, p) => {
    const y = gatherFlags(won, rows);
    const wins = y.reduce((s, v) => s + v, 0);
    const auc = wins > 0 && wins < y.length ? aucWithCI(gatherNumbers(woe, rows), y) : { auc: NaN, lo: NaN, hi: NaN };
    const n = set.bins.map(() => 0), e = set.bins.map(() => 0);
    for (const r of rows)
      if (codes[r] >= 0) {
        n[codes[r]]++;
        e[codes[r]] += won[r];
      }
    return {
      label: labels[p],
      holdout: lastIsHoldout && p === periods.length - 1,
      n: rows.length,
      auc: { auc: auc.auc, lo: auc.lo, hi: auc.hi },
      bins: set.bins.map((b, k) => ({ label: b.label, n: n[k], wins: e[k], winRate: n[k] ? e[k] / n[k] : null })),
    };
  });
  const training = effects.filter((x) => !x.holdout && Number.isFinite(x.auc.auc));
  const reversed = training.find((x) => x.auc.hi < 0.5);
  let flag: AttributeDrift["flag"] = null, note: string | null = null;
  const auc = (x: PeriodEffect) => `AUC ${x.auc.auc.toFixed(3)} [${x.auc.lo.toFixed(3)}, ${x.auc.hi.toFixed(3)}]`;
  const latest = training[training.length - 1];
  if (reversed && latest !== reversed && latest.auc.lo > 0.5) {
    note = `its effect flipped in ${reversed.label} (${auc(reversed)}) but it ranks the latest training period's deals the right way (${latest.label}, ${auc(latest)}): kept as a candidate`;
  } else if (reversed) {
    flag = "flips";
    note = `its effect flips: in ${reversed.label} it ranks deals the wrong way (${auc(reversed)})`;
  } else if (training.length >= 2) {
    const [first, last] = [training[0], training[training.length - 1]];
    if (first.auc.lo > 0.5 && last.auc.lo <= 0.5 && last.auc.auc - 0.5 < 0.5 * (first.auc.auc - 0.5)) {
      flag = "fades";
      note = `its effect fades: ${auc(first)} in ${first.label}, ${auc(last)} in ${last.label}`;
    }
  }
  return { name: set.name, periods: effects, flag, note };
}
