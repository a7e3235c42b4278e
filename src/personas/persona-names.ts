import type { EventFeature } from "../data/deal-table";
import type { Role } from "../formats/vocabulary";
import type { MixedKind } from "../cluster/mixed-column";
import type { MedoidMatch, PersonaNameEntry, PersonaNames } from "./persona-names-file";
import type { Condition } from "./persona-rule";
import type { Trait } from "./traits";

/** What naming needs to know about an attribute. */
export interface NamingAttribute {
  name: string;
  kind: MixedKind;
  role: Role;
  feature?: EventFeature;
  /** Numeric attributes: the smallest and largest value among the customers. */
  min?: number;
  max?: number;
  /** Categorical attributes: every category among the customers (so a rule's long list of them can be named by the few it leaves out). */
  levels?: readonly string[];
}

/** One part of a persona's name, from one trait. */
export interface NamePart {
  attribute: string;
  text: string;
  /** share × ln(lift): how strongly the trait marks the persona. */
  strength: number;
}

/** Options of {@link personaNameParts}. */
export interface NamePartOptions {
  /** A trait must be held by at least this share of the persona (default 0.4). */
  minShare?: number;
  /** … with at least this lift (default 1.2) … */
  minLift?: number;
  /** … and this q-value (default 0.05). */
  maxQ?: number;
}

const ROLE_ORDER: readonly Role[] = ["firmographic", "demographic", "behavioral", "qualification", "product", "exclude"];

/**
 * The candidate parts of a persona's name, strongest first: one per attribute, from the traits
 * that are held by most of the persona and clearly over-represented in it (share ≥ 0.4, lift ≥
 * 1.2, q < 0.05), ranked by share × ln(lift). See {@link traitText} for how a trait reads.
 *
 * @example
 * import { personaNameParts } from "leadlab";
 * const trait = { attribute: "industry", kind: "categorical", value: "Software", count: 80, n: 100, share: 0.8, overallShare: 0.3, lift: 2.67, lo: 0.71, hi: 0.87, p: 1e-9, q: 1e-8 } as const;
 * personaNameParts([trait], [{ name: "industry", kind: "categorical", role: "firmographic" }]).map((p) => p.text); // => ["Software"]
 */
export function personaNameParts(traits: readonly Trait[], attributes: readonly NamingAttribute[], options: NamePartOptions = {}): NamePart[] {
  const minShare = options.minShare ?? 0.4;
  const minLift = options.minLift ?? 1.2;
  const maxQ = options.maxQ ?? 0.05;
  const byName = new Map(attributes.map((a) => [a.name, a]));
  const parts = new Map<string, NamePart>();
  for (const t of traits) {
    const a = byName.get(t.attribute);
    if (!a || !(t.share >= minShare && t.lift >= minLift && t.q < maxQ)) continue;
    const text = traitText(t, a);
    if (text === null) continue;
    const strength = t.share * Math.log(t.lift);
    const prev = parts.get(t.attribute);
    if (!prev || strength > prev.strength) parts.set(t.attribute, { attribute: t.attribute, text, strength });
  }
  return [...parts.values()].sort((x, y) => y.strength - x.strength || (x.attribute < y.attribute ? -1 : 1));
}

/**
 * A trait as a short phrase for a name: a category as itself (`Software`), an item of a
 * multi-valued attribute as itself (`Salesforce`), either after its attribute when it says
 * nothing alone (`internet service: No`, `plan: 2`), a boolean as the attribute (`champion
 * identified` / `no champion identified`), a numeric band with the attribute, its ends rounded
 * to two significant digits (`290–1,800 employees`, `under 60 employees`, `5,200+ employees`;
 * event counts read `2+ pricing page views (90d)`). Null for a band that spans every value.
 *
 * @example
 * import { traitText } from "leadlab";
 * const t = { attribute: "employees", kind: "numeric", value: "287–1,843", band: { from: 287, to: 1843 }, count: 70, n: 100, share: 0.7, overallShare: 0.5, lift: 1.4, lo: 0.6, hi: 0.78, p: 0.001, q: 0.002 } as const;
 * traitText(t, { name: "employees", kind: "numeric", role: "firmographic", min: 3, max: 90000 }); // => "290–1,800 employees"
 */
