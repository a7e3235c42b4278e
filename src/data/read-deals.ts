import { DatasetError } from "../formats/dataset-error";
import type { LoadContext } from "./load-context";
import { columnCurrency, detectNumberFormat } from "./number-format";
import { outcomeLabels, type OutcomeLabels } from "./outcome-labels";
import { dateColumn } from "./date-column";
import { readTextTable, requireColumn, type TextTable } from "./read-table";
import { typedColumn } from "./typed-column";

/** The deals table as read: every row (open deals too), with ids, outcomes and the typed dates and amount. */
export interface DealsRead {
  table: TextTable;
  ids: (string | null)[];
  outcome: OutcomeLabels;
  /** The columns the spec names for ids, outcome, dates and amount: not attributes. */
  reserved: ReadonlySet<string>;
  createdAt?: Float64Array;
  closedAt?: Float64Array;
  amount?: Float64Array;
  /** The amount's currency (ISO 4217), when its values carry exactly one currency mark. */
  amountCurrency?: string;
}

/**
 * Reads the deals table and its outcome: checks that every deal has a unique id, labels each
 * row won, lost or open, and types the dates (in the spec's time zone) and the amount.
 *
 * @example
 * import { parseDatasetSpec, resolveDatasetSpec } from "leadlab";
 * import { openDuckDB } from "./duckdb-session";
 * import { readDeals } from "./read-deals";
 * const spec = resolveDatasetSpec(parseDatasetSpec("name: s\ndeals: { sql: \"select * from (values ('a', 'won'), ('b', 'lost'), ('c', 'open')) t(id, stage)\", id: id, outcome: { column: stage, won: [won], lost: [lost] } }"));
 * const db = await openDuckDB(".");
 * const tableAt = (field: string) => ({ specFile: "dataset.yaml", field, baseDir: "." });
 * const deals = await readDeals({ db, spec, specFile: "dataset.yaml", progress: () => {}, tableAt });
 * [deals.outcome.won, deals.outcome.lost, deals.table.rows]; // => [1, 1, 3]
 * db.closeSync();
 */
export async function readDeals(load: LoadContext): Promise<DealsRead> {
  const { spec, specFile } = load;
  const { date_format: dateFormat, timezone: timeZone } = spec;
  load.progress("reading deals");
  const deals = await readTextTable(load.db, spec.deals, load.tableAt("deals"), load.spec.missing);
  const col = (name: string, field: string) => deals.columns[requireColumn(deals, name, field, specFile)];
  const ids = col(spec.deals.id, "deals.id");
  const outcomeText = col(spec.deals.outcome.column, "deals.outcome.column");
  const reserved = new Set([spec.deals.id, spec.deals.outcome.column, spec.deals.created_at, spec.deals.closed_at, spec.deals.amount].filter((x): x is string => !!x));
  checkIds(ids, deals.label, spec.deals.id);
  const outcome = outcomeLabels(outcomeText, spec.deals.outcome, deals.label);
  const dateOf = (name: string | undefined, field: string) => {
    if (!name) return undefined;
    return dateColumn(col(name, field), { file: deals.label, column: name }, { dateFormat, timeZone });
  };
  const createdAt = dateOf(spec.deals.created_at, "deals.created_at");
  const closedAt = dateOf(spec.deals.closed_at, "deals.closed_at");
  const amountColumn = spec.deals.amount;
  const amountText = amountColumn ? col(amountColumn, "deals.amount") : undefined;
  const amountFormat = amountText && detectNumberFormat(amountText.filter((v): v is string => v !== null));
  const amount = amountText && (typedColumn(amountText, "numeric", { file: deals.label, column: amountColumn! }, { numberFormat: amountFormat }) as Float64Array);
  const amountCurrency = amountFormat && columnCurrency(amountFormat);
  return { table: deals, ids, outcome, reserved, createdAt, closedAt, amount, ...(amountCurrency ? { amountCurrency } : {}) };
}

/** Throws when a deal has no id or two deals share one (ids compared trimmed); each repeated id is named once, with its first rows and how many. */
function checkIds(ids: (string | null)[], label: string, column: string): void {
  const rowsOf = new Map<string, { first: number[]; count: number }>();
  ids.forEach((id, r) => {
    if (id === null)
      throw new DatasetError("a deal has no id", { file: label, field: column, row: r + 1 }, "give every deal an id, or drop the row from the export");
    const key = id.trim();
    const seen = rowsOf.get(key);
    if (!seen) rowsOf.set(key, { first: [r + 1], count: 1 });
    else {
      if (seen.first.length < 3) seen.first.push(r + 1);
      seen.count++;
    }
  });
  const repeated = [...rowsOf].filter(([, s]) => s.count > 1).sort((a, b) => a[1].first[1] - b[1].first[1]);
  if (!repeated.length) return;
  const duplicates = ids.length - rowsOf.size;
  const rows = (s: { first: number[]; count: number }) =>
    s.count === 2 ? `rows ${s.first[0]} and ${s.first[1]}` : `rows ${s.first.join(", ")}, …: ${s.count.toLocaleString("en-US")} rows`;
  // A column with few values is no id at all; an export without one can number its rows.
  const notAnId = rowsOf.size < ids.length / 2;
  throw new DatasetError(
    `${duplicates.toLocaleString("en-US")} duplicate deal ids${notAnId ? ` (only ${rowsOf.size.toLocaleString("en-US")} distinct values in ${ids.length.toLocaleString("en-US")} rows)` : ""}: ${repeated
      .slice(0, 5)
      .map(([key, s]) => `"${key}" (${rows(s)})`)
      .join(", ")}${repeated.length > 5 ? ", …" : ""}`,
    { file: label, field: column },
    notAnId
      ? "point `deals.id` at a column with one value per deal; if the export has none (one row per deal), number the rows in a `sql:` deals table: SELECT row_number() OVER () AS deal_id, * FROM read_csv('<file>')"
      : "deal ids must be unique: remove the duplicate rows, or point `deals.id` at a unique column",
  );
}

/**
 * A column of the deals as text, by name: one of the spec's reserved columns of the deals table,
 * else an attribute read or joined so far (`values` undefined when there is none), with the
 * names there are, for the message.
 *
 * @example
 * import { dealsTextColumn } from "./read-deals";
 * const table = { label: "deals.csv", names: ["id", "acct"], columns: [["1", "2"], ["x", "y"]], rows: 2, replacedByMissing: {} };
 * dealsTextColumn(new Set(["id"]), table, { acct: ["x", "y"] }, "acct"); // => { values: ["x", "y"], available: ["id", "acct"] }
 */
export function dealsTextColumn(
  reserved: ReadonlySet<string>,
  table: TextTable,
  text: Record<string, (string | null)[]>,
  name: string,
): { values: (string | null)[] | undefined; available: string[] } {
  const values = reserved.has(name) ? table.columns[table.names.indexOf(name)] : text[name];
  return { values, available: [...reserved, ...Object.keys(text)] };
}
