import { compareText } from "./compare-text";
import { DEFAULT_HOLDOUT_SEED } from "../formats/provenance";
import { dirname, resolve } from "node:path";
import { DealTable, type AttributeMeta, type Column, type Holdout } from "./deal-table";
import { DatasetError } from "../formats/dataset-error";
import type { DatasetSpec } from "../formats/dataset-spec";
import { openDuckDB } from "./duckdb-session";
import { eventFeatures, eventWindows } from "./event-features";
import type { AttributeReport, JoinReport, LoadReport } from "./load-report";
import { nearestName } from "../formats/nearest-name";
import { checkFutureDates } from "./future-dates";
import { inferAttribute, type Inference, type ValueCount } from "./infer-attribute";
import { describeNumberFormat, detectNumberFormat, numberFormatRule } from "./number-format";
import { outcomeLabels } from "./outcome-labels";
import { parseDate } from "./parse-date";
import { canonicalTimeZone } from "./time-zone";
import { calendarRange } from "./table-provenance";
import { readDatasetSpec } from "./parse-dataset-spec";
import { readTextTable, requireColumn, type TableContext } from "./read-table";
import { retentionTable } from "./retention-table";
import { countDistinct, countMissing, gatherColumn, typedColumn } from "./typed-column";

/** Text read as missing when the spec has no `missing:`. */
export const DEFAULT_MISSING = ["", "NA", "N/A", "null", "NULL", "#N/A"];
const DAY = 86_400_000;

/** Options of {@link loadDataset}. */
export interface LoadOptions {
  /** Called with a line of progress for long loads (the CLI prints it to stderr). */
  onProgress?: (message: string) => void;
  /** The instant (epoch ms) after which a closed deal's date is "in the future" and warned about. Default: now. */
  asOf?: number;
}

/** A loaded dataset: the table of closed deals, the report of what happened, and the spec. */
export interface LoadedDataset {
  table: DealTable;
  report: LoadReport;
  spec: DatasetSpec;
}

/**
 * Loads a `dataset.yaml` and its files into a {@link DealTable} of closed deals, with a
 * {@link LoadReport} that accounts for every row. Bad input throws a `DatasetError` that
 * names the file, field, row and value, and the fix.
 *
 * @example
 * import { loadDataset } from "leadlab";
 * const { table, report } = await loadDataset("data/sample/dataset.yaml");
 * report.deals.won + report.deals.lost === table.n; // => true
 */
export async function loadDataset(specPath: string, options: LoadOptions = {}): Promise<LoadedDataset> {
  const spec = readDatasetSpec(specPath);
  return loadDatasetSpec(spec, dirname(resolve(specPath)), specPath, options);
}

/**
 * Loads an already parsed spec whose relative paths resolve against `baseDir`.
 *
 * @example
 * import { loadDatasetSpec, parseDatasetSpec } from "leadlab";
 * const spec = parseDatasetSpec("name: s\ndeals: { file: deals.csv, id: deal_id, outcome: { column: stage, won: [Closed Won], lost: [Closed Lost] } }");
 * const { table } = await loadDatasetSpec(spec, "data/sample");
 * table.n > 0; // => true
 */
