import { availableParallelism } from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/** A call queued on a {@link SideWorker}. */
export interface SideCall<T> {
  /** Waits for the call to finish and returns its result (computed on this thread if the worker could not give it). */
  result(): T;
  /**
   * For an offered call the worker has not begun: makes it here now (its {@link result} is then
   * ready) and returns true; otherwise returns false at once, without waiting. For a thread about
   * to wait for the worker's other work, which can make this call meanwhile.
   */
  makeHereIfNotBegun(): boolean;
  /** Where the result came from, once {@link result} has returned: the worker, or this thread. */
  readonly ranOn: "side" | "this" | undefined;
}

/** A function exported by a module: `module` is its absolute path (e.g. `require.resolve(…)` or `__filename`). */
export interface ExportedFunction {
  module: string;
  name: string;
}

/** What the worker posts back for a call: its result, or the failure (then the call is made again here), or that this thread took it first (an offered call). */
type Reply = { id: number; result: unknown } | { id: number; failed: string } | { id: number; taken: true };

/**
 * The worker's code (CommonJS, evaluated, so the same text serves the TypeScript sources and the
 * compiled package). It loads the setup function's module at once, builds its context when the
 * first message brings the setup's arguments, then makes each call it is sent, in order, with
 * the context first, posts `{ id, result }` or `{ id, failed }` (or `{ id, taken }` for an offered
 * call this thread took first), and counts the call done in the shared counter the calling thread
 * waits on, whatever happened.
 */
const WORKER_CODE = `
const { workerData } = require("node:worker_threads");
const { setup, port, done, typescript } = workerData;
let build, context, setupFailed;
try {
  if (typescript) require(typescript).register();
  build = require(setup.module)[setup.name];
  if (typeof build !== "function") throw new Error("no function " + setup.name + " in " + setup.module);
} catch (e) {
  setupFailed = String((e && e.stack) || e);
}
port.on("message", (message) => {
  if ("setupArgs" in message) {
    try {
      if (!setupFailed) context = build(...message.setupArgs);
    } catch (e) {
      setupFailed = String((e && e.stack) || e);
    }
    return;
  }
  const { id, module, name, args, claim } = message;
  try {
    if (claim && Atomics.compareExchange(claim, 0, 0, 1) !== 0) port.postMessage({ id, taken: true });
    else if (setupFailed) throw new Error(setupFailed);
    else port.postMessage({ id, result: require(module)[name](context, ...args) });
  } catch (e) {
    port.postMessage({ id, failed: String((e && e.stack) || e) });
  } finally {
    Atomics.add(done, 0, 1);
    Atomics.notify(done, 0);
  }
});`;

/** Added to the shared counter when the worker has stopped (a call's count never reaches it). */
const STOPPED = 1 << 30;

/**
 * The supervisor's code: the thread that starts the worker, whose only task is to learn when it
 * stops, however (an uncaught error, out of memory, `process.exit`), and say so in the counter
 * the calling thread waits on. The calling thread blocks without turning its event loop, so it
 * would never see the worker's `exit` event itself; the supervisor's loop is free to.
 */
const SUPERVISOR_CODE = `
const { Worker, workerData } = require("node:worker_threads");
const { code, data } = workerData;
const worker = new Worker(code, { eval: true, workerData: data, transferList: [data.port] });
worker.on("error", () => {});
worker.on("exit", () => {
  Atomics.add(data.done, 0, ${STOPPED});
  Atomics.notify(data.done, 0);
});`;

/** Whether this machine has a second CPU for a side worker to run on. */
export const canRunBeside = (): boolean => availableParallelism() > 1;

/**
 * A worker thread holding its own copy of a context (a table, say), copied to it once, that makes
 * calls queued to it one after the other while this thread goes on: a synchronous computation can
 * hand parts of its work to the machine's second core and stay synchronous. `call(fn, args)` queues
 * `fn(context, ...args)` and returns at once; the call's `result()` then blocks until it is done.
 * `offer(fn, args)` queues it for whichever thread comes to it first (see {@link offer}).
 *
 * The worker builds its context by `setup` (a function of plain data: the context's parts, which
 * cross by structured clone once); `local` is the same context on this thread. The parts may be
 * given as a function that makes them: it is called once the worker is starting, so that making
 * them here and loading the modules there go on at once. Arguments and
 * results cross by structured clone: plain data and typed arrays cross, class instances arrive as
 * plain objects (the caller rebuilds them), functions cannot cross. If the worker cannot start, or
 * a call fails there (an error, or arguments or a result that cannot cross), the call is made again
 * on this thread with `local` by `result()`, so an error is raised here as it would be without a
 * worker, with its own class; so are the calls a worker that stopped (out of memory, say) did not
 * answer, and every call after (a supervising thread, which starts the worker, tells this one). A
 * TypeScript module (the sources run with tsx) is loaded through tsx's CommonJS hook, which
 * workers do not inherit. {@link close} ends the worker and frees its copy.
 *
 * @example
 * import { SideWorker } from "./side-worker";
 * const stats = require.resolve("simple-statistics");
 * // The context: the values, sorted once (there by numericSort of their copy); each call reads them.
 * const worker = SideWorker.start([1, 2, 3, 10], { module: stats, name: "numericSort" }, [[3, 1, 10, 2]]);
 * const median = worker.call<number>({ module: stats, name: "quantileSorted" }, [0.5]);
 * median.result(); // => 2.5
 * median.ranOn; // => "side"
 * worker.close();
 */
