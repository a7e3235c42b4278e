import { readFileSync } from "node:fs";
import { DatasetError } from "../formats/dataset-error";
import { assertMatchesSchema, parseYamlMapping } from "../formats/schema-errors";
import { categoryKey } from "./category-key";
import { binSetText } from "./score";
import { rulesMissing, ScoringRulesSchema, type BinMatch, type BinnedInput, type ScorecardAttribute, type ScoringRules, type ValueBlock } from "../formats/scoring-rules-schema";
import { requireFile } from "../formats/require-file";
import { assertDocumentKind } from "../formats/document-kind";

/**
 * Where the committed JSON Schema of scoring.yaml lives (relative to the package root).
 *
 * @example
 * import { SCORING_RULES_SCHEMA_PATH } from "leadlab";
 * SCORING_RULES_SCHEMA_PATH; // => "rules/schema/scoring-rules.schema.json"
 */
export const SCORING_RULES_SCHEMA_PATH = "rules/schema/scoring-rules.schema.json";

const REFERENCE = "rules/schema/scoring-rules.schema.json";

/**
 * The JSON Schema of `scoring.yaml` (kind ScoringRules) as committed: generated from the same
 * TypeBox definition that {@link parseScoringRules} validates with; stable formatting and a
 * trailing newline.
 *
 * @example
 * import { scoringRulesSchemaText } from "leadlab";
 * JSON.parse(scoringRulesSchemaText()).title; // => "leadlab scoring rules"
 */
export function scoringRulesSchemaText(): string {
  const schema = { $schema: "http://json-schema.org/draft-07/schema#", ...JSON.parse(JSON.stringify(ScoringRulesSchema)) };
  return JSON.stringify(schema, null, 2) + "\n";
}

/**
 * Parses and validates the text of a `scoring.yaml` (or the same document as JSON). Throws a
 * {@link DatasetError} naming the file and the line and column of a YAML syntax error, or the
 * field, value and fix of a rules error: an unknown field (with the nearest allowed name), a
 * wrong `apiVersion` or `kind`, a missing field, or rules that cannot be applied (a bin of the
 * wrong kind for its match, two `missing` bins, numeric ranges that overlap, a category in two
 * bins (compared as the scorer compares them: NFC, trimmed, lower-cased) or equal to a
 * missing token, tiers out of order, grade cuts that are not three ascending numbers, an
 * event feature without `inputs.events`).
 *
 * @example
 * import { parseScoringRules } from "leadlab";
 * import { readFileSync } from "node:fs";
 * const rules = parseScoringRules(readFileSync("tests/scoring/fixtures/scoring.yaml", "utf8"), "scoring.yaml");
 * rules.tiers.map((t) => t.name); // => ["A", "B", "C"]
 */
export function parseScoringRules(text: string, file = "scoring.yaml"): ScoringRules {
  const data = parseYamlMapping(text, file, "export the rules with leadlab, or start from rules/schema/scoring-rules.schema.json");
  if (data.apiVersion !== undefined && data.apiVersion !== "leadlab/v1")
    throw new DatasetError(
      "unsupported apiVersion",
      { file, field: "apiVersion", value: data.apiVersion },
      'this leadlab reads "leadlab/v1"; export the rules again with this version of leadlab',
    );
  assertDocumentKind(data, "ScoringRules", file);
  assertMatchesSchema(ScoringRulesSchema, data, file, REFERENCE);
  const rules = data as unknown as ScoringRules;
  checkRules(rules, file);
  return rules;
}

/**
 * Reads and validates a `scoring.yaml` (or `.json`) from disk.
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * readScoringRules("tests/scoring/fixtures/scoring.yaml").inputs.id; // => "lead_id"
 */
export function readScoringRules(path: string): ScoringRules {
  requireFile(path, { what: "the scoring rules file", name: "scoring.yaml", fix: "pass the path of a scoring.yaml exported by leadlab" });
  return parseScoringRules(readFileSync(path, "utf8"), path);
}

const BIN_KINDS: Record<string, readonly string[]> = {
  numeric: ["range", "other", "missing"],
  categorical: ["set", "other", "missing"],
  boolean: ["set", "other", "missing"],
  contains: ["set", "other", "missing"],
};

