import { formatCount } from "../format/count";
import { DEFAULT_HOLDOUT_SEED, type HoldoutRule } from "../formats/provenance";
import type { Holdout } from "./deal-table";
import { shuffledIndices } from "../stats/shuffled-indices";
import { formatPercent } from "../format/percent";
import { dateInZone } from "./time-zone";

/**
 * Splitting the deals into a training part and a holdout (test) part. By time when dates exist:
 * train on the older deals, test on the newest, as the scorecard will be used. Cross-validation
 * then happens inside the training part only.
 */

/** The fallback used when a time holdout is asked for but no row has a date. */
export const RANDOM_FALLBACK = Object.freeze({ fraction: 0.25, seed: DEFAULT_HOLDOUT_SEED });

/** The smallest holdout that gives a usable AUC interval; smaller ones are warned about. */
export const MIN_HOLDOUT_ROWS = 30;

const DAY_MS = 86_400_000;

/** A train/test split of row numbers. */
export interface HoldoutSplit {
  /** Row numbers to fit on, ascending. */
  train: Uint32Array;
  /** Row numbers to test on, ascending. */
  test: Uint32Array;
  /** How the split was made, as data: what the rules and personas files record. */
  rule: HoldoutRule;
  /** One sentence saying how the split was made, for the report. */
  description: string;
  warnings: string[];
}

/**
 * Splits `n` rows into a training and a test part.
 *
 * - `{ by: "time", lastDays }`: the test part is every row dated within the last `lastDays` days
 *   of the newest date, i.e. date > max − lastDays·24 h (with midnight dates: the last `lastDays`
 *   calendar days, the newest included). Rows without a date (NaN) go to the training part,
 *   with a warning. When no row has a date (or `dates` is not given) it falls back to a seeded
 *   random split of {@link RANDOM_FALLBACK} and a warning says so.
 * - `{ by: "random", fraction, seed }`: a seeded shuffle; the test part is round(fraction·n) rows.
 *
 * Warns when the test part has fewer than 30 rows, or (given `won`) no wins or no losses, and
 * when the training part is empty.
 *
 * @param n number of rows
 * @param holdout how to split (the `holdout` of `dataset.yaml`, resolved)
 * @param dates epoch milliseconds per row (e.g. the close date), NaN when unknown
 * @param won the outcome per row (1 = won), to check that both outcomes are in the test part
 * @param timeZone the zone the cut and the newest date are written in (the dataset's; their calendar dates, as the provenance's date range)
 * @example
 * import { splitHoldout } from "leadlab";
 * const day = 86_400_000;
 * const dates = Float64Array.from([0, 10, 50, 95, 100], (d) => d * day);
 * const s = splitHoldout(5, { by: "time", lastDays: 10 }, dates);
 * Array.from(s.test); // => [3, 4]
 * Array.from(s.train); // => [0, 1, 2]
 */
