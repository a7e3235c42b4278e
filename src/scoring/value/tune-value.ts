import type { DealTable } from "../../data/deal-table";
import { accountCodes } from "../../data/account-codes";
import { gatherFlags } from "../../data/typed-column";
import type { DriversResult } from "../../drivers/drivers-result";
import { formatPercent, formatPercentPoints } from "../../format/percent";
import { formatRateInterval } from "../../format/rate-interval";
import type { ValueBlock } from "../../formats/scoring-rules-schema";
import { fitLogistic } from "../../model/logistic-regression";
import type { BinSet } from "../../stats/binning/bin";
import { binMatch } from "../bin-match";
import { binnedInputOf } from "../binned-input";
import { chooseTiers } from "../choose-tiers";
import { leadRecordReader } from "../lead-record";
import { createScorer, type RulesToScore } from "../score";
import { fitAmountCard, type AmountCard } from "./amount-card";
import { captureChunksTaken, compareCapture, type CaptureAtShare, type CaptureChunks, type CaptureInput } from "./capture-comparison";
import type { SideWorker } from "../../thread/side-worker";
import type { RetentionCard } from "./retention-card";
import { fitValueCards, type ValueCards, type ValueCardsOptions } from "./value-cards";
import { holdoutRetention } from "./holdout-retention";
import { RETENTION_HORIZON_DAYS } from "../../stats/kaplan-meier";

/** The side worker's chunks of the holdout comparison's bootstrap ({@link captureChunksTaken}), called on it with the table it holds first. */
export function captureChunksOf(_table: DealTable, input: CaptureInput, taken: Int32Array): CaptureChunks {
  return captureChunksTaken(input, taken);
}

/**
 * The expected value of each of `rows`, as the runtime scorer computes it from rules with a
 * `value` block (what {@link tuneValue} ranks leads by); a side worker computes part of them with
 * the table it holds.
 */
export function expectedValues(table: DealTable, rules: RulesToScore, rows: Int32Array): Float64Array {
  const scorer = createScorer(rules, { reasons: 0 });
  const read = leadRecordReader(table, scorer.keys);
  return Float64Array.from(rows, (r) => scorer(read(r)).value!.expectedValue);
}

/** The horizon the retention card reads retention at, in days. */
export const VALUE_HORIZON_DAYS = RETENTION_HORIZON_DAYS;
/** Bootstrap replicates of the holdout comparison. */
export const VALUE_REPLICATES = 1000;

/** What the win card hands the value cards: its rules, the split, and its points on both parts (and the run's choices the value cards read). */
export interface ValueInputs extends ValueCardsOptions {
  /** The win card's rules (what scoring reads: their metadata is written after the value cards). */
  rules: RulesToScore;
  test: Int32Array;
  trainPoints: Float64Array;
  testPoints: Float64Array;
  /** The drivers of winning on the training part: attributes they set aside as leakage stay off the value cards. */
  winDrivers: DriversResult;
  tierNames: readonly string[];
}

/** A tier (of value or of win points) measured on the holdout. */
export interface ValueTier {
  name: string;
  /** The lowest expected value (value tiers) or points (win tiers); null for the last tier. */
  min: number | null;
  n: number;
  shareOfLeads: number;
  winRate: number;
  shareOfWonRevenue: number;
  /** Null without retention data. */
  shareOfRetainedRevenue: number | null;
}

/** The expected-value model of a tuned card: the `value` block of scoring.yaml and how it did on the holdout. */
export interface ValueModel {
  block: ValueBlock;
  amount: AmountCard;
  retention: RetentionCard | null;
  /** Value tiers and win tiers, side by side, on the holdout. */
  tiers: { value: ValueTier[]; win: ValueTier[] };
  /** The top leads by expected value against the top leads by win points, at the lead shares of the top tiers. */
  capture: CaptureAtShare[];
  holdout: {
    leads: number;
    wonDeals: number;
    wonRevenue: number;
    /** How retained revenue is counted on the holdout (null without retention data). */
    retainedDefinition: string | null;
    retainedRevenue: number | null;
    /** Won deals whose retention is unknown (no retention row), left out of the retained-revenue comparison. */
    retentionUnknown: number;
    /** Median days each won holdout deal's customer was observed after the deal closed, up to the horizon. */
    medianObservedDays: number | null;
    /** What the bootstrap resampled and how often. */
    bootstrap: { replicates: number; seed: number; resampled: "accounts" | "deals" };
  };
  verdict: string;
  warnings: string[];
}