export async function loadDatasetSpec(spec: DatasetSpec, baseDir: string, specFile = "dataset.yaml", options: LoadOptions = {}): Promise<LoadedDataset> {
  const progress = options.onProgress ?? (() => {});
  const missing = spec.missing ?? DEFAULT_MISSING;
  const dateFormat = spec.date_format;
  // Instants are compared in UTC; naive times are read in the spec's zone, never the machine's.
  const timeZone = canonicalTimeZone(spec.timezone ?? "UTC") ?? "UTC";
  const db = await openDuckDB(baseDir, { timeZone });
  try {
    const ctx = (field: string): TableContext => ({ specFile, field, baseDir });
    progress("reading deals");
    const deals = await readTextTable(db, spec.deals, ctx("deals"), missing);
    const col = (name: string, field: string) => deals.columns[requireColumn(deals, name, field, specFile)];
    const ids = col(spec.deals.id, "deals.id");
    const outcomeText = col(spec.deals.outcome.column, "deals.outcome.column");
    const reserved = new Set([spec.deals.id, spec.deals.outcome.column, spec.deals.created_at, spec.deals.closed_at, spec.deals.amount].filter((x): x is string => !!x));
    checkIds(ids, deals.label, spec.deals.id);
    const outcome = outcomeLabels(outcomeText, spec.deals.outcome, deals.label);
    const dateOf = (name: string | undefined, field: string) => {
      if (!name) return undefined;
      const values = col(name, field);
      const checked = typedColumn(values, "date", { file: deals.label, column: name }, { dateFormat }) as Float64Array;
      return timeZone === "UTC" ? checked : Float64Array.from(values, (v) => (v === null ? NaN : parseDate(v, dateFormat, timeZone)));
    };
    const createdAll = dateOf(spec.deals.created_at, "deals.created_at");
    const closedAll = dateOf(spec.deals.closed_at, "deals.closed_at");
    const amountAll = spec.deals.amount
      ? (typedColumn(col(spec.deals.amount, "deals.amount"), "numeric", { file: deals.label, column: spec.deals.amount }, {
          numberFormat: detectNumberFormat(col(spec.deals.amount, "deals.amount").filter((v): v is string => v !== null)),
        }) as Float64Array)
      : undefined;

    // Columns of the deals after joins: text (for keys) and typed (for attributes).
    const text: Record<string, (string | null)[]> = {};
    const typed: Record<string, Column> = {};
    const metas: AttributeMeta[] = [];
    const altered: LoadReport["altered"] = [];
    const overrides = spec.attributes ?? {};
    const unread = new Map<string, ValueCount[]>();
    const addColumns = (names: string[], columns: (string | null)[][], label: string, table: string, index?: Int32Array, rename?: Map<string, string>) => {
      names.forEach((name, j) => {
        const as = rename?.get(name) ?? name;
        const o = overrides[as] ?? {};
        const values = columns[j];
        const nonMissing = values.filter((v): v is string => v !== null);
        const inferred = inferAttribute(as, nonMissing, { dateFormat, type: o.type, decimal: o.decimal });
        const type = inferred.type;
        const role = o.role ?? inferred.role;
        const column = typedColumn(values, type, { file: label, column: name }, {
          dateFormat,
          separator: o.separator ?? (type === "multi" ? ";" : undefined),
          numberFormat: inferred.numberFormat,
          unread: inferred.unread.map((u) => u.value),
        });
        if (inferred.unread.length) unread.set(as, inferred.unread);
        if (inferred.unread.length)
          altered.push({ reason: `read as missing (not ${type === "numeric" ? "a finite number" : `a ${type}`}: ${inferred.unread.map((u) => `${JSON.stringify(u.value)} ${u.rows}`).join(", ")})`, column: name, table: label, rows: inferred.unread.reduce((k, u) => k + u.rows, 0) });
        const respelled = type === "categorical" || type === "multi" ? nonMissing.filter((v) => v !== v.normalize("NFC")).length : 0;
        if (respelled) altered.push({ reason: "Unicode NFC normalisation (a decomposed spelling of the same text)", column: name, table: label, rows: respelled });
        text[as] = index ? (gatherColumn(values as Column, index) as (string | null)[]) : values;
        typed[as] = index ? gatherColumn(column, index) : column;
        const numberRule = type === "numeric" ? numberFormatRule(inferred.numberFormat) : undefined;
        metas.push({
          name: as,
          type,
          role,
          source: o.type || o.role ? "spec" : "inferred",
          ...(numberRule ? { numberFormat: numberRule } : {}),
          table,
          ...(o.type && o.role ? declaredReason(o.reason, inferred) : { reason: inferred.reason }),
          ...(o.framework ? { framework: o.framework, criterion: o.criterion } : {}),
          ...(type === "multi" ? { separator: o.separator ?? ";" } : {}),
        });
      });
    };
    const dealCols = deals.names.map((n, j) => [n, j] as const).filter(([n]) => !reserved.has(n));
    addColumns(dealCols.map(([n]) => n), dealCols.map(([, j]) => deals.columns[j]), deals.label, "deals");
    for (const [column, rows] of Object.entries(deals.replacedByMissing))
      altered.push({ reason: "read as missing (matches `missing:`)", column, table: deals.label, rows });

    const joins: JoinReport[] = [];
    const keyColumns = new Set<string>();
    for (const [i, join] of (spec.join ?? []).entries()) {
      progress(`joining ${join.file ?? "join " + i}`);
      const t = await readTextTable(db, join, ctx(`join.${i}`), missing);
      const dealsKey = typeof join.on === "string" ? join.on : join.on.deals;
      const tableKey = typeof join.on === "string" ? join.on : join.on.table;
      const available = [...reserved, ...Object.keys(text)];
      const keys = reserved.has(dealsKey) ? deals.columns[deals.names.indexOf(dealsKey)] : text[dealsKey];
      if (!keys) {
        const near = nearestName(dealsKey, available);
        throw new DatasetError(`deals have no column "${dealsKey}" to join on (they have: ${available.join(", ")})`, { file: specFile, field: `join.${i}.on`, value: dealsKey }, near ? `did you mean "${near}"?` : "name a column of deals or of an earlier join");
      }
      const tk = requireColumn(t, tableKey, `join.${i}.on`, specFile);
      const rowOf = new Map<string, number>();
      t.columns[tk].forEach((k, r) => {
        if (k === null) return;
        const key = k.trim();
        if (rowOf.has(key))
          throw new DatasetError(
            `the join is not many-to-one: key "${key}" is on rows ${rowOf.get(key)! + 1} and ${r + 1}`,
            { file: t.label, field: tableKey, row: r + 1, value: key },
            "give the lookup table one row per key (deduplicate it, or aggregate it in a `sql:` table)",
          );
        rowOf.set(key, r);
      });
      const index = Int32Array.from(keys, (k) => (k === null ? -1 : (rowOf.get(k.trim()) ?? -1)));
      let matched = 0, noKey = 0;
      const missed = new Set<string>();
      keys.forEach((k, r) => {
        if (k === null) noKey++;
        else if (index[r] >= 0) matched++;
        else missed.add(k.trim());
      });
      const examples = [...missed].sort(compareText).slice(0, 5);
      const base = (t.label.split("/").pop() ?? "join").replace(/\.[^.]+$/, "");
      const rename = new Map<string, string>();
      const names = t.names.filter((_, j) => j !== tk);
      for (const n of names) if (reserved.has(n) || text[n]) rename.set(n, `${base}_${n}`);
      addColumns(names, names.map((n) => t.columns[t.names.indexOf(n)]), t.label, base, index, rename);
      for (const [column, rows] of Object.entries(t.replacedByMissing))
        altered.push({ reason: "read as missing (matches `missing:`)", column, table: t.label, rows });
      keyColumns.add(dealsKey);
      joins.push({
        table: t.label, on: `${dealsKey} = ${tableKey}`, rows: t.rows, matched, unmatched: keys.length - matched - noKey, noKey, examples,
        columns: names.map((n) => rename.get(n) ?? n), renamed: [...rename].map(([a, b]) => `${a} → ${b}`),
      });
    }

    // Closed deals only, in the canonical order (by deal id, which is unique), so that the same
    // rows in any order give the same table and the same files.
    const closed: number[] = [];
    for (let r = 0; r < deals.rows; r++) if (outcome.codes[r] !== 2) closed.push(r);
    const rows = Int32Array.from(canonicalOrder(closed, ids));
    const pickF = (a: Float64Array | undefined) => (a ? Float64Array.from(rows, (r) => a[r]) : undefined);
    const won = Uint8Array.from(rows, (r) => (outcome.codes[r] === 1 ? 1 : 0));
    const createdAt = pickF(createdAll);
    const closedAt = pickF(closedAll);
    const warnings: string[] = [...outcome.warnings];
    const keyText = (name: string, field: string): (string | null)[] => {
      const source = reserved.has(name) ? deals.columns[deals.names.indexOf(name)] : text[name];
      if (!source) {
        const available = [...reserved, ...Object.keys(text)];
        const near = nearestName(name, available);
        throw new DatasetError(`deals have no column "${name}" (they have: ${available.join(", ")})`, { file: specFile, field, value: name }, near ? `did you mean "${near}"?` : "name a column of deals or of a join");
      }
      return Array.from(rows, (r) => (source[r] === null ? null : source[r]!.trim()));
    };

    for (const name of Object.keys(overrides))
      if (!metas.some((m) => m.name === name) && !name.includes("_count_") && !/_(sum|active_days|days_since_last)_\d+d$/.test(name)) {
        const near = nearestName(name, metas.map((m) => m.name));
        throw new DatasetError(`no column "${name}" in deals or joined tables`, { file: specFile, field: `attributes.${name}` }, near ? `did you mean "${near}"?` : `name one of: ${metas.map((m) => m.name).join(", ")}`);
      }

    const columns: Record<string, Column> = {};
    for (const m of metas) columns[m.name] = gatherColumn(typed[m.name], rows);

    let eventsReport: LoadReport["events"];
    if (spec.events) {
      progress("building behavioural features");
      keyColumns.add(spec.events.key);
      const keys = keyText(spec.events.key, "events.key");
      let at: Float64Array;
      let description: string;
      if (createdAt) [at, description] = [createdAt, `created_at (${spec.deals.created_at})`];
      else if (closedAt) {
        [at, description] = [closedAt, `closed_at (${spec.deals.closed_at}), as no created_at is given`];
        warnings.push("events: no created_at; behavioural features are cut at the close date and may reflect the sales process itself (set deals.created_at)");
      } else {
        at = new Float64Array(rows.length).fill(Number.MAX_SAFE_INTEGER);
        description = "none: no created_at or closed_at, every event counts";
        warnings.push("events: the deals have no dates, so events cannot be cut at a scoring point; behavioural features may leak the outcome");
      }
      const f = await eventFeatures(db, spec.events, ctx("events"), { keys, at, description }, { missing, dateFormat, timeZone, taken: new Set(metas.map((m) => m.name)), onProgress: progress });
      metas.push(...f.attributes);
      Object.assign(columns, f.columns);
      for (const [name, o] of Object.entries(overrides)) {
        const m = f.attributes.find((a) => a.name === name);
        if (m && o.role) m.role = o.role;
      }
      warnings.push(...f.warnings);
      eventsReport = f.report;
    }

    let retention: DealTable["retention"];
    let retentionReport: LoadReport["retention"];
    if (spec.retention) {
      progress("reading retention");
      keyColumns.add(spec.retention.key);
      const r = await retentionTable(db, spec.retention, ctx("retention"), { keys: keyText(spec.retention.key, "retention.key"), won }, { missing, dateFormat });
      retention = r.retention;
      retentionReport = r.report;
      warnings.push(...r.warnings);
    }
    for (const m of metas)
      if (keyColumns.has(m.name) && !overrides[m.name]?.role) {
        m.role = "exclude";
        m.reason = "a key used to join tables";
      }

    for (const j of joins)
      if (j.unmatched > 0) warnings.push(`join ${j.table}: ${j.unmatched} of ${deals.rows} deals found no row (e.g. ${j.examples.map((e) => JSON.stringify(e)).join(", ")}); their columns from it are missing`);
    if (createdAt && closedAt) {
      let bad = 0;
      for (let i = 0; i < createdAt.length; i++) if (closedAt[i] < createdAt[i]) bad++;
      if (bad) warnings.push(`${bad} closed deals close before they were created; check ${spec.deals.created_at} and ${spec.deals.closed_at}`);
    }
    if (rows.length < 200) warnings.push(`only ${rows.length} closed deals: intervals will be wide and few attributes can be shown to matter`);

    const dates = closedAt ?? createdAt;
    const dateColumn = closedAt ? spec.deals.closed_at! : spec.deals.created_at;
    const calendar = dates && dateColumn ? calendarRange(dates, timeZone) : undefined;
    const dateRange: LoadReport["dateRange"] = calendar && { ...calendar, column: dateColumn! };
    const holdout = resolveHoldout(spec, dateRange);
    const future = checkFutureDates(
      [[spec.deals.created_at, createdAt], [spec.deals.closed_at, closedAt]],
      { asOf: options.asOf ?? Date.now(), rowOf: (i) => rows[i] + 1, label: deals.label, holdout, holdoutDates: dates },
    );
    warnings.push(...future.warnings);
    const groupColumn = [spec.events?.key, ...(spec.join ?? []).map((j) => (typeof j.on === "string" ? j.on : j.on.deals)), spec.retention?.key].find(
      (c): c is string => c !== undefined && c !== spec.deals.id,
    );
    let groups: DealTable["groups"];
    let grouping: LoadReport["grouping"];
    if (groupColumn) {
      const keys = keyText(groupColumn, "grouping");
      const sizes = new Map<string, number>();
      for (const k of keys) if (k !== null) sizes.set(k, (sizes.get(k) ?? 0) + 1);
      const largest = Math.max(0, ...sizes.values());
      if (largest > 1) {
        groups = { column: groupColumn, keys };
        grouping = { column: groupColumn, groups: sizes.size, largest };
      }
    }
    if (!spec.holdout) warnings.push(`holdout: none given; using ${holdout.by === "time" ? `the last ${holdout.lastDays} days (time)` : `a random ${holdout.fraction} (seed ${holdout.seed})`}`);

    const table = new DealTable({
      name: spec.name,
      ids: Array.from(rows, (r) => ids[r]!.trim()),
      won,
      createdAt,
      closedAt,
      amount: pickF(amountAll),
      attributes: metas,
      columns,
      retention,
      holdout,
      groups,
      sources: {
        id: spec.deals.id,
        ...(spec.deals.created_at ? { scoringPoint: spec.deals.created_at } : {}),
        ...(spec.events
          ? { events: { key: spec.events.key, time: spec.events.time, type: spec.events.type, ...(spec.events.value ? { value: spec.events.value } : {}), windows: eventWindows(spec.events) } }
          : {}),
        keep: Object.entries(spec.attributes ?? {}).filter(([, a]) => a.keep).map(([name]) => name).sort(),
        informativeMissing: Object.entries(spec.attributes ?? {}).filter(([, a]) => a.missing === "informative").map(([name]) => name).sort(),
        missing: [...missing],
        timeZone,
        ...(dateFormat ? { dateFormat } : {}),
      },
    });
    const attributes: AttributeReport[] = metas.map((m) => ({
      name: m.name, type: m.type, role: m.role, source: m.source, table: m.table, ...(m.reason ? { reason: m.reason } : {}),
      missing: rows.length ? countMissing(columns[m.name]) / rows.length : 0,
      distinct: countDistinct(columns[m.name]),
      ...(unread.has(m.name) ? { unread: unread.get(m.name) } : {}),
    }));
    const open = deals.rows - rows.length;
    const report: LoadReport = {
      dataset: spec.name,
      deals: { table: deals.label, read: deals.rows, won: outcome.won, lost: outcome.lost, open, dropped: open, openValues: outcome.openValues,
        ...(outcome.nearValues.length ? { nearValues: outcome.nearValues } : {}),
        ...(outcome.foldedValues.length ? { foldedValues: outcome.foldedValues } : {}),
      },
      excluded: open ? [{ reason: "open deal (outcome neither won nor lost): not trained on", rows: open, examples: outcome.openValues.slice(0, 5).map((v) => v.value) }] : [],
      altered,
      joins,
      ...(eventsReport ? { events: eventsReport } : {}),
      ...(retentionReport ? { retention: retentionReport } : {}),
      ...(dateRange ? { dateRange } : {}),
      ...(future.dates.length ? { futureDates: future.dates } : {}),
      ...(grouping ? { grouping } : {}),
      attributes,
      warnings,
    };
    progress(`loaded ${table.n} closed deals, ${metas.length} attributes`);
    return { table, report, spec };
  } finally {
    db.closeSync();
  }
}

