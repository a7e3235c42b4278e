import { itemSeparator } from "../formats/vocabulary";
import type { BinMatch, BinnedInput, ScoringRules } from "../formats/scoring-rules-schema";
import { rulesMissing } from "../formats/scoring-rules-schema";
import { compileValue, scoredInputNames, scoredInputs, type LeadValueParts } from "./lead-value";
import { parseBoolean, parseNumber } from "../data/infer-attribute";
import { readNumberText } from "../data/number-format";
import { categoryKey } from "./category-key";

/*
 * The runtime scorer: applies a `scoring.yaml` to one lead. It has no runtime dependency but
 * two pure helpers of the loader (number and boolean tokens), so it runs in a browser, a CRM
 * webhook or a worker as it runs in `leadlab score`; the generated SQL implements the same
 * rules, and a test holds the two to identical points, tiers and grades.
 *
 * Reading a value:
 * - missing: null, undefined, NaN, text that is empty after trimming, and text that is one of
 *   the rules' `inputs.missing` tokens (the training spec's `missing:`) or of the
 *   `missing` option, compared by {@link categoryKey} (NFC, trimmed, lower-cased); goes to
 *   the attribute's `missing` bin.
 * - numeric: a number, or text that is a plain decimal number (`12`, `-3.5`, `1e6`, the
 *   loader's grammar); anything else (e.g. "1,200", "inf", "NaN", true) is "not a number",
 *   and a number too large for a double ("1e400", Infinity) is "not a finite number": the
 *   lead cannot be scored and a ScoreError names the attribute and the value. A number
 *   smaller than 1e-300 in size ("1e-400") reads as 0.
 * - categorical: the value's {@link categoryKey} (NFC, trimmed, each character lower-cased)
 *   compared with the keys of the values of the `set` bins. A value in no set goes to the
 *   `other` bin, or, when the attribute has none (no level was rare in training), to the
 *   `missing` bin: an unknown category scores like an unknown value (and is reported to
 *   the `onUnknown` option).
 * - boolean: true/false, or the tokens true/false, t/f, yes/no, y/n, 1/0 in any case; read as
 *   "true" / "false" and matched with the sets. Another value throws a ScoreError.
 * - contains (an item of a multi-valued column): text split at `separator` (default ";"),
 *   items compared by their {@link categoryKey}, empty items dropped, or an array of items;
 *   "true" when the item is there.
 *   No item at all is missing.
 * - event features are precomputed numbers keyed by the attribute's name (a leads file for
 *   `leadlab score` has a column per event feature, named as the attribute); the generated
 *   SQL computes them from the raw events instead.
 * A value that no bin takes after these fallbacks (e.g. a number outside every range and no
 * `other` bin, or a missing value without a `missing` bin) throws a ScoreError.
 */

/** What scoring reads of a `scoring.yaml`: everything but the document's header and metadata (provenance, metrics), which it never reads. */
export type RulesToScore = Omit<ScoringRules, "apiVersion" | "kind" | "metadata">;

/** A value of a lead record as it may come from a CSV row, JSON or a CRM field. */
export type LeadValue = number | string | boolean | null | undefined | readonly string[];

/** A lead: feature values keyed by each attribute's `source.column`, or by its name for event features. */
export type LeadRecord = Readonly<Record<string, LeadValue>>;

/** The score of one lead. */
export interface LeadScore {
  /** `scale.basePoints` plus the points of every attribute's bin. */
  points: number;
  /** The first tier (best first) whose `minPoints` the points reach; null when none does. */
  tier: string | null;
  /** Fit letter A–D and engagement digit 1–4, e.g. "B2". */
  grade: string;
  /** Sum of the points of the attributes in group `fit`. */
  fit: number;
  /** Sum of the points of the attributes in group `engagement`. */
  engagement: number;
  /** The largest contributions in words, e.g. "+35 employees 200–1,999", largest |points| first. */
  reasons: string[];
  /** The expected value, its parts and the value tier, when the rules have a `value` block. */
  value?: LeadValueParts;
}

