import { formatPercent } from "../format/percent";
import type { AntiPersonaKind } from "../formats/vocabulary";
import { clusterWithMinimumSize } from "./sized-clustering";
import { rowsWithValues, type MixedColumn } from "../cluster/mixed-column";
import { defaultPersonaNames, personaNameParts, type NamingAttribute } from "./persona-names";
import type { Persona, Rate } from "./personas-result";
import { rankScaler } from "../cluster/rank-scaler";
import { rateOf } from "./rate";
import { clusterTraits, type Trait } from "./traits";

/**
 * A segment not to chase, with its evidence. It is never a persona: a cluster of the customers
 * that wins but churns is set aside from the personas (`customers`; the assignment rules tag its
 * leads "other" and this anti-persona), and a cluster of deals is sought only among the deals
 * no persona rule matches (`deals`).
 */
export interface AntiPersona {
  kind: AntiPersonaKind;
  source: "customers" | "deals";
  id: string;
  name: string;
  /** Closed deals that look like it, and their share of all closed deals. */
  deals: number;
  share: number;
  winRate: Rate;
  /** Retention of its customers whose retention is decided, or null. */
  retention: Rate | null;
  /** Its distinguishing traits (for a persona: the persona's). */
  traits: Trait[];
  /** For a cluster of deals: the persona whose deals are mostly the same (Jaccard ≥ 0.5), or null. */
  samePersona: string | null;
  /** Why it is an anti-persona, with the numbers. */
  why: string;
}

const interval = (r: Rate) => `${formatPercent(r.value)} [${formatPercent(r.lo)}, ${formatPercent(r.hi)}]`;

/**
 * Whether a segment wins but churns: its deals win at least as often as all deals (win rate ≥
 * base) but its customers' retention interval lies entirely **below** the base retention. A
 * segment without retention cannot.
 *
 * @example
 * import { rateOf } from "./rate";
 * import { winsButChurns } from "./anti-personas";
 * winsButChurns({ winRate: rateOf(300, 400), retention: rateOf(100, 200) }, { winRate: rateOf(500, 1000), retention: rateOf(800, 1000) }); // => true
 */
export function winsButChurns(p: { winRate: Rate; retention: Rate | null }, base: { winRate: Rate; retention: Rate | null }): boolean {
  return !!(p.retention && base.retention && p.retention.n > 0 && p.winRate.value >= base.winRate.value && p.retention.hi < base.retention.value);
}

/**
 * Anti-personas among clusters of customers, by their rates against the base rates:
 * - `wins-but-churns` (see {@link winsButChurns});
 * - `rarely-wins`: its deals' win-rate interval lies entirely below the base win rate.
 * `personas` sets the clusters that win but churn aside as anti-personas; for the clusters that
 * stay personas, these are warnings (a segment is never both).
 *
 * @example
 * import { personaAntiPersonas } from "./anti-personas";
 * import { rateOf } from "./rate";
 * const p = { id: "agencies", name: "Agencies", winRate: rateOf(300, 400), retention: rateOf(100, 200), traits: [] };
 * const base = { winRate: rateOf(500, 1000), retention: rateOf(800, 1000) };
 * personaAntiPersonas([p], base, 1000)[0].kind; // => "wins-but-churns"
 */
export function personaAntiPersonas(
  list: readonly Pick<Persona, "id" | "name" | "winRate" | "retention" | "traits">[],
  base: { winRate: Rate; retention: Rate | null },
  deals: number,
): AntiPersona[] {
  const out: AntiPersona[] = [];
  for (const p of list) {
    const common = { source: "customers" as const, samePersona: null, name: p.name, deals: p.winRate.n, share: deals ? p.winRate.n / deals : 0, winRate: p.winRate, retention: p.retention, traits: p.traits };
    if (p.retention && base.retention && winsButChurns(p, base))
      out.push({
        ...common,
        kind: "wins-but-churns",
        id: `${p.id}-wins-but-churns`,
        why: `its deals win ${interval(p.winRate)} (all deals: ${formatPercent(base.winRate.value)}) but its customers stay ${interval(p.retention)}, below the ${formatPercent(base.retention.value)} of all customers`,
      });
    if (p.winRate.n > 0 && p.winRate.hi < base.winRate.value)
      out.push({
        ...common,
        kind: "rarely-wins",
        id: `${p.id}-rarely-wins`,
        why: `its deals win ${interval(p.winRate)}, below the ${formatPercent(base.winRate.value)} of all deals`,
      });
  }
  return out;
}

/** What {@link dealAntiPersona} needs: every closed deal's attributes and outcomes. */
export interface DealAntiPersonaInput {
  /** Raw attribute columns over the closed deals searched (one row per deal). */
  columns: readonly MixedColumn[];
  /** Those deals in words, for `why` (default "closed deals"; e.g. "closed deals no persona rule matches"). */
  scope?: string;
  /** Weight per column name (as the personas used). */
  weights: Readonly<Record<string, number>>;
  won: Uint8Array;
  /** Retention of the customers whose retention is decided: their table rows and outcome. */
  retention?: { rows: Int32Array; y: Uint8Array };
  naming: readonly NamingAttribute[];
  /** The persona of every closed deal (-1 none) and the persona ids, to say which persona the segment repeats. */
  personas?: { labels: Int32Array; ids: readonly string[] };
  /** Seed, deals clustered at most, bootstrap resamples and largest k of the clustering. */
  seed: number;
  sample: number;
  bootstraps: number;
  kMax: number;
  maxTraits: number;
}

