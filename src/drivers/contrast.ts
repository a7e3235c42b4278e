import type { DealTable } from "../data/deal-table";
import { gatherColumn } from "../data/typed-column";
import type { Role } from "../formats/vocabulary";
import { applyBins } from "../stats/binning/apply-bins";
import type { BinValue } from "../stats/binning/assign-bin";
import { resolveDriversOptions, type DriversOptions } from "./drivers-options";
import type { DriverAttribute, DriversResult } from "./drivers-result";
import { targetOutcome } from "./target-outcome";

/**
 * The readings of a bin whose win rate and retention rate point in opposite directions:
 * - `"wins but churns"`: its win interval lies above the base win rate and its retention
 *   interval below the base retention rate (easy deals, bad-fit customers);
 * - `"hard to win, loyal"`: the reverse (hard deals, customers who stay).
 *
 * @example
 * import { CONTRAST_READINGS } from "leadlab";
 * CONTRAST_READINGS[0]; // => "wins but churns"
 */
export const CONTRAST_READINGS = ["wins but churns", "hard to win, loyal"] as const;
export type ContrastReading = (typeof CONTRAST_READINGS)[number];

/** A rate among the deals of one bin, with its Wilson interval. */
export interface BinRate {
  /** Deals (win side) or customers (retention side) in the bin. */
  n: number;
  /** Wins, or customers retained. */
  events: number;
  /** events / n. */
  rate: number;
  /** Wilson 95 % interval of the rate. */
  lo: number;
  hi: number;
}

/** One bin of the win binning of an attribute, with its win rate and its retention rate. */
export interface ContrastRow {
  /** The driver's name: the attribute, or `<attribute>=<value>` for an indicator. */
  name: string;
  /** The table attribute it comes from. */
  attribute: string;
  role: Role;
  /** The bin's label, as in the win analysis. */
  label: string;
  /** Win rate of the bin among the deals of the win analysis. */
  win: BinRate;
  /** Retention rate of the same bin (same rule) among the customers of the retention analysis. */
  retention: BinRate;
  /** q-value and significance of the attribute in the win analysis. */
  winQ: number;
  winSignificant: boolean;
  /** q-value and significance of the attribute in the retention analysis (its own bins). */
  retentionQ: number;
  retentionSignificant: boolean;
  /** Whether the bin wins and churns, is hard to win but loyal, or neither (null). */
  reading: ContrastReading | null;
  /**
   * (win rate − base win rate) × (base retention rate − retention rate): positive when the two
   * rates lie on opposite sides of their base rates, larger the further they lie from them.
   */
  contrast: number;
}

/** The result of {@link contrastDrivers}. Frozen. */
export interface DriversContrast {
  /** Win rate of every deal of the win analysis. */
  baseWinRate: number;
  /** Retention rate of every customer of the retention analysis. */
  baseRetentionRate: number;
  /** What the retention analysis counts as retained, e.g. `"retained 365 days"`. */
  retentionEvent: string;
  /** Every non-empty bin of every attribute tested for both targets, by the win ranking. */
  rows: readonly ContrastRow[];
  /** Rows read "wins but churns", strongest contrast first. */
  helpsWinHurtsRetention: readonly ContrastRow[];
  /** Rows read "hard to win, loyal", strongest contrast first. */
  hurtsWinHelpsRetention: readonly ContrastRow[];
  /** Attributes tested for both but left out: flagged as possible leakage in either analysis. */
  setAside: readonly { name: string; reason: string }[];
}

/**
 * Puts the drivers of winning and of retention side by side, bin by bin, to find the deals
 * that are easy to win but churn (bad-fit customers a score should not reward) and those that
 * are hard to win but stay. For every attribute tested in both analyses, the **win** bins
 * (same rules and labels) are applied to the customers the retention analysis used
 * ({@link applyBins}), so each bin has a win rate and a retention rate, each with its Wilson
 * interval. A bin reads "wins but churns" when its win interval lies above the base win rate
 * and its retention interval below the base retention rate, "hard to win, loyal" for the
 * reverse.
 *
 * Bins without deals on either side are left out; so are attributes flagged as possible
 * leakage in either analysis (and not kept), listed in `setAside`. Nothing passed in is
 * changed.
 *
 * @param win the result of `drivers(table, { target: "won" })`
 * @param retention the result of `drivers(table, { target: "retained", ...retentionOptions })`
 * @param table the table both analyses read
 * @param retentionOptions the options the retention analysis was run with (rows, horizonDays),
 *   to find the customers it used; throws when they do not give the same customers
 * @example
 * import { contrastDrivers, drivers, loadDataset } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const contrast = contrastDrivers(drivers(table), drivers(table, { target: "retained" }), table);
 * contrast.helpsWinHurtsRetention.some((row) => row.name === "industry" && row.label === "Marketing & Advertising"); // => true
 * contrast.hurtsWinHelpsRetention.some((row) => row.name === "industry" && row.label === "Financial Services"); // => true
 */