/** Options of {@link score} and {@link createScorer}. */
export interface ScoreOptions {
  /** How many reasons to give (default 3; 0 for none, which is faster). */
  reasons?: number;
  /** Text read as missing besides the empty string and the rules' `inputs.missing`, compared by {@link categoryKey} (e.g. ["NA", "null"]). */
  missing?: readonly string[];
  /**
   * Called when a category value (of a `categorical` attribute) is in no `set` bin and so goes
   * to the `other` (or `missing`) bin: with the attribute's name and the value, trimmed.
   */
  onUnknown?: (attribute: string, value: string) => void;
}

/**
 * A lead that cannot be scored: a value the attribute cannot read, or that no bin takes. The
 * message names the attribute and the value; `problem` is the message without the value, for
 * counting rows by reason.
 *
 * @example
 * import { ScoreError } from "leadlab";
 * const e = new ScoreError("employees", "about 50", "not a number");
 * e.message; // => 'employees: "about 50" is not a number'
 */
export class ScoreError extends Error {
  readonly attribute: string;
  readonly value: unknown;
  readonly problem: string;

  constructor(attribute: string, value: unknown, problem: string) {
    super(`${attribute}: ${describeValue(value)} is ${problem}`);
    this.name = "ScoreError";
    this.attribute = attribute;
    this.value = value;
    this.problem = `${attribute}: ${problem}`;
  }
}

/**
 * Scores one record: a function made once per rules object by {@link createScorer}. For
 * bulk scoring, `scoreValues` takes the values in the order of `keys` (an array per lead,
 * no property lookups); both give the same result.
 */
export interface Scorer {
  (record: LeadRecord): LeadScore;
  /** The record keys the rules read: each attribute's `source.column`, or its name for event features; each once. */
  readonly keys: readonly string[];
  /** Scores one lead given as values in the order of `keys`. */
  scoreValues(values: readonly LeadValue[]): LeadScore;
}

/** How many reasons the scorer and the scoring view give unless told otherwise. */
export const DEFAULT_REASONS = 3;
/** Numbers smaller than this in size read as 0 (so do they in the SQL, which cannot cast them everywhere). */
const TINY = 1e-300;
/** Distinct text values per attribute whose bin a scorer remembers. */
const CACHE_LIMIT = 4096;
const GRADES = ["A", "B", "C", "D"].map((f) => ["1", "2", "3", "4"].map((e) => f + e));

interface CompiledBin {
  points: number;
  reason: string;
}

/** One attribute of {@link CompiledRules}. */
export interface CompiledAttribute {
  readonly name: string;
  /** Index of the attribute's value in the scorer's keys. */
  readonly index: number;
  /** 1 = fit, 2 = engagement, 0 = neither. */
  readonly group: 0 | 1 | 2;
  /**
   * The bin that takes the value, times two, plus one when the value is a category in no set
   * (scored in the `other` or `missing` bin, and to be reported); throws a ScoreError when no
   * bin can take it. Text values' codes are remembered; nothing is reported.
   */
  readonly codeOf: (value: LeadValue) => number;
  /** For a numeric attribute: the code of a finite number, as `codeOf` gives it, or −1 when no bin takes it (no error is made). */
  readonly codeOfNumber?: (x: number) => number;
  /** For a numeric attribute: the numbers where `codeOfNumber` may change (its ranges' ends and ±1e-300, below which a number reads as 0), ascending; between two of them it is constant. */
  readonly edges?: readonly number[];
  /** The index of the bin that takes the value, reporting an unknown category; throws a ScoreError when none can. */
  readonly binOf: (value: LeadValue) => number;
  readonly bins: readonly CompiledBin[];
}

/**
 * A rules object compiled for scoring (bins indexed, reasons phrased): what {@link createScorer}
 * wraps, and what scores a whole column of leads at once (`leadlab score`).
 */
