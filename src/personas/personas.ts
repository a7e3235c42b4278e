import { formatPercent } from "../format/percent";
import { quantileSorted } from "simple-statistics";
import type { DealTable } from "../data/deal-table";
import { gatherFlags } from "../data/typed-column";
import { PersonasError } from "./personas-error";
import { dealAntiPersona, MIN_CLUSTERED_DEALS, personaAntiPersonas, winsButChurns, type AntiPersona } from "./anti-personas";
import { assignToMedoids } from "../cluster/assign";
import { screenAttributes, type AttributeScreen } from "./attribute-screening";
import { prepareGower } from "../cluster/gower";
import { mixedColumnsFromTable, type MixedColumn } from "../cluster/mixed-column";
import { personaAttributes, type LeftOutAttribute } from "./persona-attributes";
import { personaCustomers, type PersonaCustomers } from "./persona-customers";
import { personaProfile } from "./persona-profile";
import { applyPersonaNames, defaultPersonaNames, personaNameParts, ruleNameParts, type NamingAttribute } from "./persona-names";
import { resolvePersonasOptions, type PersonasOptions, type ResolvedPersonasOptions } from "./personas-options";
import { PersonasResult, type Persona, type PersonaAttribute, type PersonaMedoid, type Rate } from "./personas-result";
import { rankScaler } from "../cluster/rank-scaler";
import { rateOf } from "./rate";
import { clusterWithMinimumSize } from "./sized-clustering";
import { applyRulesToColumns, formatCondition, formatRule, OTHER_PERSONA } from "./persona-rule";
import { customerRetainedRevenue, rankByRetainedRevenue } from "./retained-revenue";
import { learnAssignmentRules, personaAssignment, RULE_MIN_PURITY, rulesOutsideName } from "./persona-assignment";
import { clusterTraits, type Trait } from "./traits";

/**
 * Buyer personas from the best customers, with the evidence behind each one.
 *
 * 1. **Customers**: one row per customer — its first won deal (see `personaCustomers`); by
 *    default those **retained** at the horizon when the table has retention, else every won
 *    customer.
 * 2. **Attributes**: firmographic, demographic and one behavioural feature per event type (see
 *    `personaAttributes`), weighed by how strongly each moves with the others; attributes
 *    associated with no other one are left out (see `screenAttributes`). Numeric attributes are
 *    compared on the customers' rank scale (see `rankScaler`).
 * 3. **Clusters**: Gower distance, k-medoids, k chosen by silhouette among stable k (bootstrap
 *    Jaccard ≥ 0.75) whose personas all hold at least 5 % of the customers (see
 *    `clusterWithMinimumSize`). Every k's silhouette, stability and sizes are reported.
 * 4. **Per persona**: size and share of the customers; the **win rate of every closed deal that
 *    looks like it** (won and lost deals, each assigned to its nearest medoid) and the retention
 *    of the customers that look like it, both with Wilson intervals; the median amount of its
 *    won deals; distinguishing traits (lift, interval, Benjamini–Hochberg q); a readable name and
 *    an id (see `defaultPersonaNames`; renames from `personas.names.yaml` when given).
 * 5. **Assignment rules** other systems apply to a new lead: a rule list of depth ≤ 6 over
 *    several attributes, learned from the personas (see `learnRuleList`; a leaf names the
 *    persona at least 60 % of its customers are in), with its fidelity on every customer and cross-validated
 *    (each customer assigned by rules learned without it, in 4 folds); leads no rule matches are "other".
 *    Personas are ranked by the retained revenue of their customers (see
 *    `rankByRetainedRevenue`) and named by the conditions of their main rule (see
 *    `ruleNameParts`).
 * 6. **Anti-personas** never overlap personas: the cluster of the closed deals no persona rule
 *    matches that wins least, when clearly below the rest (see `dealAntiPersona`). A persona
 *    that wins but churns or rarely wins (see `personaAntiPersonas`) says so in its warnings.
 *
 * Weak structure is said plainly in `warnings` and the `verdict` (silhouette below 0.25,
 * unstable or small personas, rules of low fidelity). Same table and options → the same result
 * (and a byte-identical `toYAML()`). The table is not modified.
 *
 * @example
 * import { loadDataset, personas } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const result = personas(table, { seed: 1 });
 * result.k; // => 4
 * result.personas[0].winRate; // => { value: 0.6486…, lo: 0.6294…, hi: 0.6673…, n: 2433, events: 1578 }
 */