export function traitText(t: Trait, a: NamingAttribute): string | null {
  const label = humanise(a);
  switch (t.kind) {
    case "categorical":
    case "multi":
      return categoryText(t.value, a);
    case "boolean":
      return t.value === "true" ? label : `no ${label}`;
    case "numeric": {
      if (!t.band) return null;
      const atMin = a.min === undefined || t.band.from <= a.min;
      const atMax = a.max === undefined || t.band.to >= a.max;
      return bandText(atMin ? null : t.band.from, atMax ? null : t.band.to, a, roundNumber);
    }
  }
}

/**
 * A numeric band as a phrase: `under 160 employees`, `2,000+ employees`, `160–2,000 employees`;
 * a count under 1 reads `no …`. Null for a band with no end.
 */
function bandText(from: number | null, to: number | null, a: NamingAttribute, show: (x: number) => string): string | null {
  const label = humanise(a);
  if (from === null && to === null) return null;
  if (from === null) return to! <= 1 && (a.min ?? 0) >= 0 ? `no ${label}` : `under ${show(to!)} ${label}`;
  if (to === null) return `${show(from)}+ ${label}`;
  return show(from) === show(to) ? `${show(from)} ${label}` : `${show(from)}–${show(to)} ${label}`;
}

/**
 * The parts of a persona's name drawn from the conditions of the rule that assigns it, one per
 * condition and in the rule's order (see {@link defaultPersonaNames} for how they are shown):
 * a set of categories as its values joined by " or " (`Software`, `Retail or Education`), a
 * boolean as the attribute (`champion identified` / `no champion identified`), a range with its
 * exact ends (`160–2,000 employees`, `under 160 employees`, `2,000+ employees`), a multi-valued
 * item as itself or `no …`. A condition that also accepts a missing value reads the same.
 *
 * @example
 * import { ruleNameParts } from "leadlab";
 * ruleNameParts(
 *   [{ attribute: "industry", kind: "in", values: ["Marketing & Advertising"], orMissing: false }, { attribute: "employees", kind: "range", from: -Infinity, to: 160, orMissing: true }],
 *   [{ name: "industry", kind: "categorical", role: "firmographic" }, { name: "employees", kind: "numeric", role: "firmographic" }],
 * ).map((p) => p.text); // => ["Marketing & Advertising", "under 160 employees"]
 */
export function ruleNameParts(conditions: readonly Condition[], attributes: readonly NamingAttribute[]): NamePart[] {
  const byName = new Map(attributes.map((a) => [a.name, a]));
  return conditions.flatMap((c, i): NamePart[] => {
    const a = byName.get(c.attribute) ?? { name: c.attribute, kind: "categorical", role: "firmographic" };
    const strength = conditions.length - i;
    const part = (text: string | null): NamePart[] => (text === null ? [] : [{ attribute: c.attribute, text, strength }]);
    switch (c.kind) {
      case "range":
        return part(bandText(Number.isFinite(c.from) ? c.from : null, Number.isFinite(c.to) ? c.to : null, a, exactNumber));
      case "in":
      case "not-in": {
        if (a.kind === "boolean") {
          const text = c.values.map((v) => (v === "true" ? humanise(a) : `no ${humanise(a)}`)).join(" or ");
          return part(c.kind === "in" ? text : `not ${text}`);
        }
        return part(categoriesText(c.kind === "in" ? c.values : null, c.kind === "in" ? null : c.values, a));
      }
      case "contains":
        return part(categoryText(c.value, a));
      case "lacks":
        return part(`no ${categoryText(c.value, a)}`);
    }
  });
}

/** A name lists at most this many categories of one attribute. */
const NAMED_CATEGORIES = 3;