export interface CompiledRules {
  readonly keys: readonly string[];
  readonly base: number;
  readonly attributes: readonly CompiledAttribute[];
  readonly tiers: readonly { name: string; min: number }[];
  readonly fitCuts: readonly number[];
  readonly engagementCuts: readonly number[];
  readonly reasons: number;
  /** The expected value from the points and the bins (the value attributes follow the scorecard's in `attributes`), when the rules have a `value` block. */
  readonly value?: (points: number, bins: ArrayLike<number>) => LeadValueParts;
}

/**
 * Builds a scorer for a rules object: the rules are read once (bins indexed, reasons
 * phrased), then each call scores one record. Throws an Error for rules it cannot apply
 * (e.g. a `contains` attribute without `containsValue`, or grade cuts that are not three
 * numbers); {@link parseScoringRules} reports those with the file and field.
 *
 * @example
 * import { createScorer, readScoringRules } from "leadlab";
 * const scoreLead = createScorer(readScoringRules("tests/scoring/fixtures/scoring.yaml"), { reasons: 2 });
 * scoreLead({ employees: "250", industry: "SaaS" }).points; // => 55
 * scoreLead.keys[0]; // => "employees"
 * scoreLead.scoreValues(["250", "SaaS"]).points; // => 55
 */
export function createScorer(rules: RulesToScore, options: ScoreOptions = {}): Scorer {
  const c = compileRules(rules, options);
  const bins = new Int32Array(c.attributes.length);
  const scoreValues = (values: readonly LeadValue[]): LeadScore => {
    for (let k = 0; k < c.attributes.length; k++) bins[k] = c.attributes[k].binOf(values[c.attributes[k].index]);
    return scoreOfBins(c, bins);
  };
  const scratch: LeadValue[] = new Array(c.keys.length);
  const scorer = (record: LeadRecord): LeadScore => {
    for (let i = 0; i < c.keys.length; i++) scratch[i] = record[c.keys[i]];
    return scoreValues(scratch);
  };
  return Object.assign(scorer, { keys: c.keys, scoreValues });
}

const cache = new WeakMap<RulesToScore, Map<string, Scorer>>();

/**
 * Scores one lead with a `scoring.yaml`: points, tier, grade and the top reasons. Values are
 * read as documented at the top of this file (numeric text is parsed, categories compare as
 * trimmed text, unknown categories go to `other` or else `missing`); a value that cannot be
 * scored throws a {@link ScoreError}. The rules object is compiled once and cached, so it
 * must not be changed after the first call (use {@link createScorer} to hold the scorer).
 *
 * @example
 * import { readScoringRules, score } from "leadlab";
 * const rules = readScoringRules("tests/scoring/fixtures/scoring.yaml");
 * const s = score(rules, { employees: 250, industry: "SaaS", demo_request_count_90d: 0 });
 * s.points; // => 35
 * s.grade; // => "B4"
 * s.reasons; // => ["+35 employees 200–1,999", "+20 industry SaaS", "−20 no demo_request in the 90 days before"]
 */
export function score(rules: RulesToScore, record: LeadRecord, options: ScoreOptions = {}): LeadScore {
  let byOptions = cache.get(rules);
  if (!byOptions) cache.set(rules, (byOptions = new Map()));
  const key = `${options.reasons ?? DEFAULT_REASONS}|${(options.missing ?? []).join("\u0000")}`;
  if (options.onUnknown) return createScorer(rules, options)(record);
  let scorer = byOptions.get(key);
  if (!scorer) byOptions.set(key, (scorer = createScorer(rules, options)));
  return scorer(record);
}

/**
 * The grade of a lead from its fit and engagement points: letter A–D (≥ fitCuts[2] → A,
 * ≥ [1] → B, ≥ [0] → C, else D) and digit 1–4 (≥ engagementCuts[2] → 1, … else 4).
 *
 * @example
 * import { gradeOf } from "leadlab";
 * gradeOf(30, 5, [0, 20, 40], [0, 10, 20]); // => "B3"
 */
