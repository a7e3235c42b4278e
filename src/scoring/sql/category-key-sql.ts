import { categoryKey, lowerEachCharacter } from "../category-key";
import type { Dialect } from "../../sql/dialects";

/*
 * categoryKey (NFC, trimmed, each character lower-cased) spelled in SQL the same way in every
 * dialect, with only `translate` and `replace`, which all five engines have under those names:
 * no engine's lower() (PostgreSQL's depends on the database's locale) and no NFC function
 * (Snowflake and Spark have none). The view only has to decide whether a lead's text has the
 * key of one of a few known values (the rules' set values and missing tokens), so it needs
 * only the characters of those values:
 * 1. `translate` maps each character c whose NFC(lower(c)) is one character of those values
 *    to it: A–Z, "É" → "é", the Kelvin sign → "k", "Ω" (U+2126) → "ω";
 * 2. `replace` maps every other spelling of each character cluster of those values to the
 *    cluster: "e" + U+0301 → "é", "ê" + U+0323 → "ệ", "İ" → "i̇".
 * Each step keeps the text canonically equivalent to its per-character lower-casing, so the
 * SQL key equals a value's key only if categoryKey does (never a false match); it equals it
 * whenever each cluster of the lead's text is written in one of the spellings enumerated here
 * (NFC, NFD, partly composed, marks in any order), which is how Unicode text comes from real
 * systems. Other texts keep characters no known value has, and match none in either.
 */

/** For each character c (other than ASCII) whose NFC(lower(c)) differs from c: that text. Built once. */
let folded: Map<string, string> | undefined;

function foldedCharacters(): Map<string, string> {
  if (folded) return folded;
  folded = new Map();
  for (let cp = 0x80; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    const f = lowerEachCharacter(c).normalize("NFC");
    if (f !== c) folded.set(c, f);
  }
  return folded;
}

const ASCII = /^[\x00-\x7f]*$/;
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const MARK = /^\p{M}$/u;
/** Clusters with more combining marks than this get only their NFC and NFD spellings. */
const MAX_PERMUTED_MARKS = 4;

/** A key split into clusters: a character and the combining marks that follow it. */
function clusters(key: string): string[] {
  const out: string[] = [];
  for (const c of key) {
    if (out.length > 0 && MARK.test(c)) out[out.length - 1] += c;
    else out.push(c);
  }
  return out;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

/**
 * The other spellings of a cluster (an NFC, lower-cased character and its marks): every text
 * whose NFC is the cluster made of its NFD's first character, its other characters in any
 * order, and the first few of them composed with it.
 *
 * @example
 * import { clusterSpellings } from "./category-key-sql";
 * clusterSpellings("é"); // => ["e\u0301"]
 */
export function clusterSpellings(cluster: string): string[] {
  const [base, ...rest] = [...cluster.normalize("NFD")];
  const orders = rest.length <= MAX_PERMUTED_MARKS ? permutations(rest) : [rest];
  const out = new Set<string>();
  for (const order of orders)
    for (let j = 0; j <= order.length; j++) {
      const head = (base + order.slice(0, j).join("")).normalize("NFC");
      const spelling = head + order.slice(j).join("");
      if (spelling !== cluster && spelling.normalize("NFC") === cluster) out.add(spelling);
    }
  return [...out].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The SQL key of trimmed text, to compare with the {@link categoryKey} of `values` (written
 * with `quoteString`): `translate` then one `replace` per other spelling of a non-ASCII
 * cluster of the values. Deterministic.
 *
 * @example
 * import { dialect } from "leadlab";
 * import { categoryKeySql } from "./category-key-sql";
 * categoryKeySql(dialect("duckdb"), "c1", ["Software"]); // => "translate(c1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
 */
export function categoryKeySql(d: Dialect, trimmed: string, values: readonly string[]): string {
  const keys = [...new Set(values.map(categoryKey))];
  const spellings = new Map<string, string>();
  for (const key of keys)
    if (!ASCII.test(key)) for (const cluster of clusters(key)) for (const s of clusterSpellings(cluster)) spellings.set(s, cluster);
  const alphabet = new Set([...keys, ...spellings.keys()].flatMap((k) => [...k]));
  const from = [...UPPER];
  const to = [...UPPER.toLowerCase()];
  const replacements: [string, string][] = [];
  if ([...alphabet].some((c) => !ASCII.test(c)))
    for (const [c, f] of foldedCharacters()) {
      if (![...f].every((x) => alphabet.has(x))) continue;
      if ([...f].length === 1) {
        from.push(c);
        to.push(f);
      } else replacements.push([c, f]);
    }
  const q = (s: string) => d.string(s);
  let sql = `translate(${trimmed}, ${q(from.join(""))}, ${q(to.join(""))})`;
  const ordered = [...replacements, ...[...spellings].sort(([a], [b]) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))];
  for (const [s, cluster] of ordered) sql = `replace(${sql}, ${q(s)}, ${q(cluster)})`;
  return sql;
}
