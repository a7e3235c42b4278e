import { readFileSync, existsSync } from "node:fs";
import { Value, ValueErrorType } from "@sinclair/typebox/value";
import YAML from "yaml";
import { DatasetError } from "./dataset-error";
import { DatasetSpecSchema, type DatasetSpec, type TableSource } from "./dataset-spec";
import { nearestName } from "./nearest-name";

/**
 * Parses and validates the text of a `dataset.yaml`. Throws a {@link DatasetError} naming the
 * file, the line and column of a YAML syntax error, or the field, value and fix of a spec error.
 *
 * @example
 * import { parseDatasetSpec } from "leadlab";
 * const spec = parseDatasetSpec(`
 * name: demo
 * deals:
 *   file: deals.csv
 *   id: deal_id
 *   outcome: { column: stage, won: [Won], lost: [Lost] }
 * `, "dataset.yaml");
 * spec.deals.id; // => "deal_id"
 */
export function parseDatasetSpec(text: string, file = "dataset.yaml"): DatasetSpec {
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    const at = pos ? `line ${pos.line}, column ${pos.col}` : "unknown position";
    throw new DatasetError(
      `YAML syntax error at ${at}: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`,
      { file },
      "correct the YAML at that line (indentation, a missing colon, or an unquoted value with ': ' or '#')",
    );
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== "object" || Array.isArray(data))
    throw new DatasetError("the file is empty or not a mapping of fields", { file }, "start from the example in the README");
  checkSchema(data, file);
  const spec = data as DatasetSpec;
  checkStructure(spec, file);
  return spec;
}

/**
 * Reads and validates a `dataset.yaml` from disk.
 *
 * @example
 * import { readDatasetSpec } from "leadlab";
 * readDatasetSpec("data/sample/dataset.yaml").deals.id; // => "deal_id"
 */
export function readDatasetSpec(path: string): DatasetSpec {
  if (!existsSync(path))
    throw new DatasetError("the dataset spec does not exist", { file: path }, "pass the path of a dataset.yaml (see the README)");
  return parseDatasetSpec(readFileSync(path, "utf8"), path);
}

const readable = (message: string) => message.toLowerCase().replace("expected union value", "not one of the allowed values");

function checkSchema(data: unknown, file: string): void {
  const errors = [...Value.Errors(DatasetSpecSchema, data)];
  if (errors.length === 0) return;
  const unknown = errors.find((e) => e.type === ValueErrorType.ObjectAdditionalProperties);
  const first = unknown ?? errors[0];
  const segments = first.path.split("/").filter(Boolean);
  const field = segments.join(".") || "(top level)";
  const last = segments[segments.length - 1];
  if (unknown) {
    const allowed = Object.keys(schemaAt(segments.slice(0, -1)) ?? {});
    const near = nearestName(last, allowed);
    throw new DatasetError(
      `unknown field "${last}"`,
      { file, field },
      near ? `did you mean "${near}"? Allowed here: ${allowed.join(", ")}` : `allowed here: ${allowed.join(", ")}`,
    );
  }
  if (first.value === undefined)
    throw new DatasetError("a required field is missing", { file, field }, `add "${last}" (see the dataset spec in the README)`);
  const branch = matchingBranch(first.schema as Record<string, unknown>, first.value);
  if (branch) {
    const inner = Value.Errors(branch as never, first.value).First();
    if (inner) {
      const innerField = [field, ...inner.path.split("/").filter(Boolean)].join(".");
      throw new DatasetError(`invalid value: ${readable(inner.message)}`, { file, field: innerField, value: inner.value }, describeExpected(inner.schema as Record<string, unknown>));
    }
  }
  throw new DatasetError(
    `invalid value: ${readable(first.message)}`,
    { file, field, value: first.value },
    describeExpected(first.schema as Record<string, unknown>),
  );
}

