/**
 * leadlab: evidence-based lead scoring. This file is the table of contents of the public API.
 */

// Dataset spec: one definition for the type, the validation and the JSON Schema
export { ROLES, ATTRIBUTE_TYPES, EVENT_AGGREGATES, CUSTOMER_SETS, ANTI_PERSONA_KINDS, OTHER_FLAG_VALUES, DECIMAL_MARKS, CURRENCY_MARKS, type DecimalMark, type Role, type AttributeType, type EventAggregate, type CustomerSet, type AntiPersonaKind } from "./formats/vocabulary";
export { DatasetSpecSchema, datasetJsonSchema, type DatasetSpec, type TableSource } from "./formats/dataset-spec";
export { parseDatasetSpec, readDatasetSpec } from "./data/parse-dataset-spec";
export { DatasetError, type ErrorLocation } from "./formats/dataset-error";

// Loading: DuckDB reads the files; one row per closed deal, features as of the scoring point
export { loadDataset, loadDatasetSpec, DEFAULT_MISSING, type LoadOptions, type LoadedDataset } from "./data/load-dataset";
export type { LoadReport, JoinReport, EventsReport, AttributeReport } from "./data/load-report";
export { formatLoadReport } from "./data/format-load-report";
export { DealTable, type DealTableParts, type AttributeMeta, type Column, type EventFeature, type Retention, type Holdout, type DealSources } from "./data/deal-table";
export { dealTableToDataFrame } from "./data/deal-table-frame";
export { fromDataFrame } from "./notebook/data-frame";
export { profileTable, type AttributeProfile, type ValueWinRate } from "./data/profile-table";
export { eventFeatures, eventFeatureName, instantSql, MAX_EVENT_TYPES, type EventFeatures, type ScoringPoints } from "./data/event-features";
export { retentionTable } from "./data/retention-table";
export { inferAttribute, parseBoolean, parseNumber, TYPE_SHARE, TYPE_OTHER_TOKENS, MULTI_SHARE, type Inference, type InferOptions, type ValueCount } from "./data/infer-attribute";
export { readNumberText, detectNumberFormat, describeNumberFormat, numberFormatRule, type NumberText, type NumberFormat } from "./data/number-format";
export { foldText } from "./data/fold-text";
export { outcomeLabels, type OutcomeLabels, type NearOutcome, type FoldedOutcome } from "./data/outcome-labels";
export { retentionFlags, type RetentionFlags } from "./data/retention-flags";
export { futureDates, holdoutShrinkWarning, checkFutureDates, type FutureDates } from "./data/future-dates";
export { checkDuplicateHeaders } from "./data/duplicate-headers";
export { parseDate } from "./data/parse-date";
export { typedColumn, gatherColumn, countMissing, countDistinct, type ColumnOrigin, type TypedColumnOptions } from "./data/typed-column";
export { readTextTable, requireColumn, tableExpression, tableLabel, runUserQuery, openTable, isCsvFile, type TextTable, type TableContext, type OpenedTable } from "./data/read-table";
export { openDuckDB, type DuckDBSessionOptions } from "./data/duckdb-session";
export { assertReadOnlyQuery, READ_ONLY_TABLE_FUNCTIONS, type QueryContext } from "./data/read-only-query";
export { duckdbCause, readTableError, oneColumnError, type ReadErrorContext } from "./data/read-error";
export { canonicalTimeZone, nearestTimeZone, wallClockToInstant, dateInZone } from "./data/time-zone";
export { nearestName, editDistance } from "./formats/nearest-name";
export { compareText } from "./data/compare-text";
export { excelAsCsv, excelSheetNames, type ExcelContext } from "./data/read-excel";

