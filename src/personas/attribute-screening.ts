import { quantileSorted } from "simple-statistics";
import { chiSquareTest } from "../stats/chi-square";
import { benjaminiHochberg } from "../stats/fdr";
import { seededRandom } from "../stats/random";
import { checkMixedColumns, type MixedColumn } from "../cluster/mixed-column";
import { sampleIndices } from "../cluster/resample";
import { formatBelowLimit } from "../format/below-limit";

/** Options of {@link screenAttributes}. */
export interface ScreeningOptions {
  /** Cramér's V an attribute needs with some other attribute to take part (default 0.2). */
  minAssociation?: number;
  /** Cramér's V at or above which two attributes say the same thing and one is set aside (default 0.8, as in drivers). */
  redundancy?: number;
  /** False-discovery rate an association must pass (Benjamini–Hochberg over every pair; default 0.01). */
  fdr?: number;
  /** Rows measured at most (a seeded sample beyond; default 5,000). */
  maxRows?: number;
  /** Seed of that sample (default 1). */
  seed?: number;
}

/** What the screening decided about one attribute. */
export interface AttributeScreen {
  name: string;
  /** Weight in the Gower distance: the attribute's association, or 0 when it is left out. */
  weight: number;
  /** Its strongest significant association (Cramér's V) with another attribute kept, 0 when none. */
  association: number;
  /** The attribute (or `attribute=item`) of that association, null when none. */
  partner: string | null;
  /** The attribute this one repeats, when it was set aside as redundant. */
  redundantWith: string | null;
  /** Why it was kept or left out, in words. */
  reason: string;
}

interface ResolvedScreeningOptions {
  minAssociation: number;
  redundancy: number;
  fdr: number;
  maxRows: number;
  seed: number;
}

/** One coded view of an attribute: its levels as small integers (-1 missing). */
interface Coded {
  attribute: number;
  label: string;
  codes: Int32Array;
  levels: number;
  /** The item, for an indicator of a multi-valued attribute. */
  item?: string;
}

/**
 * Decides which attributes describe groups of customers, and how much each weighs, from the
 * data alone (no outcome, no labels). Groups exist only where attributes move together: an
 * attribute independent of every other one cannot separate groups, it only adds noise to every
 * distance (Gower averages it in). So:
 *
 * 1. every attribute is coded into a few levels (numeric: quartiles; categorical and boolean:
 *    their levels, rare ones pooled; multi-valued: one indicator per item held by 5–95 % of rows);
 * 2. every pair of attributes is tested (Pearson chi-square, Cramér's V; Benjamini–Hochberg
 *    q-values over all pairs);
 * 3. **redundant** pairs (V ≥ `redundancy`: one attribute is a finer coding of the other, like
 *    a contact title and its seniority, or a country and its region) keep one member: the one
 *    with fewer levels, else the one more associated with the rest (so a pair that repeats itself
 *    but moves with nothing else, like a region and its countries, counts as one attribute
 *    associated with nothing);
 * 4. each remaining attribute's **association** is its largest V with another remaining attribute
 *    among pairs with q < `fdr`; attributes below `minAssociation` get weight 0, the others
 *    weigh their association (so a weak link counts less in the distance).
 *
 * When no attribute passes, every attribute gets weight 1 and each reason says that no structure
 * was found, so the caller can warn. Deterministic for a seed; the input is not modified.
 * Cost O(pairs · rows) on at most `maxRows` rows.
 *
 * @example
 * // two kinds of buyer: industry and stack follow the kind (with exceptions), colour follows nothing
 * const kind = (i: number) => (i < 100 ? 0 : 1);
 * const industry = Array.from({ length: 200 }, (_, i) => ((kind(i) === 0) !== (i % 7 === 0) ? "Retail" : "SaaS"));
 * const stack = Array.from({ length: 200 }, (_, i) => ((kind(i) === 0) !== (i % 5 === 0) ? ["Shopify"] : ["HubSpot"]));
 * const colour = Array.from({ length: 200 }, (_, i) => ["red", "green", "blue"][i % 3]);
 * const s = screenAttributes([
 *   { name: "industry", kind: "categorical", values: industry },
 *   { name: "stack", kind: "multi", values: stack },
 *   { name: "colour", kind: "categorical", values: colour },
 * ]);
 * s.map((a) => a.weight > 0); // => [true, true, false]
 */
export function screenAttributes(columns: readonly MixedColumn[], options: ScreeningOptions = {}): AttributeScreen[] {
  const n = checkMixedColumns(columns);
  return screenResolved(columns, n, resolveScreeningOptions(options));
}

