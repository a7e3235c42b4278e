import assert from "node:assert/strict";
import { test } from "node:test";
import { fitLogistic, predictLogit, predictProba } from "../../src/model/logistic-regression";
import { closeAbs, closeAllAbs } from "../helpers/assert-close";

/**
 * The fixture is generated identically here and in the Python that produced the reference
 * values (MINSTD integer generator, exact in both languages):
 *
 *   def minstd(seed):
 *       s = seed
 *       while True:
 *           s = (s * 48271) % 2147483647
 *           yield s / 2147483647
 *   def fixture(n=500, seed=12345):
 *       g = minstd(seed); x1=[]; x2=[]; x3=[]; y=[]
 *       for i in range(n):
 *           a=next(g); b=next(g); c=next(g); d=next(g)
 *           v1=a; v2=float(int(b*4)); v3=c*50+10
 *           eta=-0.5+1.2*v1-0.4*v2+0.03*v3
 *           p=1/(1+np.exp(-eta))
 *           x1.append(v1); x2.append(v2); x3.append(v3); y.append(1 if d<p else 0)
 *       return np.array([x1,x2,x3]).T, np.array(y)
 */
function fixture(n = 500, seed = 12345): { X: Float64Array[]; y: Uint8Array } {
  let s = seed;
  const next = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const x3 = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = next();
    const b = next();
    const c = next();
    const d = next();
    x1[i] = a;
    x2[i] = Math.floor(b * 4);
    x3[i] = c * 50 + 10;
    const eta = -0.5 + 1.2 * x1[i] - 0.4 * x2[i] + 0.03 * x3[i];
    y[i] = d < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { X: [x1, x2, x3], y };
}

test("the fixture matches the Python one (310 wins of 500)", () => {
  const { y } = fixture();
  assert.equal(y.reduce((a, b) => a + b, 0), 310);
});

test("unpenalised fit matches statsmodels Logit: coefficients, standard errors, log-likelihood", () => {
  // r = sm.Logit(y, sm.add_constant(X)).fit(disp=0, method="newton", tol=1e-14, maxiter=100)
  // r.params, r.bse, r.llf
  const params = [-0.4650818575490226, 1.6816283778311594, -0.5867960814636377, 0.03171313934110221];
  const bse = [0.3462994646456719, 0.36675901468993155, 0.09502894029035898, 0.0073257292002001425];
  const llf = -288.1026811527701;
  const { X, y } = fixture();
  const m = fitLogistic(X, y);
  assert.equal(m.converged, true);
  assert.ok(m.iterations <= 10, `took ${m.iterations} iterations`);
  assert.deepEqual(m.warnings, []);
  closeAllAbs([m.intercept, ...m.coefficients], params, 1e-9, "params");
  closeAllAbs([m.standardErrors.intercept, ...m.standardErrors.coefficients], bse, 1e-9, "bse");
  closeAbs(m.logLik, llf, 1e-9, "logLik");
});

test("L2 fit matches scikit-learn with C = 1 / l2 (penalty on the summed log-loss, intercept free)", () => {
  // m = LogisticRegression(C=1/2.0, tol=1e-12, max_iter=10000, solver="newton-cholesky").fit(X, y)
  // [m.intercept_[0]] + m.coef_[0].tolist()
  const expected = [-0.32695089076965383, 1.3277645737817871, -0.5677573784116798, 0.031694207681969865];
  const { X, y } = fixture();
  const m = fitLogistic(X, y, { l2: 2 });
  assert.equal(m.converged, true);
  assert.equal(m.l2, 2);
  closeAllAbs([m.intercept, ...m.coefficients], expected, 1e-8, "params");
});

test("weighted fits match statsmodels GLM (freq_weights) and scikit-learn (sample_weight)", () => {
  // w = np.array([1 + (i % 3) for i in range(len(y))], float)
  // r = sm.GLM(y, sm.add_constant(X), family=sm.families.Binomial(), freq_weights=w).fit(tol=1e-14, maxiter=100)
  const glm = [-0.5845969470904115, 1.5797640024725017, -0.5309235596577337, 0.03335407314007317];
  const glmLlf = -584.7770099976296;
  // m = LogisticRegression(C=1/5.0, tol=1e-12, max_iter=10000, solver="newton-cholesky").fit(X, y, sample_weight=w)
  const sk = [-0.4292077989413034, 1.1903311473999916, -0.5082483154773361, 0.033248812863735704];
  const { X, y } = fixture();
  const weights = Float64Array.from(y, (_, i) => 1 + (i % 3));
  const m = fitLogistic(X, y, { weights });
  closeAllAbs([m.intercept, ...m.coefficients], glm, 1e-9, "glm params");
  closeAbs(m.logLik, glmLlf, 1e-8, "glm llf");
  const p = fitLogistic(X, y, { weights, l2: 5 });
  closeAllAbs([p.intercept, ...p.coefficients], sk, 1e-8, "sklearn params");
});

test("number[][] columns give the same fit as Float64Array columns; inputs are not changed", () => {
  const { X, y } = fixture(200, 99);
  const copies = X.map((c) => Float64Array.from(c));
  const yCopy = Uint8Array.from(y);
  const a = fitLogistic(X, y, { l2: 1 });
  const b = fitLogistic(X.map((c) => Array.from(c)), y, { l2: 1 });
  assert.deepEqual([a.intercept, ...a.coefficients], [b.intercept, ...b.coefficients]);
  X.forEach((c, j) => assert.deepEqual(c, copies[j]));
  assert.deepEqual(y, yCopy);
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.coefficients));
});

