import { accountCodes } from "../data/account-codes";
import type { DealTable } from "../data/deal-table";
import { gatherFlags } from "../data/typed-column";
import { designEffect } from "../stats/design-effect";
import { chiSquareSurvival } from "../stats/chi-square-distribution";
import { chiSquareTest } from "../stats/chi-square";
import { resolveDriversOptions } from "../drivers/drivers-options";
import { targetOutcome } from "../drivers/target-outcome";
import type { BeliefDirection, BeliefTarget, BeliefsDocument } from "../formats/beliefs-schema";
import { riskRatio } from "../stats/risk-ratio";
import { benjaminiHochberg } from "../stats/fdr";
import { fisherExact } from "../stats/fisher-exact";
import { wilsonInterval, type WilsonInterval } from "../stats/wilson";
import { compileCondition } from "./belief-condition";

/** The verdicts a claim can get. */
export const BELIEF_VERDICTS = ["confirmed", "contradicted", "unclear"] as const;
export type BeliefVerdict = (typeof BELIEF_VERDICTS)[number];

/** Options of {@link testBeliefs}. */
export interface BeliefsOptions {
  /** The beliefs file's path, for error messages. Default `beliefs.yaml`. */
  file?: string;
  /** A claim is decided when its q-value is below this. Default 0.05. */
  fdr?: number;
  /** Fewer holdout deals than this on either side of a condition leave the claim unclear. Default 20. */
  minDeals?: number;
  /** Retention in the survival form: retained means still a customer this many days after the start. Default 365. */
  horizonDays?: number;
}

/** A rate with its Wilson 95 % interval: `events` of `n`. */
export interface BeliefRate extends WilsonInterval {
  n: number;
  events: number;
}

/** One claim, tested on the holdout. */
export interface BeliefTest {
  name: string;
  claim?: string;
  by?: string;
  /** The condition, in words. */
  condition: string;
  predicts: BeliefTarget;
  direction: BeliefDirection;
  /** The outcome among holdout deals meeting the condition, and among the others. */
  with: BeliefRate;
  without: BeliefRate;
  /** Holdout deals left out because a value the condition reads is missing. */
  unknown: number;
  /** with.rate ÷ without.rate, with the Katz log 95 % interval (its log width × √designEffect). */
  lift: { value: number; lo: number; hi: number };
  /** How much deals of one account being alike inflate the variance (1 when deals are not grouped). */
  designEffect: number;
  /**
   * Fisher's exact two-sided p-value of the 2×2 table when the design effect is 1; otherwise
   * Pearson's X² divided by the design effect (Rao–Scott). With its Benjamini–Hochberg q-value
   * across the claims.
   */
  p: number;
  q: number;
  verdict: BeliefVerdict;
  /** Why, in one sentence. */
  reason: string;
}

/** The result of {@link testBeliefs}. */
export interface BeliefsResult {
  dataset: string;
  /** How the holdout was made. */
  holdout: string;
  fdr: number;
  minDeals: number;
  beliefs: BeliefTest[];
  warnings: string[];
}

const rate = (events: number, n: number): BeliefRate => ({ ...wilsonInterval(events, n), n, events });

/**
 * Tests each claim of a `beliefs.yaml` on the holdout part of the table (`table.split.test`):
 * the outcome among holdout deals meeting the condition against the others (won among closed
 * deals; retained among won customers, once per customer), the lift (ratio of the two rates)
 * with Katz's log interval, Fisher's exact p-value and a Benjamini–Hochberg q-value across all
 * claims. When the table groups deals by account, deals of one account count for less than
 * independent ones: the design effect (as the win drivers compute it) widens the interval and
 * divides Pearson's X², which then gives the p-value. The verdict:
 * - `confirmed`: q < fdr and the whole interval of the lift on the claimed side of 1;
 * - `contradicted`: q < fdr and the whole interval on the other side;
 * - `unclear`: otherwise, with the reason (too few deals on a side, the interval spans 1, or
 *   not significant once corrected for the number of claims).
 *
 * Throws a DatasetError naming the file, the claim and the nearest names when a claim names an
 * unknown attribute or value.
 *
 * @example
 * import { testBeliefs, readBeliefs } from "leadlab";
 * // const result = testBeliefs(table, readBeliefs("beliefs.yaml"), { file: "beliefs.yaml" });
 */