export function gradeOf(fit: number, engagement: number, fitCuts: readonly number[], engagementCuts: readonly number[]): string {
  const f = fit >= fitCuts[2] ? 0 : fit >= fitCuts[1] ? 1 : fit >= fitCuts[0] ? 2 : 3;
  const e = engagement >= engagementCuts[2] ? 0 : engagement >= engagementCuts[1] ? 1 : engagement >= engagementCuts[0] ? 2 : 3;
  return GRADES[f][e];
}

/**
 * The score of a lead whose bin is known for every attribute (`bins[k]`: the index of the bin of
 * `c.attributes[k]`): points, tier, grade and reasons, exactly as {@link createScorer}'s scorer
 * gives them (it scores through this function).
 */
export function scoreOfBins(c: CompiledRules, bins: ArrayLike<number>): LeadScore {
  let points = c.base;
  let fit = 0;
  let engagement = 0;
  const want = c.reasons;
  // The top `want` contributions by |points|, kept sorted by insertion (ties keep the rules' order).
  const top: CompiledBin[] = [];
  for (let k = 0; k < c.attributes.length; k++) {
    const a = c.attributes[k];
    const b = a.bins[bins[k]];
    const p = b.points;
    points += p;
    if (a.group === 1) fit += p;
    else if (a.group === 2) engagement += p;
    if (want > 0 && p !== 0) {
      const m = Math.abs(p);
      let i = top.length;
      while (i > 0 && Math.abs(top[i - 1].points) < m) i--;
      if (i < want) {
        top.splice(i, 0, b);
        if (top.length > want) top.pop();
      }
    }
  }
  let tier: string | null = null;
  for (const t of c.tiers)
    if (points >= t.min) {
      tier = t.name;
      break;
    }
  const reasons = new Array<string>(top.length);
  for (let i = 0; i < top.length; i++) reasons[i] = top[i].reason;
  const score: LeadScore = { points, tier, grade: gradeOf(fit, engagement, c.fitCuts, c.engagementCuts), fit, engagement, reasons };
  if (c.value) score.value = c.value(points, bins);
  return score;
}

/**
 * Compiles a rules object for scoring: bins indexed, reasons phrased, values' readers built.
 * Throws an Error for rules it cannot apply, as {@link createScorer} does.
 *
 * @example
 * import { compileRules, scoreOfBins } from "./score";
 * import { readScoringRules } from "leadlab";
 * const c = compileRules(readScoringRules("tests/scoring/fixtures/scoring.yaml"));
 * c.attributes[0].codeOf(250) >> 1; // => 2
 * scoreOfBins(c, c.attributes.map((a) => a.codeOf(null) >> 1)).points; // => -10
 */
export function compileRules(rules: RulesToScore, options: ScoreOptions = {}): CompiledRules {
  const missingTokens = new Set([...rulesMissing(rules), ...(options.missing ?? [])].map(categoryKey));
  const reasons = options.reasons ?? DEFAULT_REASONS;
  if (!Number.isInteger(reasons) || reasons < 0) throw new Error(`score: options.reasons must be a whole number ≥ 0; got ${reasons}`);
  for (const [field, cuts] of [["grades.fitCuts", rules.grades.fitCuts], ["grades.engagementCuts", rules.grades.engagementCuts]] as const)
    if (cuts.length !== 3) throw new Error(`score: ${field} must have 3 cut points; got ${JSON.stringify(cuts)}`);
  const keyOf = (a: BinnedInput) => ("column" in a.source ? a.source.column : a.name);
  // The value cards' attributes are scored after the scorecard's (no points), so a lead's bins decide its value too.
  const inputs = scoredInputs(rules);
  const keys = [...new Set(inputs.map(keyOf))];
  // A value card's attribute is named with its card in errors and reports (it may bin its column otherwise).
  const names = scoredInputNames(rules);
  return {
    keys,
    base: rules.scale.basePoints,
    attributes: inputs.map((a, k) => compileAttribute({ ...a, name: names[k] }, rules, missingTokens, keys.indexOf(keyOf(a)), options.onUnknown)),
    tiers: rules.tiers.map((t) => ({ name: t.name, min: t.minPoints === null ? -Infinity : t.minPoints })),
    fitCuts: rules.grades.fitCuts,
    engagementCuts: rules.grades.engagementCuts,
    reasons,
    ...(rules.value ? { value: compileValue(rules.value, rules.attributes.length) } : {}),
  };
}

