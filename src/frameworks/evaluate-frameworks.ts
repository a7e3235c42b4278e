import type { DealTable } from "../data/deal-table";
import type { HoldoutSplit } from "../data/holdout-split";
import { gatherFlags } from "../data/typed-column";
import { aucWithCI, compareAuc, type AucInterval } from "../model/auc";
import { wilsonInterval } from "../stats/wilson";
import { criteriaEvidence, type CriterionColumn, type CriterionEvidence } from "./criteria-evidence";
import { criterionContributions, type FrameworkModel } from "./criterion-contribution";
import { criterionMet } from "./criterion-met";
import { resolveFrameworksOptions, type FrameworksOptions, type ResolvedFrameworksOptions } from "./frameworks-options";
import { FrameworksResult, labelsAsked, type AucDifference, type ClaimCheck, type FrameworkAuc, type FrameworkEvaluation, type FrameworksComparison } from "./frameworks-result";
import { mapCriteria, type CriteriaMapping, type FrameworkMapping } from "./map-criteria";
import { nOfMRules } from "./n-of-m";
import { aucWords, bestRuleVerdict, claimVerdict, contributionVerdict, evidenceVerdict } from "./verdicts";
import { differenceText, listWords } from "./wording";

/**
 * Puts the qualification frameworks (BANT, CHAMP, ANUM, MEDDIC, GPCTBA/C&I) to the test on the
 * table's closed deals.
 *
 * 1. **Mapping.** Each framework's criteria are matched to attributes through `framework` and
 *    `criterion` in `dataset.yaml` (`mapCriteria`): an attribute answers its criterion for every
 *    framework that asks it. Criteria without an attribute are listed with how to map one.
 * 2. **Met.** Each attribute is read as met / not met / unknown (`criterionMet`: true, yes or a
 *    positive number is met; for categorical attributes, `metValues` says which values are).
 * 3. **Holdout.** The deals are split by the table's holdout (`splitHoldout`, by close date, or
 *    creation date when there is none). Models are fitted on the training part; every number
 *    reported is measured on the test part.
 * 4. **Per criterion**: share met, win rate when met and when not, lift (their ratio), Fisher's
 *    exact p and a Benjamini–Hochberg q across every attribute tested (each once, however many
 *    frameworks ask it); see `criteriaEvidence`.
 * 5. **N-of-M rules** per framework, qualified when at least N of its M mapped criteria are met
 *    (unknown counts as not met): precision, recall and share passed, and the best N
 *    (`nOfMRules`).
 * 6. **What each criterion adds** once the others are known: the drop in holdout AUC of a
 *    logistic model without it (DeLong paired interval) and the Mantel–Haenszel conditional
 *    lift (`criterionContributions`). "Adds nothing" is said when the AUC drop's interval
 *    includes 0 and the conditional lift's includes 1.
 * 7. **Claims** (by default "BANT-qualified when at least three of four criteria are
 *    positive") against the best N, and **frameworks side by side**: the AUC of each framework's
 *    count of criteria met, paired against the best (and against `scorecard` when given).
 *
 * Deterministic: the same table and options give the same result. Never mutates its input.
 * Throws for a wrong option or a criterion name that is a typo; weak data (a small test part,
 * unreadable values, a framework with no attribute) becomes a warning or a verdict.
 *
 * @example
 * import { evaluateFrameworks, loadDataset } from "leadlab";
 * const { table } = await loadDataset("data/sample/dataset.yaml");
 * const result = evaluateFrameworks(table);
 * result.framework("BANT").rules?.best; // the best N of BANT's four criteria
 * result.verdicts.forEach((v) => console.log(v));
 */
export function evaluateFrameworks(table: DealTable, options: FrameworksOptions = {}): FrameworksResult {
  return evaluateResolved(table, resolveFrameworksOptions(options, table));
}

