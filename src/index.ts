/**
 * leadlab: evidence-based lead scoring. This file is the table of contents of the public API.
 */

// Dataset spec: one definition for the type, the validation and the JSON Schema
export { ROLES, ATTRIBUTE_TYPES, DEFAULT_SEPARATOR, EVENT_AGGREGATES, CUSTOMER_SETS, ANTI_PERSONA_KINDS, OTHER_FLAG_VALUES, DECIMAL_MARKS, CURRENCY_MARKS, type DecimalMark, type Role, type AttributeType, type EventAggregate, type CustomerSet, type AntiPersonaKind } from "./formats/vocabulary";
export { DatasetSpecSchema, datasetJsonSchema, type DatasetSpec, type TableSource } from "./formats/dataset-spec";
export { parseDatasetSpec, readDatasetSpec } from "./data/parse-dataset-spec";
export { DatasetError, type ErrorLocation } from "./formats/dataset-error";

// Loading: DuckDB reads the files; one row per closed deal, features as of the scoring point
export { loadDataset, loadDatasetSpec, type LoadOptions, type LoadedDataset } from "./data/load-dataset";
export { resolveDatasetSpec, DEFAULT_MISSING, DEFAULT_EVENT_WINDOWS, type ResolvedDatasetSpec } from "./data/resolve-dataset-spec";
export type { LoadReport, JoinReport, EventsReport, AttributeReport } from "./data/load-report";
export { formatLoadReport } from "./data/format-load-report";
export { DealTable, type DealTableParts, type AttributeMeta, type Column, type EventFeature, type Retention, type Holdout, type DealSources } from "./data/deal-table";
export { dealTableToDataFrame } from "./data/deal-table-frame";
export { tableWorker } from "./data/table-worker";
export { SideWorker, canRunBeside, type SideCall, type ExportedFunction } from "./thread/side-worker";
export { fromDataFrame } from "./notebook/data-frame";
export { profileTable, type AttributeProfile, type ValueWinRate } from "./data/profile-table";
export { readNumberText, detectNumberFormat, describeNumberFormat, numberFormatRule, columnCurrency, type NumberText, type NumberFormat } from "./data/number-format";

// First contact: draft a dataset.yaml from a folder of CRM exports
export { draftDatasetSpec, INIT_EXTENSIONS, type DraftedSpec } from "./init/draft-dataset-spec";

// Scoring rules: consume
export { parseScoringRules, readScoringRules, scoringRulesSchemaText, SCORING_RULES_SCHEMA_PATH } from "./scoring/parse-scoring-rules";
export { scoreAndTag, type TaggedLead } from "./scoring/score-and-tag";
export { personaTagger, type PersonaTagger, type PersonaTag, type PersonaInput } from "./scoring/persona-tags";
export { score, createScorer, gradeOf, binSetText, binReason, DEFAULT_REASONS, ScoreError, type LeadScore, type LeadRecord, type LeadValue, type ScoreOptions, type Scorer, type RulesToScore } from "./scoring/score";
export { decayedEventCount } from "./scoring/decayed-event-count";
export { scoringSql, type ScoringSqlOptions } from "./scoring/sql/scoring-sql";
export { SQL_DIALECTS, dialect, type SqlDialect, type Dialect } from "./sql/dialects";
export { eventFeatureSql, asOfFeatureSelect, decayedFeatureName, eventFeatureOfSource, type AsOfRelations, type EventFeatureSpec, type EventFeatureSql, type EventSource } from "./sql/event-features-sql";
export { trainingFeaturesSql, trainingFeatureList, rulesTrainingFeaturesSql, type TrainingFeaturesInput } from "./sql/training-features-sql";
// CRM exports: the rules as field conditions and points a CRM adds up (sheet, HubSpot, Salesforce, Marketo)
export { exportRules, EXPORT_TARGETS, type ExportTarget, type ExportOptions } from "./scoring/export/export-rules";
export { csvField, csvLine } from "./format/csv-line";

