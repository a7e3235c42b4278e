import { parseBoolean } from "../data/infer-attribute";
import { churnFlag } from "./churn-flag";
import type { ColumnFacts } from "./column-facts";
import { twoValues, type TwoValues } from "./two-values";

/** Spellings of a closed-won deal in CRM exports (compared trimmed, lower case); "Closed - Converted" is a Salesforce lead's. */
export const WON_SPELLINGS = ["closed won", "closedwon", "closed - won", "won", "win", "converted", "closed/won", "closed - converted"] as const;
/** Spellings of a closed-lost deal. */
export const LOST_SPELLINGS = ["closed lost", "closedlost", "closed - lost", "lost", "loss", "closed/lost", "disqualified", "unqualified", "not converted", "closed - not converted"] as const;

/** An outcome column and the values found in it that mean won, lost, or neither (open). */
export interface OutcomeChoice {
  column: string;
  won: string[];
  lost: string[];
  open: string[];
  /** How it was recognised, for the printed choices. */
  why: string;
}

const OUTCOME_NAME = /stage|status|outcome|result|won|converted/i;
const FLAG_NAME = /(^|[^a-z])(is_?won|won|converted|is_?converted)$/i;
/**
 * A flag of whether a lead or customer took an offer (a campaign's `Response`, `Purchased`,
 * `Subscribed`, a telemarketing file's `subscribe`, or `y` alone, as the UCI bank marketing file
 * names it): the outcome when no column says won.
 */
const RESPONSE_NAME = /(^|[^a-z])(response|responded|purchased|subscribed?)$|^y$/i;

const SPELLINGS = new Set<string>([...WON_SPELLINGS, ...LOST_SPELLINGS]);

/**
 * Whether a value is a spelling of a won or a lost deal (any case).
 *
 * @example
 * import { isClosedSpelling } from "./outcome-values";
 * [isClosedSpelling("Closed Won"), isClosedSpelling("Married")]; // => [true, false]
 */
export const isClosedSpelling = (value: string): boolean => SPELLINGS.has(value.toLowerCase());
const LONGEST_SPELLING = Math.max(...[...SPELLINGS].map((s) => s.length));

/**
 * Whether a column's distinct values can pass {@link findOutcome}'s test: some value is a won or
 * lost spelling, and the others (open) are no more than it allows. Counted without sorting or
 * listing, so that a column of millions of distinct values (an event log's times) costs one pass.
 * A value longer than every spelling is none (lower-casing never shortens a string).
 */
function mayHoldOutcome(distinct: ReadonlySet<string>): boolean {
  let closed = 0;
  for (const v of distinct) if (v.length <= LONGEST_SPELLING && isClosedSpelling(v)) closed++;
  return closed > 0 && distinct.size - closed <= Math.max(20, closed + 10);
}

/**
 * Recognises the outcome column among a table's columns: text whose values include a won and a
 * lost spelling (`Closed Won` / `Closed Lost`, `won` / `lost` / `open`, `Converted`), else a
 * boolean or 1/0 flag named like won or converted (`IsWon`: true = won, false = lost), else
 * (with `responses`, the default) one named like a response to an offer (`Response`,
 * `Purchased`, `Subscribed`). Values in neither list stay open. Text stages are preferred to
 * flags, because a flag's false also covers open deals.
 *
 * @example
 * import { columnFacts } from "./column-facts";
 * import { findOutcome } from "./outcome-values";
 * findOutcome([columnFacts("Deal Stage", ["Closed Won", "Closed Lost", "Qualified"])])!.open; // => ["Qualified"]
 * findOutcome([columnFacts("Response", ["1", "0", "0"])])!.why; // => "a response flag (0/1)"
 */
