import { accountCodes } from "../data/account-codes";
import type { AttributeMeta, Column, DealTable } from "../data/deal-table";
import { gatherNumbers } from "../data/typed-column";
import { benjaminiHochberg } from "../stats/fdr";
import { chiSquareSurvival } from "../stats/chi-square-distribution";
import { kruskalWallisOfRanks } from "../stats/kruskal-wallis";
import { midRanks, type MidRanks } from "../stats/mid-ranks";
import { rankDesignEffect } from "../stats/rank-design-effect";
import { spearmanAgainst } from "../stats/spearman";
import { medianInterval } from "../stats/median-interval";
import { TEST_MIN_GROUP, testGroups } from "./test-groups";

/** Options of {@link amountDrivers}. */
export interface AmountDriversOptions {
  /** Rows to analyse (their won deals with an amount); default the training part of the table's split. */
  rows?: ArrayLike<number>;
  /** An attribute is significant when its q-value is below this. Default 0.05. */
  fdr?: number;
  /** Attribute names to leave out. */
  exclude?: readonly string[];
}

/** One bin of an attribute: the won deals in it and their median amount with its interval. */
export interface AmountBin {
  label: string;
  n: number;
  median: number;
  lo: number;
  hi: number;
  /** The exact coverage of [lo, hi] (below 0.95 only for bins of fewer than 6 deals). */
  coverage: number;
}

/** What one attribute (or one item of a multi-valued attribute) says about deal size. */
export interface AmountAttribute {
  /** `industry`, or `tech_stack = Salesforce` for an item. */
  name: string;
  attribute: string;
  role: AttributeMeta["role"];
  bins: AmountBin[];
  /** Kruskal–Wallis H (tie-corrected) and its degrees of freedom. */
  h: number;
  df: number;
  /** The design effect of deals of one account being alike (1 when deals are not grouped); p is of H ÷ it. */
  designEffect: number;
  /** The p-value of H ÷ designEffect against χ²(df), and its BH q-value across attributes. */
  p: number;
  q: number;
  significant: boolean;
  /** Highest bin median ÷ lowest bin median, among bins of at least 20 deals (NaN when fewer than two). */
  spread: number;
  /**
   * Why the attribute is the amount written another way (a number whose ranks follow the
   * amount's: |Spearman ρ| ≥ {@link AMOUNT_LEAK_RHO}, such as ARR beside MRR, or a price known
   * only at the close), so it stays off the amount card; null otherwise.
   */
  leakage: string | null;
}

/** A numeric attribute whose ranks follow the amount's this closely (|Spearman ρ|) is the amount written another way. */
export const AMOUNT_LEAK_RHO = 0.98;

/** The result of {@link amountDrivers}. */
export interface AmountDriversResult {
  dataset: string;
  /** The amount's currency (ISO 4217), when the loader read one. */
  currency?: string;
  /** Won deals analysed (with a positive amount) and their median amount with its interval. */
  n: number;
  overall: AmountBin;
  fdr: number;
  /** Ranked by p-value, then name. */
  attributes: AmountAttribute[];
  verdict: string;
  warnings: string[];
}

/** A label per group code: numbers as their observed range, categories as the level, "other", "(missing)". One pass over the rows. */
function groupLabels(column: Column, meta: AttributeMeta, rows: Int32Array, codes: Int32Array, groups: number, item?: string): string[] {
  if (item !== undefined) return [`has ${item}`, `lacks ${item}`, "(missing)"];
  const size = new Int32Array(groups);
  const lo = new Float64Array(groups).fill(Infinity);
  const hi = new Float64Array(groups).fill(-Infinity);
  const levels: (Set<string> | null)[] = Array.from({ length: groups }, () => (meta.type === "numeric" ? null : new Set()));
  const present = new Uint8Array(groups);
  rows.forEach((r, i) => {
    const g = codes[i];
    size[g]++;
    const v = column[r] as number | string | boolean | null;
    if (v === null || (typeof v === "number" && Number.isNaN(v))) return;
    present[g] = 1;
    if (meta.type === "numeric") {
      if ((v as number) < lo[g]) lo[g] = v as number;
      if ((v as number) > hi[g]) hi[g] = v as number;
    } else levels[g]!.add(String(v));
  });
  const fmt = (x: number) => Number(x.toPrecision(4)).toLocaleString("en-US");
  return Array.from({ length: groups }, (_, g) => {
    if (size[g] === 0) return `(empty ${g})`;
    if (!present[g]) return "(missing)";
    if (meta.type === "numeric") return lo[g] === hi[g] ? fmt(lo[g]) : `${fmt(lo[g])}–${fmt(hi[g])}`;
    const distinct = levels[g]!;
    return distinct.size === 1 ? [...distinct][0] : "(other)";
  });
}

