import assert from "node:assert/strict";
import { test } from "node:test";
import { chiSquareTest } from "../../src/stats/chi-square";
import { compactTable, crossTabulate } from "../../src/stats/contingency-table";
import { cramersV } from "../../src/stats/cramers-v";
import { fisherExact } from "../../src/stats/fisher-exact";
import { independenceTest } from "../../src/stats/independence-test";
import { close, frozen, relClose } from "../helpers/assert-close";

// /usr/bin/python3 -c "import numpy as np; from scipy.stats import chi2_contingency; from scipy.stats.contingency import association
// for t in [[[10,20],[30,15]], [[12,30],[25,25],[40,18],[9,40]], [[5,9,12],[7,3,20],[30,2,8]], [[1000,1500],[1300,1100]], [[3,40],[50,1]]]:
//     r=chi2_contingency(np.array(t),correction=False); print(t, repr(r.statistic), r.dof, repr(r.pvalue), repr(association(np.array(t),method='cramer')))"
const CHI: [number[][], number, number, number, number][] = [
  [[[10, 20], [30, 15]], 8.035714285714285, 1, 0.0045863920802535025, 0.32732683535398854],
  [[[12, 30], [25, 25], [40, 18], [9, 40]], 32.608315909057666, 3, 3.8954010257531937e-7, 0.40479733690467123],
  [[[5, 9, 12], [7, 3, 20], [30, 2, 8]], 34.597509157509165, 4, 5.619114414115606e-7, 0.42449424047371975],
  [[[1000, 1500], [1300, 1100]], 98.66917502787055, 1, 2.984111070526766e-23, 0.1419033697000127],
  [[[3, 40], [50, 1]], 78.66573872563185, 1, 7.356033764801176e-19, 0.9148057503705238],
];

test("chiSquareTest matches scipy chi2_contingency(correction=False) and association(method='cramer')", () => {
  for (const [t, stat, df, p, v] of CHI) {
    const r = chiSquareTest(frozen(t));
    close(r.statistic, stat, 1e-12, "statistic");
    assert.equal(r.df, df);
    relClose(r.p, p, 1e-10, "p");
    close(r.cramersV, v, 1e-12, "V");
  }
});

test("chiSquareTest: expected counts, empty margins, degenerate tables", () => {
  const r = chiSquareTest([[10, 20], [30, 15]]);
  assert.deepEqual(r.expected, [[16, 14], [24, 21]]);
  assert.equal(r.minExpected, 14);
  assert.equal(r.smallExpectedShare, 0);
  const withEmpty = chiSquareTest([[10, 0, 20], [0, 0, 0], [30, 0, 15]]);
  close(withEmpty.statistic, r.statistic, 1e-15);
  assert.equal(withEmpty.df, 1);
  const one = chiSquareTest([[5, 0], [7, 0]]);
  assert.deepEqual([one.statistic, one.df, one.p, one.cramersV], [0, 0, 1, 0]);
  assert.equal(chiSquareTest([]).df, 0);
  assert.throws(() => chiSquareTest([[1, 2], [3]]), /row 1 has 1 cells, row 0 has 2/);
  assert.throws(() => chiSquareTest([[1, -2]]), /cell \[0\]\[1\] must be a finite count ≥ 0; got -2/);
  assert.deepEqual(compactTable([[1, 0, 2], [0, 0, 0], [3, 0, 4]]), [[1, 2], [3, 4]]);
});

// /usr/bin/python3 -c "from scipy.stats import fisher_exact
// for t in [[[8,2],[1,5]],[[3,0],[0,3]],[[10,20],[30,15]],[[0,5],[5,0]],[[1,9],[11,3]],[[200,310],[150,410]],[[7,0],[3,12]],[[4,4],[4,4]]]:
//     print(t, [repr(fisher_exact(t,alternative=a)[1]) for a in ['two-sided','less','greater']], repr(fisher_exact(t)[0]))"
const FISHER: [number[][], [number, number, number], number][] = [
  [[[8, 2], [1, 5]], [0.034965034965034975, 0.9991258741258742, 0.024475524475524483], 20.0],
  [[[3, 0], [0, 3]], [0.10000000000000002, 1.0, 0.05000000000000001], Infinity],
  [[[10, 20], [30, 15]], [0.008824760272675987, 0.0044998545564355116, 0.9990213446286045], 0.25],
  [[[0, 5], [5, 0]], [0.007936507936507938, 0.003968253968253969, 1.0], 0.0],
  [[[1, 9], [11, 3]], [0.0027594561852200836, 0.0013797280926100418, 0.9999663480953022], 0.030303030303030304],
  [[[200, 310], [150, 410]], [1.6347909053527984e-5, 0.9999945130969483, 9.946070317224885e-6], 1.7634408602150538],
  [[[7, 0], [3, 12]], [0.000703630734590487, 1.0, 0.0007036307345904869], Infinity],
  [[[4, 4], [4, 4]], [1.0, 0.6903651903651904, 0.6903651903651904], 1.0],
];

