import { checkMixedColumns, type MixedColumn } from "../cluster/mixed-column";
import { conditionHolds, formatRule, OTHER_PERSONA, type AssignmentRule, type Condition } from "./persona-rule";

/** The deepest tree {@link learnRuleList} grows: deeper rules stop being readable. */
const MAX_DEPTH = 8;

/** A learned rule: when every condition holds, the lead gets `persona`. */
export interface Rule extends AssignmentRule {
  /** Training rows the rule covers, and the share of them in `persona`. */
  support: number;
  purity: number;
  text: string;
}

/** An ordered list of rules with a default: the first rule that matches wins, else "other". */
export interface RuleList {
  rules: Rule[];
  /** What a row no rule matches is: always {@link OTHER_PERSONA}. */
  fallback: typeof OTHER_PERSONA;
  /** Share of the clustered rows that the rules give their own cluster. */
  fidelity: number;
  /** Share of the clustered rows that some rule matches. */
  coverage: number;
  /** Among the rows some rule matches, the share given their own cluster. */
  precision: number;
  /** The rules as readable lines, the fallback last. */
  text: string[];
}

/** Options of {@link learnRuleList}. */
export interface RuleListOptions {
  /** Depth of the tree (default 3, at most 8). */
  maxDepth?: number;
  /** Smallest number of rows in a leaf (default max(10, 2 % of the rows)). */
  minLeaf?: number;
  /** A leaf whose majority share is below this gives no persona: its rows are "other" (default 0.6). */
  minPurity?: number;
  /** Split criterion (default "gini"). */
  criterion?: "gini" | "entropy";
}

interface ResolvedRuleListOptions {
  maxDepth: number;
  minLeaf: number;
  minPurity: number;
  impurity: (counts: Float64Array, total: number) => number;
}


/**
 * Learns assignment rules so that other systems can tag a new lead with a persona: a shallow
 * decision tree (depth ≤ `maxDepth`) predicting the cluster label from the attributes, read
 * out as an ordered rule list (CART-like). Splits are:
 * - numeric thresholds `x < t`, t the roundest number between two neighbouring observed values;
 * - value-set membership for categorical and boolean attributes (for many values, the best
 *   prefix of the values ordered by each cluster's share); both sides name the values seen in
 *   training (`in`), so a value never seen satisfies neither and the lead is "other";
 * - "contains v" for multi-valued attributes.
 *
 * Missing values go explicitly to whichever side fits better and the rule says so
 * (`or … is missing`). Splits maximise the decrease of Gini impurity (or entropy); ties go to
 * the earlier column and the smaller threshold, so the result is deterministic. A leaf whose
 * majority share is below `minPurity` gives no persona (its rows are "other", never a catch-all
 * named after one persona); sibling leaves with the same outcome are merged. Rules are ordered by support; rows with label -1 are not trained on. Fidelity,
 * coverage and precision are measured on the training rows.
 *
 * @example
 * const size = Float64Array.from([5, 8, 12, 400, 600, 900]);
 * const r = learnRuleList([{ name: "employees", kind: "numeric", values: size }], [0, 0, 0, 1, 1, 1], { minLeaf: 1 });
 * r.text; // => ["if employees < 100 then persona 0", "if employees >= 100 then persona 1", "otherwise other"]
 * r.fidelity; // => 1
 */
export function learnRuleList(columns: readonly MixedColumn[], labels: ArrayLike<number>, options: RuleListOptions = {}): RuleList {
  const n = checkMixedColumns(columns);
  if (labels.length !== n) throw new Error(`learnRuleList: ${labels.length} labels for ${n} rows`);
  for (let i = 0; i < n; i++)
    if (!Number.isInteger(labels[i]) || labels[i] < -1) throw new Error(`learnRuleList: label of row ${i} must be an integer ≥ -1; got ${labels[i]}`);
  return learnResolved(columns, labels, resolveRuleListOptions(options, n));
}