/**
 * The expected value of a lead, fitted on the training part of the win card's split: the chance
 * of winning is the card's points calibrated on the training deals (a logistic regression of
 * won on points); the amount card ({@link fitAmountCard}) chooses among the attributes whose bins
 * differ in deal size on the training part ({@link amountDrivers}, q < 0.05, none the amount
 * written another way, none the win drivers set aside as leakage); the retention card ({@link fitRetentionCard}) among the retention drivers
 * of the same rows, at {@link VALUE_HORIZON_DAYS} days. Expected value = win chance × expected
 * amount × retained chance, computed for every deal by the runtime scorer from the exported block,
 * so the holdout measures exactly what is exported. Value tiers are cut on training expected
 * values with the win tiers' training shares of leads (cuts to three significant digits). On the
 * holdout: each tier's share of won revenue and of retained revenue beside the win tiers', and
 * the top leads by value against the top leads by points of the same share ({@link compareCapture},
 * a seeded bootstrap by account). Undefined, with the reason, when the table has no amount, too
 * few won training deals have one, or every training lead gets the same expected value (nothing
 * predicts the win chance, the amount or retention: no tiers are cut from one value).
 * The amount drivers, the amount card and the retention card come from {@link fitValueCards}:
 * `cards`, when the tuner fitted them on a side worker meanwhile, else fitted here. With `beside`,
 * a side worker holding the table, half of the bootstrap is drawn there meanwhile.
 *
 * @example
 * import { loadDataset, tuneScorecard } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const card = tuneScorecard(table);
 * card.value!.capture[0].wonRevenue.diff.value > 0; // => true
 */
