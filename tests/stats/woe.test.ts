import assert from "node:assert/strict";
import { test } from "node:test";
import { weightOfEvidence, woeOfBin } from "../../src/stats/woe";
import { close, frozen } from "../helpers/assert-close";

test("WOE and IV by hand: ln(%wins / %losses), positive = wins more than average", () => {
  // wins 30/10, losses 10/30 → shares (0.75, 0.25) and (0.25, 0.75)
  const t = weightOfEvidence(frozen([30, 10]), frozen([10, 30]));
  close(t.bins[0].woe, Math.log(3), 1e-15);
  close(t.bins[1].woe, -Math.log(3), 1e-15);
  close(t.bins[0].iv, 0.5 * Math.log(3), 1e-15);
  close(t.iv, Math.log(3), 1e-15);
  assert.equal(t.totalEvents, 40);
  // three bins, unequal totals: E = 60, N = 140
  const u = weightOfEvidence([10, 20, 30], [70, 50, 20]);
  const shares = [
    [10 / 60, 70 / 140],
    [20 / 60, 50 / 140],
    [30 / 60, 20 / 140],
  ];
  let iv = 0;
  shares.forEach(([e, n], i) => {
    close(u.bins[i].woe, Math.log(e / n), 1e-15);
    close(u.bins[i].iv, (e - n) * Math.log(e / n), 1e-15);
    iv += (e - n) * Math.log(e / n);
  });
  close(u.iv, iv, 1e-15);
});

test("zero cells are smoothed by 0.5 on both counts of that bin only; empty bins are neutral", () => {
  const t = weightOfEvidence([0, 10, 5], [10, 10, 0]);
  close(t.bins[0].woe, Math.log(0.5 / 15 / (10.5 / 20)), 1e-15);
  assert.equal(t.bins[0].smoothed, true);
  assert.equal(t.bins[1].smoothed, false);
  close(t.bins[1].woe, Math.log(10 / 15 / (10 / 20)), 1e-15);
  close(t.bins[2].woe, Math.log(5.5 / 15 / (0.5 / 20)), 1e-15);
  const raw = weightOfEvidence([0, 10], [10, 10], { smoothing: 0 });
  assert.equal(raw.bins[0].woe, -Infinity);
  const empty = woeOfBin(0, 0, 10, 10);
  assert.equal(empty.woe, 0);
  assert.equal(empty.iv, 0);
  const noLosses = weightOfEvidence([3, 4], [0, 0]);
  assert.equal(noLosses.iv, 0);
});

test("IV is never negative and WOE is antisymmetric in swapping wins and losses", () => {
  let seed = 3;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let k = 0; k < 200; k++) {
    const e = Array.from({ length: 5 }, () => Math.floor(rnd() * 20));
    const n = Array.from({ length: 5 }, () => Math.floor(rnd() * 20));
    const a = weightOfEvidence(e, n);
    const b = weightOfEvidence(n, e);
    assert.ok(a.iv >= 0);
    a.bins.forEach((bin, i) => {
      assert.ok(bin.iv >= 0);
      if (!bin.smoothed) close(bin.woe, -b.bins[i].woe, 1e-12);
    });
  }
  assert.throws(() => weightOfEvidence([1, 2], [1]), /events has 2 bins but nonEvents has 1/);
  assert.throws(() => weightOfEvidence([-1], [1]), /counts must be ≥ 0/);
});
