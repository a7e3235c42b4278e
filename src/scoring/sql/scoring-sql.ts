import { itemSeparator } from "../../formats/vocabulary";
import type { BinnedInput, ScoringRules } from "../../formats/scoring-rules-schema";
import { rulesMissing } from "../../formats/scoring-rules-schema";
import { dialect, SQL_DIALECTS, type Dialect, type SqlDialect } from "../../sql/dialects";
import { binChoiceSql, binPointsSql, binReasonSql, type AttributeRefs } from "./bin-points-sql";
import { DEFAULT_REASONS } from "../score";
import { eventFeatureOfSource, eventFeatureSql, type EventFeatureSpec } from "../../sql/event-features-sql";
import { sqlComment, sqlNumber } from "../../sql/quoting";
import { scoredInputs } from "../lead-value";
import { categoryKey } from "../category-key";
import { categoryKeySql } from "./category-key-sql";
import { booleanOfText, containsItem, formattedNumberText, missingAsNull, numberOfText, trimmedText } from "../../sql/text-values";

/** Options of {@link scoringSql}. */
export interface ScoringSqlOptions {
  dialect: SqlDialect;
  /** The leads table (`schema.table` allowed). Default `leads`. */
  leadsTable?: string;
  /** The raw events table, for event features. Default `events`. */
  eventsTable?: string;
  /** The view to create or replace. Default `lead_scores`. */
  viewName?: string;
  /** Text read as missing besides the empty string and the rules' `inputs.missing` (as `score`'s `missing`). */
  missing?: readonly string[];
  /** How many reason columns (`reason_1`, …) to give, as `score`'s `reasons` (default 3; 0 for none). */
  reasons?: number;
}

/** The resolved options: every default filled. */
interface ResolvedSqlOptions {
  dialect: SqlDialect;
  leadsTable: string;
  eventsTable: string;
  viewName: string;
  missing: readonly string[];
  reasons: number;
}

/**
 * A `CREATE OR REPLACE VIEW` statement that scores every row of the leads table with the
 * rules, in the given dialect: one row per lead with its id (named as `inputs.id`), `points`,
 * `tier`, `grade`, `fit_points`, `engagement_points` and the top reasons (`reason_1`, …: the
 * runtime scorer's reasons, in its order; NULL past the lead's nonzero contributions). Event features are computed from the
 * raw events table with the loader's semantics (see {@link eventFeatureSql}); lead columns are
 * read as text and matched as the runtime scorer {@link score} does, so a column stored as
 * text or as a number gives the same points. A lead the runtime scorer cannot score (a value
 * that is not a number or not a boolean, or that no bin takes) gets NULL points, tier and
 * grade. Column names come from `rules.inputs` and each attribute's `source.column`; every
 * name and value is quoted for the dialect. The text is deterministic (byte-stable).
 *
 * @example
 * import { readScoringRules, scoringSql } from "leadlab";
 * const rules = readScoringRules("tests/scoring/fixtures/scoring.yaml");
 * scoringSql(rules, { dialect: "postgres", leadsTable: "crm.leads" }).includes('CREATE OR REPLACE VIEW "lead_scores" AS'); // => true
 */
export function scoringSql(rules: ScoringRules, options: ScoringSqlOptions): string {
  if (!(SQL_DIALECTS as readonly string[]).includes(options.dialect))
    throw new Error(`scoringSql: unknown dialect "${String(options.dialect)}"; use one of ${SQL_DIALECTS.join(", ")}`);
  if (options.reasons !== undefined && !(Number.isInteger(options.reasons) && options.reasons >= 0))
    throw new Error(`scoringSql: options.reasons must be a whole number ≥ 0; got ${options.reasons}`);
  return buildScoringSql(rules, {
    dialect: options.dialect,
    leadsTable: options.leadsTable ?? "leads",
    eventsTable: options.eventsTable ?? "events",
    viewName: options.viewName ?? "lead_scores",
    missing: options.missing ?? [],
    reasons: options.reasons ?? DEFAULT_REASONS,
  });
}

