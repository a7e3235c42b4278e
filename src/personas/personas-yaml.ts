import { itemSeparator } from "../formats/vocabulary";
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { DatasetError } from "../formats/dataset-error";
import { assertMatchesSchema, parseYamlMapping } from "../formats/schema-errors";
import type { AntiPersona } from "./anti-personas";
import type { PersonasResult, Rate } from "./personas-result";
import { PersonasSchema, type PersonaCondition, type PersonasDocument } from "../formats/personas-schema";
import { OTHER_PERSONA } from "./persona-rule";
import type { Trait } from "./traits";
import { requireFile } from "../formats/require-file";
import { assertDocumentKind } from "../formats/document-kind";

/**
 * Where the committed JSON Schema of personas.yaml lives, relative to the project.
 *
 * @example
 * import { PERSONAS_SCHEMA_PATH } from "leadlab";
 * PERSONAS_SCHEMA_PATH; // => "rules/schema/personas.schema.json"
 */
export const PERSONAS_SCHEMA_PATH = "rules/schema/personas.schema.json";

/**
 * The JSON Schema of `personas.yaml` (kind Personas) as committed: generated from the same
 * TypeBox definition that {@link parsePersonas} validates with; stable formatting and a trailing
 * newline.
 *
 * @example
 * import { personasSchemaText } from "leadlab";
 * JSON.parse(personasSchemaText()).title; // => "leadlab personas"
 */
export function personasSchemaText(): string {
  const schema = { $schema: "http://json-schema.org/draft-07/schema#", ...JSON.parse(JSON.stringify(PersonasSchema)) };
  return JSON.stringify(schema, null, 2) + "\n";
}

/** Rates, shares and measures: 4 decimals. */
const r4 = (x: number): number => Math.round(x * 1e4) / 1e4 + 0;
/** p- and q-values: 3 significant digits. */
const sig3 = (x: number): number => Number(x.toPrecision(3)) + 0;
/** Amounts and numeric values: 2 decimals. */
const r2 = (x: number): number => Math.round(x * 100) / 100 + 0;

const rate = (r: Rate) => ({ value: Number.isNaN(r.value) ? null : r4(r.value), lo: r4(r.lo), hi: r4(r.hi), n: r.n, events: r.events });

const trait = (t: Trait) => ({
  attribute: t.attribute,
  value: t.value,
  ...(t.band ? { band: { from: t.band.from, to: t.band.to } } : {}),
  share: r4(t.share),
  overallShare: r4(t.overallShare),
  lift: r4(t.lift),
  lo: r4(t.lo),
  hi: r4(t.hi),
  q: sig3(t.q),
});

const condition = (c: PersonaCondition | { attribute: string; kind: "range"; from: number; to: number; orMissing: boolean }): PersonaCondition => {
  if (c.kind !== "range") return c.kind === "in" || c.kind === "not-in" ? { attribute: c.attribute, kind: c.kind, values: [...c.values], orMissing: c.orMissing } : { ...c };
  return {
    attribute: c.attribute,
    kind: "range",
    ...(c.from !== undefined && Number.isFinite(c.from) ? { from: c.from } : {}),
    ...(c.to !== undefined && Number.isFinite(c.to) ? { to: c.to } : {}),
    orMissing: c.orMissing,
  };
};

const anti = (a: AntiPersona) => ({
  kind: a.kind,
  source: a.source,
  id: a.id,
  name: a.name,
  deals: a.deals,
  share: r4(a.share),
  winRate: rate(a.winRate),
  retention: a.retention ? rate(a.retention) : null,
  traits: a.traits.map(trait),
  samePersona: a.samePersona,
  why: a.why,
});

/**
 * The `personas.yaml` document of a result (kind Personas, `apiVersion: leadlab/v1`): provenance,
 * the clustering and every k measured, the attributes (with how a consumer computes each one and
 * its weight), the base rates, the personas (id, name, size, share, win rate and retention with
 * intervals, median amount, medoid, traits, warnings), the assignment rules as conditions on
 * attributes plus a readable text, the anti-personas and the warnings. Rates and measures are
 * rounded to 4 decimals, q-values to 3 significant digits; no wall-clock time goes in.
 *
 * @example
 * import { loadDataset, personas, personasDocument } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * personasDocument(personas(table)).kind; // => "Personas"
 */