/** What the schema cannot say: the parts of the rules must fit together for a scorer to apply them. */
function checkRules(rules: ScoringRules, file: string): void {
  const fail = (field: string, problem: string, fix: string, value?: unknown): never => {
    throw new DatasetError(problem, { file, field, ...(value !== undefined ? { value } : {}) }, fix);
  };
  const missingKeys = new Set(rulesMissing(rules).map(categoryKey));
  /** The checks of one binned attribute (of the scorecard or of a value card); `names` holds its card's names so far. */
  const checkAttribute = (a: BinnedInput, at: string, names: Set<string>) => {
    if (names.has(a.name)) fail(`${at}.name`, `attribute "${a.name}" appears twice`, "give every attribute a unique name", a.name);
    names.add(a.name);
    if ("event" in a.source) {
      if (!rules.inputs.events)
        fail(`${at}.source`, `attribute "${a.name}" is an event feature but the rules have no inputs.events`, "add inputs.events (key, leadKey, time, type) naming the raw events table's columns");
      if (a.match !== "numeric") fail(`${at}.match`, `event feature "${a.name}" must match numeric values`, "use `match: numeric` with range bins", a.match);
      if (a.source.event.decay && a.source.event.aggregate !== "count")
        fail(`${at}.source.event.decay`, `event feature "${a.name}" decays a ${a.source.event.aggregate}; only a count can decay`, "use `aggregate: count` with the decay, or remove the decay", a.source.event.aggregate);
      if (a.source.event.aggregate === "sum" && !rules.inputs.events?.value)
        fail(`${at}.source.event.aggregate`, `event feature "${a.name}" sums values but inputs.events has no value column`, "add inputs.events.value, or use another aggregate");
    }
    if (a.match === "contains" && a.containsValue === undefined)
      fail(`${at}.containsValue`, `attribute "${a.name}" matches "contains" but says not which item`, "add `containsValue:` (the item of the multi-valued column)");
    if (a.match !== "contains" && (a.containsValue !== undefined || a.separator !== undefined))
      fail(`${at}.match`, `containsValue and separator only apply to match "contains"`, "set `match: contains`, or remove containsValue and separator", a.match);
    if (a.numberFormat !== undefined && a.match !== "numeric")
      fail(`${at}.numberFormat`, `numberFormat only applies to match "numeric"; attribute "${a.name}" matches ${a.match}`, "remove numberFormat, or set `match: numeric`", a.match);
    if (a.separator === "") fail(`${at}.separator`, "the separator is empty", 'use the multi-valued column\'s separator, e.g. ";"', a.separator);
    const seen = new Set<string>();
    const setBin = new Map<string, number>();
    a.bins.forEach((b, j) => {
      const field = `${at}.bins.${j}.when`;
      const allowed = BIN_KINDS[a.match];
      if (!allowed.includes(b.when.kind))
        fail(field, `a ${b.when.kind} bin in ${a.match} attribute "${a.name}"`, `${a.match} attributes have bins of kind ${allowed.join(", ")}`, b.when.kind);
      if ((b.when.kind === "missing" || b.when.kind === "other") && seen.has(b.when.kind))
        fail(field, `attribute "${a.name}" has two ${b.when.kind} bins`, `keep one ${b.when.kind} bin`);
      seen.add(b.when.kind);
      if (b.when.kind === "range") {
        const range = b.when;
        const { lo, hi, loInclusive, hiInclusive } = range;
        if (lo !== undefined && hi !== undefined && (lo > hi || (lo === hi && !(loInclusive && hiInclusive))))
          fail(field, `the range of bin "${b.label}" of "${a.name}" holds no number`, "make lo below hi (or equal, with both ends inclusive)", { lo, hi });
        a.bins.slice(0, j).forEach((other, h) => {
          if (other.when.kind === "range" && rangesOverlap(other.when, range))
            fail(
              field,
              `the ranges of bins "${other.label}" (bins.${h}) and "${b.label}" (bins.${j}) of attribute "${a.name}" overlap, so a number in both would score twice as much as it should or by the first bin only`,
              `make the ranges of "${a.name}" meet without overlapping: one bin's hi is the next bin's lo, inclusive on one side only (e.g. hi: 50 with hiInclusive: false, then lo: 50 with loInclusive: true)`,
              { lo: lo ?? null, hi: hi ?? null },
            );
        });
      }
      // The values an `other` bin pools are listed categories too.
      if (b.when.kind === "set" || b.when.kind === "other")
        for (const v of b.when.values ?? []) {
          const key = binSetText(v, a.match);
          const h = setBin.get(key);
          if (h !== undefined && h !== j)
            fail(
              `${field}.values`,
              `attribute "${a.name}" lists the category "${v}" in bins "${a.bins[h].label}" (bins.${h}) and "${b.label}" (bins.${j}) (categories are compared after Unicode NFC, trimming and lower-casing)`,
              `keep "${v}" in one bin of "${a.name}" and remove it from the other`,
              v,
            );
          setBin.set(key, j);
          if (a.match === "categorical" && missingKeys.has(key))
            fail(
              `${field}.values`,
              `the category "${v}" of bin "${b.label}" of attribute "${a.name}" is also one of inputs.missing, so it is read as missing and never reaches this bin`,
              `remove "${v}" from inputs.missing or from the bin`,
              v,
            );
        }
    });
  };
  const names = new Set<string>();
  rules.attributes.forEach((a: ScorecardAttribute, i) => checkAttribute(a, `attributes.${i}`, names));
  if (rules.value) checkValue(rules.value, checkAttribute, fail);
  const tiers = rules.tiers;
  tiers.forEach((t, i) => {
    if (t.minPoints === null && i !== tiers.length - 1)
      fail(`tiers.${i}.minPoints`, `tier "${t.name}" has no minPoints but is not the last tier`, "only the lowest (last) tier may have `minPoints: null`");
    const prev = tiers[i - 1]?.minPoints;
    if (i > 0 && t.minPoints !== null && prev !== null && prev !== undefined && t.minPoints >= prev)
      fail(`tiers.${i}.minPoints`, `tiers must be best first, with decreasing minPoints; "${t.name}" needs fewer points than "${tiers[i - 1].name}"`, "order the tiers from the highest minPoints down", t.minPoints);
  });
  for (const key of ["fitCuts", "engagementCuts"] as const) {
    const cuts = rules.grades[key];
    if (cuts.length !== 3 || cuts[0] > cuts[1] || cuts[1] > cuts[2])
      fail(`grades.${key}`, "grade cuts must be 3 ascending numbers", "write three cut points, lowest first, e.g. [0, 20, 40]", cuts);
  }
}