function buildScoringSql(rules: ScoringRules, o: ResolvedSqlOptions): string {
  const d = dialect(o.dialect);
  const read = scoredInputs(rules);
  read.forEach(checkAttribute);
  const eventAttributes = read.filter((a) => "event" in a.source);
  if (eventAttributes.length > 0) {
    if (!rules.inputs.events) throw new Error("scoringSql: the rules have event features but no inputs.events (the raw events table's columns)");
    if (!rules.inputs.scoringPoint)
      throw new Error("scoringSql: the rules have event features but no inputs.scoringPoint, so events cannot be cut at a scoring point");
  }
  const tokens = [...new Set([...rulesMissing(rules), ...o.missing])];
  const input = leadInputCtes(rules, o, d, read, tokens, eventAttributes.length > 0);
  const values = leadValueCtes(rules, o, d, read, eventAttributes, tokens, input.columns);
  const points = leadPointsCtes(rules, o, d, values.refs);
  return [
    ...viewHeader(rules, d, points.reasonCount),
    d.createView(d.table(o.viewName)),
    `WITH ${[...input.ctes, ...values.ctes, ...points.ctes].join(",\n")}`,
    ...viewSelect(rules, d, points.reasonCount),
    "",
  ].join("\n");
}

/**
 * lead_raw: the id, the event key and scoring point, and each lead column once, as trimmed
 * text; lead_key: with the category key of the columns that need one; lead_input: the same
 * with missing text (by its key) as NULL and the scoring point in epoch ms.
 */
function leadInputCtes(rules: ScoringRules, o: ResolvedSqlOptions, d: Dialect, read: BinnedInput[], tokens: string[], hasEvents: boolean): { ctes: string[]; columns: string[] } {
  const lead = (column: string) => `l.${d.identifier(column)}`;
  // Event columns and the scoring point compare missing tokens as the loader does (trimmed, exactly).
  const present = (trimmed: string) => missingAsNull(d, trimmed, tokens);
  const tokenKeys = [...new Set(tokens.map(categoryKey).filter((t) => t !== ""))];
  const columns = [...new Set(read.flatMap((a) => ("column" in a.source ? [a.source.column] : [])))];
  const readers = (column: string) => read.filter((a) => "column" in a.source && a.source.column === column);
  const isCategory = (a: BinnedInput) => a.match === "categorical" || a.match === "contains";
  const keyValues = (column: string) => [
    ...tokenKeys,
    ...readers(column).flatMap((a) =>
      a.match === "contains" ? [a.containsValue!] : a.match === "categorical" ? a.bins.flatMap((b) => (b.when.kind === "set" ? b.when.values : [])) : [],
    ),
  ];
  const keyed = columns.map((column) => tokenKeys.length > 0 || readers(column).some(isCategory));
  const keys: SelectItem[] = [{ expr: "*" }];
  const raw: SelectItem[] = [{ expr: `${lead(rules.inputs.id)} AS lead_id` }];
  const inputs: SelectItem[] = [{ expr: "lead_id" }];
  if (hasEvents) {
    raw.push({ expr: `${trimmedText(d, lead(rules.inputs.events!.leadKey))} AS event_key` });
    raw.push({ expr: `${trimmedText(d, lead(rules.inputs.scoringPoint!))} AS scoring_time` });
    inputs.push({ expr: `${present("event_key")} AS event_key` });
    inputs.push({ expr: `${d.epochMs(present("scoring_time"), rules.inputs.timeZone ?? "UTC", rules.inputs.dateFormat)} AS scoring_ms` });
  }
  const missingKey = `(${["", ...tokenKeys].map((t) => d.string(t)).join(", ")})`;
  columns.forEach((column, j) => {
    const n = j + 1;
    raw.push({ comment: column, expr: `${trimmedText(d, lead(column))} AS c${n}` });
    if (!keyed[j]) {
      inputs.push({ expr: `NULLIF(c${n}, '') AS c${n}` });
      return;
    }
    keys.push({ comment: column, expr: `${categoryKeySql(d, `c${n}`, keyValues(column))} AS k${n}` });
    inputs.push({ expr: `CASE WHEN k${n} IN ${missingKey} THEN NULL ELSE c${n} END AS c${n}` });
    if (readers(column).some(isCategory)) inputs.push({ expr: `CASE WHEN k${n} IN ${missingKey} THEN NULL ELSE k${n} END AS k${n}` });
  });
  const ctes = [
    ["lead_raw AS (", "  SELECT", selectList(raw), `  FROM ${d.table(o.leadsTable)} AS l`, ")"].join("\n"),
    ...(keys.length > 1 ? [["lead_key AS (", "  SELECT", selectList(keys), "  FROM lead_raw", ")"].join("\n")] : []),
    [d.materializedCte("lead_input"), "  SELECT", selectList(inputs), `  FROM ${keys.length > 1 ? "lead_key" : "lead_raw"}`, ")"].join("\n"),
  ];
  return { ctes, columns };
}

