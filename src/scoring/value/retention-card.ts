import type { DealTable } from "../../data/deal-table";
import { gatherColumn } from "../../data/typed-column";
import type { DriverAttribute, DriversResult } from "../../drivers/drivers-result";
import { resolveDriversOptions } from "../../drivers/drivers-options";
import { targetOutcome } from "../../drivers/target-outcome";
import { forwardSelect } from "../../model/cross-validation";
import { fitLogistic } from "../../model/logistic-regression";
import type { BinSet } from "../../stats/binning/bin";
import { assignBins } from "../../stats/binning/assign-bin";
import { readableEdges } from "../../stats/binning/readable-edges";
import { binEvidence, rowEvidence } from "../bin-evidence";
import { countsDays } from "../counts-days";

/** One attribute of a {@link RetentionCard}: its bins (from the retention drivers) and each bin's log-odds term. */
export interface RetentionCardAttribute {
  name: string;
  attribute: string;
  binSet: BinSet;
  /** Per bin: added to the base log-odds of being retained. */
  terms: number[];
}

/** The retention card: chance of being retained at the horizon = logistic(base + the term of each attribute's bin). */
export interface RetentionCard {
  horizonDays: number;
  /** The log-odds of being retained with every term 0. */
  base: number;
  attributes: RetentionCardAttribute[];
  /** Customers it was fitted on (first won deal of each, retention decided at the horizon), and how many were retained. */
  n: number;
  retained: number;
  /** Won training deals left out, and why (censored before the horizon, later deals of a customer, …). */
  leftOut: { reason: string; rows: number }[];
  /** Forward selection: the attribute added at each step and the cross-validated AUC after it. */
  steps: { name: string; auc: number }[];
  /** The retention drivers it chose among (on the same rows, at `horizonDays`): the retention analysis of the same rows reuses them. */
  drivers: DriversResult;
  warnings: string[];
}

/** Options of {@link fitRetentionCard}. */
export interface RetentionCardOptions {
  /** At most this many attributes (default 4). */
  maxAttributes?: number;
  /** An attribute is added only when it raises the cross-validated AUC by at least this (default 0.005). */
  minGain?: number;
  folds?: number;
  seed?: number;
  /** Attributes whose missing bin carries its own evidence (as on the win card). */
  informativeMissing?: ReadonlySet<string>;
}

/**
 * Fits the retention card on the rows the retention drivers were found on: one row per customer
 * (its first won deal) whose retention at the horizon is decided; customers observed for less
 * than the horizon without churning are left out (counted), never counted as retained. The
 * candidates are the significant retention drivers that are not leakage and not redundant with
 * a stronger one, encoded as on the win card (shrunk weight of evidence, a neutral missing bin
 * at most 0); forward selection on cross-validated AUC keeps those that add at least `minGain`
 * (none when nothing predicts retention: the card is then the base rate alone); a logistic
 * regression on the training customers gives the base and, per bin, coefficient × evidence; an
 * attribute whose coefficient turns negative is dropped and the rest refitted.
 *
 * @example
 * // see tuneValue, which fits it on the training part beside the amount card
 */
export function fitRetentionCard(table: DealTable, retention: DriversResult, rows: ArrayLike<number>, horizonDays: number, options: RetentionCardOptions = {}): RetentionCard {
  const { maxAttributes = 4, minGain = 0.005, folds = 5, seed = 7, informativeMissing = new Set<string>() } = options;
  const outcome = targetOutcome(table, resolveDriversOptions({ target: "retained", rows, horizonDays }, table.n));
  const y = outcome.y;
  const retained = y.reduce((s, v) => s + v, 0);
  const warnings: string[] = [];
  const base = (b: number): RetentionCard => ({ horizonDays, base: b, attributes: [], n: y.length, retained, leftOut: outcome.leftOut, steps: [], drivers: retention, warnings });
  if (retained === 0 || retained === y.length) {
    warnings.push(`retention card: ${retained} of ${y.length} customers retained ${horizonDays} days on the training part; the card is the base rate alone (shrunk by half a customer each way)`);
    return base(Math.log((retained + 0.5) / (y.length - retained + 0.5)));
  }
  const candidates: DriverAttribute[] = [];
  for (const a of retention.attributes) {
    if (a.type === "date" || (a.leakage !== null && !a.leakageKept) || !a.significant) continue;
    if (a.redundantWith.some((r) => candidates.some((c) => c.name === r))) continue;
    if (a.binSet.bins.filter((b) => b.n > 0).length < 2) continue;
    candidates.push(a);
  }
  // Numeric edges as people read them (whole days for day counts), counted on the training customers, as on the win card.
  const readable = (a: DriverAttribute): DriverAttribute =>
    a.binSet.type !== "numeric"
      ? a
      : { ...a, binSet: readableEdges(a.binSet, gatherColumn(table.columns[a.attribute], outcome.rows) as Float64Array, y, { wholeUnits: countsDays(table.attribute(a.attribute)) }) };
  const encode = (a: DriverAttribute) => {
    const evidence = binEvidence(a.binSet, informativeMissing.has(a.attribute) ? "informative" : "neutral");
    const codes = assignBins(a.binSet, table.columns[a.attribute] as Parameters<typeof assignBins>[1]);
    return { a, evidence, x: rowEvidence(codes, evidence, outcome.rows) };
  };
  const encoded = candidates.map((a) => encode(readable(a)));
  const columns = Object.fromEntries(encoded.map((e) => [e.a.name, e.x]));
  const selection = encoded.length ? forwardSelect(columns, y, { maxFeatures: maxAttributes, folds, seed, l2: 1, minGain }) : { selected: [] as string[], steps: [] };
  let chosen = selection.selected.map((name) => encoded.find((e) => e.a.name === name)!);
  for (;;) {
    const model = fitLogistic(chosen.map((e) => e.x), y, { l2: 1 });
    const wrong = chosen.findIndex((_, j) => !(model.coefficients[j] > 0));
    if (wrong >= 0) {
      warnings.push(`retention card: ${chosen[wrong].a.name}'s coefficient contradicts its weight of evidence once the others are known; dropped and refitted`);
      chosen = chosen.filter((_, j) => j !== wrong);
      continue;
    }
    return {
      ...base(model.intercept),
      attributes: chosen.map((e, j) => ({ name: e.a.name, attribute: e.a.attribute, binSet: e.a.binSet, terms: e.evidence.map((w) => model.coefficients[j] * w) })),
      steps: selection.steps.filter((s) => chosen.some((e) => e.a.name === s.feature)).map((s) => ({ name: s.feature, auc: s.cvAuc })),
    };
  }
}