// Statistics
export { chiSquareTest, chiSquareStatistic, type ChiSquareResult } from "./stats/chi-square";
export { cramersV } from "./stats/cramers-v";
export { benjaminiHochberg } from "./stats/fdr";
export { FISHER_ALTERNATIVES, fisherExact, type FisherAlternative, type FisherExactResult } from "./stats/fisher-exact";
export { kaplanMeier, survivalAt, medianSurvival, type KaplanMeierOptions, type KaplanMeierCurve, type SurvivalEstimate, type MedianSurvival } from "./stats/kaplan-meier";
export { logRankTest, type LogRankResult } from "./stats/log-rank";
export { permutationChiSquareTest, sampleHypergeometric, type PermutationTestOptions, type PermutationTestResult } from "./stats/permutation-test";
export { seededRandom } from "./stats/random";
export { wilsonInterval, type WilsonInterval } from "./stats/wilson";
export { weightOfEvidence, woeOfBin, credibleWoe, CREDIBILITY_DEALS, type WoeRow, type WoeTable, type WoeOptions } from "./stats/woe";

// Binning: supervised optimal bins with explicit rules
export { applyBins, type ApplyBinsOptions } from "./stats/binning/apply-bins";
export { binColumn, type BinColumnOptions } from "./stats/binning/bin-column";
export { TRENDS, binStats, finishBinSet, outcomeOf, type BinRule, type BinStats, type Bin, type Trend, type BinSet, type Outcome } from "./stats/binning/bin";

// The quarterly job as one call
export { quarterlyRun, QuarterlyRun, RUN_FILES, type QuarterlyRunOptions, type QuarterlyRunExtras, type RunFiles } from "./run/quarterly-run";
export { tableProvenance, splitDates } from "./data/table-provenance";
export { DEFAULT_HOLDOUT_SEED, DateRangeSchema, HoldoutRuleSchema, type DateRange, type HoldoutRule, type Provenance } from "./formats/provenance";

// Model and metrics
export { auc, aucWithCI, compareAuc, type AucInterval, type AucComparison } from "./model/auc";
export { brierScore } from "./model/brier-score";
export { calibrationTable, type CalibrationBin, type CalibrationOptions } from "./model/calibration";
export { stratifiedKFold, crossValidatedAuc, chooseL2, forwardSelect, type Fold, type FoldOptions, type CrossValidationOptions, type CrossValidatedAuc, type L2Trial, type L2Choice, type ForwardSelectOptions, type SelectionCriterion, type SelectionStep, type ForwardSelection } from "./model/cross-validation";
export { RANDOM_FALLBACK, MIN_HOLDOUT_ROWS, splitHoldout, type HoldoutSplit } from "./data/holdout-split";
export { ksStatistic, type KsResult } from "./model/ks-statistic";
export { liftTable, type LiftGroup, type LiftOptions, type LiftTable } from "./model/lift";
export { fitLogistic, predictLogit, predictProba, type FeatureColumns, type LogisticOptions, type LogisticModel } from "./model/logistic-regression";
export { PSI_THRESHOLDS, readPsi, populationStability, type PsiReading, type PsiBin, type PsiOptions, type PopulationStability } from "./model/population-stability";
export { rocCurve, type RocPoint } from "./model/roc-curve";

// Drivers: what predicts winning and retention
export { drivers, driversBeside, type DriversBeside } from "./drivers/drivers";
export { TARGETS, resolveDriversOptions, type Target, type DriversOptions, type ResolvedDriversOptions } from "./drivers/drivers-options";
export { formatDrivers } from "./drivers/format-drivers";
export { DriversResult, type BinSurvival, type DriverAttribute, type DriversParts } from "./drivers/drivers-result";
export {
  LEAKAGE,
  OUTCOME_WORDS,
  determinedByLevelsReason,
  oneClassOnlyReason,
  nearPureBinReason,
  outlyingIvReason,
  outcomeNameReason,
  datedAfterReason,
  leakageQuestion,
  type LevelCount,
  type LeakageEvidence,
} from "./drivers/leakage";
export { retentionAnalysis, RetentionAnalysis, survivalSteps, NO_RETENTION_DATA, type RetentionAnalysisOptions } from "./drivers/retention-analysis";
export { CONTRAST_READINGS, contrastDrivers, type ContrastReading, type ContrastRow, type BinRate, type DriversContrast } from "./drivers/contrast";

