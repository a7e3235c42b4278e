import assert from "node:assert/strict";
import { test } from "node:test";
import { progressReporter } from "../../src/cli/progress";

/** A fake stderr recording what is written, and a clock set by hand (milliseconds). */
function fake(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  let ms = 1000;
  return { stream: { isTTY, columns, write: (t: string) => writes.push(t) }, writes, tick: (d: number) => (ms += d), now: () => ms };
}

test("off a terminal: one plain line per message, nothing rewritten", () => {
  const f = fake(false);
  const p = progressReporter(f.stream, f.now);
  p.report("reading deals.csv");
  f.tick(2500);
  p.report("warning: 3 deals without a close date");
  p.clear();
  assert.deepEqual(f.writes, ["leadlab: reading deals.csv\n", "leadlab: warning: 3 deals without a close date\n"]);
});

test("on a terminal: one line rewritten in place with the elapsed time; warnings kept; cut to the width", () => {
  const f = fake(true, 40);
  const p = progressReporter(f.stream, f.now);
  p.report("reading deals.csv");
  f.tick(1250);
  p.report("events: 300 of 3000 accounts");
  f.tick(100);
  p.report("warning: 3 deals without a close date");
  f.tick(61_000);
  p.report("events: 3000 of 3000 accounts, 150000 rows");
  p.clear();
  p.clear();
  assert.deepEqual(f.writes, [
    "leadlab [0.0 s] reading deals.csv",
    "\r\x1b[2K",
    // 44 characters cut to 38 and an ellipsis: 39 columns, the last one left free so the terminal does not wrap
    "leadlab [1.3 s] events: 300 of 3000 ac…",
    "\r\x1b[2K",
    "leadlab: warning: 3 deals without a close date\n",
    "leadlab [62.4 s] events: 3000 of 3000 …",
    "\r\x1b[2K",
  ]);
  assert.equal([...f.writes[5]].length, 39);
  assert.equal([...f.writes[2]].length, 39);
});

test("on a terminal of unknown size: lines are cut at 79 columns", () => {
  const f = fake(true, 0);
  progressReporter(f.stream, f.now).report("x".repeat(100));
  assert.deepEqual(f.writes, [`leadlab [0.0 s] ${"x".repeat(62)}…`]);
});
