import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { DatasetError } from "../../src/formats/dataset-error";
import { parseScoringRules, readScoringRules } from "../../src/scoring/parse-scoring-rules";
import { FIXTURE_RULES } from "./helpers";

const text = readFileSync(FIXTURE_RULES, "utf8");

/** The message of parsing `source` (fails when it parses). */
function errorOf(source: string): string {
  try {
    parseScoringRules(source, "scoring.yaml");
  } catch (e) {
    assert.ok(e instanceof DatasetError, `expected a DatasetError, got ${String(e)}`);
    return e.message;
  }
  assert.fail("expected an error");
}

/** The fixture with one text replaced (the replaced text must be there). */
function edited(from: string, to: string): string {
  assert.ok(text.includes(from), `the fixture has ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

test("the fixture parses, from YAML and from the same document as JSON", () => {
  const rules = readScoringRules(FIXTURE_RULES);
  assert.equal(rules.attributes.length, 9);
  assert.equal(rules.attributes[1].bins[1].when.kind === "set" && rules.attributes[1].bins[1].when.values[1], 'Bob\'s "Bait"; Tackle\\');
  assert.deepEqual(parseScoringRules(JSON.stringify(rules), "scoring.json"), rules);
});

test("a YAML syntax error gives line and column", () => {
  assert.equal(
    errorOf("apiVersion: leadlab/v1\nkind: ScoringRules\nmetadata:\n  dataset: x\n   toolVersion: y\n"),
    "scoring.yaml: YAML syntax error at line 4, column 12: Nested mappings are not allowed in compact mappings. Fix: correct the YAML at that line (indentation, a missing colon, or an unquoted value with ': ' or '#').",
  );
});

test("an empty file or a list is refused", () => {
  assert.match(errorOf(""), /^scoring\.yaml: the file is empty or not a mapping of fields\. Fix: /);
  assert.match(errorOf("- a\n- b\n"), /the file is empty or not a mapping of fields/);
});

test("a wrong apiVersion or kind names the value and the fix", () => {
  assert.equal(
    errorOf(edited("apiVersion: leadlab/v1", "apiVersion: leadlab/v2")),
    'scoring.yaml: field "apiVersion": unsupported apiVersion (value "leadlab/v2"). Fix: this leadlab reads "leadlab/v1"; export the rules again with this version of leadlab.',
  );
  assert.equal(
    errorOf(edited("kind: ScoringRules", "kind: Personas")),
    'scoring.yaml: field "kind": this is not a scoring rules file (value "Personas"). Fix: pass the scoring.yaml, not personas.yaml.',
  );
});

test("an unknown field suggests the nearest allowed name, at any depth and inside unions", () => {
  assert.equal(
    errorOf(edited("scale:", "scael:")),
    'scoring.yaml: field "scael": unknown field "scael". Fix: did you mean "scale"? Allowed here: apiVersion, kind, metadata, inputs, scale, attributes, tiers, grades, value.',
  );
  assert.equal(
    errorOf(edited("rationale: larger companies win more often", "rationale: x\n    grup: fit")),
    'scoring.yaml: field "attributes.0.grup": unknown field "grup". Fix: did you mean "group"? Allowed here: name, source, match, containsValue, numberFormat, separator, role, group, rationale, bins.',
  );
  assert.equal(
    errorOf(edited("when: { kind: set, values: [SaaS] }", "when: { kind: set, valeus: [SaaS] }")),
    'scoring.yaml: field "attributes.1.bins.0.when.valeus": unknown field "valeus". Fix: did you mean "values"? Allowed here: kind, values.',
  );
  assert.equal(
    errorOf(edited("source: { column: employees }", "source: { colum: employees }")),
    'scoring.yaml: field "attributes.0.source.colum": unknown field "colum". Fix: did you mean "column"? Allowed here: column.',
  );
});

test("wrong values say what is expected", () => {
  assert.equal(
    errorOf(edited("aggregate: count", "aggregate: mean")),
    'scoring.yaml: field "attributes.5.source.event.aggregate": invalid value: not one of the allowed values (value "mean"). Fix: use one of: count, sum, active_days, days_since_last.',
  );
  assert.equal(errorOf(edited("  seed: 7\n", "")), 'scoring.yaml: field "metadata.seed": a required field is missing. Fix: add "seed" (see rules/schema/scoring-rules.schema.json).');
  assert.match(errorOf(edited("points: -10, trainWinRate: 0.15", "points: -10.5, trainWinRate: 0.15")), /field "attributes\.0\.bins\.0\.points": invalid value: expected integer \(value -10\.5\)/);
  assert.match(errorOf(edited("minPoints: 80", "minPoints: high")), /field "tiers\.0\.minPoints": .*\(value "high"\)\. Fix: expected integer or null\.$/);
});

test("rules whose parts do not fit together are refused with the field and the fix", () => {
  assert.equal(
    errorOf(edited("minPoints: 80", "minPoints: 30")),
    'scoring.yaml: field "tiers.1.minPoints": tiers must be best first, with decreasing minPoints; "B" needs fewer points than "A" (value 40). Fix: order the tiers from the highest minPoints down.',
  );
  assert.equal(
    errorOf(edited("fitCuts: [0, 30, 60]", "fitCuts: [0, 60]")),
    'scoring.yaml: field "grades.fitCuts": grade cuts must be 3 ascending numbers (value [0,60]). Fix: write three cut points, lowest first, e.g. [0, 20, 40].',
  );
  assert.equal(
    errorOf(edited("when: { kind: set, values: [EMEA] }", "when: { kind: range, lo: 1, loInclusive: true, hiInclusive: true }")),
    'scoring.yaml: field "attributes.2.bins.0.when": a range bin in categorical attribute "region" (value "range"). Fix: categorical attributes have bins of kind set, other, missing.',
  );
  assert.match(errorOf(edited("    containsValue: Salesforce\n", "")), /field "attributes\.4\.containsValue": attribute "tech_stack=Salesforce" matches "contains" but says not which item/);
  assert.match(errorOf(edited("points: -3, trainWinRate: 0.22, trainDeals: 20 }", "points: -3, trainWinRate: 0.22, trainDeals: 20 }\n      - { label: again, when: { kind: missing }, points: 1, trainWinRate: 0.2, trainDeals: 1 }")), /attribute "region" has two missing bins/);
  assert.match(errorOf(edited("{ key: account_id, leadKey: account_id, time: ts, type: event_type, value: minutes }", "{ key: account_id, leadKey: account_id, time: ts, type: event_type }")), /sums values but inputs\.events has no value column/);
  assert.match(errorOf(edited("- name: region", "- name: employees")), /field "attributes\.2\.name": attribute "employees" appears twice/);
  assert.match(errorOf(edited("{ name: B, minPoints: 40", "{ name: B, minPoints: null")), /tier "B" has no minPoints but is not the last tier/);
  assert.equal(
    errorOf(edited("  - name: industry\n    source: { column: industry }\n    match: categorical\n", "  - name: industry\n    source: { column: industry }\n    match: categorical\n    numberFormat: { decimal: \",\" }\n")),
    'scoring.yaml: field "attributes.1.numberFormat": numberFormat only applies to match "numeric"; attribute "industry" matches categorical (value "categorical"). Fix: remove numberFormat, or set `match: numeric`.',
  );
  assert.match(errorOf(edited("    match: numeric\n", "    match: numeric\n    numberFormat: { decimal: \"·\" }\n")), /field "attributes\.0\.numberFormat\.decimal"/);
});

test("readScoringRules names a missing file", () => {
  assert.throws(() => readScoringRules("no/such/scoring.yaml"), { message: "no/such/scoring.yaml: the scoring rules file does not exist. Fix: pass the path of a scoring.yaml exported by leadlab." });
});

test("overlapping numeric ranges are refused, naming the attribute, both bins and the fix", () => {
  // 50–199 now takes 200 too (hi inclusive), which 200–1999 also takes.
  assert.equal(
    errorOf(edited("hi: 200, loInclusive: true, hiInclusive: false", "hi: 200, loInclusive: true, hiInclusive: true")),
    'scoring.yaml: field "attributes.0.bins.2.when": the ranges of bins "50–199" (bins.1) and "200–1999" (bins.2) of attribute "employees" overlap, so a number in both would score twice as much as it should or by the first bin only (value {"lo":200,"hi":2000}). Fix: make the ranges of "employees" meet without overlapping: one bin\'s hi is the next bin\'s lo, inclusive on one side only (e.g. hi: 50 with hiInclusive: false, then lo: 50 with loInclusive: true).',
  );
  // An unbounded range overlaps everything on its side.
  assert.match(errorOf(edited("{ kind: range, lo: 2000, loInclusive: true", "{ kind: range, lo: 1500, loInclusive: true")), /"200–1999" \(bins\.2\) and "≥ 2000" \(bins\.3\) of attribute "employees" overlap/);
  // Ranges that only touch at an end included by one of them do not overlap.
  assert.doesNotThrow(() => parseScoringRules(text, "scoring.yaml"));
});

test("a category listed in two bins is refused, also when it differs only in case, spaces or Unicode form", () => {
  assert.equal(
    errorOf(edited("{ kind: set, values: [Retail] }", "{ kind: set, values: [Retail, Fintech] }")),
    'scoring.yaml: field "attributes.1.bins.2.when.values": attribute "industry" lists the category "Fintech" in bins "industry ∈ {Fintech, Bob\'s "Bait"; Tackle\\}" (bins.1) and "Retail" (bins.2) (categories are compared after Unicode NFC, trimming and lower-casing) (value "Fintech"). Fix: keep "Fintech" in one bin of "industry" and remove it from the other.',
  );
  assert.match(errorOf(edited("{ kind: set, values: [Retail] }", '{ kind: set, values: [Retail, " saas "] }')), /lists the category " saas " in bins "SaaS" \(bins\.0\) and "Retail" \(bins\.2\)/);
});

test("a category that is also a missing token is refused", () => {
  assert.match(
    errorOf(edited("inputs:\n  id: lead_id", "inputs:\n  id: lead_id\n  missing: [NA, retail]")),
    /^scoring\.yaml: field "attributes\.1\.bins\.2\.when\.values": the category "Retail" of bin "Retail" of attribute "industry" is also one of inputs\.missing, so it is read as missing and never reaches this bin \(value "Retail"\)\. Fix: remove "Retail" from inputs\.missing or from the bin\.$/,
  );
});

test("a value the other bin pools that a set bin also lists is refused, naming both bins", () => {
  assert.equal(
    errorOf(edited("when: { kind: other }, points: 0", "when: { kind: other, values: [Healthcare, retail] }, points: 0")),
    'scoring.yaml: field "attributes.1.bins.3.when.values": attribute "industry" lists the category "retail" in bins "Retail" (bins.2) and "other (3 values)" (bins.3) (categories are compared after Unicode NFC, trimming and lower-casing) (value "retail"). Fix: keep "retail" in one bin of "industry" and remove it from the other.',
  );
  assert.doesNotThrow(() => parseScoringRules(edited("when: { kind: other }, points: 0", "when: { kind: other, values: [Healthcare, Logistics] }, points: 0"), "scoring.yaml"));
});
