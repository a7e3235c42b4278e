import type { AttributeMeta, Column, DealTable } from "../data/deal-table";
import type { BeliefCondition } from "../formats/beliefs-schema";
import { DatasetError } from "../formats/dataset-error";
import { editDistance, nearestName } from "../formats/nearest-name";

/** Where a condition was written, for its error messages. */
export interface ConditionSource {
  /** The beliefs file. */
  file: string;
  /** The claim's name. */
  claim: string;
  /** The field of the condition, e.g. `beliefs[2].when`. */
  field: string;
}

/** A condition checked against a table: per row true (1), false (0) or unknown, a value missing (2). */
export interface CompiledCondition {
  /** The condition in words, e.g. `seniority in [VP, C-level] and employees between 200 and 1000`. */
  text: string;
  /** The attributes it reads. */
  attributes: string[];
  /** 1, 0 or 2 (unknown) for each table row. */
  evaluate(table: DealTable): Uint8Array;
}

const TRUE = 1, FALSE = 0, UNKNOWN = 2;
const COMPARISONS = [">=", "<=", "!=", "=", ">", "<"] as const;
type Comparison = (typeof COMPARISONS)[number];
const BOOLEAN_TEXT: Record<string, boolean> = { true: true, yes: true, false: false, no: false };

/** The up to three names closest to `name` (by edit distance, ties by name). */
function closest(name: string, candidates: readonly string[]): string[] {
  return [...candidates].sort((a, b) => editDistance(name, a) - editDistance(name, b) || (a < b ? -1 : 1)).slice(0, 3);
}

function fail(src: ConditionSource, problem: string, value: string, fix: string): never {
  throw new DatasetError(`claim "${src.claim}": ${problem}`, { file: src.file, field: src.field, value }, fix);
}

/** The fix for a name that is not among `candidates`: the nearest one, then the closest three. */
function nameFix(name: string, candidates: readonly string[], what: string): string {
  const near = nearestName(name, candidates);
  const list = closest(name, candidates).map((c) => `"${c}"`).join(", ");
  return `${near ? `did you mean "${near}"? ` : ""}the nearest ${what}: ${list}`;
}

function parseNumber(text: string, src: ConditionSource, clause: string, attribute: string): number {
  const x = Number(text.replace(/_/g, ""));
  if (text.trim() === "" || !Number.isFinite(x)) fail(src, `"${text}" is not a number, but "${attribute}" is numeric`, clause, "write a number, e.g. `employees >= 200`");
  return x;
}

