import type { MixedColumn, MixedKind } from "../cluster/mixed-column";
import type { Trait } from "./traits";

/** One trait of the profile, and how common it is in each persona. */
export interface ProfileRow {
  attribute: string;
  kind: MixedKind;
  /** The value as traits name it (a category, an item, "true", a numeric band). */
  value: string;
  /** Numeric traits: the band, from ≤ x < to. */
  band?: { from: number; to: number };
  /** Share of all customers with it, and of each persona's customers (among known values). */
  overallShare: number;
  shares: number[];
}

/** The distinguishing traits of every persona side by side: the data of a trait heat map. */
export interface PersonaProfile {
  rows: ProfileRow[];
}

/**
 * The side-by-side profile of a set of clusters: the union of each cluster's `top` strongest
 * traits (in cluster order, then lift order, each once), and for every one of them its share
 * in **every** cluster and overall — a trait that distinguishes one persona is shown for all of
 * them, so the contrast is visible. Shares are among the rows where the attribute is known, as
 * in `clusterTraits`; a numeric trait's band is `from ≤ x < to`, closed at the largest value.
 * Rows with label -1 count in "overall" only. The inputs are not modified.
 *
 * @example
 * import { clusterTraits } from "./traits";
 * import { personaProfile } from "./persona-profile";
 * const cols = [{ name: "industry", kind: "categorical" as const, values: ["SaaS", "SaaS", "SaaS", "Retail", "Retail", "SaaS"] }];
 * const labels = [0, 0, 0, 1, 1, 1];
 * const traits = [0, 1].map((c) => clusterTraits(cols, labels, c, { minCount: 1 }));
 * personaProfile(cols, labels, traits, 1).rows.map((r) => [r.value, r.shares]); // => [["SaaS", [1, 1 / 3]], ["Retail", [0, 2 / 3]]]
 */
export function personaProfile(columns: readonly MixedColumn[], labels: ArrayLike<number>, traits: readonly (readonly Trait[])[], top = 4): PersonaProfile {
  const k = traits.length;
  const keys: Trait[] = [];
  const seen = new Set<string>();
  for (const list of traits)
    for (const t of list.slice(0, top)) {
      const key = `${t.attribute}\u0000${t.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(t);
    }
  const byName = new Map(columns.map((c) => [c.name, c]));
  const rows = keys.map((t): ProfileRow => {
    const c = byName.get(t.attribute);
    if (!c) throw new Error(`personaProfile: the trait's attribute "${t.attribute}" is not among the columns`);
    const has = matcher(c, t);
    const known = new Array<number>(k).fill(0);
    const hits = new Array<number>(k).fill(0);
    let allKnown = 0;
    let allHits = 0;
    for (let i = 0; i < labels.length; i++) {
      const v = (c.values as ArrayLike<unknown>)[i];
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) continue;
      const h = has(v) ? 1 : 0;
      allKnown++;
      allHits += h;
      const l = labels[i];
      if (l >= 0 && l < k) {
        known[l]++;
        hits[l] += h;
      }
    }
    return {
      attribute: t.attribute,
      kind: t.kind,
      value: t.value,
      ...(t.band ? { band: { ...t.band } } : {}),
      overallShare: allKnown ? allHits / allKnown : NaN,
      shares: known.map((m, l) => (m ? hits[l] / m : NaN)),
    };
  });
  return { rows };
}

/** Whether a known value has the trait. */
function matcher(c: MixedColumn, t: Trait): (v: unknown) => boolean {
  if (c.kind === "numeric") {
    if (!t.band) return () => false;
    const { from, to } = t.band;
    let max = -Infinity;
    for (let i = 0; i < c.values.length; i++) if (c.values[i] > max) max = c.values[i];
    return (v) => (v as number) >= from && ((v as number) < to || (to >= max && (v as number) <= to));
  }
  if (c.kind === "multi") return (v) => (v as readonly string[]).includes(t.value);
  return (v) => String(v) === t.value;
}