export function tuneValue(table: DealTable, inputs: ValueInputs, cards: ValueCards | { reason: string } = fitValueCards(table, inputs), beside?: SideWorker<DealTable>): ValueModel | { reason: string } {
  if ("reason" in cards) return cards;
  const amounts = table.amount!;
  const { train, test, rules, seed } = inputs;
  const warnings: string[] = [];
  const amount = cards.amount;
  if (!amount.attributes.length) warnings.push(`amount card: no attribute predicts the size of won deals on the training part (${cards.amountCandidates} candidates); every lead gets the mean amount`);

  // The retention card, on the same training part.
  const retention = cards.retention;
  if (retention) {
    warnings.push(...retention.warnings);
    if (!retention.attributes.length) warnings.push(`retention card: no attribute predicts retention at ${VALUE_HORIZON_DAYS} days on the training part; every lead gets the base rate`);
  }

  const yTrain = gatherFlags(table.won, train);
  const calibration = fitLogistic([inputs.trainPoints], yTrain);
  const six = (x: number) => Number(x.toPrecision(6));
  const block: ValueBlock = {
    ...(table.amountCurrency ? { currency: table.amountCurrency } : {}),
    winChance: { intercept: six(calibration.intercept), slope: six(calibration.coefficients[0]) },
    amount: {
      base: Number(amount.base.toFixed(2)),
      attributes: amount.attributes.map((a) =>
        valueAttribute(table, a.attribute, a.name, a.binSet, `${a.name}: the factor of each bin on won training deals (log amount, bins of few deals shrunk toward 1)`, (_, k) => ({
          factor: Number(a.factors[k].toFixed(4)),
          trainDeals: a.deals[k],
          trainMedianAmount: Number.isFinite(a.medians[k]) ? a.medians[k] : null,
        })),
      ),
    },
    ...(retention
      ? {
          retention: {
            horizonDays: retention.horizonDays,
            baseLogOdds: Number(retention.base.toFixed(4)),
            attributes: retention.attributes.map((a) =>
              valueAttribute(table, a.attribute, a.name, a.binSet, `${a.name}: the log-odds term of each bin for customers retained ${retention!.horizonDays} days (training)`, (b, k) => ({
                logOdds: Number(a.terms[k].toFixed(4)) || 0,
                trainRetainedRate: Number.isFinite(b.rate) ? Number(b.rate.toFixed(4)) : 0,
                trainCustomers: b.n,
              })),
            ),
          },
        }
      : {}),
    tiers: [],
  };

  // Expected values as the runtime scorer computes them from the block: with a side worker, it
  // is offered the holdout and the later half of the training rows meanwhile (the same numbers).
  const valued = { ...rules, value: block };
  const half = beside ? train.length >> 1 : train.length;
  const later = new Int32Array(train.length - half + test.length);
  later.set(train.subarray(half));
  later.set(test, train.length - half);
  const laterThere = beside?.offer<Float64Array>({ module: __filename, name: expectedValues.name }, [valued, later]);
  const trainValue = new Float64Array(train.length);
  trainValue.set(expectedValues(table, valued, train.subarray(0, half)));
  const laterValue = laterThere?.result() ?? expectedValues(table, valued, later);
  trainValue.set(laterValue.subarray(0, train.length - half), half);
  if (trainValue.every((x) => x === trainValue[0]))
    return { reason: "every training lead has the same expected value: no attribute predicts the win chance, the amount or retention on the training part, so there is nothing to rank by" };
  const testValue = laterValue.subarray(train.length - half);
  const yTest = gatherFlags(table.won, test);
  const topWin = rules.tiers[0].minPoints;
  const topShare = topWin === null ? 1 : inputs.trainPoints.reduce((s, p) => s + (p >= topWin ? 1 : 0), 0) / train.length;
  const capacity = Math.min(0.95, Math.max(0.01, topShare));
  const tiers = chooseTiers(trainValue, yTrain, testValue, yTest, inputs.tierNames, { capacity, round: (x) => Number(x.toPrecision(3)) });

  // The holdout: won revenue, retained revenue (where retention is known), value against win points.
  const status = holdoutRetention(table, test, VALUE_HORIZON_DAYS);
  const wonRevenue = Float64Array.from(test, (r) => (table.won[r] && amounts[r] > 0 ? amounts[r] : 0));
  const retainedKnown = status ? Array.from(test, (r, i) => !table.won[r] || status.retained[i] !== null) : undefined;
  const retainedRevenue = status ? Float64Array.from(test, (_, i) => (status.retained[i] ? wonRevenue[i] : 0)) : undefined;
  const shares: number[] = [];
  for (let t = 1; t < inputs.tierNames.length; t++) shares.push(Number((capacity + ((1 - capacity) * (t - 1)) / (inputs.tierNames.length - 1)).toFixed(4)));
  const clusters = accountCodes(table, test);
  const captureInput: CaptureInput = {
    valueScore: testValue,
    winScore: inputs.testPoints,
    wonRevenue,
    ...(retainedRevenue ? { retainedRevenue, retainedKnown } : {}),
    ...(clusters ? { clusters } : {}),
    shares,
    replicates: VALUE_REPLICATES,
    seed,
  };
  // With a side worker, it draws chunks of the bootstrap meanwhile, each thread taking the next.
  const taken = new Int32Array(new SharedArrayBuffer(4));
  const there = beside?.call<CaptureChunks>({ module: __filename, name: captureChunksOf.name }, [captureInput, taken]);
  const capture = compareCapture(captureInput, there && { taken, chunks: there.result });

  const measure = (scores: ArrayLike<number>, cuts: readonly (number | null)[], names: readonly string[]): ValueTier[] => {
    const sum = (xs: ArrayLike<number>, keep: (i: number) => boolean) => {
      let s = 0;
      for (let i = 0; i < xs.length; i++) if (keep(i)) s += xs[i];
      return s;
    };
    const totalWon = sum(wonRevenue, () => true);
    const totalRetained = retainedRevenue ? sum(retainedRevenue, (i) => retainedKnown![i]) : 0;
    return names.map((name, t) => {
      const lo = cuts[t] ?? -Infinity;
      const hi = t === 0 ? Infinity : (cuts[t - 1] ?? -Infinity);
      const inTier = (i: number) => scores[i] >= lo && scores[i] < hi;
      const n = sum(Float64Array.from(scores, () => 1), inTier);
      const wins = sum(yTest, inTier);
      return {
        name,
        min: cuts[t],
        n,
        shareOfLeads: test.length ? n / test.length : 0,
        winRate: n ? wins / n : NaN,
        shareOfWonRevenue: totalWon > 0 ? sum(wonRevenue, inTier) / totalWon : NaN,
        shareOfRetainedRevenue: retainedRevenue && totalRetained > 0 ? sum(retainedRevenue, (i) => inTier(i) && retainedKnown![i]) / totalRetained : null,
      };
    });
  };
  const valueTiers = measure(testValue, tiers.map((t) => t.minPoints), inputs.tierNames);
  const winTiers = measure(inputs.testPoints, rules.tiers.map((t) => t.minPoints), rules.tiers.map((t) => t.name));
  block.tiers = valueTiers.map((t) => ({ name: t.name, minValue: t.min, shareOfLeads: Number(t.shareOfLeads.toFixed(4)), shareOfWonRevenue: Number.isFinite(t.shareOfWonRevenue) ? Number(t.shareOfWonRevenue.toFixed(4)) : 0 }));

  const top = capture[0];
  const contrastText = (what: string, c: CaptureAtShare["wonRevenue"]) =>
    `${formatRateInterval(c.value.value, c.value.lo, c.value.hi)} of ${what} against ${formatRateInterval(c.win.value, c.win.lo, c.win.hi)} by win points alone (difference ${formatPercentPoints(c.diff.value)} [${formatPercentPoints(c.diff.lo)}, ${formatPercentPoints(c.diff.hi)}] points)`;
  const verdict = `the top ${formatPercent(top.leadShare)} of holdout leads by expected value hold ${contrastText("won revenue", top.wonRevenue)}${top.retainedRevenue ? `, and ${contrastText("retained revenue", top.retainedRevenue)}` : ""}`;
  const observed = status?.observedDays.filter((d) => Number.isFinite(d)).sort((a, b) => a - b) ?? [];
  if (status && observed.length && observed[observed.length >> 1] < VALUE_HORIZON_DAYS)
    warnings.push(`retained revenue on the holdout: its won deals were observed a median ${Math.round(observed[observed.length >> 1])} days after closing, less than the ${VALUE_HORIZON_DAYS}-day horizon; it counts churn seen so far, so it understates what the retention card predicts`);
  return {
    block,
    amount,
    retention,
    tiers: { value: valueTiers, win: winTiers },
    capture,
    holdout: {
      leads: test.length,
      wonDeals: wonRevenue.reduce((s, x) => s + (x > 0 ? 1 : 0), 0),
      wonRevenue: wonRevenue.reduce((s, x) => s + x, 0),
      retainedDefinition: status?.definition ?? null,
      retainedRevenue: retainedRevenue ? retainedRevenue.reduce((s, x, i) => s + (retainedKnown![i] ? x : 0), 0) : null,
      retentionUnknown: status ? status.retained.filter((x, i) => x === null && table.won[test[i]] === 1).length : 0,
      medianObservedDays: observed.length ? observed[observed.length >> 1] : null,
      bootstrap: { replicates: VALUE_REPLICATES, seed, resampled: clusters ? "accounts" : "deals" },
    },
    verdict,
    warnings,
  };
}


/** An attribute of a value card as written in scoring.yaml: read as the scorecard's attributes are, with the card's numbers per bin. */
function valueAttribute<T extends object>(table: DealTable, attribute: string, name: string, set: BinSet, rationale: string, numbers: (bin: BinSet["bins"][number], k: number) => T) {
  const meta = table.attribute(attribute);
  return {
    ...binnedInputOf(set.indicator ? `${set.indicator.attribute}=${set.indicator.value}` : name, meta, set),
    rationale,
    bins: set.bins.map((b, k) => ({ label: b.label, when: binMatch(b.rule), ...numbers(b, k) })),
  };
}
