import { accountEvents, type AccountEventPlan, type NeutralVolume } from "./account-events";
import { dayNumber, HISTORY_END, HISTORY_START, isoDate } from "./calendar";
import { contactTitle, LOSS_REASONS, OPEN_STAGES, PRODUCTS } from "./catalog";
import { drawAccount, type AccountDraw } from "./draw-account";
import { drawDeal, type DealDraw } from "./draw-deal";
import { CRITERIA } from "./effects";
import { churnHazard, winProbability } from "./planted-model";
import { deriveSeed, Random } from "./random";
import {
  resolveSampleOptions,
  type CriterionColumn,
  type DealRow,
  type RenewalRow,
  type SampleData,
  type SampleOptions,
  type TruthRow,
} from "./sample-data";

/** Days of background events before the first deal can be created. */
const BACKGROUND_LEAD_DAYS = 120;
/** Days of product use before an account counts as a live customer for a new deal. */
const CUSTOMER_AFTER_DAYS = 14;

interface DealState {
  account: AccountDraw;
  draw: DealDraw;
  pWin: number;
  /** null while open. */
  won: boolean | null;
  lossReason: string | null;
}

/**
 * Generates a seeded B2B deal history with planted effects (see `SAMPLE_GROUND_TRUTH`):
 * accounts, products, deals over the three years up to {@link HISTORY_END}, renewals of won
 * accounts, the true win probability of each deal and, as a stream, the accounts' events.
 * The same options always give the same sample.
 *
 * Outcomes are drawn account by account in order of closing, so an expansion deal knows
 * whether the account was already a live customer, and each account's churn is drawn at its
 * first win.
 *
 * @example
 * import { generateSample } from "leadlab";
 * const sample = generateSample({ seed: 1, deals: 200 });
 * sample.deals.length; // => 200
 * sample.accounts.length; // => 75
 */
export function generateSample(options: SampleOptions = {}): SampleData {
  const o = resolveSampleOptions(options);
  const rng = new Random(o.seed);
  const first = dayNumber(HISTORY_START);
  const last = dayNumber(HISTORY_END);

  const idWidth = Math.max(5, String(o.accounts).length);
  const accounts = Array.from({ length: o.accounts }, (_, i) => drawAccount(rng, `A${String(i + 1).padStart(idWidth, "0")}`));

  const cumulative = new Float64Array(o.accounts);
  let total = 0;
  accounts.forEach((a, i) => (cumulative[i] = total += a.dealVolume));
  const created: { account: number; day: number }[] = [];
  for (let k = 0; k < o.deals; k++) {
    const account = upperBound(cumulative, rng.next() * total);
    created.push({ account, day: first + Math.floor((last - first + 1) * rng.next() ** 0.9) });
  }
  created.sort((a, b) => a.account - b.account || a.day - b.day);

  const states: DealState[] = [];
  const renewals: RenewalRow[] = [];
  const plans: AccountEventPlan[] = [];
  let fixedEvents = 0;
  let neutralBase = 0;
  let next = 0;
  accounts.forEach((account, i) => {
    const own: DealState[] = [];
    while (next < created.length && created[next].account === i)
      own.push({ account, draw: drawDeal(rng, account, created[next++].day), pWin: 0, won: null, lossReason: null });
    const byClose = [...own].sort((a, b) => a.draw.close - b.draw.close);
    let firstWin: DealDraw | null = null;
    let churnDay = Infinity;
    for (const d of byClose) {
      const live = firstWin !== null && firstWin.close + CUSTOMER_AFTER_DAYS <= d.draw.created && d.draw.created < churnDay;
      d.pWin = winProbability(account, d.draw, live);
      if (d.draw.close > last) continue;
      d.won = rng.bernoulli(d.pWin);
      // Written after the outcome: a reason on nearly every lost deal, a stray one on few won deals.
      if (rng.bernoulli(d.won ? 0.03 : 0.97)) d.lossReason = rng.pick(LOSS_REASONS);
      if (d.won && firstWin === null) {
        firstWin = d.draw;
        churnDay = firstWin.close + Math.ceil(-Math.log(1 - rng.next()) / churnHazard(account, firstWin));
      }
    }
    let usage: AccountEventPlan["usage"] = null;
    if (firstWin) {
      const start = firstWin.close;
      const churned = churnDay <= last;
      renewals.push({
        account_id: account.row.account_id,
        contract_start: isoDate(start),
        renewed: churned && churnDay - start < 365 ? "no" : start + 365 <= last ? "yes" : null,
        churn_date: churned ? isoDate(churnDay) : null,
      });
      usage = { from: start + 1, to: Math.min(churnDay, last + 1), rate: account.usageRate };
      fixedEvents += Math.max(0, usage.to - usage.from) * usage.rate;
    }
    for (const d of own) fixedEvents += d.draw.demoRequests + d.draw.pricingViews + d.draw.trialSignups + d.draw.webinars;
    neutralBase += account.backgroundRate * (last - first + 1 + BACKGROUND_LEAD_DAYS);
    plans.push({
      accountId: account.row.account_id,
      seed: deriveSeed(o.seed, i),
      deals: own.map((d) => ({ ...d.draw, won: d.won })),
      usage,
      backgroundRate: account.backgroundRate,
    });
    states.push(...own);
  });

  const ordered = states
    .map((state, order) => ({ state, order }))
    .sort((a, b) => a.state.draw.created - b.state.draw.created || a.order - b.order)
    .map((x) => x.state);
  const dealWidth = Math.max(6, String(o.deals).length);
  const deals: DealRow[] = [];
  const truth: TruthRow[] = [];
  ordered.forEach((s, k) => {
    const id = `D${String(k + 1).padStart(dealWidth, "0")}`;
    deals.push(dealRow(id, s, rng));
    truth.push({ deal_id: id, p_win: s.pWin, archetype: s.account.archetype.id });
  });

  const neutral: NeutralVolume = {
    firstDay: first - BACKGROUND_LEAD_DAYS,
    lastDay: last,
    scale: neutralBase > 0 ? Math.max(0, (o.events - fixedEvents) / neutralBase) : 0,
  };
  return {
    options: o,
    accounts: accounts.map((a) => a.row),
    products: PRODUCTS,
    deals,
    renewals,
    truth,
    *events() {
      for (const plan of plans) yield accountEvents(plan, neutral);
    },
  };
}

/** The first index whose cumulative weight exceeds `x`. */
function upperBound(cumulative: Float64Array, x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The `deals.csv` row of a deal, with the recorded (possibly missing) values. */
function dealRow(id: string, s: DealState, rng: Random): DealRow {
  const d = s.draw;
  const yesNo = (v: boolean) => (v ? "yes" : "no");
  const criteria = Object.fromEntries(
    CRITERIA.map((c) => [c.column, d.recorded.criteria[c.column] ? yesNo(d.criteria[c.column]) : null]),
  ) as Record<CriterionColumn, "yes" | "no" | null>;
  return {
    deal_id: id,
    account_id: s.account.row.account_id,
    stage: s.won === null ? rng.pick(OPEN_STAGES) : s.won ? "Closed Won" : "Closed Lost",
    created_date: isoDate(d.created),
    close_date: s.won === null ? null : isoDate(d.close),
    amount: d.amount,
    product: d.product,
    lead_source: d.leadSource,
    contact_title: d.recorded.contactTitle ? contactTitle(d.seniority, d.department) : null,
    seniority: d.recorded.seniority ? d.seniority : null,
    department: d.recorded.department ? d.department : null,
    committee_size: d.recorded.committee ? d.committee : null,
    ...criteria,
    loss_reason_code: s.lossReason,
  };
}