// First contact: draft a dataset.yaml from a folder of CRM exports
export { draftDatasetSpec, INIT_EXTENSIONS, type DraftedSpec } from "./init/draft-dataset-spec";
export { columnFacts, type ColumnFacts } from "./init/column-facts";
export { detectDateFormat, dayMonthAmbiguous, DATE_FORMATS } from "./init/date-format";
export { findOutcome, WON_SPELLINGS, LOST_SPELLINGS, type OutcomeChoice } from "./init/outcome-values";
export { findJoin, type JoinChoice } from "./init/find-join";
export { specYaml, type SpecComments } from "./init/spec-yaml";

// Scoring rules: consume
export { parseScoringRules, readScoringRules, scoringRulesSchemaText, SCORING_RULES_SCHEMA_PATH } from "./scoring/parse-scoring-rules";
export { scoreAndTag, type TaggedLead } from "./scoring/score-and-tag";
export { personaTagger, type PersonaTagger, type PersonaTag, type PersonaInput } from "./scoring/persona-tags";
export { score, createScorer, gradeOf, binSetText, binReason, DEFAULT_REASONS, ScoreError, type LeadScore, type LeadRecord, type LeadValue, type ScoreOptions, type Scorer } from "./scoring/score";
export { categoryKey, lowerEachCharacter } from "./scoring/category-key";
export { leadEventFeatures, type AsOf, type LeadEventFeatures } from "./scoring/lead-event-features";
export { scoringSql, type ScoringSqlOptions } from "./scoring/sql/scoring-sql";
export { SQL_DIALECTS, dialect, type SqlDialect, type Dialect } from "./sql/dialects";
export { quoteString, quoteIdentifier, quoteTableName, sqlNumber, sqlComment, regexLiteral } from "./sql/quoting";
export { TRIM_CHARACTERS, NUMBER_PATTERN, trimmedText, missingAsNull, numberOfText, formattedNumberText, booleanOfText, containsItem } from "./sql/text-values";
export { categoryKeySql, clusterSpellings } from "./scoring/sql/category-key-sql";
export { eventFeatureSql, asOfFeatureSelect, type AsOfRelations, type EventFeatureSpec, type EventFeatureSql } from "./sql/event-features-sql";
export { trainingFeaturesSql, trainingFeatureList, rulesTrainingFeaturesSql, type TrainingFeaturesInput } from "./sql/training-features-sql";
export { binPointsSql, binReasonSql, type AttributeRefs } from "./scoring/sql/bin-points-sql";
// CRM exports: the rules as field conditions and points a CRM adds up (sheet, HubSpot, Salesforce, Marketo)
export { exportRules, EXPORT_TARGETS, type ExportTarget, type ExportOptions } from "./scoring/export/export-rules";
export { crmPlan, tierOf, type CrmPlan, type CrmPlanOptions, type CrmAttribute, type CrmRow, type CrmCondition, type CrmValueKind } from "./scoring/export/crm-plan";
export { uncoveredRanges, type NumberRange } from "./scoring/export/uncovered-ranges";
export { conditionWords } from "./scoring/export/condition-words";
export { csvField, csvLine } from "./format/csv-line";
export { outsideCrmLines } from "./scoring/export/outside-crm";
export { sheetExport, SHEET_COLUMNS, TIER_COLUMNS } from "./scoring/export/sheet-export";
export { salesforceFormulas, SALESFORCE_FORMULA_CHARACTERS, type SalesforceFormulas, type SalesforceFormula, type SalesforceOptions } from "./scoring/export/salesforce-formulas";
export { salesforceExport, SALESFORCE_OBJECTS } from "./scoring/export/salesforce-export";
export { hubspotScore, hubspotExport, HUBSPOT_MAX_SCORE_LIMIT, type HubspotScore, type HubspotCriterion } from "./scoring/export/hubspot-export";
export { marketoCampaigns, marketoExport, MARKETO_COLUMNS, type MarketoCampaign, type MarketoFilter } from "./scoring/export/marketo-export";
export { parseYamlMapping, assertMatchesSchema } from "./formats/schema-errors";

