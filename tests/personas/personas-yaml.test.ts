import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import Ajv from "ajv";
import YAML from "yaml";
import type { DealTable } from "../../src/data/deal-table";
import { DatasetError } from "../../src/formats/dataset-error";
import { assignPersona, type PersonaLead } from "../../src/personas/assign-persona";
import type { PersonasResult } from "../../src/personas/personas-result";
import { PERSONAS_SCHEMA_PATH, parsePersonas, personasDocument, personasSchemaText, readPersonas } from "../../src/personas/personas-yaml";
import { ROOT, samplePersonas, sampleTable } from "../helpers/sample-fixture";

const GOLDEN = path.join(ROOT, "rules", "sample", "personas.yaml");
const SCHEMA = path.join(ROOT, PERSONAS_SCHEMA_PATH);

// The committed files are what the code generates. After a deliberate change, regenerate them with:
//   UPDATE_GOLDEN=1 node --import tsx --test tests/personas/personas-yaml.test.ts
// (or `leadlab personas data/sample/dataset.yaml --out rules/sample/personas.yaml`) and review the diff.
const UPDATE = process.env.UPDATE_GOLDEN === "1";
if (UPDATE) writeFileSync(SCHEMA, personasSchemaText());

let table: DealTable;
let result: PersonasResult;
let yaml: string;

before(async () => {
  table = await sampleTable();
  result = await samplePersonas();
  yaml = result.toYAML();
  if (UPDATE) writeFileSync(GOLDEN, yaml);
});

test("the committed rules/schema/personas.schema.json is what the personas definition generates", () => {
  assert.equal(readFileSync(SCHEMA, "utf8"), personasSchemaText(), "stale: regenerate with UPDATE_GOLDEN=1 (see the top of this test)");
});

test("the golden rules/sample/personas.yaml is what personas() writes for the sample, byte for byte", () => {
  assert.equal(readFileSync(GOLDEN, "utf8"), yaml, "the personas of the sample changed: review, then regenerate with UPDATE_GOLDEN=1");
});

// Same data, same file: personas.test.ts re-runs personas() on the sample and compares the YAML.
test("wall-clock time never goes into the file", () => {
  assert.ok(!/\d{2}:\d{2}:\d{2}/.test(yaml));
});

test("the golden is valid against the committed JSON Schema (ajv), which rejects a typo and a wrong kind", () => {
  const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(SCHEMA, "utf8")));
  const doc = YAML.parse(yaml);
  assert.equal(validate(doc), true, JSON.stringify(validate.errors));
  assert.equal(validate({ ...doc, persnas: doc.personas }), false);
  assert.equal(validate({ ...doc, kind: "ScoringRules" }), false);
  const bad = structuredClone(doc);
  bad.personas[0].winRate.value = 1.5;
  assert.equal(validate(bad), false);
});

test("parsing the file gives back the document it was written from", () => {
  assert.deepEqual(parsePersonas(yaml), personasDocument(result));
  assert.equal(readPersonas(GOLDEN).metadata.dataFingerprint, result.fingerprint);
});

test("the file's rules tag every closed deal as the in-memory rules do (assignPersona)", () => {
  const doc = parsePersonas(yaml);
  const kept = doc.attributes.filter((a) => a.weight > 0);
  const ids = result.personas.map((p) => p.id);
  for (let r = 0; r < table.n; r++) {
    const lead: Record<string, unknown> = {};
    for (const a of kept) {
      const v = (table.columns[a.name] as ArrayLike<unknown>)[r];
      // as a CSV export would give them: text, multi-valued cells joined with the separator
      lead[a.name] = v === null || (typeof v === "number" && Number.isNaN(v)) ? "" : Array.isArray(v) ? v.join(a.separator ?? ";") : String(v);
    }
    const expected = ids[result.ruleLabels[r]] ?? "other"; // no rule, or the rule of an anti-persona
    assert.equal(assignPersona(doc, lead as PersonaLead), expected, `deal ${table.ids[r]}`);
  }
});

test('assignPersona reads values leniently and gives "other" when no rule holds', () => {
  const doc = {
    attributes: [
      { name: "employees", type: "numeric", role: "firmographic", source: { column: "employees" }, weight: 1, association: 1, reason: "" },
      { name: "crm", type: "boolean", role: "firmographic", source: { column: "crm" }, weight: 1, association: 1, reason: "" },
      { name: "stack", type: "multi", role: "firmographic", source: { column: "stack" }, separator: "|", weight: 1, association: 1, reason: "" },
    ],
    assignment: {
      fidelity: 1,
      coverage: 1,
      precision: 1,
      heldOutFidelity: null,
      otherShare: 0,
      otherwise: "other",
      rules: [
        { persona: "small", when: [{ attribute: "employees", kind: "range", to: 100, orMissing: false }], support: 1, purity: 1, text: "" },
        { persona: "crm", when: [{ attribute: "crm", kind: "in", values: ["true"], orMissing: false }, { attribute: "stack", kind: "contains", value: "HubSpot", orMissing: false }], support: 1, purity: 1, text: "" },
      ],
    },
  } as Parameters<typeof assignPersona>[0];
  assert.equal(assignPersona(doc, { employees: " 40 " }), "small");
  assert.equal(assignPersona(doc, { employees: 400, crm: "yes", stack: "Slack | HubSpot" }), "crm");
  assert.equal(assignPersona(doc, { employees: "1,200", crm: true, stack: ["HubSpot"] }), "crm"); // "1,200" is not a number: missing
  assert.equal(assignPersona(doc, { employees: 400, crm: "no", stack: "HubSpot" }), "other");
  assert.equal(assignPersona(doc, {}), "other");
});

test("parsePersonas throws one error naming the field, the value and the fix", () => {
  const doc = YAML.parse(yaml);
  const text = (d: unknown) => YAML.stringify(d);
  const cases: [unknown, RegExp][] = [
    [{ ...doc, persnas: [] }, /field "persnas": unknown field "persnas".*did you mean "personas"\?/],
    [{ ...doc, kind: "ScoringRules" }, /field "kind": this is not a personas file \(value "ScoringRules"\). Fix: pass the personas.yaml, not scoring.yaml/],
    [{ ...doc, apiVersion: "leadlab/v2" }, /unsupported apiVersion/],
  ];
  const wrongPersona = structuredClone(doc);
  wrongPersona.assignment.rules[0].persona = "nobody";
  cases.push([wrongPersona, /field "assignment.rules.0.persona": the rule names persona "nobody", which the file does not define/]);
  const wrongKind = structuredClone(doc);
  wrongKind.assignment.rules[1].when[0] = { attribute: "industry", kind: "range", from: 1, orMissing: false };
  cases.push([wrongKind, /a range condition on categorical attribute "industry" \(value "range"\). Fix: categorical attributes take conditions of kind in, not-in/]);
  const twice = structuredClone(doc);
  twice.personas[1].id = twice.personas[0].id;
  cases.push([twice, /persona id ".*" appears twice/]);
  const missing = structuredClone(doc);
  delete missing.personas[0].winRate;
  cases.push([missing, /field "personas.0.winRate": a required field is missing/]);
  for (const [d, message] of cases) {
    assert.throws(
      () => parsePersonas(text(d), "personas.yaml"),
      (e: unknown) => e instanceof DatasetError && message.test(e.message),
      String(message),
    );
  }
  assert.throws(() => parsePersonas("apiVersion: leadlab/v1\nkind: Personas\n  bad: [", "p.yaml"), /p.yaml: YAML syntax error at line \d+, column \d+/);
  assert.throws(() => readPersonas("nowhere/personas.yaml"), /the personas file does not exist/);
});
