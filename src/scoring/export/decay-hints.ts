import type { CrmPlan } from "./crm-plan";
import { formatPercent } from "../../format/percent";

/** The CRMs (and the plain sheet) a decay hint is written for. */
export type DecayHintTarget = "hubspot" | "marketo" | "salesforce" | "sheet";

/** The share an event keeps after `days`: 2^(−days / h). */
const kept = (days: number, h: number) => 2 ** (-days / h);
const percent = (x: number) => formatPercent(x, 0);

/**
 * How to keep a decayed count (the rules' `source.event.decay`) decaying in a CRM, one line per
 * such attribute: its points follow a value that halves every h days, so the value must be
 * recomputed daily (by the scorer or the warehouse SQL) even when no event happens; and how near
 * the CRM's own decay comes. HubSpot's score decay takes away a percentage every 1, 3, 6 or 12
 * months from an event group (a timeframe and a decay cannot both be set); Marketo's Change Score
 * adds or subtracts and cannot halve, so a decay there is a wait-step campaign; Salesforce
 * formulas cannot read the event history. Empty when no attribute decays.
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { crmPlan } from "./crm-plan";
 * import { decayHintLines } from "./decay-hints";
 * decayHintLines(crmPlan(readScoringRules("tests/scoring/fixtures/scoring.yaml")), "hubspot"); // => []
 */
export function decayHintLines(plan: CrmPlan, target: DecayHintTarget): string[] {
  return plan.attributes.flatMap((a) => {
    if (!a.decay) return [];
    const { eventType: type, halfLifeDays: h } = a.decay;
    const common = `${a.name}: points for ${type} halve every ${h} days (an event ${h} days old counts ½, ${2 * h} days old ¼; after 30 days ${percent(kept(30, h))} is left). The field "${a.field}" changes every day even with no new event, so have the scorer or the warehouse SQL rewrite it daily (a nightly job), not only when an event arrives.`;
    switch (target) {
      case "hubspot":
        return [
          `${common} HubSpot's own score decay (Decay on an engagement event group, instead of a timeframe) takes a percentage away every 1, 3, 6 or 12 months; a ${h}-day half-life loses ${percent(1 - kept(30, h))} a month, so if you rebuild ${type} as a HubSpot event group, choose the 1-month decay nearest that percentage and know that it steps monthly where the rules decay daily.`,
        ];
      case "marketo":
        return [
          `${common} Marketo's Change Score adds or subtracts and cannot halve a score; to approximate it inside Marketo, a ${type} scoring campaign would add P points, Wait ${h} days, subtract P/2, Wait ${h} days, subtract P/4 (a person may run through every time), but the field written nightly by the scorer is exact.`,
        ];
      case "salesforce":
        return [`${common} A Salesforce formula cannot read the event history, so the formula fields read this Number field as written.`];
      case "sheet":
        return [`${common} By hand: add 2^(−days since the event / ${h}) over the ${type} events in the window.`];
    }
  });
}
