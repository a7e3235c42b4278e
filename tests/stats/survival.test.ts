import assert from "node:assert/strict";
import { test } from "node:test";
import { kaplanMeier, medianSurvival, survivalAt } from "../../src/stats/kaplan-meier";
import { logRankTest } from "../../src/stats/log-rank";
import { close, frozen, relClose } from "../helpers/assert-close";

// 40 subjects, ties at 21 and 244 (events and a censoring at the same time), 30 % censored
const T = [69, 161, 337, 14, 35, 21, 21, 57, 88, 211, 244, 244, 244, 39, 441, 407, 818, 884, 521, 401, 159, 167, 193, 274, 705, 258, 396, 1186, 11, 148, 326, 99, 919, 146, 107, 371, 69, 180, 45, 18];
const E = [1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1];
const G = "abcabcabcabcabcabcabcabcabcabcabcabcabca".split("");

// /usr/bin/python3 -c "
// import numpy as np; from statsmodels.duration.survfunc import SurvfuncRight; from scipy.stats import norm
// t=np.array(T); e=np.array(E); sf=SurvfuncRight(t,e); S=sf.surv_prob; se=sf.surv_prob_se; z=norm.ppf(0.975)
// sig=(se/S)/np.abs(np.log(S)); lo=S**np.exp(z*sig); hi=S**np.exp(-z*sig)   # log-log band from statsmodels' Greenwood SE
// print(sf.surv_times, sf.n_risk, list(map(repr,S)), list(map(repr,se)), list(map(repr,lo)), list(map(repr,hi)))
// print(sf.quantile(0.5), sf.quantile_ci(0.5))"
const REF = {
  times: [11, 18, 21, 35, 45, 57, 69, 99, 146, 161, 167, 180, 193, 211, 244, 258, 326, 337, 371, 396, 401, 407, 441, 521, 705, 818, 884, 919],
  risk: [40, 38, 37, 35, 33, 32, 31, 28, 26, 23, 22, 21, 20, 19, 18, 15, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2],
  S: [0.975, 0.9493421052631579, 0.8980263157894737, 0.8723684210526316, 0.845933014354067, 0.8194976076555024, 0.7930622009569378, 0.7647385509227616, 0.7353255297334246, 0.7033548545276235, 0.6713841793218224, 0.6394135041160213, 0.6074428289102202, 0.5754721537044192, 0.511530803292817, 0.4774287497399626, 0.440703461298427, 0.4039781728568914, 0.36725288441535575, 0.3305275959738202, 0.2938023075322846, 0.257077019090749, 0.2203517306492134, 0.18362644220767782, 0.14690115376614227, 0.11017586532460671, 0.07345057688307116, 0.03672528844153558],
  se: [0.024685522072664376, 0.034910281998553734, 0.0483323798248338, 0.05332876616449057, 0.057895265970148095, 0.06182746984589186, 0.0652401710451341, 0.06878420576312975, 0.07215382187556187, 0.07576931214192081, 0.07878201594928066, 0.0812590064852442, 0.08324811683316667, 0.08478369242331651, 0.08658368068145154, 0.08726917054970894, 0.08794482108902435, 0.08795058024369136, 0.08728658061179081, 0.08593729880250194, 0.08386966720404654, 0.08102871348626801, 0.07732925269545207, 0.07264023552074722, 0.06675345602631634, 0.059313350497845335, 0.04962613005240611, 0.03591742754640948],
  lo: [0.835485459111506, 0.8122327236468315, 0.7506648365550488, 0.7201000653343729, 0.6886612548133436, 0.6580940568455448, 0.6282867880223706, 0.5959924284746827, 0.5628763091983288, 0.5266622214001204, 0.4918243691380115, 0.4581588242184514, 0.42552689140005157, 0.39383228982432944, 0.3330084176520693, 0.3011035286862154, 0.2669584877425698, 0.23425442254098097, 0.2029506605731267, 0.17304320577116014, 0.1445644591219516, 0.11758737536952371, 0.09223545861387036, 0.06870214821416418, 0.04728777065155772, 0.028473960527378033, 0.013089841882530909, 0.002733329824830349],
  hi: [0.9964401830137299, 0.9870890662008363, 0.9604664375654008, 0.9448032217454518, 0.9276964542823, 0.9096387990608694, 0.8907739562044309, 0.8702173489117204, 0.8483425824904604, 0.8243811683678335, 0.7995679372052472, 0.7739701401706595, 0.7476371382538016, 0.7206048906325635, 0.6645351193282385, 0.634190533398907, 0.6014735492298386, 0.5677575702864563, 0.5330284863861298, 0.49725285819109516, 0.46037518543312, 0.4223125461169073, 0.3829453423961137, 0.34210165379649793, 0.29953055085842245, 0.2548574823227779, 0.20753371245484142, 0.15725857986694647],
};

test("kaplanMeier matches statsmodels SurvfuncRight (S, Greenwood SE, at risk) and the log-log band", () => {
  const km = kaplanMeier(frozen(T), frozen(E));
  assert.equal(km.n, 40);
  assert.equal(km.totalEvents, 30); // 28 distinct event times, two of them with 2 events
  const ev = Array.from(km.time.keys()).filter((i) => km.events[i] > 0);
  assert.deepEqual(ev.map((i) => km.time[i]), REF.times);
  ev.forEach((i, k) => {
    assert.equal(km.atRisk[i], REF.risk[k]);
    close(km.survival[i], REF.S[k], 1e-13, `S(${km.time[i]})`);
    close(km.stdError[i], REF.se[k], 1e-12, `se(${km.time[i]})`);
    close(km.lo[i], REF.lo[k], 1e-12, `lo(${km.time[i]})`);
    close(km.hi[i], REF.hi[k], 1e-12, `hi(${km.time[i]})`);
  });
  // censor-only times are on the curve too, with S unchanged
  const i14 = km.time.indexOf(14);
  assert.equal(km.censored[i14], 1);
  assert.equal(km.survival[i14], km.survival[i14 - 1]);
  const i244 = km.time.indexOf(244);
  assert.deepEqual([km.events[i244], km.censored[i244]], [2, 1]);
});

