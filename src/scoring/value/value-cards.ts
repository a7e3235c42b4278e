import type { DealTable } from "../../data/deal-table";
import { amountDrivers, type AmountDriversResult } from "../../drivers/amount-drivers";
import { drivers } from "../../drivers/drivers";
import { DriversResult, type BinSurvival, type DriverAttribute, type DriversParts } from "../../drivers/drivers-result";
import { RETENTION_HORIZON_DAYS } from "../../stats/kaplan-meier";
import type { SideWorker } from "../../thread/side-worker";
import { fitAmountCard, MIN_AMOUNT_DEALS, type AmountCandidate, type AmountCard } from "./amount-card";
import { receiveWinLeaks, type WinLeaks } from "./win-leaks";
import { fitRetentionCard, type RetentionCard } from "./retention-card";

/**
 * The parts of the expected value that do not read the win card, found on the training part:
 * what predicts the size of won deals, the amount card and the retention card. {@link tuneValue}
 * completes them.
 */
export interface ValueCards {
  /** The amount drivers of the won training deals ({@link amountDrivers}): the amount card's candidates. */
  sizes: AmountDriversResult;
  /** The amount card, fitted on the significant amount drivers that neither leak the amount nor are win leaks. */
  amount: AmountCard;
  /** How many candidates the amount card chose among. */
  amountCandidates: number;
  /** The retention card at {@link RETENTION_HORIZON_DAYS} days, with the retention drivers it chose among; null without retention data. */
  retention: RetentionCard | null;
}

/** What {@link fitValueCards} reads besides the table: the training rows and the run's choices. */
export interface ValueCardsOptions {
  train: Int32Array;
  seed: number;
  keep: readonly string[];
  exclude: readonly string[];
  informativeMissing: ReadonlySet<string>;
  /** The win drivers' leaking attributes, which the amount card does not take: waited for when the amount card is fitted (see {@link WinLeaks}). */
  winLeaks: WinLeaks;
}

/**
 * The amount drivers, the amount card and the retention card on the training rows, or why the
 * expected value is not fitted: the table has no amount, or fewer than {@link MIN_AMOUNT_DEALS}
 * won training deals have a positive one.
 *
 * @example
 * import { loadDataset } from "leadlab";
 * import { fitValueCards } from "./value-cards";
 * import { winLeaks } from "./win-leaks";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * // No attribute leaks the win here (the tuner hands over those its win drivers set aside).
 * const leaks = winLeaks(table, { attributes: [] });
 * const cards = fitValueCards(table, { train: table.split.train, seed: 7, keep: [], exclude: [], informativeMissing: new Set(), winLeaks: leaks });
 * "sizes" in cards && cards.amount.attributes.length > 0 && cards.retention !== null; // => true
 */
export function fitValueCards(table: DealTable, o: ValueCardsOptions): ValueCards | { reason: string } {
  if (!table.amount) return { reason: "the dataset has no amount (set `deals.amount` in dataset.yaml to rank leads by expected value)" };
  const amounts = table.amount;
  const won = Array.from(o.train).filter((r) => table.won[r] === 1);
  const wonWithAmount = won.filter((r) => amounts[r] > 0).length;
  if (wonWithAmount < MIN_AMOUNT_DEALS) {
    const notPositive = won.filter((r) => amounts[r] <= 0).length;
    return {
      reason: `${wonWithAmount} won training deals have a positive amount${notPositive ? ` (${notPositive} have an amount of 0 or less)` : ""}; the expected value needs at least ${MIN_AMOUNT_DEALS}`,
    };
  }
  const sizes = amountDrivers(table, { rows: o.train, exclude: o.exclude });
  let retention: RetentionCard | null = null;
  if (table.retention) {
    const retained = drivers(table, { target: "retained", rows: o.train, seed: o.seed, keep: o.keep, exclude: [...o.exclude], horizonDays: RETENTION_HORIZON_DAYS });
    retention = fitRetentionCard(table, retained, o.train, RETENTION_HORIZON_DAYS, { seed: o.seed, informativeMissing: o.informativeMissing });
  }
  // The amount card: candidates are the attributes whose bins differ in the size of won training deals.
  const leaks = receiveWinLeaks(o.winLeaks, table);
  const candidates: AmountCandidate[] = sizes.attributes
    .filter((a) => a.significant && a.leakage === null && !leaks.has(a.attribute))
    .map((a) => (a.name === a.attribute ? { name: a.name, attribute: a.attribute } : { name: a.name, attribute: a.attribute, item: a.name.slice(a.attribute.length + 3) }));
  const amount = fitAmountCard(table, o.train, candidates, { seed: o.seed });
  return { sizes, amount, amountCandidates: candidates.length, retention };
}