test("fisherExact matches scipy.stats.fisher_exact (two-sided, less, greater)", () => {
  for (const [t, [two, less, greater], or] of FISHER) {
    relClose(fisherExact(t).p, two, 1e-10, `two-sided ${JSON.stringify(t)}`);
    relClose(fisherExact(t, "less").p, less, 1e-10, `less ${JSON.stringify(t)}`);
    relClose(fisherExact(t, "greater").p, greater, 1e-10, `greater ${JSON.stringify(t)}`);
    assert.equal(fisherExact(t).oddsRatio, or);
  }
  assert.equal(fisherExact([[0, 0], [3, 4]]).p, 1);
  assert.throws(() => fisherExact([[1, 2, 3], [4, 5, 6]]), /must be 2×2/);
  assert.throws(() => fisherExact([[1.5, 2], [3, 4]]), /integers ≥ 0; got 1.5/);
});

test("independenceTest picks chi-square, Fisher or permutation by Cochran's rule and says so", () => {
  const big = independenceTest([[10, 20], [30, 15]]);
  assert.equal(big.method, "chi-square");
  relClose(big.p, 0.0045863920802535025, 1e-10);
  const small = independenceTest([[8, 2], [1, 5]]);
  assert.equal(small.method, "fisher-exact");
  relClose(small.p, 0.034965034965034975, 1e-10);
  assert.match(small.reason, /below 5/);
  const sparse = independenceTest([[3, 0], [1, 4], [0, 3]], { seed: 5, permutations: 999 });
  assert.equal(sparse.method, "permutation");
  assert.match(sparse.reason, /999 permutations, seed 5/);
  assert.equal(sparse.p, independenceTest([[3, 0], [1, 4], [0, 3]], { seed: 5, permutations: 999 }).p);
  // one expected count below 1 is enough to leave the approximation, even if ≤ 20 % of cells are small
  const rare = independenceTest([[0, 2], [40, 40], [40, 40], [40, 40], [40, 40]], { permutations: 199 });
  assert.equal(rare.method, "permutation");
  const none = independenceTest([[5, 0], [7, 0]]);
  assert.equal(none.method, "none");
  assert.equal(none.p, 1);
});

test("crossTabulate and cramersV between two categorical vectors", () => {
  const x = frozen(["a", "a", "b", null, "b", "c"]);
  const y = frozen([true, false, true, true, true, false]);
  assert.deepEqual(crossTabulate(x, y), { rows: ["a", "b", "c"], cols: ["false", "true"], counts: [[1, 1], [0, 2], [1, 0]], dropped: 1 });
  assert.equal(cramersV(["a", "a", "b", "b"], ["x", "x", "y", "y"]), 1);
  assert.equal(cramersV(["a", "b", "a", "b"], ["x", "x", "y", "y"]), 0);
  assert.equal(cramersV(["a", "a"], ["x", "y"]), 0);
  assert.ok(Number.isNaN(cramersV([null], [null])));
  // the same table as scipy's 3×3 case above, expanded into vectors
  const t = [[5, 9, 12], [7, 3, 20], [30, 2, 8]];
  const xs: string[] = [];
  const ys: number[] = [];
  t.forEach((row, i) => row.forEach((n, j) => {
    for (let k = 0; k < n; k++) {
      xs.push(`r${i}`);
      ys.push(j);
    }
  }));
  close(cramersV(xs, ys), 0.42449424047371975, 1e-12);
  assert.throws(() => crossTabulate([1], [1, 2]), /x has 1 values but y has 2/);
});
