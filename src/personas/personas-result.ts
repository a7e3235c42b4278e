import type { DataFrame } from "danfojs-node";
import type { EventFeature } from "../data/deal-table";
import type { AttributeType, Role } from "../formats/vocabulary";
import type { AntiPersona } from "./anti-personas";
import type { KCandidate } from "../cluster/choose-k";
import type { MixedKind } from "../cluster/mixed-column";
import type { LeftOutAttribute } from "./persona-attributes";
import type { CustomerSet } from "../formats/vocabulary";
import type { NamePart } from "./persona-names";
import type { PersonaProfile } from "./persona-profile";
import { personasYaml } from "./personas-yaml";
import type { Condition } from "./persona-rule";
import type { Trait } from "./traits";

/** A rate with its Wilson 95 % interval: `events` of `n`. `value` is NaN when n = 0. */
export interface Rate {
  value: number;
  lo: number;
  hi: number;
  n: number;
  events: number;
}

/** An attribute personas were drawn from, and how much it weighed. */
export interface PersonaAttribute {
  name: string;
  type: AttributeType;
  kind: MixedKind;
  role: Role;
  /** For behavioural features: how to compute it from raw events. */
  feature?: EventFeature;
  /** For multi-valued attributes: the item separator of the raw column. */
  separator?: string;
  /** Weight in the Gower distance (0: a candidate left out by the screening). */
  weight: number;
  /** Its strongest association with another attribute (Cramér's V), and with which. */
  association: number;
  partner: string | null;
  /** Why it weighs what it weighs. */
  reason: string;
}

/** The most typical customer of a persona. */
export interface PersonaMedoid {
  /** Its table row and deal id, and its customer key when the table has retention. */
  row: number;
  deal: string;
  customer: string | null;
  /** Its values of the attributes that weigh (null = missing). */
  values: Record<string, number | string | boolean | string[] | null>;
}

/** One persona. */
export interface Persona {
  /** Position (0 = the most retained revenue). */
  index: number;
  /** Stable id from the default name (see `personaId`). */
  id: string;
  /** The name shown: from the rename file, else the default name. */
  name: string;
  defaultName: string;
  /** How the rename file matched it, or null. */
  renamedBy: "id" | "medoid" | null;
  nameParts: NamePart[];
  /** Customers in it, and their share of the customers assigned. */
  size: number;
  share: number;
  /** Mean silhouette and bootstrap stability of its sampled customers. */
  silhouette: number;
  stability: number;
  medoid: PersonaMedoid;
  /** Win rate of every closed deal nearest to its medoid (won and lost). */
  winRate: Rate;
  /** Retention of the customers nearest to its medoid whose retention is decided (null without retention). */
  retention: Rate | null;
  /** Median amount of its won deals (null without amounts). */
  medianAmount: number | null;
  /**
   * What its customers bring and keep: the amounts of their first won deals, of those retained
   * at the horizon (see `customerRetainedRevenue`); personas are ranked by it. And its share of
   * all customers' retained revenue.
   */
  retainedRevenue: number;
  retainedRevenueShare: number;
  /** Distinguishing traits (q < 0.05), strongest lift first. */
  traits: Trait[];
  warnings: string[];
}

/** One assignment rule: when every condition holds, a lead gets `persona` (and `antiPersona`). */
export interface PersonaRule {
  /** The persona's id ("other" for a rule of an anti-persona), and the position of its cluster. */
  persona: string;
  personaIndex: number;
  /** The anti-persona a rule of a cluster set aside tags (see `AntiPersona`). */
  antiPersona?: string;
  conditions: Condition[];
  /** Customers it covers, and the share of them in the persona. */
  support: number;
  purity: number;
  /** The rule in words, with the persona's name. */
  text: string;
}

/** Rules that tag a lead with a persona, as other systems apply them. */
export interface PersonaAssignment {
  /** Ordered: the first rule whose conditions hold gives the persona; none → "other". */
  rules: PersonaRule[];
  /** Share of the clustered customers the rules give their own persona. */
  fidelity: number;
  /** The same, cross-validated: every customer given the persona of rules learned without its fold (4 seeded folds; NaN: no customer). */
  heldOutFidelity: number;
  /** Per persona and per cluster set aside as an anti-persona (by id, in cluster order): its customers, and the share of them the rules give it. */
  bySegment: { id: string; customers: number; fidelity: number }[];
  /** Share of them some rule matches, and the share right among those. */
  coverage: number;
  precision: number;
  /** Share of all closed deals no rule matches ("other"). */
  otherShare: number;
  text: string[];
}

