import type { DealTable } from "../data/deal-table";
import type { RetentionBlock, SurvivalStep } from "../formats/summary-schema";
import { contrastDrivers, type ContrastRow, type DriversContrast } from "./contrast";
import { drivers } from "./drivers";
import { resolveDriversOptions, type DriversOptions } from "./drivers-options";
import type { BinSurvival, DriverAttribute, DriversResult } from "./drivers-result";

/** Options of {@link retentionAnalysis}: those of the win analysis it is set beside, and how many curves to keep. */
export interface RetentionAnalysisOptions extends Pick<DriversOptions, "seed" | "keep" | "exclude" | "horizonDays" | "fdr"> {
  /** Significant retention drivers whose Kaplan–Meier curves are kept, strongest first. Default 3. */
  curves?: number;
  /** The retention drivers of the same rows and options, when already computed (e.g. by the retention card of a tuned scorecard): used instead of computing them again. */
  retained?: DriversResult;
}

/** What the summary says when a dataset has no retention data. */
export const NO_RETENTION_DATA = "no retention data in this dataset: add a `retention:` table to dataset.yaml (renewal flags, or contract start and churn dates) to analyse which customers stay";

/**
 * Retention on the training part of a table, beside the drivers of winning found on the same
 * rows: what predicts that a customer stays (drivers with intervals and q-values), the
 * Kaplan–Meier curves of the strongest drivers, and the bins that win but churn. Immutable.
 */
export class RetentionAnalysis {
  constructor(
    /** How the rows were chosen (the holdout split's description). */
    readonly split: string,
    /** The drivers of retention on the training part. */
    readonly drivers: DriversResult,
    /** The win and retention rates of the win bins, side by side. */
    readonly contrast: DriversContrast,
    /** The significant drivers whose curves are shown, strongest first (none in the flag form). */
    readonly curves: readonly DriverAttribute[],
    /** The horizon retention rates are read at (survival form). */
    readonly horizonDays: number,
  ) {
    Object.freeze(this);
  }

  /** Bins that win but churn, of attributes significant in both analyses, strongest contrast first. */
  get winsButChurns(): readonly ContrastRow[] {
    return this.contrast.helpsWinHurtsRetention.filter(bothSignificant);
  }

  /** Bins hard to win but loyal, of attributes significant in both analyses, strongest contrast first. */
  get hardToWinLoyal(): readonly ContrastRow[] {
    return this.contrast.hurtsWinHelpsRetention.filter(bothSignificant);
  }

  /** The `retention` block of `summary.json`. */
  toSummary(): RetentionBlock {
    const d = this.drivers;
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    const survival = (s: BinSurvival) => ({ label: s.label, n: s.n, atHorizon: s.atHorizon, medianDays: finite(s.medianDays) });
    const contrastRow = (r: ContrastRow) => ({ name: r.name, label: r.label, win: r.win, retention: r.retention, winQ: r.winQ, retentionQ: r.retentionQ, contrast: r.contrast });
    return {
      available: true,
      split: this.split,
      event: d.event,
      ...(d.overallSurvival ? { horizonDays: this.horizonDays, overall: survival(d.overallSurvival) } : {}),
      customers: d.n,
      retained: d.events,
      baseRate: finite(d.baseRate),
      fdr: d.fdr,
      verdict: d.verdict,
      tested: d.attributes.length,
      drivers: d.significant.map((a) => ({
        name: a.name,
        attribute: a.attribute,
        role: a.role,
        iv: a.iv,
        p: a.p,
        q: a.q,
        method: a.method,
        bins: a.binSet.bins.map((b) => ({ label: b.label, n: b.n, retained: b.events, rate: finite(b.rate), lo: b.lo, hi: b.hi })),
        ...(a.survival ? { survival: a.survival.map(survival) } : {}),
      })),
      setAside: d.attributes.filter((a) => a.leakage !== null && !a.leakageKept).map((a) => ({ name: a.name, reason: a.leakage! })),
      curves: this.curves.map((a) => ({ name: a.name, bins: (a.survival ?? []).map((s) => ({ label: s.label, n: s.n, steps: survivalSteps(s.curve) })) })),
      contrast: {
        baseWinRate: this.contrast.baseWinRate,
        baseRetentionRate: this.contrast.baseRetentionRate,
        winsButChurns: this.winsButChurns.map(contrastRow),
        hardToWinLoyal: this.hardToWinLoyal.map(contrastRow),
      },
    };
  }
}

const bothSignificant = (r: ContrastRow) => r.winSignificant && r.retentionSignificant;

/**
 * The points of a Kaplan–Meier curve where it steps (its estimate or band changes), and its
 * last point: the same step function, without the points where only censoring happened.
 *
 * @example
 * import { survivalSteps } from "leadlab";
 * const at = (days: number, survival: number) => ({ days, survival, lo: survival, hi: survival });
 * survivalSteps([at(1, 0.8), at(2, 0.8), at(3, 0.4), at(4, 0.4)]).map((s) => s.days); // => [1, 3, 4]
 */
export function survivalSteps(curve: readonly SurvivalStep[]): SurvivalStep[] {
  return curve.filter((p, i) => {
    const prev = i === 0 ? { survival: 1, lo: 1, hi: 1 } : curve[i - 1];
    return i === curve.length - 1 || p.survival !== prev.survival || p.lo !== prev.lo || p.hi !== prev.hi;
  });
}

/**
 * Retention analysed on the rows the win drivers were found on (the training part of the
 * table's split, in the quarterly run): {@link drivers} with target `retained` on those rows,
 * {@link contrastDrivers} against the win drivers, and the curves of the strongest significant
 * drivers. Throws when the table has no retention data.
 *
 * @param win the drivers of winning (target `won`) on the rows to analyse
 * @param rows the rows `win` was computed on
 * @example
 * import { drivers, loadDataset, retentionAnalysis } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const rows = table.split.train;
 * const analysis = retentionAnalysis(table, drivers(table, { rows }), rows);
 * analysis.drivers.significant.some((a) => a.name === "employees"); // => true
 */
export function retentionAnalysis(table: DealTable, win: DriversResult, rows: ArrayLike<number>, options: RetentionAnalysisOptions = {}): RetentionAnalysis {
  const { curves = 3, retained: given, ...rest } = options;
  if (!table.retention) throw new Error(`retentionAnalysis: ${NO_RETENTION_DATA}`);
  const same = { rows: Int32Array.from(rows), ...rest };
  const retained = given ?? drivers(table, { ...same, target: "retained" });
  const contrast = contrastDrivers(win, retained, table, same);
  const shown = retained.significant.filter((a) => a.survival !== undefined).slice(0, curves);
  const { horizonDays } = resolveDriversOptions({ ...same, target: "retained" }, table.n);
  return new RetentionAnalysis(table.split.description, retained, contrast, shown, horizonDays);
}