export function personas(table: DealTable, options: PersonasOptions = {}): PersonasResult {
  return personasResolved(table, resolvePersonasOptions(table, options));
}

function personasResolved(table: DealTable, o: ResolvedPersonasOptions): PersonasResult {
  const customers = personaCustomers(table, o.customers, o.horizonDays);
  if (customers.rows.length < 10)
    throw new PersonasError(
      `only ${customers.rows.length} ${o.customers} customers (${customers.definition}); personas need at least 10` + (o.customers === "retained" ? '; try customers "won"' : ""),
    );
  const warnings: string[] = [];
  o.onProgress(`personas: ${customers.rows.length.toLocaleString("en-US")} customers (${customers.definition})`);

  const weighed = weighedAttributes(table, customers, o);
  if (weighed.warning) warnings.push(weighed.warning);
  const clusters = clusterCustomers(table, customers, weighed, o);
  const rates = personaRates(table, customers);

  // clusters that win but churn are no personas of the best customers: they are set aside as
  // anti-personas (while two personas remain); the personas are numbered by the revenue their
  // customers bring and keep, largest first, and the clusters set aside after them
  const k = clusters.clustered.k;
  const churns = Array.from({ length: k }, (_, c) => winsButChurns(rates.of(clusters.dealLabels, c), rates.base));
  const setAside = k - churns.filter(Boolean).length >= 2 ? churns : churns.map(() => false);
  const ranked = rankByRetainedRevenue(clusters.clustered, customerRetainedRevenue(table, customers), setAside);
  const clustering = ranked.clustering;
  const m = k - setAside.filter(Boolean).length;
  const dealLabels = Int32Array.from(clusters.dealLabels, ranked.renumber);

  const { list, rules, naming } = describeClusters(table, o, { customers, weighed, clustering, revenue: ranked.revenue, dealLabels, rates, personas: m, warnings });

  // the clusters set aside become anti-personas (a segment is never both); a persona that wins
  // but churns (when too few would remain) or rarely wins says so in its warnings
  const n = table.n;
  const personasList = list.slice(0, m);
  const antiPersonas: AntiPersona[] = personaAntiPersonas(list.slice(m), rates.base, n);
  for (const a of personaAntiPersonas(personasList, rates.base, n)) {
    const p = personasList.find((x) => `${x.id}-${a.kind}` === a.id)!;
    const warning = `${a.kind.replace(/-/g, " ")}: ${a.why}; it is a persona of the best customers all the same, so no anti-persona`;
    p.warnings.push(warning);
    warnings.push(`persona "${p.name}": ${warning}`);
  }
  const antiOf = (c: number) => (c >= m ? antiPersonas[c - m] : undefined);

  // how the rules fare: on every clustered customer, and cross-validated
  const names = list.map((p, c) => (c < m ? p.name : `${OTHER_PERSONA} (anti-persona ${antiOf(c)!.id})`));
  const ruleLabels = applyRulesToColumns(rules, clusters.rawDeals);
  const ids = list.map((p, c) => (c < m ? p.id : antiOf(c)!.id));
  const assignment = personaAssignment(rules, weighed.rawKept, clustering.labels, ruleLabels, { ids, names, personas: m }, o.seed);
  if (rules.fidelity < 0.7)
    warnings.push(`the assignment rules give only ${formatPercent(rules.fidelity)} of the customers their own persona (fidelity < 70%): the personas are hard to tell apart with simple rules`);

  // the segment of deals not to chase is sought only among the deals no rule matches
  const deal = o.antiPersonas ? otherDealsAntiPersona(table, ruleLabels, customers.retention, weighed.kept.map((a) => a.name), weighed.weights, naming, o) : null;
  if (deal) antiPersonas.push(deal);

  // what the clustering said, persona by persona
  warnings.unshift(...clustering.warnings.filter((w) => !/^cluster \d+ of k/.test(w)));
  if (customers.rows.length < 100) warnings.push(`only ${customers.rows.length} customers: the personas are rough sketches`);
  const verdict = verdictOf(m, k - m, customers.rows.length, o.customers, clustering.silhouette, clustering.stability);

  return new PersonasResult({
    dataset: table.provenance.dataset,
    fingerprint: table.provenance.dataFingerprint,
    toolVersion: table.provenance.toolVersion,
    customers: o.customers,
    customerDefinition: customers.definition,
    counts: { deals: n, won: rates.won, lost: n - rates.won, customers: customers.wonRows.length, clustered: customers.rows.length, unassigned: clustering.unassigned },
    leftOut: customers.leftOut,
    dateRange: table.provenance.dateRange ?? null,
    settings: {
      seed: o.seed,
      sample: o.sample,
      bootstraps: o.bootstraps,
      horizonDays: o.horizonDays,
      weights: typeof o.weights === "object" ? "given" : o.weights,
      distance: "Gower over the weighted attributes; numeric attributes on the customers' rank scale; k-medoids (FasterPAM)",
    },
    attributes: weighed.attributes,
    leftOutAttributes: weighed.choice.leftOut,
    k,
    reason: clustering.reason,
    silhouette: clustering.silhouette,
    stability: clustering.stability,
    candidates: clustering.table,
    base: rates.base,
    personas: personasList,
    assignment,
    antiPersonas,
    profile: personaProfile(weighed.rawKept, clustering.labels, personasList.map((p) => p.traits), PROFILE_TRAITS),
    verdict,
    warnings,
    customerRows: customers.rows,
    labels: clustering.labels,
    dealLabels,
    ruleLabels,
  });
}

