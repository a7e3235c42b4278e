import type { MixedColumn } from "../cluster/mixed-column";
import { seededRandom } from "../stats/random";
import { learnRuleList, type Rule, type RuleList } from "./learn-rule-list";
import { applyRulesToColumns, conditionsExclude, formatRule, OTHER_PERSONA, type Condition } from "./persona-rule";
import type { PersonaAssignment } from "./personas-result";

/**
 * A leaf of the rule tree names a persona when at least 60 % of its customers are in it; the
 * customers of a less pure leaf are "other", not a catch-all named after one persona.
 */
export const RULE_MIN_PURITY = 0.6;

/**
 * Depth of the rule tree: the sample's personas need up to six conditions (industry, seniority,
 * size) to be told apart with fidelity ≥ 85 %; deeper rules stop being readable.
 */
const RULE_DEPTH = 6;

/** Folds of the cross-validated fidelity: each customer is held out once, with a quarter of the others. */
const FOLDS = 4;

/**
 * The assignment rules of the personas: a rule list of depth ≤ 6 learned from the customers'
 * clusters (see `learnRuleList`), whose leaves name a persona only when at least 60 % of their
 * customers are in it.
 *
 * @param columns the customers' attributes, as clustered
 * @param labels each customer's cluster (-1: not clustered)
 * @example
 * import { learnAssignmentRules } from "./persona-assignment";
 * const size = Float64Array.from({ length: 40 }, (_, i) => (i < 20 ? 5 + i : 400 + i));
 * const labels = Int32Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
 * learnAssignmentRules([{ name: "employees", kind: "numeric", values: size }], labels).text; // => ["if employees < 100 then persona 0", "if employees >= 100 then persona 1", "otherwise other"]
 */
export function learnAssignmentRules(columns: readonly MixedColumn[], labels: ArrayLike<number>): RuleList {
  return learnRuleList(columns, labels, { maxDepth: RULE_DEPTH, minPurity: RULE_MIN_PURITY });
}

/**
 * The rules that give a persona leads its name does not describe. A persona is named by its main
 * rule (its first, the one that assigns most of its customers); a later rule of the same persona
 * with a condition that excludes one of the main rule's (see `conditionsExclude`) tags leads
 * that lack what the name says, e.g. directors of retail firms tagged "Healthcare". Each with
 * the main rule's condition it excludes.
 *
 * @example
 * import { rulesOutsideName } from "./persona-assignment";
 * const industry = (values: string[]) => ({ attribute: "industry", kind: "in" as const, values, orMissing: false });
 * const seniority = { attribute: "seniority", kind: "in" as const, values: ["Director"], orMissing: false };
 * const rules = [
 *   { persona: 1, conditions: [industry(["Healthcare"])], support: 90, purity: 0.9, text: "" },
 *   { persona: 1, conditions: [industry(["Retail", "Media"]), seniority], support: 40, purity: 0.7, text: "" },
 * ];
 * rulesOutsideName(rules, 1).map((x) => [x.rule.support, x.named.attribute]); // => [[40, "industry"]]
 */
export function rulesOutsideName(rules: readonly Rule[], persona: number): { rule: Rule; named: Condition }[] {
  const own = rules.filter((r) => r.persona === persona);
  if (own.length < 2) return [];
  const main = own[0];
  return own.slice(1).flatMap((rule) => {
    const named = main.conditions.find((m) => rule.conditions.some((c) => conditionsExclude(m, c)));
    return named ? [{ rule, named }] : [];
  });
}

/** The segments of a clustering as the rules name them: personas first, then the clusters set aside as anti-personas. */
export interface AssignmentSegments {
  /** Per cluster, in cluster order: its id (a persona's, or an anti-persona's) and its name in rule texts. */
  ids: readonly string[];
  names: readonly string[];
  /** Clusters from this position on are set aside: their rules give "other" (and the anti-persona). */
  personas: number;
}

