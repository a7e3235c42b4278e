import type { DealTable } from "../data/deal-table";
import { loadDataset } from "../data/load-dataset";
import type { LoadReport } from "../data/load-report";
import type { ScoringRules } from "../formats/scoring-rules-schema";
import type { PersonaNames } from "../personas/persona-names-file";
import { evaluateFrameworks } from "../frameworks/evaluate-frameworks";
import type { FrameworksResult } from "../frameworks/frameworks-result";
import { personas } from "../personas/personas";
import type { PersonasOptions } from "../personas/personas-options";
import { PersonasError, type PersonasUnavailable } from "../personas/personas-error";
import type { PersonasResult } from "../personas/personas-result";
import { frameworksSection } from "../report/frameworks-section";
import { testBeliefs, type BeliefsResult } from "../beliefs/test-beliefs";
import type { BeliefsDocument } from "../formats/beliefs-schema";
import { amountDrivers, type AmountDriversResult } from "../drivers/amount-drivers";
import { NO_RETENTION_DATA, retentionAnalysis, type RetentionAnalysis } from "../drivers/retention-analysis";
import type { RunSummary } from "../formats/summary-schema";
import { retentionSection } from "../report/retention-section";
import { beliefsSection } from "../report/beliefs-section";
import { expectedValueSection } from "../report/expected-value-section";
import { valueSection } from "../report/value-section";
import { personasSection } from "../report/personas-section";
import { reportHtml } from "../report/report-html";
import { diffRules, type RulesDiff } from "../scoring/diff-rules";
import { createScorer } from "../scoring/score";
import { scoreStability } from "../scoring/score-stability";
import type { Scorecard } from "../scoring/scorecard";
import { resolveTuneOptions, type TuneOptions } from "../scoring/tune-options";
import { leadRecordReader } from "../scoring/lead-record";
import { tuneScorecard } from "../scoring/tune-scorecard";
import { RETENTION_HORIZON_DAYS } from "../stats/kaplan-meier";

/** Options of {@link quarterlyRun}: the tuner's, plus last quarter's rules and the persona names. */
export interface QuarterlyRunOptions extends TuneOptions {
  /** Last quarter's rules: a reference to beat and the base of the diff. */
  previous?: ScoringRules;
  /** Persona renames from a `personas.names.yaml`. */
  personaNames?: PersonaNames;
  /** Called with a line of progress per phase. */
  onProgress?: (message: string) => void;
  /** The team's claims (a `beliefs.yaml`) to test on the holdout: a report section and a `beliefs` block in the summary. */
  beliefs?: { document: BeliefsDocument; file: string };
  /**
   * Analyse what predicts the amount of won deals: a report section and a `value` block in the
   * summary. Default: when the dataset has an amount (`deals.amount`); `true` without one is an error.
   */
  value?: boolean;
}

/** What a run adds when its options ask for it. */
export interface QuarterlyRunExtras {
  beliefs?: BeliefsResult;
  value?: AmountDriversResult;
}

/** The names of the files a run writes, in the order they are written. */
export const RUN_FILES = ["scoring.yaml", "personas.yaml", "summary.json", "report.html"] as const;

/** The files of a run by name: every one of {@link RUN_FILES}, but `personas.yaml` when the data gave no personas. */
export type RunFiles = Record<Exclude<(typeof RUN_FILES)[number], "personas.yaml">, string> & { "personas.yaml"?: string };

/**
 * A finished quarterly run: the tuned scorecard, the personas, the frameworks tested on the same
 * holdout (when the spec maps qualification attributes), the diff against last quarter, and the
 * files the run writes. Everything `leadlab tune` writes comes from here.
 */
export class QuarterlyRun {
  constructor(
    readonly table: DealTable,
    readonly scorecard: Scorecard,
    /** The buyer personas, or why the data gave none (the run goes on without them). */
    readonly personas: PersonasResult | PersonasUnavailable,
    readonly frameworks: FrameworksResult | undefined,
    readonly diff: RulesDiff | undefined,
    /** The load report, when the run loaded a dataset.yaml. */
    readonly load: LoadReport | undefined,
    /** The beliefs and deal-value analyses, when asked for. */
    readonly extras: QuarterlyRunExtras = {},
    /** Retention on the training part, when the dataset has retention data. */
    readonly retention?: RetentionAnalysis,
  ) {
    Object.freeze(this);
  }

  /** The machine-readable summary (`summary.json`, its format in src/formats/summary-schema.ts). */
  summary(): RunSummary {
    const load = this.load;
    return {
      ...this.scorecard.toSummary(),
      provenance: this.table.provenance,
      ...(load ? { load: { deals: load.deals, joins: load.joins.map((j) => ({ table: j.table, matched: j.matched, unmatched: j.unmatched })) } } : {}),
      ...(this.diff ? { diff: this.diff } : {}),
      retention: this.retention?.toSummary() ?? { available: false, reason: NO_RETENTION_DATA },
      ...(this.extras.beliefs ? { beliefs: this.extras.beliefs } : {}),
      ...(this.extras.value ? { value: this.extras.value } : {}),
      warnings: [...(load?.warnings ?? []), ...this.scorecard.warnings, ...("unavailable" in this.personas ? [`personas: none derived: ${this.personas.unavailable}`] : [])],
    };
  }