/** In a union of objects told apart by a literal field (like `holdout.by`), the branch the value chose. */
function matchingBranch(schema: Record<string, unknown>, value: unknown): unknown {
  if (!Array.isArray(schema.anyOf) || value === null || typeof value !== "object") return undefined;
  return (schema.anyOf as Record<string, unknown>[]).find((b) => {
    const props = b.properties as Record<string, Record<string, unknown>> | undefined;
    const literals = Object.entries(props ?? {}).filter(([, p]) => p.const !== undefined);
    return literals.length > 0 && literals.every(([k, p]) => (value as Record<string, unknown>)[k] === p.const);
  });
}

/** The properties allowed under a path of the spec, where the path goes through objects. */
function schemaAt(segments: string[]): Record<string, unknown> | undefined {
  let s: Record<string, unknown> = DatasetSpecSchema as unknown as Record<string, unknown>;
  for (const seg of segments) {
    if (s.type === "array") s = s.items as Record<string, unknown>;
    if (/^\d+$/.test(seg)) continue;
    const props = s.properties as Record<string, Record<string, unknown>> | undefined;
    if (props?.[seg]) s = props[seg];
    else if (s.patternProperties) s = Object.values(s.patternProperties as Record<string, Record<string, unknown>>)[0];
    else return undefined;
  }
  if (s.type === "array") s = s.items as Record<string, unknown>;
  return s.properties as Record<string, unknown> | undefined;
}

function describeExpected(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.anyOf)) {
    const consts = (schema.anyOf as Record<string, unknown>[]).map((x) => x.const).filter((x) => x !== undefined);
    if (consts.length) return `use one of: ${consts.join(", ")}`;
  }
  const bounds = [
    schema.minimum !== undefined ? `at least ${String(schema.minimum)}` : "",
    schema.exclusiveMinimum !== undefined ? `above ${String(schema.exclusiveMinimum)}` : "",
    schema.exclusiveMaximum !== undefined ? `below ${String(schema.exclusiveMaximum)}` : "",
    schema.maximum !== undefined ? `at most ${String(schema.maximum)}` : "",
  ].filter(Boolean);
  const expected = `expected ${String(schema.type ?? "a different value")}${bounds.length ? " " + bounds.join(" and ") : ""}`;
  return schema.description ? `${expected}: ${schema.description as string}` : expected;
}

function checkStructure(spec: DatasetSpec, file: string): void {
  const tables: [string, TableSource | undefined][] = [
    ["deals", spec.deals],
    ...(spec.join ?? []).map((j, i) => [`join.${i}`, j] as [string, TableSource]),
    ["events", spec.events],
    ["retention", spec.retention],
  ];
  for (const [field, t] of tables) {
    if (!t) continue;
    if (!t.file === !t.sql)
      throw new DatasetError(
        t.file ? "both `file` and `sql` are given" : "neither `file` nor `sql` is given",
        { file, field },
        "give exactly one: `file: path.csv` or `sql: select ...`",
      );
  }
  const r = spec.retention;
  if (r) {
    const survival = r.start !== undefined || r.churned_at !== undefined;
    if (r.retained && survival)
      throw new DatasetError("both retention forms are given", { file, field: "retention" }, "keep either `retained:` or `start:` + `churned_at:`");
    if (!r.retained && !(r.start && r.churned_at))
      throw new DatasetError(
        "retention needs a form",
        { file, field: "retention" },
        "add `retained: { column, true: [...] }` or both `start:` and `churned_at:`",
      );
    if (r.observed_until !== undefined && Number.isNaN(Date.parse(r.observed_until)))
      throw new DatasetError("not an ISO date", { file, field: "retention.observed_until", value: r.observed_until }, "write it as YYYY-MM-DD");
  }
  for (const [name, a] of Object.entries(spec.attributes ?? {})) {
    if (a.separator !== undefined && a.type !== "multi")
      throw new DatasetError("`separator` only applies to multi-valued attributes", { file, field: `attributes.${name}` }, "add `type: multi` or remove `separator`");
    if ((a.framework === undefined) !== (a.criterion === undefined))
      throw new DatasetError("`framework` and `criterion` go together", { file, field: `attributes.${name}` }, "give both, e.g. `framework: BANT, criterion: budget`");
  }
}