function resolveRuleListOptions(o: RuleListOptions, n: number): ResolvedRuleListOptions {
  const maxDepth = o.maxDepth ?? 3;
  if (!(Number.isInteger(maxDepth) && maxDepth >= 1 && maxDepth <= MAX_DEPTH)) throw new Error(`learnRuleList: maxDepth must be an integer from 1 to ${MAX_DEPTH}; got ${maxDepth}`);
  const minLeaf = o.minLeaf ?? Math.max(10, Math.ceil(0.02 * n));
  if (!(Number.isInteger(minLeaf) && minLeaf >= 1)) throw new Error(`learnRuleList: minLeaf must be a positive integer; got ${minLeaf}`);
  const minPurity = o.minPurity ?? 0.6;
  if (!(minPurity >= 0 && minPurity <= 1)) throw new Error(`learnRuleList: minPurity must be in [0, 1]; got ${minPurity}`);
  const criterion = o.criterion ?? "gini";
  if (criterion !== "gini" && criterion !== "entropy") throw new Error(`learnRuleList: criterion must be "gini" or "entropy"; got ${String(criterion)}`);
  return { maxDepth, minLeaf, minPurity, impurity: criterion === "gini" ? gini : entropy };
}

function gini(counts: Float64Array, total: number): number {
  if (total === 0) return 0;
  let s = 0;
  for (const c of counts) s += c * c;
  return 1 - s / (total * total);
}

function entropy(counts: Float64Array, total: number): number {
  if (total === 0) return 0;
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log2(c / total);
  return h;
}

/** A column in the form the tree reads. */
type TreeColumn =
  | { name: string; kind: "numeric"; x: ArrayLike<number> }
  | { name: string; kind: "set"; codes: Int32Array; levels: string[] } // categorical / boolean; -1 missing
  | { name: string; kind: "multi"; sets: (Set<number> | null)[]; levels: string[] };

type Node =
  | { leaf: true; rows: Int32Array; label: number; purity: number; persona: number | null }
  | { leaf: false; rows: Int32Array; left: Node; right: Node; whenLeft: Condition; whenRight: Condition };

interface Split {
  gain: number;
  left: Int32Array;
  right: Int32Array;
  whenLeft: Condition;
  whenRight: Condition;
}

function toTreeColumn(c: MixedColumn): TreeColumn {
  if (c.kind === "numeric") return { name: c.name, kind: "numeric", x: c.values };
  const index = new Map<string, number>();
  const code = (s: string) => {
    let v = index.get(s);
    if (v === undefined) {
      v = index.size;
      index.set(s, v);
    }
    return v;
  };
  if (c.kind === "multi") {
    const sets = c.values.map((v) => (v === null || v === undefined ? null : new Set(v.map(code))));
    return { name: c.name, kind: "multi", sets, levels: [...index.keys()] };
  }
  const values = c.values as readonly (string | boolean | null)[];
  const codes = Int32Array.from(values, (v) => (v === null || v === undefined ? -1 : code(String(v))));
  return { name: c.name, kind: "set", codes, levels: [...index.keys()] };
}

function learnResolved(columns: readonly MixedColumn[], labels: ArrayLike<number>, o: ResolvedRuleListOptions): RuleList {
  const n = labels.length;
  let k = 0;
  const train: number[] = [];
  for (let i = 0; i < n; i++) {
    if (labels[i] < 0) continue;
    train.push(i);
    if (labels[i] + 1 > k) k = labels[i] + 1;
  }
  if (train.length === 0) throw new Error("learnRuleList: no row has a cluster label (all are -1)");
  const cols = columns.map(toTreeColumn);
  const y = Int32Array.from(labels);
  const root = prune(grow(Int32Array.from(train), 0, cols, y, k, o), y, k, o);
  const leaves: { conditions: Condition[]; node: Extract<Node, { leaf: true }> }[] = [];
  const walk = (node: Node, path: Condition[]) => {
    if (node.leaf) leaves.push({ conditions: mergeConditions(path), node });
    else {
      walk(node.left, [...path, node.whenLeft]);
      walk(node.right, [...path, node.whenRight]);
    }
  };
  walk(root, []);
  const rules: Rule[] = leaves
    .filter((l) => l.node.persona !== null)
    .sort((a, b) => b.node.rows.length - a.node.rows.length)
    .map((l) => {
      const rule = { conditions: l.conditions, persona: l.node.persona!, support: l.node.rows.length, purity: l.node.purity };
      return { ...rule, text: formatRule(rule) };
    });
  let covered = 0;
  let correct = 0;
  for (const i of train) {
    const p = leafPersona(root, cols, i);
    if (p === null) continue;
    covered++;
    if (p === labels[i]) correct++;
  }
  return {
    rules,
    fallback: OTHER_PERSONA,
    fidelity: correct / train.length,
    coverage: covered / train.length,
    precision: covered > 0 ? correct / covered : 0,
    text: [...rules.map((r) => r.text), `otherwise ${OTHER_PERSONA}`],
  };
}

