import type { DataFrame } from "danfojs-node";
import type { AucInterval } from "../model/auc";
import type { WilsonInterval } from "../stats/wilson";
import type { Criterion } from "./criteria";
import type { CriterionContribution } from "./criterion-contribution";
import type { CriterionEvidence } from "./criteria-evidence";
import type { CriterionSlot } from "./map-criteria";
import type { NOfMRule, NOfMRules } from "./n-of-m";

/** One criterion of one framework: the attribute answering it, its evidence and what it adds. */
export interface FrameworkCriterionResult extends CriterionSlot {
  /** The criterion on its own, on the test deals (null when no attribute answers it). */
  evidence: CriterionEvidence | null;
  /** What it adds once the framework's other criteria are known (null when it could not be measured). */
  contribution: CriterionContribution | null;
}

/** One framework put to the test. */
export interface FrameworkEvaluation {
  name: string;
  title: string;
  criteria: FrameworkCriterionResult[];
  /** How many of its criteria have an attribute (M of the N-of-M rules). */
  mapped: number;
  /** One message per criterion with no attribute. */
  missing: string[];
  /** The N-of-M rules on the test deals (null when no criterion has an attribute). */
  rules: NOfMRules | null;
  /** Holdout AUC of the count of criteria met. */
  countAuc: AucInterval | null;
  /** Holdout AUC of a logistic model on the criteria, fitted on the training deals. */
  modelAuc: AucInterval | null;
  /** An earlier framework answered by exactly the same attributes (so with the same numbers), or null. */
  sameAs: string | null;
  /** What the numbers say, in words (for a framework answered like an earlier one, only that and its coverage). */
  verdicts: string[];
}

/** A paired difference of two AUCs on the test deals (DeLong). */
export interface AucDifference {
  diff: number;
  lo: number;
  hi: number;
  p: number;
}

/** One framework in the side-by-side comparison. */
export interface FrameworkAuc {
  framework: string;
  /** Criteria counted. */
  mapped: number;
  /** AUC of the count of criteria met. */
  count: AucInterval;
  /** AUC of the best framework's count minus this one's (null for the best itself). */
  belowBest: AucDifference | null;
  /** AUC of the external score minus this framework's count (null without a score). */
  scorecardAbove: AucDifference | null;
}

/** The frameworks side by side on the same test deals, and the external score when given. */
export interface FrameworksComparison {
  /** The framework whose count ranks the test deals best, or null when none could be measured. */
  best: string | null;
  rows: FrameworkAuc[];
  scorecard: { name: string; auc: AucInterval } | null;
}

/** A claimed rule checked against the best rule of its framework. */
export interface ClaimCheck {
  text: string;
  framework: string;
  atLeast: number;
  /** The claimed rule on the test deals (null when it cannot be evaluated). */
  rule: NOfMRule | null;
  best: NOfMRule | null;
  verdict: string;
}

/** How the deals were split, and the test part the numbers come from. */
export interface HoldoutSummary {
  description: string;
  train: number;
  test: number;
  testWins: number;
  /** Win rate of the test deals. */
  baseRate: WilsonInterval;
}

/** Everything {@link FrameworksResult} holds. */
export interface FrameworksParts {
  dataset: string;
  confidence: number;
  holdout: HoldoutSummary;
  /** Every attribute tested as a criterion, once, with q-values across all of them. */
  criteria: CriterionEvidence[];
  frameworks: FrameworkEvaluation[];
  comparison: FrameworksComparison;
  claims: ClaimCheck[];
  /** The headline findings in words: one per criterion (in the order of `criteria`), then the claims' verdicts, then the comparison's. */
  verdicts: string[];
  warnings: string[];
}

/**
 * The tables {@link FrameworksResult.toDataFrame} can give.
 *
 * @example
 * import { FRAMEWORK_TABLES } from "leadlab";
 * FRAMEWORK_TABLES; // => ["criteria", "rules", "frameworks"]
 */
export const FRAMEWORK_TABLES = ["criteria", "rules", "frameworks"] as const;
export type FrameworkTable = (typeof FRAMEWORK_TABLES)[number];

/**
 * The labels under which the frameworks ask the criterion an attribute answers, first use first
 * (`["Need", "Challenges", "Identified pain"]`), internal to this folder.
 *
 * @example
 * import { labelsAsked } from "./frameworks-result";
 * labelsAsked([{ criteria: [{ label: "Money", attribute: "budget_ok" }] }, { criteria: [{ label: "Budget", attribute: "budget_ok" }] }] as never, "budget_ok"); // => ["Money", "Budget"]
 */
