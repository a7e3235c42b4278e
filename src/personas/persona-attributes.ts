import type { AttributeMeta, DealTable } from "../data/deal-table";
import { EVENT_AGGREGATES, type Role } from "../formats/vocabulary";
import type { DriversResult } from "../drivers/drivers-result";

/**
 * The roles that describe who a customer is, and so may define a persona, declared once.
 *
 * @example
 * import { PERSONA_ROLES } from "./persona-attributes";
 * PERSONA_ROLES; // => ["firmographic", "demographic", "behavioral"]
 */
export const PERSONA_ROLES = ["firmographic", "demographic", "behavioral"] as const satisfies readonly Role[];

/** An attribute left out of the persona candidates, and why. */
export interface LeftOutAttribute {
  name: string;
  reason: string;
}

/** The candidate attributes of personas. */
export interface PersonaAttributeChoice {
  /** Candidate attribute names, in table order. */
  names: string[];
  leftOut: LeftOutAttribute[];
}

/**
 * The attributes personas are drawn from by default: those with a role in
 * {@link PERSONA_ROLES} (not `exclude`, `qualification` or `product`: those describe a deal, not
 * the buyer), not of type `date`, not named in `exclude`, and not flagged as leakage by a
 * drivers run when one is given (unless the user kept it). Behavioural features come as every
 * aggregate × window of each event type; they are near-copies of one another, and a dozen
 * copies would outweigh every firmographic attribute in a distance that averages attributes.
 * So each event type is represented **once**, by its count over the longest window (the
 * aggregate listed first in `EVENT_AGGREGATES`, if there is no count). Every attribute left out
 * is listed with its reason.
 *
 * @example
 * import { DealTable } from "leadlab";
 * import { personaAttributes } from "./persona-attributes";
 * const t = new DealTable({
 *   name: "d", ids: ["a"], won: Uint8Array.from([1]),
 *   attributes: [
 *     { name: "industry", type: "categorical", role: "firmographic", source: "spec", table: "deals" },
 *     { name: "budget", type: "boolean", role: "qualification", source: "spec", table: "deals" },
 *   ],
 *   columns: { industry: ["SaaS"], budget: [true] }, holdout: { by: "random", fraction: 0.25, seed: 1 },
 * });
 * personaAttributes(t).names; // => ["industry"]
 */
export function personaAttributes(table: DealTable, options: { drivers?: DriversResult; exclude?: readonly string[] } = {}): PersonaAttributeChoice {
  const exclude = new Set(options.exclude ?? []);
  for (const name of exclude) table.attribute(name);
  const leaks = new Map<string, string>();
  for (const d of options.drivers?.attributes ?? []) if (d.leakage !== null && !d.leakageKept) leaks.set(d.attribute, d.leakage);
  const representative = representativeFeatures(table.attributes);
  const names: string[] = [];
  const leftOut: LeftOutAttribute[] = [];
  for (const a of table.attributes) {
    const why = exclude.has(a.name)
      ? "excluded by the caller"
      : !(PERSONA_ROLES as readonly string[]).includes(a.role)
        ? a.role === "exclude"
          ? `role exclude${a.reason ? ` (${a.reason})` : ""}`
          : `role ${a.role} describes the deal, not the buyer`
        : a.type === "date"
          ? "a date says when, not who"
          : leaks.has(a.name)
            ? `flagged as leakage by drivers: ${leaks.get(a.name)}`
            : a.feature && representative.get(a.feature.eventType) !== a.name
              ? `${a.feature.eventType} is represented by ${representative.get(a.feature.eventType)}`
              : null;
    if (why === null) names.push(a.name);
    else leftOut.push({ name: a.name, reason: why });
  }
  return { names, leftOut };
}

/** For each event type, the feature that represents it: the count over the longest window. */
function representativeFeatures(attributes: readonly AttributeMeta[]): Map<string, string> {
  const best = new Map<string, AttributeMeta>();
  const order = (a: AttributeMeta) => EVENT_AGGREGATES.indexOf(a.feature!.aggregate);
  for (const a of attributes) {
    if (!a.feature) continue;
    const b = best.get(a.feature.eventType);
    if (!b || order(a) < order(b) || (order(a) === order(b) && a.feature.windowDays > b.feature!.windowDays)) best.set(a.feature.eventType, a);
  }
  return new Map([...best].map(([type, a]) => [type, a.name]));
}
