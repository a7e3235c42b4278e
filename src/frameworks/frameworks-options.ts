import type { DealTable } from "../data/deal-table";
import { nearestName } from "../formats/nearest-name";
import { FRAMEWORK_NAMES, resolveFramework } from "./framework-definitions";

/** A claim about a framework's rule to check against the data: "qualified when at least N are met". */
export interface FrameworkClaim {
  framework: string;
  atLeast: number;
  /** The claim in words, as it was made. */
  text: string;
}

/**
 * The claims checked by default: the common advice that a lead is BANT-qualified when at
 * least three of the four criteria are positive.
 *
 * @example
 * import { DEFAULT_CLAIMS } from "leadlab";
 * DEFAULT_CLAIMS[0].atLeast; // => 3
 */
export const DEFAULT_CLAIMS: readonly FrameworkClaim[] = Object.freeze([
  Object.freeze({ framework: "BANT", atLeast: 3, text: "BANT-qualified when at least three of four criteria are positive" }),
]);

/** An external score to compare the frameworks with, e.g. a tuned scorecard's points. */
export interface ExternalScore {
  name: string;
  /**
   * One score per table row (higher = more likely to win). Only the test rows of the holdout are
   * read, and they must be finite; the score must not have been fitted on them.
   */
  scores: ArrayLike<number>;
}

/** Options of `evaluateFrameworks`. */
export interface FrameworksOptions {
  /** Which frameworks to evaluate, by name (any case). Default: all of `FRAMEWORKS`. */
  frameworks?: string[];
  /**
   * For categorical and multi-valued attributes: the values that mean a criterion is met, by
   * attribute name (trimmed, case-insensitive), e.g. `{ budget_status: ["Approved", "Allocated"] }`.
   */
  metValues?: Record<string, string[]>;
  /** The best N-of-M rule must keep at least this share of the wins. Default 0.5. */
  minRecall?: number;
  /** Claims to check, each about a framework evaluated. Default: those of {@link DEFAULT_CLAIMS} about the frameworks evaluated. */
  claims?: FrameworkClaim[];
  /** A score to compare every framework with on the same test rows. */
  scorecard?: ExternalScore;
  /** Two-sided level of every interval. Default 0.95. */
  confidence?: number;
  /** Attributes set aside as possible leakage (e.g. by `drivers`), with why: their criteria count as having no attribute. */
  setAside?: Readonly<Record<string, string>>;
}

/** {@link FrameworksOptions} checked and filled in. */
export interface ResolvedFrameworksOptions {
  frameworks: string[];
  metValues: Readonly<Record<string, readonly string[]>>;
  minRecall: number;
  claims: readonly FrameworkClaim[];
  scorecard: ExternalScore | null;
  confidence: number;
  setAside: Readonly<Record<string, string>>;
}

/**
 * Checks the options of `evaluateFrameworks` against the table and fills the defaults; a wrong
 * option throws, naming it, the value and what is expected.
 *
 * @example
 * import { resolveFrameworksOptions, DealTable } from "leadlab";
 * const t = new DealTable({ name: "t", ids: ["a"], won: Uint8Array.from([1]), attributes: [], columns: {}, holdout: { by: "random", fraction: 0.25, seed: 7 } });
 * resolveFrameworksOptions({ frameworks: ["meddic"] }, t).frameworks; // => ["MEDDIC"]
 */
export function resolveFrameworksOptions(options: FrameworksOptions, table: DealTable): ResolvedFrameworksOptions {
  const { frameworks = FRAMEWORK_NAMES, metValues = {}, minRecall = 0.5, claims, scorecard, confidence = 0.95, setAside = {} } = options;
  const frameworkName = (name: string, what: string) => {
    const f = resolveFramework(name);
    if (!f) {
      const near = nearestName(name, FRAMEWORK_NAMES);
      throw new Error(`evaluateFrameworks: ${what} "${name}" is not a framework leadlab defines${near ? ` (did you mean ${near}?)` : ""}; frameworks: ${FRAMEWORK_NAMES.join(", ")}`);
    }
    return f.name;
  };
  if (!Array.isArray(frameworks) || frameworks.length === 0) throw new Error("evaluateFrameworks: frameworks must list at least one framework, e.g. [\"BANT\"]");
  const names = [...new Set(frameworks.map((f) => frameworkName(f, "frameworks:")))];
  for (const [attribute, values] of Object.entries(metValues)) {
    const a = table.attributes.find((x) => x.name === attribute);
    if (!a) {
      const near = nearestName(attribute, table.attributes.map((x) => x.name));
      throw new Error(`evaluateFrameworks: metValues names "${attribute}", which is not an attribute of the table${near ? ` (did you mean ${near}?)` : ""}`);
    }
    if (a.type !== "categorical" && a.type !== "multi") {
      throw new Error(`evaluateFrameworks: metValues.${attribute}: values that mean met apply to categorical and multi attributes; "${attribute}" is ${a.type}, read as ${a.type === "boolean" ? "true = met" : a.type === "numeric" ? "positive = met" : "no criterion"}`);
    }
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === "string")) {
      throw new Error(`evaluateFrameworks: metValues.${attribute} must be a non-empty list of values, e.g. ["Approved"]; got ${JSON.stringify(values)}`);
    }
  }
  if (!(minRecall >= 0 && minRecall <= 1)) throw new Error(`evaluateFrameworks: minRecall must be in [0, 1], e.g. 0.5; got ${minRecall}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`evaluateFrameworks: confidence must be in (0, 1), e.g. 0.95; got ${confidence}`);
  // The default claims are checked for the frameworks evaluated; a claim asked for must be about one of them.
  const resolvedClaims = (claims ?? DEFAULT_CLAIMS.filter((c) => names.includes(c.framework))).map((c, i) => {
    const framework = frameworkName(c.framework, `claims[${i}].framework`);
    if (!names.includes(framework)) throw new Error(`evaluateFrameworks: claims[${i}] is about ${framework}, which is not among the frameworks evaluated (${names.join(", ")})`);
    if (!(Number.isInteger(c.atLeast) && c.atLeast >= 1)) throw new Error(`evaluateFrameworks: claims[${i}].atLeast must be an integer ≥ 1; got ${c.atLeast}`);
    return Object.freeze({ framework, atLeast: c.atLeast, text: c.text });
  });
  if (scorecard !== undefined) {
    if (typeof scorecard.name !== "string" || scorecard.name.trim() === "") throw new Error("evaluateFrameworks: scorecard.name must be a non-empty name, e.g. \"scorecard\"");
    if (scorecard.scores == null || scorecard.scores.length !== table.n) {
      throw new Error(`evaluateFrameworks: scorecard.scores must have one score per table row (${table.n}); got ${scorecard.scores?.length ?? "none"}`);
    }
  }
  return Object.freeze({
    frameworks: names,
    metValues: Object.freeze({ ...metValues }),
    minRecall,
    claims: Object.freeze(resolvedClaims),
    scorecard: scorecard ?? null,
    confidence,
    setAside: Object.freeze({ ...setAside }),
  });
}
