import assert from "node:assert/strict";
import { test } from "node:test";
import { frameworksCommand } from "../../src/cli/frameworks-command";
import { CliError } from "../../src/cli/cli-error";
import { evaluateFrameworks } from "../../src/frameworks/evaluate-frameworks";
import { formatFrameworks } from "../../src/frameworks/format-frameworks";
import type { FrameworksResult } from "../../src/frameworks/frameworks-result";
import { SAMPLE_SPEC, sampleTable, sampleTruth } from "../helpers/sample-fixture";
import { close } from "../helpers/assert-close";

/**
 * The sample (data/sample, seed 42), evaluated on its holdout: the 1,409 deals closed in the last
 * 180 days. Reference values computed independently from deals.csv and truth.csv with Debian's
 * pandas, scipy 1.10, statsmodels 0.13 and scikit-learn (`/usr/bin/python3`, from the repository root):
 *
 *   import pandas as pd, numpy as np
 *   from scipy.stats import fisher_exact
 *   from statsmodels.stats.multitest import multipletests
 *   from statsmodels.stats.contingency_tables import Table2x2, StratifiedTable
 *   from sklearn.metrics import roc_auc_score
 *   from sklearn.linear_model import LogisticRegression
 *   d = pd.read_csv("data/sample/deals.csv", dtype=str, keep_default_na=False)
 *   d = d[d.stage.isin(["Closed Won", "Closed Lost"])].copy(); d["won"] = (d.stage == "Closed Won").astype(int)
 *   close = pd.to_datetime(d.close_date); in_test = close > close.max() - pd.Timedelta(days=180)
 *   test, train = d[in_test], d[~in_test]; y = test.won.values
 *   yes = lambda df, c: (df[c].str.strip().str.lower() == "yes").astype(int).values
 *   for c in CRITERIA:                       # met = "yes", not met = "no", missing left out
 *       v = test[c].str.strip().str.lower(); met, no = test[v == "yes"], test[v == "no"]
 *       t = [[met.won.sum(), len(met) - met.won.sum()], [no.won.sum(), len(no) - no.won.sum()]]
 *       fisher_exact(t)[1]; Table2x2(np.array(t)).riskratio_confint()    # then multipletests(ps, method="fdr_bh")
 *   count = sum(yes(test, c) for c in BANT); [(cnt >= n).sum() ...]; roc_auc_score(y, count)
 *   StratifiedTable(<2×2 tables of c by the pattern of the other three BANT answers>).riskratio_pooled
 *   fit = lambda fs: LogisticRegression(C=1.0, tol=1e-10, max_iter=1000).fit(np.column_stack([yes(train, c) for c in fs]), train.won)
 *   roc_auc_score(y, fit(fs).decision_function(np.column_stack([yes(test, c) for c in fs])))   # all, and without each
 *   truth = pd.read_csv("data/sample/truth.csv").set_index("deal_id"); roc_auc_score(y, truth.loc[test.deal_id, "p_win"])
 */
const PYTHON = {
  test: 1409,
  wins: 667,
  //                        met, wins met, not met, wins not met, Fisher p, lift lo, lift hi, BH q
  criteria: {
    budget_confirmed: [737, 338, 608, 294, 0.3799558237159095, 0.8465979991102216, 1.0625116114520547, 0.4221731374621217],
    authority_confirmed: [620, 331, 738, 314, 6.8879061744154e-5, 1.1223469928300298, 1.4028101152287473, 0.000172197654360385],
    need_confirmed: [831, 432, 519, 211, 5.447862983288385e-5, 1.1309588365755905, 1.4457341940339519, 0.000172197654360385],
    timeline_confirmed: [626, 302, 729, 327, 0.2294247100675218, 0.9593519174402263, 1.2057209939811675, 0.28678088758440223],
    metrics_identified: [552, 277, 807, 363, 0.06023595613190485, 0.9965632523963075, 1.248850158307569, 0.10039326021984142],
    economic_buyer_engaged: [606, 309, 749, 332, 0.016046969261919446, 1.0285053699969775, 1.2866268639395106, 0.03209393852383889],
    decision_criteria_known: [689, 314, 665, 329, 0.15721394622532817, 0.8235081843535249, 1.0303966245362197, 0.22459135175046882],
    decision_process_known: [525, 246, 832, 393, 0.9111417926670393, 0.8833403467562455, 1.1139997460723372, 0.9111417926670393],
    pain_identified: [736, 387, 607, 242, 3.837849515731755e-6, 1.170467897117741, 1.4861185149781946, 1.9189247578658775e-5],
    champion_identified: [456, 260, 894, 374, 1.461027650566343e-7, 1.2197196895342015, 1.5229610953681405, 1.461027650566343e-6],
  } as Record<string, number[]>,
  bantRules: [
    [1339, 640],
    [965, 482],
    [420, 230],
    [90, 51],
  ],
  bantCountAuc: 0.5572574225016871,
  meddicCountAuc: 0.574819059472959,
  bantConditionalLift: { Budget: 0.9356115331719486, Authority: 1.2569624570140019, Need: 1.2908043962738964, Timeline: 1.0267332113828858 } as Record<string, number>,
  bantModelAuc: 0.5897964090730915,
  bantDrops: { Budget: 0.0023913245533567773, Authority: 0.02619950132750337, Need: 0.027851303458782728, Timeline: 0.0008759097540179672 } as Record<string, number>,
  meddicModelAuc: 0.6162899008716666,
  meddicDrops: {
    Metrics: 0.005047341558331309,
    "Economic buyer": 0.007787211515536074,
    "Decision criteria": 5.051382664489346e-6,
    "Decision process": -0.0008799508601494699,
    "Identified pain": 0.025502410519807506,
    Champion: 0.038758248907891035,
  } as Record<string, number>,
  truthAuc: 0.8192978982207011,
};

