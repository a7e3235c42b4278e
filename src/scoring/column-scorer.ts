import { ScoreError, scoreOfBins, type CompiledRules, type LeadScore, type LeadValue } from "./score";

/**
 * A column of a chunk of leads, as a reader hands it out: each row's value, and, where the
 * reader has them, cheaper forms of it (a number, or a code in a dictionary of texts).
 */
export interface LeadColumn {
  /** Row r's value, as the scorer reads it. */
  value(r: number): LeadValue;
  /** Each row's value when it is a finite number; NaN or ±Infinity where `value(r)` must be read instead. */
  numbers?: Float64Array;
  /** Each row's value as its index in `dictionary`; −1 where `value(r)` must be read instead. */
  codes?: Int32Array;
  /** The texts `codes` indexes: the same array for every chunk of a file. */
  dictionary?: readonly string[];
}

/** Distinct bin combinations whose text a column scorer remembers. */
const LINE_CACHE_LIMIT = 1 << 16;
/** Up to this many combinations, a combination's remembered text is found by index (an Int32Array of this size at most) rather than in a Map. */
const DENSE_LIMIT = 1 << 20;

/**
 * Scores a chunk of leads column by column (`leadlab score`'s fast path): the bin of each
 * attribute for every row (numbers compared with the ranges, a dictionary's codes looked up
 * once per file, other texts through the attribute's cache), then, per row, the text
 * `format(score)` for its combination of bins, remembered for up to 65,536 combinations (a
 * lead's score depends only on its bins). Category values in no set are passed to `onUnknown`
 * (trimmed), once per row, as the scorer's own option is. A row with a value no bin takes is
 * left `undefined`: the caller scores it one by one with a scorer of the same rules, which
 * raises the error (and reports that row's unknown categories itself).
 *
 * @example
 * import { readScoringRules } from "leadlab";
 * import { compileRules } from "./score";
 * import { columnScorer } from "./column-scorer";
 * const c = compileRules(readScoringRules("tests/scoring/fixtures/scoring.yaml"));
 * const employees = [250, 10, "about 50"];
 * const numbers = Float64Array.of(250, 10, NaN); // NaN: read the value instead
 * const columns = c.keys.map((k) => (k === "employees" ? { numbers, value: (r: number) => employees[r] } : { value: () => "" }));
 * columnScorer(c, (s) => `${s.points} ${s.grade}`).score(columns, 3); // => ["30 C4", "-15 D4", undefined]
 */
export function columnScorer<T>(
  c: CompiledRules,
  format: (score: LeadScore) => T,
  onUnknown?: (attribute: string, value: string) => void,
): { score(columns: readonly LeadColumn[], n: number): (T | undefined)[] } {
  const m = c.attributes.length;
  // A row's combination of bins as one number (mixed radix), when every combination fits in a double's integers.
  const strides: number[] = [];
  let combinations = 1;
  for (const a of c.attributes) {
    strides.push(combinations);
    combinations *= a.bins.length;
  }
  const keyed = combinations <= Number.MAX_SAFE_INTEGER;
  // Remembered texts, found through `slots` (the index in `texts` + 1, by combination) or `keys`.
  const slots = combinations <= DENSE_LIMIT ? new Int32Array(combinations) : undefined;
  const keys = new Map<number, number>();
  const texts: T[] = [];
  const dictionaryCodes = new WeakMap<readonly string[], Int32Array>();
  const bins = new Int32Array(m);
  let codes: Int32Array[] = [];

  /** Each dictionary text's code for an attribute (−1 when no bin takes it), worked out once per dictionary. */
  const codesOfDictionary = (k: number, dictionary: readonly string[]): Int32Array => {
    let table = dictionaryCodes.get(dictionary);
    if (!table) {
      table = Int32Array.from(dictionary, (text) => safeCode(c, k, text));
      dictionaryCodes.set(dictionary, table);
    }
    return table;
  };

  /** Fills `into` with the code of attribute k's value on each row (2 × bin, + 1 for an unknown category; −1 when no bin takes it). */
  const columnCodes = (k: number, column: LeadColumn, n: number, into: Int32Array): void => {
    const numbers = column.numbers;
    const codeOfNumber = c.attributes[k].codeOfNumber;
    if (numbers && codeOfNumber) {
      for (let r = 0; r < n; r++) {
        const x = numbers[r];
        into[r] = x - x === 0 ? codeOfNumber(x) : safeCode(c, k, column.value(r));
      }
    } else if (column.codes && column.dictionary) {
      const table = codesOfDictionary(k, column.dictionary);
      const codes = column.codes;
      for (let r = 0; r < n; r++) {
        const code = codes[r];
        into[r] = code >= 0 ? table[code] : safeCode(c, k, column.value(r));
      }
    } else for (let r = 0; r < n; r++) into[r] = safeCode(c, k, column.value(r));
  };

  /** The remembered text of a combination, or undefined. */
  const remembered = (key: number): T | undefined => {
    if (slots) return slots[key] > 0 ? texts[slots[key] - 1] : undefined;
    const slot = keyed ? keys.get(key) : undefined;
    return slot === undefined ? undefined : texts[slot];
  };
  const remember = (key: number, text: T): void => {
    if (!keyed || texts.length >= LINE_CACHE_LIMIT) return;
    texts.push(text);
    if (slots) slots[key] = texts.length;
    else keys.set(key, texts.length - 1);
  };

  return {
    score(columns, n) {
      if (codes.length === 0 || codes[0].length < n) codes = c.attributes.map(() => new Int32Array(n));
      for (let k = 0; k < m; k++) columnCodes(k, columns[c.attributes[k].index], n, codes[k]);
      const out = new Array<T | undefined>(n).fill(undefined);
      rows: for (let r = 0; r < n; r++) {
        let key = 0;
        let unknown = 0;
        for (let k = 0; k < m; k++) {
          const code = codes[k][r];
          if (code < 0) continue rows;
          unknown |= code & 1;
          bins[k] = code >> 1;
          key += bins[k] * strides[k];
        }
        if (unknown && onUnknown)
          for (let k = 0; k < m; k++) if (codes[k][r] & 1) onUnknown(c.attributes[k].name, String(columns[c.attributes[k].index].value(r)).trim());
        let text = remembered(key);
        if (text === undefined) {
          text = format(scoreOfBins(c, bins));
          remember(key, text);
        }
        out[r] = text;
      }
      return out;
    },
  };
}

/** Attribute k's code for a value, or −1 when no bin takes it (a ScoreError, which the row's one-by-one scoring raises again). */
function safeCode(c: CompiledRules, k: number, value: LeadValue): number {
  try {
    return c.attributes[k].codeOf(value);
  } catch (e) {
    if (e instanceof ScoreError) return -1;
    throw e;
  }
}