function leafPersona(node: Node, cols: TreeColumn[], i: number): number | null {
  while (!node.leaf) node = holds(node.whenLeft, cols, i) ? node.left : node.right;
  return node.persona;
}

function holds(c: Condition, cols: TreeColumn[], i: number): boolean {
  const col = cols.find((x) => x.name === c.attribute)!;
  return conditionHolds(c, valueOf(col, i));
}

function valueOf(col: TreeColumn, i: number): unknown {
  if (col.kind === "numeric") return col.x[i];
  if (col.kind === "set") return col.codes[i] < 0 ? null : col.levels[col.codes[i]];
  const s = col.sets[i];
  return s === null ? null : [...s].map((v) => col.levels[v]);
}

function makeLeaf(rows: Int32Array, y: Int32Array, k: number, o: ResolvedRuleListOptions): Node {
  const counts = new Float64Array(k);
  for (const i of rows) counts[y[i]]++;
  let label = 0;
  for (let c = 1; c < k; c++) if (counts[c] > counts[label]) label = c;
  const purity = counts[label] / rows.length;
  return { leaf: true, rows, label, purity, persona: purity >= o.minPurity ? label : null };
}

function grow(rows: Int32Array, depth: number, cols: TreeColumn[], y: Int32Array, k: number, o: ResolvedRuleListOptions): Node {
  const leaf = makeLeaf(rows, y, k, o);
  if (depth >= o.maxDepth || rows.length < 2 * o.minLeaf || (leaf.leaf && leaf.purity === 1)) return leaf;
  const counts = new Float64Array(k);
  for (const i of rows) counts[y[i]]++;
  const parent = o.impurity(counts, rows.length);
  let best: Split | undefined;
  for (const col of cols) {
    const s = bestSplit(col, rows, y, k, o, parent);
    if (s && (!best || s.gain > best.gain + 1e-12)) best = s;
  }
  if (!best || best.gain <= 1e-12) return leaf;
  return {
    leaf: false,
    rows,
    left: grow(best.left, depth + 1, cols, y, k, o),
    right: grow(best.right, depth + 1, cols, y, k, o),
    whenLeft: best.whenLeft,
    whenRight: best.whenRight,
  };
}

/** Merges sibling leaves that give the same outcome (the merged leaf gives it too). */
function prune(node: Node, y: Int32Array, k: number, o: ResolvedRuleListOptions): Node {
  if (node.leaf) return node;
  const left = prune(node.left, y, k, o);
  const right = prune(node.right, y, k, o);
  if (left.leaf && right.leaf && left.persona === right.persona) {
    const rows = new Int32Array(left.rows.length + right.rows.length);
    rows.set(left.rows);
    rows.set(right.rows, left.rows.length);
    return makeLeaf(rows, y, k, o);
  }
  return { ...node, left, right };
}

/** Scores a two-way partition of class counts (plus missing counts sent to one side). */
function childImpurity(
  l: Float64Array,
  nl: number,
  r: Float64Array,
  nr: number,
  o: ResolvedRuleListOptions,
): number {
  return (nl * o.impurity(l, nl) + nr * o.impurity(r, nr)) / (nl + nr);
}

function addInto(out: Float64Array, a: Float64Array, b: Float64Array): Float64Array {
  for (let c = 0; c < out.length; c++) out[c] = a[c] + b[c];
  return out;
}

