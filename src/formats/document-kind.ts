import { DatasetError } from "./dataset-error";

/** The documents leadlab reads: each `kind` (a dataset spec has none) with the file it is usually in. */
const DOCUMENTS = {
  DatasetSpec: { what: "a dataset spec", file: "dataset.yaml" },
  ScoringRules: { what: "a scoring rules file", file: "scoring.yaml" },
  Personas: { what: "a personas file", file: "personas.yaml" },
  PersonaNames: { what: "a persona names file", file: "personas.names.yaml" },
  Beliefs: { what: "a beliefs file", file: "beliefs.yaml" },
} as const;

/** The kind of a document leadlab reads. */
export type DocumentKind = keyof typeof DOCUMENTS;

/**
 * Throws a {@link DatasetError} when a parsed YAML document is another of leadlab's documents
 * than `expected` (by its `kind`, or by `deals:` for a dataset spec, which has no kind), naming
 * the file to pass instead: the commonest slip is one file of a run given for another. A
 * document whose kind cannot be told is left to the schema.
 *
 * @example
 * import { assertDocumentKind } from "./document-kind";
 * assertDocumentKind({ name: "x", deals: {} }, "ScoringRules", "dataset.yaml");
 * // throws: dataset.yaml: this is not a scoring rules file but a dataset spec. Fix: pass the scoring.yaml, not dataset.yaml.
 */
export function assertDocumentKind(data: Record<string, unknown>, expected: DocumentKind, file: string): void {
  const actual = data.kind !== undefined ? data.kind : "deals" in data ? "DatasetSpec" : undefined;
  if (actual === undefined || actual === expected) return;
  const want = DOCUMENTS[expected];
  const known = typeof actual === "string" && Object.hasOwn(DOCUMENTS, actual) ? DOCUMENTS[actual as DocumentKind] : undefined;
  const location = data.kind !== undefined ? { file, field: "kind", value: data.kind } : { file };
  const problem = `this is not ${want.what}${data.kind === undefined && known ? ` but ${known.what}` : ""}`;
  const fix =
    expected === "Personas" && actual === "PersonaNames" ? "pass personas.yaml; personas.names.yaml only renames personas"
    : known ? `pass the ${want.file}, not ${known.file}`
    : expected === "DatasetSpec" ? "a dataset.yaml has no kind; it names the deals table under `deals:`"
    : `a ${want.file} has \`kind: ${expected}\``;
  throw new DatasetError(problem, location, fix);
}
