import { DEFAULT_SEPARATOR, itemSeparator } from "../formats/vocabulary";
import { DatasetError } from "../formats/dataset-error";
import type { AttributeMeta, Column } from "./deal-table";
import type { DatasetSpec } from "../formats/dataset-spec";
import type { LoadReport } from "./load-report";
import { inferAttribute, type Inference, type ValueCount } from "./infer-attribute";
import { describeNumberFormat, numberFormatRule } from "./number-format";
import type { TextTable } from "./read-table";
import { gatherColumn, typedColumn } from "./typed-column";

/**
 * The attribute columns of the deals as the deals and the joined tables are read: as text (for
 * join keys) and typed, with their metadata, the values read as missing and what reading altered.
 */
export interface AttributeColumns {
  text: Record<string, (string | null)[]>;
  typed: Record<string, Column>;
  metas: AttributeMeta[];
  altered: LoadReport["altered"];
  unread: Map<string, ValueCount[]>;
}

/** Columns of one table to add as attributes. */
export interface ColumnSource {
  names: string[];
  columns: (string | null)[][];
  /** The table's label, as messages name it. */
  label: string;
  /** The table the attributes come from, for their metadata (`deals`, or the joined file's base name). */
  table: string;
  /** The row of this table for each deal (-1 for none), when it is joined. */
  index?: Int32Array;
  /** New names of columns whose names the deals already have. */
  rename?: Map<string, string>;
  /** The list columns, by name, with their DuckDB type ({@link TextTable.lists}). */
  lists?: Record<string, string>;
  /** The columns of records, by name, with their DuckDB type ({@link TextTable.nested}). */
  nested?: Record<string, string>;
}

/**
 * Adds the columns of one table as attributes: infers or takes from the spec each one's type and
 * role, types its values (unreadable ones become missing, and are reported) and notes the text
 * that Unicode normalisation respelled.
 *
 * @example
 * import { addAttributeColumns } from "./attribute-columns";
 * const into = { text: {}, typed: {}, metas: [], altered: [], unread: new Map() };
 * addAttributeColumns(into, { names: ["seats"], columns: [["3", "5", null]], label: "deals.csv", table: "deals" }, {});
 * into.metas[0].type; // => "numeric"
 * Array.from(into.typed.seats as Float64Array); // => [3, 5, NaN]
 */
export function addAttributeColumns(into: AttributeColumns, source: ColumnSource, overrides: NonNullable<DatasetSpec["attributes"]>, dateFormat?: string): void {
  const { names, columns, label, table, index, rename } = source;
  names.forEach((name, j) => {
    const as = rename?.get(name) ?? name;
    const o = overrides[as] ?? {};
    const values = columns[j];
    const nonMissing = values.filter((v): v is string => v !== null);
    const list = source.lists?.[name];
    if (list && o.separator !== undefined && o.separator !== DEFAULT_SEPARATOR)
      throw new DatasetError(
        `the column holds lists (${list}), whose items need no separator, but attributes.${as}.separator is ${JSON.stringify(o.separator)}`,
        { file: label, field: name },
        `delete attributes.${as}.separator from dataset.yaml`,
      );
    const inferred = inferAttribute(as, nonMissing, { dateFormat, type: o.type, decimal: o.decimal, ...(list ? { list } : {}) });
    const type = inferred.type;
    const separator = type === "multi" ? itemSeparator(o) : undefined;
    // A column of records is no value to analyse: set aside unless the spec gives it a role.
    const record = source.nested?.[name];
    const setAside = record && !o.role
      ? `a column of records (${record}), not one value per deal: set aside; to use a field of it, read the table with a sql: query that selects the field (SELECT *, ${name}.<field> AS ${name}_<field> FROM …)`
      : undefined;
    const role = o.role ?? (setAside ? "exclude" : inferred.role);
    const column = typedColumn(values, type, { file: label, column: name }, {
      dateFormat,
      separator,
      numberFormat: inferred.numberFormat,
      unread: inferred.unread.map((u) => u.value),
    });
    if (inferred.unread.length) into.unread.set(as, inferred.unread);
    if (inferred.unread.length)
      into.altered.push({ reason: `read as missing (not ${type === "numeric" ? "a finite number" : `a ${type}`}: ${inferred.unread.map((u) => `${JSON.stringify(u.value)} ${u.rows}`).join(", ")})`, column: name, table: label, rows: inferred.unread.reduce((k, u) => k + u.rows, 0) });
    const respelled = type === "categorical" || type === "multi" ? nonMissing.filter((v) => v !== v.normalize("NFC")).length : 0;
    if (respelled) into.altered.push({ reason: "Unicode NFC normalisation (a decomposed spelling of the same text)", column: name, table: label, rows: respelled });
    into.text[as] = index ? (gatherColumn(values as Column, index) as (string | null)[]) : values;
    into.typed[as] = index ? gatherColumn(column, index) : column;
    const numberRule = type === "numeric" ? numberFormatRule(inferred.numberFormat) : undefined;
    into.metas.push({
      name: as,
      type,
      role,
      source: o.type || o.role ? "spec" : "inferred",
      table,
      ...(o.type && o.role ? declaredReason(o.reason, inferred) : { reason: setAside ?? inferred.reason }),
      ...(o.framework ? { framework: o.framework, criterion: o.criterion } : {}),
      ...(separator !== undefined ? { separator } : {}),
      ...(numberRule ? { numberFormat: numberRule } : {}),
    });
  });
}

/**
 * Notes the values of a table read as missing because they match `missing:`, per column.
 *
 * @example
 * import { noteMissingTokens } from "./attribute-columns";
 * const into = { text: {}, typed: {}, metas: [], altered: [], unread: new Map() };
 * noteMissingTokens(into, { label: "deals.csv", names: ["region"], columns: [[null]], rows: 1, replacedByMissing: { region: 1 } });
 * into.altered[0].reason; // => "read as missing (matches `missing:`)"
 */
export function noteMissingTokens(into: AttributeColumns, table: TextTable): void {
  for (const [column, rows] of Object.entries(table.replacedByMissing))
    into.altered.push({ reason: "read as missing (matches `missing:`)", column, table: table.label, rows });
}

/** The reason of a declared attribute: the spec's, or how its numbers were read when not plain. */
function declaredReason(reason: string | undefined, inferred: Inference): { reason?: string } {
  if (reason) return { reason };
  const format = inferred.numberFormat ? describeNumberFormat(inferred.numberFormat) : "";
  return format ? { reason: `numeric: declared (${format})` } : {};
}