/**
 * The customers clustered on the weighed attributes (numeric ones on the customers' rank scale),
 * and every closed deal given to its nearest medoid on the same scale.
 */
function clusterCustomers(table: DealTable, customers: PersonaCustomers, weighed: WeighedAttributes, o: ResolvedPersonasOptions) {
  const { kept, weights, rawKept } = weighed;
  const scalers = rawKept.map((c) => (c.kind === "numeric" ? rankScaler(c.values) : null));
  const scale = (cols: readonly MixedColumn[]) =>
    cols.map((c, j): MixedColumn => (c.kind === "numeric" ? { name: c.name, kind: "numeric", values: Float64Array.from(c.values, scalers[j]!) } : c));
  o.onProgress(`personas: clustering on ${kept.length} attributes (${kept.map((a) => a.name).join(", ")})`);
  const clustered = clusterWithMinimumSize(scale(rawKept), {
    numeric: "range",
    weights,
    sampleSize: o.sample,
    seed: o.seed,
    bootstraps: o.bootstraps,
    ...(o.k !== undefined ? { k: o.k } : {}),
    ...(o.kMin !== undefined ? { kMin: o.kMin } : {}),
    ...(o.kMax !== undefined ? { kMax: o.kMax } : {}),
  });
  o.onProgress(`personas: k = ${clustered.k} (${clustered.reason})`);
  const rawDeals = mixedColumnsFromTable(table, kept.map((a) => a.name));
  const dealModel = prepareGower(scale(rawDeals), { numeric: "range", weights });
  const dealLabels = assignToMedoids(dealModel, Int32Array.from(clustered.medoids, (m) => customers.rows[m])).labels;
  return { clustered, rawDeals, dealLabels };
}

/** The win and retention rates of all deals and customers, and of those given a cluster's label. */
interface PersonaRates {
  won: number;
  base: PersonasResult["base"];
  of(labels: Int32Array, c: number): { winRate: Rate; retention: Rate | null };
}

function personaRates(table: DealTable, customers: PersonaCustomers): PersonaRates {
  const n = table.n;
  const won = table.won.reduce((s, w) => s + w, 0);
  const retention = customers.retention;
  const base = {
    winRate: rateOf(won, n),
    retention: retention ? rateOf(retention.y.reduce((s, y) => s + y, 0), retention.rows.length) : null,
    medianAmount: medianAmountOf(table, (r) => table.won[r] === 1),
  };
  const of = (labels: Int32Array, c: number): { winRate: Rate; retention: Rate | null } => {
    const deals = countBy(n, (r) => labels[r] === c, (r) => table.won[r]);
    let ret: Rate | null = null;
    if (retention) {
      let m = 0;
      let stay = 0;
      retention.rows.forEach((r, i) => {
        if (labels[r] === c) {
          m++;
          stay += retention.y[i];
        }
      });
      ret = rateOf(stay, m);
    }
    return { winRate: rateOf(deals.events, deals.n), retention: ret };
  };
  return { won, base, of };
}

