import assert from "node:assert/strict";
import { test } from "node:test";
import { drivers, driversBeside } from "../../src/drivers/drivers";
import { tableWorker } from "../../src/data/table-worker";
import { resolveTuneOptions } from "../../src/scoring/tune-options";
import { canRunBeside, SideWorker } from "../../src/thread/side-worker";
import { sampleTable } from "../helpers/sample-fixture";

const STATS = require.resolve("simple-statistics");
const MID_RANKS = { module: require.resolve("../../src/stats/mid-ranks"), name: "midRanks" };
const sorted = () => SideWorker.start([1, 2, 3, 10], { module: STATS, name: "numericSort" }, [[3, 1, 10, 2]]);

test("SideWorker makes the calls queued to it there, in order, with its context, and hands back their typed arrays", () => {
  const worker = sorted();
  const ranks = worker.call<{ ranks: Float64Array; ties: number }>(MID_RANKS, []);
  const median = worker.call<number>({ module: STATS, name: "quantileSorted" }, [0.5]);
  assert.equal(median.ranOn, undefined);
  // Read in the other order: the first reply is kept until asked for.
  assert.equal(median.result(), 2.5);
  assert.equal(median.ranOn, "side");
  const r = ranks.result();
  assert.ok(r.ranks instanceof Float64Array);
  assert.deepEqual(Array.from(r.ranks), [1, 2, 3, 4]);
  assert.equal(ranks.ranOn, "side");
  assert.equal(median.result(), 2.5, "a result read twice");
  worker.close();
});

/** A worker held on a first call (`held`, which returns 7) until `release()`: the calls queued after it are not begun meanwhile. */
function heldWorker() {
  const worker = sorted();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const held = worker.call<number>({ module: require.resolve("./fixtures/wait-for"), name: "waitFor" }, [flag]);
  const release = () => {
    Atomics.store(flag, 0, 7);
    Atomics.notify(flag, 0);
  };
  return { worker, held, release };
}

/** An offered call (the lower quartile) that the worker has reached: calls run in order, and the result of the call queued after it has come. */
function offeredAndReached(worker: SideWorker<number[]>) {
  const there = worker.offer<number>({ module: STATS, name: "quantileSorted" }, [0.25]);
  assert.equal(worker.call<number>({ module: STATS, name: "sum" }, []).result(), 16);
  return there;
}
const LOWER_QUARTILE = (require(STATS) as typeof import("simple-statistics")).quantileSorted([1, 2, 3, 10], 0.25);

test("SideWorker.offer: the call is made by whichever thread comes to it first", () => {
  // The worker is held on an earlier call: the offered one is made here when its result is asked for.
  const { worker, held, release } = heldWorker();
  const here = worker.offer<number>({ module: STATS, name: "quantileSorted" }, [0.5]);
  assert.equal(here.result(), 2.5);
  assert.equal(here.ranOn, "this");
  release();
  assert.equal(held.result(), 7);
  assert.equal(held.ranOn, "side");
  // The worker skipped the call taken here; one it reaches first is made there.
  const there = offeredAndReached(worker);
  assert.equal(there.result(), LOWER_QUARTILE);
  assert.equal(there.ranOn, "side");
  worker.close();
});

test("SideCall.makeHereIfNotBegun: an offered call the worker has not begun is made here at once; one it has begun, or a plain call, is left to it without waiting", () => {
  const { worker, held, release } = heldWorker();
  const offered = worker.offer<number>({ module: STATS, name: "quantileSorted" }, [0.5]);
  assert.equal(held.makeHereIfNotBegun(), false, "a plain call");
  assert.equal(offered.makeHereIfNotBegun(), true);
  assert.equal(offered.ranOn, "this");
  assert.equal(offered.result(), 2.5);
  assert.equal(offered.makeHereIfNotBegun(), false, "made already");
  release();
  assert.equal(held.result(), 7);
  // Begun (here: finished) by the worker: left to it.
  const there = offeredAndReached(worker);
  assert.equal(there.makeHereIfNotBegun(), false);
  assert.equal(there.result(), LOWER_QUARTILE);
  assert.equal(there.ranOn, "side");
  worker.close();
});