function bin(label: string, amounts: number[]): AmountBin {
  const m = medianInterval(amounts);
  return { label, n: amounts.length, median: m.median, lo: m.lo, hi: m.hi, coverage: m.coverage };
}

/**
 * The bins and rank test of one grouping of the analysed rows (`ranked`: the amounts' mid-ranks,
 * and `againstAmount`: Spearman's ρ with the amounts, both shared by every grouping).
 */
function analyse(
  name: string,
  meta: AttributeMeta,
  column: Column,
  rows: Int32Array,
  amount: Float64Array,
  ranked: MidRanks,
  againstAmount: (x: ArrayLike<number>) => number,
  clusters: Int32Array | undefined,
  item?: string,
): Omit<AmountAttribute, "q" | "significant"> {
  const leakage = meta.type === "numeric" ? amountLeakage(gatherNumbers(column as Float64Array, rows), againstAmount) : null;
  const { codes, groups } = testGroups(column, meta, rows, item);
  const labels = groupLabels(column, meta, rows, codes, groups, item);
  const byGroup: number[][] = Array.from({ length: groups }, () => []);
  codes.forEach((g, i) => byGroup[g].push(amount[i]));
  const bins = byGroup.flatMap((a, g) => (a.length ? [bin(labels[g], a)] : []));
  const kw = kruskalWallisOfRanks(ranked, codes);
  const deff = clusters && !Number.isNaN(kw.p) ? rankDesignEffect(ranked.ranks, codes, clusters) : 1;
  const big = bins.filter((b) => b.n >= TEST_MIN_GROUP).map((b) => b.median);
  const spread = big.length >= 2 && Math.min(...big) > 0 ? Math.max(...big) / Math.min(...big) : NaN;
  return { name, attribute: meta.name, role: meta.role, bins, h: kw.h, df: kw.df, designEffect: deff, p: Number.isNaN(kw.p) ? NaN : chiSquareSurvival(kw.h / deff, kw.df), spread, leakage };
}

/** Why a numeric attribute is the amount written another way (see `AmountAttribute.leakage`), or null: at least 20 deals with both, ranks following the amount's. */
function amountLeakage(values: Float64Array, againstAmount: (x: ArrayLike<number>) => number): string | null {
  let known = 0;
  for (const v of values) if (!Number.isNaN(v)) known++;
  if (known < TEST_MIN_GROUP) return null;
  const rho = againstAmount(values);
  if (!(Math.abs(rho) >= AMOUNT_LEAK_RHO)) return null;
  return `its values follow the amount (Spearman ρ ${rho < 0 ? "−" : ""}${Math.abs(rho).toFixed(3)} over ${known} won deals): the amount written another way (such as ARR beside MRR, or a price set at the close), so it stays off the amount card`;
}

/**
 * What predicts the size of won deals: for each attribute, the won deals of the training part
 * (with a positive amount) grouped without looking at the amount, as the win drivers' tests group
 * them ({@link testGroups}: up to 10 equal-count groups of numbers, categories of at least 20
 * deals, the rest pooled, missing apart; each item of a multi-valued attribute with at least 20
 * deals as has/lacks). Per group the median amount with its order-statistic interval; across
 * groups a Kruskal–Wallis rank test, its H divided by the design effect of deals of one account
 * being alike when the table groups deals by account ({@link rankDesignEffect}); Benjamini–Hochberg
 * q-values across all attributes tested.
 * Ranks, not means: a few very large deals cannot make an attribute look predictive alone.
 *
 * @example
 * import { amountDrivers, loadDataset } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * amountDrivers(table).attributes[0].name; // the attribute that best separates deal sizes
 */