/**
 * Categories as a name part: the ones taken (`Retail or Education`), else, when more than
 * {@link NAMED_CATEGORIES} are taken, the attribute's categories are known and the ones left out
 * are fewer, those (`industry other than Retail`);
 * a list longer than {@link NAMED_CATEGORIES} is cut (`lead source: Google, Organic Search, bing
 * or 9 more`), the count saying what the name leaves out. `taken` or `left` is null when the
 * condition gives the other.
 */
function categoriesText(taken: readonly string[] | null, left: readonly string[] | null, a: NamingAttribute): string {
  const levels = a.levels;
  const inverse = (xs: readonly string[]) => levels!.filter((l) => !xs.includes(l));
  const inList = taken ?? (levels ? inverse(left!) : null);
  const outList = left ?? (levels ? inverse(taken!) : null);
  const list = (xs: readonly string[]) =>
    xs.length <= NAMED_CATEGORIES ? xs.map((v) => categoryText(v, a)).join(" or ") : `${xs.slice(0, NAMED_CATEGORIES).join(", ")} or ${xs.length - NAMED_CATEGORIES} more`;
  const label = humanise(a);
  if (inList && (inList.length <= NAMED_CATEGORIES || !outList || inList.length <= outList.length)) return inList.length <= NAMED_CATEGORIES ? list(inList) : `${label}: ${list(inList)}`;
  return `${label} other than ${outList!.length <= NAMED_CATEGORIES ? outList!.join(" or ") : list(outList!)}`;
}

/** Values that say nothing without their attribute: yes/no tokens, none, other, unknown, n/a, a bare number. */
const BARE_VALUE = /^(yes|no|y|n|true|false|none|other|unknown|n\/a|na|[-+]?\d+([.,]\d+)?)$/i;

/** A category or item as a name part: itself (`Software`), or after its attribute when it says nothing alone (`internet service: No`). */
function categoryText(value: string, a: NamingAttribute): string {
  return BARE_VALUE.test(value.trim()) ? `${humanise(a)}: ${value}` : value;
}

