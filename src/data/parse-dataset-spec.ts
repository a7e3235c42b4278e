import { readFileSync } from "node:fs";
import { DatasetError } from "../formats/dataset-error";
import { DatasetSpecSchema, type DatasetSpec, type TableSource } from "../formats/dataset-spec";
import { assertMatchesSchema, parseYamlMapping } from "../formats/schema-errors";
import { foldText } from "./fold-text";
import { parseDate } from "./parse-date";
import { canonicalTimeZone, nearestTimeZone } from "./time-zone";
import { requireFile } from "../formats/require-file";
import { assertDocumentKind } from "../formats/document-kind";

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
  const data = parseYamlMapping(text, file, "start from the example in the README");
  assertDocumentKind(data, "DatasetSpec", file);
  assertMatchesSchema(DatasetSpecSchema, data, file, "the dataset spec in the README");
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
  requireFile(path, { what: "the dataset spec", name: "dataset.yaml", fix: "pass the path of a dataset.yaml (see the README)" });
  return parseDatasetSpec(readFileSync(path, "utf8"), path);
}

/**
 * The canonical IANA name of the spec's `timezone:` (UTC when it has none); throws naming the
 * field, the value and the nearest zone when it is not one.
 *
 * @example
 * import { specTimeZone } from "./parse-dataset-spec";
 * [specTimeZone("asia/tokyo", "dataset.yaml"), specTimeZone(undefined, "dataset.yaml")]; // => ["Asia/Tokyo", "UTC"]
 */
export function specTimeZone(timezone: string | undefined, file: string): string {
  if (timezone === undefined) return "UTC";
  const canonical = canonicalTimeZone(timezone);
  if (canonical) return canonical;
  const near = nearestTimeZone(timezone);
  throw new DatasetError(
    "not an IANA time zone name",
    { file, field: "timezone", value: timezone },
    `${near ? `did you mean "${near}"? ` : ""}name the zone naive timestamps were written in, e.g. America/New_York, Europe/Berlin or UTC (an offset such as +09:00 is not a zone: write it in the data instead)`,
  );
}

function checkStructure(spec: DatasetSpec, file: string): void {
  specTimeZone(spec.timezone, file);
  const tables: [string, TableSource | undefined][] = [
    ["deals", spec.deals],
    ...(spec.join ?? []).map((j, i) => [`join.${i}`, j] as [string, TableSource]),
    ["events", spec.events],
    ["retention", spec.retention],
  ];
  for (const [field, t] of tables) {
    if (!t) continue;
    if (t.sheet !== undefined && !/\.xlsx$/i.test(t.file ?? ""))
      throw new DatasetError("`sheet` applies only to an .xlsx file", { file, field: `${field}.sheet`, value: String(t.sheet) }, "remove `sheet:`, or point `file:` at the .xlsx workbook");
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
        "add `retained: { column, true: [...], false: [...] }` or both `start:` and `churned_at:`",
      );
    const both = r.retained ? r.retained.true.filter((v) => r.retained!.false.some((w) => foldText(w) === foldText(v))) : [];
    if (both.length)
      throw new DatasetError(
        `${JSON.stringify(both[0])} is in both true: and false:`,
        { file, field: "retention.retained", value: both[0] },
        "list each value in one of the two lists",
      );
    // Read as the retention table reads it (ISO 8601, in the dataset's time zone): never by Date.parse, which reads other forms in the machine's zone.
    if (r.observed_until !== undefined && Number.isNaN(parseDate(r.observed_until)))
      throw new DatasetError("not an ISO date", { file, field: "retention.observed_until", value: r.observed_until }, "write it as YYYY-MM-DD");
  }
  for (const [name, a] of Object.entries(spec.attributes ?? {})) {
    if (a.separator !== undefined && a.type !== "multi")
      throw new DatasetError("`separator` only applies to multi-valued attributes", { file, field: `attributes.${name}` }, "add `type: multi` or remove `separator`");
    if (a.decimal !== undefined && a.type !== undefined && a.type !== "numeric")
      throw new DatasetError("`decimal` only applies to numeric attributes", { file, field: `attributes.${name}` }, "add `type: numeric` or remove `decimal`");
    if ((a.framework === undefined) !== (a.criterion === undefined))
      throw new DatasetError("`framework` and `criterion` go together", { file, field: `attributes.${name}` }, "give both, e.g. `framework: BANT, criterion: budget`");
  }
}