  /** The self-contained HTML report: verdict, summary, example leads, drivers, scorecard, personas, retention, expected value and frameworks. */
  async reportHtml(): Promise<string> {
    const sections = [
      await personasSection(this.personas),
      await retentionSection(this.retention, this.scorecard.drivers),
      expectedValueSection(this.scorecard.value),
      ...(this.frameworks ? [frameworksSection(this.frameworks)] : []),
      ...(this.extras.value ? [await valueSection(this.extras.value)] : []),
      ...(this.extras.beliefs ? [beliefsSection(this.extras.beliefs)] : []),
    ];
    return reportHtml(this.scorecard, { ...(this.diff ? { diff: this.diff } : {}), sections, table: this.table });
  }

  /** Every file of the run by name ({@link RUN_FILES}; no `personas.yaml` when the data gave no personas), complete, ready to be written together. */
  async files(): Promise<RunFiles> {
    const summary = JSON.stringify(this.summary(), (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n";
    const personas = "unavailable" in this.personas ? {} : { "personas.yaml": this.personas.toYAML() };
    return { "scoring.yaml": this.scorecard.toYAML(), ...personas, "summary.json": summary, "report.html": await this.reportHtml() };
  }
}

/**
 * The quarterly job as one call: loads the dataset (or takes a loaded table), tunes and validates
 * the scorecard on the holdout, tests the qualification frameworks mapped in the spec on the same
 * holdout with the tuned score beside them, analyses retention on the same training part (when the
 * dataset has retention data), derives buyer personas, and diffs against last
 * quarter's rules. `leadlab tune` is this call plus writing {@link QuarterlyRun.files}.
 *
 * @example
 * import { loadDataset, quarterlyRun, readBeliefs } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * // as `npm start` runs it: `leadlab tune data/sample/dataset.yaml --beliefs data/sample/beliefs.yaml --out rules/sample`
 * const run = await quarterlyRun(table, { beliefs: { document: readBeliefs("data/sample/beliefs.yaml"), file: "data/sample/beliefs.yaml" } });
 * Object.keys(await run.files()); // => ["scoring.yaml", "personas.yaml", "summary.json", "report.html"]
 * run.summary().beliefs?.beliefs.length; // => 10
 */
export async function quarterlyRun(input: string | DealTable, options: QuarterlyRunOptions = {}): Promise<QuarterlyRun> {
  const { previous, personaNames, onProgress = () => {}, beliefs, value, ...tune } = options;
  resolveTuneOptions(tune); // a wrong option is refused before anything is loaded
  const loaded = typeof input === "string" ? await loadDataset(input, { onProgress }) : undefined;
  const table = loaded?.table ?? (input as DealTable);
  // Before tuning, so that a claim naming an unknown attribute fails fast.
  const extras: QuarterlyRunExtras = {};
  if (value ?? table.amount !== undefined) {
    onProgress("analysing what predicts the amount of won deals");
    extras.value = amountDrivers(table);
  }
  if (beliefs) {
    onProgress(`testing ${beliefs.document.beliefs.length} beliefs on the holdout`);
    extras.beliefs = testBeliefs(table, beliefs.document, { file: beliefs.file });
  }
  onProgress("tuning the scorecard (drivers on the training part, forward selection, holdout validation)");
  const card = tuneScorecard(table, tune, previous);
  let frameworks: FrameworksResult | undefined;
  if (table.attributes.some((a) => a.framework !== undefined)) {
    onProgress("testing the qualification frameworks on the same holdout");
    const scorer = createScorer(card.rules, { reasons: 0 });
    const read = leadRecordReader(table, scorer.keys);
    const scores = Float64Array.from({ length: table.n }, (_, r) => scorer(read(r)).points);
    // the attributes the drivers set aside as leakage are set aside here too
    const setAside = Object.fromEntries(card.drivers.attributes.filter((a) => a.leakage !== null && !a.leakageKept).map((a) => [a.attribute, a.leakage!]));
    frameworks = evaluateFrameworks(table, { scorecard: { name: "tuned scorecard", scores }, setAside });
  }
  let retention: RetentionAnalysis | undefined;
  if (table.retention) {
    onProgress("analysing retention on the same training part (drivers, survival curves, wins that churn)");
    const o = resolveTuneOptions(tune, table);
    // The retention card chose among the retention drivers of the same training rows and options
    // (at the analysis's default horizon): they are reused, not computed again.
    const cardRetention = "block" in card.value && card.value.retention?.horizonDays === RETENTION_HORIZON_DAYS ? card.value.retention : undefined;
    retention = retentionAnalysis(table, card.drivers, table.split.train, { seed: o.seed, keep: o.keep, exclude: [...o.exclude], ...(cardRetention ? { retained: cardRetention.drivers } : {}) });
  }
  onProgress("deriving buyer personas from the best customers");
  const found = personasOrWhyNot(table, { ...(personaNames ? { names: personaNames } : {}), drivers: card.drivers });
  return new QuarterlyRun(table, card, found, frameworks, previous ? diffRules(previous, card.rules, scoreStability(previous, table)) : undefined, loaded?.report, extras, retention);
}

/** The personas, or why the data gives none ({@link PersonasError}: the run goes on without them). */
function personasOrWhyNot(table: DealTable, options: PersonasOptions): PersonasResult | PersonasUnavailable {
  try {
    return personas(table, options);
  } catch (e) {
    if (e instanceof PersonasError) return { unavailable: e.reason };
    throw e;
  }
}