/**
 * Rows sorted by their (unique, trimmed) id, compared by code point: the order every table is
 * computed in, whatever the order of the file or of a `sql:` query without ORDER BY.
 */
function canonicalOrder(rows: number[], ids: (string | null)[]): number[] {
  const key = (r: number) => ids[r]!.trim();
  return rows.sort((a, b) => compareText(key(a), key(b)));
}


function checkIds(ids: (string | null)[], label: string, column: string): void {
  const seen = new Map<string, number>();
  const dups: string[] = [];
  ids.forEach((id, r) => {
    if (id === null)
      throw new DatasetError("a deal has no id", { file: label, field: column, row: r + 1 }, "give every deal an id, or drop the row from the export");
    const key = id.trim();
    if (seen.has(key)) dups.push(`"${key}" (rows ${seen.get(key)! + 1} and ${r + 1})`);
    else seen.set(key, r);
  });
  if (dups.length)
    throw new DatasetError(
      `${dups.length} duplicate deal ids: ${dups.slice(0, 5).join(", ")}${dups.length > 5 ? ", …" : ""}`,
      { file: label, field: column },
      "deal ids must be unique: remove the duplicate rows, or point `deals.id` at a unique column",
    );
}

/** The reason of a declared attribute: the spec's, or how its numbers were read when not plain. */
function declaredReason(reason: string | undefined, inferred: Inference): { reason?: string } {
  if (reason) return { reason };
  const format = inferred.numberFormat ? describeNumberFormat(inferred.numberFormat) : "";
  return format ? { reason: `numeric: declared (${format})` } : {};
}

function resolveHoldout(spec: DatasetSpec, range: LoadReport["dateRange"]): Holdout {
  const h = spec.holdout;
  if (h?.by === "time") return { by: "time", lastDays: h.last_days };
  if (h?.by === "random") return { by: "random", fraction: h.fraction, seed: h.seed ?? DEFAULT_HOLDOUT_SEED };
  if (range) {
    const span = (Date.parse(range.to) - Date.parse(range.from)) / DAY;
    return { by: "time", lastDays: Math.max(90, Math.round(span * 0.2)) };
  }
  return { by: "random", fraction: 0.25, seed: DEFAULT_HOLDOUT_SEED };
}