export function personasDocument(result: PersonasResult): PersonasDocument {
  const byName = new Map(result.attributes.map((a) => [a.name, a]));
  return {
    apiVersion: "leadlab/v1",
    kind: "Personas",
    metadata: {
      dataset: result.dataset,
      toolVersion: result.toolVersion,
      dataFingerprint: result.fingerprint,
      ...(result.dateRange ? { dateRange: { ...result.dateRange } } : {}),
      counts: {
        deals: result.counts.deals,
        won: result.counts.won,
        lost: result.counts.lost,
        customers: result.counts.customers,
        clustered: result.counts.clustered,
      },
      customers: result.customers,
      customerDefinition: result.customerDefinition,
      seed: result.settings.seed,
      sample: result.settings.sample,
      bootstraps: result.settings.bootstraps,
      horizonDays: result.settings.horizonDays,
      verdict: result.verdict,
    },
    clustering: {
      k: result.k,
      reason: result.reason,
      silhouette: r4(result.silhouette),
      stability: r4(result.stability),
      distance: result.settings.distance,
      weights: result.settings.weights,
      candidates: result.candidates.map((c) => ({ k: c.k, silhouette: r4(c.silhouette), stability: r4(c.stability), sizes: [...c.sizes] })),
    },
    attributes: result.attributes.map((a) => ({
      name: a.name,
      type: a.type,
      role: a.role,
      source: a.feature ? { event: { type: a.feature.eventType, windowDays: a.feature.windowDays, aggregate: a.feature.aggregate } } : { column: a.name },
      ...(a.kind === "multi" ? { separator: itemSeparator(a) } : {}),
      weight: r4(a.weight),
      association: Number.isNaN(a.association) ? null : r4(a.association),
      reason: a.reason,
    })),
    base: {
      winRate: rate(result.base.winRate),
      retention: result.base.retention ? rate(result.base.retention) : null,
      medianAmount: result.base.medianAmount === null ? null : r2(result.base.medianAmount),
    },
    personas: result.personas.map((p) => ({
      id: p.id,
      name: p.name,
      defaultName: p.defaultName,
      size: p.size,
      share: r4(p.share),
      silhouette: r4(p.silhouette),
      stability: r4(p.stability),
      winRate: rate(p.winRate),
      retention: p.retention ? rate(p.retention) : null,
      medianAmount: p.medianAmount === null ? null : r2(p.medianAmount),
      retainedRevenue: r2(p.retainedRevenue),
      retainedRevenueShare: r4(p.retainedRevenueShare),
      medoid: Object.fromEntries(
        Object.entries(p.medoid.values).map(([k, v]) => [k, typeof v === "number" && byName.get(k)?.type !== "date" ? r2(v) : Array.isArray(v) ? [...v] : v]),
      ),
      traits: p.traits.map(trait),
      warnings: [...p.warnings],
    })),
    assignment: {
      fidelity: r4(result.assignment.fidelity),
      heldOutFidelity: Number.isNaN(result.assignment.heldOutFidelity) ? null : r4(result.assignment.heldOutFidelity),
      bySegment: result.assignment.bySegment.map((x) => ({ id: x.id, customers: x.customers, fidelity: Number.isNaN(x.fidelity) ? null : r4(x.fidelity) })),
      coverage: r4(result.assignment.coverage),
      precision: r4(result.assignment.precision),
      otherShare: r4(result.assignment.otherShare),
      rules: result.assignment.rules.map((r) => ({ persona: r.persona, ...(r.antiPersona ? { antiPersona: r.antiPersona } : {}), when: r.conditions.map(condition), support: r.support, purity: r4(r.purity), text: r.text })),
      otherwise: OTHER_PERSONA,
    },
    antiPersonas: result.antiPersonas.map(anti),
    warnings: [...result.warnings],
  };
}

/**
 * `personas.yaml` as text: a comment saying what the file is, then the document of
 * {@link personasDocument}. Deterministic: the same result gives the same bytes (keys in a fixed
 * order, no line folding, no anchors). Lists of plain values and records of at most five plain
 * values are written on one line.
 *
 * @example
 * import { loadDataset, personas, personasYaml } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * personasYaml(personas(table)).startsWith("# Buyer personas"); // => true
 */
export function personasYaml(result: PersonasResult): string {
  const header = [
    `# Buyer personas of ${result.dataset}, derived by leadlab ${result.toolVersion} (kind Personas, apiVersion leadlab/v1).`,
    "# Generated: derive it again rather than editing it; rename personas in personas.names.yaml.",
    "# Schema: rules/schema/personas.schema.json. A lead gets the persona of the first rule under",
    '# assignment.rules whose conditions all hold, else "other".',
  ].join("\n");
  const doc = new YAML.Document(personasDocument(result), { aliasDuplicateObjects: false });
  // short lists and small records of plain values on one line: `sizes: [454, 247]`, `winRate: { value: …, lo: … }`
  YAML.visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => YAML.isScalar(item))) node.flow = true;
    },
    Map(_, node) {
      if (node.items.length <= 5 && node.items.every((pair) => YAML.isScalar(pair.value) || (YAML.isSeq(pair.value) && pair.value.flow))) node.flow = true;
    },
  });
  return `${header}\n${doc.toString({ lineWidth: 0 })}`;
}

