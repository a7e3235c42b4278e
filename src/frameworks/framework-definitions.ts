import { CRITERIA, normalCriterionName, type Criterion } from "./criteria";

/**
 * The qualification frameworks, as data: each is its criteria in the framework's own order and
 * words, every one pointing at one criterion of the shared vocabulary (`criteria.ts`). Criteria
 * that frameworks share are mapped once:
 *
 * | criterion | BANT | CHAMP | ANUM | MEDDIC | GPCTBA/C&I |
 * |---|---|---|---|---|---|
 * | budget | Budget | Money | Money | | Budget |
 * | authority | Authority | Authority | Authority | | Authority |
 * | need | Need | Challenges | Need | Identified pain | Challenges |
 * | timeline | Timeline | Prioritization | Urgency | | Timeline |
 * | metrics, economic_buyer, decision_criteria, decision_process, champion | | | | ✓ | |
 * | goals, plans, consequences, implications | | | | | ✓ |
 *
 * So CHAMP and ANUM ask BANT's four questions in another order and other words: on data where
 * the same four attributes answer them, their N-of-M rules are BANT's, and the evaluation says so.
 */

/** One criterion as a framework asks it. */
export interface FrameworkCriterion {
  /** The framework's own name for it, in normal form (`identified_pain`, `money`). */
  key: string;
  /** The framework's own label (`Identified pain`, `Money`). */
  label: string;
  /** The shared criterion it is. */
  criterion: Criterion;
}

/** A qualification framework: a name and its criteria, in order. */
export interface FrameworkDefinition {
  name: string;
  /** What the letters stand for. */
  title: string;
  criteria: readonly FrameworkCriterion[];
}

function framework(name: string, title: string, criteria: [label: string, criterion: Criterion][]): FrameworkDefinition {
  return Object.freeze({
    name,
    title,
    criteria: Object.freeze(criteria.map(([label, criterion]) => Object.freeze({ key: normalCriterionName(label), label, criterion }))),
  });
}

/**
 * The frameworks leadlab evaluates, in report order.
 *
 * @example
 * import { FRAMEWORKS } from "leadlab";
 * FRAMEWORKS.map((f) => f.name); // => ["BANT", "CHAMP", "ANUM", "MEDDIC", "GPCTBA/C&I"]
 * FRAMEWORKS[1].criteria[0]; // => { key: "challenges", label: "Challenges", criterion: "need" }
 */
export const FRAMEWORKS: readonly FrameworkDefinition[] = Object.freeze([
  framework("BANT", "Budget, Authority, Need, Timeline", [
    ["Budget", "budget"],
    ["Authority", "authority"],
    ["Need", "need"],
    ["Timeline", "timeline"],
  ]),
  framework("CHAMP", "Challenges, Authority, Money, Prioritization", [
    ["Challenges", "need"],
    ["Authority", "authority"],
    ["Money", "budget"],
    ["Prioritization", "timeline"],
  ]),
  framework("ANUM", "Authority, Need, Urgency, Money", [
    ["Authority", "authority"],
    ["Need", "need"],
    ["Urgency", "timeline"],
    ["Money", "budget"],
  ]),
  framework("MEDDIC", "Metrics, Economic buyer, Decision criteria, Decision process, Identified pain, Champion", [
    ["Metrics", "metrics"],
    ["Economic buyer", "economic_buyer"],
    ["Decision criteria", "decision_criteria"],
    ["Decision process", "decision_process"],
    ["Identified pain", "need"],
    ["Champion", "champion"],
  ]),
  framework("GPCTBA/C&I", "Goals, Plans, Challenges, Timeline, Budget, Authority / negative Consequences and positive Implications", [
    ["Goals", "goals"],
    ["Plans", "plans"],
    ["Challenges", "need"],
    ["Timeline", "timeline"],
    ["Budget", "budget"],
    ["Authority", "authority"],
    ["Consequences", "consequences"],
    ["Implications", "implications"],
  ]),
]);

/**
 * The names of {@link FRAMEWORKS}, in order.
 *
 * @example
 * import { FRAMEWORK_NAMES } from "leadlab";
 * FRAMEWORK_NAMES.includes("MEDDIC"); // => true
 */
export const FRAMEWORK_NAMES: readonly string[] = Object.freeze(FRAMEWORKS.map((f) => f.name));

/** Letters and digits only, lower case: `GPCTBA/C&I`, `gpctba-ci` and `GPCTBA C&I` are alike. */
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * The framework a name means, ignoring case and punctuation (`gpctba`, `GPCT-BA/C&I` and
 * `gpctba_ci` are GPCTBA/C&I); `undefined` for a framework leadlab does not define.
 *
 * @example
 * import { resolveFramework } from "leadlab";
 * resolveFramework("meddic")?.name; // => "MEDDIC"
 * resolveFramework("GPCTBA")?.name; // => "GPCTBA/C&I"
 * resolveFramework("SPICED"); // => undefined
 */
export function resolveFramework(name: string): FrameworkDefinition | undefined {
  const s = squash(name);
  return FRAMEWORKS.find((f) => squash(f.name) === s || (f.name === "GPCTBA/C&I" && s === "gpctba"));
}

/**
 * The frameworks that ask a criterion, with their label for it.
 *
 * @example
 * import { frameworksAsking } from "leadlab";
 * frameworksAsking("need").map((x) => `${x.framework}: ${x.label}`);
 * // => ["BANT: Need", "CHAMP: Challenges", "ANUM: Need", "MEDDIC: Identified pain", "GPCTBA/C&I: Challenges"]
 */
export function frameworksAsking(criterion: Criterion): { framework: string; label: string }[] {
  if (!(CRITERIA as readonly string[]).includes(criterion)) throw new Error(`frameworksAsking: unknown criterion "${criterion}"; criteria: ${CRITERIA.join(", ")}`);
  const out: { framework: string; label: string }[] = [];
  for (const f of FRAMEWORKS) for (const c of f.criteria) if (c.criterion === criterion) out.push({ framework: f.name, label: c.label });
  return out;
}
