import type { ScorecardAttribute, ScoringRules } from "../../src/formats/scoring-rules-schema";
import { readScoringRules } from "../../src/scoring/parse-scoring-rules";

/** The hand-made fixture rules (tests/scoring/fixtures/scoring.yaml). */
export const FIXTURE_RULES = "tests/scoring/fixtures/scoring.yaml";

/** A fresh copy of the fixture rules. */
export function fixtureRules(): ScoringRules {
  return readScoringRules(FIXTURE_RULES);
}

/** Freezes an object and everything in it. */
export function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === "object" && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}

type Bin = ScorecardAttribute["bins"][number];

/** A bin with placeholder training statistics. */
export function bin(label: string, when: Bin["when"], points: number): Bin {
  return { label, when, points, trainWinRate: 0.3, trainDeals: 10 };
}

/** Minimal valid rules around some attributes. */
export function tinyRules(attributes: ScorecardAttribute[], overrides: Partial<ScoringRules> = {}): ScoringRules {
  return {
    apiVersion: "leadlab/v1",
    kind: "ScoringRules",
    metadata: {
      dataset: "tiny",
      toolVersion: "0.0.0",
      dataFingerprint: "sha256:00",
      counts: { deals: 10, won: 5, lost: 5, train: 8, holdout: 2 },
      seed: 1,
      holdout: { by: "random", fraction: 0.2, seed: 1, fallback: false, train: 8, test: 2 },
      verdict: "test",
      metrics: { auc: { value: 0.5, lo: 0.4, hi: 0.6 }, ks: 0, brier: 0.25, baseRate: 0.5 },
    },
    inputs: { id: "id" },
    scale: { kind: "pdo", base: 600, baseOdds: 1, pdo: 20, basePoints: 0 },
    attributes,
    tiers: [{ name: "all", minPoints: null, expectedWinRate: { value: 0.5, lo: 0.4, hi: 0.6 }, shareOfLeads: 1, shareOfWins: 1 }],
    grades: { fitCuts: [0, 10, 20], engagementCuts: [0, 10, 20], matrix: [] },
    ...overrides,
  };
}

/** A column attribute with the given match and bins. */
export function attribute(name: string, match: ScorecardAttribute["match"], bins: Bin[], extra: Partial<ScorecardAttribute> = {}): ScorecardAttribute {
  return { name, source: { column: name }, match, role: "firmographic", group: "fit", rationale: "", bins, ...extra };
}