/**
 * The event features' CTEs (the loader's as-of semantics: {@link eventFeatureSql}), then
 * lead_value: per attribute, whether the value is present and the value to match (numbers
 * written as exports write them, "$62,000", made plain text first in lead_number).
 */
function leadValueCtes(
  rules: ScoringRules,
  o: ResolvedSqlOptions,
  d: Dialect,
  read: BinnedInput[],
  eventAttributes: BinnedInput[],
  tokens: string[],
  columns: string[],
): { ctes: string[]; refs: AttributeRefs[] } {
  const c = (column: string) => `i.c${columns.indexOf(column) + 1}`;
  const keyColumn = (column: string) => `i.k${columns.indexOf(column) + 1}`;
  const features = eventAttributes.map((a): EventFeatureSpec => ("event" in a.source ? eventFeatureOfSource(a.source.event) : ({} as never)));
  const eventSql =
    eventAttributes.length > 0 ? eventFeatureSql(d, features, rules.inputs.events!, o.eventsTable, tokens, rules.inputs.timeZone ?? "UTC", rules.inputs.dateFormat) : undefined;
  const values: SelectItem[] = [{ expr: "i.lead_id" }];
  const refs: AttributeRefs[] = [];
  const formatted: SelectItem[] = [{ expr: "i.*" }];
  read.forEach((a, k) => {
    const n = k + 1;
    const comment = a.name;
    if ("event" in a.source) {
      values.push({ comment, expr: `${eventSql!.values[eventAttributes.indexOf(a)]} AS x${n}` });
      refs.push({ present: `x${n}`, value: `x${n}` });
      return;
    }
    const t = c(a.source.column);
    const key = keyColumn(a.source.column);
    switch (a.match) {
      case "numeric":
        if (a.numberFormat) formatted.push({ comment: `${a.name}: numbers as the training data wrote them`, expr: `${formattedNumberText(d, t, a.numberFormat.decimal)} AS f${n}` });
        values.push({ comment, expr: `${t} AS t${n}` }, { expr: `${numberOfText(d, a.numberFormat ? `i.f${n}` : t)} AS x${n}` });
        refs.push({ present: `t${n}`, value: `x${n}` });
        break;
      case "boolean":
        values.push({ comment, expr: `${t} AS t${n}` }, { expr: `${booleanOfText(d, t)} AS b${n}` });
        refs.push({ present: `t${n}`, value: `b${n}` });
        break;
      case "contains":
        values.push({ comment, expr: `${containsItem(d, key, categoryKey(a.containsValue!), itemSeparator(a))} AS k${n}` });
        refs.push({ present: `k${n}`, value: `k${n}` });
        break;
      default:
        values.push({ comment, expr: `${key} AS t${n}` });
        refs.push({ present: `t${n}`, value: `t${n}` });
    }
  });
  const ctes = [
    ...(eventSql?.ctes ?? []),
    // Materialised where the engine would otherwise inline: each value is parsed once per lead,
    // not once per reference in the points, tier and grade expressions.
    ...(formatted.length > 1 ? [["lead_number AS (", "  SELECT", selectList(formatted), "  FROM lead_input AS i", ")"].join("\n")] : []),
    [d.materializedCte("lead_value"), "  SELECT", selectList(values), `  FROM ${formatted.length > 1 ? "lead_number" : "lead_input"} AS i`, ...(eventSql ? [`  ${eventSql.join}`] : []), ")"].join("\n"),
  ];
  return { ctes, refs };
}