// Statistics
export { chiSquareCdf, chiSquareSurvival } from "./stats/chi-square-distribution";
export { chiSquareTest, chiSquareStatistic, type ChiSquareResult } from "./stats/chi-square";
export { crossTabulate, compactTable, type ContingencyTable, type Level } from "./stats/contingency-table";
export { cramersV } from "./stats/cramers-v";
export { benjaminiHochberg } from "./stats/fdr";
export { FISHER_ALTERNATIVES, fisherExact, type FisherAlternative, type FisherExactResult } from "./stats/fisher-exact";
export { regularizedGammaP, regularizedGammaQ } from "./stats/incomplete-gamma";
export { INDEPENDENCE_METHODS, independenceTest, type IndependenceMethod, type IndependenceTestOptions, type IndependenceTestResult } from "./stats/independence-test";
export { kaplanMeier, survivalAt, medianSurvival, type KaplanMeierOptions, type KaplanMeierCurve, type SurvivalEstimate, type MedianSurvival } from "./stats/kaplan-meier";
export { logRankTest, type LogRankResult } from "./stats/log-rank";
export { normalCdf, normalQuantile } from "./stats/normal-distribution";
export { permutationChiSquareTest, sampleHypergeometric, type PermutationTestOptions, type PermutationTestResult } from "./stats/permutation-test";
export { seededRandom } from "./stats/random";
export { wilsonInterval, type WilsonInterval } from "./stats/wilson";
export { weightOfEvidence, woeOfBin, credibleWoe, CREDIBILITY_DEALS, type WoeRow, type WoeTable, type WoeOptions } from "./stats/woe";

// Binning: supervised optimal bins with explicit rules
export { applyBins, type ApplyBinsOptions } from "./stats/binning/apply-bins";
export { assignBin, assignBins, type BinAssignment, type BinValue } from "./stats/binning/assign-bin";
export { binColumn, type BinColumnOptions } from "./stats/binning/bin-column";
export { TRENDS, binStats, finishBinSet, outcomeOf, type BinRule, type BinStats, type Bin, type Trend, type BinSet, type Outcome } from "./stats/binning/bin";
export { binBoolean } from "./stats/binning/boolean";
export { binCategorical } from "./stats/binning/categorical";
export { niceCut } from "./stats/binning/cut-points";
export { formatNumber, binLabel, type NumberStyle } from "./stats/binning/labels";
export { binMulti } from "./stats/binning/multi";
export { binNumeric } from "./stats/binning/numeric";
export { readableEdges, readableNumber, type ReadableEdgesOptions } from "./stats/binning/readable-edges";
export { optimalPartition, type PartitionConstraints, type Partition } from "./stats/binning/optimal-partition";
export { defaultMinBinSize, resolveBinningOptions, resolveNumericOptions, resolveCategoricalOptions, type BinningOptions, type NumericBinningOptions, type CategoricalBinningOptions, type ResolvedBinningOptions, type ResolvedNumericOptions, type ResolvedCategoricalOptions } from "./stats/binning/options";
export { quantilePreBins } from "./stats/binning/pre-bins";

// The quarterly job as one call
export { quarterlyRun, QuarterlyRun, RUN_FILES, type QuarterlyRunOptions, type QuarterlyRunExtras } from "./run/quarterly-run";
export { tableProvenance, splitDates } from "./data/table-provenance";
export { DEFAULT_HOLDOUT_SEED, DateRangeSchema, HoldoutRuleSchema, type DateRange, type HoldoutRule, type Provenance } from "./formats/provenance";

