import type { DataFrame } from "danfojs-node";
import { dealTableToDataFrame } from "./deal-table-frame";
import type { AttributeType, DecimalMark, EventAggregate, Role } from "../formats/vocabulary";
import type { Provenance } from "../formats/provenance";
import { splitHoldout, type HoldoutSplit } from "./holdout-split";
import { splitDates, tableProvenance } from "./table-provenance";
import { gatherFlags, gatherNumbers } from "./typed-column";

/**
 * A column of a {@link DealTable}, typed by its attribute type:
 * - `numeric` and `date`: `Float64Array`, `NaN` for missing (dates are epoch milliseconds, UTC)
 * - `boolean`: `(boolean | null)[]`
 * - `categorical`: `(string | null)[]`
 * - `multi`: `(string[] | null)[]`
 */
export type Column = Float64Array | (boolean | null)[] | (string | null)[] | (string[] | null)[];

/** How a behavioural feature is computed from raw events, so that a consumer can recompute it. */
export interface EventFeature {
  /** The event type, as written in the events table. */
  eventType: string;
  /** Days before the scoring point. */
  windowDays: number;
  aggregate: EventAggregate;
  /** Only for a count: each event weighs 2^(−age in days / halfLifeDays) (a decayed count). */
  halfLifeDays?: number;
}

/** What leadlab knows about one attribute (one column of the table). */
export interface AttributeMeta {
  name: string;
  type: AttributeType;
  role: Role;
  /** `spec` when `dataset.yaml` set it, `inferred` when the loader decided (and said why). */
  source: "spec" | "inferred" | "events";
  /** Why the type and role were inferred, or why the attribute is excluded. */
  reason?: string;
  /** The table the column came from (deals, a join table, or events). */
  table: string;
  /** The qualification framework and criterion this attribute answers, when mapped in the spec. */
  framework?: string;
  criterion?: string;
  /** Separator of a multi-valued attribute. */
  separator?: string;
  /** How a numeric column wrote its numbers, when not plainly ({@link numberFormatRule}): the rules read new values the same way. */
  numberFormat?: { decimal: DecimalMark };
  /** Set for behavioural features built from the events table. */
  feature?: EventFeature;
}

/**
 * Decayed counts of the event types ({@link EventFeature.halfLifeDays}): recency-weighted
 * variants of the count features, kept apart from the attributes: the drivers, personas and
 * frameworks do not analyse them; the tuner tries them in place of the fixed windows.
 */
export interface DecayedColumns {
  attributes: AttributeMeta[];
  columns: Record<string, Float64Array>;
}

/** Retention of won deals, in one of the two forms of the spec, with the customer key of each deal. */
export type Retention =
  | { form: "flag"; key: (string | null)[]; retained: (boolean | null)[] }
  | {
      form: "survival";
      /** The retention key (the customer) of each deal. */
      key: (string | null)[];
      /** Contract start, epoch ms (NaN when unknown). */
      start: Float64Array;
      /** Days from start to churn, or to the censoring date when not churned; NaN when unknown. */
      days: Float64Array;
      /** 1 when churn was observed, 0 when censored. */
      churned: Uint8Array;
      /** The censoring date, epoch ms. */
      observedUntil: number;
    };

/** The resolved holdout: how the newest or a random part of the deals is held out. */
export type Holdout = { by: "time"; lastDays: number } | { by: "random"; fraction: number; seed: number };

/** Everything a {@link DealTable} is made of. */
export interface DealTableParts {
  name: string;
  ids: string[];
  /** 1 = won, 0 = lost; open deals are not in the table (the load report counts them). */
  won: Uint8Array;
  createdAt?: Float64Array;
  closedAt?: Float64Array;
  amount?: Float64Array;
  /** The amount's currency (ISO 4217), when the loader read one currency mark on its values. */
  amountCurrency?: string;
  attributes: AttributeMeta[];
  columns: Record<string, Column>;
  /** Decayed counts of the event types, apart from the attributes. */
  decayed?: DecayedColumns;
  retention?: Retention;
  holdout: Holdout;
  /**
   * The customer (account) of each deal, when several deals share one: tests correct for the
   * resulting dependence (deals of one account win or lose together more than strangers do).
   */
  groups?: { column: string; keys: (string | null)[] };
  /** The columns of the raw tables the deals came from, as the dataset spec names them. */
  sources?: DealSources;
}

/**
 * Where a table's deals came from, as the files that apply the rules need it: the id and scoring
 * point columns, the events table's columns and windows, the attributes kept against a leakage
 * flag, and the text read as missing.
 */
export interface DealSources {
  id: string;
  scoringPoint?: string;
  events?: { key: string; time: string; type: string; value?: string; windows: number[] };
  /** Attributes the spec keeps (`keep: true`) even when the drivers flag them. */
  keep: string[];
  /** Attributes whose missing values the spec declares informative (`missing: informative`): their missing bin may earn points. */
  informativeMissing: string[];
  /** Text read as missing in every column. */
  missing: string[];
  /** The IANA time zone naive timestamps were read in. */
  timeZone: string;
  /** The strftime format dates were read with (the spec's `date_format:`); absent: ISO 8601. */
  dateFormat?: string;
}

const splits = new WeakMap<DealTable, HoldoutSplit>();
const provenances = new WeakMap<DealTable, Provenance | (() => Provenance)>();

/**
 * One row per closed deal: the outcome, typed attribute columns with their metadata, and
 * behavioural features computed as of the scoring point. Immutable.
 *
 * @example
 * import { DealTable } from "leadlab";
 * const t = new DealTable({
 *   name: "demo", ids: ["a", "b"], won: Uint8Array.from([1, 0]),
 *   attributes: [{ name: "industry", type: "categorical", role: "firmographic", source: "spec", table: "deals" }],
 *   columns: { industry: ["SaaS", "Retail"] }, holdout: { by: "random", fraction: 0.25, seed: 7 },
 * });
 * t.n; // => 2
 */
