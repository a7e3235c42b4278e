import { existsSync } from "node:fs";
import { Module } from "node:module";
import path from "node:path";

/**
 * Costly pure calls (loading the sample, tuning, clustering) made once per process for each
 * distinct input, whoever makes them: the test fixtures and the JSDoc examples get the same
 * results. Inputs are told apart by value for text, numbers and plain objects and arrays (a path
 * to an existing file by its absolute path), and by identity for anything else (a table, a typed
 * array, a function). The library's results are immutable, so sharing them changes no value a
 * test or an example sees; a call that throws or rejects is shared too. A call is made without
 * the `onProgress` of its options, the options it leaves undefined (the library's defaults) and
 * the trailing arguments that are undefined or empty options, since no test states what progress
 * said: `tuneScorecard(table, { onProgress }, undefined)` from a job is `tuneScorecard(table)`.
 */
export function shared<F extends (...args: never[]) => unknown>(fn: F): F {
  let wrapper = wrappers.get(fn);
  if (!wrapper) {
    const results = new Map<string, unknown>();
    wrapper = function (this: unknown, ...given: never[]) {
      const args = sharedArguments(given);
      const key = args.map(argumentKey).join(",");
      if (!results.has(key)) {
        try {
          results.set(key, fn.apply(this, args));
        } catch (e) {
          results.set(key, new Thrown(e));
        }
      }
      const result = results.get(key);
      if (result instanceof Thrown) throw result.error;
      return result;
    };
    wrappers.set(fn, wrapper);
  }
  return wrapper as F;
}

const wrappers = new WeakMap<object, (...args: never[]) => unknown>();

class Thrown {
  constructor(readonly error: unknown) {}
}

const identities = new WeakMap<object, number>();
let objectsSeen = 0;

function argumentKey(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(existsSync(value) ? path.resolve(value) : value);
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return `${typeof value}:${String(value)}`;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) return `[${value.map(argumentKey).join(",")}]`;
  if (proto === Object.prototype || proto === null) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${argumentKey((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  if (!identities.has(value)) identities.set(value, ++objectsSeen);
  return `#${identities.get(value)}`;
}

/** `args` without the `onProgress` and undefined options of each options object, and without trailing undefined or empty options. */
function sharedArguments(args: readonly unknown[]): never[] {
  const kept = args.map((a) => {
    if (a === null || typeof a !== "object" || Object.getPrototypeOf(a) !== Object.prototype) return a;
    const entries = Object.entries(a).filter(([k, v]) => k !== "onProgress" && v !== undefined);
    return entries.length === Object.keys(a).length ? a : Object.fromEntries(entries);
  });
  while (kept.length > 0 && (kept.at(-1) === undefined || isEmptyObject(kept.at(-1)))) kept.pop();
  return kept as never[];
}

const isEmptyObject = (a: unknown) => a !== null && typeof a === "object" && Object.getPrototypeOf(a) === Object.prototype && Object.keys(a).length === 0;

const SOURCE = path.resolve(__dirname, "..", "..", "src") + path.sep;

/** The costly pure calls, shared by name in every {@link sharingModule} (drafting a spec reads every file of the folder and writes nothing). */
const SHARED_CALLS = ["loadDataset", "tuneScorecard", "personas", "drivers", "evaluateFrameworks", "quarterlyRun", "draftDatasetSpec"];

/**
 * The modules loaded once more by {@link sharingModule}: the jobs that make shared calls
 * themselves (the commands and the quarterly run) and the index that exports the run.
 */
const copied = (file: string) => file.startsWith(path.join(SOURCE, "cli") + path.sep) || file === path.join(SOURCE, "run", "quarterly-run.ts") || file === path.join(SOURCE, "index.ts");

const sharingModules = new Map<string, Record<string, unknown>>();

/**
 * A module of src/ (an absolute path) as the tests' fixtures and the JSDoc examples see it: its
 * exports, with SHARED_CALLS {@link shared}. A job (a command, the quarterly run, and the index
 * that exports it) is a copy of its module whose requires of src/ files get these modules, so
 * the loading, tuning and clustering it does are the shared calls too: `leadlab tune` in an
 * example, the fixture's quarterly run and `tuneScorecard(table)` in a test tune the sample
 * once. Only the jobs are copies; the modules they import (and their classes) are the ones the
 * tests use.
 */
export function sharingModule(file: string): Record<string, unknown> {
  let module = sharingModules.get(file);
  if (!module) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = copied(file) ? copiedModule(file) : (require(file) as Record<string, unknown>);
    const calls = SHARED_CALLS.filter((name) => typeof exports[name] === "function");
    module = { ...exports, ...Object.fromEntries(calls.map((name) => [name, shared(exports[name] as (...args: never[]) => unknown)])) };
    sharingModules.set(file, module);
  }
  return module;
}

/** A job's module loaded once more, its requires of src/ files resolved to {@link sharingModule}s. */
function copiedModule(file: string): Record<string, unknown> {
  const copy = new Module(file, module);
  copy.filename = file;
  copy.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const requireOriginal = copy.require.bind(copy);
  copy.require = Object.assign((id: string): unknown => {
    const resolved = (Module as unknown as { _resolveFilename(id: string, parent: Module): string })._resolveFilename(id, copy);
    return resolved.startsWith(SOURCE) ? sharingModule(resolved) : requireOriginal(id);
  }, requireOriginal) as NodeJS.Require;
  (copy as Module & { load(file: string): void }).load(file);
  return copy.exports as Record<string, unknown>;
}
