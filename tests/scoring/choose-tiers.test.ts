import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseTiers } from "../../src/scoring/choose-tiers";
import { verdictProblems } from "../../src/scoring/verdict-checks";

const won = (...w: number[]) => Uint8Array.from(w);

test("each tier's holdout win rate carries its Wilson interval (hand-computed)", () => {
  // Training scores 1..4, top half hot: cut at 3. Holdout: two hot leads (one won), two cold (none won).
  const tiers = chooseTiers([1, 2, 3, 4], won(0, 0, 1, 1), [3, 4, 1, 2], won(1, 0, 0, 0), ["hot", "cold"], { capacity: 0.5 });
  const hot = tiers[0].expectedWinRate!;
  // Wilson, 1 of 2, z = 1.96: centre (0.5 + z²/4) / (1 + z²/2) = 0.5; half-width z·√(1/8 + z²/16) / (1 + z²/2) = 0.40548.
  assert.equal(hot.value, 0.5);
  assert.ok(Math.abs(hot.lo - 0.09453) < 1e-4 && Math.abs(hot.hi - 0.90547) < 1e-4, JSON.stringify(hot));
  assert.equal(tiers[1].expectedWinRate!.value, 0);
  assert.deepEqual([tiers[0].shareOfLeads, tiers[0].shareOfWins, tiers[0].n], [0.5, 1, 2]);
});

test("a tier no holdout lead falls in has no win rate (null), not 0 % [0–100 %]", () => {
  // Every holdout lead scores below the hot cut, as on data with no signal.
  const tiers = chooseTiers([1, 2, 3, 4], won(0, 1, 0, 1), [1, 2, 1], won(0, 1, 0), ["hot", "cold"], { capacity: 0.5 });
  assert.equal(tiers[0].n, 0);
  assert.equal(tiers[0].expectedWinRate, null);
  assert.deepEqual([tiers[0].shareOfLeads, tiers[0].shareOfWins], [0, 0]);
  assert.equal(tiers[1].n, 3);
  // An empty tier is not "out of order": nothing was measured in it.
  assert.deepEqual(verdictProblems([], tiers), []);
});