let cached: Promise<{ result: FrameworksResult; withTruth: FrameworksResult }> | undefined;

/** Evaluates the sample once, alone and against the true win probabilities. */
function sample() {
  cached ??= sampleTable().then((table) => {
    const scores = Float64Array.from(table.ids, (id) => sampleTruth().get(id)!.pWin);
    return { result: evaluateFrameworks(table), withTruth: evaluateFrameworks(table, { scorecard: { name: "true win probability", scores } }) };
  });
  return cached;
}

test("sample: the test part and every criterion on its own, as scipy and statsmodels compute them", async () => {
  const { result } = await sample();
  assert.equal(result.holdout.test, PYTHON.test);
  assert.equal(result.holdout.testWins, PYTHON.wins);
  assert.deepEqual(Object.keys(PYTHON.criteria), result.criteria.map((e) => e.attribute));
  for (const e of result.criteria) {
    const [met, winsMet, notMet, winsNotMet, p, lo, hi, q] = PYTHON.criteria[e.attribute];
    assert.deepEqual([e.met, e.winsMet, e.notMet, e.winsNotMet], [met, winsMet, notMet, winsNotMet], e.attribute);
    close(e.p, p, 1e-6, `${e.attribute} p`);
    close(e.q, q, 1e-6, `${e.attribute} q`);
    close(e.lift.lo, lo, 1e-9, `${e.attribute} lift lo`);
    close(e.lift.hi, hi, 1e-9, `${e.attribute} lift hi`);
  }
});

test("sample: the planted criteria show lift with intervals above 1; budget, timeline and decision process do not", async () => {
  const { result } = await sample();
  const lift = (a: string) => result.criteria.find((e) => e.attribute === a)!.lift;
  for (const a of ["need_confirmed", "authority_confirmed", "champion_identified", "pain_identified", "economic_buyer_engaged"]) assert.ok(lift(a).lo > 1, `${a} ${JSON.stringify(lift(a))}`);
  for (const a of ["budget_confirmed", "timeline_confirmed", "decision_process_known", "decision_criteria_known"])
    assert.ok(lift(a).lo < 1 && lift(a).hi > 1, `${a} ${JSON.stringify(lift(a))}`);
  // Identified pain is need: MEDDIC takes its own attribute, CHAMP and GPCTBA/C&I BANT's.
  assert.equal(result.framework("MEDDIC").criteria[4].attribute, "pain_identified");
  assert.equal(result.framework("CHAMP").criteria[0].attribute, "need_confirmed");
  assert.deepEqual(result.framework("CHAMP").criteria[0].alternatives, ["pain_identified"]);
  assert.deepEqual(result.evidenceFor("need").map((e) => e.attribute), ["need_confirmed", "pain_identified"]);
});