// Personas: clustering the best customers
export { personas } from "./personas/personas";
export { PersonasError, type PersonasUnavailable } from "./personas/personas-error";
export { resolvePersonasOptions, type PersonasOptions, type ResolvedPersonasOptions } from "./personas/personas-options";
export { PersonasResult, type PersonasParts, type Persona, type PersonaAttribute, type PersonaMedoid, type PersonaRule, type PersonaAssignment, type Rate } from "./personas/personas-result";
export { personaNameParts, ruleNameParts, traitText, defaultPersonaNames, personaId, applyPersonaNames, medoidMatches, type NamingAttribute, type NamePart, type NamePartOptions, type NamedPersona, type AppliedNames } from "./personas/persona-names";
export { PersonaNamesSchema, MedoidMatchSchema, PERSONA_NAMES_FILE, parsePersonaNames, readPersonaNames, personaNamesText, personaNamesTemplate, type PersonaNames, type PersonaNameEntry, type MedoidMatch } from "./personas/persona-names-file";
export { PersonasSchema, PersonaEntrySchema, PersonaConditionSchema, RateSchema, type PersonasDocument, type PersonaEntry, type PersonaCondition } from "./formats/personas-schema";
export { PERSONAS_SCHEMA_PATH, personasSchemaText, personasDocument, personasYaml, parsePersonas, readPersonas } from "./personas/personas-yaml";
export { assignPersona, matchingRule, type PersonaLead, type PersonaLeadValue } from "./personas/assign-persona";
export { formatPersonas, traitLine } from "./personas/format-personas";
export { toolVersion } from "./tool-version";
export { personaTraitsHeatmap, type PersonaTraitsHeatmapOptions } from "./charts/persona-traits-heatmap";

// Charts: vega-lite specs, SVG rendering, notebook display
export { rateByValueChart, type RateRow, type RateByValueOptions } from "./charts/rate-by-value";
export { chartBundle, display, type ChartBundle } from "./notebook/display";
export { show, tableHtml, tableCellText, type Showable } from "./notebook/show";
export { compileChart, renderSvg } from "./charts/render";
export { ivRankingChart, type IvRankingOptions } from "./charts/iv-ranking";
export { survivalCurvesChart, type SurvivalCurvesOptions } from "./charts/survival-curves";
export { contrastScatterChart, type ContrastScatterOptions } from "./charts/contrast-scatter";
export { frameworksComparisonChart, type FrameworksComparisonInput, type FrameworksComparisonOptions } from "./charts/frameworks-comparison-chart";
export { rocChart, type RocChartOptions } from "./charts/roc-chart";
export { gainsChart, type GainsChartOptions, type GainsTier } from "./charts/gains-chart";
export { calibrationChart, type CalibrationChartOptions } from "./charts/calibration-chart";
export { scoreDistributionChart, DISTRIBUTION_LAYOUTS, type DistributionLayout, type PointsBucket, type DistributionTier, type ScoreDistributionOptions } from "./charts/score-distribution-chart";
export { gradeMatrixChart, type GradeMatrixOptions } from "./charts/grade-matrix-chart";

// Report: one self-contained HTML page for a sales manager
export { reportHtml, type ReportExtras, type ReportSection } from "./report/report-html";
export { formatPercent, formatPercentPoints } from "./format/percent";
export { formatRateInterval } from "./format/rate-interval";
export { formatAuc } from "./format/auc";
export { formatPValue } from "./format/p-value";
export { formatCount } from "./format/count";
export { formatPoints } from "./format/points";
export { formatQuantity } from "./format/quantity";
export { formatAmount } from "./format/amount";

// Sample data: a seeded B2B history with planted effects
export { generateSample } from "./sample/generate";
export { writeSample, type WriteSampleOptions, type SampleSummary } from "./sample/write-sample";
export { SAMPLE_GROUND_TRUTH, type Effect, type GroundTruthEffect, type SampleGroundTruth } from "./sample/ground-truth";

