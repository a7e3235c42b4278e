import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Costly pure calls (loading the sample, tuning, clustering) made once per process for each
 * distinct input, whoever makes them: the test fixtures and the JSDoc examples get the same
 * results. Inputs are told apart by value for text, numbers and plain objects and arrays (a path
 * to an existing file by its absolute path), and by identity for anything else (a table, a typed
 * array, a function). The library's results are immutable, so sharing them changes no value a
 * test or an example sees; a call that throws or rejects is shared too.
 */
export function shared<F extends (...args: never[]) => unknown>(fn: F): F {
  let wrapper = wrappers.get(fn);
  if (!wrapper) {
    const results = new Map<string, unknown>();
    wrapper = function (this: unknown, ...args: never[]) {
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
