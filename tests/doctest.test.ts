/**
 * Every `@example` in the JSDoc of src/** runs, and every value it states after `// =>` is
 * compared with what the code returns (the notation: tests/helpers/doctest/expectation.ts).
 *
 * Examples import the package by its public names ("leadlab", "leadlab/scorer", ...), which map
 * to the source entries through package.json's `exports`, and an example that imports a name its
 * entry does not export fails; an example of an internal function imports its file relatively.
 * Loading, tuning and clustering are shared with the tests' fixtures (`sharingModule` in
 * tests/helpers/shared-calls.ts): 45 examples read the sample, and each would otherwise load (and
 * most tune) it again. The commands and the quarterly run are copies whose imports of src/ get
 * the same shared calls, so `leadlab tune data/sample/dataset.yaml` in an example tunes with the
 * sample loaded and tuned for the tests instead of doing both once more.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, test } from "node:test";
import vm from "node:vm";
import { exportedNames } from "./helpers/doctest/entry-exports";
import { exampleModule, type ExampleModule } from "./helpers/doctest/example-module";
import { parseExpectation, type Tolerance } from "./helpers/doctest/expectation";
import { examplesUnder, type JsdocExample } from "./helpers/doctest/jsdoc-examples";
import { mismatch, REST, ShownDecimals } from "./helpers/doctest/match-value";
import { sharingModule } from "./helpers/shared-calls";

const ROOT = path.resolve(__dirname, "..");
const SOURCE = path.join(ROOT, "src") + path.sep;
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; exports: Record<string, { default: string }> };

/** "leadlab/scorer" → the absolute path of src/scorer.ts: each `exports` entry's source. */
const ENTRIES: Record<string, string> = Object.fromEntries(
  Object.entries(PACKAGE.exports)
    .filter(([, target]) => typeof target === "object" && target.default.startsWith("./dist/"))
    .map(([subpath, target]) => [path.posix.join(PACKAGE.name, subpath), path.join(ROOT, target.default.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"))]),
);

type Check = (actual: unknown, expected: unknown, tolerance: Tolerance, line: number, text: string) => void;
type Throws = (run: () => Promise<void>, message: string, line: number, text: string) => Promise<void>;
type RunExample = (check: Check, throws: Throws, approx: (text: string) => ShownDecimals, rest: typeof REST) => Promise<void>;

/**
 * `process` as examples see it: what they print with `process.stdout.write` (a command's report,
 * say) is dropped rather than mixed into the test runner's output.
 */
const exampleProcess = new Proxy(process, {
  get: (target, key) => (key === "stdout" ? { write: () => true } : Reflect.get(target, key)),
});

/** Loads a compiled example as a CommonJS module beside the file it documents. */
function load(compiled: ExampleModule, filename: string): RunExample {
  const wrapper = vm.runInThisContext(`(function (exports, require, module, process) {${compiled.js}\n})`, { filename: `${filename} (example)` }) as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: unknown },
    process: NodeJS.Process,
  ) => void;
  const module = { exports: {} as unknown };
  const requireFromFile = createRequire(filename);
  const requireForExample = Object.assign((id: string): unknown => {
    const resolved = requireFromFile.resolve(id);
    return resolved.startsWith(SOURCE) ? sharingModule(resolved) : requireFromFile(id);
  }, requireFromFile);
  wrapper(module.exports as object, requireForExample, module, exampleProcess);
  return module.exports as RunExample;
}

describe("the `// =>` notation", () => {
  const value = (text: string) => {
    const { expression, tolerance } = parseExpectation(text);
    const expected: unknown = new Function("__approx", "__rest", `return (${expression});`)((t: string) => new ShownDecimals(t), REST);
    return (actual: unknown) => mismatch(actual, expected, tolerance);
  };

  test("plain values must be equal: keys, lengths, types; NaN matches NaN", () => {
    assert.equal(value("[1, 1 / 3]")([1, 1 / 3]), null);
    assert.match(value("[1, 0.333]")([1, 1 / 3]) ?? "", /value\[1\]: expected 0\.333, got 0\.3333/);
    assert.match(value("{ a: 1 }")({ a: 1, b: 2 }) ?? "", /expected the keys a, got a, b/);
    assert.match(value("[1, 2]")([1, 2, 3]) ?? "", /expected 2 elements, got 3/);
    assert.equal(value("NaN")(NaN), null);
    assert.match(value('"1"')(1) ?? "", /expected '1', got 1/);
    assert.equal(value("undefined")(undefined), null);
    assert.match(value("undefined")(null) ?? "", /expected undefined, got null/);
  });

  test("typed arrays as Node prints them, of the same kind", () => {
    assert.equal(value("Float64Array [3, NaN, 5]")(Float64Array.from([3, NaN, 5])), null);
    assert.equal(value("{ pos: Float64Array [2, 3], neg: Float64Array [1] }")({ pos: Float64Array.from([2, 3]), neg: Float64Array.from([1]) }), null);
    assert.notEqual(value("Float64Array [1]")([1]), null);
    assert.notEqual(value("Float64Array [1]")(Uint8Array.from([1])), null);
  });

  test("digits then … : truncated or rounded to the decimals shown, and no further", () => {
    assert.equal(value("0.4901624…")(0.49016245), null);
    assert.equal(value("0.6486…")(0.64857), null);
    assert.notEqual(value("0.6486…")(0.6475), null);
    assert.equal(value("−1.5…")(-1.54), null);
    assert.equal(value("{ value: 0.8, lo: 0.4901624… }")({ value: 0.8, lo: 0.49016241 }), null);
  });

  test("… as the last element: the array starts with these", () => {
    assert.equal(value('["a", "b", …]')(["a", "b", "c"]), null);
    assert.notEqual(value('["a", "b", …]')(["a"]), null);
    assert.equal(value('["a…", "b"]')(["a…", "b"]), null, "inside a string, … is a character");
  });

  test("notes in parentheses; tolerances; working before = or ≈", () => {
    assert.equal(value("0.975 (to 1e-15)")(0.975 + 1e-16), null);
    assert.notEqual(value("0.975 (to 1e-15)")(0.975 + 1e-14), null);
    assert.equal(value("[0.8, 0.6] (to rounding; times 1, 2)")([0.81, 0.649]), null);
    assert.notEqual(value("[0.8, 0.6] (to rounding)")([0.86, 0.6]), null);
    assert.equal(value("(1 + 1 + 2/3) / 3 ≈ 0.889")(8 / 9), null);
    assert.equal(value("(0 + 1/2) / 2 = 0.25 (size is missing in row 2: skipped)")(0.25), null);
    assert.equal(value('"won" (the table has no retention)')("won"), null);
    assert.equal(value("'a (b)'")("a (b)"), null);
    assert.equal(value('"−22"')("−22"), null, "inside a string, − stays the minus sign");
  });
});

/** The part of tslab's kernel module a notebook's `display()` writes to. */
interface TslabKernel {
  lastWriteDisplayData: ((data: unknown, update: boolean) => void) | null;
}

/**
 * Runs `run` as if in a tslab notebook cell (the kernel's output hook set, as tslab sets it for
 * the running cell) and returns what the cell displayed.
 */
async function inNotebookCell(run: () => Promise<void>): Promise<unknown[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kernel = require("tslab/dist/jupyter") as TslabKernel;
  const shown: unknown[] = [];
  kernel.lastWriteDisplayData = (data) => shown.push(data);
  try {
    await run();
  } finally {
    kernel.lastWriteDisplayData = null;
  }
  return shown;
}

/** An example whose first line says it runs in a notebook cell. */
const NOTEBOOK_CELL = /^\s*\/\/ In a tslab notebook cell/;

/** Runs one example: its imports checked against the entries, then its code; returns how many values and errors it compared. */
async function runExample(example: JsdocExample): Promise<number> {
  const where = (line: number) => `${example.file}:${line}`;
  const filename = path.join(ROOT, example.file);
  const scope = Object.keys(sharingModule(filename)).filter((n) => n !== "default" && /^[A-Za-z_$][\w$]*$/.test(n));
  const compiled = exampleModule(example.code, example.line, ENTRIES, { file: filename, names: scope });
  for (const { specifier, names } of compiled.imports) {
    const entry = ENTRIES[specifier];
    if (entry === undefined) continue;
    const exported = exportedNames(entry);
    const missing = names.filter((n) => !exported.has(n));
    assert.deepEqual(missing, [], `${where(example.line)}: "${specifier}" does not export ${missing.join(", ")}`);
  }
  const check: Check = (actual, expected, tolerance, line, text) => {
    const problem = mismatch(actual, expected, tolerance);
    if (problem) assert.fail(`${where(line)}: ${text}\n${problem}`);
  };
  const throws: Throws = async (run, message, line, text) => {
    await assert.rejects(run, (e: Error) => {
      assert.equal(e.message, message, `${where(line)}: ${text}`);
      return true;
    }, `${where(line)}: ${text} does not throw`);
  };
  const run = () => load(compiled, filename)(check, throws, (t) => new ShownDecimals(t), REST);
  if (NOTEBOOK_CELL.test(example.code)) {
    const shown = await inNotebookCell(run);
    assert.ok(shown.length > 0, `${where(example.line)}: the notebook example displayed nothing`);
  } else await run();
  return compiled.checks;
}

describe("the harness", () => {
  const example = (code: string): JsdocExample => ({ file: "src/stats/wilson.ts", line: 10, code });

  test("checks the value after every // =>, on the statement's line or the line below, with the file's exports in scope", async () => {
    assert.equal(await runExample(example("\nconst a = 1;\na + 1; // => 2\nwilsonInterval(8, 10).rate;\n// => 0.8\na; // a comment\n")), 2);
  });

  test("a wrong value, a missing error and an unexported import fail, naming the line", async () => {
    await assert.rejects(runExample(example("\n1 + 1; // => 3")), /src\/stats\/wilson\.ts:11: 1 \+ 1;\nvalue: expected 3, got 2/);
    await assert.rejects(runExample(example("\nJSON.parse(\"[]\"); // throws: Unexpected end")), /wilson\.ts:11: JSON\.parse\("\[\]"\); does not throw/);
    await assert.rejects(runExample(example('\nJSON.parse("{"); // throws: Unexpected end')), /wilson\.ts:11/);
    await assert.rejects(runExample(example('import { notExported } from "leadlab";')), /wilson\.ts:10: "leadlab" does not export notExported/);
  });
});

const examples = examplesUnder(ROOT, "src");
let values = 0;

describe("JSDoc examples", () => {
  for (const example of examples) test(`${example.file}:${example.line}`, async () => void (values += await runExample(example)));

  test("the examples, counted", (t) => {
    assert.ok(examples.length > 0);
    t.diagnostic(`${examples.length} examples from ${new Set(examples.map((e) => e.file)).size} files; ${values} values and errors compared`);
  });
});