/**
 * Each cluster described: traits, the assignment rules, a name (from its main rule, the one that
 * assigns most of its customers, else from its traits; or the team's rename), rates, revenue and
 * warnings (no rule gives it; a rule gives it leads its name does not describe). The warnings
 * are also added to `warnings`.
 */
function describeClusters(
  table: DealTable,
  o: ResolvedPersonasOptions,
  p: {
    customers: PersonaCustomers;
    weighed: WeighedAttributes;
    clustering: ReturnType<typeof rankByRetainedRevenue>["clustering"];
    revenue: number[];
    dealLabels: Int32Array;
    rates: PersonaRates;
    /** The clusters before this index are personas, the others set aside. */
    personas: number;
    warnings: string[];
  },
): { list: Persona[]; rules: ReturnType<typeof learnAssignmentRules>; naming: NamingAttribute[] } {
  const { customers, weighed, clustering, dealLabels, warnings } = p;
  const { kept, rawKept, rawCustomers } = weighed;
  const k = clustering.medoids.length;
  const medoidRows = Int32Array.from(clustering.medoids, (x) => customers.rows[x]);
  const assigned = clustering.sizes.reduce((s, x) => s + x, 0);
  const naming = kept.map((a, j): NamingAttribute => {
    const c = rawKept[j];
    const range = c.kind === "numeric" ? numericRange(c.values) : undefined;
    const levels = c.kind === "categorical" ? [...new Set(c.values.filter((v): v is string => v !== null))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)) : undefined;
    return { name: a.name, kind: a.kind, role: a.role, ...(a.feature ? { feature: a.feature } : {}), ...(range ?? {}), ...(levels ? { levels } : {}) };
  });
  const allTraits: Trait[][] = [];
  for (let c = 0; c < k; c++) allTraits.push(clustering.sizes[c] > 0 ? clusterTraits(rawKept, clustering.labels, c) : []);
  // assignment rules; a persona is named by the conditions of its main rule (the one that assigns most of its customers)
  const rules = learnAssignmentRules(rawKept, clustering.labels);
  const mainRule = (c: number) => rules.rules.find((r) => r.persona === c);
  const parts = allTraits.map((t, c) => {
    const rule = mainRule(c);
    return rule ? ruleNameParts(rule.conditions, naming) : personaNameParts(t, naming).slice(0, TRAIT_NAME_PARTS);
  });
  const defaults = defaultPersonaNames(parts, naming, Infinity);
  const medoids = Array.from(clustering.medoids, (m, c): PersonaMedoid => medoidOf(table, rawKept, m, medoidRows[c]));
  // renames match the medoid on every candidate attribute, not only those that weigh: a rename file outlives the screening
  const renames = o.names
    ? applyPersonaNames(
        defaults.ids.map((id, c) => ({ id, medoid: medoidOf(table, rawCustomers, clustering.medoids[c], medoidRows[c]).values })),
        o.names,
      )
    : null;
  if (renames) warnings.push(...renames.warnings);
  const totalRevenue = p.revenue.reduce((a, b) => a + b, 0);
  const list: Persona[] = [];
  for (let c = 0; c < k; c++) {
    const rates = p.rates.of(dealLabels, c);
    const name = renames?.names[c] ?? defaults.names[c];
    list.push({
      index: c,
      id: defaults.ids[c],
      name,
      defaultName: defaults.names[c],
      renamedBy: renames?.matchedBy[c] ?? null,
      nameParts: parts[c],
      size: clustering.sizes[c],
      share: assigned ? clustering.sizes[c] / assigned : 0,
      silhouette: clustering.clusterSilhouette[c],
      stability: clustering.clusterStability[c],
      medoid: medoids[c],
      winRate: rates.winRate,
      retention: rates.retention,
      medianAmount: medianAmountOf(table, (r) => table.won[r] === 1 && dealLabels[r] === c),
      retainedRevenue: p.revenue[c],
      retainedRevenueShare: totalRevenue > 0 ? p.revenue[c] / totalRevenue : 0,
      traits: allTraits[c].filter((t) => t.q < 0.05).slice(0, o.maxTraits),
      warnings: personaWarnings(clustering.clusterStability[c], clustering.clusterSilhouette[c], clustering.sizes[c]),
    });
  }
  list.forEach((persona, c) => {
    if (!mainRule(c)) persona.warnings.push(`no assignment rule gives it (its customers are too mixed with others' for a rule of purity ≥ ${formatPercent(RULE_MIN_PURITY)}): leads like it are tagged "${OTHER_PERSONA}"; its name is drawn from its traits`);
  });
  // a persona is named by its main rule: say so when another of its rules tags leads the name does not describe
  list.slice(0, p.personas).forEach((persona, c) => {
    for (const { rule, named } of rulesOutsideName(rules.rules, c)) {
      const inIt = Math.round(rule.support * rule.purity);
      persona.warnings.push(
        `its name does not describe all the leads it is given: "${formatRule(rule, list.map((x) => x.name))}" gives it ${inIt} of its ${persona.size} customers (${formatPercent(inIt / persona.size)}), for whom "${formatCondition(named)}" does not hold`,
      );
    }
  });
  for (const persona of list) warnings.push(...persona.warnings.map((w) => `persona "${persona.name}": ${w}`));
  return { list, rules, naming };
}

