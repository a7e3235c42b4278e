import type { DuckDBConnection } from "@duckdb/node-api";
import { DatasetError } from "../formats/dataset-error";
import type { PersonasDocument } from "../formats/personas-schema";
import type { ScoringRules } from "../formats/scoring-rules-schema";
import { itemSeparator } from "../formats/vocabulary";
import { columnShape } from "../data/column-shape";
import { quoteIdentifier, quoteString } from "../sql/quoting";
import { scoredInputs } from "./lead-value";

/** An attribute that reads a column of the leads: whether it reads items (and split by what), or one value. */
export interface ColumnReader {
  /** The attribute and what kind of value it reads, for messages: e.g. `the rules' attribute "industry"` and `categorical`. */
  name: string;
  kind: string;
  column: string;
  /** Its item separator when it reads the items of a multi-valued cell (`contains`, or a persona's `multi`); undefined when it reads one value. */
  separator?: string;
}

/**
 * The columns the rules' attributes (the scorecard's and the value block's) and the persona
 * rules' attributes read, and how each reads them.
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { columnReaders } from "./list-columns";
 * const readers = columnReaders(readScoringRules("tests/scoring/fixtures/scoring.yaml"));
 * readers.find((r) => r.column === "tech_stack"); // => { name: "the rules' attribute \"tech_stack=Salesforce\"", kind: "contains", column: "tech_stack", separator: ";" }
 */
export function columnReaders(rules: ScoringRules, personas?: Pick<PersonasDocument, "attributes">): ColumnReader[] {
  return [
    ...scoredInputs(rules).flatMap((a) =>
      "column" in a.source ? [{ name: `the rules' attribute ${JSON.stringify(a.name)}`, kind: a.match, column: a.source.column, ...(a.match === "contains" ? { separator: itemSeparator(a) } : {}) }] : [],
    ),
    ...(personas?.attributes ?? []).flatMap((a) =>
      "column" in a.source ? [{ name: `the persona attribute ${JSON.stringify(a.name)}`, kind: a.type, column: a.source.column, ...(a.type === "multi" ? { separator: itemSeparator(a) } : {}) }] : [],
    ),
  ];
}

/**
 * A leads table whose list columns (a Parquet or NDJSON array: DuckDB type `…[]`) read by
 * attributes that read items ({@link columnReaders}: `contains`, a persona's `multi`) are written
 * as those read a CSV cell of items: the items joined by the attribute's separator. DuckDB's own text of a list, `[HubSpot, Salesforce]`,
 * would be one item that contains nothing. Refused, each with what to do: a column of records
 * (a STRUCT or MAP) that an attribute reads, a list column read by
 * an attribute that takes one value, by attributes with different separators, or
 * holding an item that has the separator in it. Returns the table's expression and its column
 * types (the joined columns as VARCHAR); unchanged when no list column is read.
 *
 * @example
 * import { openDuckDB } from "../data/duckdb-session";
 * import { readScoringRules } from "leadlab";
 * import { columnReaders, listColumnsAsText } from "./list-columns";
 * const db = await openDuckDB(".");
 * const rules = readScoringRules("tests/scoring/fixtures/scoring.yaml");
 * const leads = "(SELECT 'L1' AS lead_id, ['HubSpot', 'Salesforce'] AS tech_stack)";
 * const { expr } = await listColumnsAsText(db, columnReaders(rules), new Map([["lead_id", "VARCHAR"], ["tech_stack", "VARCHAR[]"]]), leads, "leads.parquet");
 * (await db.runAndReadAll(`SELECT tech_stack FROM ${expr}`)).getRowsJS(); // => [["HubSpot;Salesforce"]]
 * db.closeSync();
 */
export async function listColumnsAsText(
  db: DuckDBConnection,
  readers: readonly ColumnReader[],
  types: ReadonlyMap<string, string>,
  expr: string,
  leadsPath: string,
): Promise<{ types: Map<string, string>; expr: string }> {
  const joined = new Map<string, string>();
  for (const [column, type] of types) {
    const shape = columnShape(type);
    if (shape === "scalar") continue;
    const reading = readers.filter((r) => r.column === column);
    if (reading.length === 0) continue;
    if (shape === "nested")
      throw new DatasetError(
        `the column holds records (${type}), not one value per lead, but ${reading[0].name} reads it`,
        { file: leadsPath, field: column },
        `export "${column}" as the one value per lead that training read`,
      );
    const single = reading.find((r) => r.separator === undefined);
    if (single)
      throw new DatasetError(
        `the column holds lists (${type}), but ${single.name} reads one ${single.kind} value from it`,
        { file: leadsPath, field: column },
        `export "${column}" with one value per lead, as training read it`,
      );
    const separators = [...new Set(reading.map((r) => r.separator!))];
    if (separators.length > 1)
      throw new DatasetError(
        `the column holds lists (${type}), which ${reading.map((r) => r.name).join(" and ")} split with different separators (${separators.map((x) => JSON.stringify(x)).join(", ")})`,
        { file: leadsPath, field: column },
        "export the column as text, its items joined as training read them",
      );
    const col = quoteIdentifier(column, "duckdb");
    const separator = quoteString(separators[0], "duckdb");
    const [[clash]] = (await db.runAndReadAll(`SELECT min(x) FROM (SELECT UNNEST(${col}) AS x FROM ${expr}) WHERE contains(CAST(x AS VARCHAR), ${separator})`)).getRowsJS();
    if (clash !== null)
      throw new DatasetError(
        `the column holds lists (${type}) with an item that has the separator ${JSON.stringify(separators[0])} in it, so its items cannot be read as training read them`,
        { file: leadsPath, field: column, value: String(clash) },
        "export the column as text, its items joined as training read them",
      );
    joined.set(column, `array_to_string(${col}, ${separator}) AS ${col}`);
  }
  if (joined.size === 0) return { types: new Map(types), expr };
  return {
    types: new Map([...types].map(([column, type]) => [column, joined.has(column) ? "VARCHAR" : type])),
    expr: `(SELECT * REPLACE (${[...joined.values()].join(", ")}) FROM ${expr})`,
  };
}