/** A rule threshold as written: thousands separators, no rounding. */
function exactNumber(x: number): string {
  return x.toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/** The attribute's name as words; an event count reads "pricing page views (90d)". */
function humanise(a: NamingAttribute): string {
  if (a.feature?.aggregate === "count") return `${a.feature.eventType.replace(/_/g, " ")}s (${a.feature.windowDays}d)`;
  return a.name.replace(/_/g, " ");
}

/** A number rounded to two significant digits, with thousands separators. */
function roundNumber(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const e = Math.floor(Math.log10(Math.abs(x))) - 1;
  const r = e >= 0 ? Math.round(x / 10 ** e) * 10 ** e : Number((Math.round(x * 10 ** -e) / 10 ** -e).toFixed(-e));
  return r.toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/**
 * Readable, unique default names for a set of personas from their name parts (see
 * {@link personaNameParts}): the three strongest parts, shown firmographic first, then
 * demographic, then behavioural, joined by " · " (`Software · 290–1,800 employees · VP`). Two
 * personas with the same name get their next part added, then a number. A persona without a
 * distinctive trait is called "Mixed profile". Also returns an id per persona: its name in
 * lower case with dashes (`software-290-1800-employees-vp`), unique.
 *
 * @example
 * import { defaultPersonaNames } from "leadlab";
 * const p = (attribute: string, text: string, strength: number) => ({ attribute, text, strength });
 * defaultPersonaNames(
 *   [[p("industry", "Software", 0.9), p("seniority", "VP", 0.3)], [p("industry", "Retail", 0.8)]],
 *   [{ name: "industry", kind: "categorical", role: "firmographic" }, { name: "seniority", kind: "categorical", role: "demographic" }],
 * ); // => { names: ["Software · VP", "Retail"], ids: ["software-vp", "retail"] }
 */
export function defaultPersonaNames(parts: readonly (readonly NamePart[])[], attributes: readonly NamingAttribute[], maxParts = 3): { names: string[]; ids: string[] } {
  const role = new Map(attributes.map((a) => [a.name, ROLE_ORDER.indexOf(a.role)]));
  const nameOf = (ps: readonly NamePart[], count: number) => {
    const chosen = ps.slice(0, count);
    if (chosen.length === 0) return "Mixed profile";
    const order = chosen.map((p, i) => ({ p, i })).sort((x, y) => (role.get(x.p.attribute) ?? 9) - (role.get(y.p.attribute) ?? 9) || x.i - y.i);
    return order.map((x) => x.p.text).join(" · ");
  };
  const counts = parts.map((ps) => Math.min(maxParts, ps.length));
  let names = parts.map((ps, i) => nameOf(ps, counts[i]));
  // lengthen clashing names while a part is left
  for (let round = 0; round < 4; round++) {
    const clash = duplicates(names);
    if (clash.size === 0) break;
    let grew = false;
    names.forEach((n, i) => {
      if (clash.has(n) && counts[i] < parts[i].length) {
        counts[i]++;
        grew = true;
      }
    });
    if (!grew) break;
    names = parts.map((ps, i) => nameOf(ps, counts[i]));
  }
  names = numberDuplicates(names);
  const ids = numberDuplicates(names.map(slug), "-");
  return { names, ids };
}

function duplicates(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const n of names) (seen.has(n) ? twice : seen).add(n);
  return twice;
}

function numberDuplicates(names: readonly string[], sep = " "): string[] {
  const twice = duplicates(names);
  const count = new Map<string, number>();
  return names.map((n) => {
    if (!twice.has(n)) return n;
    const c = (count.get(n) ?? 0) + 1;
    count.set(n, c);
    return c === 1 ? n : sep === " " ? `${n} (${c})` : `${n}${sep}${c}`;
  });
}

/**
 * A persona id from its name: lower case ASCII letters and digits with single dashes, thousands
 * separators dropped and `+` read as "plus"; at most 60 characters, cut between words (CRMs
 * keep ids as picklist values and field names).
 *
 * @example
 * import { personaId } from "leadlab";
 * personaId("Software · 290–1,800 employees · VP"); // => "software-290-1800-employees-vp"
 * personaId("5,200+ employees"); // => "5200-plus-employees"
 * personaId("Google or Organic Search or bing · Landing Page Submission · 18+ Asymmetrique Profile Score"); // => "google-or-organic-search-or-bing-landing-page-submission-18"
 */
export function personaId(name: string): string {
  return slug(name);
}

/** The longest persona id. */
const ID_LENGTH = 60;

function slug(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/(\d),(\d)/g, "$1$2")
    .replace(/\+/g, " plus ")
    .replace(/&/g, " and ")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  // an id is a key CRMs store (picklist values, field names): at most ID_LENGTH characters, cut between words
  const cut = s.length <= ID_LENGTH ? s : s.slice(0, ID_LENGTH + 1).replace(/-[^-]*$/, "") || s.slice(0, ID_LENGTH);
  return cut || "persona";
}

/** A persona as renaming sees it: its id and its medoid's values by attribute. */
export interface NamedPersona {
  id: string;
  medoid: Readonly<Record<string, unknown>>;
}

/** The result of {@link applyPersonaNames}. */
export interface AppliedNames {
  /** The name given to each persona, or null when no entry matched it. */
  names: (string | null)[];
  /** How each persona was matched: by `id`, by `medoid` values, or not (null). */
  matchedBy: ("id" | "medoid" | null)[];
  /** Entries that matched nothing or more than one persona, said plainly. */
  warnings: string[];
}