/**
 * How the assignment rules fare: each rule with the persona it gives (a cluster set aside gives
 * "other" and names its anti-persona), fidelity, coverage and precision on the clustered
 * customers, the fidelity cross-validated on customers the rules were not learned from (see
 * {@link heldOutFidelity}) and per segment, and the share of closed deals no persona rule matches.
 *
 * @param rules learned by {@link learnAssignmentRules} on `customers` and `labels`
 * @param customers the clustered customers' attributes
 * @param labels their clusters
 * @param ruleLabels the cluster the rules give every closed deal (-1: none)
 * @param seed of the cross-validation folds
 * @example
 * import { learnAssignmentRules, personaAssignment } from "./persona-assignment";
 * import { applyRulesToColumns } from "./persona-rule";
 * const columns = [{ name: "employees", kind: "numeric" as const, values: Float64Array.from({ length: 40 }, (_, i) => (i < 20 ? 5 + i : 400 + i)) }];
 * const labels = Int32Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
 * const rules = learnAssignmentRules(columns, labels);
 * const a = personaAssignment(rules, columns, labels, applyRulesToColumns(rules, columns), { ids: ["small", "large"], names: ["Small", "Large"], personas: 2 }, 1);
 * [a.fidelity, a.otherShare, a.text[0]]; // => [1, 0, "if employees < 100 then Small"]
 */
export function personaAssignment(
  rules: RuleList,
  customers: readonly MixedColumn[],
  labels: Int32Array,
  ruleLabels: Int32Array,
  segments: AssignmentSegments,
  seed: number,
): PersonaAssignment {
  const m = segments.personas;
  const noPersona = ruleLabels.reduce((s, l) => s + (l < 0 || l >= m ? 1 : 0), 0);
  return {
    rules: rules.rules.map((r) => ({
      persona: r.persona < m ? segments.ids[r.persona] : OTHER_PERSONA,
      ...(r.persona >= m ? { antiPersona: segments.ids[r.persona] } : {}),
      personaIndex: r.persona,
      conditions: r.conditions.map((x) => ({ ...x, ...("values" in x ? { values: [...x.values] } : {}) })),
      support: r.support,
      purity: r.purity,
      text: formatRule(r, segments.names),
    })),
    fidelity: rules.fidelity,
    coverage: rules.coverage,
    precision: rules.precision,
    heldOutFidelity: heldOutFidelity(seed, customers, labels),
    bySegment: segmentFidelity(applyRulesToColumns(rules, customers), labels, segments.ids),
    otherShare: ruleLabels.length ? noPersona / ruleLabels.length : 0,
    text: [...rules.rules.map((r) => formatRule(r, segments.names)), `otherwise ${OTHER_PERSONA}`],
  };
}

/** Per cluster: its customers, and the share of them the rules give it (NaN for an empty cluster). */
function segmentFidelity(given: Int32Array, labels: Int32Array, ids: readonly string[]): { id: string; customers: number; fidelity: number }[] {
  const size = new Array<number>(ids.length).fill(0);
  const same = new Array<number>(ids.length).fill(0);
  labels.forEach((l, i) => {
    if (l < 0) return;
    size[l]++;
    if (given[i] === l) same[l]++;
  });
  return ids.map((id, c) => ({ id, customers: size[c], fidelity: size[c] ? same[c] / size[c] : NaN }));
}

/**
 * Fidelity of the rule learner on customers it did not see, cross-validated: the customers are
 * dealt into 4 seeded random folds, and every customer is given the persona of rules learned on
 * the other 3 folds. (The table's holdout is the newest deals when split by time, and their
 * customers' retention is not decided yet.) NaN when no customer has a cluster.
 */
function heldOutFidelity(seed: number, columns: readonly MixedColumn[], labels: Int32Array): number {
  const random = seededRandom(seed);
  const fold = Int32Array.from(labels, () => Math.floor(random() * FOLDS));
  let m = 0;
  let same = 0;
  for (let f = 0; f < FOLDS; f++) {
    const trainLabels = Int32Array.from(labels, (l, i) => (fold[i] === f ? -1 : l));
    if (trainLabels.every((l) => l < 0)) continue;
    const given = applyRulesToColumns(learnAssignmentRules(columns, trainLabels), columns);
    labels.forEach((l, i) => {
      if (fold[i] !== f || l < 0) return;
      m++;
      if (given[i] === l) same++;
    });
  }
  return m ? same / m : NaN;
}
