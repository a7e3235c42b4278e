import { accountCodes } from "../data/account-codes";
import type { AttributeMeta, Column, DealTable } from "../data/deal-table";
import type { SideCall, SideWorker } from "../thread/side-worker";
import { gatherColumn, gatherFlags, gatherNumbers } from "../data/typed-column";
import type { BinSet } from "../stats/binning/bin";
import { assignBins } from "../stats/binning/assign-bin";
import { binColumn } from "../stats/binning/bin-column";
import { knownValues, sortByOutcome } from "../stats/binning/numeric";
import { chiSquareSurvival } from "../stats/chi-square-distribution";
import { benjaminiHochberg } from "../stats/fdr";
import { independenceTest } from "../stats/independence-test";
import { kaplanMeier, medianSurvival, survivalAt } from "../stats/kaplan-meier";
import { logRankTest } from "../stats/log-rank";
import { resolveDriversOptions, type DriversOptions, type ResolvedDriversOptions } from "./drivers-options";
import { DriversResult, type BinSurvival, type DriverAttribute } from "./drivers-result";
import { designEffect } from "../stats/design-effect";
import { datedAfterReason, determinedByLevelsReason, leakageQuestion, nearPureBinReason, oneClassOnlyReason, outcomeNameReason, outlyingIvReason } from "./leakage";
import { rawLevelCounts } from "./level-counts";
import { redundancyRows, redundantPairs } from "./redundancy";
import { targetOutcome, type TargetOutcome } from "./target-outcome";
import { testGroups } from "./test-groups";

/**
 * Which attributes predict the target, with honest statistics: supervised optimal bins with
 * win (or retention) rates, Wilson intervals, weight of evidence and information value; a test
 * of independence on an outcome-blind grouping (log-rank for survival; corrected for deals of one
 * account being alike by the design effect, see {@link designEffect}) with Benjamini–Hochberg
 * q-values across every attribute tested; Cramér's V; leakage judged as graded evidence; redundant pairs.
 * Attributes with role `exclude` are not tested.
 *
 * Leakage: **strong** evidence sets an attribute aside (unless the user keeps it): raw levels
 * (missing included, before any merging) that nearly decide the outcome in both directions,
 * values filled in for one outcome class only, dates after the scoring point. **Supporting**
 * evidence (a near-pure bin, a name that reads like an outcome, an information value far above
 * the rest) alone keeps the attribute and asks a question (`leakageQuestion`): strength is not
 * leakage, and a legitimate dominant driver must not vanish.
 *
 * With `beside` ({@link driversBeside}), a side worker analyses attributes meanwhile.
 *
 * @example
 * import { drivers, loadDataset } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * drivers(table, { target: "won" }).significant.length > 0; // => true
 */
export function drivers(table: DealTable, options: DriversOptions = {}, beside?: DriversBeside): DriversResult {
  const { o, outcome, events, n, candidates } = analysis(table, options);
  const rateName = o.target === "won" ? "win rate" : "retention rate";
  const warnings = outcome.leftOut.map((l) => `${l.rows} rows left out: ${l.reason}`);
  const base = { target: o.target, event: outcome.event, n, events, baseRate: n ? events / n : NaN, fdr: o.fdr };
  if (candidates === undefined) {
    const why = n === 0 ? "no rows to analyse" : events === 0 ? `no deal is ${outcome.event}` : `every deal is ${outcome.event}`;
    return new DriversResult({ ...base, attributes: [], verdict: `nothing can be analysed: ${why}`, warnings: [...warnings, `${o.target}: ${why}; the analysis is skipped`] });
  }
  // Each thread takes the next attribute not taken yet (the counter is shared with the worker).
  const taken = beside?.taken ?? new Int32Array(1);
  const clusters = accountCodes(table, outcome.rows);
  const analysed = new Map<number, DriverAttribute[]>();
  for (let i = Atomics.add(taken, 0, 1); i < candidates.length; i = Atomics.add(taken, 0, 1)) analysed.set(i, analyseAttribute(table, candidates[i], outcome, o, clusters));
  for (const [i, found] of beside?.there.result() ?? []) analysed.set(i, found);
  // Those the worker took but did not give back (it failed) are analysed here.
  const found = candidates.flatMap((a, i) => analysed.get(i) ?? analyseAttribute(table, a, outcome, o, clusters));

  const q = benjaminiHochberg(found.map((a) => a.p));
  found.forEach((a, i) => (a.q = q[i]));
  flagLeakage(found, table, o, rateName);
  for (const a of found) a.significant = a.q < o.fdr && (a.leakage === null || a.leakageKept);

  const clean = found.filter((a) => a.leakage === null);
  const compared = redundancyRows(outcome.rows);
  const codes = clean.map((a) => ({ name: a.name, codes: assignBins(a.binSet, valuesAt(table.columns[a.attribute], compared)) }));
  for (const pair of redundantPairs(codes, o.redundancy)) {
    found.find((a) => a.name === pair.a)!.redundantWith.push(pair.b);
    found.find((a) => a.name === pair.b)!.redundantWith.push(pair.a);
  }
  found.sort((a, b) => b.iv - a.iv || (a.name < b.name ? -1 : 1));
  const sig = found.filter((a) => a.significant).length;
  const leaks = found.filter((a) => a.leakage !== null && !a.leakageKept).length;
  const what = o.target === "won" ? "winning" : "retention";
  const questions = found.filter((a) => a.leakageQuestion !== null).length;
  const verdict =
    sig > 0
      ? `${sig} of ${found.length} attributes predict ${what} (q < ${o.fdr})${leaks ? `; ${leaks} flagged as possible leakage and set aside` : ""}${questions ? `; ${questions} kept with a question (check when the field is filled in)` : ""}`
      : `no attribute predicts ${what}; the data carries no usable signal${leaks ? ` (${leaks} flagged as possible leakage and set aside)` : ""}`;
  // An attribute's warnings are its binning's, which already start with its name (its bin set's).
  for (const a of found) warnings.push(...a.warnings);
  for (const a of found) if (a.leakageQuestion) warnings.push(`${a.name}: ${a.leakageQuestion}`);
  return new DriversResult({ ...base, attributes: found, verdict, warnings, ...(outcome.survival ? { overallSurvival: survivalOf("all customers", outcome.survival.days, outcome.survival.churned, o.horizonDays) } : {}) });
}