function evaluateResolved(table: DealTable, o: ResolvedFrameworksOptions): FrameworksResult {
  const { mapping, columns, warnings } = criterionColumns(table, o);
  const part = testPart(table);
  warnings.push(...part.warnings);
  const evidence = criteriaEvidence(columns, table.won, part.test, o.confidence);
  const shared: EvaluationState = {
    table, o, part,
    metOf: new Map(columns.map((c) => [c.attribute, c.met])),
    evidenceOf: new Map(evidence.map((e) => [e.attribute, e])),
    counts: new Map(),
    byAttributes: new Map(),
    warnings,
  };
  const frameworks = mapping.frameworks.map((fm) => evaluateFramework(fm, shared));
  const comparison = compareFrameworks(frameworks, shared.counts, part.yTest, part.test, o);
  if (o.scorecard && !comparison.scorecard) warnings.push(`${o.scorecard.name} was not compared: no framework could be measured on the test deals`);
  const claims = checkClaims(o.claims, frameworks);
  const verdicts = [
    ...criteriaVerdicts(evidence, frameworks),
    ...claims.map((c) => c.verdict),
    ...comparisonVerdicts(comparison, frameworks),
  ];
  const { split, test, testWins } = part;
  return new FrameworksResult(
    deepFreeze({
      dataset: table.name,
      confidence: o.confidence,
      holdout: { description: split.description, train: split.train.length, test: test.length, testWins, baseRate: wilsonInterval(testWins, test.length, o.confidence) },
      criteria: evidence,
      frameworks,
      comparison,
      claims,
      verdicts,
      warnings,
    }),
  );
}

/**
 * Maps the frameworks' criteria to the attributes not set aside, and reads every attribute some
 * framework uses, once, as met / not met / unknown; warns about set-aside criteria and unreadable values.
 */
function criterionColumns(table: DealTable, o: ResolvedFrameworksOptions): { mapping: CriteriaMapping; columns: CriterionColumn[]; warnings: string[] } {
  const warnings: string[] = [];
  for (const a of table.attributes)
    if (a.criterion !== undefined && o.setAside[a.name] !== undefined)
      warnings.push(`${a.name}: set aside as possible leakage (${o.setAside[a.name]}), so criterion ${a.criterion} has no attribute here`);
  const mapping = mapCriteria(table.attributes.filter((a) => o.setAside[a.name] === undefined), o.frameworks);
  warnings.push(...mapping.warnings);

  const used = new Set(mapping.frameworks.flatMap((f) => f.slots.map((s) => s.attribute).filter((a): a is string => a !== null)));
  const columns: CriterionColumn[] = [];
  for (const m of mapping.attributes) {
    if (!used.has(m.attribute)) continue;
    const meta = table.attribute(m.attribute);
    const read = criterionMet(table.columns[m.attribute], meta.type, o.metValues[m.attribute]);
    if (read.unreadable.length > 0) {
      const rows = read.unreadable.reduce((s, u) => s + u.rows, 0);
      const shown = read.unreadable.slice(0, 5).map((u) => `"${u.value}" ${u.rows}`).join(", ");
      warnings.push(
        `${m.attribute}: ${rows} value${rows === 1 ? "" : "s"} say neither met nor not met (${shown}${read.unreadable.length > 5 ? ", …" : ""}) and count as unknown; give the values that mean met (option metValues)`,
      );
    }
    columns.push({ attribute: m.attribute, criterion: m.criterion, met: read.met });
  }
  return { mapping, columns, warnings };
}

/** The table's holdout as the frameworks are measured on it: the test rows and their outcomes, and whether AUCs and models can be computed. */
interface TestPart {
  split: HoldoutSplit;
  test: Uint32Array;
  yTest: Uint8Array;
  testWins: number;
  /** At least two wins and two losses among the test deals. */
  rankable: boolean;
  /** Both outcomes among the training deals. */
  fittable: boolean;
  warnings: string[];
}

/** The test part of the table's holdout, with warnings when it cannot rank or the training part cannot fit. */
function testPart(table: DealTable): TestPart {
  const split = table.split;
  const warnings = split.warnings.map((w) => `holdout: ${w}`);
  const { train, test } = split;
  const yTest = gatherFlags(table.won, test);
  let testWins = 0;
  for (const y of yTest) testWins += y;
  let trainWins = 0;
  for (const i of train) trainWins += table.won[i];
  const rankable = testWins >= 2 && test.length - testWins >= 2;
  const fittable = trainWins > 0 && trainWins < train.length;
  if (!rankable) warnings.push(`the test part has ${testWins} wins and ${test.length - testWins} losses: AUCs need at least two of each, so frameworks are not compared`);
  else if (!fittable) warnings.push("the training part has only one outcome: no model can be fitted, so what each criterion adds is not measured");
  return { split, test, yTest, testWins, rankable, fittable, warnings };
}

/** What the evaluation of every framework reads and adds to. */
interface EvaluationState {
  table: DealTable;
  o: ResolvedFrameworksOptions;
  part: TestPart;
  metOf: ReadonlyMap<string, CriterionColumn["met"]>;
  evidenceOf: ReadonlyMap<string, CriterionEvidence>;
  /** Each framework's count of criteria met, per test deal. */
  counts: Map<string, Float64Array>;
  /** Frameworks answered by the same attributes share one model; the first of them names it. */
  byAttributes: Map<string, { name: string; model: FrameworkModel | null }>;
  warnings: string[];
}

