import { NEUTRAL_EVENTS, type EventType } from "./catalog";
import { demoRequestAge, eventAge } from "./event-age";
import { Random } from "./random";
import type { SampleEvent } from "./sample-data";

/** Everything needed to draw one account's events, independently of the other accounts. */
export interface AccountEventPlan {
  accountId: string;
  /** Seed of this account's own random stream. */
  seed: number;
  /** The account's deals: creation day, outcome (null: open) and the planted events in the 90 days before it. */
  deals: { created: number; won: boolean | null; demoRequests: number; pricingViews: number; trialSignups: number; webinars: number }[];
  /** Days of product use after the first win: from `from` up to, not including, `to`. */
  usage: { from: number; to: number; rate: number } | null;
  /** Neutral background events per day, before scaling. */
  backgroundRate: number;
}

/** The days over which the neutral background is spread, and how much of it there is. */
export interface NeutralVolume {
  firstDay: number;
  lastDay: number;
  /** Multiplier of every account's background rate, chosen so the events table reaches its requested size. */
  scale: number;
}

const SECONDS_PER_DAY = 86_400;

/**
 * Draws one account's events, sorted by time: the planted ones before each deal (a won deal's
 * demo requests nearer its creation, see `demoRequestAge`), neutral
 * ones at the account's own steady rate (independent of its deals, so they predict nothing),
 * and product use after the first win (the part that leaks the outcome if features are not
 * cut at the scoring point).
 *
 * @example
 * import { accountEvents } from "./account-events";
 * const events = accountEvents(
 *   { accountId: "A1", seed: 7, deals: [{ created: 20000, won: true, demoRequests: 2, pricingViews: 0, trialSignups: 0, webinars: 0 }], usage: null, backgroundRate: 0 },
 *   { firstDay: 19000, lastDay: 20500, scale: 1 },
 * );
 * events.map((e) => e.event_type); // => ["demo_request", "demo_request"]
 */
export function accountEvents(plan: AccountEventPlan, neutral: NeutralVolume): SampleEvent[] {
  const rng = new Random(plan.seed);
  const events: SampleEvent[] = [];
  const at = (day: number, type: EventType, minutes: number | null) =>
    events.push({ account_id: plan.accountId, ts: day * SECONDS_PER_DAY + rng.int(6 * 3600, 22 * 3600 - 1), event_type: type, minutes });
  const before = (created: number) => created - eventAge(rng.next());
  for (const d of plan.deals) {
    for (let i = 0; i < d.demoRequests; i++) at(d.created - demoRequestAge(rng.next(), d.won), "demo_request", null);
    for (let i = 0; i < d.pricingViews; i++) at(before(d.created), "pricing_page_view", null);
    for (let i = 0; i < d.trialSignups; i++) at(before(d.created), "trial_signup", null);
    for (let i = 0; i < d.webinars; i++) at(before(d.created), "webinar_attended", rng.int(20, 60));
  }
  const span = neutral.lastDay - neutral.firstDay + 1;
  const background = rng.poisson(neutral.scale * plan.backgroundRate * span);
  const types = NEUTRAL_EVENTS.map((e) => e.type);
  const weights = NEUTRAL_EVENTS.map((e) => e.weight);
  for (let i = 0; i < background; i++) at(neutral.firstDay + Math.floor(rng.next() * span), rng.weighted(types, weights), null);
  const u = plan.usage;
  if (u)
    for (let day = u.from; day < u.to; day++)
      if (rng.bernoulli(u.rate)) at(day, "product_active_day", Math.max(1, Math.round(rng.logNormal(Math.log(30), 0.6))));
  return events.sort((a, b) => a.ts - b.ts);
}