export function splitHoldout(n: number, holdout: Holdout, dates?: ArrayLike<number>, won?: ArrayLike<number>, timeZone = "UTC"): HoldoutSplit {
  const isoDate = (ms: number) => dateInZone(ms, timeZone);
  if (!Number.isInteger(n) || n < 0) throw new Error(`splitHoldout: n must be a non-negative integer; got ${n}`);
  if (dates !== undefined && dates.length !== n) {
    throw new Error(`splitHoldout: dates has ${dates.length} values but there are ${n} rows`);
  }
  if (won !== undefined && won.length !== n) {
    throw new Error(`splitHoldout: won has ${won.length} values but there are ${n} rows`);
  }
  const warnings: string[] = [];
  let testMask: Uint8Array;
  let description: string;
  let rule: { by: "time"; lastDays: number; after: string; through: string } | { by: "random"; fraction: number; seed: number; fallback: boolean };

  if (holdout == null || (holdout.by !== "time" && holdout.by !== "random")) {
    throw new Error(`splitHoldout: holdout.by must be "time" or "random"; got ${JSON.stringify(holdout)}`);
  }
  if (holdout.by === "time") {
    const { lastDays } = holdout;
    if (!(Number.isFinite(lastDays) && lastDays > 0)) {
      throw new Error(`splitHoldout: lastDays must be a positive number of days, e.g. 90; got ${lastDays}`);
    }
    let max = -Infinity;
    let undated = 0;
    if (dates !== undefined) {
      for (let i = 0; i < n; i++) {
        const d = dates[i];
        if (Number.isFinite(d)) {
          if (d > max) max = d;
        } else undated++;
      }
    }
    if (max === -Infinity) {
      const { fraction, seed } = RANDOM_FALLBACK;
      warnings.push(
        `a time holdout was asked for but ${dates === undefined ? "no dates were given" : "no row has a date"}; fell back to a random holdout of ${formatPercent(fraction)} (seed ${seed})`,
      );
      testMask = randomMask(n, fraction, seed);
      rule = { by: "random", fraction, seed, fallback: true };
      description = `random holdout (no dates): ${formatCount(countOnes(testMask))} of ${formatCount(n)} deals, ${formatPercent(fraction)} with seed ${seed}, are the test part`;
    } else {
      const cutoff = max - lastDays * DAY_MS;
      testMask = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const d = (dates as ArrayLike<number>)[i];
        if (Number.isFinite(d) && d > cutoff) testMask[i] = 1;
      }
      const nTest = countOnes(testMask);
      rule = { by: "time", lastDays, after: isoDate(cutoff), through: isoDate(max) };
      description = `time holdout: the ${formatCount(nTest)} deals dated after ${isoDate(cutoff)} (the last ${lastDays} days up to ${isoDate(max)}) are the test part; the ${formatCount(n - nTest)} older${undated > 0 ? " or undated" : ""} deals train`;
      if (undated > 0) {
        warnings.push(`${undated} deal${undated > 1 ? "s have" : " has"} no date and ${undated > 1 ? "were" : "was"} kept in the training part`);
      }
    }
  } else {
    const { fraction, seed } = holdout;
    if (!(fraction > 0 && fraction < 1)) {
      throw new Error(`splitHoldout: fraction must be between 0 and 1, e.g. 0.25; got ${fraction}`);
    }
    if (!Number.isFinite(seed)) throw new Error(`splitHoldout: seed must be a finite number; got ${seed}`);
    testMask = randomMask(n, fraction, seed);
    rule = { by: "random", fraction, seed, fallback: false };
    description = `random holdout: ${formatCount(countOnes(testMask))} of ${formatCount(n)} deals (${formatPercent(fraction)}, seed ${seed}) are the test part`;
  }

  const nTest = countOnes(testMask);
  const test = new Uint32Array(nTest);
  const train = new Uint32Array(n - nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (testMask[i] === 1) test[a++] = i;
    else train[b++] = i;
  }
  if (nTest < MIN_HOLDOUT_ROWS) {
    warnings.push(
      `the test part has only ${nTest} row${nTest === 1 ? "" : "s"} (fewer than ${MIN_HOLDOUT_ROWS}): holdout metrics will be too uncertain to trust${rule.by === "time" ? "; widen lastDays" : rule.fallback && holdout.by === "time" ? "; give the deals dates (created_at or closed_at), or ask for a random holdout with a larger fraction" : "; raise fraction"}`,
    );
  }
  if (train.length === 0) warnings.push("the training part is empty: every deal is in the test part");
  if (won !== undefined && nTest > 0) {
    let wins = 0;
    for (let k = 0; k < nTest; k++) wins += won[test[k]] === 1 ? 1 : 0;
    if (wins === 0) warnings.push(`the test part has no wins (${nTest} rows, all lost): AUC and lift cannot be computed on it`);
    else if (wins === nTest) warnings.push(`the test part has no losses (${nTest} rows, all won): AUC and lift cannot be computed on it`);
  }
  return { train, test, rule: { ...rule, train: train.length, test: nTest }, description, warnings };
}

function randomMask(n: number, fraction: number, seed: number): Uint8Array {
  const order = shuffledIndices(n, seed);
  const nTest = Math.round(fraction * n);
  const mask = new Uint8Array(n);
  for (let k = 0; k < nTest; k++) mask[order[k]] = 1;
  return mask;
}

function countOnes(mask: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < mask.length; i++) c += mask[i];
  return c;
}
