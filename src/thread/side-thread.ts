import { availableParallelism } from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/** A call running on another thread (see {@link onSideThread}). */
export interface SideThread<T> {
  /** Waits for the call to finish and returns its result (computed on this thread if the other could not give it). */
  result(): T;
  /** Where the result came from, once {@link result} has returned: the other thread, or this one. */
  readonly ranOn: "side" | "this" | undefined;
}

/**
 * The worker's code (CommonJS, evaluated, so the same text serves the TypeScript sources and the
 * compiled package): it loads the module, calls the function, posts `{ result }` or `{ failed }`
 * and then raises the flag the calling thread waits on, whatever happened.
 */
const WORKER_CODE = `
const { workerData } = require("node:worker_threads");
const { module, name, args, port, flag, typescript } = workerData;
try {
  if (typescript) require(typescript).register();
  port.postMessage({ result: require(module)[name](...args) });
} catch (e) {
  port.postMessage({ failed: String((e && e.stack) || e) });
} finally {
  port.close();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}`;

/** Whether this machine has a second CPU for a side thread to run on. */
export const canRunBeside = (): boolean => availableParallelism() > 1;

/**
 * Calls the function `name` exported by the module at `modulePath` with `args` on a worker thread
 * and returns at once; `result()` then blocks until the call is done, so a synchronous computation
 * can hand half of its work to the machine's second core and stay synchronous. The arguments and
 * the result cross by structured clone: plain data and typed arrays cross, class instances arrive
 * as plain objects (the caller rebuilds them) and functions cannot cross. The worker's flag is
 * raised even when the call throws; if the thread cannot start or the call fails there, the
 * function is called again on this thread by `result()`, so an error is raised here as it would be
 * without a side thread, with its own class. A TypeScript module (the sources run with tsx) is
 * loaded through tsx's CommonJS hook, which workers do not inherit.
 *
 * @example
 * import { onSideThread } from "./side-thread";
 * const task = onSideThread<{ ranks: Float64Array }>(require.resolve("../stats/mid-ranks"), "midRanks", [[30, 10, 20, 20]]);
 * Array.from(task.result().ranks); // => [4, 1, 2.5, 2.5]
 */
export function onSideThread<T>(modulePath: string, name: string, args: readonly unknown[]): SideThread<T> {
  const inline = () => (require(modulePath) as Record<string, (...a: readonly unknown[]) => T>)[name](...args);
  let ranOn: "side" | "this" | undefined;
  let started: { port: MessagePort; flag: Int32Array } | undefined;
  try {
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const typescript = modulePath.endsWith(".ts") ? require.resolve("tsx/cjs/api") : undefined;
    const worker = new Worker(WORKER_CODE, { eval: true, workerData: { module: modulePath, name, args, port: port2, flag, typescript }, transferList: [port2] });
    worker.unref();
    started = { port: port1, flag };
  } catch {
    started = undefined;
  }
  return {
    get ranOn() {
      return ranOn;
    },
    result(): T {
      if (started) {
        Atomics.wait(started.flag, 0, 0);
        const message = receiveMessageOnPort(started.port)?.message as { result: T } | { failed: string } | undefined;
        started.port.close();
        started = undefined;
        if (message && "result" in message) {
          ranOn = "side";
          return message.result;
        }
      }
      ranOn = "this";
      return inline();
    },
  };
}