function compileAttribute(
  a: BinnedInput,
  rules: RulesToScore,
  missingTokens: ReadonlySet<string>,
  index: number,
  onUnknown: ScoreOptions["onUnknown"],
): CompiledAttribute {
  const numeric = a.match === "numeric";
  const ranges: { lo: number; hi: number; loIn: boolean; hiIn: boolean; bin: number }[] = [];
  const sets = new Map<string, number>();
  let other = -1;
  let missing = -1;
  a.bins.forEach((bin, i) => {
    const w = bin.when;
    if (w.kind === "range") {
      if (!numeric) throw new Error(`score: attribute "${a.name}" matches ${a.match} values but bin "${bin.label}" is a range`);
      ranges.push({ lo: w.lo ?? -Infinity, hi: w.hi ?? Infinity, loIn: w.loInclusive, hiIn: w.hiInclusive, bin: i });
    } else if (w.kind === "set") {
      if (numeric) throw new Error(`score: numeric attribute "${a.name}" has a set bin "${bin.label}"; numeric bins are ranges`);
      for (const v of w.values) {
        const text = binSetText(v, a.match);
        if (!sets.has(text)) sets.set(text, i);
      }
    } else if (w.kind === "other") {
      if (other < 0) other = i;
      // The training values it pools are known categories, not unknown ones.
      for (const v of w.values ?? []) {
        const text = binSetText(v, a.match);
        if (!sets.has(text)) sets.set(text, i);
      }
    } else if (missing < 0) missing = i;
  });
  const name = a.name;
  const missingBin = (value: LeadValue): number => {
    if (missing < 0) throw new ScoreError(name, value, "missing and the attribute has no missing bin");
    return missing;
  };
  const noBin = (value: LeadValue): never => {
    throw new ScoreError(name, value, "in no bin (and the attribute has no other bin)");
  };
  const unlisted = other >= 0 ? other : missing;
  // `find` gives the bin's index times two, plus one when the value is a category in no set.
  let find: (value: LeadValue) => number;
  // A number's code: its range's bin, else the other bin; −1 when neither.
  const rangeCode = (x: number): number => {
    for (let i = 0; i < ranges.length; i++) {
      const g = ranges[i];
      if ((g.loIn ? x >= g.lo : x > g.lo) && (g.hiIn ? x <= g.hi : x < g.hi)) return 2 * g.bin;
    }
    return other >= 0 ? 2 * other : -1;
  };
  if (numeric) {
    const read = numberReader(name, missingTokens, a.numberFormat);
    find = (value) => {
      const x = read(value);
      if (x !== x) return 2 * missingBin(value);
      const code = rangeCode(x);
      return code >= 0 ? code : noBin(value);
    };
  } else {
    const read = textReader(a, missingTokens);
    const category = a.match === "categorical";
    find = (value) => {
      const t = read(value);
      if (t === null) return 2 * missingBin(value);
      const bin = sets.get(t);
      if (bin !== undefined) return 2 * bin;
      return 2 * (unlisted >= 0 ? unlisted : noBin(value)) + (category ? 1 : 0);
    };
  }
  const found = (value: LeadValue, code: number): number => {
    if (code & 1 && onUnknown) onUnknown(name, String(value).trim());
    return code >> 1;
  };
  // Text values repeat (categories, lists, number columns read as text): remember the bin of
  // up to CACHE_LIMIT distinct texts per attribute. Values that throw are never remembered.
  const cache = new Map<string, number>();
  const codeOf = (value: LeadValue): number => {
    if (typeof value !== "string") return find(value);
    let code = cache.get(value);
    if (code === undefined) {
      code = find(value);
      if (cache.size < CACHE_LIMIT) cache.set(value, code);
    }
    return code;
  };
  return {
    name,
    index,
    group: a.group === "fit" ? 1 : a.group === "engagement" ? 2 : 0,
    codeOf,
    ...(numeric
      ? {
          codeOfNumber: (x: number) => rangeCode(Math.abs(x) < TINY ? 0 : x),
          edges: [...new Set([-TINY, TINY, ...ranges.flatMap((g) => [g.lo, g.hi])])].filter(Number.isFinite).sort((x, y) => x - y),
        }
      : {}),
    binOf: (value) => found(value, codeOf(value)),
    bins: a.bins.map((b) => ({ points: b.points ?? 0, reason: b.points === undefined ? "" : binReason(a, { ...b, points: b.points }, rules) })),
  };
}

