import type { TSchema } from "@sinclair/typebox";
import { Value, ValueErrorType, type ValueError } from "@sinclair/typebox/value";
import YAML from "yaml";
import { DatasetError } from "./dataset-error";
import { nearestName } from "./nearest-name";

/*
 * Turning YAML syntax errors and schema violations of a user's file (dataset.yaml,
 * scoring.yaml) into one DatasetError that names the file, the line or field, the value and
 * the fix. Shared by every parser of a leadlab file format.
 */

/**
 * Parses YAML (or JSON, which YAML reads too) that must be a mapping. Throws a
 * {@link DatasetError} with the line and column of a syntax error, or when the document is
 * empty or not a mapping.
 *
 * @example
 * import { parseYamlMapping } from "./schema-errors";
 * parseYamlMapping("a: 1", "x.yaml", "start from the README"); // => { a: 1 }
 */
export function parseYamlMapping(text: string, file: string, emptyFix: string): Record<string, unknown> {
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
    throw new DatasetError("the file is empty or not a mapping of fields", { file }, emptyFix);
  return data as Record<string, unknown>;
}

/**
 * Checks data against a TypeBox schema and throws one {@link DatasetError} for the most useful
 * violation: an unknown field (with the nearest allowed name), a missing required field, or a
 * wrong value with what was expected. `reference` says where the format is documented, for the
 * fix of a missing field (e.g. "the dataset spec in the README"). Inside a union of objects the explanation follows the
 * branch the value chose (by its literal field, e.g. `kind: range`, else by its field names).
 *
 * @example
 * import { assertMatchesSchema } from "./schema-errors";
 * import { Type } from "@sinclair/typebox";
 * const S = Type.Object({ name: Type.String() }, { additionalProperties: false });
 * assertMatchesSchema(S, { nmae: "x" }, "x.yaml", "the README");
 * // throws: x.yaml: field "nmae": unknown field "nmae". Fix: did you mean "name"? Allowed here: name.
 */
export function assertMatchesSchema(schema: TSchema, data: unknown, file: string, reference: string): void {
  const e = mostUseful([...Value.Errors(schema, data)]);
  if (!e) return;
  const segments = e.path.split("/").filter(Boolean);
  const field = segments.join(".") || "(top level)";
  const last = segments[segments.length - 1];
  if (e.type === ValueErrorType.ObjectAdditionalProperties) {
    const allowed = Object.keys((e.schema as { properties?: object }).properties ?? {});
    const near = nearestName(last, allowed);
    throw new DatasetError(
      `unknown field "${last}"`,
      { file, field },
      near ? `did you mean "${near}"? Allowed here: ${allowed.join(", ")}` : `allowed here: ${allowed.join(", ")}`,
    );
  }
  if (e.value === undefined) throw new DatasetError("a required field is missing", { file, field }, `add "${last}" (see ${reference})`);
  // `attributes:` with nothing under it reads as null in YAML: say so, not "expected object".
  if (e.value === null && segments.length > 0)
    throw new DatasetError("the field is empty (no value after its colon, or null)", { file, field }, `put its value under it (see ${reference}), or delete the line "${last}:"`);
  // `won: [true]` or `id: 1234` read as a boolean or a number where the format takes text.
  const unquoted = (e.schema as { type?: unknown }).type === "string" && (typeof e.value === "boolean" || typeof e.value === "number");
  throw new DatasetError(
    `invalid value: ${readable(e.message)}`,
    { file, field, value: e.value },
    unquoted ? `write it in quotes, "${String(e.value)}": YAML reads ${String(e.value)} unquoted as a ${typeof e.value}, and this field takes text` : describeExpected(e.schema as Record<string, unknown>),
  );
}

const readable = (message: string) => message.toLowerCase().replace("expected union value", "not one of the allowed values");

/** An unknown field first; otherwise the first error, followed into the union branch the value chose. */
function mostUseful(errors: ValueError[]): ValueError | undefined {
  const unknown = errors.find((e) => e.type === ValueErrorType.ObjectAdditionalProperties);
  if (unknown) return unknown;
  const first = errors[0];
  if (!first || first.type !== ValueErrorType.Union || first.value === null || typeof first.value !== "object") return first;
  const variants = (first.schema as unknown as { anyOf: Record<string, unknown>[] }).anyOf;
  const chosen = chosenBranch(variants, first.value as Record<string, unknown>);
  if (chosen < 0) return first;
  return mostUseful([...first.errors[chosen]]) ?? first;
}

/**
 * The branch of a union of objects that a value chose: by its literal fields, else by most
 * shared field names, else by a field name close to one of the branch's (a typo).
 */
function chosenBranch(variants: Record<string, unknown>[], value: Record<string, unknown>): number {
  const propsOf = (b: Record<string, unknown>) => (b.properties ?? {}) as Record<string, Record<string, unknown>>;
  const byLiteral = variants.findIndex((b) => {
    const literals = Object.entries(propsOf(b)).filter(([, p]) => p.const !== undefined);
    return literals.length > 0 && literals.every(([k, p]) => value[k] === p.const);
  });
  if (byLiteral >= 0) return byLiteral;
  if (Array.isArray(value)) return -1;
  let best = -1;
  let bestShared = 0;
  variants.forEach((b, i) => {
    if (b.type !== "object") return;
    const shared = Object.keys(value).filter((k) => k in propsOf(b)).length;
    if (shared > bestShared) [best, bestShared] = [i, shared];
  });
  if (best >= 0) return best;
  return variants.findIndex((b) => b.type === "object" && Object.keys(value).some((k) => nearestName(k, Object.keys(propsOf(b))) !== undefined));
}

function describeExpected(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.anyOf)) {
    const variants = schema.anyOf as Record<string, unknown>[];
    const consts = variants.map((x) => x.const).filter((x) => x !== undefined);
    if (consts.length) return `use one of: ${consts.join(", ")}`;
    const describe = (v: Record<string, unknown>) =>
      v.type === "object" ? `{ ${Object.keys((v.properties ?? {}) as object).join(", ")} }` : String(v.type ?? "a different value");
    return `expected ${variants.map(describe).join(" or ")}`;
  }
  if (schema.const !== undefined) return `use ${JSON.stringify(schema.const)}`;
  const bounds = [
    schema.minimum !== undefined ? `at least ${String(schema.minimum)}` : "",
    schema.exclusiveMinimum !== undefined ? `above ${String(schema.exclusiveMinimum)}` : "",
    schema.exclusiveMaximum !== undefined ? `below ${String(schema.exclusiveMaximum)}` : "",
    schema.maximum !== undefined ? `at most ${String(schema.maximum)}` : "",
  ].filter(Boolean);
  const expected = `expected ${String(schema.type ?? "a different value")}${bounds.length ? " " + bounds.join(" and ") : ""}`;
  return schema.description ? `${expected}: ${schema.description as string}` : expected;
}
