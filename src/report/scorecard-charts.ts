import type { TopLevelSpec } from "vega-lite";
import { calibrationChart } from "../charts/calibration-chart";
import { gainsChart } from "../charts/gains-chart";
import { gradeMatrixChart } from "../charts/grade-matrix-chart";
import { rocChart } from "../charts/roc-chart";
import { scoreDistributionChart } from "../charts/score-distribution-chart";
import type { Scorecard } from "../scoring/scorecard";

/** The charts of a scorecard, by name; a chart is null when the card has no data for it. */
export interface ScorecardCharts {
  roc: TopLevelSpec | null;
  gains: TopLevelSpec | null;
  calibration: TopLevelSpec | null;
  distribution: TopLevelSpec | null;
  grades: TopLevelSpec | null;
}

/**
 * The vega-lite specs of a tuned scorecard's holdout charts, sized for the HTML report (two
 * to a row): the ROC curve with its AUC, cumulative gains with the tiers marked, calibration by
 * decile, the points of won and lost deals with the tier thresholds, and the grade matrix. A
 * chart is null when the holdout could not measure it (no wins or no losses in it). In a
 * notebook, pass any of them to `display`. The card is not changed.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * import { scorecardCharts } from "./scorecard-charts";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const charts = scorecardCharts(tuneScorecard(table));
 * Object.keys(charts); // => ["roc", "gains", "calibration", "distribution", "grades"]
 */
export function scorecardCharts(card: Scorecard): ScorecardCharts {
  const measured = card.roc.length > 0;
  const baseRate = card.metrics.baseRate;
  return {
    roc: measured ? rocChart(card.roc, { auc: card.metrics.auc, width: 300, height: 300 }) : null,
    gains: measured ? gainsChart(card.lift, { tiers: card.tiers, width: 300, height: 300 }) : null,
    calibration: card.calibration.length > 0 ? calibrationChart(card.calibration, { width: 300, height: 300 }) : null,
    distribution: card.distribution.length > 0 ? scoreDistributionChart(card.distribution, { tiers: card.tiers, width: 400, height: 300 }) : null,
    grades: card.grades.some((g) => g.n > 0)
      ? gradeMatrixChart(card.grades, baseRate > 0 && baseRate < 1 ? { baseRate } : {})
      : null,
  };
}