export class SideWorker<C> {
  private readonly local: C;
  private started: { worker: Worker; port: MessagePort; done: Int32Array } | undefined;
  private next = 0;
  /** How many replies have been read off the port. */
  private read = 0;
  private readonly replies = new Map<number, Reply>();

  private constructor(local: C, setup: ExportedFunction, setupArgs: readonly unknown[] | (() => readonly unknown[])) {
    this.local = local;
    try {
      const { port1, port2 } = new MessageChannel();
      const done = new Int32Array(new SharedArrayBuffer(4));
      // Running from the TypeScript sources, so are the modules called.
      const typescript = __filename.endsWith(".ts") ? require.resolve("tsx/cjs/api") : undefined;
      const data = { setup, port: port2, done, typescript };
      const worker = new Worker(SUPERVISOR_CODE, { eval: true, workerData: { code: WORKER_CODE, data }, transferList: [port2] });
      // A call the worker stopped before answering is made here (see reply); the event itself is the supervisor's.
      worker.on("error", () => {});
      worker.unref();
      this.started = { worker, port: port1, done };
      port1.postMessage({ setupArgs: typeof setupArgs === "function" ? setupArgs() : setupArgs });
    } catch {
      // No worker, or parts that cannot cross: every call is made here.
      this.close();
    }
  }

  /**
   * Starts a worker whose context is `setup(...setupArgs)` there and `local` here (the same
   * context: `setupArgs` are its parts, or a function that makes them).
   */
  static start<C>(local: C, setup: ExportedFunction, setupArgs: readonly unknown[] | (() => readonly unknown[])): SideWorker<C> {
    return new SideWorker(local, setup, setupArgs);
  }

  /** Queues `fn(context, ...args)` on the worker; see {@link SideWorker}. */
  call<T>(fn: ExportedFunction, args: readonly unknown[]): SideCall<T> {
    return this.queue(fn, args, undefined);
  }

  /**
   * Queues `fn(context, ...args)` for whichever thread comes to it first: the worker, when it
   * reaches the call in its queue, or this thread, when `result()` is asked before the worker has
   * begun it (this thread then makes it at once rather than wait for the worker's earlier calls).
   * For work whose result is needed at a time that depends on the data: it waits for neither thread.
   *
   * @example
   * import { SideWorker } from "./side-worker";
   * const stats = require.resolve("simple-statistics");
   * const worker = SideWorker.start([1, 2, 3, 10], { module: stats, name: "numericSort" }, [[3, 1, 10, 2]]);
   * const median = worker.offer<number>({ module: stats, name: "quantileSorted" }, [0.5]);
   * median.result(); // => 2.5
   * worker.close();
   */
  offer<T>(fn: ExportedFunction, args: readonly unknown[]): SideCall<T> {
    return this.queue(fn, args, new Int32Array(new SharedArrayBuffer(4)));
  }

  /** Queues a call; with `claim` (shared: 0 free, 1 the worker's, 2 this thread's), an offered one. */
  private queue<T>(fn: ExportedFunction, args: readonly unknown[], claim: Int32Array | undefined): SideCall<T> {
    const inline = () => (require(fn.module) as Record<string, (context: C, ...a: readonly unknown[]) => T>)[fn.name](this.local, ...args);
    let id: number | undefined;
    if (this.started) {
      try {
        id = this.next++;
        this.started.port.postMessage({ id, module: fn.module, name: fn.name, args, claim });
      } catch {
        // Arguments that cannot cross: the worker never sees this call (its id is never replied to).
        id = undefined;
      }
    }
    let ranOn: "side" | "this" | undefined;
    let value: { result: T } | undefined;
    // Where the result comes from is known before the call made here runs (it may throw).
    const made = (on: "side" | "this", result: () => T): T => {
      ranOn = on;
      value = { result: result() };
      return value.result;
    };
    // An offered call the worker has not begun is made here (the worker then skips it).
    const claimed = () => claim !== undefined && Atomics.compareExchange(claim, 0, 0, 2) === 0;
    const worker = this;
    return {
      get ranOn() {
        return ranOn;
      },
      makeHereIfNotBegun(): boolean {
        if (value || !claimed()) return false;
        made("this", inline);
        return true;
      },
      result(): T {
        if (value) return value.result;
        const reply = id === undefined || claimed() ? undefined : worker.reply(id);
        return reply && "result" in reply ? made("side", () => reply.result as T) : made("this", inline);
      },
    };
  }

  /** Ends the worker (its queued calls are then made here when asked for). */
  close(): void {
    if (!this.started) return;
    this.started.port.close();
    void this.started.worker.terminate();
    this.started = undefined;
  }

  /** Blocks until the reply to call `id` has come, and returns it (undefined once the worker is closed). */
  private reply(id: number): Reply | undefined {
    for (;;) {
      const got = this.replies.get(id);
      if (got) {
        this.replies.delete(id);
        return got;
      }
      if (!this.started) return undefined;
      const { port, done } = this.started;
      Atomics.wait(done, 0, this.read);
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const r = m.message as Reply;
        // An offered call this thread took: no one waits for its reply.
        if (!("taken" in r)) this.replies.set(r.id, r);
        this.read++;
      }
      // The worker has stopped (its replies are all read): the calls it did not answer are made here.
      if (Atomics.load(done, 0) >= STOPPED && !this.replies.has(id)) this.close();
    }
  }
}