/** Parts of a name drawn from traits, for a persona no rule assigns. */
const TRAIT_NAME_PARTS = 3;

/** Traits per persona in the side-by-side profile. */
const PROFILE_TRAITS = 4;

/** The clustering of closed deals for anti-personas is secondary: a smaller sample and fewer resamples keep it quick. */
const DEAL_SAMPLE = 1000;
const DEAL_BOOTSTRAPS = 10;

/**
 * The anti-persona among the closed deals no persona rule matches (persona "other"): their
 * cluster that wins least, when clearly below the rest (see `dealAntiPersona`); null when there
 * are too few such deals or no cluster stands out.
 */
function otherDealsAntiPersona(
  table: DealTable,
  ruleLabels: Int32Array,
  retention: PersonaCustomers["retention"],
  attributes: readonly string[],
  weights: Record<string, number>,
  naming: readonly NamingAttribute[],
  o: ResolvedPersonasOptions,
): AntiPersona | null {
  const otherRows = Int32Array.from(Array.from(ruleLabels).flatMap((l, r) => (l < 0 ? [r] : [])));
  if (otherRows.length < MIN_CLUSTERED_DEALS) return null;
  o.onProgress(`personas: clustering the ${otherRows.length.toLocaleString("en-US")} closed deals no persona rule matches, for anti-personas`);
  const position = new Map(Array.from(otherRows, (r, i) => [r, i]));
  const otherRetention = retention ? Array.from(retention.rows).flatMap((r, i) => (position.has(r) ? [[position.get(r)!, retention.y[i]] as const] : [])) : [];
  return dealAntiPersona({
    columns: mixedColumnsFromTable(table, [...attributes], otherRows),
    scope: `closed deals no persona rule matches (persona "${OTHER_PERSONA}")`,
    weights,
    won: gatherFlags(table.won, otherRows),
    ...(retention ? { retention: { rows: Int32Array.from(otherRetention, (x) => x[0]), y: Uint8Array.from(otherRetention, (x) => x[1]) } } : {}),
    naming: [...naming],
    seed: o.seed,
    sample: Math.min(o.sample, DEAL_SAMPLE),
    bootstraps: Math.min(o.bootstraps, DEAL_BOOTSTRAPS),
    kMax: o.kMax ?? 8,
    maxTraits: o.maxTraits,
  });
}

/** The attributes personas are drawn from, their screening weights, and the customers' columns of those kept. */
type WeighedAttributes = ReturnType<typeof weighedAttributes>;