/**
 * {@link fitValueCards} on a side worker holding a copy of the table (`tableWorker`): queued
 * at once, and returns the function that waits for the cards. The retention drivers are rebuilt
 * here, their survival curves unpacked ({@link fitValueCardsToCross}). The same cards, to the bit, as on this thread.
 *
 * @example
 * import { loadDataset } from "leadlab";
 * import { tableWorker } from "../../data/table-worker";
 * import { fitValueCardsBeside } from "./value-cards";
 * import { DriversResult } from "../../drivers/drivers-result";
 * import { handOverWinLeaks, winLeaks } from "./win-leaks";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const leaks = winLeaks(table);
 * const worker = tableWorker(table);
 * const cards = fitValueCardsBeside(worker, { train: table.split.train, seed: 7, keep: [], exclude: [], informativeMissing: new Set<string>(), winLeaks: leaks });
 * // … the win drivers found here meanwhile hand over their leaks (none here):
 * handOverWinLeaks(leaks, table, { attributes: [] });
 * const fitted = cards();
 * "amount" in fitted && fitted.retention!.drivers instanceof DriversResult; // => true
 * worker.close();
 */
export function fitValueCardsBeside(worker: SideWorker<DealTable>, o: ValueCardsOptions): () => ValueCards | { reason: string } {
  const call = worker.call<CrossingCards | { reason: string }>({ module: __filename, name: fitValueCardsToCross.name }, [o]);
  return () => {
    const cards = call.result();
    if ("reason" in cards) return cards;
    const { retention } = cards;
    if (!retention) return { ...cards, retention };
    const { attributes, ...rest } = retention.drivers;
    return { ...cards, retention: { ...retention, drivers: new DriversResult({ ...rest, attributes: attributes.map(unpackCurves) }) } };
  };
}

/** A driver attribute whose survival bins' curves are held as `C`. */
type WithCurves<C> = Omit<DriverAttribute, "survival"> & { survival?: (Omit<BinSurvival, "curve"> & { curve: C })[] };
/** An attribute as it crosses from the worker: each curve one array, 4 numbers a point (days, survival, lo, hi). */
type CrossingAttribute = WithCurves<Float64Array>;
type CrossingDrivers = Omit<DriversParts, "attributes"> & { attributes: CrossingAttribute[] };
/** The value cards as they cross from the worker: the retention drivers' curves packed. */
type CrossingCards = Omit<ValueCards, "retention"> & { retention: (Omit<RetentionCard, "drivers"> & { drivers: CrossingDrivers }) | null };

/**
 * {@link fitValueCards} on the worker, with the retention drivers' survival curves packed: each
 * curve crosses as one typed array, not as an object a point (on 100,000 deals, 20 MB of objects
 * that took the waiting thread half a second to read).
 */
export function fitValueCardsToCross(table: DealTable, o: ValueCardsOptions): CrossingCards | { reason: string } {
  const cards = fitValueCards(table, o);
  if ("reason" in cards) return cards;
  const { retention } = cards;
  if (!retention) return { ...cards, retention };
  const { attributes, ...rest } = retention.drivers;
  return { ...cards, retention: { ...retention, drivers: { ...rest, attributes: attributes.map(packCurves) } } };
}

/** `a` with each survival bin's curve made by `f` from its own (the survival key in its place). */
function mapCurves<C, D>(a: WithCurves<C>, f: (curve: C) => D): WithCurves<D> {
  const { survival, ...rest } = a;
  return survival ? { ...a, survival: survival.map((s) => ({ ...s, curve: f(s.curve) })) } : rest;
}

function packCurves(a: DriverAttribute): CrossingAttribute {
  return mapCurves(a, (points: BinSurvival["curve"]) => {
    const curve = new Float64Array(4 * points.length);
    points.forEach((p, i) => {
      curve[4 * i] = p.days;
      curve[4 * i + 1] = p.survival;
      curve[4 * i + 2] = p.lo;
      curve[4 * i + 3] = p.hi;
    });
    return curve;
  });
}

function unpackCurves(a: CrossingAttribute): DriverAttribute {
  return mapCurves(a, (curve) => Array.from({ length: curve.length / 4 }, (_, i) => ({ days: curve[4 * i], survival: curve[4 * i + 1], lo: curve[4 * i + 2], hi: curve[4 * i + 3] })));
}