function resolveScreeningOptions(o: ScreeningOptions): ResolvedScreeningOptions {
  const within = (name: string, v: number, lo: number, hi: number) => {
    if (!(v >= lo && v <= hi)) throw new Error(`screenAttributes: ${name} must be in [${lo}, ${hi}]; got ${v}`);
    return v;
  };
  const maxRows = o.maxRows ?? 5000;
  if (!(Number.isInteger(maxRows) && maxRows >= 10)) throw new Error(`screenAttributes: maxRows must be an integer ≥ 10; got ${maxRows}`);
  return {
    minAssociation: within("minAssociation", o.minAssociation ?? 0.2, 0, 1),
    redundancy: within("redundancy", o.redundancy ?? 0.8, 0, 1),
    fdr: within("fdr", o.fdr ?? 0.01, 0, 1),
    maxRows,
    seed: o.seed ?? 1,
  };
}

function screenResolved(columns: readonly MixedColumn[], n: number, o: ResolvedScreeningOptions): AttributeScreen[] {
  const rows = n > o.maxRows ? sampleIndices(n, o.maxRows, seededRandom(o.seed)) : null;
  const coded: Coded[] = [];
  columns.forEach((c, a) => coded.push(...codeColumn(c, a, rows)));
  // every pair of codes of different attributes
  const pairs: { i: number; j: number; v: number; p: number }[] = [];
  for (let i = 0; i < coded.length; i++)
    for (let j = i + 1; j < coded.length; j++) {
      if (coded[i].attribute === coded[j].attribute) continue;
      const { cramersV, p } = chiSquareTest(crossCounts(coded[i], coded[j]));
      pairs.push({ i, j, v: cramersV, p });
    }
  const q = benjaminiHochberg(pairs.map((x) => x.p));
  const significant = pairs.map((x, t) => ({ ...x, q: q[t] })).filter((x) => x.q < o.fdr);
  // 3. redundant pairs keep one member
  const dropped = new Map<number, number>();
  const wholeAttribute = (c: Coded) => c.item === undefined;
  const outside = (a: number, except: number) =>
    significant.reduce((m, x) => {
      const [ca, cb] = [coded[x.i].attribute, coded[x.j].attribute];
      const other = ca === a ? cb : cb === a ? ca : -1;
      return other >= 0 && other !== except && !dropped.has(other) ? Math.max(m, x.v) : m;
    }, 0);
  const redundant = significant
    .filter((x) => x.v >= o.redundancy && wholeAttribute(coded[x.i]) && wholeAttribute(coded[x.j]))
    .sort((x, y) => y.v - x.v || x.i - y.i || x.j - y.j);
  for (const x of redundant) {
    const [a, b] = [coded[x.i], coded[x.j]];
    if (dropped.has(a.attribute) || dropped.has(b.attribute)) continue;
    const drop =
      a.levels !== b.levels
        ? a.levels > b.levels
          ? a
          : b
        : outside(a.attribute, b.attribute) < outside(b.attribute, a.attribute)
          ? a
          : b.attribute > a.attribute
            ? b
            : a;
    dropped.set(drop.attribute, drop === a ? b.attribute : a.attribute);
  }
  // 4. association with the attributes kept
  const best = columns.map(() => ({ v: 0, partner: null as string | null }));
  for (const x of significant) {
    const [a, b] = [coded[x.i], coded[x.j]];
    if (dropped.has(a.attribute) || dropped.has(b.attribute)) continue;
    for (const [self, other] of [
      [a, b],
      [b, a],
    ] as const) {
      if (x.v > best[self.attribute].v) best[self.attribute] = { v: x.v, partner: other.label };
    }
  }
  // 5. one structure: the attributes linked (V ≥ minAssociation) to the component of largest total association
  const apart = apartFromMainStructure(columns.length, significant.filter((x) => x.v >= o.minAssociation && !dropped.has(coded[x.i].attribute) && !dropped.has(coded[x.j].attribute)).map((x) => [coded[x.i].attribute, coded[x.j].attribute, x.v] as const));
  const anyKept = best.some((b, a) => !dropped.has(a) && b.v >= o.minAssociation);
  const fmt = (v: number) => v.toFixed(2);
  return columns.map((c, a): AttributeScreen => {
    const { v, partner } = best[a];
    const base = { name: c.name, association: dropped.has(a) ? 0 : v, partner: dropped.has(a) ? null : partner };
    if (dropped.has(a)) {
      const twin = columns[dropped.get(a)!].name;
      return { ...base, weight: anyKept ? 0 : 1, redundantWith: twin, reason: `repeats ${twin} (Cramér's V ≥ ${o.redundancy}), which is kept` };
    }
    if (!anyKept)
      return {
        ...base,
        weight: 1,
        redundantWith: null,
        reason: `no attribute is associated with another (V ≥ ${o.minAssociation}): no structure to weigh by, every attribute weighs 1`,
      };
    if (v < o.minAssociation)
      return {
        ...base,
        weight: 0,
        redundantWith: null,
        reason: v > 0 ? `associated with no other attribute beyond V = ${formatBelowLimit(v, o.minAssociation)} (with ${partner}); below ${o.minAssociation}` : "associated with no other attribute",
      };
    const main = apart.get(a);
    if (main !== undefined)
      return {
        ...base,
        weight: 0,
        redundantWith: null,
        reason: `moves with ${partner} (Cramér's V ${fmt(v)}) but apart from ${columns[main].name} and the attributes moving with it, the strongest structure: another axis (such as overall activity), not the groups`,
      };
    return { ...base, weight: v, redundantWith: null, reason: `moves with ${partner} (Cramér's V ${fmt(v)})` };
  });
}

