import { DealTable, type DealTableParts } from "../../data/deal-table";
import { amountDrivers, type AmountDriversResult } from "../../drivers/amount-drivers";
import { drivers } from "../../drivers/drivers";
import { DriversResult } from "../../drivers/drivers-result";
import { RETENTION_HORIZON_DAYS } from "../../stats/kaplan-meier";
import { onSideThread } from "../../thread/side-thread";
import { MIN_AMOUNT_DEALS } from "./amount-card";
import { fitRetentionCard, type RetentionCard } from "./retention-card";

/**
 * The parts of the expected value that do not read the win card, found on the training part:
 * what predicts the size of won deals and the retention card. {@link tuneValue} completes them.
 */
export interface ValueCards {
  /** The amount drivers of the won training deals ({@link amountDrivers}): the amount card's candidates. */
  sizes: AmountDriversResult;
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
}

/**
 * The amount drivers and the retention card on the training rows, or why the expected value is
 * not fitted: the table has no amount, or fewer than {@link MIN_AMOUNT_DEALS} won training deals
 * have a positive one.
 *
 * @example
 * import { loadDataset } from "leadlab";
 * import { fitValueCards } from "./value-cards";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const cards = fitValueCards(table, { train: table.split.train, seed: 7, keep: [], exclude: [], informativeMissing: new Set() });
 * "sizes" in cards && cards.retention !== null; // => true
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
  return { sizes, retention };
}

/**
 * {@link fitValueCards} on a side thread ({@link onSideThread}) when the table has an amount:
 * starts at once and returns the function that waits for the cards. The table crosses as its
 * parts and is rebuilt there; the retention drivers are rebuilt here. The same cards, to the bit,
 * as on this thread.
 *
 * @example
 * import { loadDataset } from "leadlab";
 * import { fitValueCards, fitValueCardsBeside } from "./value-cards";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const o = { train: table.split.train, seed: 7, keep: [], exclude: [], informativeMissing: new Set<string>() };
 * const cards = fitValueCardsBeside(table, o);
 * JSON.stringify(cards()) === JSON.stringify(fitValueCards(table, o)); // => true
 */
export function fitValueCardsBeside(table: DealTable, o: ValueCardsOptions): () => ValueCards | { reason: string } {
  // Without an amount there is nothing to fit, only the reason to give: no thread for that.
  if (!table.amount) return () => fitValueCards(table, o);
  // The decayed counts are not read here: they stay on this thread.
  const parts: DealTableParts = { ...table, decayed: undefined };
  const task = onSideThread<ValueCards | { reason: string }>(__filename, fitValueCardsOfParts.name, [parts, o]);
  return () => {
    const cards = task.result();
    if ("reason" in cards || !cards.retention) return cards;
    return { ...cards, retention: { ...cards.retention, drivers: new DriversResult(cards.retention.drivers) } };
  };
}

/** {@link fitValueCards} of a table given as its parts (a table that crossed to another thread as plain data). */
export function fitValueCardsOfParts(parts: DealTableParts, o: ValueCardsOptions): ValueCards | { reason: string } {
  return fitValueCards(new DealTable(parts), o);
}