/**
 * lead_points: each attribute's points (and reason), each amount attribute's factor (v…) and
 * each retention attribute's log-odds term (u…); lead_rank: each nonzero contribution's place
 * among the lead's, as the runtime scorer orders reasons; lead_total: points, fit and
 * engagement sub-scores, the reasons and the value cards' sums; lead_expected: the chances.
 */
function leadPointsCtes(rules: ScoringRules, o: ResolvedSqlOptions, d: Dialect, refs: AttributeRefs[]): { ctes: string[]; reasonCount: number } {
  const attributes = rules.attributes;
  const value = rules.value;
  const amountInputs = value?.amount.attributes ?? [];
  const retentionInputs = value?.retention?.attributes ?? [];
  const points: SelectItem[] = [{ expr: "lead_id" }, ...attributes.map((a, k) => ({ comment: a.name, expr: `${binPointsSql(d, a, refs[k])} AS p${k + 1}` }))];
  const factorAt = attributes.length;
  const termAt = factorAt + amountInputs.length;
  points.push(
    ...amountInputs.map((a, j) => ({ comment: `${a.name}: amount factor`, expr: `${binChoiceSql(d, a, refs[factorAt + j], (b) => d.double(sqlNumber(b.factor)))} AS v${j + 1}` })),
    ...retentionInputs.map((a, j) => ({ comment: `${a.name}: retention term`, expr: `${binChoiceSql(d, a, refs[termAt + j], (b) => d.double(sqlNumber(b.logOdds)))} AS u${j + 1}` })),
  );
  const valueColumns = [...amountInputs.map((_, j) => `v${j + 1}`), ...retentionInputs.map((_, j) => `u${j + 1}`)];
  const reasonCount = Math.min(o.reasons, attributes.length);
  if (reasonCount > 0) points.push(...attributes.map((a, k) => ({ comment: `${a.name}: reason`, expr: `${binReasonSql(d, a, refs[k], rules)} AS r${k + 1}` })));
  // Each nonzero contribution's place among the lead's contributions by size, as the runtime
  // scorer orders them: larger |points| first, ties in the rules' order.
  const place = (k: number) =>
    `CASE WHEN p${k + 1} <> 0 THEN ${attributes.length === 1 ? "0" : attributes.flatMap((_, j) => (j === k ? [] : [`CASE WHEN abs(p${j + 1}) ${j < k ? ">=" : ">"} abs(p${k + 1}) THEN 1 ELSE 0 END`])).join(" + ")} END`;
  const ranked = reasonCount > 0
    ? [[d.materializedCte("lead_rank"), "  SELECT", selectList([{ expr: "lead_points.*" }, ...attributes.map((a, k) => ({ comment: `${a.name}: place`, expr: `${place(k)} AS o${k + 1}` }))]), "  FROM lead_points", ")"].join("\n")]
    : [];
  const reasonItems = Array.from({ length: reasonCount }, (_, i) => ({
    expr: `CASE ${attributes.map((_, k) => `WHEN o${k + 1} = ${i} THEN r${k + 1}`).join(" ")} END AS reason_${i + 1}`,
  }));
  const sum = (indexes: number[]) => (indexes.length ? indexes.map((k) => `p${k + 1}`).join(" + ") : "0");
  const group = (g: string) => attributes.flatMap((a, k) => (a.group === g ? [k] : []));
  const total = [
    d.materializedCte("lead_total"),
    "  SELECT",
    "    lead_id,",
    // A value no value card's bin takes makes the lead unscorable, as it does for the runtime scorer.
    `    ${valueColumns.length ? `CASE WHEN ${valueColumns.map((v) => `${v} IS NULL`).join(" OR ")} THEN NULL ELSE ` : ""}${[String(rules.scale.basePoints), ...attributes.map((_, k) => `p${k + 1}`)].join(" + ")}${valueColumns.length ? " END" : ""} AS points,`,
    `    ${sum(group("fit"))} AS fit_points,`,
    ...(value
      ? [
          `    ${[d.double(sqlNumber(value.amount.base)), ...amountInputs.map((_, j) => `v${j + 1}`)].join(" * ")} AS expected_amount,`,
          ...(value.retention ? [`    ${[d.double(sqlNumber(value.retention.baseLogOdds)), ...retentionInputs.map((_, j) => `u${j + 1}`)].join(" + ")} AS retained_logit,`] : []),
        ]
      : []),
    `    ${sum(group("engagement"))} AS engagement_points${reasonCount > 0 ? "," : ""}`,
    ...reasonItems.map((r, i) => `    ${r.expr}${i < reasonItems.length - 1 ? "," : ""}`),
    `  FROM ${reasonCount > 0 ? "lead_rank" : "lead_points"}`,
    ")",
  ].join("\n");
  // The expected value: chance of winning from the points, × the expected amount, × the chance of
  // being retained; every number a double, computed in the runtime scorer's order.
  const logistic = (z: string) => `1 / (1 + exp(-(${z})))`;
  const expected = value
    ? [
        d.materializedCte("lead_expected"),
        "  SELECT",
        "    lead_total.*,",
        `    ${logistic(`${d.double(sqlNumber(value.winChance.intercept))} + ${d.double(sqlNumber(value.winChance.slope))} * points`)} AS win_chance${value.retention ? "," : ""}`,
        ...(value.retention ? [`    ${logistic("retained_logit")} AS retained_chance`] : []),
        "  FROM lead_total",
        ")",
      ].join("\n")
    : undefined;
  const ctes = [[d.materializedCte("lead_points"), "  SELECT", selectList(points), "  FROM lead_value", ")"].join("\n"), ...ranked, total, ...(expected ? [expected] : [])];
  return { ctes, reasonCount };
}