/** The side worker's part of {@link drivers} of a table, queued on it ({@link driversBeside}). */
export interface DriversBeside {
  /** How many attributes have been taken, here or there (shared). */
  taken: Int32Array;
  /** The worker's analyses, by the attribute's index among those tested. */
  there: SideCall<[number, DriverAttribute[]][]>;
}

/**
 * Queues on a side worker holding a copy of `table` (see `tableWorker`) its part of
 * `drivers(table, options)`, to pass to that call as `beside`: the attributes are then analysed
 * here and there at once, each thread taking the next one not taken, and the result is the same,
 * to the bit, in about half the time.
 *
 * @example
 * import { drivers, driversBeside, loadDataset } from "leadlab";
 * import { tableWorker } from "../data/table-worker";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const worker = tableWorker(table);
 * const beside = driversBeside(worker, { target: "won" });
 * drivers(table, { target: "won" }, beside).significant.length > 0; // => true
 * worker.close();
 */
export function driversBeside(worker: SideWorker<DealTable>, options: DriversOptions = {}): DriversBeside {
  const taken = new Int32Array(new SharedArrayBuffer(4));
  return { taken, there: worker.call({ module: __filename, name: analyseTaken.name }, [options, taken]) };
}

/**
 * The analyses {@link drivers} makes with `options` of the attributes this thread takes (the next
 * not taken by the shared counter `taken`), by index among those tested: the side worker's part.
 */
export function analyseTaken(table: DealTable, options: DriversOptions, taken: Int32Array): [number, DriverAttribute[]][] {
  const { o, outcome, candidates = [] } = analysis(table, options);
  const clusters = candidates.length ? accountCodes(table, outcome.rows) : undefined;
  const analysed: [number, DriverAttribute[]][] = [];
  for (let i = Atomics.add(taken, 0, 1); i < candidates.length; i = Atomics.add(taken, 0, 1)) analysed.push([i, analyseAttribute(table, candidates[i], outcome, o, clusters)]);
  return analysed;
}

/** The options resolved, the rows and outcome analysed, and the attributes tested (none when there is nothing to analyse: no rows, or one outcome only). */
function analysis(table: DealTable, options: DriversOptions) {
  const o = resolveDriversOptions(options, table.n, table.sources);
  const outcome = targetOutcome(table, o);
  const events = outcome.y.reduce((s, v) => s + v, 0);
  const n = outcome.y.length;
  const candidates = n === 0 || events === 0 || events === n ? undefined : table.attributes.filter((a) => a.role !== "exclude" && !o.exclude.has(a.name));
  return { o, outcome, events, n, candidates };
}

/** The values of a column at the given rows, as `assignBins` reads them. */
function valuesAt(column: Column, rows: Int32Array) {
  return gatherColumn(column, rows) as unknown as Parameters<typeof assignBins>[1];
}

