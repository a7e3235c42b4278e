import { Type, type Static } from "@sinclair/typebox";
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { DatasetError } from "../formats/dataset-error";
import { assertMatchesSchema, parseYamlMapping } from "../formats/schema-errors";
import type { PersonasResult } from "./personas-result";
import { requireFile } from "../formats/require-file";
import { assertDocumentKind } from "../formats/document-kind";

/*
 * The rename file `personas.names.yaml`: names an analyst gives personas, kept across re-runs.
 * An entry finds its persona by the persona's `id`, or — when the id changed because the
 * persona's top traits moved — by values its medoid (its most typical customer) must have.
 */

/**
 * What a medoid's value must be for an entry to match (see {@link PersonaNamesSchema}).
 *
 * @example
 * import { MedoidMatchSchema } from "leadlab";
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(MedoidMatchSchema, { from: 200, to: 2000 }); // => true
 */
export const MedoidMatchSchema = Type.Union([
  Type.String({ description: "Categorical or boolean: the value; multi-valued: an item the medoid holds." }),
  Type.Number({ description: "Numeric: exactly this value." }),
  Type.Boolean({ description: "Boolean: this value." }),
  Type.Array(Type.String(), { minItems: 1, description: "Categorical or boolean: one of these values; multi-valued: holds every item." }),
  Type.Object(
    { from: Type.Optional(Type.Number()), to: Type.Optional(Type.Number()) },
    { additionalProperties: false, description: "Numeric: from ≤ value < to; an absent end is unbounded." },
  ),
]);

/**
 * The JSON-Schema definition of `personas.names.yaml`.
 *
 * @example
 * import { PersonaNamesSchema } from "leadlab";
 * import { Value } from "@sinclair/typebox/value";
 * Value.Check(PersonaNamesSchema, { apiVersion: "leadlab/v1", kind: "PersonaNames", names: [{ name: "Agencies", id: "agencies" }] }); // => true
 */