test("SideWorker: a call that fails there is made again here, so its error is raised here as without a worker", () => {
  const worker = sorted();
  const call = worker.call({ module: STATS, name: "quantileSorted" }, [2]);
  assert.throws(() => call.result(), /^Error: quantiles must be between 0 and 1$/);
  assert.equal(call.ranOn, "this");
  // The worker goes on with the next call.
  assert.equal(worker.call<number>({ module: STATS, name: "sum" }, []).result(), 16);
  worker.close();
});

test("SideWorker: the calls a worker that stopped did not answer, and those after, are made here instead of waiting for ever", () => {
  const worker = sorted();
  const stop = worker.call<number>({ module: require.resolve("./fixtures/stop-worker"), name: "stopWorker" }, []);
  const after = worker.call<number>({ module: STATS, name: "sum" }, []);
  assert.equal(stop.result(), 4);
  assert.equal(stop.ranOn, "this");
  assert.equal(after.result(), 16);
  assert.equal(after.ranOn, "this");
  const offered = worker.offer<number>({ module: STATS, name: "quantileSorted" }, [0.5]);
  assert.equal(offered.result(), 2.5);
  assert.equal(offered.ranOn, "this");
  worker.close();
});

test("SideWorker: arguments that cannot cross (a function) are used here", () => {
  const worker = sorted();
  const call = worker.call<number>({ module: STATS, name: "sum" }, [() => 0]);
  assert.equal(call.result(), 16);
  assert.equal(call.ranOn, "this");
  worker.close();
});

test("SideWorker: when its context cannot be set up there, or it is closed, the calls are made here", () => {
  const broken = SideWorker.start([1, 2, 3, 10], { module: STATS, name: "noSuchFunction" }, []);
  const call = broken.call<number>({ module: STATS, name: "sum" }, []);
  assert.equal(call.result(), 16);
  assert.equal(call.ranOn, "this");
  broken.close();
  const closed = sorted();
  closed.close();
  const late = closed.call<number>({ module: STATS, name: "sum" }, []);
  assert.equal(late.result(), 16);
  assert.equal(late.ranOn, "this");
});

test("drivers with half the attributes analysed on a side worker holding the table: the same result, to the bit", async () => {
  const table = await sampleTable();
  // A quarter of the training rows: the same code, in less time.
  const options = { target: "won" as const, rows: table.split.train.filter((_, i) => i % 4 === 0), seed: 7 };
  const worker = tableWorker(table);
  try {
    // Waited for before drivers starts: the worker takes every attribute.
    const beside = driversBeside(worker, options);
    const there = beside.there.result();
    assert.equal(beside.there.ranOn, "side");
    assert.deepEqual(
      there.map(([i]) => i),
      sampleTestedIndices(table),
    );
    const here = JSON.stringify(drivers(table, options));
    assert.equal(JSON.stringify(drivers(table, options, beside)), here);
    // Taken at once here and there.
    assert.equal(JSON.stringify(drivers(table, options, driversBeside(worker, options))), here);
  } finally {
    worker.close();
  }
});

/** The indices of the sample's attributes that drivers tests (all but those excluded). */
const sampleTestedIndices = (table: Awaited<ReturnType<typeof sampleTable>>) => table.attributes.filter((a) => a.role !== "exclude").map((_, i) => i);

test("tune uses a side worker by default from a million values (deals × attributes), given a second CPU", () => {
  const size = (n: number, attributes: number) => ({ n, attributes: new Array(attributes), sources: undefined });
  assert.equal(resolveTuneOptions({}).sideThread, false);
  assert.equal(resolveTuneOptions({}, size(7_516, 90)).sideThread, false);
  assert.equal(resolveTuneOptions({}, size(100_000, 10)).sideThread, canRunBeside());
  assert.equal(resolveTuneOptions({ sideThread: false }, size(100_000, 90)).sideThread, false);
  assert.equal(resolveTuneOptions({ sideThread: true }, size(10, 2)).sideThread, true);
});