/**
 * Parses and validates the text of a `personas.yaml` (or the same document as JSON). Throws a
 * {@link DatasetError} naming the file and the line of a YAML syntax error, or the field, value
 * and fix: an unknown field (with the nearest allowed one), a wrong `apiVersion` or `kind`, a
 * missing field, a wrong value, or rules that cannot be applied (a persona id used twice, a rule
 * for an unknown persona, a condition on an attribute the file does not define, or of the wrong
 * kind for it, a range that holds no number).
 *
 * @example
 * import { parsePersonas } from "leadlab";
 * import { readFileSync } from "node:fs";
 * parsePersonas(readFileSync("rules/sample/personas.yaml", "utf8"), "personas.yaml").kind; // => "Personas"
 */
export function parsePersonas(text: string, file = "personas.yaml"): PersonasDocument {
  const data = parseYamlMapping(text, file, "derive personas with leadlab (leadlab personas <dataset.yaml>), or start from rules/schema/personas.schema.json");
  if (data.apiVersion !== undefined && data.apiVersion !== "leadlab/v1")
    throw new DatasetError("unsupported apiVersion", { file, field: "apiVersion", value: data.apiVersion }, 'this leadlab reads "leadlab/v1"; derive the personas again with this version of leadlab');
  assertDocumentKind(data, "Personas", file);
  assertMatchesSchema(PersonasSchema, data, file, PERSONAS_SCHEMA_PATH);
  const doc = data as unknown as PersonasDocument;
  checkDocument(doc, file);
  return doc;
}

/**
 * Reads and validates a `personas.yaml` (or `.json`) from disk.
 *
 * @example
 * import { readPersonas } from "leadlab";
 * readPersonas("rules/sample/personas.yaml").metadata.dataset; // => "leadlab-sample"
 */
export function readPersonas(path: string): PersonasDocument {
  requireFile(path, { what: "the personas file", name: "personas.yaml", fix: "pass the path of a personas.yaml derived by leadlab" });
  return parsePersonas(readFileSync(path, "utf8"), path);
}

const KINDS_OF: Record<PersonaCondition["kind"], readonly string[]> = {
  range: ["numeric", "date"],
  in: ["categorical", "boolean"],
  "not-in": ["categorical", "boolean"],
  contains: ["multi"],
  lacks: ["multi"],
};

/** What the schema cannot say: ids unique, rules that refer to what the file defines. */
function checkDocument(doc: PersonasDocument, file: string): void {
  const fail = (field: string, problem: string, fix: string, value?: unknown): never => {
    throw new DatasetError(problem, { file, field, ...(value !== undefined ? { value } : {}) }, fix);
  };
  const attributes = new Map<string, string>();
  doc.attributes.forEach((a, i) => {
    if (attributes.has(a.name)) fail(`attributes.${i}.name`, `attribute "${a.name}" appears twice`, "give every attribute a unique name", a.name);
    attributes.set(a.name, a.type);
  });
  const ids = new Set<string>();
  doc.personas.forEach((p, i) => {
    if (p.id === OTHER_PERSONA) fail(`personas.${i}.id`, `"${OTHER_PERSONA}" is what a lead no rule matches is called, not a persona id`, "give the persona another id", p.id);
    if (ids.has(p.id)) fail(`personas.${i}.id`, `persona id "${p.id}" appears twice`, "give every persona a unique id", p.id);
    ids.add(p.id);
  });
  const antiIds = new Set(doc.antiPersonas.map((a) => a.id));
  doc.assignment.rules.forEach((r, i) => {
    if (r.antiPersona !== undefined) {
      if (!antiIds.has(r.antiPersona)) fail(`assignment.rules.${i}.antiPersona`, `the rule names anti-persona "${r.antiPersona}", which the file does not define`, `use one of: ${[...antiIds].join(", ") || "(none)"}`, r.antiPersona);
      if (r.persona !== OTHER_PERSONA) fail(`assignment.rules.${i}.persona`, `a rule that tags an anti-persona gives persona "${OTHER_PERSONA}"`, `write persona: ${OTHER_PERSONA}`, r.persona);
    } else if (!ids.has(r.persona)) fail(`assignment.rules.${i}.persona`, `the rule names persona "${r.persona}", which the file does not define`, `use one of: ${[...ids].join(", ")}`, r.persona);
    r.when.forEach((c, j) => {
      const field = `assignment.rules.${i}.when.${j}`;
      const type = attributes.get(c.attribute);
      if (type === undefined) fail(`${field}.attribute`, `the condition tests "${c.attribute}", which is not under attributes`, "add the attribute under attributes, or remove the condition", c.attribute);
      if (!KINDS_OF[c.kind].includes(type!)) fail(`${field}.kind`, `a ${c.kind} condition on ${type} attribute "${c.attribute}"`, `${type} attributes take conditions of kind ${Object.keys(KINDS_OF).filter((k) => KINDS_OF[k as PersonaCondition["kind"]].includes(type!)).join(", ")}`, c.kind);
      if (c.kind === "range" && c.from !== undefined && c.to !== undefined && !(c.from < c.to))
        fail(field, "the range holds no number", "make `from` smaller than `to`", { from: c.from, to: c.to });
    });
  });
}
