import { DealTable, type AttributeMeta, type Column, type DealSources } from "../../src/data/deal-table";
import type { AttributeType, Role } from "../../src/formats/vocabulary";

/** One planted attribute: its type, role and values (one per deal). */
export interface PlantedAttribute {
  type: AttributeType;
  role?: Role;
  values: Column;
  /** The qualification framework and criterion it answers, if any. */
  framework?: string;
  criterion?: string;
}

const DAY = 86_400_000;

/**
 * A deal table of planted attributes, deals closed one every half day from 2025-01-01 (so the
 * newest `holdoutDays` days are the holdout), each created 30 days before it closed.
 */
export function syntheticDeals(won: ArrayLike<number>, attributes: Record<string, PlantedAttribute>, holdoutDays = 180, sources?: DealSources): DealTable {
  const n = won.length;
  const meta: AttributeMeta[] = Object.entries(attributes).map(([name, a]) => ({
    name,
    type: a.type,
    role: a.role ?? "firmographic",
    source: "spec",
    table: "deals",
    ...(a.framework ? { framework: a.framework, criterion: a.criterion } : {}),
  }));
  const closedAt = Float64Array.from({ length: n }, (_, i) => Date.UTC(2025, 0, 1) + i * DAY * 0.5);
  return new DealTable({
    name: "planted",
    ids: Array.from({ length: n }, (_, i) => `D${i}`),
    won: Uint8Array.from(won),
    attributes: meta,
    columns: Object.fromEntries(Object.entries(attributes).map(([name, a]) => [name, a.values])),
    closedAt,
    createdAt: closedAt.map((t) => t - 30 * DAY),
    holdout: { by: "time", lastDays: holdoutDays },
    ...(sources ? { sources } : {}),
  });
}

/** Picks one of `levels` with the given probabilities. */
export function pick<T>(u: number, levels: readonly T[], probabilities: readonly number[]): T {
  let cum = 0;
  for (let i = 0; i < levels.length; i++) if (u < (cum += probabilities[i])) return levels[i];
  return levels[levels.length - 1];
}

export { DAY };
