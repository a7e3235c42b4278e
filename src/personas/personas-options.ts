import type { DealTable } from "../data/deal-table";
import type { DriversResult } from "../drivers/drivers-result";
import { CUSTOMER_SETS, type CustomerSet } from "../formats/vocabulary";
import type { PersonaNames } from "./persona-names-file";
import { RETENTION_HORIZON_DAYS } from "../stats/kaplan-meier";

/** Options of {@link personas}. */
export interface PersonasOptions {
  /** Which customers to cluster: `won`, or `retained` (the default when the table has retention). */
  customers?: CustomerSet;
  /** Use this number of personas instead of choosing it (it is still measured). */
  k?: number;
  /** Range of k tried when choosing (default 2–8). */
  kMin?: number;
  kMax?: number;
  /**
   * The candidate attributes; default: see `personaAttributes` (firmographic, demographic, one
   * feature per event type). Named ones are weighed like default ones (see `weights`): with
   * `"association"`, one associated with no other may be left out, with its reason.
   */
  attributes?: readonly string[];
  /** Attribute names to leave out of the default candidates. */
  exclude?: readonly string[];
  /** A drivers result: attributes it flags as leakage are left out of the default candidates. */
  drivers?: DriversResult;
  /**
   * How attributes weigh in the distance: `"association"` (the default: each attribute weighs its
   * strongest association with another one, and attributes associated with none are left out;
   * see `screenAttributes`), `"equal"` (every candidate weighs 1), or a weight per attribute name.
   */
  weights?: "association" | "equal" | Readonly<Record<string, number>>;
  /** Seed of the sample, the bootstraps and the screening (default 1). */
  seed?: number;
  /** Customers clustered at most (a seeded sample; the rest are assigned). Default 2,000. */
  sample?: number;
  /** Bootstrap resamples per k for stability (default 10). */
  bootstraps?: number;
  /** Retention horizon of the survival form, in days (default 365). */
  horizonDays?: number;
  /** Renames from a `personas.names.yaml` (see `parsePersonaNames`). */
  names?: PersonaNames;
  /** Distinguishing traits reported per persona at most (default 8). */
  maxTraits?: number;
  /** Look for anti-personas among all closed deals too (a second clustering; default true). */
  antiPersonas?: boolean;
  /** Called with a line of progress (the CLI prints it to stderr). */
  onProgress?: (message: string) => void;
}

/** Every option of {@link personas}, checked and filled in. */
export interface ResolvedPersonasOptions {
  customers: CustomerSet;
  k: number | undefined;
  kMin: number | undefined;
  kMax: number | undefined;
  attributes: readonly string[] | undefined;
  exclude: readonly string[];
  drivers: DriversResult | undefined;
  weights: "association" | "equal" | Readonly<Record<string, number>>;
  seed: number;
  sample: number;
  bootstraps: number;
  horizonDays: number;
  names: PersonaNames | undefined;
  maxTraits: number;
  antiPersonas: boolean;
  onProgress: (message: string) => void;
}

/**
 * Checks the options of {@link personas} once and fills in the defaults; throws naming the
 * option, the value and what is allowed.
 *
 * @example
 * import { DealTable, resolvePersonasOptions } from "leadlab";
 * const t = new DealTable({ name: "d", ids: ["a"], won: Uint8Array.from([1]), attributes: [], columns: {}, holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * resolvePersonasOptions(t, {}).customers; // => "won" (the table has no retention)
 */
export function resolvePersonasOptions(table: DealTable, o: PersonasOptions = {}): ResolvedPersonasOptions {
  const fail = (message: string): never => {
    throw new Error(`personas: ${message}`);
  };
  const customers = o.customers ?? (table.retention ? "retained" : "won");
  if (!CUSTOMER_SETS.includes(customers)) fail(`customers must be one of ${CUSTOMER_SETS.join(", ")}; got ${String(customers)}`);
  if (customers === "retained" && !table.retention)
    fail('customers "retained" needs retention; add `retention:` to dataset.yaml, or use customers "won"');
  const integer = (name: string, v: number | undefined, min: number): number | undefined => {
    if (v !== undefined && !(Number.isInteger(v) && v >= min)) fail(`${name} must be an integer ≥ ${min}; got ${v}`);
    return v;
  };
  const k = integer("k", o.k, 2);
  const kMin = integer("kMin", o.kMin, 2);
  const kMax = integer("kMax", o.kMax, 2);
  if (k !== undefined && (kMin !== undefined || kMax !== undefined)) fail("give either k (fixed) or kMin/kMax (a range to choose from), not both");
  if (kMin !== undefined && kMax !== undefined && kMax < kMin) fail(`kMax (${kMax}) is below kMin (${kMin})`);
  for (const name of [...(o.attributes ?? []), ...(o.exclude ?? [])]) table.attribute(name);
  if (o.attributes && o.attributes.length === 0) fail("attributes is empty; name at least one attribute, or leave it out for the default");
  if (o.attributes && new Set(o.attributes).size !== o.attributes.length) fail("attributes names an attribute twice");
  const weights = o.weights ?? "association";
  if (typeof weights === "object") {
    for (const [name, w] of Object.entries(weights)) {
      table.attribute(name);
      if (!(Number.isFinite(w) && w >= 0)) fail(`the weight of "${name}" must be a finite number ≥ 0; got ${w}`);
    }
    if (!Object.values(weights).some((w) => w > 0)) fail("every weight is 0; give at least one attribute a positive weight");
  } else if (weights !== "association" && weights !== "equal") fail(`weights must be "association", "equal" or a weight per attribute; got ${String(weights)}`);
  const seed = o.seed ?? 1;
  if (!Number.isFinite(seed)) fail(`seed must be a finite number; got ${seed}`);
  return {
    customers,
    k,
    kMin,
    kMax,
    attributes: o.attributes ? [...o.attributes] : undefined,
    exclude: [...(o.exclude ?? [])],
    drivers: o.drivers,
    weights,
    seed,
    sample: integer("sample", o.sample ?? 2000, 10)!,
    bootstraps: integer("bootstraps", o.bootstraps ?? 10, 1)!,
    horizonDays: integer("horizonDays", o.horizonDays ?? RETENTION_HORIZON_DAYS, 1)!,
    names: o.names,
    maxTraits: integer("maxTraits", o.maxTraits ?? 8, 1)!,
    antiPersonas: o.antiPersonas ?? true,
    onProgress: o.onProgress ?? (() => undefined),
  };
}
