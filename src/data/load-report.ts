import type { AttributeType, Role } from "../formats/vocabulary";
import type { FutureDates } from "./future-dates";
import type { ValueCount } from "./infer-attribute";
import type { FoldedOutcome, NearOutcome } from "./outcome-labels";
import type { UnmatchedKey } from "./unmatched-keys";

/** How one join went. */
export interface JoinReport {
  table: string;
  /** `deals_column = table_column`. */
  on: string;
  rows: number;
  /** Deals (all rows read, open ones too) that found a row. */
  matched: number;
  /** Deals whose key found no row: their columns from this table are missing. */
  unmatched: number;
  /** Deals with no key value at all. */
  noKey: number;
  /** The keys that found no row for the most deals (up to five), each with the table's nearest key when it is close. */
  examples: UnmatchedKey[];
  /** Columns added to the deals. */
  columns: string[];
  /** Columns renamed because deals already had that name: `from → to`. */
  renamed: string[];
}

/** What happened to the behavioural events. */
export interface EventsReport {
  table: string;
  read: number;
  /** Events dropped because a field was missing, by reason. */
  dropped: { reason: string; rows: number }[];
  /** Events whose key matches no deal. */
  unmatchedKey: number;
  /** Events at or after the scoring point of every deal of their key (never used). */
  afterEveryScoringPoint: number;
  /** Events older than the longest window before every deal of their key (never used). */
  beforeEveryWindow: number;
  /** Closed deals with no scoring point: their behavioural features are missing. */
  dealsWithoutScoringPoint: number;
  /** What the scoring point is: `created_at`, `closed_at` (with a warning), or none. */
  scoringPoint: string;
  types: { type: string; events: number }[];
  windows: number[];
  features: number;
}

/** Attribute facts in the load report. */
export interface AttributeReport {
  name: string;
  type: AttributeType;
  role: Role;
  source: "spec" | "inferred" | "events";
  table: string;
  reason?: string;
  /** Values (of every row of its table) that did not read as the type and were read as missing. */
  unread?: ValueCount[];
  /** Share of closed deals with a missing value. */
  missing: number;
  distinct: number;
}

/**
 * Everything the loader did: rows read, outcomes, what was excluded or altered and why,
 * joins, events, inferred types and roles, warnings. Nothing is dropped silently.
 */
export interface LoadReport {
  dataset: string;
  deals: {
    table: string;
    read: number;
    won: number;
    lost: number;
    open: number;
    /** Rows not in the table (open deals and any other reason below). */
    dropped: number;
    /** The outcome values counted as open, with their counts. */
    openValues: { value: string; rows: number }[];
    /** Open values that nearly match won or lost (also a warning, with the line to add); absent when none. */
    nearValues?: NearOutcome[];
    /** Values counted won or lost only after folding spacing and Unicode form; absent when none. */
    foldedValues?: FoldedOutcome[];
  };
  /** Rows left out of the table, by reason. */
  excluded: { reason: string; rows: number; examples: string[] }[];
  /** Values changed on the way in, by reason and column. */
  altered: { reason: string; column: string; table: string; rows: number }[];
  joins: JoinReport[];
  events?: EventsReport;
  retention?: {
    table: string;
    form: "flag" | "survival";
    rows: number;
    matched: number;
    unmatched: number;
    examples: string[];
    observedUntil?: string;
    /** Flag form: rows of the table read as retained, churned, empty, and other values read as unknown (`other: missing`). */
    flags?: { true: number; false: number; missing: number; other: { value: string; rows: number }[] };
  };
  dateRange?: { from: string; to: string; column: string };
  /** Closed deals dated after the load's as-of (also a warning). */
  futureDates?: FutureDates[];
  /** The key that groups deals by customer (the events key, else the first join key, else the retention key), when deals share one. */
  grouping?: { column: string; groups: number; largest: number };
  attributes: AttributeReport[];
  warnings: string[];
}