export const PersonaNamesSchema = Type.Object(
  {
    apiVersion: Type.Literal("leadlab/v1"),
    kind: Type.Literal("PersonaNames"),
    names: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, description: "The name to show for the persona." }),
          id: Type.Optional(Type.String({ description: "The persona id in personas.yaml; tried first." })),
          medoid: Type.Optional(
            Type.Record(Type.String(), MedoidMatchSchema, {
              description: "Values the persona's medoid must have, by attribute; used when no persona has the id.",
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, title: "leadlab persona names" },
);

/** The contents of a `personas.names.yaml`. */
export type PersonaNames = Static<typeof PersonaNamesSchema>;
/** One rename. */
export type PersonaNameEntry = PersonaNames["names"][number];
/** What a medoid's value must be. */
export type MedoidMatch = Static<typeof MedoidMatchSchema>;

/**
 * The default file name of the rename file, beside personas.yaml.
 *
 * @example
 * import { PERSONA_NAMES_FILE } from "leadlab";
 * PERSONA_NAMES_FILE; // => "personas.names.yaml"
 */
export const PERSONA_NAMES_FILE = "personas.names.yaml";

/**
 * Parses and validates the text of a `personas.names.yaml`. Throws a {@link DatasetError}
 * naming the file and the line of a YAML error, or the field, value and fix: an unknown field
 * (with the nearest allowed one), a wrong `kind`, an entry with neither `id` nor `medoid`, a
 * name given twice, or a numeric range whose `from` is not below its `to`.
 *
 * @example
 * import { parsePersonaNames } from "leadlab";
 * const names = parsePersonaNames(
 *   "apiVersion: leadlab/v1\nkind: PersonaNames\nnames:\n  - name: Mid-market SaaS\n    medoid: { industry: Software, employees: { from: 200, to: 2000 } }\n",
 * );
 * names.names[0].name; // => "Mid-market SaaS"
 */
export function parsePersonaNames(text: string, file = "personas.names.yaml"): PersonaNames {
  const data = parseYamlMapping(text, file, "write a list of names (see personaNamesTemplate, or `leadlab personas --names-template`)");
  assertDocumentKind(data, "PersonaNames", file);
  assertMatchesSchema(PersonaNamesSchema, data, file, "the persona names format in personas-names-file.ts");
  const names = data as unknown as PersonaNames;
  const seen = new Set<string>();
  names.names.forEach((e, i) => {
    const field = `names.${i}`;
    if (e.id === undefined && e.medoid === undefined)
      throw new DatasetError(`the entry "${e.name}" says neither which id nor which medoid it names`, { file, field }, "add `id:` (from personas.yaml) or `medoid:` (values its medoid has)");
    if (seen.has(e.name)) throw new DatasetError(`the name "${e.name}" is given twice`, { file, field: `${field}.name`, value: e.name }, "give every persona its own name");
    seen.add(e.name);
    for (const [attribute, m] of Object.entries(e.medoid ?? {})) {
      if (typeof m === "object" && !Array.isArray(m) && m.from !== undefined && m.to !== undefined && !(m.from < m.to))
        throw new DatasetError("the range holds no number", { file, field: `${field}.medoid.${attribute}`, value: m }, "make `from` smaller than `to`");
    }
  });
  return names;
}

/**
 * Reads and validates a `personas.names.yaml` from disk.
 *
 * @example
 * import { readPersonaNames } from "leadlab";
 * readPersonaNames("tests/personas/fixtures/personas.names.yaml").kind; // => "PersonaNames"
 */
export function readPersonaNames(path: string): PersonaNames {
  requireFile(path, { what: "the persona names file", name: "personas.names.yaml", fix: "pass the path of a personas.names.yaml" });
  return parsePersonaNames(readFileSync(path, "utf8"), path);
}

/**
 * Writes a rename file as YAML text (keys in a fixed order, so the same names give the same
 * bytes), with a comment on how entries are matched.
 *
 * @example
 * import { personaNamesText } from "leadlab";
 * personaNamesText({ apiVersion: "leadlab/v1", kind: "PersonaNames", names: [{ name: "Agencies", id: "marketing-advertising" }] }).includes("- name: Agencies"); // => true
 */
export function personaNamesText(names: PersonaNames): string {
  const header = [
    "# Names for the personas of personas.yaml, kept when personas are derived again.",
    "# Each entry names the persona with this `id`; when no persona has it (its top traits changed),",
    "# the persona whose medoid (its most typical customer) has every value under `medoid`.",
    "# A value matches a category, a list one of several (a multi-valued attribute must hold all),",
    "# a number exactly, and { from, to } a numeric range from ≤ x < to.",
  ].join("\n");
  const ordered = {
    apiVersion: names.apiVersion,
    kind: names.kind,
    names: names.names.map((e) => ({ name: e.name, ...(e.id !== undefined ? { id: e.id } : {}), ...(e.medoid !== undefined ? { medoid: e.medoid } : {}) })),
  };
  const doc = new YAML.Document(ordered, { aliasDuplicateObjects: false });
  // medoid values on one line each: `employees: { from: 200, to: 2000 }`, `industry: [A, B]`
  YAML.visit(doc, {
    Map(_, node) {
      const entry = node.items.some((pair) => YAML.isScalar(pair.key) && pair.key.value === "name");
      if (!entry && node.items.every((pair) => YAML.isScalar(pair.value))) node.flow = true;
    },
    Seq(_, node) {
      if (node.items.every((item) => YAML.isScalar(item))) node.flow = true;
    },
  });
  return `${header}\n${doc.toString({ lineWidth: 0 })}`;
}

/**
 * A starting rename file for a result: one entry per persona with its current name, its `id`,
 * and under `medoid` the values of its medoid on the attributes its default name is made of (a
 * category, a boolean, an item of a multi-valued attribute, or the numeric band of its trait
 * when the medoid lies in it), so that the entry still finds the persona when its id changes.
 * Edit the names and keep the file beside personas.yaml.
 *
 * @example
 * import { loadDataset, personas, personaNamesTemplate } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * personaNamesTemplate(personas(table)).names.length; // => 3 (the fourth cluster wins but churns: an anti-persona)
 */
export function personaNamesTemplate(result: Pick<PersonasResult, "personas">): PersonaNames {
  return {
    apiVersion: "leadlab/v1",
    kind: "PersonaNames",
    names: result.personas.map((p) => {
      const medoid: Record<string, MedoidMatch> = {};
      const shown = new Set(p.defaultName.split(" · "));
      for (const part of p.nameParts.filter((x) => shown.has(x.text))) {
        const v = p.medoid.values[part.attribute];
        if (v === null || v === undefined) continue;
        if (Array.isArray(v)) {
          if (v.includes(part.text)) medoid[part.attribute] = part.text;
        } else if (typeof v === "number") {
          const band = p.traits.find((t) => t.attribute === part.attribute && t.band)?.band;
          if (band && v >= band.from && v < band.to) medoid[part.attribute] = { from: band.from, to: band.to };
        } else medoid[part.attribute] = v;
      }
      return { name: p.name, id: p.id, ...(Object.keys(medoid).length ? { medoid } : {}) };
    }),
  };
}