test("medianSurvival and its Brookmeyer–Crowley interval match statsmodels quantile / quantile_ci(0.5)", () => {
  const m = medianSurvival(kaplanMeier(T, E));
  assert.deepEqual(m, { median: 258, lo: 167, hi: 396 });
});

test("Kaplan–Meier by hand: steps, S ≤ 0.5 median, survivalAt, curve reaching 0", () => {
  const km = kaplanMeier([1, 2, 2, 3, 4], [1, 1, 0, 1, 0]);
  assert.deepEqual(Array.from(km.time), [1, 2, 3, 4]);
  close(km.survival[0], 0.8, 1e-15);
  close(km.survival[1], 0.6, 1e-15);
  close(km.survival[2], 0.3, 1e-15);
  // Greenwood by hand at t = 2: S² (1/(5·4) + 1/(4·3))
  close(km.stdError[1], 0.6 * Math.sqrt(1 / 20 + 1 / 12), 1e-15);
  assert.equal(medianSurvival(km).median, 3);
  // exactly 0.5 counts as reached (S ≤ 0.5)
  assert.equal(medianSurvival(kaplanMeier([1, 2, 3, 4], [1, 1, 0, 0])).median, 2);
  assert.ok(Number.isNaN(medianSurvival(kaplanMeier([1, 2, 3, 4], [1, 0, 0, 0])).median));
  assert.deepEqual(survivalAt(km, 0.5), { survival: 1, stdError: 0, lo: 1, hi: 1 });
  close(survivalAt(km, 2.5).survival, 0.6, 1e-15);
  assert.equal(survivalAt(km, 2.5).lo, km.lo[1]);
  close(survivalAt(km, 99).survival, 0.3, 1e-15);
  const all = kaplanMeier([1, 2], [1, 1]);
  assert.equal(all.survival[1], 0);
  assert.deepEqual([all.lo[1], all.hi[1]], [0, 0]);
  assert.ok(Number.isNaN(all.stdError[1]));
  const skip = kaplanMeier([1, NaN, 3], [1, 1, 2]);
  assert.equal(skip.ignored, 2);
  for (let i = 0; i < km.time.length; i++) assert.ok(km.lo[i] <= km.survival[i] && km.survival[i] <= km.hi[i]);
  assert.throws(() => kaplanMeier([1], [1, 0]), /time has 1 values but event has 2/);
});

test("logRankTest matches statsmodels survdiff for 3 and 2 groups", () => {
  // /usr/bin/python3 -c "... survdiff(t, e, g)"  → (3.4946568425154796, 0.17423881491759574)
  const k3 = logRankTest(frozen(T), E, frozen(G));
  close(k3.statistic, 3.4946568425154796, 1e-12);
  assert.equal(k3.df, 2);
  relClose(k3.p, 0.17423881491759574, 1e-10);
  assert.deepEqual(k3.groups, ["a", "b", "c"]);
  close(k3.observed.reduce((s, v) => s + v, 0), 30, 0);
  close(k3.expected.reduce((s, v) => s + v, 0), 30, 1e-12);
  // /usr/bin/python3 -c "... survdiff(t, e, (g=='a').astype(int))"  → (0.1339544254412528, 0.7143666806680774)
  const k2 = logRankTest(T, E, G.map((g) => g === "a"));
  close(k2.statistic, 0.1339544254412528, 1e-12);
  relClose(k2.p, 0.7143666806680774, 1e-10);
});

test("logRankTest edge cases", () => {
  const same = logRankTest([1, 2, 3, 4], [1, 1, 1, 1], ["a", "a", "a", "a"]);
  assert.deepEqual([same.statistic, same.df, same.p], [0, 0, 1]);
  // a group censored before any event carries no information
  const r = logRankTest([1, 5, 6, 7, 8, 9], [0, 1, 1, 1, 1, 0], ["z", "a", "b", "a", "b", "a"]);
  assert.deepEqual(r.untestable, ["z"]);
  assert.equal(r.df, 1);
  assert.equal(logRankTest([1, NaN], [1, 1], ["a", "b"]).ignored, 1);
});

test("logRankTest groups levels by their text, whatever their type", () => {
  // Integer codes 0, 1, 10 sort as text ("0" < "1" < "10"), and "1" and 1 are one level.
  const codes = Int32Array.from(G, (g) => (g === "a" ? 0 : g === "b" ? 1 : 10));
  const byCode = logRankTest(T, E, codes);
  assert.deepEqual(byCode.groups, ["0", "1", "10"]);
  close(byCode.statistic, 3.4946568425154796, 1e-12);
  const mixed = logRankTest(T, E, G.map((g, i) => (g === "b" ? (i % 2 ? 1 : "1") : g)));
  assert.deepEqual(mixed.groups, ["1", "a", "c"]);
  close(mixed.statistic, 3.4946568425154796, 1e-12);
});