export function testBeliefs(table: DealTable, doc: BeliefsDocument, options: BeliefsOptions = {}): BeliefsResult {
  const file = options.file ?? "beliefs.yaml";
  const fdr = options.fdr ?? 0.05;
  if (!(fdr > 0 && fdr < 1)) throw new Error(`testBeliefs: fdr must be in (0, 1); got ${fdr}`);
  const minDeals = options.minDeals ?? 20;
  if (!(Number.isInteger(minDeals) && minDeals >= 1)) throw new Error(`testBeliefs: minDeals must be a whole number ≥ 1; got ${minDeals}`);
  const split = table.split;
  const warnings = [...split.warnings];
  const compiled = doc.beliefs.map((b, i) => compileCondition(b.when, table, { file, claim: b.name, field: `beliefs[${i}].when` }));
  const needsRetention = doc.beliefs.some((b) => b.predicts === "retained");
  if (needsRetention && !table.retention) {
    const i = doc.beliefs.findIndex((b) => b.predicts === "retained");
    throw new Error(`${file}: claim "${doc.beliefs[i].name}" predicts retention, but the dataset has no \`retention:\` table; add one to dataset.yaml or predict "won"`);
  }
  const outcomes = {
    won: { rows: split.test, y: gatherFlags(table.won, split.test) },
    retained: needsRetention ? targetOutcome(table, resolveDriversOptions({ target: "retained", rows: split.test, horizonDays: options.horizonDays }, table.n)) : undefined,
  };
  for (const l of outcomes.retained?.leftOut ?? []) warnings.push(`retention claims: ${l.rows} holdout deals left out: ${l.reason}`);
  const tests = doc.beliefs.map((b, i) => {
    const { rows, y } = outcomes[b.predicts]!;
    const codes = compiled[i].evaluate(table);
    const cell = [0, 0, 0, 0]; // events with, n with, events without, n without
    const kept: number[] = [];
    rows.forEach((r, k) => {
      if (codes[r] === 2) return;
      kept.push(k);
      const side = codes[r] === 1 ? 0 : 2;
      cell[side] += y[k];
      cell[side + 1]++;
    });
    const [a, n1, c, n0] = cell;
    const clusters = accountCodes(table, kept.map((k) => rows[k]));
    const raw = clusters && n1 && n0 ? designEffect(Int32Array.from(kept, (k) => (codes[rows[k]] === 1 ? 0 : 1)), Uint8Array.from(kept, (k) => y[k]), clusters) : 1;
    const deff = raw < 1 + 1e-9 ? 1 : raw; // one deal per account gives 1 up to rounding
    const rr = riskRatio(a, n1, c, n0);
    const widen = (x: number) => (Number.isFinite(x) && x > 0 ? rr.ratio * Math.pow(x / rr.ratio, Math.sqrt(deff)) : x);
    const counts = [[a, n1 - a], [c, n0 - c]];
    const p = !(n1 && n0) ? NaN : deff === 1 ? fisherExact(counts).p : chiSquareSurvival(chiSquareTest(counts).statistic / deff, 1);
    const unknown = rows.length - kept.length;
    return { b, condition: compiled[i].text, with: rate(a, n1), without: rate(c, n0), unknown, lift: { value: rr.ratio, lo: widen(rr.lo), hi: widen(rr.hi) }, designEffect: deff, p };
  });
  const q = benjaminiHochberg(tests.map((t) => t.p));
  const beliefs = tests.map((t, i): BeliefTest => {
    const { verdict, reason } = judge(t.b.direction, t.with.n, t.without.n, t.lift, q[i], fdr, minDeals);
    return {
      name: t.b.name,
      ...(t.b.claim !== undefined ? { claim: t.b.claim } : {}),
      ...(t.b.by !== undefined ? { by: t.b.by } : {}),
      condition: t.condition,
      predicts: t.b.predicts,
      direction: t.b.direction,
      with: t.with,
      without: t.without,
      unknown: t.unknown,
      lift: t.lift,
      designEffect: t.designEffect,
      p: t.p,
      q: q[i],
      verdict,
      reason,
    };
  });
  for (const t of beliefs) if (t.unknown > 0) warnings.push(`${t.name}: ${t.unknown} holdout deals left out (a value the condition reads is missing)`);
  return { dataset: table.name, holdout: split.description, fdr, minDeals, beliefs, warnings };
}

/**
 * The verdict of one claim from its group sizes, lift interval and q-value.
 *
 * @example
 * judge("raises", 50, 50, { lo: 1.3, hi: 3.1 }, 0.001, 0.05, 20).verdict; // => "confirmed"
 */
export function judge(
  direction: BeliefDirection,
  nWith: number,
  nWithout: number,
  lift: { lo: number; hi: number },
  q: number,
  fdr: number,
  minDeals: number,
): { verdict: BeliefVerdict; reason: string } {
  const small = Math.min(nWith, nWithout);
  if (small < minDeals)
    return { verdict: "unclear", reason: `too few holdout deals ${nWith < nWithout ? "meet" : "miss"} the condition (${small}, fewer than ${minDeals})` };
  const above = lift.lo > 1;
  const below = lift.hi < 1;
  const qText = `q = ${Number(q.toPrecision(2))}`;
  if (!above && !below) return { verdict: "unclear", reason: `the interval of the lift spans 1 (${qText})` };
  if (!(q < fdr)) return { verdict: "unclear", reason: `not significant once corrected for the number of claims (${qText} ≥ ${fdr})` };
  const claimed = direction === "raises" ? above : below;
  return claimed
    ? { verdict: "confirmed", reason: `the lift is ${direction === "raises" ? "above" : "below"} 1 as claimed (${qText})` }
    : { verdict: "contradicted", reason: `the lift is ${above ? "above" : "below"} 1, the opposite of the claim (${qText})` };
}