export function labelsAsked(frameworks: readonly FrameworkEvaluation[], attribute: string): string[] {
  return [...new Set(frameworks.flatMap((f) => f.criteria.filter((c) => c.attribute === attribute).map((c) => c.label)))];
}

const num = (x: number) => (Number.isFinite(x) ? x : null);
const interval = (r: { rate: number; lo: number; hi: number }) => ({ rate: num(r.rate), lo: r.lo, hi: r.hi });
const ratio = (r: { ratio: number; lo: number; hi: number }) => ({ ratio: num(r.ratio), lo: num(r.lo), hi: num(r.hi) });
const aucJson = (a: AucInterval | null) => (a ? { auc: a.auc, lo: a.lo, hi: a.hi, se: a.se } : null);
const ruleJson = (r: NOfMRule) => ({
  at_least: r.atLeast,
  of: r.of,
  passed: r.passed,
  wins: r.wins,
  precision: interval(r.precision),
  recall: interval(r.recall),
  share_passed: interval(r.sharePassed),
  lift: num(r.lift),
  f1: r.f1,
});

/**
 * The result of `evaluateFrameworks`: immutable. Every number comes from the test part of the
 * holdout; `verdicts` says what they mean.
 *
 * @example
 * import { evaluateFrameworks, loadDataset } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const result = evaluateFrameworks(table);
 * result.frameworks.map((f) => f.name); // => ["BANT", "CHAMP", "ANUM", "MEDDIC", "GPCTBA/C&I"]
 * result.toDataFrame("rules").print();
 */
export class FrameworksResult implements FrameworksParts {
  readonly dataset!: string;
  readonly confidence!: number;
  readonly holdout!: HoldoutSummary;
  readonly criteria!: CriterionEvidence[];
  readonly frameworks!: FrameworkEvaluation[];
  readonly comparison!: FrameworksComparison;
  readonly claims!: ClaimCheck[];
  readonly verdicts!: string[];
  readonly warnings!: string[];

  constructor(parts: FrameworksParts) {
    Object.assign(this, parts);
    Object.freeze(this);
  }

