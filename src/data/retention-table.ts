import type { DuckDBConnection } from "@duckdb/node-api";
import type { Retention } from "./deal-table";
import { DatasetError } from "../formats/dataset-error";
import type { DatasetSpec } from "../formats/dataset-spec";
import type { LoadReport } from "./load-report";
import { readTextTable, requireColumn, type TableContext } from "./read-table";
import { retentionFlags } from "./retention-flags";
import { dateColumn } from "./date-column";
import { parseDate } from "./parse-date";
import { dateInZone } from "./time-zone";

const DAY = 86_400_000;

/**
 * Reads the retention table and attaches it to the won deals by key, in the flag form
 * (`retained`) or the survival form (`start`, `churned_at`, censored at `observed_until`,
 * by default the latest date in the table), every date read in the dataset's time zone. One row
 * per key; lost deals get no retention.
 *
 * @example
 * // see loadDataset, which calls it with the deals' keys
 */
export async function retentionTable(
  db: DuckDBConnection,
  spec: NonNullable<DatasetSpec["retention"]>,
  ctx: TableContext,
  deals: { keys: (string | null)[]; won: Uint8Array },
  options: { missing: readonly string[]; dateFormat?: string; timeZone: string },
): Promise<{ retention: Retention; report: NonNullable<LoadReport["retention"]>; warnings: string[] }> {
  const t = await readTextTable(db, spec, ctx, options.missing);
  const keyCol = t.columns[requireColumn(t, spec.key, "retention.key", ctx.specFile)];
  const rowOf = new Map<string, number>();
  keyCol.forEach((k, r) => {
    if (k === null) return;
    const key = k.trim();
    if (rowOf.has(key))
      throw new DatasetError(
        `the retention table has more than one row for key "${key}" (rows ${rowOf.get(key)! + 1} and ${r + 1})`,
        { file: t.label, field: spec.key, row: r + 1, value: key },
        "give one row per key, e.g. with a `sql:` retention table that aggregates per key",
      );
    rowOf.set(key, r);
  });
  const n = deals.keys.length;
  const index = Int32Array.from(deals.keys, (k, i) => (deals.won[i] && k !== null ? (rowOf.get(k.trim()) ?? -1) : -1));
  let matched = 0;
  const examples: string[] = [];
  let unmatched = 0;
  for (let i = 0; i < n; i++) {
    if (!deals.won[i]) continue;
    if (index[i] >= 0) matched++;
    else {
      unmatched++;
      if (examples.length < 5 && deals.keys[i] !== null && !examples.includes(deals.keys[i]!)) examples.push(deals.keys[i]!);
    }
  }
  const warnings: string[] = [];
  if (unmatched > 0) warnings.push(`retention: ${unmatched} won deals have no row in ${t.label}; their retention is unknown`);
  const base = { table: t.label, rows: t.rows, matched, unmatched, examples };
  if (spec.retained) {
    const col = t.columns[requireColumn(t, spec.retained.column, "retention.retained.column", ctx.specFile)];
    const flags = retentionFlags(col, spec.retained, t.label);
    const retained = Array.from(index, (r) => (r < 0 ? null : flags.values[r]));
    if (flags.other.length)
      warnings.push(`retention: ${flags.other.reduce((s, o) => s + o.rows, 0)} values of ${spec.retained.column} are in neither true: nor false: and are read as unknown (other: missing): ${flags.other.map((o) => `"${o.value}" (${o.rows})`).join(", ")}`);
    return {
      retention: { form: "flag", key: deals.keys, retained },
      report: { ...base, form: "flag", flags: { true: flags.trueRows, false: flags.falseRows, missing: flags.missingRows, other: flags.other } },
      warnings,
    };
  }
  // Dates in the dataset's time zone, as the deals' (observed_until too: its midnight there).
  const dateCol = (field: "start" | "churned_at") => dateColumn(t.columns[requireColumn(t, spec[field]!, `retention.${field}`, ctx.specFile)], { file: t.label, column: spec[field]! }, options);
  const start = dateCol("start");
  const churn = dateCol("churned_at");
  let observedUntil = spec.observed_until !== undefined ? parseDate(spec.observed_until, undefined, options.timeZone) : -Infinity;
  if (spec.observed_until === undefined) {
    for (const x of [...start, ...churn]) if (x > observedUntil) observedUntil = x;
    warnings.push(`retention: no observed_until given; censoring at the latest date in the table, ${dateInZone(observedUntil, options.timeZone)}`);
  }
  const s = Float64Array.from(index, (r) => (r < 0 ? NaN : start[r]));
  const days = new Float64Array(n).fill(NaN);
  const churned = new Uint8Array(n);
  let negative = 0;
  for (let i = 0; i < n; i++) {
    const r = index[i];
    if (r < 0 || Number.isNaN(start[r])) continue;
    const c = churn[r];
    const event = !Number.isNaN(c) && c <= observedUntil;
    const d = ((event ? c : observedUntil) - start[r]) / DAY;
    if (d < 0) {
      negative++;
      continue;
    }
    days[i] = d;
    churned[i] = event ? 1 : 0;
  }
  if (negative > 0) warnings.push(`retention: ${negative} won deals churn (or are observed) before their start; their lifetime is treated as unknown`);
  return {
    retention: { form: "survival", key: deals.keys, start: s, days, churned, observedUntil },
    report: { ...base, form: "survival", observedUntil: dateInZone(observedUntil, options.timeZone) },
    warnings,
  };
}