// Scoring rules: tune and export
export { tuneScorecard, SELECTION_ROWS, MAX_CANDIDATES, MAX_ROUNDING_COST } from "./scoring/tune-scorecard";
export { leadRecord, leadRecordReader } from "./scoring/lead-record";
export { resolveTuneOptions, type TuneOptions, type ResolvedTuneOptions, type Scale } from "./scoring/tune-options";
export { Scorecard, type ScorecardParts, type Reference, type AucEstimate } from "./scoring/scorecard";
export { RunSummarySchema, RetentionBlockSchema, SurvivalStepSchema, SUMMARY_SCHEMA_PATH, summarySchemaText, parseRunSummary, type RunSummary, type RetentionBlock, type SurvivalStep } from "./formats/summary-schema";
export { ScoringRulesSchema, BinMatchSchema, FeatureSourceSchema, ScorecardAttributeSchema, type ScoringRules, type ScorecardAttribute, type BinMatch } from "./formats/scoring-rules-schema";
export { cardPoints, pointsScale, type CardPoints, type PointsScale } from "./scoring/points-scale";
export { rulesToYaml } from "./scoring/rules-yaml";
export { diffRules, formatRulesDiff, type RulesDiff } from "./scoring/diff-rules";
export { scoreStability, type ScoreStability } from "./scoring/score-stability";
export { dataFingerprint } from "./data/data-fingerprint";

// Frameworks: BANT, CHAMP, ANUM, MEDDIC, GPCTBA/C&I put to the test
export { FRAMEWORKS, FRAMEWORK_NAMES, resolveFramework, frameworksAsking, type FrameworkDefinition, type FrameworkCriterion } from "./frameworks/framework-definitions";
export { mapCriteria, type CriteriaMapping, type FrameworkMapping, type CriterionSlot, type MappedAttribute } from "./frameworks/map-criteria";
export { riskRatio, type RatioInterval } from "./stats/risk-ratio";
export { mantelHaenszelRiskRatio, type RatioStratum } from "./stats/mantel-haenszel";
export { DEFAULT_CLAIMS, resolveFrameworksOptions, type FrameworkClaim, type ExternalScore, type FrameworksOptions, type ResolvedFrameworksOptions } from "./frameworks/frameworks-options";
export { evaluateFrameworks } from "./frameworks/evaluate-frameworks";
export { FrameworksResult, FRAMEWORK_TABLES, type FrameworkTable, type FrameworksParts, type FrameworkEvaluation, type FrameworkCriterionResult, type FrameworksComparison, type FrameworkAuc, type AucDifference, type ClaimCheck, type HoldoutSummary } from "./frameworks/frameworks-result";
export { formatFrameworks } from "./frameworks/format-frameworks";

// A file of leads scored, streaming, as `leadlab score` does
export { scoreFile, type ScoreFileOptions, type ScoreFileReport, type UnscoredReason, type UnknownCategories, type PersonaCounts } from "./scoring/score-file";
export type { IdCounts } from "./scoring/id-counts";
export type { ScoredOutput } from "./scoring/scored-output";

// Deal size and the team's beliefs
export { kruskalWallis, type KruskalWallisResult } from "./stats/kruskal-wallis";
export { medianInterval, type MedianInterval } from "./stats/median-interval";
export { amountDrivers, type AmountDriversOptions, type AmountDriversResult, type AmountAttribute, type AmountBin } from "./drivers/amount-drivers";
export { formatAmountDrivers } from "./drivers/format-amount-drivers";
export { amountByBinChart, type AmountRow } from "./charts/amount-by-bin-chart";
export { BELIEF_TARGETS, BELIEF_DIRECTIONS, BeliefConditionSchema, BeliefSchema, BeliefsSchema, type Belief, type BeliefCondition, type BeliefsDocument, type BeliefTarget, type BeliefDirection } from "./formats/beliefs-schema";
export { BELIEFS_SCHEMA_PATH, beliefsSchemaText, parseBeliefs, readBeliefs } from "./beliefs/parse-beliefs";
export { BELIEF_VERDICTS, testBeliefs, judge, type BeliefVerdict, type BeliefsOptions, type BeliefRate, type BeliefTest, type BeliefsResult } from "./beliefs/test-beliefs";
export { formatBeliefs } from "./beliefs/format-beliefs";

// Also used by the notebooks
export { adjustedRandIndex } from "./cluster/adjusted-rand";
export { binRateRows } from "./charts/bin-rate-rows";
export { shuffledIndices } from "./stats/shuffled-indices";
