import type { DriversResult } from "../drivers/drivers-result";
import type { CalibrationBin } from "../model/calibration";
import type { LiftTable } from "../model/lift";
import type { PopulationStability } from "../model/population-stability";
import type { RocPoint } from "../model/roc-curve";
import type { SelectionStep } from "../model/cross-validation";
import type { Tier } from "./choose-tiers";
import type { AttributeDrift } from "./period-drift";
import type { GradeCell } from "./grade-matrix";
import { rulesToYaml } from "./rules-yaml";
import type { ScoringRules } from "../formats/scoring-rules-schema";
import type { ValueModel } from "./value/tune-value";
import { expectedValueSummary } from "./value/value-summary";
import type { DecaySummary } from "../formats/summary-schema";

/** An AUC with its DeLong 95 % interval. */
export interface AucEstimate {
  auc: number;
  lo: number;
  hi: number;
}

/** A reference score on the same holdout, to beat. */
export interface Reference {
  name: string;
  auc: AucEstimate;
  /** Paired DeLong test of the scorecard against it: difference, interval, p. */
  vsScorecard: { diff: number; lo: number; hi: number; p: number } | null;
}

/** Everything a tuned {@link Scorecard} holds. */
export interface ScorecardParts {
  rules: ScoringRules;
  verdict: string;
  /** Whether the holdout AUC's interval stays above 0.5, no reference beats the card significantly and the tiers are in order on the holdout. */
  usable: boolean;
  /** Why a card whose AUC is above chance is still not usable (a reference beats it, tiers out of order); empty otherwise. */
  notUsableBecause: string[];
  holdout: { description: string; train: number; test: number; testWins: number };
  metrics: {
    auc: AucEstimate;
    /** AUC of the unrounded model on the holdout: rounding to whole points must not lose ranking. */
    aucUnrounded: number;
    ks: number;
    brier: number;
    baseRate: number;
  };
  references: Reference[];
  tiers: Tier[];
  grades: GradeCell[];
  /** Population stability of the points between the training period and the holdout period. */
  stability: PopulationStability;
  selection: SelectionStep[];
  /** How selection validated: on time-ordered folds (fit earlier, validate later) or, without dates, stratified ones. */
  selectionFolds: "time-ordered" | "stratified";
  /** Each candidate's effect and bin win rates period by period (training periods, then the holdout), with drift flags. */
  drift: AttributeDrift[];
  /** Chart data on the holdout. */
  roc: RocPoint[];
  lift: LiftTable;
  calibration: CalibrationBin[];
  distribution: { points: number; won: number; lost: number }[];
  /** The drivers of winning on the training part, which chose the candidates. */
  drivers: DriversResult;
  /** The expected value per lead (amount and retention cards, value tiers, the holdout against win points alone), or why there is none. */
  value: ValueModel | { reason: string };
  /** The learned decay: half-lives tried per event type on the training folds, kept where they pay, backtested on the holdout. */
  decay: DecaySummary;
  warnings: string[];
}

/**
 * A tuned points scorecard: the rules (`scoring.yaml`), validated on a holdout the rules were
 * not fitted on, with references, tiers, the grade matrix and chart data. Immutable.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const card = tuneScorecard(table);
 * card.toYAML().startsWith("apiVersion: leadlab/v1"); // => true
 */
export class Scorecard implements ScorecardParts {
  readonly rules!: ScoringRules;
  readonly verdict!: string;
  readonly usable!: boolean;
  readonly notUsableBecause!: string[];
  readonly holdout!: ScorecardParts["holdout"];
  readonly metrics!: ScorecardParts["metrics"];
  readonly references!: Reference[];
  readonly tiers!: Tier[];
  readonly grades!: GradeCell[];
  readonly stability!: PopulationStability;
  readonly selection!: SelectionStep[];
  readonly selectionFolds!: ScorecardParts["selectionFolds"];
  readonly drift!: AttributeDrift[];
  readonly roc!: RocPoint[];
  readonly lift!: LiftTable;
  readonly calibration!: CalibrationBin[];
  readonly distribution!: ScorecardParts["distribution"];
  readonly drivers!: DriversResult;
  readonly value!: ValueModel | { reason: string };
  readonly decay!: DecaySummary;
  readonly warnings!: string[];

  constructor(parts: ScorecardParts) {
    Object.assign(this, parts);
    Object.freeze(this);
  }

  /** The deterministic `scoring.yaml` text. */
  toYAML(): string {
    return rulesToYaml(this.rules);
  }

  /** The machine-readable run summary (`summary.json`). */
  toSummary() {
    return {
      dataset: this.rules.metadata.dataset,
      verdict: this.verdict,
      usable: this.usable,
      notUsableBecause: this.notUsableBecause,
      holdout: this.holdout,
      metrics: this.metrics,
      references: this.references,
      tiers: this.tiers,
      grades: this.grades,
      stability: { psi: this.stability.psi, reading: this.stability.reading },
      ...(this.rules.metadata.rounding ? { rounding: this.rules.metadata.rounding } : {}),
      decay: this.decay,
      attributes: this.rules.attributes.map((a) => ({ name: a.name, role: a.role, group: a.group, rationale: a.rationale })),
      selectionFolds: this.selectionFolds,
      drift: this.drift,
      leakage: {
        setAside: this.drivers.attributes.filter((a) => a.leakage !== null && !a.leakageKept).map((a) => ({ name: a.name, evidence: a.leakageEvidence })),
        keptOnRequest: this.drivers.attributes.filter((a) => a.leakage !== null && a.leakageKept).map((a) => ({ name: a.name, evidence: a.leakageEvidence })),
        questions: this.drivers.attributes.filter((a) => a.leakageQuestion !== null).map((a) => ({ name: a.name, question: a.leakageQuestion, evidence: a.leakageEvidence })),
      },
      expectedValue: expectedValueSummary(this.value),
      warnings: this.warnings,
    };
  }
}