export function amountDrivers(table: DealTable, options: AmountDriversOptions = {}): AmountDriversResult {
  const fdr = options.fdr ?? 0.05;
  if (!(fdr > 0 && fdr < 1)) throw new Error(`amountDrivers: fdr must be in (0, 1); got ${fdr}`);
  if (!table.amount) throw new Error(`amountDrivers: the dataset ${table.name} has no amount; set \`deals.amount\` in dataset.yaml to analyse deal size`);
  const amounts = table.amount;
  const from = options.rows ? Array.from(options.rows) : Array.from(table.split.train);
  const warnings: string[] = [];
  const won = from.filter((r) => table.won[r] === 1);
  const rows = Int32Array.from(won.filter((r) => amounts[r] > 0));
  if (won.length > rows.length) warnings.push(`${won.length - rows.length} won deals without a positive amount are left out`);
  const amount = gatherNumbers(amounts, rows);
  const exclude = new Set(options.exclude ?? []);
  const clusters = accountCodes(table, rows);
  if (rows.length < 2) {
    return { dataset: table.name, ...(table.amountCurrency ? { currency: table.amountCurrency } : {}), n: rows.length, overall: rows.length ? bin("all won deals", [...amount]) : { label: "all won deals", n: 0, median: NaN, lo: NaN, hi: NaN, coverage: 0 }, fdr, attributes: [], verdict: "too few won deals with an amount to analyse deal size", warnings: [...warnings, "amount: fewer than 2 won deals with an amount; the analysis is skipped"] };
  }
  const found: Omit<AmountAttribute, "q" | "significant">[] = [];
  const ranked = midRanks(amount);
  const againstAmount = spearmanAgainst(amount);
  for (const meta of table.attributes) {
    if (meta.role === "exclude" || meta.type === "date" || exclude.has(meta.name)) continue;
    const column = table.columns[meta.name];
    if (meta.type !== "multi") {
      found.push(analyse(meta.name, meta, column, rows, amount, ranked, againstAmount, clusters));
      continue;
    }
    const counts = new Map<string, number>();
    for (const r of rows) for (const item of new Set((column as (string[] | null)[])[r] ?? [])) counts.set(item, (counts.get(item) ?? 0) + 1);
    const items = [...counts].filter(([, c]) => c >= TEST_MIN_GROUP && c <= rows.length - TEST_MIN_GROUP).map(([v]) => v).sort();
    for (const item of items) found.push(analyse(`${meta.name} = ${item}`, meta, column, rows, amount, ranked, againstAmount, clusters, item));
  }
  const q = benjaminiHochberg(found.map((a) => a.p));
  const attributes = found
    .map((a, i) => ({ ...a, q: q[i], significant: q[i] < fdr }))
    .sort((a, b) => (Number.isNaN(a.p) ? 1 : 0) - (Number.isNaN(b.p) ? 1 : 0) || a.p - b.p || (a.name < b.name ? -1 : 1));
  for (const a of attributes) if (Number.isNaN(a.p)) warnings.push(`${a.name}: fewer than two groups of won deals; not tested`);
  const sig = attributes.filter((a) => a.significant && a.leakage === null);
  const leaks = attributes.filter((a) => a.leakage !== null);
  const verdict =
    (sig.length
      ? `${sig.length} of ${attributes.length} attributes predict the amount of won deals (q < ${fdr}): ${sig.slice(0, 5).map((a) => a.name).join(", ")}${sig.length > 5 ? ` and ${sig.length - 5} more` : ""}`
      : `no attribute predicts the amount of won deals (q < ${fdr} for none of ${attributes.length})`) +
    (leaks.length ? `; ${leaks.map((a) => a.name).join(", ")} ${leaks.length > 1 ? "are" : "is"} the amount written another way, set aside` : "");
  return { dataset: table.name, ...(table.amountCurrency ? { currency: table.amountCurrency } : {}), n: rows.length, overall: bin("all won deals", [...amount]), fdr, attributes, verdict, warnings };
}
