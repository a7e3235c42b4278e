import assert from "node:assert/strict";
import { test } from "node:test";
import { RANDOM_FALLBACK, splitHoldout } from "../../src/data/holdout-split";

const DAY = 86_400_000;
const at = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

test("a time holdout tests on the deals dated within the last lastDays days of the newest", () => {
  // Newest 2026-09-30; last 90 days: after 2026-07-02, i.e. 2026-07-03 … 2026-09-30 inclusive.
  const dates = Float64Array.from(["2026-01-15", "2026-07-02", "2026-07-03", "2026-09-30", "2026-05-01", "2026-08-10"].map(at));
  const s = splitHoldout(6, { by: "time", lastDays: 90 }, dates);
  assert.deepEqual(Array.from(s.test), [2, 3, 5]);
  assert.deepEqual(Array.from(s.train), [0, 1, 4]);
  assert.match(s.description, /the 3 deals dated after 2026-07-02 \(the last 90 days up to 2026-09-30\) are the test part; the 3 older deals train/);
  assert.ok(s.warnings.some((w) => /only 3 rows \(fewer than 30\)/.test(w)));
});

test("undated rows train, with a warning; no dates at all falls back to a seeded random split", () => {
  const dates = Float64Array.from([0, NaN, 5 * DAY, 100 * DAY, NaN]);
  const s = splitHoldout(5, { by: "time", lastDays: 10 }, dates);
  assert.deepEqual(Array.from(s.test), [3]);
  assert.deepEqual(Array.from(s.train), [0, 1, 2, 4]);
  assert.ok(s.warnings.some((w) => /2 deals have no date and were kept in the training part/.test(w)));

  const n = 200;
  const none = splitHoldout(n, { by: "time", lastDays: 90 }, new Float64Array(n).fill(NaN));
  const missing = splitHoldout(n, { by: "time", lastDays: 90 });
  const random = splitHoldout(n, { by: "random", ...RANDOM_FALLBACK });
  assert.deepEqual(none.test, random.test);
  assert.deepEqual(missing.test, random.test);
  assert.equal(none.test.length, 50);
  assert.ok(none.warnings.some((w) => /no row has a date; fell back to a random holdout of 25% \(seed 7\)/.test(w)));
  assert.ok(missing.warnings.some((w) => /no dates were given/.test(w)));
});

test("a random holdout is seeded, sized round(fraction · n) and partitions the rows", () => {
  const a = splitHoldout(1001, { by: "random", fraction: 0.2, seed: 7 });
  const b = splitHoldout(1001, { by: "random", fraction: 0.2, seed: 7 });
  const c = splitHoldout(1001, { by: "random", fraction: 0.2, seed: 8 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.test, c.test);
  assert.equal(a.test.length, 200);
  assert.equal(a.train.length, 801);
  const all = new Set([...a.train, ...a.test]);
  assert.equal(all.size, 1001);
  for (let k = 1; k < a.test.length; k++) assert.ok(a.test[k] > a.test[k - 1]);
  assert.deepEqual(a.warnings, []);
  assert.match(a.description, /random holdout: 200 of 1,001 deals \(20%, seed 7\)/);
});

test("a test part without wins, or without losses, is warned about", () => {
  const n = 100;
  const dates = Float64Array.from({ length: n }, (_, i) => i * DAY);
  const won = Uint8Array.from({ length: n }, (_, i) => (i < 50 ? i % 2 : 0));
  const s = splitHoldout(n, { by: "time", lastDays: 40 }, dates, won);
  assert.equal(s.test.length, 40);
  assert.ok(s.warnings.some((w) => /the test part has no wins/.test(w)), s.warnings.join("\n"));
  const allWon = splitHoldout(n, { by: "time", lastDays: 40 }, dates, new Uint8Array(n).fill(1));
  assert.ok(allWon.warnings.some((w) => /the test part has no losses/.test(w)));
  const everything = splitHoldout(n, { by: "time", lastDays: 1000 }, dates, won);
  assert.ok(everything.warnings.some((w) => /training part is empty/.test(w)));
});

test("a wrong call throws with a clear message", () => {
  assert.throws(() => splitHoldout(3, { by: "time", lastDays: 0 }, new Float64Array(3)), /lastDays must be a positive number of days/);
  assert.throws(() => splitHoldout(3, { by: "random", fraction: 1.5, seed: 1 }), /fraction must be between 0 and 1/);
  assert.throws(() => splitHoldout(3, { by: "time", lastDays: 9 }, new Float64Array(2)), /dates has 2 values but there are 3 rows/);
  assert.throws(() => splitHoldout(3, { by: "week" } as never), /holdout.by must be "time" or "random"/);
});

test("a time holdout's cut and newest date are calendar dates in the dataset's zone, as its provenance's date range", () => {
  // deals closed on 1 … 100 January 2026 at midnight in Tokyo (15:00 UTC the day before)
  const tokyo = Float64Array.from({ length: 100 }, (_, d) => Date.UTC(2026, 0, 1 + d) - 9 * 3_600_000);
  const s = splitHoldout(100, { by: "time", lastDays: 10 }, tokyo, undefined, "Asia/Tokyo");
  assert.deepEqual(s.rule, { by: "time", lastDays: 10, after: "2026-03-31", through: "2026-04-10", train: 90, test: 10 });
  assert.match(s.description, /dated after 2026-03-31 \(the last 10 days up to 2026-04-10\)/);
  // the same instants written in UTC are a day earlier: the zone, not the machine, decides
  const utc = splitHoldout(100, { by: "time", lastDays: 10 }, tokyo);
  assert.deepEqual([utc.rule.by === "time" && utc.rule.after, utc.rule.by === "time" && utc.rule.through], ["2026-03-30", "2026-04-09"]);
});