test("predictLogit and predictProba use the fitted coefficients", () => {
  const { X, y } = fixture(100, 5);
  const m = fitLogistic(X, y);
  const eta = predictLogit(m, X);
  const p = predictProba(m, X);
  const i = 17;
  const expected = m.intercept + m.coefficients[0] * X[0][i] + m.coefficients[1] * X[1][i] + m.coefficients[2] * X[2][i];
  closeAbs(eta[i], expected, 1e-12, "logit");
  closeAbs(p[i], 1 / (1 + Math.exp(-expected)), 1e-12, "proba");
  // At the maximum-likelihood solution the fitted probabilities sum to the number of wins.
  closeAbs(p.reduce((s, v) => s + v, 0), y.reduce((s, v) => s + v, 0), 1e-8, "score equation");
  assert.throws(() => predictLogit(m, [X[0]]), /3 coefficient\(s\) but X has 1 column/);
});

test("complete separation is a warning, not a crash", () => {
  const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const y = Uint8Array.from(x, (v) => (v > 5 ? 1 : 0));
  const m = fitLogistic([x], y);
  assert.ok(m.warnings.some((w) => /complete separation/.test(w)), m.warnings.join("\n"));
  assert.ok(Number.isFinite(m.coefficients[0]) && m.coefficients[0] > 0);
  // With a penalty the fit is finite and clean.
  const r = fitLogistic([x], y, { l2: 1 });
  assert.equal(r.converged, true);
  assert.deepEqual(r.warnings, []);
});

test("quasi-complete separation (a value that is always won) is flagged", () => {
  // Rows with flag = 1 all won; the others are mixed.
  const flag = Float64Array.from({ length: 40 }, (_, i) => (i < 8 ? 1 : 0));
  const y = Uint8Array.from({ length: 40 }, (_, i) => (i < 8 ? 1 : i % 2));
  const m = fitLogistic([flag], y);
  assert.ok(m.warnings.some((w) => /quasi-complete separation/.test(w)), m.warnings.join("\n"));
  assert.ok(m.coefficients[0] > 10);
});

test("constant and collinear columns warn and still give the right fitted values", () => {
  const { X, y } = fixture(300, 7);
  const single = fitLogistic([X[0]], y);
  const constant = fitLogistic([X[0], new Float64Array(300).fill(3)], y);
  assert.ok(constant.warnings.some((w) => /column 1 is constant/.test(w)));
  const doubled = Float64Array.from(X[0], (v) => 2 * v);
  const collinear = fitLogistic([X[0], doubled], y);
  assert.ok(collinear.warnings.some((w) => /near-singular/.test(w)), collinear.warnings.join("\n"));
  const a = predictLogit(single, [X[0]]);
  const b = predictLogit(collinear, [X[0], doubled]);
  const c = predictLogit(constant, [X[0], new Float64Array(300).fill(3)]);
  for (let i = 0; i < 300; i += 37) {
    closeAbs(b[i], a[i], 1e-6, `collinear logit ${i}`);
    closeAbs(c[i], a[i], 1e-6, `constant logit ${i}`);
  }
  closeAbs(collinear.logLik, single.logLik, 1e-9, "collinear logLik");
});

test("an outcome with no losses warns", () => {
  const m = fitLogistic([Float64Array.from([1, 2, 3])], Uint8Array.from([1, 1, 1]));
  assert.ok(m.warnings.some((w) => /every row is won/.test(w)));
});

test("a wrong call throws with a message naming the problem", () => {
  const y = Uint8Array.from([0, 1, 0]);
  assert.throws(() => fitLogistic([[1, 2]], y), /X\[0\] has 2 values but y has 3; X is one array per feature/);
  assert.throws(() => fitLogistic([[1, NaN, 2]], y), /X\[0\]\[1\] is NaN/);
  assert.throws(() => fitLogistic([[1, 2, 3]], Uint8Array.from([0, 2, 1])), /y\[1\] is 2/);
  assert.throws(() => fitLogistic([[1, 2, 3]], y, { l2: -1 }), /l2 must be/);
  assert.throws(() => fitLogistic([[1, 2, 3]], y, { weights: [1, -1, 1] }), /weights\[1\] is -1/);
});

test("100 000 rows × 12 features: the generating coefficients are recovered, each within 4 standard errors", () => {
  const n = 100_000;
  const p = 12;
  let s = 42;
  const u = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const X = Array.from({ length: p }, () => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eta = -1;
    for (let j = 0; j < p; j++) {
      X[j][i] = j % 3 === 0 ? Math.floor(u() * 2) : u() * (j + 1);
      eta += (0.1 * (j - 6) * X[j][i]) / (j + 1);
    }
    y[i] = u() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  const m = fitLogistic(X, y, { l2: 0 });
  assert.equal(m.converged, true);
  const within = (estimate: number, truth: number, se: number, what: string) =>
    assert.ok(Math.abs(estimate - truth) < 4 * se, `${what}: ${estimate} vs ${truth} (standard error ${se})`);
  within(m.intercept, -1, m.standardErrors.intercept, "intercept");
  for (let j = 0; j < p; j++) within(m.coefficients[j], (0.1 * (j - 6)) / (j + 1), m.standardErrors.coefficients[j], `x${j}`);
});