/**
 * The attributes linked by `edges` (attribute, attribute, V) outside the connected component of
 * largest total V, each mapped to the name-giving member of that component (its most associated
 * attribute, by index order on ties). Empty when there is at most one component.
 */
function apartFromMainStructure(n: number, edges: readonly (readonly [number, number, number])[]): Map<number, number> {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const [a, b] of edges) parent[find(a)] = find(b);
  const total = new Map<number, number>();
  const strongest = new Map<number, { attribute: number; v: number }>();
  for (const [a, b, v] of edges) {
    const root = find(a);
    total.set(root, (total.get(root) ?? 0) + v);
    for (const x of [a, b]) {
      const s = strongest.get(root);
      if (!s || v > s.v || (v === s.v && x < s.attribute)) strongest.set(root, { attribute: x, v });
    }
  }
  const roots = [...total.keys()].sort((x, y) => total.get(y)! - total.get(x)! || x - y);
  const apart = new Map<number, number>();
  if (roots.length < 2) return apart;
  const named = strongest.get(roots[0])!.attribute;
  for (const [a, b] of edges) for (const x of [a, b]) if (find(x) !== roots[0]) apart.set(x, named);
  return apart;
}

/** The r × c counts of two coded views over the rows where both are known. */
function crossCounts(a: Coded, b: Coded): number[][] {
  const flat = new Float64Array(a.levels * b.levels);
  for (let r = 0; r < a.codes.length; r++) {
    const x = a.codes[r];
    const y = b.codes[r];
    if (x >= 0 && y >= 0) flat[x * b.levels + y]++;
  }
  return Array.from({ length: a.levels }, (_, i) => Array.from(flat.subarray(i * b.levels, (i + 1) * b.levels)));
}

/** The coded views of one column (none when it does not vary). */
function codeColumn(c: MixedColumn, attribute: number, rows: Int32Array | null): Coded[] {
  const m = rows ? rows.length : c.values.length;
  const at = <T>(values: ArrayLike<T>, t: number): T => values[rows ? rows[t] : t];
  if (c.kind === "numeric") {
    const known: number[] = [];
    for (let t = 0; t < m; t++) {
      const x = at(c.values, t);
      if (!Number.isNaN(x)) known.push(x);
    }
    if (known.length === 0) return [];
    known.sort((x, y) => x - y);
    const cuts = [...new Set([0.25, 0.5, 0.75].map((p) => quantileSorted(known, p)))].filter((t) => t < known[known.length - 1]);
    if (cuts.length === 0) return [];
    const codes = Int32Array.from({ length: m }, (_, t) => {
      const x = at(c.values, t);
      if (Number.isNaN(x)) return -1;
      let k = 0;
      while (k < cuts.length && x > cuts[k]) k++;
      return k;
    });
    return [{ attribute, label: c.name, codes, levels: cuts.length + 1 }];
  }
  if (c.kind === "multi") {
    const count = new Map<string, number>();
    let known = 0;
    for (let t = 0; t < m; t++) {
      const s = at(c.values, t);
      if (s === null || s === undefined) continue;
      known++;
      for (const item of new Set(s)) count.set(item, (count.get(item) ?? 0) + 1);
    }
    return [...count.keys()]
      .sort()
      .filter((item) => count.get(item)! >= 0.05 * known && count.get(item)! <= 0.95 * known)
      .map((item) => ({
        attribute,
        label: `${c.name}=${item}`,
        item,
        levels: 2,
        codes: Int32Array.from({ length: m }, (_, t) => {
          const s = at(c.values, t);
          return s === null || s === undefined ? -1 : s.includes(item) ? 1 : 0;
        }),
      }));
  }
  const text = (t: number): string | null => {
    const v = at(c.values as ArrayLike<string | boolean | null>, t);
    return v === null || v === undefined ? null : String(v);
  };
  const count = new Map<string, number>();
  let known = 0;
  for (let t = 0; t < m; t++) {
    const v = text(t);
    if (v === null) continue;
    known++;
    count.set(v, (count.get(v) ?? 0) + 1);
  }
  const minLevel = Math.max(5, Math.ceil(0.01 * known));
  const levels = [...count.keys()].filter((v) => count.get(v)! >= minLevel).sort();
  const index = new Map(levels.map((v, k) => [v, k]));
  const pooled = levels.length < count.size;
  const total = levels.length + (pooled ? 1 : 0);
  if (total < 2) return [];
  const codes = Int32Array.from({ length: m }, (_, t) => {
    const v = text(t);
    return v === null ? -1 : (index.get(v) ?? levels.length);
  });
  return [{ attribute, label: c.name, codes, levels: total }];
}