/** The best split of `rows` on one column, or undefined when none respects `minLeaf`. */
function bestSplit(col: TreeColumn, rows: Int32Array, y: Int32Array, k: number, o: ResolvedRuleListOptions, parent: number): Split | undefined {
  const miss = new Float64Array(k);
  let nMiss = 0;
  const bufL = new Float64Array(k);
  const bufR = new Float64Array(k);
  // evaluates a partition (left counts, right counts) with missing going left or right; when
  // the node has no missing value, a missing value later satisfies neither side (no persona)
  const evaluate = (left: Float64Array, nl: number, right: Float64Array, nr: number): { gain: number; missLeft: boolean } | undefined => {
    let out: { gain: number; missLeft: boolean } | undefined;
    for (const missLeft of nMiss > 0 ? [false, true] : [false]) {
      const a = missLeft ? addInto(bufL, left, miss) : left;
      const b = missLeft ? right : addInto(bufR, right, miss);
      const na = nl + (missLeft ? nMiss : 0);
      const nb = nr + (missLeft ? 0 : nMiss);
      if (na < o.minLeaf || nb < o.minLeaf) continue;
      const gain = parent - childImpurity(a, na, b, nb, o);
      if (!out || gain > out.gain + 1e-12) out = { gain, missLeft };
    }
    return out;
  };
  const finish = (gain: number, missLeft: boolean, goesLeft: (i: number) => boolean | null, whenLeft: Condition, whenRight: Condition): Split => {
    const left: number[] = [];
    const right: number[] = [];
    for (const i of rows) {
      const g = goesLeft(i);
      if (g === null ? missLeft : g) left.push(i);
      else right.push(i);
    }
    return { gain, left: Int32Array.from(left), right: Int32Array.from(right), whenLeft, whenRight };
  };

  if (col.kind === "numeric") {
    const known: number[] = [];
    for (const i of rows) {
      if (Number.isNaN(col.x[i])) {
        miss[y[i]]++;
        nMiss++;
      } else known.push(i);
    }
    known.sort((a, b) => col.x[a] - col.x[b] || a - b);
    const left = new Float64Array(k);
    const right = new Float64Array(k);
    for (const i of known) right[y[i]]++;
    let best: { gain: number; missLeft: boolean; a: number; b: number } | undefined;
    for (let s = 0; s < known.length - 1; s++) {
      left[y[known[s]]]++;
      right[y[known[s]]]--;
      const a = col.x[known[s]];
      const b = col.x[known[s + 1]];
      if (a === b) continue;
      const e = evaluate(left, s + 1, right, known.length - s - 1);
      if (e && (!best || e.gain > best.gain + 1e-12)) best = { ...e, a, b };
    }
    if (!best) return undefined;
    const t = niceThreshold(best.a, best.b);
    return finish(
      best.gain,
      best.missLeft,
      (i) => (Number.isNaN(col.x[i]) ? null : col.x[i] < t),
      { attribute: col.name, kind: "range", from: -Infinity, to: t, orMissing: best.missLeft },
      { attribute: col.name, kind: "range", from: t, to: Infinity, orMissing: nMiss > 0 && !best.missLeft },
    );
  }

  if (col.kind === "multi") {
    const has = new Map<number, Float64Array>();
    const all = new Float64Array(k);
    let nKnown = 0;
    for (const i of rows) {
      const s = col.sets[i];
      if (s === null) {
        miss[y[i]]++;
        nMiss++;
        continue;
      }
      nKnown++;
      all[y[i]]++;
      for (const v of s) {
        let c = has.get(v);
        if (!c) has.set(v, (c = new Float64Array(k)));
        c[y[i]]++;
      }
    }
    let best: { gain: number; missLeft: boolean; v: number } | undefined;
    const without = new Float64Array(k);
    for (const v of [...has.keys()].sort((a, b) => cmp(col.levels[a], col.levels[b]))) {
      const w = has.get(v)!;
      let nw = 0;
      for (let c = 0; c < k; c++) {
        without[c] = all[c] - w[c];
        nw += w[c];
      }
      const e = evaluate(w, nw, without, nKnown - nw);
      if (e && (!best || e.gain > best.gain + 1e-12)) best = { ...e, v };
    }
    if (!best) return undefined;
    const v = best.v;
    const value = col.levels[v];
    return finish(
      best.gain,
      best.missLeft,
      (i) => (col.sets[i] === null ? null : col.sets[i]!.has(v)),
      { attribute: col.name, kind: "contains", value, orMissing: best.missLeft },
      { attribute: col.name, kind: "lacks", value, orMissing: nMiss > 0 && !best.missLeft },
    );
  }

  // categorical / boolean: value-set membership
  const byLevel = new Map<number, Float64Array>();
  for (const i of rows) {
    const v = col.codes[i];
    if (v < 0) {
      miss[y[i]]++;
      nMiss++;
      continue;
    }
    let c = byLevel.get(v);
    if (!c) byLevel.set(v, (c = new Float64Array(k)));
    c[y[i]]++;
  }
  const levels = [...byLevel.keys()].sort((a, b) => cmp(col.levels[a], col.levels[b]));
  if (levels.length < 2 && nMiss === 0) return undefined;
  const sizeOf = (v: number) => byLevel.get(v)!.reduce((s, x) => s + x, 0);
  const total = new Float64Array(k);
  for (const v of levels) addInto(total, total, byLevel.get(v)!);
  const nKnown = total.reduce((s, x) => s + x, 0);
  let best: { gain: number; missLeft: boolean; set: number[] } | undefined;
  const seen = new Set<string>();
  const left = new Float64Array(k);
  const right = new Float64Array(k);
  // for each cluster, the levels ordered by that cluster's share; every prefix is a candidate set
  for (let c = 0; c < k; c++) {
    const ordered = [...levels].sort((a, b) => byLevel.get(b)![c] / sizeOf(b) - byLevel.get(a)![c] / sizeOf(a) || cmp(col.levels[a], col.levels[b]));
    left.fill(0);
    let nl = 0;
    const maxPrefix = nMiss > 0 ? ordered.length : ordered.length - 1;
    for (let p = 0; p < maxPrefix; p++) {
      const cv = byLevel.get(ordered[p])!;
      addInto(left, left, cv);
      nl += sizeOf(ordered[p]);
      const set = ordered.slice(0, p + 1).sort((a, b) => cmp(col.levels[a], col.levels[b]));
      const key = set.join(",");
      if (seen.has(key)) continue;
      seen.add(key);
      for (let j = 0; j < k; j++) right[j] = total[j] - left[j];
      const e = evaluate(left, nl, right, nKnown - nl);
      if (e && (!best || e.gain > best.gain + 1e-12)) best = { ...e, set };
    }
  }
  if (!best) return undefined;
  const inSet = new Set(best.set);
  const name = (set: number[]) => set.map((v) => col.levels[v]);
  const goesLeft = (i: number) => (col.codes[i] < 0 ? null : inSet.has(col.codes[i]));
  return finish(
    best.gain,
    best.missLeft,
    goesLeft,
    { attribute: col.name, kind: "in", values: name(best.set), orMissing: best.missLeft },
    { attribute: col.name, kind: "in", values: name(levels.filter((v) => !inSet.has(v))), orMissing: nMiss > 0 && !best.missLeft },
  );
}