// Model and metrics
export { auc, aucWithCI, compareAuc, type AucInterval, type AucComparison } from "./model/auc";
export { brierScore } from "./model/brier-score";
export { calibrationTable, type CalibrationBin, type CalibrationOptions } from "./model/calibration";
export { stratifiedKFold, crossValidatedAuc, chooseL2, forwardSelect, type Fold, type FoldOptions, type CrossValidationOptions, type CrossValidatedAuc, type L2Trial, type L2Choice, type ForwardSelectOptions, type SelectionStep, type ForwardSelection } from "./model/cross-validation";
export { RANDOM_FALLBACK, MIN_HOLDOUT_ROWS, splitHoldout, type HoldoutSplit } from "./data/holdout-split";
export { ksStatistic, type KsResult } from "./model/ks-statistic";
export { liftTable, type LiftGroup, type LiftOptions, type LiftTable } from "./model/lift";
export { fitLogistic, predictLogit, predictProba, type FeatureColumns, type LogisticOptions, type LogisticModel } from "./model/logistic-regression";
export { PSI_THRESHOLDS, readPsi, populationStability, type PsiReading, type PsiBin, type PsiOptions, type PopulationStability } from "./model/population-stability";
export { quantiles, quantileOfSorted, quantileCuts, assignToCuts } from "./model/quantile-cuts";
export { rocCurve, type RocPoint } from "./model/roc-curve";
export { shuffledIndices } from "./stats/shuffled-indices";

// Drivers: what predicts winning and retention
export { drivers } from "./drivers/drivers";
export { TARGETS, resolveDriversOptions, type Target, type DriversOptions, type ResolvedDriversOptions } from "./drivers/drivers-options";
export { formatDrivers } from "./drivers/format-drivers";
export { designEffect } from "./stats/design-effect";
export { discoveryAudit, type DiscoveryAudit, type SeedAudit } from "./sample/discovery-audit";
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
export { rawLevelCounts, NUMERIC_LEVELS } from "./drivers/level-counts";
export { redundantPairs, type RedundantPair } from "./drivers/redundancy";
export { targetOutcome, type TargetOutcome } from "./drivers/target-outcome";
export { TEST_QUANTILE_GROUPS, TEST_MIN_GROUP, testGroups } from "./drivers/test-groups";
export { retentionAnalysis, RetentionAnalysis, survivalSteps, NO_RETENTION_DATA, type RetentionAnalysisOptions } from "./drivers/retention-analysis";
export { CONTRAST_READINGS, contrastDrivers, type ContrastReading, type ContrastRow, type BinRate, type DriversContrast } from "./drivers/contrast";