/** Everything a {@link PersonasResult} holds. */
export interface PersonasParts {
  dataset: string;
  fingerprint: string;
  toolVersion: string;
  customers: CustomerSet;
  customerDefinition: string;
  counts: { deals: number; won: number; lost: number; customers: number; clustered: number; unassigned: number };
  /** Rows left out of the clustered customers, and why. */
  leftOut: { reason: string; rows: number }[];
  dateRange: { from: string; to: string; column: string } | null;
  settings: { seed: number; sample: number; bootstraps: number; horizonDays: number; weights: "association" | "equal" | "given"; distance: string };
  attributes: PersonaAttribute[];
  leftOutAttributes: LeftOutAttribute[];
  k: number;
  /** Why this k. */
  reason: string;
  silhouette: number;
  stability: number;
  /** Every k measured. */
  candidates: KCandidate[];
  base: { winRate: Rate; retention: Rate | null; medianAmount: number | null };
  personas: Persona[];
  assignment: PersonaAssignment;
  antiPersonas: AntiPersona[];
  /** Every persona's strongest traits, side by side (see `personaProfile`; the data of `personaTraitsHeatmap`). */
  profile: PersonaProfile;
  /** One sentence: how many personas and how clear they are. */
  verdict: string;
  warnings: string[];
  /**
   * Table rows of the clustered customers, and each one's cluster (-1: no value to compare): a
   * persona's index, or from `personas.length` on a cluster set aside as an anti-persona (in
   * the order of the anti-personas of source `customers`).
   */
  customerRows: Int32Array;
  labels: Int32Array;
  /** Per table row: the cluster of the nearest medoid (-1: no value), and the cluster the rules give (-1: none, "other"), numbered as `labels`. */
  dealLabels: Int32Array;
  ruleLabels: Int32Array;
}

/**
 * The result of {@link personas}: buyer personas with their evidence, finished and immutable.
 * `toYAML()` gives the `personas.yaml` other systems consume.
 *
 * @example
 * import { loadDataset, personas } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const result = personas(table);
 * result.personas.map((p) => p.name); // => ["Software", "Financial Services", "Healthcare"]
 */
export class PersonasResult implements PersonasParts {
  readonly dataset!: string;
  readonly fingerprint!: string;
  readonly toolVersion!: string;
  readonly customers!: CustomerSet;
  readonly customerDefinition!: string;
  readonly counts!: PersonasParts["counts"];
  readonly leftOut!: PersonasParts["leftOut"];
  readonly dateRange!: PersonasParts["dateRange"];
  readonly settings!: PersonasParts["settings"];
  readonly attributes!: PersonaAttribute[];
  readonly leftOutAttributes!: LeftOutAttribute[];
  readonly k!: number;
  readonly reason!: string;
  readonly silhouette!: number;
  readonly stability!: number;
  readonly candidates!: KCandidate[];
  readonly base!: PersonasParts["base"];
  readonly personas!: Persona[];
  readonly assignment!: PersonaAssignment;
  readonly antiPersonas!: AntiPersona[];
  readonly profile!: PersonaProfile;
  readonly verdict!: string;
  readonly warnings!: string[];
  readonly customerRows!: Int32Array;
  readonly labels!: Int32Array;
  readonly dealLabels!: Int32Array;
  readonly ruleLabels!: Int32Array;

  constructor(parts: PersonasParts) {
    Object.assign(this, parts);
    Object.freeze(this);
  }

  /** The `personas.yaml` document (kind Personas), deterministic (see `personasYaml`). */
  toYAML(): string {
    return personasYaml(this);
  }

  /** One row per persona: name, size, share, win and retention rates, median amount, top traits. */
  toDataFrame(): DataFrame {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dfd = require("danfojs-node") as typeof import("danfojs-node");
    return new dfd.DataFrame(
      this.personas.map((p) => ({
        persona: p.name,
        customers: p.size,
        share: p.share,
        deals: p.winRate.n,
        win_rate: p.winRate.value,
        win_lo: p.winRate.lo,
        win_hi: p.winRate.hi,
        retention: p.retention?.value ?? NaN,
        retention_lo: p.retention?.lo ?? NaN,
        retention_hi: p.retention?.hi ?? NaN,
        median_amount: p.medianAmount ?? NaN,
        top_traits: p.traits
          .slice(0, 3)
          .map((t) => `${t.attribute}=${t.value}`)
          .join("; "),
      })),
    );
  }
}