/**
 * A value of a `set` bin as the scorer compares it: its {@link categoryKey} (NFC, trimmed,
 * lower-cased); for `boolean` and `contains` attributes, a boolean token is read as
 * "true" / "false".
 *
 * @example
 * import { binSetText } from "leadlab";
 * binSetText(" Yes ", "boolean"); // => "true"
 * binSetText(" SaaS ", "categorical"); // => "saas"
 */
export function binSetText(value: string, match: string): string {
  if (match !== "boolean" && match !== "contains") return categoryKey(value);
  const b = parseBoolean(value);
  return b === undefined ? categoryKey(value) : String(b);
}

/**
 * Reads a numeric value: the number, NaN when missing; throws a ScoreError for anything else.
 * With the attribute's `numberFormat`, text is read as training read it ("$62,000.00").
 */
function numberReader(name: string, missingTokens: ReadonlySet<string>, format: BinnedInput["numberFormat"]): (value: LeadValue) => number {
  const parse = format ? (t: string) => readNumberText(t, format.decimal)?.value ?? NaN : parseNumber;
  return (value) => {
    if (typeof value === "number") {
      if (value === Infinity || value === -Infinity) throw new ScoreError(name, value, "not a finite number");
      return Math.abs(value) < TINY ? 0 : value;
    }
    if (value === null || value === undefined) return NaN;
    if (typeof value !== "string") throw new ScoreError(name, value, "not a number");
    const t = value.trim();
    if (t === "" || missingTokens.has(categoryKey(t))) return NaN;
    const x = parse(t);
    if (x !== x) throw new ScoreError(name, value, format ? `not a number as the training data wrote them (decimal mark "${format.decimal}")` : "not a number");
    if (!Number.isFinite(x)) throw new ScoreError(name, value, "not a finite number");
    return Math.abs(x) < TINY ? 0 : x;
  };
}

/** Reads a categorical, boolean or contains value as the text the sets hold; null when missing. */
function textReader(a: BinnedInput, missingTokens: ReadonlySet<string>): (value: LeadValue) => string | null {
  const name = a.name;
  const text = (value: LeadValue): string | null => {
    if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return null;
    const t = categoryKey(typeof value === "string" ? value : String(value));
    return t === "" || missingTokens.has(t) ? null : t;
  };
  switch (a.match) {
    case "categorical":
      return (value) => {
        if (typeof value === "object" && value !== null) throw new ScoreError(name, value, "a list, not one category");
        return text(value);
      };
    case "boolean":
      return (value) => {
        if (typeof value === "boolean") return value ? "true" : "false";
        if (typeof value === "object" && value !== null) throw new ScoreError(name, value, "not a boolean (true/false, yes/no, 1/0)");
        const t = text(value);
        if (t === null) return null;
        const b = parseBoolean(t);
        if (b === undefined) throw new ScoreError(name, value, "not a boolean (true/false, yes/no, 1/0)");
        return b ? "true" : "false";
      };
    case "contains": {
      if (a.containsValue === undefined) throw new Error(`score: attribute "${a.name}" matches "contains" but has no containsValue`);
      const item = categoryKey(a.containsValue);
      const sep = itemSeparator(a);
      return (value) => {
        let items: string[];
        if (Array.isArray(value)) items = (value as readonly unknown[]).map((v) => categoryKey(String(v)));
        else {
          const t = text(value as LeadValue);
          if (t === null) return null;
          items = t.split(sep).map(categoryKey);
        }
        let any = false;
        for (const x of items) {
          if (x === "") continue;
          if (x === item) return "true";
          any = true;
        }
        return any ? "false" : null;
      };
    }
    default:
      throw new Error(`score: attribute "${a.name}" has an unknown match "${String(a.match)}"`);
  }
}