/** The fewest deals with a value of some attribute that {@link dealAntiPersona} clusters. */
export const MIN_CLUSTERED_DEALS = 50;

/**
 * The segment of closed deals that rarely wins: all closed deals (won and lost) are clustered
 * with the personas' attributes and weights (numeric attributes on the deals' rank scale; k
 * chosen by the same rule, see `clusterWithMinimumSize`), and the cluster with the lowest win rate is
 * an anti-persona of kind `rarely-wins` when its Wilson interval lies entirely below the win
 * rate of all deals. Its traits distinguish it from all deals; its name is built as a persona's.
 * Null when no cluster wins clearly less often, or when the clusters are weak (mean
 * silhouette below 0.25): a low rate of an arbitrary slice is no segment; null too when fewer
 * than {@link MIN_CLUSTERED_DEALS} deals have a value of any attribute (the deals no persona rule
 * matches can be exactly those that have none).
 *
 * @example
 * import { dealAntiPersona } from "./anti-personas";
 * const industry = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? "Retail" : i % 3 === 1 ? "SaaS" : "Finance"));
 * const won = Uint8Array.from(industry, (v, i) => (v === "Retail" ? (i % 10 === 0 ? 1 : 0) : i % 2));
 * const a = dealAntiPersona({
 *   columns: [{ name: "industry", kind: "categorical", values: industry }], weights: { industry: 1 }, won,
 *   naming: [{ name: "industry", kind: "categorical", role: "firmographic" }], seed: 1, sample: 300, bootstraps: 5, kMax: 6, maxTraits: 5,
 * });
 * a?.name; // => "Retail"
 */
export function dealAntiPersona(input: DealAntiPersonaInput): AntiPersona | null {
  const kept = input.columns.filter((c) => (input.weights[c.name] ?? 0) > 0);
  if (kept.length === 0 || rowsWithValues(kept) < MIN_CLUSTERED_DEALS) return null;
  const scaled = kept.map((c): MixedColumn => {
    if (c.kind !== "numeric") return c;
    const scale = rankScaler(c.values);
    return { name: c.name, kind: "numeric", values: Float64Array.from(c.values, scale) };
  });
  const weights = Object.fromEntries(kept.map((c) => [c.name, input.weights[c.name]]));
  const clustering = clusterWithMinimumSize(scaled, { numeric: "range", weights, sampleSize: input.sample, seed: input.seed, bootstraps: input.bootstraps, kMax: input.kMax });
  if (clustering.silhouette < 0.25) return null;
  const n = input.won.length;
  const wins = new Array<number>(clustering.k).fill(0);
  const sizes = new Array<number>(clustering.k).fill(0);
  let allWins = 0;
  for (let r = 0; r < n; r++) {
    allWins += input.won[r];
    const l = clustering.labels[r];
    if (l < 0) continue;
    sizes[l]++;
    wins[l] += input.won[r];
  }
  const base = allWins / n;
  const rates = sizes.map((s, c) => rateOf(wins[c], s));
  let worst = -1;
  rates.forEach((r, c) => {
    if (r.n > 0 && (worst < 0 || r.value < rates[worst].value)) worst = c;
  });
  if (worst < 0 || !(rates[worst].hi < base)) return null;
  const all = clusterTraits(kept, clustering.labels, worst);
  const parts = personaNameParts(all, input.naming);
  const { names, ids } = defaultPersonaNames([parts], input.naming);
  let retention: Rate | null = null;
  if (input.retention) {
    let stay = 0;
    let m = 0;
    input.retention.rows.forEach((r, i) => {
      if (clustering.labels[r] === worst) {
        m++;
        stay += input.retention!.y[i];
      }
    });
    retention = rateOf(stay, m);
  }
  const winRate = rates[worst];
  let samePersona: string | null = null;
  let overlap = "";
  if (input.personas) {
    const { labels, ids } = input.personas;
    let best = -1;
    let bestJaccard = 0;
    ids.forEach((_, c) => {
      let both = 0;
      let either = 0;
      for (let r = 0; r < n; r++) {
        const a = clustering.labels[r] === worst;
        const b = labels[r] === c;
        if (a && b) both++;
        if (a || b) either++;
      }
      const j = either ? both / either : 0;
      if (j > bestJaccard) [best, bestJaccard] = [c, j];
    });
    if (best >= 0 && bestJaccard >= 0.5) {
      samePersona = ids[best];
      overlap = `; mostly the deals of persona ${ids[best]} (Jaccard ${bestJaccard.toFixed(2)})`;
    }
  }
  return {
    kind: "rarely-wins",
    source: "deals",
    id: `${ids[0]}-rarely-wins`,
    name: names[0],
    deals: winRate.n,
    share: winRate.n / n,
    winRate,
    retention,
    traits: all.filter((t) => t.q < 0.05).slice(0, input.maxTraits),
    samePersona,
    why: `among the ${n.toLocaleString("en-US")} ${input.scope ?? "closed deals"}, the ${winRate.n.toLocaleString("en-US")} that look like this win ${interval(winRate)}, below the ${formatPercent(base)} of those deals (the lowest of ${clustering.k} clusters of deals)${overlap}`,
  };
}