/** The value block's cards (each attribute checked as the scorecard's are) and its tiers (best first, decreasing minValue, only the last without one). */
function checkValue(
  value: ValueBlock,
  checkAttribute: (a: BinnedInput, at: string, names: Set<string>) => void,
  fail: (field: string, problem: string, fix: string, value?: unknown) => never,
): void {
  const amountNames = new Set<string>();
  value.amount.attributes.forEach((a, i) => checkAttribute(a, `value.amount.attributes.${i}`, amountNames));
  const retentionNames = new Set<string>();
  value.retention?.attributes.forEach((a, i) => checkAttribute(a, `value.retention.attributes.${i}`, retentionNames));
  value.tiers.forEach((t, i) => {
    const last = i === value.tiers.length - 1;
    if ((t.minValue === null) !== last)
      fail(`value.tiers.${i}.minValue`, last ? `the lowest value tier "${t.name}" has a minValue` : `value tier "${t.name}" has no minValue but is not the last tier`, "only the lowest (last) value tier has `minValue: null`", t.minValue);
    const prev = value.tiers[i - 1]?.minValue;
    if (i > 0 && t.minValue !== null && prev !== null && prev !== undefined && t.minValue >= prev)
      fail(`value.tiers.${i}.minValue`, `value tiers must be best first, with decreasing minValue; "${t.name}" needs less than "${value.tiers[i - 1].name}"`, "order the value tiers from the highest minValue down", t.minValue);
  });
}

/** Whether two ranges hold a common number. */
function rangesOverlap(a: Extract<BinMatch, { kind: "range" }>, b: Extract<BinMatch, { kind: "range" }>): boolean {
  // The larger lower end and the smaller upper end, with whether each is included.
  const [lo, loIn] = lowerOf(a, b);
  const [hi, hiIn] = upperOf(a, b);
  return lo < hi || (lo === hi && loIn && hiIn);
}

function lowerOf(a: Extract<BinMatch, { kind: "range" }>, b: Extract<BinMatch, { kind: "range" }>): [number, boolean] {
  const la = a.lo ?? -Infinity;
  const lb = b.lo ?? -Infinity;
  if (la !== lb) return la > lb ? [la, a.loInclusive || a.lo === undefined] : [lb, b.loInclusive || b.lo === undefined];
  return [la, (a.loInclusive || a.lo === undefined) && (b.loInclusive || b.lo === undefined)];
}

function upperOf(a: Extract<BinMatch, { kind: "range" }>, b: Extract<BinMatch, { kind: "range" }>): [number, boolean] {
  const ha = a.hi ?? Infinity;
  const hb = b.hi ?? Infinity;
  if (ha !== hb) return ha < hb ? [ha, a.hiInclusive || a.hi === undefined] : [hb, b.hiInclusive || b.hi === undefined];
  return [ha, (a.hiInclusive || a.hi === undefined) && (b.hiInclusive || b.hi === undefined)];
}