function splitList(text: string): string[] {
  return text.split(",").map((s) => s.trim().replace(/^["']|["']$/g, "")).filter((s) => s !== "");
}

/** The levels of a categorical, boolean or multi column, as text, sorted. */
function levelsOf(column: Column): string[] {
  const seen = new Set<string>();
  for (const v of column as (string | boolean | string[] | null)[]) {
    if (v === null) continue;
    if (Array.isArray(v)) v.forEach((x) => seen.add(x));
    else seen.add(String(v));
  }
  return [...seen].sort();
}

/** Checks that each value is a level of the attribute; returns them as written in the data. */
function knownLevels(values: string[], meta: AttributeMeta, column: Column, src: ConditionSource, clause: string): string[] {
  const levels = levelsOf(column);
  return values.map((v) => {
    if (levels.includes(v)) return v;
    const sameCase = levels.find((l) => l.toLowerCase() === v.toLowerCase());
    fail(src, `"${meta.name}" has no value "${v}"`, clause, sameCase ? `write it as in the data: "${sameCase}"` : nameFix(v, levels, `values of "${meta.name}"`));
  });
}

type RowTest = (table: DealTable) => Uint8Array;

function numericClause(meta: AttributeMeta, test: (x: number) => boolean): RowTest {
  return (table) => {
    const c = table.columns[meta.name] as Float64Array;
    return Uint8Array.from(c, (x) => (Number.isNaN(x) ? UNKNOWN : test(x) ? TRUE : FALSE));
  };
}

function levelClause(meta: AttributeMeta, test: (v: string) => boolean): RowTest {
  return (table) => {
    const c = table.columns[meta.name] as (string | boolean | null)[];
    return Uint8Array.from(c, (v) => (v === null ? UNKNOWN : test(String(v)) ? TRUE : FALSE));
  };
}

function compare(op: Comparison, x: number, y: number): boolean {
  switch (op) {
    case ">=": return x >= y;
    case "<=": return x <= y;
    case ">": return x > y;
    case "<": return x < y;
    case "=": return x === y;
    case "!=": return x !== y;
  }
}

/**
 * A clause's attribute name and what follows it: a name in double quotes or backticks, else the
 * longest attribute name the clause starts with followed by a space or an operator (CRM
 * columns such as "Total Time Spent on Website" hold spaces), else the clause's first word.
 */
function splitName(text: string, attributes: readonly string[]): { name: string; rest: string } {
  const quoted = /^(["`])(.+?)\1(.*)$/.exec(text);
  if (quoted) return { name: quoted[2], rest: quoted[3] };
  const known = [...attributes].sort((a, b) => b.length - a.length).find((a) => text.startsWith(a) && /^(\s|[<>=!]|$)/.test(text.slice(a.length)));
  if (known) return { name: known, rest: text.slice(known.length) };
  const word = /^[^\s<>=!]*/.exec(text)![0];
  return { name: word, rest: text.slice(word.length) };
}

/** Parses one clause and checks it against the table's attributes and values. */
function compileClause(clause: string, table: DealTable, src: ConditionSource): CompiledCondition {
  const text = clause.trim().replace(/\s+/g, " ");
  const names = table.attributes.filter((a) => a.role !== "exclude").map((a) => a.name);
  const { name, rest } = splitName(text, table.attributes.map((a) => a.name));
  const r =
    /^ ?(not in|in) ?\[(.*)\]$/.exec(rest) ??
    /^ (between) (\S+) and (\S+)$/.exec(rest) ??
    /^ (contains) (.+)$/.exec(rest) ??
    /^ ?(>=|<=|!=|=|>|<) ?(.+)$/.exec(rest);
  if (!r || !name)
    fail(
      src,
      `cannot read the condition "${text}"`,
      clause,
      'write `name >= 1`, `name in [a, b]`, `name between 200 and 1000`, `name contains item` or `name = true` (a name with spaces as it is, or in double quotes); combine them with `all:` or `any:`',
    );
  const m = [text, name, ...r.slice(1)];
  const op = m[2];
  if (!names.includes(name)) fail(src, `unknown attribute "${name}"`, clause, nameFix(name, names, "attributes"));
  const meta = table.attribute(name);
  const column = table.columns[name];
  const wrongOp = (fix: string): never => fail(src, `"${op}" does not apply to the ${meta.type} attribute "${name}"`, clause, fix);
  let test: RowTest;
  if (meta.type === "numeric") {
    if (op === "between") {
      const [lo, hi] = [parseNumber(m[3], src, clause, name), parseNumber(m[4], src, clause, name)];
      if (lo > hi) fail(src, `the range ${lo} to ${hi} is empty`, clause, `write the smaller end first: \`${name} between ${hi} and ${lo}\``);
      test = numericClause(meta, (x) => x >= lo && x <= hi);
    } else if (op === "in" || op === "not in") {
      const set = new Set(splitList(m[3]).map((v) => parseNumber(v, src, clause, name)));
      test = numericClause(meta, (x) => set.has(x) === (op === "in"));
    } else if (op === "contains") wrongOp(`compare it: \`${name} >= 1\` or \`${name} between 200 and 1000\``);
    else {
      const y = parseNumber(m[3], src, clause, name);
      test = numericClause(meta, (x) => compare(op as Comparison, x, y));
    }
  } else if (meta.type === "categorical" || meta.type === "boolean") {
    const asText = (v: string) => (meta.type === "boolean" && v.toLowerCase() in BOOLEAN_TEXT ? String(BOOLEAN_TEXT[v.toLowerCase()]) : v);
    if (op === "in" || op === "not in" || op === "=" || op === "!=") {
      const values = knownLevels((op === "in" || op === "not in" ? splitList(m[3]) : [m[3].trim().replace(/^["']|["']$/g, "")]).map(asText), meta, column, src, clause);
      const set = new Set(values);
      const positive = op === "in" || op === "=";
      test = levelClause(meta, (v) => set.has(v) === positive);
    } else wrongOp(meta.type === "boolean" ? `write \`${name} = true\` or \`${name} = false\`` : `list its values: \`${name} in [${levelsOf(column).slice(0, 2).join(", ")}]\``);
  } else if (meta.type === "multi") {
    if (op !== "contains") wrongOp(`test one item: \`${name} contains ${levelsOf(column)[0] ?? "item"}\``);
    const [item] = knownLevels([m[3].trim().replace(/^["']|["']$/g, "")], meta, column, src, clause);
    test = (table) => Uint8Array.from(table.columns[name] as (string[] | null)[], (v) => (v === null ? UNKNOWN : v.includes(item) ? TRUE : FALSE));
  } else fail(src, `"${name}" is a ${meta.type} attribute, which a claim cannot test`, clause, "test a numeric, categorical, boolean or multi-valued attribute");
  return { text, attributes: [name], evaluate: test! };
}

/**
 * Checks a condition of `beliefs.yaml` against a table's attributes and values, and returns
 * it ready to evaluate. Clauses combine with three-valued logic: `all` is false when any part
 * is false, else unknown when any part is unknown; `any` is true when any part is true, else
 * unknown when any part is unknown. A clause is unknown on a row whose value is missing.
 * Throws a DatasetError naming the file, the claim, the unknown attribute or value and the
 * nearest names.
 *
 * @example
 * import { DealTable } from "leadlab";
 * import { compileCondition } from "./belief-condition";
 * const t = new DealTable({ name: "d", ids: ["a", "b", "c"], won: Uint8Array.from([1, 0, 1]),
 *   attributes: [{ name: "employees", type: "numeric", role: "firmographic", source: "spec", table: "deals" }],
 *   columns: { employees: Float64Array.from([250, 50, NaN]) }, holdout: { by: "random", fraction: 0.25, seed: 1 } });
 * const c = compileCondition("employees between 200 and 1000", t, { file: "beliefs.yaml", claim: "mid-size", field: "beliefs[0].when" });
 * Array.from(c.evaluate(t)); // => [1, 0, 2]
 */
export function compileCondition(condition: BeliefCondition, table: DealTable, src: ConditionSource): CompiledCondition {
  if (typeof condition === "string") return compileClause(condition, table, src);
  const isAll = "all" in condition;
  const partsIn = isAll ? condition.all : condition.any;
  const parts = partsIn.map((p, i) => compileCondition(p, table, { ...src, field: `${src.field}.${isAll ? "all" : "any"}[${i}]` }));
  const word = isAll ? " and " : " or ";
  const text = parts.map((p, i) => (parts.length > 1 && typeof partsIn[i] !== "string" ? `(${p.text})` : p.text)).join(word);
  return {
    text,
    attributes: [...new Set(parts.flatMap((p) => p.attributes))],
    evaluate(table) {
      const values = parts.map((p) => p.evaluate(table));
      const decisive = isAll ? FALSE : TRUE;
      return Uint8Array.from({ length: table.n }, (_, r) => {
        let unknown = false;
        for (const v of values) {
          if (v[r] === decisive) return decisive;
          if (v[r] === UNKNOWN) unknown = true;
        }
        return unknown ? UNKNOWN : isAll ? TRUE : FALSE;
      });
    },
  };
}