// Personas: clustering the best customers
export { clusterPersonas, type ClusterPersonasOptions, type PersonaClustering } from "./personas/cluster-personas";
export { adjustedRandIndex } from "./cluster/adjusted-rand";
export { assignToMedoids, type Assignment } from "./cluster/assign";
export { chooseK, type ChooseKOptions, type KCandidate, type ChooseKResult } from "./cluster/choose-k";
export { prepareGower, gowerDistance, gowerMatrix, gowerToPoints, rowCompleteness, type GowerOptions, type GowerColumn, type GowerModel } from "./cluster/gower";
export { kMedoids, pamBuild, type KMedoidsOptions, type KMedoidsResult, type DistanceMatrix } from "./cluster/k-medoids";
export { MIXED_KINDS, checkMixedColumns, mixedColumnsFromTable, type MixedKind, type MixedColumn } from "./cluster/mixed-column";
export { sampleIndices, bootstrapIndices } from "./cluster/resample";
export { conditionHolds, applyRules, applyRulesToColumns, formatRule, OTHER_PERSONA, type AssignmentRule, type Condition } from "./personas/persona-rule";
export { learnRuleList, type Rule, type RuleList, type RuleListOptions } from "./personas/learn-rule-list";
export { silhouette, type SilhouetteResult } from "./cluster/silhouette";
export { bootstrapStability, bootstrapStabilities, type StabilityOptions, type StabilityResult } from "./cluster/stability";
export { clusterTraits, type TraitOptions, type Trait } from "./personas/traits";
export { personas } from "./personas/personas";
export { resolvePersonasOptions, type PersonasOptions, type ResolvedPersonasOptions } from "./personas/personas-options";
export { PersonasResult, type PersonasParts, type Persona, type PersonaAttribute, type PersonaMedoid, type PersonaRule, type PersonaAssignment, type Rate } from "./personas/personas-result";
export { personaCustomers, type PersonaCustomers } from "./personas/persona-customers";
export { customerRetainedRevenue, rankByRetainedRevenue } from "./personas/retained-revenue";
export { PERSONA_ROLES, personaAttributes, type PersonaAttributeChoice, type LeftOutAttribute } from "./personas/persona-attributes";
export { screenAttributes, type ScreeningOptions, type AttributeScreen } from "./personas/attribute-screening";
export { rankScaler } from "./cluster/rank-scaler";
export { clusterWithMinimumSize, type SizedClusteringOptions } from "./personas/sized-clustering";
export { personaProfile, type PersonaProfile, type ProfileRow } from "./personas/persona-profile";
export { rateOf } from "./personas/rate";
export { personaNameParts, ruleNameParts, traitText, defaultPersonaNames, personaId, applyPersonaNames, medoidMatches, type NamingAttribute, type NamePart, type NamePartOptions, type NamedPersona, type AppliedNames } from "./personas/persona-names";
export { PersonaNamesSchema, MedoidMatchSchema, PERSONA_NAMES_FILE, parsePersonaNames, readPersonaNames, personaNamesText, personaNamesTemplate, type PersonaNames, type PersonaNameEntry, type MedoidMatch } from "./personas/persona-names-file";
export { personaAntiPersonas, winsButChurns, dealAntiPersona, type AntiPersona, type DealAntiPersonaInput } from "./personas/anti-personas";
export { PersonasSchema, PersonaEntrySchema, PersonaConditionSchema, RateSchema, type PersonasDocument, type PersonaEntry, type PersonaCondition } from "./formats/personas-schema";
export { PERSONAS_SCHEMA_PATH, personasSchemaText, personasDocument, personasYaml, parsePersonas, readPersonas } from "./personas/personas-yaml";
export { assignPersona, matchingRule, type PersonaLead, type PersonaLeadValue } from "./personas/assign-persona";
export { formatPersonas, traitLine } from "./personas/format-personas";
export { toolVersion } from "./tool-version";
export { personaTraitsHeatmap, type PersonaTraitsHeatmapOptions } from "./charts/persona-traits-heatmap";
export { personasCommand } from "./cli/personas-command";
export { exportCommand } from "./cli/export-command";

// Charts: vega-lite specs, SVG rendering, notebook display
export { rateByValueChart, type RateRow, type RateByValueOptions } from "./charts/rate-by-value";
export { chartBundle, display, type ChartBundle } from "./notebook/display";
export { show, tableHtml, tableCellText, type Showable } from "./notebook/show";
export { compileChart, renderSvg } from "./charts/render";
export { VEGA_LITE_MIME, VEGA_LITE_SCHEMA_URL, CHART_COLORS, CHART_CONFIG } from "./charts/theme";
export { validateSpec, type SpecError } from "./charts/validate";
export { binRateRows } from "./charts/bin-rate-rows";
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
export { scorecardCharts, type ScorecardCharts } from "./report/scorecard-charts";
export { reportSection, verdictSection, keyNumbersSection, referencesSection, driversSection, scorecardSection, chartsSection, gradesSection, stabilitySection, warningsSection, type ReportSvgs } from "./report/report-sections";
export { frameworksSection } from "./report/frameworks-section";
export { summarySection, type SummaryInputs, type SummaryChanges } from "./report/summary-section";
export { expectedLeads, DAYS_PER_MONTH, type ExpectedLeads, type TierVolume } from "./report/expected-leads";
export { exampleLeads, exampleLeadsSection, type ExampleLead } from "./report/example-leads-section";
export { readableBinLabels, readableBinText, type LabelledBin } from "./report/readable-bin-labels";
export { personasSection } from "./report/personas-section";
export { rulesDiffHtml } from "./report/rules-diff-html";
export { escapeHtml } from "./report/escape-html";
export { htmlTable, type TableCell, type HtmlTableSpec } from "./report/html-table";
export { embedSvg } from "./report/embed-svg";
export { checkSectionHtml } from "./report/check-section-html";
export { formatPercent } from "./format/percent";
export { formatRateInterval } from "./format/rate-interval";
export { formatAuc } from "./format/auc";
export { formatPValue } from "./format/p-value";
export { formatCount } from "./format/count";
export { formatPoints } from "./format/points";
export { formatQuantity } from "./format/quantity";
export { formatAmount } from "./format/amount";
export { REPORT_CSS } from "./report/report-style";