/** The candidate attributes of the customers, their weights (see `screenAttributes`), and those that weigh. */
function weighedAttributes(table: DealTable, customers: PersonaCustomers, o: ResolvedPersonasOptions) {
  const choice = o.attributes ? { names: [...o.attributes], leftOut: [] as LeftOutAttribute[] } : personaAttributes(table, { drivers: o.drivers, exclude: o.exclude });
  if (choice.names.length === 0) throw new PersonasError("no attribute to describe customers by (no firmographic, demographic or behavioural attribute); name some with `attributes`");
  const rawCustomers = mixedColumnsFromTable(table, choice.names, customers.rows);
  const screens = weigh(rawCustomers, o);
  const attributes = choice.names.map((name, i): PersonaAttribute => {
    const meta = table.attribute(name);
    const s = screens[i];
    return {
      name,
      type: meta.type,
      kind: rawCustomers[i].kind,
      role: meta.role,
      ...(meta.feature ? { feature: meta.feature } : {}),
      ...(meta.separator !== undefined ? { separator: meta.separator } : {}),
      weight: s.weight,
      association: s.association,
      partner: s.partner,
      reason: s.reason,
    };
  });
  const warning =
    o.weights === "association" && screens.every((s) => s.weight === 1 && s.association < 0.2)
      ? "no attribute is associated with another (Cramér's V ≥ 0.2): the customers show no structure to group them by, so every attribute weighs the same"
      : null;
  const keptIndex = attributes.map((a, i) => (a.weight > 0 ? i : -1)).filter((i) => i >= 0);
  const kept = keptIndex.map((i) => attributes[i]);
  const weights = Object.fromEntries(kept.map((a) => [a.name, a.weight]));
  const rawKept = keptIndex.map((i) => rawCustomers[i]);
  return { choice, rawCustomers, attributes, kept, weights, rawKept, warning };
}

/** The weight of every candidate attribute, by the chosen weighting. */
function weigh(columns: readonly MixedColumn[], o: ResolvedPersonasOptions): AttributeScreen[] {
  if (o.weights === "association") return screenAttributes(columns, { seed: o.seed });
  const given = o.weights;
  return columns.map((c) => {
    const weight = given === "equal" ? 1 : (given[c.name] ?? 1);
    return { name: c.name, weight, association: NaN, partner: null, redundantWith: null, reason: given === "equal" ? "equal weights" : `weight ${weight} given` };
  });
}

function personaWarnings(stability: number, silhouette: number, size: number): string[] {
  const out: string[] = [];
  if (stability <= 0.5) out.push(`unstable: it dissolves when customers are resampled (bootstrap Jaccard ${stability.toFixed(2)} ≤ 0.5)`);
  if (silhouette < 0.1) out.push(`weak: its customers are barely closer to each other than to other personas (silhouette ${silhouette.toFixed(2)})`);
  if (size < 20) out.push(`only ${size} customers: its rates are uncertain`);
  return out;
}

function verdictOf(personaCount: number, setAside: number, customers: number, set: string, silhouette: number, stability: number): string {
  const measures = `silhouette ${silhouette.toFixed(2)}, stability ${stability.toFixed(2)}`;
  const aside = setAside ? ` (and ${setAside} cluster${setAside > 1 ? "s" : ""} that win${setAside > 1 ? "" : "s"} but churn${setAside > 1 ? "" : "s"}, set aside as anti-persona${setAside > 1 ? "s" : ""})` : "";
  const head = `${personaCount} personas among ${customers.toLocaleString("en-US")} ${set} customers${aside}`;
  if (silhouette < 0.25) return `${head}; weak structure (${measures}): treat them as slices of one population, not distinct types`;
  if (stability < 0.75) return `${head}; some structure but unstable (${measures})`;
  return `${head}; clear structure (${measures})`;
}


function countBy(n: number, include: (r: number) => boolean, event: (r: number) => number): { n: number; events: number } {
  let m = 0;
  let e = 0;
  for (let r = 0; r < n; r++) {
    if (!include(r)) continue;
    m++;
    e += event(r);
  }
  return { n: m, events: e };
}

function medianAmountOf(table: DealTable, include: (r: number) => boolean): number | null {
  if (!table.amount) return null;
  const v: number[] = [];
  for (let r = 0; r < table.n; r++) if (include(r) && !Number.isNaN(table.amount[r])) v.push(table.amount[r]);
  if (v.length === 0) return null;
  v.sort((a, b) => a - b);
  return quantileSorted(v, 0.5);
}

function numericRange(values: ArrayLike<number>): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return min <= max ? { min, max } : undefined;
}

function medoidOf(table: DealTable, columns: readonly MixedColumn[], index: number, row: number): PersonaMedoid {
  const values: PersonaMedoid["values"] = {};
  for (const c of columns) {
    const v = (c.values as ArrayLike<unknown>)[index];
    values[c.name] =
      v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? null : Array.isArray(v) ? [...(v as string[])] : (v as number | string | boolean);
  }
  return { row, deal: table.ids[row], customer: table.retention?.key[row] ?? null, values };
}