/** "+35" or "−20" (a true minus sign), "0" for zero. */
function signed(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `\u2212${-points}` : "0";
}

/**
 * The reason a bin gives when it is among a lead's top contributions: its signed points and
 * its words, e.g. "+35 employees 200–1,999" or "−20 no demo_request in the 90 days before".
 * The runtime scorer and the scoring view give the same text.
 *
 * @example
 * import { binReason, readScoringRules } from "leadlab";
 * const rules = readScoringRules("tests/scoring/fixtures/scoring.yaml");
 * binReason(rules.attributes[0], rules.attributes[0].bins[0], rules).startsWith(rules.attributes[0].bins[0].points > 0 ? "+" : ""); // => true
 */
export function binReason(a: BinnedInput, bin: { label: string; when: BinMatch; points: number }, rules: RulesToScore): string {
  return `${signed(bin.points)} ${describeBin(a, bin.when, bin.label, rules)}`;
}

/** Groups the integer part of long numbers in a label: "200–1999" → "200–1,999" (dates untouched). */
function groupDigits(label: string): string {
  return label.replace(/(?<![\d.,-])\d{4,}(?![\d-])/g, (d) => d.replace(/\B(?=(\d{3})+$)/g, ","));
}

/** The words of a bin for a reason, e.g. "employees 200–1,999" or "no demo_request in the 90 days before". */
function describeBin(a: BinnedInput, when: BinMatch, label: string, rules: RulesToScore): string {
  const shown = when.kind === "range" ? groupDigits(label) : label;
  if ("event" in a.source) {
    const { type, windowDays: w, aggregate } = a.source.event;
    const within = `in the ${w} days before`;
    const none = `no ${type} ${within}`;
    if (when.kind === "missing") return aggregate === "days_since_last" ? none : `${type} activity unknown`;
    if (when.kind !== "range") return `${a.name} ${shown}`;
    const onlyZero = holds(when, 0) && !holds(when, 1);
    const decay = a.source.event.decay;
    switch (aggregate) {
      case "count":
        if (decay) return `${type} weighing ${shown} (halving every ${decay.halfLifeDays} days) ${within}`;
        return onlyZero ? none : `${shown} ${type} ${within}`;
      case "active_days":
        return onlyZero ? none : `${type} on ${shown} days ${within}`;
      case "sum":
        return `${type} ${rules.inputs.events?.value ?? "value"} ${shown} ${within}`;
      case "days_since_last":
        return `last ${type} ${shown} days before`;
      default:
        return `${a.name} ${shown}`;
    }
  }
  if (when.kind === "missing") return `${a.source.column} missing`;
  if (a.match === "contains") {
    const item = a.containsValue ?? "";
    if (when.kind === "set" && when.values.length === 1) {
      const b = parseBoolean(when.values[0]);
      if (b !== undefined) return `${a.source.column} ${b ? "includes" : "without"} ${item}`;
    }
    return `${a.name} ${shown}`;
  }
  if (a.match === "boolean" && when.kind === "set" && when.values.length === 1) {
    const b = parseBoolean(when.values[0]);
    if (b !== undefined) return b ? a.name : `not ${a.name}`;
  }
  return shown.startsWith(a.name) ? shown : `${a.name} ${shown}`;
}

function holds(r: Extract<BinMatch, { kind: "range" }>, x: number): boolean {
  const lo = r.lo ?? -Infinity;
  const hi = r.hi ?? Infinity;
  return (r.loInclusive ? x >= lo : x > lo) && (r.hiInclusive ? x <= hi : x < hi);
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}