// Sample data: a seeded B2B history with planted effects
export { generateSample } from "./sample/generate";
export { writeSample, type WriteSampleOptions, type SampleSummary } from "./sample/write-sample";
export { runSampleCommand } from "./cli/sample-command";
export { SAMPLE_GROUND_TRUTH, type Effect, type GroundTruthEffect, type SampleGroundTruth } from "./sample/ground-truth";
export { type SampleOptions, type SampleData } from "./sample/sample-data";

// Scoring rules: tune and export
export { tuneScorecard, leadRecord, SELECTION_ROWS, MAX_CANDIDATES, MAX_ROUNDING_COST } from "./scoring/tune-scorecard";
export { rulesInputs } from "./scoring/rules-inputs";
export { resolveTuneOptions, type TuneOptions, type ResolvedTuneOptions, type Scale } from "./scoring/tune-options";
export { Scorecard, type ScorecardParts, type Reference, type AucEstimate } from "./scoring/scorecard";
export { RunSummarySchema, RetentionBlockSchema, SurvivalStepSchema, SUMMARY_SCHEMA_PATH, summarySchemaText, parseRunSummary, type RunSummary, type RetentionBlock, type SurvivalStep } from "./formats/summary-schema";
export { ScoringRulesSchema, BinMatchSchema, FeatureSourceSchema, ScorecardAttributeSchema, type ScoringRules, type ScorecardAttribute, type BinMatch } from "./formats/scoring-rules-schema";
export { cardPoints, pointsScale, type CardPoints, type PointsScale } from "./scoring/points-scale";
export { binEvidence, missingRationale, type MissingTreatment } from "./scoring/bin-evidence";
export { verdictProblems, REFERENCE_ALPHA } from "./scoring/verdict-checks";
export { chooseTiers, type Tier } from "./scoring/choose-tiers";
export { gradeMatrix, quartileCuts, type GradeCell } from "./scoring/grade-matrix";
export { rulesToYaml } from "./scoring/rules-yaml";
export { diffRules, formatRulesDiff, type RulesDiff } from "./scoring/diff-rules";
export { scoreStability, type ScoreStability } from "./scoring/score-stability";
export { REBIN_MIN_GAIN, previousBins, sameBins, choosePreviousBins, type BinsChoice } from "./scoring/previous-bins";
export { binMatch, binRuleOf } from "./scoring/bin-match";
export { dataFingerprint } from "./data/data-fingerprint";

// Frameworks: BANT, CHAMP, ANUM, MEDDIC, GPCTBA/C&I put to the test
export { CRITERIA, CRITERION_QUESTIONS, CRITERION_ALIASES, normalCriterionName, resolveCriterion, type Criterion } from "./frameworks/criteria";
export { FRAMEWORKS, FRAMEWORK_NAMES, resolveFramework, frameworksAsking, type FrameworkDefinition, type FrameworkCriterion } from "./frameworks/framework-definitions";
export { mapCriteria, type CriteriaMapping, type FrameworkMapping, type CriterionSlot, type MappedAttribute } from "./frameworks/map-criteria";
export { criterionMet, type CriterionMet } from "./frameworks/criterion-met";
export { criteriaEvidence, type CriterionColumn, type CriterionEvidence } from "./frameworks/criteria-evidence";
export { riskRatio, type RatioInterval } from "./stats/risk-ratio";
export { mantelHaenszelRiskRatio, type RatioStratum } from "./stats/mantel-haenszel";
export { nOfMRules, type NOfMRule, type NOfMRules, type NOfMOptions } from "./frameworks/n-of-m";
export { criterionContributions, FRAMEWORK_MODEL_L2, type ModelCriterion, type CriterionContribution, type FrameworkModel } from "./frameworks/criterion-contribution";
export { DEFAULT_CLAIMS, resolveFrameworksOptions, type FrameworkClaim, type ExternalScore, type FrameworksOptions, type ResolvedFrameworksOptions } from "./frameworks/frameworks-options";
export { evaluateFrameworks } from "./frameworks/evaluate-frameworks";
export { FrameworksResult, FRAMEWORK_TABLES, type FrameworkTable, type FrameworksParts, type FrameworkEvaluation, type FrameworkCriterionResult, type FrameworksComparison, type FrameworkAuc, type AucDifference, type ClaimCheck, type HoldoutSummary } from "./frameworks/frameworks-result";
export { formatFrameworks } from "./frameworks/format-frameworks";

