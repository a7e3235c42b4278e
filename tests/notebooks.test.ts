/**
 * Executes every notebook in notebooks/ with Jupyter's nbconvert and the tslab kernel, as an
 * analyst would run it top to bottom, and fails with the failing cell's source and error.
 *
 * Notebooks import the compiled library (`../dist/...`), so `npm run build` must run first
 * (`npm test` does). The executed copies go to a temporary folder; the committed notebooks
 * are never rewritten.
 *
 * Without Jupyter or without the tslab kernel, the notebooks are skipped with a message saying
 * how to install them, except when CI=true, where that is a failure.
 */
import { describe, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const NOTEBOOK_DIR = path.join(ROOT, "notebooks");
const BIN_DIR = path.join(ROOT, "node_modules", ".bin");
const IN_CI = process.env.CI === "true";
/** Per cell, as nbconvert counts it. */
const CELL_TIMEOUT_SECONDS = 600;
/** Per notebook. */
const NOTEBOOK_TIMEOUT_MS = 40 * 60 * 1000;

/** Jupyter starts the kernel by the name `tslab`, so the project's copy must be on PATH. */
const JUPYTER_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: [BIN_DIR, process.env.PATH ?? ""].join(path.delimiter),
  PYDEVD_DISABLE_FILE_VALIDATION: "1",
};

const INSTALL_HINT =
  "install Jupyter (Debian: apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel) " +
  "and register the kernel (npx tslab install --python=/usr/bin/python3), or run .ci/run";

/** The committed notebooks, by file name, in order. */
function notebookFiles(): string[] {
  if (!existsSync(NOTEBOOK_DIR)) return [];
  return readdirSync(NOTEBOOK_DIR)
    .filter((name) => name.endsWith(".ipynb"))
    .sort();
}

let prerequisiteProblem: string | null | undefined;

/** Why notebooks cannot run on this machine, or null when they can. Checked once. */
function whyNotebooksCannotRun(): string | null {
  if (prerequisiteProblem !== undefined) return prerequisiteProblem;
  prerequisiteProblem = findPrerequisiteProblem();
  return prerequisiteProblem;
}

function findPrerequisiteProblem(): string | null {
  const nbconvert = spawnSync("jupyter", ["nbconvert", "--version"], { env: JUPYTER_ENV, encoding: "utf8" });
  if (nbconvert.error !== undefined || nbconvert.status !== 0) {
    return `jupyter nbconvert is not available (${nbconvert.error?.message ?? nbconvert.stderr.trim()}); ${INSTALL_HINT}`;
  }
  const list = spawnSync("jupyter", ["kernelspec", "list", "--json"], { env: JUPYTER_ENV, encoding: "utf8" });
  let kernels: Record<string, { spec?: { argv?: string[] } }> = {};
  try {
    kernels = (JSON.parse(list.stdout) as { kernelspecs: typeof kernels }).kernelspecs;
  } catch {
    return `jupyter kernelspec list failed (${list.stderr.trim()}); ${INSTALL_HINT}`;
  }
  const tslab = kernels.tslab;
  if (tslab === undefined) {
    return `the tslab kernel is not registered with Jupyter (kernels: ${Object.keys(kernels).join(", ") || "none"}); ${INSTALL_HINT}`;
  }
  const command = tslab.spec?.argv?.[0] ?? "tslab";
  const found = path.isAbsolute(command) ? existsSync(command) : existsSync(path.join(BIN_DIR, command));
  if (!found) {
    return `the tslab kernel starts "${command}", which is not in ${BIN_DIR}; run npm ci`;
  }
  return null;
}

/** What a finished command printed and how it ended. */
interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The ids of every process below `pid` (Jupyter starts its kernel in a session of its own). */
function descendants(pid: number): number[] {
  const listing = spawnSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" });
  const children = new Map<number, number[]>();
  for (const line of (listing.stdout ?? "").split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!Number.isInteger(child) || !Number.isInteger(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Runs a command in its own process group. When the test is cancelled (timeout), nbconvert is
 * interrupted so it can shut its kernel down; ten seconds later whatever is left of it and of
 * the processes it started (the kernel holds our output pipes open) is killed.
 */
function run(command: string, args: string[], signal: AbortSignal): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: JUPYTER_ENV, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      const pid = child.pid;
      if (pid === undefined) return;
      const started = descendants(pid);
      signalQuietly(-pid, "SIGINT");
      killTimer = setTimeout(() => {
        signalQuietly(-pid, "SIGKILL");
        for (const other of started) signalQuietly(other, "SIGKILL");
      }, 10_000);
    };
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop, { once: true });
    child.on("error", reject);
    child.on("close", (code) => {
      signal.removeEventListener("abort", stop);
      if (killTimer !== undefined) clearTimeout(killTimer);
      resolve({ code, stdout, stderr });
    });
  });
}

function nbconvertArgs(notebook: string, outputDir: string, allowErrors: boolean): string[] {
  return [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    ...(allowErrors ? ["--allow-errors"] : []),
    `--ExecutePreprocessor.timeout=${CELL_TIMEOUT_SECONDS}`,
    "--ExecutePreprocessor.kernel_name=tslab",
    "--output-dir",
    outputDir,
    notebook,
  ];
}

/** The parts of nbformat 4 this test reads. */
interface NotebookJson {
  cells: {
    cell_type: string;
    source: string | string[];
    outputs?: { output_type: string; name?: string; text?: string | string[]; ename?: string; evalue?: string; traceback?: string[] }[];
  }[];
}