/** One framework on the test deals: its count of criteria met, N-of-M rules, AUC, model (or its twin's) and verdicts. */
function evaluateFramework(fm: FrameworkMapping, shared: EvaluationState): FrameworkEvaluation {
  const { table, o, part, metOf } = shared;
  const { test, yTest, rankable, fittable } = part;
  const f = fm.framework;
  const answered = fm.slots.filter((s) => s.attribute !== null);
  const m = answered.length;
  const count = new Float64Array(test.length);
  for (const s of answered) {
    const met = metOf.get(s.attribute!)!;
    for (let k = 0; k < test.length; k++) if (met[test[k]] === 1) count[k]++;
  }
  shared.counts.set(f.name, count);
  const rules = m > 0 ? nOfMRules(count, yTest, m, { minRecall: o.minRecall, confidence: o.confidence }) : null;
  const countAuc = m > 0 && rankable ? aucWithCI(count, yTest, o.confidence) : null;
  const key = answered.map((s) => s.attribute!).sort().join("\u0000");
  const twin = m > 0 ? shared.byAttributes.get(key) : undefined;
  let model = twin?.model ?? null;
  if (!twin && m > 0 && rankable && fittable) {
    model = criterionContributions(
      answered.map((s) => ({ label: s.label, criterion: s.criterion, attribute: s.attribute!, met: metOf.get(s.attribute!)! })),
      table.won,
      part.split,
      o.confidence,
    );
    shared.warnings.push(...model.warnings.map((w) => `${f.name}: ${w}`));
  }
  if (!twin && m > 0) shared.byAttributes.set(key, { name: f.name, model });
  const criteria = fm.slots.map((s) => {
    const c = model?.contributions.find((x) => x.attribute === s.attribute);
    return {
      ...s,
      evidence: s.attribute === null ? null : shared.evidenceOf.get(s.attribute)!,
      contribution: c ? { ...c, label: s.label } : null,
    };
  });
  const evaluation = { name: f.name, title: f.title, criteria, mapped: m, missing: fm.missing, rules, countAuc, modelAuc: model?.auc ?? null, sameAs: twin?.name ?? null };
  return { ...evaluation, verdicts: frameworkVerdicts(fm, evaluation, model, twin) };
}

/** The verdicts on one framework: what it is tested on, its best rule, its AUCs and what each criterion adds (none of them for a twin). */
function frameworkVerdicts(fm: FrameworkMapping, e: Omit<FrameworkEvaluation, "verdicts">, model: FrameworkModel | null, twin: { name: string } | undefined): string[] {
  const f = fm.framework;
  const m = e.mapped;
  const verdicts: string[] = [];
  if (m === 0) verdicts.push(`${f.name}: none of its ${f.criteria.length} criteria has an attribute, so it cannot be tested`);
  else if (fm.missing.length > 0)
    verdicts.push(`${f.name} is tested on ${m} of its ${f.criteria.length} criteria; ${listWords(fm.slots.filter((s) => s.attribute === null).map((s) => s.label))} ${fm.missing.length === 1 ? "has" : "have"} no attribute`);
  if (twin) verdicts.push(`${f.name} is answered by the same attributes as ${twin.name} here, so its rules and AUCs are ${twin.name}'s`);
  if (e.rules && !twin) verdicts.push(bestRuleVerdict(f.name, e.rules));
  if (e.countAuc && !twin) verdicts.push(`${f.name}: AUC of the count of criteria met ${aucWords(e.countAuc)}${model ? `; of a model weighting them ${aucWords(model.auc)}` : ""}`);
  for (const c of e.criteria) {
    if (!c.contribution || twin) continue;
    const others = e.criteria.filter((x) => x.contribution && x !== c).map((x) => x.label);
    verdicts.push(contributionVerdict(f.name, c.contribution, others));
  }
  return verdicts;
}

/** Each claim against its framework's rules: the claimed rule, the best one, and the verdict (or why it cannot be tested). */
function checkClaims(claims: ResolvedFrameworksOptions["claims"], frameworks: readonly FrameworkEvaluation[]): ClaimCheck[] {
  return claims.map((c): ClaimCheck => {
    const f = frameworks.find((x) => x.name === c.framework)!;
    const rules = f.rules;
    const reason =
      !rules || rules.best === null
        ? `${f.name} has no rule to test (${f.mapped === 0 ? "no criterion has an attribute" : "the test deals have no wins"})`
        : c.atLeast > f.mapped
          ? `${f.name} has only ${f.mapped} criteri${f.mapped === 1 ? "on" : "a"} with an attribute, fewer than ${c.atLeast}`
          : "";
    const rule = reason ? null : rules!.rules[c.atLeast - 1];
    const best = reason ? null : rules!.rules[rules!.best! - 1];
    return { text: c.text, framework: f.name, atLeast: c.atLeast, rule, best, verdict: claimVerdict(c.text, rule, best, reason) };
  });
}