test("sample: BANT's N-of-M rules, count AUCs and the claim", async () => {
  const { result } = await sample();
  const bant = result.framework("BANT");
  assert.deepEqual(bant.rules!.rules.map((r) => [r.passed, r.wins]), PYTHON.bantRules);
  assert.equal(bant.rules!.best, 2);
  close(bant.countAuc!.auc, PYTHON.bantCountAuc, 1e-12, "BANT count AUC");
  close(result.framework("MEDDIC").countAuc!.auc, PYTHON.meddicCountAuc, 1e-12, "MEDDIC count AUC");
  assert.equal(result.framework("MEDDIC").rules!.best, 3);
  const claim = result.claims[0];
  assert.equal(claim.rule!.atLeast, 3);
  assert.equal(claim.rule!.precision.rate, 230 / 420);
  assert.equal(claim.rule!.recall.rate, 230 / 667);
  assert.equal(
    claim.verdict,
    'The claim "BANT-qualified when at least three of four criteria are positive" (at least 3 of 4): a win rate of 55% [50%–59%] but only 34% [31%–38%] of the wins kept. The best rule, at least 2 of 4, wins 50% [47%–53%] and keeps 72% [69%–76%] of the wins: the claim trades 38 points of recall for 5 points of win rate',
  );
  assert.deepEqual(result.frameworks.map((f) => f.sameAs), [null, "BANT", "BANT", null, "BANT"]);
  assert.equal(result.comparison.best, "MEDDIC");
});

test("sample: what each criterion adds once the others are known, as scikit-learn and statsmodels compute it", async () => {
  const { result } = await sample();
  const bant = result.framework("BANT");
  // scikit-learn's lbfgs stops a little short of the exact optimum IRLS reaches: AUCs agree to 1e-4.
  close(bant.modelAuc!.auc, PYTHON.bantModelAuc, 1e-4, "BANT model AUC");
  close(result.framework("MEDDIC").modelAuc!.auc, PYTHON.meddicModelAuc, 1e-4, "MEDDIC model AUC");
  for (const c of bant.criteria) {
    close(c.contribution!.aucDrop.diff, PYTHON.bantDrops[c.label], 1e-4, `${c.label} AUC drop`);
    close(c.contribution!.conditionalLift.ratio, PYTHON.bantConditionalLift[c.label], 1e-12, `${c.label} conditional lift`);
  }
  for (const c of result.framework("MEDDIC").criteria) close(c.contribution!.aucDrop.diff, PYTHON.meddicDrops[c.label], 1e-4, `${c.label} AUC drop`);
  const findings = (name: string) => Object.fromEntries(result.framework(name).criteria.map((c) => [c.label, c.contribution!.finding]));
  assert.deepEqual(findings("BANT"), { Budget: "nothing", Authority: "adds", Need: "unclear", Timeline: "nothing" });
  assert.deepEqual(findings("MEDDIC"), {
    Metrics: "unclear",
    "Economic buyer": "unclear",
    "Decision criteria": "nothing",
    "Decision process": "nothing",
    "Identified pain": "adds",
    Champion: "adds",
  });
  assert.ok(bant.verdicts.some((v) => v.startsWith("Budget adds nothing once Authority, Need and Timeline are known: AUC drop without it 0.002 [")));
  assert.ok(bant.verdicts.some((v) => v.startsWith("Timeline adds nothing once Budget, Authority and Need are known")));
  assert.ok(result.framework("MEDDIC").verdicts.some((v) => v.startsWith("Champion adds to what the other 5 MEDDIC criteria say: AUC drop without it 0.039 [")));
});

test("sample: the true win probability, as an external score, ranks deals better than every framework", async () => {
  const { withTruth } = await sample();
  const s = withTruth.comparison.scorecard!;
  close(s.auc.auc, PYTHON.truthAuc, 1e-12, "truth AUC");
  assert.ok(withTruth.comparison.rows.every((r) => r.scorecardAbove!.lo > 0));
  assert.ok(withTruth.verdicts.some((v) => v.startsWith("true win probability: AUC 0.819 [") && v.includes("it ranks the deals better than every framework")));
});

test("the text report; leadlab frameworks --json; a wrong call is one line with the usage", async () => {
  const text = formatFrameworks((await sample()).result);
  assert.match(text, /^frameworks: leadlab-sample\ntime holdout: the 1,409 deals dated after 2026-04-03/);
  assert.match(text, /GPCTBA\/C&I: no attribute answers 'Goals' \(goals\); map one in dataset.yaml with `criterion: goals`/);
  assert.match(text, /≥ 2 of 4 +68% \[66%–71%\] +50% \[47%–53%\] +72% \[69%–76%\] +×1\.06 +best/);
  let json = "";
  await frameworksCommand([SAMPLE_SPEC, "--json"], (s) => (json += s));
  const doc = JSON.parse(json);
  assert.equal(doc.holdout.test, 1409);
  assert.equal(doc.frameworks.length, 5);
  assert.equal(doc.comparison.best, "MEDDIC");
  await assert.rejects(frameworksCommand([], () => {}), (e: Error) => e instanceof CliError && e.message === "frameworks: expected 1 argument, got 0. Usage: leadlab frameworks <dataset.yaml> [--json]");
});
