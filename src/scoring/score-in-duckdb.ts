import { closeSync, mkdtempSync, openSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { csvField } from "../format/csv-line";
import { quoteIdentifier, quoteString } from "../sql/quoting";
import { ScoreError, scoreOfBins, type CompiledAttribute, type CompiledRules, type LeadScore } from "./score";
import type { ChunkOutput, ScoredOutput } from "./scored-output";
import type { UnscoredReason } from "./score-file";
import { idCounts, type IdCounts } from "./id-counts";

/** DuckDB column types whose every value is a double, or an integer a double holds as its text reads. */
const EXACT_NUMBER_TYPES = new Set(["DOUBLE", "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UINTEGER", "USMALLINT", "UTINYINT"]);

/** What {@link scoreInDuckDB} counted. */
export interface ScoredInDuckDB {
  rows: number;
  scored: number;
  unscored: UnscoredReason[];
  /** Per attribute, the category values in no bin (trimmed) and their rows. */
  unknown: Map<string, Map<string, number>>;
  ids: IdCounts;
}

/** The scored file's header, and how a scored line is written after the id. */
export interface LineCells {
  /** The header's cells, as written (`id,points,tier,grade,fit,engagement,reasons` without a `value` block). */
  header: readonly string[];
  /** The cells of a scored lead after its id, without the line break (used for rules with a `value` block; otherwise DuckDB writes the same cells itself). */
  format(score: LeadScore): string;
  /** The cells of a lead that cannot be scored, after its id and up to its `could not score: …` cell (e.g. ",,,,,,"; used with a `value` block). */
  empty: string;
}

/** A column the rules read: how DuckDB holds it (`text`: read as text; `typed`: a DOUBLE or integer column; `computed`: a feature computed in JavaScript, NULL for NaN). */
interface Column {
  key: string;
  kind: "text" | "typed" | "computed";
  /** Read by a numeric attribute. */
  numeric: boolean;
}

/** An attribute's listed values (those its number code does not take), as DuckDB's text of each, and the scorer's code of each. */
interface AttributeValues {
  values: string[];
  codes: number[];
  /** The rows of each value (all rows, whether or not another attribute fails on them). */
  rows: number[];
  /** Per value no bin takes (by index): the error the scorer raises. */
  errors: Map<number, ScoreError>;
}

/**
 * Scores every row of a leads table inside DuckDB and writes the scored lines to `write` in the
 * table's order (`leadlab score` without personas). JavaScript decides per distinct value,
 * DuckDB applies the decisions per row:
 * 1. DuckDB lists each attribute's distinct values that are not numbers it reads exactly as the
 *    scorer would (text, blanks, numbers written otherwise, numbers no range takes; every value
 *    of a text attribute), and the scorer's own `codeOf` codes each one (2 × bin, + 1 for an
 *    unknown category, −1 when no bin takes it, with the error it raises);
 * 2. each row's code is then, for such a number, a CASE over the attribute's edges whose every
 *    branch is `codeOfNumber` evaluated in JavaScript (see `numberCode`), and for a listed value
 *    a few comparisons of its place in the attribute's ENUM type (see {@link ValueSet});
 * 3. the line: without a `value` block DuckDB adds up the points and writes the cells itself
 *    (see `writeLines`); with one, the distinct combinations of bins are formatted once by
 *    `cells.format` and DuckDB joins each row with its combination's line (`writeCombinations`).
 *    A row no bin takes gets `cells.empty` and the `could not score: …` cell of the first
 *    attribute that cannot take its value. The ids are written as {@link csvField} writes
 *    them. DuckDB writes the file to `write.path`, or to a temporary file handed to `write` a
 *    megabyte at a time.
 * Features computed in JavaScript (`computed`, by key: a value per row, NaN when missing) join
 * the rows by their number first. Rows joined with something (the computed features, the
 * combinations' lines) are put back in order by their number; otherwise DuckDB keeps a single
 * table's order through projections, as its documentation guarantees. The counts are those of scoring the rows one by one: unscored rows per reason (the first five ids
 * and values in row order), unknown categories of the attributes scored before a row's first
 * failure, and blank and repeated ids ({@link idCounts}).
 *
 * @example
 * import { openDuckDB } from "../data/duckdb-session";
 * import { readScoringRules } from "leadlab";
 * import { compileRules } from "./score";
 * import { scoreInDuckDB } from "./score-in-duckdb";
 * const db = await openDuckDB(".");
 * const c = compileRules(readScoringRules("tests/scoring/fixtures/scoring.yaml"), { reasons: 1 });
 * const leads = `(SELECT * FROM (VALUES ('L1', '250'), ('L2', 'many')) v(lead_id, employees))`;
 * const expr = `(SELECT l.*, ${c.keys.filter((k) => k !== "employees").map((k) => `NULL AS ${k}`).join(", ")} FROM ${leads} l)`;
 * const types = new Map(c.keys.map((k) => [k, "VARCHAR"]));
 * let text = "";
 * const header = ["lead_id", "points", "tier", "grade", "fit", "engagement", "reasons"];
 * const done = await scoreInDuckDB(db, expr, "lead_id", types, c, (t) => (text += t), { header, format: () => "", empty: ",,,,,," });
 * text; // => 'lead_id,points,tier,grade,fit,engagement,reasons\nL1,30,C,C4,25,-5,"+35 employees 200–1,999"\nL2,,,,,,"could not score: employees: ""many"" is not a number"\n'
 * done.unscored[0].reason; // => "employees: not a number"
 * db.closeSync();
 */
export async function scoreInDuckDB(
  db: DuckDBConnection,
  expr: string,
  idColumn: string,
  types: ReadonlyMap<string, string>,
  c: CompiledRules,
  write: ScoredOutput,
  cells: LineCells,
  computed: ReadonlyMap<string, Float64Array> = new Map(),
): Promise<ScoredInDuckDB> {
  const folder = mkdtempSync(join(tmpdir(), "leadlab-score-"));
  // The ENUM types made for the listed values, dropped at the end.
  const enums: string[] = [];
  try {
    const columns: Column[] = c.keys.map((key) => ({
      key,
      kind: computed.has(key) ? "computed" : EXACT_NUMBER_TYPES.has(types.get(key) ?? "") ? "typed" : "text",
      numeric: c.attributes.some((a) => a.codeOfNumber && c.keys[a.index] === key),
    }));
    let leads = expr;
    if (computed.size) leads = await withComputed(db, expr, columns, computed);
    const rows = readRows(leads, idColumn, c, columns);
    const { values, uniqueIds } = await listedValues(db, rows, c, columns);
    const sets = await valueSets(db, values, enums);
    const placed = `(SELECT *, ${c.attributes.map((a, k) => `${placeSql(k, a.index, sets[k])} AS e${k}`).join(", ") || "0 AS leadlab_no_place"} FROM ${rows})`;
    const codes = `(SELECT leadlab_id, ${c.attributes.map((a, k) => `${textCode(k, sets[k])} AS c${k}, r${a.index} AS t${k}`).join(", ") || "0 AS leadlab_none"} FROM ${placed})`;
    // DuckDB writes the file: where the caller wants it, or in a temporary folder to hand over.
    const file = "path" in write ? write.path : join(folder, "scored.csv");
    const copyTo = (select: string) => `COPY (${select}) TO ${quoteString(file, "duckdb")} (FORMAT csv, HEADER true, QUOTE '', ESCAPE '', USE_TMP_FILE false)`;
    const written = c.value ? await writeCombinations(db, codes, c, cells, values, copyTo) : await writeLines(db, codes, c, cells, values, copyTo);
    if (!("path" in write)) copyFile(file, write);
    const unscored = await unscoredReasons(db, placed, c, values, sets);
    return {
      rows: written,
      scored: written - unscored.reduce((s, u) => s + u.rows, 0),
      unscored,
      unknown: await unknownCategories(db, placed, c, values, sets),
      ids: uniqueIds ? { blank: 0, duplicated: { ids: 0, rows: 0, examples: [] } } : await idCounts(db, leads, idColumn),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    for (const table of ["leadlab_lines", "leadlab_features", "leadlab_leads"]) await db.run(`DROP TABLE IF EXISTS ${table}`);
    for (const type of enums) await db.run(`DROP TYPE ${type}`);
  }
}

/**
 * The leads with their computed features, as a table in the leads' order (`leadlab_leads`): the
 * leads' columns, and each feature of column j as `leadlab_f<j>` (NULL for NaN).
 */
async function withComputed(db: DuckDBConnection, expr: string, columns: readonly Column[], computed: ReadonlyMap<string, Float64Array>): Promise<string> {
  const features = columns.flatMap((col, j) => (col.kind === "computed" ? [{ key: col.key, j }] : []));
  await db.run(`CREATE TEMP TABLE leadlab_features (leadlab_row BIGINT, ${features.map((f) => `leadlab_f${f.j} DOUBLE`).join(", ")})`);
  const appender = await db.createAppender("leadlab_features");
  const n = computed.get(features[0].key)!.length;
  for (let r = 0; r < n; r++) {
    appender.appendBigInt(BigInt(r + 1));
    for (const f of features) {
      const x = computed.get(f.key)![r];
      if (x === x) appender.appendDouble(x);
      else appender.appendNull();
    }
    appender.endRow();
  }
  appender.closeSync();
  await db.run(
    `CREATE TEMP TABLE leadlab_leads AS SELECT * EXCLUDE (leadlab_row) FROM (SELECT row_number() OVER () AS leadlab_row, * FROM ${expr}) JOIN leadlab_features USING (leadlab_row) ORDER BY leadlab_row`,
  );
  return "leadlab_leads";
}

/** The number code of an attribute that reads its column as text. */
const NO_NUMBER_CODE = "CAST(NULL AS INTEGER)";

/**
 * The rows as the codes read them: `leadlab_id` (the id's text, '' when NULL); per column j
 * `d<j>` (for a numeric attribute's column: its number where it is a finite number the scorer
 * reads as the same double: any finite value of a DOUBLE or integer column or of a computed
 * feature, a text that is DuckDB's canonical form of a finite number, "250", "-3", "2.5",
 * "1e+20"; else NULL) and `r<j>` (the text the scorer is given where `d<j>` is not read: the
 * column's text, '' when NULL; a computed feature's number as text, 'NaN' when missing); per
 * attribute k `n<k>`, its code of `d<j>` (NULL where no bin takes the number or there is none).
 */
function readRows(leads: string, idColumn: string, c: CompiledRules, columns: readonly Column[]): string {
  const numbers = c.attributes.map((a) => (a.codeOfNumber && columns[a.index].numeric ? numberCode(a, `d${a.index}`) : NO_NUMBER_CODE));
  const read = columns.map(({ key, kind, numeric }, j) => {
    const col = quoteIdentifier(key, "duckdb");
    if (kind === "computed") return `leadlab_f${j} AS d${j}`;
    if (!numeric) return `COALESCE(CAST(${col} AS VARCHAR), '') AS r${j}`;
    if (kind === "typed") return `CASE WHEN isfinite(${col}) THEN CAST(${col} AS DOUBLE) END AS d${j}, ${col} AS x${j}`;
    const raw = `CAST(${col} AS VARCHAR)`;
    const x = `TRY_CAST(${raw} AS DOUBLE)`;
    return `COALESCE(${raw}, '') AS r${j}, CASE WHEN isfinite(${x}) AND (CAST(${x} AS VARCHAR) = ${raw} OR CAST(TRY_CAST(${raw} AS BIGINT) AS VARCHAR) = ${raw}) THEN ${x} END AS d${j}`;
  });
  // A typed or computed column's text, made only where a code reads it (casting every number to
  // text is costly): where a number code is NULL (no number, or one no range takes), and on every
  // row when an attribute reads the column as text (a category of a number column).
  const texts = columns.flatMap(({ kind, numeric }, j) => {
    if (kind === "text" || (kind === "typed" && !numeric)) return [];
    const readers = c.attributes.flatMap((a, k) => (a.index === j ? [k] : []));
    const text = kind === "computed" ? `COALESCE(CAST(d${j} AS VARCHAR), 'NaN')` : `COALESCE(CAST(x${j} AS VARCHAR), '')`;
    if (readers.some((k) => numbers[k] === NO_NUMBER_CODE)) return [`${text} AS r${j}`];
    return [`CASE WHEN ${readers.map((k) => `n${k} IS NULL`).join(" OR ")} THEN ${text} END AS r${j}`];
  });
  const inner = `(SELECT COALESCE(CAST(${quoteIdentifier(idColumn, "duckdb")} AS VARCHAR), '') AS leadlab_id, ${read.join(", ")} FROM ${leads})`;
  const coded = `(SELECT *, ${numbers.map((n, k) => `${n} AS n${k}`).join(", ") || "0 AS leadlab_none"} FROM ${inner})`;
  return texts.length ? `(SELECT *, ${texts.join(", ")} FROM ${coded})` : coded;
}

/**
 * Per attribute, its listed values: the distinct texts of the rows its number code does not take,
 * each coded by the scorer's `codeOf` (listed by one grouping set per attribute, all in one
 * pass over the rows); and whether the ids are all there and all different (as {@link idCounts}
 * counts them: trimmed; their hashes all differ), so that counting them is spared.
 */
async function listedValues(db: DuckDBConnection, rows: string, c: CompiledRules, columns: readonly Column[]): Promise<{ values: AttributeValues[]; uniqueIds: boolean }> {
  const texts = new Map<number, { values: string[]; rows: number[] }>();
  if (c.attributes.length) {
    // One grouping set per attribute: a result row holds one attribute's text (the others NULL) and
    // its count, or no text at all (the group of the rows where that attribute's number code holds).
    const m = c.attributes.length;
    const listing = `SELECT ${c.attributes.map((_, k) => `t${k}`).join(", ")}, count(*) FROM (SELECT ${c.attributes.map((a, k) => `CASE WHEN n${k} IS NULL THEN r${a.index} END AS t${k}`).join(", ")} FROM ${rows}) GROUP BY GROUPING SETS (${c.attributes.map((_, k) => `(t${k})`).join(", ")})`;
    for (const row of (await db.runAndReadAll(listing)).getRowsJS()) {
      const k = row.findIndex((t, j) => j < m && t !== null);
      if (k < 0) continue;
      let listed = texts.get(k);
      if (!listed) texts.set(k, (listed = { values: [], rows: [] }));
      listed.values.push(String(row[k]));
      listed.rows.push(Number(row[m]));
    }
  }
  const values = c.attributes.map((a, k) => {
    const { values, rows } = texts.get(k) ?? { values: [], rows: [] };
    const errors = new Map<number, ScoreError>();
    const codes = values.map((text, v) => {
      try {
        return a.codeOf(columns[a.index].kind === "computed" ? Number(text) : text);
      } catch (e) {
        if (!(e instanceof ScoreError)) throw e;
        errors.set(v, e);
        return -1;
      }
    });
    return { values, codes, rows, errors };
  });
  const [[count, distinct, blank]] = (await db.runAndReadAll(`SELECT count(*), count(DISTINCT hash(trim(leadlab_id))), count(*) FILTER (WHERE trim(leadlab_id) = '') FROM ${rows}`)).getRowsJS();
  return { values, uniqueIds: count === distinct && Number(blank) === 0 };
}

/**
 * Attribute k's listed values as one ENUM type (`type`), in an order that puts the values of one
 * code together: those no bin takes first (`fails` of them), then the other codes. A row's place
 * in it (`e<k>`, a hash lookup in a projection) then gives its code by a few comparisons
 * (`ranges`: each code and where its values end). The unknown categories, which all share one
 * code (`unknown`), are left out of the type: a text not in it is one of them. There may be a
 * million of them (a column of free text), and a type that large is slow to make and to cast
 * to. (A long `IN` list would be planned as a join, which loses the rows' order.)
 */
interface ValueSet {
  type?: string;
  ranges: { code: number; end: number }[];
  fails: number;
  /** The code of every unknown category (odd), when the attribute has any. */
  unknown?: number;
}

/** Whether a code is that of an unknown category (odd; −1 is no bin). */
const isUnknown = (code: number) => code > 0 && (code & 1) === 1;

/** Creates the ENUM type of each attribute's {@link ValueSet}; their names are added to `created`. */
async function valueSets(db: DuckDBConnection, values: readonly AttributeValues[], created: string[]): Promise<ValueSet[]> {
  const sets: ValueSet[] = [];
  for (const [k, listed] of values.entries()) {
    const byCode = new Map<number, string[]>();
    listed.codes.forEach((code, v) => {
      const texts = byCode.get(code);
      if (texts) texts.push(listed.values[v]);
      else byCode.set(code, [listed.values[v]]);
    });
    const unknown = [...byCode.keys()].filter(isUnknown);
    if (unknown.length > 1) throw new Error(`scoreInDuckDB: attribute ${k} codes unknown categories ${unknown.join(" and ")}; the scorer gives them one bin`);
    const groups = [...byCode].filter(([code]) => !isUnknown(code)).sort((a, b) => (a[0] < 0 ? 0 : 1) - (b[0] < 0 ? 0 : 1) || a[0] - b[0]);
    const set: ValueSet = { ranges: [], fails: byCode.get(-1)?.length ?? 0, ...(unknown.length ? { unknown: unknown[0] } : {}) };
    let end = 0;
    for (const [code, texts] of groups) {
      end += texts.length;
      set.ranges.push({ code, end });
    }
    if (end > 0) {
      set.type = `leadlab_values_${k}`;
      await db.run(`CREATE TYPE ${set.type} AS ENUM (${groups.flatMap(([, texts]) => texts.map((t) => quoteString(t, "duckdb"))).join(", ")})`);
      created.push(set.type);
    }
    sets.push(set);
  }
  return sets;
}

/** Attribute k's place of a row's text in its ENUM type (`e<k>`), where its number code is NULL; NULL for a text not in it (an unknown category). */
const placeSql = (k: number, j: number, set: ValueSet) => (set.type ? `CASE WHEN n${k} IS NULL THEN enum_code(TRY_CAST(r${j} AS ${set.type})) END` : "CAST(NULL AS INTEGER)");

/**
 * Attribute k's code on a row: its number code `n<k>` where there is one, else the code of its
 * text's place `e<k>`, else (a text not listed in the type) the unknown categories' code. Where
 * `n<k>` is NULL the row has a text (`r<j>` is then never NULL), and every text is listed.
 */
function textCode(k: number, set: ValueSet): string {
  const branches = [...(set.unknown !== undefined ? [{ when: `e${k} IS NULL`, code: set.unknown }] : []), ...set.ranges.map((r) => ({ when: `e${k} < ${r.end}`, code: r.code }))];
  if (branches.length === 0) return `n${k}`;
  const last = branches.pop()!;
  return `CASE WHEN n${k} IS NOT NULL THEN n${k} ${branches.map((b) => `WHEN ${b.when} THEN ${b.code}`).join(" ")} ELSE ${last.code} END`;
}

/**
 * The code of a number `x` (NULL when `x` is NULL) as a CASE over the attribute's edges: below
 * the first, at each, between each two and above the last, the code is `codeOfNumber` of a number
 * there (constant on each such piece); pieces with the same code are merged. NULL where no bin
 * takes the number.
 */
function numberCode(a: CompiledAttribute, x: string): string {
  const edges = a.edges!;
  const code = (v: number) => {
    const c = a.codeOfNumber!(v);
    return c < 0 ? "NULL" : String(c);
  };
  const literal = (v: number) => `CAST('${String(v)}' AS DOUBLE)`;
  // Each piece as its upper bound (`x < e` or `x <= e`) and its code, in order; the last has none.
  const pieces: { bound?: string; code: string }[] = [];
  edges.forEach((e, i) => {
    const before = i === 0 ? e - Math.max(1, Math.abs(e)) : edges[i - 1] / 2 + e / 2;
    if (i === 0 || (before > edges[i - 1] && before < e)) pieces.push({ bound: `${x} < ${literal(e)}`, code: code(before) });
    pieces.push({ bound: `${x} <= ${literal(e)}`, code: code(e) });
  });
  const last = edges[edges.length - 1];
  pieces.push({ code: code(edges.length ? last + Math.max(1, Math.abs(last)) : 0) });
  const merged = pieces.filter((p, i) => i === pieces.length - 1 || p.code !== pieces[i + 1].code);
  return `CASE WHEN ${x} IS NULL THEN NULL ${merged.map((p) => (p.bound ? `WHEN ${p.bound} THEN ${p.code}` : `ELSE ${p.code}`)).join(" ")} END`;
}

/** Whether every attribute takes its value (`c<k>` ≥ 0), and else the cell of the first that does not. */
function outcomeSql(c: CompiledRules, values: readonly AttributeValues[]): { ok: string; failed: string } {
  const failing = c.attributes.flatMap((_, k) => (values[k].errors.size ? [k] : []));
  const cell = (k: number) =>
    `CASE t${k} ${[...values[k].errors].map(([v, e]) => `WHEN ${quoteString(values[k].values[v], "duckdb")} THEN ${quoteString(csvField(`could not score: ${e.message}`), "duckdb")}`).join(" ")} END`;
  return {
    ok: failing.length ? failing.map((k) => `c${k} >= 0`).join(" AND ") : "true",
    failed: failing.length ? `CASE ${failing.map((k) => `WHEN c${k} < 0 THEN ${cell(k)}`).join(" ")} END` : "''",
  };
}

/**
 * Writes the lines of rules without a `value` block, each computed by DuckDB from the rows' codes:
 * `points,tier,grade,fit,engagement,"reasons"`, as `leadlab score` writes a lead's score (the
 * points are whole numbers; the reasons are the bins with the most points in size, ties in the
 * rules' order, as {@link scoreOfBins} picks them). Returns the rows written.
 */
async function writeLines(db: DuckDBConnection, codes: string, c: CompiledRules, cells: LineCells, values: readonly AttributeValues[], copyTo: (select: string) => string): Promise<number> {
  const { ok, failed } = outcomeSql(c, values);
  // `p<k>`: attribute k's points on the row.
  const points = c.attributes.map((a, k) => `CAST([${a.bins.map((b) => b.points).join(", ")}] AS BIGINT[])[(c${k} >> 1) + 1] AS p${k}`).join(", ");
  const sum = (group: number | undefined) => [...(group === undefined ? [String(c.base)] : ["0"]), ...c.attributes.flatMap((a, k) => (group === undefined || a.group === group ? [`p${k}`] : []))].join(" + ");
  // A number the points are compared with: a whole number as it is, anything else as a DOUBLE.
  const number = (x: number) => (Number.isInteger(x) ? String(x) : `CAST('${String(x)}' AS DOUBLE)`);
  const tier = `CASE ${c.tiers.map((t) => `WHEN points >= ${number(t.min)} THEN ${quoteString(csvField(t.name), "duckdb")}`).join(" ")} ELSE '' END`;
  const letter = (x: string, cuts: readonly number[], marks: readonly string[]) =>
    `CASE WHEN ${x} >= ${number(cuts[2])} THEN '${marks[0]}' WHEN ${x} >= ${number(cuts[1])} THEN '${marks[1]}' WHEN ${x} >= ${number(cuts[0])} THEN '${marks[2]}' ELSE '${marks[3]}' END`;
  const reasons = reasonsSql(c);
  const scored = [points || "0 AS leadlab_none", `${sum(undefined)} AS points, ${sum(1)} AS fit, ${sum(2)} AS engagement`, ...reasons.levels].reduce((from, added) => `(SELECT *, ${added} FROM ${from})`, codes);
  // One column per cell, joined by the CSV writer (no value is quoted: the id and the reasons
  // are quoted here); a row no bin takes has its cells empty (NULL) but the last.
  const when = (x: string) => (ok === "true" ? x : `CASE WHEN ${ok} THEN ${x} END`);
  const cellsSql = [
    csvFieldSql("leadlab_id"),
    when("points"),
    when(tier),
    when(`concat(${letter("fit", c.fitCuts, ["A", "B", "C", "D"])}, ${letter("engagement", c.engagementCuts, ["1", "2", "3", "4"])})`),
    when("fit"),
    when("engagement"),
    ok === "true" ? reasons.cell : `CASE WHEN ${ok} THEN ${reasons.cell} ELSE ${failed} END`,
  ];
  const written = await db.runAndReadAll(copyTo(`SELECT ${cellsSql.map((x, i) => `${x} AS ${quoteIdentifier(cells.header[i], "duckdb")}`).join(", ")} FROM ${scored}`));
  return Number(written.getRowsJS()[0][0]);
}

/**
 * The reasons cell (always quoted, quotes inside doubled), as columns added level
 * by level to the scored rows (`levels`: the select list each level adds) and the cell's
 * expression over them (`cell`). Each bin with points is ranked by a whole number, its points in
 * size times the number of bins, plus its place in the rules counted from the end (so equal
 * points rank in the rules' order): `rank<k>`, attribute k's on the row (from its points `p<k>`); the top `c.reasons`
 * (`top<i>`) are picked by `greatest`, one after the other, and their reasons joined by "; ".
 */
function reasonsSql(c: CompiledRules): { levels: string[]; cell: string } {
  const n = Math.min(c.reasons, c.attributes.length);
  if (n === 0) return { levels: [], cell: `'""'` };
  const offsets: number[] = [];
  let total = 0;
  for (const a of c.attributes) {
    offsets.push(total);
    total += a.bins.length;
  }
  const ranks = c.attributes.map((_, k) => `CASE WHEN p${k} <> 0 THEN abs(p${k}) * ${total} + ${total - 1 - offsets[k]} - (c${k} >> 1) END AS rank${k}`);
  const levels = [ranks.join(", ")];
  for (let i = 0; i < n; i++)
    levels.push(`greatest(${c.attributes.map((_, k) => (i === 0 ? `rank${k}` : `CASE WHEN rank${k} < top${i - 1} THEN rank${k} END`)).join(", ")}) AS top${i}`);
  // The reasons joined by concat_ws, which skips the NULL of a rank not reached (on a million
  // leads it builds the cells in about two thirds of the time of concatenating each pick with its separator).
  const list = `[${c.attributes.flatMap((a) => a.bins.map((b) => quoteString(b.reason.replace(/"/g, '""'), "duckdb"))).join(", ")}]`;
  const picks = Array.from({ length: n }, (_, i) => `${list}[${total} - top${i} % ${total}]`);
  return { levels, cell: `concat('"', concat_ws('; ', ${picks.join(", ")}), '"')` };
}

/**
 * Writes the lines of rules with a `value` block: each distinct combination of bins is formatted
 * once by `cells.format`, and DuckDB joins each row with its combination's line (then puts the
 * rows back in order). Returns the rows written.
 */
async function writeCombinations(db: DuckDBConnection, codes: string, c: CompiledRules, cells: LineCells, values: readonly AttributeValues[], copyTo: (select: string) => string): Promise<number> {
  const m = c.attributes.length;
  const { ok, failed } = outcomeSql(c, values);
  if (m === 0) {
    const written = await db.runAndReadAll(copyTo(`SELECT concat(${csvFieldSql("leadlab_id")}, ',', ${quoteString(cells.format(scoreOfBins(c, [])), "duckdb")}) AS ${quoteIdentifier(cells.header.join(","), "duckdb")} FROM ${codes}`));
    return Number(written.getRowsJS()[0][0]);
  }
  const bins = c.attributes.map((_, k) => `c${k} >> 1 AS b${k}`).join(", ");
  const numbered = `(SELECT row_number() OVER () AS leadlab_row, * FROM ${codes})`;
  const combinations = (await db.runAndReadAll(`SELECT ${bins}, count(*) FROM ${codes} WHERE ${ok} GROUP BY ALL`)).getRowsJS();
  await db.run(`CREATE TEMP TABLE leadlab_lines (${c.attributes.map((_, k) => `b${k} INTEGER, `).join("")}line VARCHAR)`);
  const appender = await db.createAppender("leadlab_lines");
  const combination = new Int32Array(m);
  for (const row of combinations) {
    for (let k = 0; k < m; k++) {
      combination[k] = Number(row[k]);
      appender.appendInteger(combination[k]);
    }
    appender.appendVarchar(cells.format(scoreOfBins(c, combination)));
    appender.endRow();
  }
  appender.closeSync();
  const line = `concat(${csvFieldSql("leadlab_id")}, CASE WHEN ${ok} THEN concat(',', line) ELSE concat(${quoteString(cells.empty, "duckdb")}, ${failed}) END)`;
  const written = await db.runAndReadAll(
    copyTo(`SELECT ${line} AS ${quoteIdentifier(cells.header.join(","), "duckdb")} FROM (SELECT *, ${bins} FROM ${numbered}) LEFT JOIN leadlab_lines USING (${c.attributes.map((_, k) => `b${k}`).join(", ")}) ORDER BY leadlab_row`),
  );
  return Number(written.getRowsJS()[0][0]);
}

/** Whether attribute k cannot take a row's value, from its text's place (the first `fails` places); "false" when it takes every value. */
function failsSql(k: number, set: ValueSet): string {
  return set.fails ? `COALESCE(e${k} < ${set.fails}, false)` : "false";
}

/**
 * The rows no bin takes, per reason (that of each row's first attribute that cannot take its
 * value): count, first five ids and first five distinct values, in row order.
 */
async function unscoredReasons(db: DuckDBConnection, rows: string, c: CompiledRules, values: readonly AttributeValues[], sets: readonly ValueSet[]): Promise<UnscoredReason[]> {
  const failing = c.attributes.flatMap((_, k) => (values[k].errors.size ? [k] : []));
  if (failing.length === 0) return [];
  const fails = (k: number) => failsSql(k, sets[k]);
  const first = (what: (k: number) => string) => `CASE ${failing.map((k) => `WHEN ${fails(k)} THEN ${what(k)}`).join(" ")} END`;
  const groups = (
    await db.runAndReadAll(
      `SELECT f, t, count(*), min_by({'row': leadlab_row, 'id': leadlab_id}, leadlab_row, 5), min(leadlab_row) FROM (SELECT row_number() OVER () AS leadlab_row, leadlab_id, ${first(String)} AS f, ${first((k) => `r${c.attributes[k].index}`)} AS t FROM ${rows}) WHERE f IS NOT NULL GROUP BY f, t`,
    )
  ).getRowsJS();
  const reasons = new Map<string, { rows: number; examples: { row: number; id: string }[]; values: { row: number; shown: string }[] }>();
  // Each failing value's error, by attribute and text.
  const errors = values.map((listed) => new Map([...listed.errors].map(([v, e]) => [listed.values[v], e])));
  for (const [f, t, count, examples, at] of groups) {
    const e = errors[Number(f)].get(String(t))!;
    let reason = reasons.get(e.problem);
    if (!reason) reasons.set(e.problem, (reason = { rows: 0, examples: [], values: [] }));
    reason.rows += Number(count);
    for (const x of examples as { row: bigint; id: string }[]) reason.examples.push({ row: Number(x.row), id: x.id });
    reason.values.push({ row: Number(at), shown: typeof e.value === "string" ? JSON.stringify(e.value) : String(e.value) });
  }
  return [...reasons].map(([reason, r]) => ({
    reason,
    rows: r.rows,
    examples: r.examples.sort((a, b) => a.row - b.row).slice(0, 5).map((x) => x.id),
    values: [...new Set(r.values.sort((a, b) => a.row - b.row).map((x) => x.shown))].slice(0, 5),
  }));
}

/**
 * Per attribute with unknown categories, the rows of each (trimmed, as the scorer reports it),
 * among the rows where no attribute before it fails: the listed values' rows, less those where an
 * attribute before it fails (counted in one more pass, only when some attribute's values fail).
 */
async function unknownCategories(db: DuckDBConnection, rows: string, c: CompiledRules, values: readonly AttributeValues[], sets: readonly ValueSet[]): Promise<Map<string, Map<string, number>>> {
  const counts = c.attributes.map(() => new Map<string, number>());
  const add = (k: number, text: string, n: number) => {
    const value = text.trim();
    counts[k].set(value, (counts[k].get(value) ?? 0) + n);
  };
  for (const [k, listed] of values.entries()) listed.codes.forEach((code, v) => isUnknown(code) && add(k, listed.values[v], listed.rows[v]));
  const failsBefore = (k: number) => Array.from({ length: k }, (_, j) => (sets[j].fails ? failsSql(j, sets[j]) : [])).flat();
  const which = c.attributes.flatMap((_, k) => (sets[k].unknown !== undefined && failsBefore(k).length ? [k] : []));
  if (which.length) {
    const taken = which.map((k) => `CASE WHEN n${k} IS NULL AND e${k} IS NULL AND (${failsBefore(k).join(" OR ")}) THEN r${c.attributes[k].index} END`);
    const back = await db.runAndReadAll(`SELECT k, t, count(*) FROM (SELECT UNNEST([${which.join(", ")}]) AS k, UNNEST([${taken.join(", ")}]) AS t FROM ${rows}) WHERE t IS NOT NULL GROUP BY k, t`);
    for (const [k, t, n] of back.getRowsJS()) add(Number(k), String(t), -Number(n));
  }
  const out = new Map<string, Map<string, number>>();
  counts.forEach((byValue, k) => {
    for (const [value, n] of byValue) if (n === 0) byValue.delete(value);
    if (byValue.size) out.set(c.attributes[k].name, byValue);
  });
  return out;
}

/**
 * The SQL of {@link csvField} of a text column: quoted when it holds a comma, a quote or a line
 * break, or begins or ends with what JavaScript's `\s` matches (spelled out, as RE2's `\s`
 * is ASCII only).
 */
function csvFieldSql(column: string): string {
  const space = "[\\t\\n\\x0B\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]";
  return `CASE WHEN regexp_matches(${column}, ${quoteString(`[",\\r\\n]|^${space}|${space}$`, "duckdb")}) THEN '"' || replace(${column}, '"', '""') || '"' ELSE ${column} END`;
}

/** Hands a file's bytes to `write` a megabyte at a time (as text, decoded across chunk ends, for a text output). */
function copyFile(file: string, write: ChunkOutput): void {
  const fd = openSync(file, "r");
  const decoder = new TextDecoder();
  try {
    let buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      if (typeof write === "function") write(decoder.decode(buffer.subarray(0, n), { stream: true }));
      else {
        write.bytes(buffer.subarray(0, n));
        if (!write.transient) buffer = Buffer.allocUnsafe(1 << 20);
      }
    }
    if (typeof write === "function") {
      const rest = decoder.decode();
      if (rest) write(rest);
    }
  } finally {
    closeSync(fd);
  }
}
