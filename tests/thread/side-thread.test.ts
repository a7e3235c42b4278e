import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveTuneOptions } from "../../src/scoring/tune-options";
import { canRunBeside, onSideThread } from "../../src/thread/side-thread";

const MID_RANKS = require.resolve("../../src/stats/mid-ranks");
const SPEARMAN = require.resolve("../../src/stats/spearman");

test("onSideThread runs the call on a worker thread and hands back its typed arrays", () => {
  const task = onSideThread<{ ranks: Float64Array; ties: number }>(MID_RANKS, "midRanks", [[30, 10, 20, 20]]);
  assert.equal(task.ranOn, undefined);
  const ranked = task.result();
  assert.equal(task.ranOn, "side");
  assert.ok(ranked.ranks instanceof Float64Array);
  assert.deepEqual(Array.from(ranked.ranks), [4, 1, 2.5, 2.5]);
  assert.equal(ranked.ties, 6);
});

test("onSideThread: a call that fails on the worker is made again here, so its error is raised here as without a thread", () => {
  const task = onSideThread(MID_RANKS, "midRanks", [[1, NaN]]);
  assert.throws(() => task.result(), /^Error: midRanks: a value is NaN, which has no rank; leave such values out first$/);
  assert.equal(task.ranOn, "this");
});

test("onSideThread: arguments that cannot cross to a worker (a function) are used on this thread", () => {
  const task = onSideThread<number>(SPEARMAN, "spearmanCorrelation", [[1, 2, 3], [30, 20, 10], () => 0]);
  assert.equal(task.result(), -1);
  assert.equal(task.ranOn, "this");
});

test("tune fits the value cards on a side thread by default from a million values (deals × attributes), given a second CPU", () => {
  const size = (n: number, attributes: number) => ({ n, attributes: new Array(attributes), sources: undefined });
  assert.equal(resolveTuneOptions({}).sideThread, false);
  assert.equal(resolveTuneOptions({}, size(7_516, 90)).sideThread, false);
  assert.equal(resolveTuneOptions({}, size(100_000, 10)).sideThread, canRunBeside());
  assert.equal(resolveTuneOptions({ sideThread: false }, size(100_000, 90)).sideThread, false);
  assert.equal(resolveTuneOptions({ sideThread: true }, size(10, 2)).sideThread, true);
});