export function contrastDrivers(win: DriversResult, retention: DriversResult, table: DealTable, retentionOptions: Omit<DriversOptions, "target"> = {}): DriversContrast {
  if (win.target !== "won") throw new Error(`contrastDrivers: the first result must be drivers of winning (target "won"); got target "${win.target}"`);
  if (retention.target !== "retained") {
    throw new Error(`contrastDrivers: the second result must be drivers of retention (target "retained"); got target "${retention.target}"`);
  }
  const outcome = targetOutcome(table, resolveDriversOptions({ ...retentionOptions, target: "retained" }, table.n));
  const events = outcome.y.reduce((s, v) => s + v, 0);
  if (outcome.y.length !== retention.n || events !== retention.events) {
    throw new Error(
      `contrastDrivers: the retention analysis used ${retention.n} customers (${retention.events} ${retention.event}) but these options give ` +
        `${outcome.y.length} (${events} ${outcome.event}); pass contrastDrivers the options the retention analysis ran with (rows, horizonDays)`,
    );
  }
  const baseWinRate = win.baseRate;
  const baseRetentionRate = retention.baseRate;
  const retained = new Map(retention.attributes.map((a) => [a.name, a]));
  const rows: ContrastRow[] = [];
  const setAside: { name: string; reason: string }[] = [];
  for (const w of win.attributes) {
    const r = retained.get(w.name);
    if (r === undefined) continue;
    const leak = leakageOf(w, "win") ?? leakageOf(r, "retention");
    if (leak !== null) {
      setAside.push(Object.freeze({ name: w.name, reason: leak }));
      continue;
    }
    const values = gatherColumn(table.column(w.attribute), outcome.rows) as unknown as ArrayLike<BinValue>;
    const applied = applyBins(w.binSet, values, outcome.y);
    w.binSet.bins.forEach((bin, k) => {
      const kept = applied.bins[k];
      if (bin.n === 0 || kept.n === 0) return;
      const winRate = rateOf(bin);
      const retentionRate = rateOf(kept);
      rows.push(
        Object.freeze({
          name: w.name,
          attribute: w.attribute,
          role: w.role,
          label: bin.label,
          win: winRate,
          retention: retentionRate,
          winQ: w.q,
          winSignificant: w.significant,
          retentionQ: r.q,
          retentionSignificant: r.significant,
          reading: readingOf(winRate, retentionRate, baseWinRate, baseRetentionRate),
          contrast: (winRate.rate - baseWinRate) * (baseRetentionRate - retentionRate.rate),
        }),
      );
    });
  }
  const strongestFirst = (reading: ContrastReading) =>
    Object.freeze(rows.filter((row) => row.reading === reading).sort((a, b) => b.contrast - a.contrast || compareNames(a, b)));
  return Object.freeze({
    baseWinRate,
    baseRetentionRate,
    retentionEvent: retention.event,
    rows: Object.freeze(rows),
    helpsWinHurtsRetention: strongestFirst("wins but churns"),
    hurtsWinHelpsRetention: strongestFirst("hard to win, loyal"),
    setAside: Object.freeze(setAside),
  });
}

/** Why an attribute is set aside as possible leakage in one analysis, or null. */
function leakageOf(a: DriverAttribute, analysis: string): string | null {
  return a.leakage !== null && !a.leakageKept ? `possible leakage in the ${analysis} analysis: ${a.leakage}` : null;
}

/** A copy of a bin's counts, rate and interval. */
function rateOf(b: BinRate): BinRate {
  return Object.freeze({ n: b.n, events: b.events, rate: b.rate, lo: b.lo, hi: b.hi });
}

/** The reading of a bin from where its two intervals lie against the base rates. */
function readingOf(win: BinRate, retention: BinRate, baseWin: number, baseRetention: number): ContrastReading | null {
  if (win.lo > baseWin && retention.hi < baseRetention) return "wins but churns";
  if (win.hi < baseWin && retention.lo > baseRetention) return "hard to win, loyal";
  return null;
}

function compareNames(a: ContrastRow, b: ContrastRow): number {
  const x = `${a.name}\u0000${a.label}`;
  const y = `${b.name}\u0000${b.label}`;
  return x < y ? -1 : x > y ? 1 : 0;
}