/** Every criterion on its own, under the labels the frameworks ask it by. */
function criteriaVerdicts(evidence: readonly CriterionEvidence[], frameworks: readonly FrameworkEvaluation[]): string[] {
  return evidence.map((e) => evidenceVerdict(labelsAsked(frameworks, e.attribute).join(" / "), e));
}

function difference(a: Float64Array, b: Float64Array, y: Uint8Array, confidence: number): AucDifference {
  const d = compareAuc(a, b, y, confidence);
  return { diff: d.diff, lo: d.lo, hi: d.hi, p: d.p };
}

function compareFrameworks(
  frameworks: readonly FrameworkEvaluation[],
  counts: ReadonlyMap<string, Float64Array>,
  yTest: Uint8Array,
  test: Uint32Array,
  o: ResolvedFrameworksOptions,
): FrameworksComparison {
  const measured = frameworks.filter((f): f is FrameworkEvaluation & { countAuc: AucInterval } => f.countAuc !== null);
  let scorecard: FrameworksComparison["scorecard"] = null;
  let scores: Float64Array | null = null;
  if (o.scorecard && measured.length > 0) {
    const s = o.scorecard.scores;
    scores = Float64Array.from(test, (i) => s[i]);
    const bad = scores.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new Error(`evaluateFrameworks: scorecard.scores[${test[bad]}] is ${scores[bad]}; every test row needs a finite score`);
    scorecard = { name: o.scorecard.name, auc: aucWithCI(scores, yTest, o.confidence) };
  }
  // Best first; ties keep the frameworks' order (the sort is stable).
  const ranked = [...measured].sort((a, b) => b.countAuc.auc - a.countAuc.auc);
  const best = ranked[0];
  const rows = ranked.map(
    (f): FrameworkAuc => ({
      framework: f.name,
      mapped: f.mapped,
      count: f.countAuc,
      belowBest: f === best ? null : difference(counts.get(best.name)!, counts.get(f.name)!, yTest, o.confidence),
      scorecardAbove: scores ? difference(scores, counts.get(f.name)!, yTest, o.confidence) : null,
    }),
  );
  return { best: best?.name ?? null, rows, scorecard };
}

function comparisonVerdicts(c: FrameworksComparison, frameworks: readonly FrameworkEvaluation[]): string[] {
  if (c.best === null) return ["No framework could be compared on the test deals"];
  // Frameworks answered by the same attributes are named together, under the first of them.
  const twinsOf = (name: string) => [name, ...frameworks.filter((f) => f.sameAs === name).map((f) => f.name)];
  const named = (name: string) => {
    const names = twinsOf(name);
    return names.length === 1 ? name : `${listWords(names)} (the same attributes)`;
  };
  const sameAs = new Map(frameworks.map((f) => [f.name, f.sameAs]));
  const leaders = c.rows.filter((r) => !sameAs.get(r.framework) || !c.rows.some((x) => x.framework === sameAs.get(r.framework)));
  const [first, ...rest] = leaders;
  const out = [`${named(first.framework)}: the count of criteria met ranks the test deals best, AUC ${aucWords(first.count)}`];
  for (const r of rest) {
    const d = r.belowBest!;
    out.push(`${named(r.framework)}: AUC ${aucWords(r.count)}, ${d.lo > 0 ? "lower by" : "not clearly lower:"} ${differenceText(d.diff, d.lo, d.hi)} (paired)`);
  }
  if (c.scorecard) {
    const s = c.scorecard;
    const beaten = leaders.filter((r) => r.scorecardAbove!.lo > 0).map((r) => r.framework);
    const top = first.scorecardAbove!;
    const verdict =
      beaten.length === leaders.length ? "it ranks the deals better than every framework" : beaten.length === 0 ? "it ranks the deals no better than the frameworks" : `it ranks the deals better than ${listWords(beaten)}`;
    out.push(`${s.name}: AUC ${aucWords(s.auc)}; ${verdict}, ${differenceText(top.diff, top.lo, top.hi)} above ${first.framework} (paired)`);
  }
  return out;
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === "object" && !ArrayBuffer.isView(x)) {
    for (const v of Object.values(x as object)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}
