import type { DataFrame } from "danfojs-node";
import type { EventFeature } from "../data/deal-table";
import type { AttributeType, Role } from "../formats/vocabulary";
import type { BinSet } from "../stats/binning/bin";
import type { IndependenceMethod } from "../stats/independence-test";
import type { Target } from "./drivers-options";
import type { LeakageEvidence } from "./leakage";

/** Survival of the deals in one bin (survival form of retention). */
export interface BinSurvival {
  label: string;
  n: number;
  /** Share still customers at the horizon, with its interval. */
  atHorizon: { survival: number; lo: number; hi: number };
  /** Median lifetime in days (NaN when the curve never reaches 50 %). */
  medianDays: number;
  /** The Kaplan–Meier curve, for charts. */
  curve: { days: number; survival: number; lo: number; hi: number }[];
}

/** One attribute (or indicator of a multi-valued attribute) and the evidence that it matters. */
export interface DriverAttribute {
  /** Attribute name, or `<attribute>=<value>` for an indicator. */
  name: string;
  /** The table attribute it comes from. */
  attribute: string;
  role: Role;
  type: AttributeType;
  /** For behavioural features: how the feature is computed from events. */
  feature?: EventFeature;
  /** Information value of the supervised bins. */
  iv: number;
  /** p-value of the test of independence on an outcome-blind grouping (log-rank for survival). */
  p: number;
  /** Benjamini–Hochberg q-value across every attribute tested in the run. */
  q: number;
  /** q below the run's false-discovery rate and not flagged as leakage. */
  significant: boolean;
  cramersV: number;
  method: IndependenceMethod | "log-rank";
  /** The design effect the chi-square statistic was divided by (1 when deals are not grouped). */
  designEffect: number;
  /** Why it looks like it was written after the outcome (strong evidence: set aside unless kept), or null. */
  leakage: string | null;
  /** True when flagged but kept by the user (`keep: true`). */
  leakageKept: boolean;
  /** Supporting evidence only: the attribute is kept and the user is asked when the field is filled in; or null. */
  leakageQuestion: string | null;
  /** Every piece of leakage evidence found, graded. */
  leakageEvidence: LeakageEvidence;
  /** Attributes carrying the same information (Cramér's V ≥ the threshold). */
  redundantWith: string[];
  /** The supervised bins with their statistics (on the analysed rows). */
  binSet: BinSet;
  survival?: BinSurvival[];
  /** Its binning's warnings, each starting with the attribute's name. */
  warnings: string[];
}

/** Everything {@link DriversResult} holds. */
export interface DriversParts {
  target: Target;
  /** What a success is, in words. */
  event: string;
  n: number;
  events: number;
  baseRate: number;
  fdr: number;
  attributes: DriverAttribute[];
  verdict: string;
  warnings: string[];
  /** Survival form: the curve of all analysed customers. */
  overallSurvival?: BinSurvival;
}

/**
 * The result of {@link drivers}: immutable, ranked by information value.
 *
 * @example
 * import { drivers, loadDataset } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const result = drivers(table);
 * result.verdict; // e.g. "9 of 83 attributes predict winning (q < 0.05)"
 */
export class DriversResult implements DriversParts {
  readonly target!: Target;
  readonly event!: string;
  readonly n!: number;
  readonly events!: number;
  readonly baseRate!: number;
  readonly fdr!: number;
  readonly attributes!: DriverAttribute[];
  readonly verdict!: string;
  readonly warnings!: string[];
  readonly overallSurvival?: BinSurvival;

  constructor(parts: DriversParts) {
    Object.assign(this, parts);
    Object.freeze(this);
  }

  /** The significant attributes, strongest first. */
  get significant(): DriverAttribute[] {
    return this.attributes.filter((a) => a.significant);
  }

  /** The machine-readable document of `leadlab drivers --json`. */
  toJSON() {
    const num = (x: number) => (Number.isFinite(x) ? x : null);
    return {
      target: this.target,
      event: this.event,
      n: this.n,
      base_rate: this.baseRate,
      fdr: this.fdr,
      verdict: this.verdict,
      attributes: this.attributes.map((a) => ({
        name: a.name,
        role: a.role,
        type: a.type,
        iv: a.iv,
        p: a.p,
        q: a.q,
        significant: a.significant,
        cramers_v: a.cramersV,
        method: a.method,
        design_effect: a.designEffect,
        leakage: a.leakage,
        leakage_kept: a.leakageKept,
        leakage_question: a.leakageQuestion,
        leakage_evidence: a.leakageEvidence,
        redundant_with: a.redundantWith,
        bins: a.binSet.bins.map((b) => ({ label: b.label, n: b.n, wins: b.events, rate: num(b.rate), lo: b.lo, hi: b.hi, woe: b.woe })),
        ...(a.survival ? { survival: a.survival.map((s) => ({ label: s.label, n: s.n, at_horizon: s.atHorizon, median_days: num(s.medianDays) })) } : {}),
        warnings: a.warnings,
      })),
      warnings: this.warnings,
    };
  }

  /** One row per attribute: the ranked table, as a danfojs DataFrame. */
  toDataFrame(): DataFrame {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dfd = require("danfojs-node") as typeof import("danfojs-node");
    return new dfd.DataFrame(
      this.attributes.map((a) => ({
        attribute: a.name,
        role: a.role,
        iv: a.iv,
        p: a.p,
        q: a.q,
        significant: a.significant,
        cramers_v: a.cramersV,
        leakage: a.leakage ?? "",
        leakage_question: a.leakageQuestion ?? "",
        redundant_with: a.redundantWith.join(", "),
      })),
    );
  }
}
