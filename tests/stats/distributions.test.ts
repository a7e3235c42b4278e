import assert from "node:assert/strict";
import { test } from "node:test";
import { chiSquareCdf, chiSquareSurvival } from "../../src/stats/chi-square-distribution";
import { regularizedGammaP, regularizedGammaQ } from "../../src/stats/incomplete-gamma";
import { normalCdf, normalQuantile } from "../../src/stats/normal-distribution";
import { close, relClose } from "../helpers/assert-close";

// /usr/bin/python3 -c "from scipy.special import gammainc, gammaincc
// for a,x in [(0.5,0.01),(0.5,2),(1,1),(2.5,0.7),(3,10),(10,3),(10,12),(50,45),(50,80),(150,120),(0.1,5),(500,560)]:
//     print(f'[{a}, {x}, {gammainc(a,x)!r}, {gammaincc(a,x)!r}],')"
const GAMMA: [number, number, number, number][] = [
  [0.5, 0.01, 0.11246291601828491, 0.887537083981715],
  [0.5, 2, 0.9544997361036415, 0.04550026389635857],
  [1, 1, 0.6321205588285577, 0.36787944117144245],
  [2.5, 0.7, 0.07568672719833305, 0.924313272801667],
  [3, 10, 0.9972306042844884, 0.0027693957155115775],
  [10, 3, 0.0011024881301154815, 0.9988975118698845],
  [10, 12, 0.7576078383294875, 0.24239216167051245],
  [50, 45, 0.24680203440017026, 0.7531979655998298],
  [50, 80, 0.9998692160234086, 0.0001307839765914092],
  [150, 120, 0.004563441304151236, 0.9954365586958488],
  [0.1, 5, 0.9998560610341533, 0.00014393896584673387],
  [500, 560, 0.9953068340007052, 0.004693165999294767],
];

test("regularized incomplete gamma matches scipy.special.gammainc / gammaincc to 1e-12 relative", () => {
  for (const [a, x, p, q] of GAMMA) {
    relClose(regularizedGammaP(a, x), p, 1e-12, `P(${a}, ${x})`);
    relClose(regularizedGammaQ(a, x), q, 1e-12, `Q(${a}, ${x})`);
  }
});

test("incomplete gamma edges and argument checks", () => {
  assert.equal(regularizedGammaP(2, 0), 0);
  assert.equal(regularizedGammaQ(2, 0), 1);
  assert.equal(regularizedGammaQ(2, Infinity), 0);
  assert.ok(Number.isNaN(regularizedGammaQ(2, NaN)));
  assert.throws(() => regularizedGammaP(0, 1), /a must be > 0; got 0/);
  assert.throws(() => regularizedGammaQ(1, -1), /x must be ≥ 0; got -1/);
  // P + Q = 1 across the series / continued-fraction switch
  for (const a of [0.3, 1, 4.5, 40]) for (const x of [a * 0.5, a + 0.999, a + 1, a + 1.001, a * 2]) close(regularizedGammaP(a, x) + regularizedGammaQ(a, x), 1, 1e-14);
});

// /usr/bin/python3 -c "from scipy.stats import chi2
// for x,d in [(0.1,1),(3.841458820694124,1),(10,2),(50,3),(200,1),(25,30),(120,30),(1300,1000),(900,1000),(7.5,4)]:
//     print(f'[{x}, {d}, {chi2.sf(x,d)!r}, {chi2.cdf(x,d)!r}],')"
const CHI2: [number, number, number, number][] = [
  [0.1, 1, 0.7518296340458492, 0.24817036595415076],
  [3.841458820694124, 1, 0.04999999999999989, 0.9500000000000001],
  [10, 2, 0.006737946999085468, 0.9932620530009145],
  [50, 3, 7.989179244951495e-11, 0.9999999999201082],
  [200, 1, 2.0884875837625688e-45, 1.0],
  [25, 30, 0.7250318841806004, 0.2749681158193996],
  [120, 30, 1.0202758541470007e-12, 0.9999999999989797],
  [1300, 1000, 3.8897364994868366e-10, 0.9999999996110264],
  [900, 1000, 0.9892827619087102, 0.01071723809128973],
  [7.5, 4, 0.11170929281604328, 0.8882907071839568],
];

test("chi-square survival and CDF match scipy.stats.chi2 (sf to 1e-10 relative, also in the far tail)", () => {
  for (const [x, df, sf, cdf] of CHI2) {
    relClose(chiSquareSurvival(x, df), sf, 1e-10, `sf(${x}, ${df})`);
    close(chiSquareCdf(x, df), cdf, 1e-12, `cdf(${x}, ${df})`);
  }
  assert.equal(chiSquareSurvival(0, 3), 1);
  assert.equal(chiSquareCdf(-1, 3), 0);
  assert.throws(() => chiSquareSurvival(1, 0), /df must be > 0; got 0/);
});

// /usr/bin/python3 -c "from scipy.stats import norm
// for p in [1e-300,1e-20,1e-10,0.001,0.02,0.025,0.3,0.5,0.8,0.975,0.999999]: print(f'[{p}, {norm.ppf(p)!r}],')
// for z in [-10,-3,-1,0,0.5,2,8]: print(f'[{z}, {norm.cdf(z)!r}],')"
const PPF: [number, number][] = [
  [1e-300, -37.0470962993612],
  [1e-20, -9.262340089798409],
  [1e-10, -6.361340902404056],
  [0.001, -3.090232306167813],
  [0.02, -2.053748910631823],
  [0.025, -1.9599639845400545],
  [0.3, -0.5244005127080409],
  [0.5, 0.0],
  [0.8, 0.8416212335729143],
  [0.975, 1.959963984540054],
  [0.999999, 4.753424308817087],
];
const CDF: [number, number][] = [
  [-10, 7.61985302416047e-24],
  [-3, 0.0013498980316300933],
  [-1, 0.15865525393145707],
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [2, 0.9772498680518208],
  [8, 0.9999999999999993],
];

test("normal quantile and CDF match scipy.stats.norm", () => {
  for (const [p, z] of PPF) close(normalQuantile(p), z, 1e-13, `ppf(${p})`);
  for (const [z, p] of CDF) relClose(normalCdf(z), p, 1e-12, `cdf(${z})`);
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.throws(() => normalQuantile(1.5), /p must be in \[0, 1\]; got 1.5/);
  for (let p = 0.001; p < 1; p += 0.0137) close(normalCdf(normalQuantile(p)), p, 1e-14, `round trip ${p}`);
});