export class DealTable implements DealTableParts {
  readonly name: string;
  readonly ids: string[];
  readonly won: Uint8Array;
  readonly createdAt?: Float64Array;
  readonly closedAt?: Float64Array;
  readonly amount?: Float64Array;
  readonly amountCurrency?: string;
  readonly attributes: AttributeMeta[];
  readonly columns: Record<string, Column>;
  readonly decayed?: DecayedColumns;
  readonly retention?: Retention;
  readonly holdout: Holdout;
  readonly groups?: { column: string; keys: (string | null)[] };
  readonly sources?: DealSources;

  constructor(parts: DealTableParts) {
    const n = parts.ids.length;
    if (parts.won.length !== n) throw new Error(`DealTable: won has ${parts.won.length} values for ${n} deals`);
    for (const c of Object.values(parts.decayed?.columns ?? {}))
      if (c.length !== n) throw new Error(`DealTable: a decayed column has ${c.length} values for ${n} deals`);
    for (const a of parts.attributes) {
      const c = parts.columns[a.name];
      if (!c) throw new Error(`DealTable: attribute "${a.name}" has no column`);
      if (c.length !== n) throw new Error(`DealTable: column "${a.name}" has ${c.length} values for ${n} deals`);
    }
    this.name = parts.name;
    this.ids = parts.ids;
    this.won = parts.won;
    this.createdAt = parts.createdAt;
    this.closedAt = parts.closedAt;
    this.amount = parts.amount;
    this.amountCurrency = parts.amountCurrency;
    this.attributes = parts.attributes;
    this.columns = parts.columns;
    this.decayed = parts.decayed;
    this.retention = parts.retention;
    this.holdout = parts.holdout;
    this.groups = parts.groups;
    this.sources = parts.sources;
    Object.freeze(this);
  }

  /** Number of closed deals. */
  get n(): number {
    return this.ids.length;
  }

  /** The metadata of one attribute; throws naming the attributes that exist. */
  attribute(name: string): AttributeMeta {
    const a = this.attributes.find((x) => x.name === name);
    if (!a) throw new Error(`no attribute "${name}"; the table has: ${this.attributes.map((x) => x.name).join(", ")}`);
    return a;
  }

  /** The column of one attribute, or of a decayed count ({@link DecayedColumns}). */
  column(name: string): Column {
    const decayed = this.decayed?.columns[name];
    if (decayed) return decayed;
    this.attribute(name);
    return this.columns[name];
  }

  /**
   * The train/test split of the table's holdout, made once and shared by the drivers, the tuner,
   * the frameworks and the personas (time holdouts split on {@link splitDates}).
   */
  get split(): HoldoutSplit {
    let s = splits.get(this);
    if (!s) splits.set(this, (s = splitHoldout(this.n, this.holdout, splitDates(this)?.dates, this.won, this.sources?.timeZone)));
    return s;
  }

  /** The provenance every file made from this table records (see {@link tableProvenance}). */
  get provenance(): Provenance {
    const known = provenances.get(this);
    const p = typeof known === "function" ? known() : (known ?? tableProvenance(this));
    provenances.set(this, p);
    return p;
  }

  /**
   * Unless this table's provenance is known or on its way already, calls `start`, which begins
   * computing it elsewhere (on another thread) and returns the function that waits for it; {@link
   * provenance} then waits for that instead of computing it. A table tuned again starts nothing.
   *
   * @example
   * import { loadDataset } from "leadlab";
   * const { table } = await loadDataset("data/sample/dataset.yaml");
   * table.provenance.dataFingerprint.startsWith("sha256:"); // => true
   * let started = 0;
   * table.provenanceFrom(() => (started++, () => table.provenance)); // known already: nothing starts
   * started; // => 0
   */
  provenanceFrom(start: () => () => Provenance): void {
    if (!provenances.has(this)) provenances.set(this, start());
  }

  /** The table as a danfojs DataFrame (see {@link dealTableToDataFrame}). */
  toDataFrame(): DataFrame {
    return dealTableToDataFrame(this);
  }

  /** A new table with only the rows at `rows` (in that order). */
  select(rows: ArrayLike<number>): DealTable {
    const pick = <T>(a: ArrayLike<T>): T[] => Array.from(rows, (i) => a[i]);
    const pickF = (a: Float64Array | undefined) => (a ? gatherNumbers(a, rows) : undefined);
    const columns: Record<string, Column> = {};
    for (const a of this.attributes) {
      const c = this.columns[a.name];
      columns[a.name] = c instanceof Float64Array ? gatherNumbers(c, rows) : (pick(c as unknown[]) as Column);
    }
    const decayed = this.decayed && {
      attributes: this.decayed.attributes,
      columns: Object.fromEntries(Object.entries(this.decayed.columns).map(([name, c]) => [name, gatherNumbers(c, rows)])),
    };
    let retention: Retention | undefined;
    const r = this.retention;
    if (r?.form === "flag") retention = { form: "flag", key: pick(r.key), retained: pick(r.retained) };
    else if (r?.form === "survival")
      retention = { ...r, key: pick(r.key), start: pickF(r.start)!, days: pickF(r.days)!, churned: gatherFlags(r.churned, rows) };
    return new DealTable({
      ...this,
      ids: pick(this.ids),
      won: gatherFlags(this.won, rows),
      createdAt: pickF(this.createdAt),
      closedAt: pickF(this.closedAt),
      amount: pickF(this.amount),
      columns,
      decayed,
      retention,
      groups: this.groups ? { column: this.groups.column, keys: pick(this.groups.keys) } : undefined,
    });
  }
}