/**
 * Applies a rename file to personas. Entries are taken in order; each names at most one
 * persona, and each persona takes at most one name:
 * 1. an entry with an `id` names the persona with that id;
 * 2. otherwise (no `id`, or no persona has it any more) an entry with `medoid` names the one
 *    persona, among those not named yet, whose medoid has every listed value (see
 *    {@link medoidMatches}); when several match, none is named and a warning says so.
 * An entry that names nothing is reported in `warnings` (its persona may have merged or split).
 *
 * @example
 * import { applyPersonaNames } from "leadlab";
 * applyPersonaNames(
 *   [{ id: "software-vp", medoid: { industry: "Software" } }, { id: "retail", medoid: { industry: "Retail" } }],
 *   { apiVersion: "leadlab/v1", kind: "PersonaNames", names: [{ name: "SaaS leaders", id: "old-id", medoid: { industry: "Software" } }] },
 * ).names; // => ["SaaS leaders", null]
 */
export function applyPersonaNames(personas: readonly NamedPersona[], file: PersonaNames): AppliedNames {
  const names: (string | null)[] = personas.map(() => null);
  const matchedBy: AppliedNames["matchedBy"] = personas.map(() => null);
  const warnings: string[] = [];
  const describe = (e: PersonaNameEntry) => `the name "${e.name}"${e.id !== undefined ? ` (id ${e.id})` : ""}`;
  for (const e of file.names) {
    const byId = e.id === undefined ? -1 : personas.findIndex((p) => p.id === e.id);
    if (byId >= 0 && names[byId] === null) {
      names[byId] = e.name;
      matchedBy[byId] = "id";
      continue;
    }
    if (byId >= 0) {
      warnings.push(`${describe(e)} was not applied: persona ${e.id} already has the name "${names[byId]}"`);
      continue;
    }
    if (e.medoid === undefined) {
      warnings.push(`${describe(e)} matches no persona: no persona has that id any more (give a \`medoid:\` to match by values)`);
      continue;
    }
    const candidates = personas.map((_, i) => i).filter((i) => names[i] === null && medoidMatches(personas[i].medoid, e.medoid!));
    if (candidates.length === 1) {
      names[candidates[0]] = e.name;
      matchedBy[candidates[0]] = "medoid";
    } else if (candidates.length === 0) warnings.push(`${describe(e)} matches no persona: no unnamed persona's medoid has ${JSON.stringify(e.medoid)}`);
    else warnings.push(`${describe(e)} was not applied: the medoids of ${candidates.map((i) => personas[i].id).join(", ")} all have ${JSON.stringify(e.medoid)}; add values to tell them apart`);
  }
  return { names, matchedBy, warnings };
}

/**
 * Whether a medoid has every value an entry of the rename file lists. A missing medoid value
 * matches nothing. A text matches a category (booleans compare as "true"/"false") or an item
 * of a multi-valued attribute; a list matches one of its values, or, for a multi-valued
 * attribute, a medoid that holds every item; a number matches exactly; `{ from, to }` matches
 * from ≤ x < to.
 *
 * @example
 * import { medoidMatches } from "leadlab";
 * medoidMatches({ industry: "Software", employees: 640, stack: ["HubSpot", "Salesforce"] }, { industry: ["Software", "IT"], employees: { from: 200, to: 2000 }, stack: "Salesforce" }); // => true
 * medoidMatches({ industry: null }, { industry: "Software" }); // => false
 */
export function medoidMatches(medoid: Readonly<Record<string, unknown>>, match: Readonly<Record<string, MedoidMatch>>): boolean {
  return Object.entries(match).every(([attribute, m]) => {
    const v = medoid[attribute];
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return false;
    if (Array.isArray(v)) {
      const items = v as unknown[];
      if (typeof m === "string") return items.includes(m);
      if (Array.isArray(m)) return m.every((x) => items.includes(x));
      return false;
    }
    if (typeof m === "number") return v === m;
    if (typeof m === "boolean") return v === m;
    if (typeof m === "string") return String(v) === m;
    if (Array.isArray(m)) return m.includes(String(v));
    return typeof v === "number" && (m.from === undefined || v >= m.from) && (m.to === undefined || v < m.to);
  });
}