export function findOutcome(columns: readonly ColumnFacts[], { responses = true } = {}): OutcomeChoice | undefined {
  const text: OutcomeChoice[] = [];
  for (const c of columns) {
    if (c.boolean || c.numeric || !mayHoldOutcome(c.distinct)) continue;
    const won: string[] = [], lost: string[] = [], open: string[] = [];
    for (const v of [...c.distinct].sort()) {
      const s = v.toLowerCase();
      ((WON_SPELLINGS as readonly string[]).includes(s) ? won : (LOST_SPELLINGS as readonly string[]).includes(s) ? lost : open).push(v);
    }
    if (won.length && (lost.length || /convert/i.test(won.join())) && open.length <= Math.max(20, won.length + lost.length + 10))
      text.push({ column: c.name, won, lost, open, why: `values ${[...won, ...lost].map((v) => `"${v}"`).join(", ")}` });
  }
  text.sort((a, b) => Number(OUTCOME_NAME.test(b.column)) - Number(OUTCOME_NAME.test(a.column)) || b.lost.length - a.lost.length);
  if (text.length) return text[0];
  // the name first: counting a column's values is the costly test (an event log's millions of times)
  const flagNamed = (re: RegExp) => {
    for (const column of columns) {
      const values = re.test(column.name.replace(/\s+/g, "_")) ? flagValues(column) : undefined;
      if (values) return { column, ...values };
    }
    return undefined;
  };
  const won = flagNamed(FLAG_NAME);
  const flag = won ?? (responses ? flagNamed(RESPONSE_NAME) : undefined);
  return flag && flagOutcome(flag.column, flag, `${won ? "a won/converted" : "a response"} flag (${flag.two.join("/")})`);
}

const truthy = (v: string) => parseBoolean(v) === true;

/** The outcome read from a flag column and its values: true is won, false lost, the strays open. */
function flagOutcome(column: ColumnFacts, flag: TwoValues, why: string): OutcomeChoice {
  return { column: column.name, won: flag.two.filter(truthy), lost: flag.two.filter((v) => !truthy(v)), open: flag.others, why };
}

/**
 * A table's last column when it is a 1/0 or true/false flag and no churn flag: where a prepared
 * dataset keeps what it predicts (`TravelInsurance` in a Kaggle file of travel-insurance buyers,
 * `Revenue` in UCI's online shoppers), named after what was bought rather than like a stage or a
 * response. The outcome of a folder holding that one table when no column is named as one
 * ({@link findOutcome}); true is won. A Yes/No column is not taken by its place: prepared files
 * code their target as 1/0 or true/false, and their yes/no columns are answers of the buyer
 * (`FrequentFlyer`).
 *
 * @example
 * import { columnFacts } from "./column-facts";
 * import { lastColumnFlag } from "./outcome-values";
 * const facts = [columnFacts("Age", ["31", "34", "28"]), columnFacts("FrequentFlyer", ["No", "Yes", "No"]), columnFacts("TravelInsurance", ["0", "1", "1"])];
 * lastColumnFlag(facts); // => { column: "TravelInsurance", won: ["1"], lost: ["0"], open: [], why: "the last column, a flag (0/1), where a prepared dataset keeps what it predicts" }
 * [lastColumnFlag(facts.slice(0, 1)), lastColumnFlag(facts.slice(0, 2))]; // => [undefined, undefined]
 */
export function lastColumnFlag(columns: readonly ColumnFacts[]): OutcomeChoice | undefined {
  const column = columns.at(-1);
  const flag = column && !churnFlag(column) ? flagValues(column) : undefined;
  if (!column || !flag || !flag.two.every((v) => /^(1|0|true|false)$/i.test(v))) return undefined;
  return flagOutcome(column, flag, `the last column, a flag (${flag.two.join("/")}), where a prepared dataset keeps what it predicts`);
}

/**
 * A flag's two values: two boolean tokens of which one is true (`true` / `false`, `1` / `0`,
 * `Yes` / `No`), with at most a few rows of other values ({@link twoValues}: a mistyped `05`
 * among 1s and 0s), which are then open deals. A column of one value (`items_purchased`, all 1)
 * or of two counts (1 and 2) is no flag.
 */
function flagValues(c: ColumnFacts): TwoValues | undefined {
  const values = twoValues(c);
  return values && values.two.every((v) => parseBoolean(v) !== undefined) && values.two.filter(truthy).length === 1 ? values : undefined;
}