/**
 * The roundest number t with a < t ≤ b (fewest significant digits: 200 rather than 199.5),
 * so thresholds read well and still separate the same training rows.
 */
function niceThreshold(a: number, b: number): number {
  const top = Math.max(Math.abs(a), Math.abs(b));
  if (!(top > 0)) return b;
  for (let e = Math.ceil(Math.log10(top)) + 1; e >= -15; e--) {
    const step = 10 ** e;
    const t = (Math.floor(a / step) + 1) * step;
    // undo floating noise such as 0.30000000000000004
    const r = Number(t.toPrecision(15));
    if (r > a && r <= b) return r;
    if (step < top * 1e-15) break;
  }
  return b;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Combines the conditions of a path: one range per numeric attribute, one set per categorical one. */
function mergeConditions(path: Condition[]): Condition[] {
  const out: Condition[] = [];
  for (const c of path) {
    const at = out.findIndex((x) => x.attribute === c.attribute && x.kind === c.kind && (c.kind === "range" || c.kind === "in"));
    if (at < 0) {
      out.push(c);
      continue;
    }
    const prev = out[at];
    const orMissing = prev.orMissing && c.orMissing;
    if (prev.kind === "range" && c.kind === "range")
      out[at] = { attribute: c.attribute, kind: "range", from: Math.max(prev.from, c.from), to: Math.min(prev.to, c.to), orMissing };
    else if (prev.kind === "in" && c.kind === "in") {
      const inner = new Set(c.values);
      out[at] = { attribute: c.attribute, kind: "in", values: prev.values.filter((v) => inner.has(v)), orMissing };
    }
  }
  return out;
}