function analyseAttribute(
  table: DealTable,
  meta: AttributeMeta,
  outcome: TargetOutcome,
  o: ResolvedDriversOptions,
  clusters: Int32Array | undefined,
): DriverAttribute[] {
  const column = table.columns[meta.name];
  const sub = gatherColumn(column, outcome.rows);
  // A numeric column's known values are sorted once, split by outcome, for its bins, its raw
  // levels and its test groups.
  const byOutcome = sub instanceof Float64Array ? sortByOutcome(sub, outcome.y) : undefined;
  const numbers = sub instanceof Float64Array ? { values: sub, sorted: knownValues(byOutcome!) } : undefined;
  const sets = binColumn(sub, meta.type, outcome.y, { name: meta.name, maxBins: o.maxBins, minBinSize: o.minBinSize, trend: o.trend }, byOutcome);
  const rateName = o.target === "won" ? "win rate" : "retention rate";
  return sets.map((set) => {
    const indicator = set.indicator?.value;
    const levels = rawLevelCounts(sub, meta.type, outcome.y, indicator, numbers?.sorted, byOutcome?.wins, table.sources?.timeZone);
    const strong = [determinedByLevelsReason(levels, rateName), oneClassOnlyReason(levels, rateName)].filter((r): r is string => r !== null);
    const groups = testGroups(column, meta, outcome.rows, indicator, numbers);
    let p: number, cramersV: number, method: DriverAttribute["method"];
    const counts = Array.from({ length: groups.groups }, () => [0, 0]);
    for (let i = 0; i < groups.codes.length; i++) counts[groups.codes[i]][outcome.y[i]]++;
    const test = independenceTest(counts, { seed: o.seed });
    [p, cramersV, method] = [test.p, test.cramersV, test.method];
    let deff = 1;
    if (clusters && test.method === "chi-square") {
      deff = designEffect(groups.codes, outcome.y, clusters);
      p = chiSquareSurvival(test.statistic / deff, test.df);
    }
    let survival: BinSurvival[] | undefined;
    if (outcome.survival) {
      const s = outcome.survival;
      const g = testGroups(column, meta, s.rows, indicator);
      p = logRankTest(s.days, s.churned, g.codes, s.byDays).p;
      method = "log-rank";
      const binOf = assignBins(set, valuesAt(column, s.rows));
      // Each bin's customers in order of days (those with days), so its curve sorts nothing.
      const members = set.bins.map((): number[] => []);
      for (const i of s.byDays) members[binOf[i]]?.push(i);
      survival = set.bins.map((b, k) => survivalOf(b.label, gatherNumbers(s.days, members[k]), gatherFlags(s.churned, members[k]), o.horizonDays));
    }
    return {
      name: set.name,
      attribute: meta.name,
      role: meta.role,
      type: set.indicator ? "boolean" : meta.type,
      ...(meta.feature ? { feature: meta.feature } : {}),
      iv: set.iv,
      p,
      q: NaN,
      significant: false,
      cramersV,
      method,
      designEffect: deff,
      leakage: null,
      leakageKept: false,
      leakageQuestion: null,
      leakageEvidence: { strong, supporting: [] },
      redundantWith: [],
      binSet: set,
      ...(survival ? { survival } : {}),
      warnings: [...set.warnings],
    };
  });
}

function flagLeakage(found: DriverAttribute[], table: DealTable, o: ResolvedDriversOptions, rateName: string): void {
  for (const a of found) {
    const { strong, supporting } = a.leakageEvidence;
    if (a.type === "date" && table.createdAt) {
      const dated = datedAfterReason(table.columns[a.attribute] as Float64Array, table.createdAt, o.rows);
      if (dated) strong.push(dated);
    }
    const others = found.filter((x) => x.attribute !== a.attribute).map((x) => x.iv);
    const support = [nearPureBinReason(a.binSet as BinSet, rateName), others.length ? outlyingIvReason(a.iv, Math.max(...others)) : null, outcomeNameReason(a.attribute)];
    supporting.push(...support.filter((r): r is string => r !== null));
    if (strong.length) {
      a.leakage = [...strong, ...supporting].join("; ");
      a.leakageKept = o.keep.has(a.attribute);
    } else if (supporting.length) a.leakageQuestion = leakageQuestion(supporting);
  }
}

function survivalOf(label: string, days: Float64Array, churned: Uint8Array, horizon: number): BinSurvival {
  const curve = kaplanMeier(days, churned);
  const at = survivalAt(curve, horizon);
  const points: BinSurvival["curve"] = new Array(curve.time.length);
  for (let i = 0; i < points.length; i++) points[i] = { days: curve.time[i], survival: curve.survival[i], lo: curve.lo[i], hi: curve.hi[i] };
  return { label, n: curve.n, atHorizon: { survival: at.survival, lo: at.lo, hi: at.hi }, medianDays: medianSurvival(curve).median, curve: points };
}