  /** One framework by name (as in `FRAMEWORKS`); throws naming those evaluated. */
  framework(name: string): FrameworkEvaluation {
    const f = this.frameworks.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!f) throw new Error(`no framework "${name}" in the result; evaluated: ${this.frameworks.map((x) => x.name).join(", ")}`);
    return f;
  }

  /** The evidence of one criterion of the shared vocabulary, per attribute answering it. */
  evidenceFor(criterion: Criterion): CriterionEvidence[] {
    return this.criteria.filter((e) => e.criterion === criterion);
  }

  /** The machine-readable document of `leadlab frameworks --json`. */
  toJSON() {
    return {
      dataset: this.dataset,
      confidence: this.confidence,
      holdout: { description: this.holdout.description, train: this.holdout.train, test: this.holdout.test, test_wins: this.holdout.testWins, base_rate: interval(this.holdout.baseRate) },
      criteria: this.criteria.map((e) => ({
        attribute: e.attribute,
        criterion: e.criterion,
        n: e.n,
        unknown: e.unknown,
        met: e.met,
        wins_met: e.winsMet,
        not_met: e.notMet,
        wins_not_met: e.winsNotMet,
        share_met: interval(e.shareMet),
        win_rate_met: interval(e.winRateMet),
        win_rate_not_met: interval(e.winRateNotMet),
        lift: ratio(e.lift),
        p: num(e.p),
        q: num(e.q),
      })),
      frameworks: this.frameworks.map((f) => ({
        name: f.name,
        title: f.title,
        mapped: f.mapped,
        of: f.criteria.length,
        same_as: f.sameAs,
        missing: f.missing,
        criteria: f.criteria.map((c) => ({
          key: c.key,
          label: c.label,
          criterion: c.criterion,
          attribute: c.attribute,
          via: c.via || null,
          alternatives: c.alternatives,
          contribution: c.contribution
            ? {
                coefficient: c.contribution.coefficient,
                auc_drop: c.contribution.aucDrop,
                conditional_lift: { ...ratio(c.contribution.conditionalLift), strata: c.contribution.conditionalLift.strata },
                finding: c.contribution.finding,
              }
            : null,
        })),
        rules: f.rules ? { best: f.rules.best, best_rule: f.rules.bestRule, rules: f.rules.rules.map(ruleJson) } : null,
        count_auc: aucJson(f.countAuc),
        model_auc: aucJson(f.modelAuc),
        verdicts: f.verdicts,
      })),
      comparison: {
        best: this.comparison.best,
        rows: this.comparison.rows.map((r) => ({ framework: r.framework, mapped: r.mapped, count_auc: aucJson(r.count), below_best: r.belowBest, scorecard_above: r.scorecardAbove })),
        scorecard: this.comparison.scorecard ? { name: this.comparison.scorecard.name, auc: aucJson(this.comparison.scorecard.auc) } : null,
      },
      claims: this.claims.map((c) => ({ text: c.text, framework: c.framework, at_least: c.atLeast, rule: c.rule ? ruleJson(c.rule) : null, best: c.best ? ruleJson(c.best) : null, verdict: c.verdict })),
      verdicts: this.verdicts,
      warnings: this.warnings,
    };
  }

  /**
   * A table as a danfojs DataFrame: `criteria` (default) one row per framework and criterion,
   * `rules` one row per framework and N, `frameworks` one row per framework compared.
   */
  toDataFrame(table: FrameworkTable = "criteria"): DataFrame {
    if (!FRAMEWORK_TABLES.includes(table)) throw new Error(`toDataFrame: table must be one of ${FRAMEWORK_TABLES.join(", ")}; got ${String(table)}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dfd = require("danfojs-node") as typeof import("danfojs-node");
    const nan = (x: number | undefined) => (x === undefined ? NaN : x);
    if (table === "rules") {
      return new dfd.DataFrame(
        this.frameworks.flatMap((f) =>
          (f.rules?.rules ?? []).map((r) => ({
            framework: f.name,
            at_least: r.atLeast,
            of: r.of,
            passed: r.passed,
            wins: r.wins,
            precision: r.precision.rate,
            precision_lo: r.precision.lo,
            precision_hi: r.precision.hi,
            recall: r.recall.rate,
            recall_lo: r.recall.lo,
            recall_hi: r.recall.hi,
            share_passed: r.sharePassed.rate,
            lift: r.lift,
            f1: r.f1,
            best: f.rules!.best === r.atLeast,
          })),
        ),
      );
    }
    if (table === "frameworks") {
      return new dfd.DataFrame(
        this.comparison.rows.map((r) => ({
          framework: r.framework,
          mapped: r.mapped,
          count_auc: r.count.auc,
          count_auc_lo: r.count.lo,
          count_auc_hi: r.count.hi,
          model_auc: nan(this.framework(r.framework).modelAuc?.auc),
          below_best: nan(r.belowBest?.diff),
          below_best_lo: nan(r.belowBest?.lo),
          below_best_hi: nan(r.belowBest?.hi),
          scorecard_above: nan(r.scorecardAbove?.diff),
          scorecard_above_lo: nan(r.scorecardAbove?.lo),
          scorecard_above_hi: nan(r.scorecardAbove?.hi),
        })),
      );
    }
    return new dfd.DataFrame(
      this.frameworks.flatMap((f) =>
        f.criteria.map((c) => {
          const e = c.evidence;
          const k = c.contribution;
          return {
            framework: f.name,
            criterion: c.label,
            shared: c.criterion,
            attribute: c.attribute ?? "",
            share_met: nan(e?.shareMet.rate),
            win_rate_met: nan(e?.winRateMet.rate),
            win_rate_not_met: nan(e?.winRateNotMet.rate),
            lift: nan(e?.lift.ratio),
            lift_lo: nan(e?.lift.lo),
            lift_hi: nan(e?.lift.hi),
            p: nan(e?.p),
            q: nan(e?.q),
            auc_drop: nan(k?.aucDrop.diff),
            auc_drop_lo: nan(k?.aucDrop.lo),
            auc_drop_hi: nan(k?.aucDrop.hi),
            conditional_lift: nan(k?.conditionalLift.ratio),
            conditional_lift_lo: nan(k?.conditionalLift.lo),
            conditional_lift_hi: nan(k?.conditionalLift.hi),
            finding: k?.finding ?? (c.attribute === null ? "no attribute" : ""),
          };
        }),
      ),
    );
  }
}