// Command line
export { main, COMMANDS } from "./cli/main";
export { CliError } from "./cli/cli-error";
export { parseCommandArgs, commandHelp, HelpRequested, type OptionSpec, type OptionSpecs, type CommandAbout, type NumberKind } from "./cli/parse-command-args";
export { progressReporter, type ProgressReporter, type ProgressStream } from "./cli/progress";
export { profileCommand } from "./cli/profile-command";
export { driversCommand } from "./cli/drivers-command";
export { tuneCommand } from "./cli/tune-command";
export { diffCommand } from "./cli/diff-command";
export { validateCommand } from "./cli/validate-command";
export { schemaCommand, datasetSchemaText, DATASET_SCHEMA_PATH } from "./cli/schema-command";
export { scoreFile, type ScoreFileOptions, type ScoreFileReport, type UnscoredReason, type UnknownCategories, type IdCounts, type PersonaCounts } from "./scoring/score-file";
export { scoreCommand, scoreSummary } from "./cli/score-command";
export { openAtomicOutput, writeFileAtomic, checkOutputPath, type AtomicOutput } from "./cli/atomic-output";
export { sqlCommand } from "./cli/sql-command";
export { frameworksCommand } from "./cli/frameworks-command";
export { initCommand } from "./cli/init-command";
// Deal size and the team's beliefs
export { kruskalWallis, type KruskalWallisResult } from "./stats/kruskal-wallis";
export { medianInterval, type MedianInterval } from "./stats/median-interval";
export { amountDrivers, type AmountDriversOptions, type AmountDriversResult, type AmountAttribute, type AmountBin } from "./drivers/amount-drivers";
export { formatAmountDrivers } from "./drivers/format-amount-drivers";
export { amountByBinChart, type AmountRow } from "./charts/amount-by-bin-chart";
export { amountDriversCommand } from "./cli/amount-drivers-command";
export { BELIEF_TARGETS, BELIEF_DIRECTIONS, BeliefConditionSchema, BeliefSchema, BeliefsSchema, type Belief, type BeliefCondition, type BeliefsDocument, type BeliefTarget, type BeliefDirection } from "./formats/beliefs-schema";
export { compileCondition, type CompiledCondition, type ConditionSource } from "./beliefs/belief-condition";
export { BELIEFS_SCHEMA_PATH, beliefsSchemaText, parseBeliefs, readBeliefs } from "./beliefs/parse-beliefs";
export { BELIEF_VERDICTS, testBeliefs, judge, type BeliefVerdict, type BeliefsOptions, type BeliefRate, type BeliefTest, type BeliefsResult } from "./beliefs/test-beliefs";
export { formatBeliefs } from "./beliefs/format-beliefs";
export { beliefsCommand } from "./cli/beliefs-command";
export { midRanks, type MidRanks } from "./stats/mid-ranks";
export { rankDesignEffect } from "./stats/rank-design-effect";
export { beliefsSection } from "./report/beliefs-section";
export { valueSection } from "./report/value-section";
export { retentionSection } from "./report/retention-section";
export { accountCodes } from "./data/account-codes";