/** The comment lines above the view: what it is for, its columns, and what it needs. */
function viewHeader(rules: ScoringRules, d: Dialect, reasonCount: number): string[] {
  const m = rules.metadata;
  const value = rules.value;
  return [
    sqlComment(`leadlab scoring view (${d.name}) for the scoring rules of dataset "${m.dataset}", ${m.dataFingerprint}, leadlab ${m.toolVersion}.`),
    sqlComment(
      `Generated by \`leadlab sql\`; do not edit. One row per lead: id, points, tier, grade, fit_points, engagement_points${reasonCount > 0 ? `, reason_1…reason_${reasonCount} (the largest contributions, as \`leadlab score\` gives them)` : ""}${value ? `, win_chance, expected_amount${value.retention ? ", retained_chance" : ""}, expected_value (their product) and value_tier` : ""}.`,
    ),
    sqlComment("A lead that cannot be scored (a value that is not a number or a boolean, or that no bin takes) gets NULL points."),
    ...(d.requires ? [sqlComment(`Needs ${d.requires}.`)] : []),
  ];
}

/** The view's select: id, points, tier, grade, sub-scores, reasons and the expected value, every column NULL for a lead that cannot be scored. */
function viewSelect(rules: ScoringRules, d: Dialect, reasonCount: number): string[] {
  const value = rules.value;
  const [f0, f1, f2] = rules.grades.fitCuts;
  const [e0, e1, e2] = rules.grades.engagementCuts;
  const letter = `CASE WHEN fit_points >= ${f2} THEN 'A' WHEN fit_points >= ${f1} THEN 'B' WHEN fit_points >= ${f0} THEN 'C' ELSE 'D' END`;
  const digit = `CASE WHEN engagement_points >= ${e2} THEN '1' WHEN engagement_points >= ${e1} THEN '2' WHEN engagement_points >= ${e0} THEN '3' ELSE '4' END`;
  const valueItems = value
    ? [
        "win_chance",
        "expected_amount",
        ...(value.retention ? ["retained_chance"] : []),
        `win_chance * expected_amount${value.retention ? " * retained_chance" : ""}`,
      ]
    : [];
  const valueSelect = value
    ? [
        `  CASE WHEN points IS NULL THEN NULL ELSE win_chance END AS win_chance,`,
        `  CASE WHEN points IS NULL THEN NULL ELSE expected_amount END AS expected_amount,`,
        ...(value.retention ? [`  CASE WHEN points IS NULL THEN NULL ELSE retained_chance END AS retained_chance,`] : []),
        `  CASE WHEN points IS NULL THEN NULL ELSE ${valueItems[valueItems.length - 1]} END AS expected_value,`,
        `  ${tierCase(d, `CASE WHEN points IS NULL THEN NULL ELSE ${valueItems[valueItems.length - 1]} END`, value.tiers.map((t) => ({ name: t.name, min: t.minValue })))} AS value_tier`,
      ]
    : [];
  return [
    "SELECT",
    `  lead_id AS ${d.identifier(rules.inputs.id)},`,
    "  points,",
    `  ${tierCase(d, "points", rules.tiers.map((t) => ({ name: t.name, min: t.minPoints })))} AS tier,`,
    `  CASE WHEN points IS NULL THEN NULL ELSE ${d.concat(letter, digit)} END AS grade,`,
    "  CASE WHEN points IS NULL THEN NULL ELSE fit_points END AS fit_points,",
    `  CASE WHEN points IS NULL THEN NULL ELSE engagement_points END AS engagement_points${reasonCount > 0 || value ? "," : ""}`,
    ...Array.from({ length: reasonCount }, (_, i) => `  CASE WHEN points IS NULL THEN NULL ELSE reason_${i + 1} END AS reason_${i + 1}${i < reasonCount - 1 || value ? "," : ""}`),
    ...valueSelect,
    `FROM ${value ? "lead_expected" : "lead_total"};`,
  ];
}

/** The first tier whose minimum the column reaches, NULL when the column is. */
function tierCase(d: Dialect, column: string, tiers: readonly { name: string; min: number | null }[]): string {
  const cases = [`CASE WHEN ${column} IS NULL THEN NULL`];
  for (const t of tiers) {
    if (t.min === null) {
      cases.push(`ELSE ${d.string(t.name)}`);
      break;
    }
    cases.push(`WHEN ${column} >= ${sqlNumber(t.min)} THEN ${d.string(t.name)}`);
  }
  if (!cases[cases.length - 1].startsWith("ELSE")) cases.push("ELSE NULL");
  cases.push("END");
  return cases.join(" ");
}

/** An expression of a select list, with the comment line above it. */
interface SelectItem {
  comment?: string;
  expr: string;
}

/** A select list, four spaces in, one expression a line, comments above their expression. */
function selectList(items: SelectItem[]): string {
  return items.map((it, i) => `${it.comment !== undefined ? `    ${sqlComment(it.comment)}\n` : ""}    ${it.expr}${i < items.length - 1 ? "," : ""}`).join("\n");
}

function checkAttribute(a: BinnedInput): void {
  for (const b of a.bins) {
    if (b.when.kind === "range" && a.match !== "numeric")
      throw new Error(`scoringSql: attribute "${a.name}" matches ${a.match} values but bin "${b.label}" is a range`);
    if (b.when.kind === "set" && a.match === "numeric") throw new Error(`scoringSql: numeric attribute "${a.name}" has a set bin "${b.label}"`);
  }
  if (a.match === "contains" && a.containsValue === undefined) throw new Error(`scoringSql: attribute "${a.name}" matches "contains" but has no containsValue`);
  if ("event" in a.source && a.match !== "numeric") throw new Error(`scoringSql: event feature "${a.name}" must match numeric values`);
}