const joined = (text: string | string[] | undefined): string => (Array.isArray(text) ? text.join("") : (text ?? ""));

/** The source of the cell nbconvert reports as failing, from its error message. */
function failingCellSource(stderr: string): string | undefined {
  const match = /An error occurred while executing the following cell:\n-{10,}\n([\s\S]*?)\n-{10,}\n/.exec(stderr);
  return match?.[1];
}

/** The last lines of a long text. */
function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/**
 * Builds the failure message: which cell failed, its source and what it printed. tslab reports
 * a failing cell's error on its stderr stream rather than in the execute reply, so nbconvert's
 * own message lacks it; the notebook is run once more with errors allowed to read it.
 */
async function explainFailure(notebook: string, first: Finished, outputDir: string, signal: AbortSignal): Promise<string> {
  const relative = path.relative(ROOT, notebook);
  const source = failingCellSource(first.stderr);
  if (source === undefined) {
    const kind = /CellTimeoutError|Timeout waiting for execute reply/.test(first.stderr)
      ? `a cell ran longer than ${CELL_TIMEOUT_SECONDS} s`
      : /DeadKernelError|Kernel died/.test(first.stderr)
        ? "the kernel died"
        : "nbconvert failed";
    return `${relative}: ${kind} (exit ${first.code}).\n${tail(first.stderr, 40)}`;
  }
  const committed = JSON.parse(readFileSync(notebook, "utf8")) as NotebookJson;
  const codeCells = committed.cells.filter((cell) => cell.cell_type === "code");
  const index = codeCells.findIndex((cell) => joined(cell.source).trim() === source.trim());
  const where = index >= 0 ? `code cell ${index + 1} of ${codeCells.length}` : "a code cell";
  let printed = "";
  const again = await run("jupyter", nbconvertArgs(notebook, outputDir, true), signal);
  const executedPath = path.join(outputDir, path.basename(notebook));
  if (again.code === 0 && existsSync(executedPath) && index >= 0) {
    const executed = JSON.parse(readFileSync(executedPath, "utf8")) as NotebookJson;
    const cell = executed.cells.filter((c) => c.cell_type === "code")[index];
    printed = (cell?.outputs ?? [])
      .map((output) =>
        output.output_type === "stream"
          ? joined(output.text)
          : output.output_type === "error"
            ? [`${output.ename}: ${output.evalue}`, ...(output.traceback ?? [])].join("\n")
            : "",
      )
      .filter((text) => text.length > 0)
      .join("");
  }
  return [
    `${relative}: ${where} failed.`,
    "--- cell ---",
    source,
    "--- output ---",
    printed.trimEnd() || "(nothing printed; nbconvert said:)\n" + tail(first.stderr, 15),
  ].join("\n");
}

/**
 * An error that did not fail its cell: tslab prints a promise rejected after its cell ended
 * (a missing `await`) or an exception thrown from a callback, and carries on.
 */
function strayErrors(executed: NotebookJson): string | undefined {
  const codeCells = executed.cells.filter((cell) => cell.cell_type === "code");
  for (const [index, cell] of codeCells.entries()) {
    for (const output of cell.outputs ?? []) {
      const text = output.output_type === "stream" && output.name === "stderr" ? joined(output.text) : "";
      if (/^(UnhandledPromiseRejection|UncaughtException):/m.test(text)) {
        return [
          `code cell ${index + 1} of ${codeCells.length} printed an error that did not stop it (is an await missing?).`,
          "--- cell ---",
          joined(cell.source),
          "--- output ---",
          text.trimEnd(),
        ].join("\n");
      }
    }
  }
  return undefined;
}

async function executeNotebook(t: TestContext, name: string): Promise<void> {
  const problem = whyNotebooksCannotRun();
  if (problem !== null) {
    if (IN_CI) assert.fail(`CI=true and notebooks cannot run: ${problem}`);
    t.skip(`notebooks not executed: ${problem}`);
    return;
  }
  if (!existsSync(path.join(ROOT, "dist"))) {
    assert.fail("dist/ is missing: notebooks import the compiled library; run npm run build first (npm test does)");
  }
  const notebook = path.join(NOTEBOOK_DIR, name);
  const outputDir = mkdtempSync(path.join(os.tmpdir(), "leadlab-notebook-"));
  const signal = t.signal;
  let keep = false;
  try {
    const result = await run("jupyter", nbconvertArgs(notebook, outputDir, false), signal);
    if (result.code !== 0) {
      keep = true;
      const message = await explainFailure(notebook, result, outputDir, signal);
      assert.fail(`${message}\n(executed copy, if any: ${outputDir})`);
    }
    const executedPath = path.join(outputDir, name);
    assert.ok(existsSync(executedPath), `nbconvert wrote no executed copy of ${name}`);
    const stray = strayErrors(JSON.parse(readFileSync(executedPath, "utf8")) as NotebookJson);
    if (stray !== undefined) {
      keep = true;
      assert.fail(`${path.relative(ROOT, notebook)}: ${stray}\n(executed copy: ${outputDir})`);
    }
  } finally {
    if (!keep) rmSync(outputDir, { recursive: true, force: true });
  }
}

describe("notebooks", () => {
  const names = notebookFiles();
  if (names.length === 0) {
    test("notebooks/*.ipynb", (t) => {
      t.skip("no notebooks in notebooks/");
    });
  }
  for (const name of names) {
    test(`notebooks/${name} runs top to bottom`, { timeout: NOTEBOOK_TIMEOUT_MS }, (t) => executeNotebook(t, name));
  }
});
