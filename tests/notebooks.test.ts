/**
 * Executes every notebook in notebooks/ as the README's "Notebooks" section says: its shell
 * lines put node_modules/.bin on PATH and register the tslab kernel (here into a temporary
 * prefix, so the machine's own registration is left alone, and that kernel is the one Jupyter
 * starts), and the notebooks run with the nbconvert command of `npm run notebooks`, writing
 * into a temporary folder instead of in place. Fails with the failing cell's source and error.
 *
 * Then each executed copy must equal the committed notebook byte for byte (the notebooks are
 * saved with their outputs, so they read well unexecuted, and the saved outputs must be those
 * of the current code: `npm run notebooks` rewrites them), and its HTML export
 * (`jupyter nbconvert --to html`) must carry the image fallback of every chart.
 *
 * Notebooks import the compiled library (`../dist/...`), so `npm run build` must run first
 * (`npm run test:notebooks` does).
 *
 * Without Jupyter, or when the README's commands cannot register the kernel, the notebooks are
 * skipped with a message saying how to install them, except when CI=true, where that is a failure.
 */
import { after, describe, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { VEGA_LITE_MIME } from "../src/charts/theme";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const NOTEBOOK_DIR = path.join(ROOT, "notebooks");
const IN_CI = process.env.CI === "true";
/** Per notebook: the run, and the second run that reads a failing cell's error. */
const NOTEBOOK_TIMEOUT_MS = 40 * 60 * 1000;

const INSTALL_HINT =
  "install Jupyter (Debian: apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel) " +
  "and follow the README's Notebooks section, or run .ci/run";

/** The shell lines of the README's "Notebooks" section, without their comments. */
function readmeNotebookLines(): string[] {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = /^## Notebooks\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  assert.ok(section !== undefined, "README.md has no \"## Notebooks\" section");
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block !== undefined, "README.md's Notebooks section has no ```sh block of commands");
  return block
    .split("\n")
    .map((line) => line.replace(/\s+#\s.*$/, "").trim())
    .filter((line) => line.length > 0);
}

/** The README line that starts with `start`; fails naming what the section should say. */
function readmeLine(lines: string[], start: string): string {
  const line = lines.find((l) => l.startsWith(start));
  assert.ok(line !== undefined, `README.md's Notebooks commands have no line starting with "${start}": ${JSON.stringify(lines)}`);
  return line;
}

/**
 * The arguments to `jupyter` of `npm run notebooks` (package.json), which the README names to
 * save the notebooks with their outputs: the part after `&&` that starts `jupyter nbconvert`.
 */
function savedNbconvertArgs(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const command = scripts.notebooks?.split("&&").map((part) => part.trim()).find((part) => part.startsWith("jupyter nbconvert "));
  assert.ok(command !== undefined, `package.json's "notebooks" script runs no jupyter command: ${JSON.stringify(scripts.notebooks)}`);
  const words = command.split(/\s+/).slice(1);
  assert.ok(words.includes("--inplace") && words.at(-1) === "notebooks/*.ipynb", `"npm run notebooks" should execute notebooks/*.ipynb --inplace: ${command}`);
  return words;
}

/** Where the test runs Jupyter: the README's PATH and the kernel the README's command registered. */
interface NotebookSetup {
  env: NodeJS.ProcessEnv;
  /** The folder the kernel was registered into (removed after the tests). */
  prefix: string;
}

let setup: NotebookSetup | string | undefined;

/** The setup, or why notebooks cannot run on this machine. Done once. */
function notebookSetup(): NotebookSetup | string {
  setup ??= followReadme();
  return setup;
}

function followReadme(): NotebookSetup | string {
  const lines = readmeNotebookLines();
  assert.ok(lines.includes("npm run notebooks"), `README.md's Notebooks commands should say how to save the notebooks (npm run notebooks): ${JSON.stringify(lines)}`);
  const exportPath = readmeLine(lines, "export PATH=");
  const install = readmeLine(lines, "tslab install");
  const nbconvert = spawnSync("jupyter", ["nbconvert", "--version"], { encoding: "utf8" });
  if (nbconvert.error !== undefined || nbconvert.status !== 0) {
    return `jupyter nbconvert is not available (${nbconvert.error?.message ?? nbconvert.stderr.trim()}); ${INSTALL_HINT}`;
  }
  // The README's lines as written, in the project folder; the kernel goes into a temporary
  // prefix rather than the machine's registry, and the PATH they set is read back.
  const prefix = mkdtempSync(path.join(os.tmpdir(), "leadlab-kernel-"));
  const script = `set -e\n${exportPath}\n${install} --prefix=${JSON.stringify(prefix)} >&2\nprintf '%s' "$PATH"`;
  const ran = spawnSync("bash", ["-c", script], { cwd: ROOT, encoding: "utf8" });
  if (ran.status !== 0) {
    rmSync(prefix, { recursive: true, force: true });
    return `the README's "${install}" failed (exit ${ran.status}): ${ran.stderr.trim()}; ${INSTALL_HINT}`;
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: ran.stdout,
    JUPYTER_PATH: [path.join(prefix, "share", "jupyter"), process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  const list = spawnSync("jupyter", ["kernelspec", "list", "--json"], { env, encoding: "utf8" });
  const kernels = (JSON.parse(list.stdout) as { kernelspecs: Record<string, { resource_dir: string; spec: { argv: string[] } }> }).kernelspecs;
  const tslab = kernels.tslab;
  assert.ok(tslab !== undefined && tslab.resource_dir.startsWith(prefix), `the kernel registered by the README's "${install}" is not the tslab kernel Jupyter finds: ${JSON.stringify(tslab)}`);
  const found = spawnSync("bash", ["-c", `command -v ${tslab.spec.argv[0]}`], { env, encoding: "utf8" });
  assert.equal(
    found.stdout.trim(),
    path.join(ROOT, "node_modules", ".bin", tslab.spec.argv[0]),
    `the tslab kernel starts "${tslab.spec.argv[0]}", which the PATH the README sets should find in node_modules/.bin (${env.PATH})`,
  );
  return { env, prefix };
}

/** The committed notebooks, by file name, in order. */
function notebookFiles(): string[] {
  if (!existsSync(NOTEBOOK_DIR)) return [];
  return readdirSync(NOTEBOOK_DIR)
    .filter((name) => name.endsWith(".ipynb"))
    .sort();
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
function run(command: string, args: string[], env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
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

/** The arguments of `npm run notebooks` for one notebook, written into `outputDir` instead of in place. */
function nbconvertArgs(notebook: string, outputDir: string, allowErrors: boolean): string[] {
  return savedNbconvertArgs().flatMap((word) =>
    word === "--inplace" ? ["--output-dir", outputDir, ...(allowErrors ? ["--allow-errors"] : [])] : word === "notebooks/*.ipynb" ? [notebook] : [word],
  );
}

/** The parts of nbformat 4 this test reads. */
interface NotebookJson {
  cells: {
    cell_type: string;
    source: string | string[];
    outputs?: {
      output_type: string;
      name?: string;
      text?: string | string[];
      ename?: string;
      evalue?: string;
      traceback?: string[];
      data?: Record<string, unknown>;
    }[];
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
async function explainFailure(notebook: string, first: Finished, outputDir: string, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<string> {
  const relative = path.relative(ROOT, notebook);
  const source = failingCellSource(first.stderr);
  if (source === undefined) {
    const kind = /CellTimeoutError|Timeout waiting for execute reply/.test(first.stderr)
      ? "a cell ran longer than the --ExecutePreprocessor.timeout of npm run notebooks"
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
  const again = await run("jupyter", nbconvertArgs(notebook, outputDir, true), env, signal);
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

/**
 * Where the committed notebook and a fresh execution first differ, as a message, or undefined
 * when they are the same bytes.
 */
function savedOutputsDiffer(committedText: string, executedText: string): string | undefined {
  if (committedText === executedText) return undefined;
  const committed = JSON.parse(committedText) as NotebookJson;
  const executed = JSON.parse(executedText) as NotebookJson;
  const cells = committed.cells.filter((cell) => cell.cell_type === "code");
  const fresh = executed.cells.filter((cell) => cell.cell_type === "code");
  const index = cells.findIndex((cell, i) => JSON.stringify(cell) !== JSON.stringify(fresh[i]));
  const where =
    index < 0
      ? "outside the code cells (notebook metadata or formatting)"
      : `at code cell ${index + 1} of ${cells.length}, which starts ${JSON.stringify(joined(cells[index].source).slice(0, 80))}`;
  return `the saved notebook differs from a fresh execution ${where}: run npm run notebooks and commit the notebooks`;
}

/** The HTML `<img>` fallback of every chart output of an executed notebook, in order. */
function chartImages(executed: NotebookJson): string[] {
  return executed.cells.flatMap((cell) =>
    (cell.outputs ?? []).flatMap((output) => {
      if (output.data?.[VEGA_LITE_MIME] === undefined) return [];
      const html = output.data["text/html"];
      return [Array.isArray(html) ? html.join("") : String(html ?? "")];
    }),
  );
}

async function executeNotebook(t: TestContext, name: string): Promise<void> {
  const ready = notebookSetup();
  if (typeof ready === "string") {
    if (IN_CI) assert.fail(`CI=true and notebooks cannot run: ${ready}`);
    t.skip(`notebooks not executed: ${ready}`);
    return;
  }
  if (!existsSync(path.join(ROOT, "dist"))) {
    assert.fail("dist/ is missing: notebooks import the compiled library; run npm run build first (npm test does)");
  }
  const notebook = path.join(NOTEBOOK_DIR, name);
  const relative = path.relative(ROOT, notebook);
  const outputDir = mkdtempSync(path.join(os.tmpdir(), "leadlab-notebook-"));
  const signal = t.signal;
  let keep = false;
  try {
    const result = await run("jupyter", nbconvertArgs(notebook, outputDir, false), ready.env, signal);
    if (result.code !== 0) {
      keep = true;
      const message = await explainFailure(notebook, result, outputDir, ready.env, signal);
      assert.fail(`${message}\n(executed copy, if any: ${outputDir})`);
    }
    const executedPath = path.join(outputDir, name);
    assert.ok(existsSync(executedPath), `nbconvert wrote no executed copy of ${name}`);
    const executedText = readFileSync(executedPath, "utf8");
    const executed = JSON.parse(executedText) as NotebookJson;
    const stray = strayErrors(executed);
    if (stray !== undefined) {
      keep = true;
      assert.fail(`${relative}: ${stray}\n(executed copy: ${outputDir})`);
    }
    const differs = savedOutputsDiffer(readFileSync(notebook, "utf8"), executedText);
    if (differs !== undefined) {
      keep = true;
      assert.fail(`${relative}: ${differs}\n(executed copy: ${executedPath})`);
    }

    // The HTML export shows every chart: nbconvert keeps the <img> fallback of each one.
    const exported = await run("jupyter", ["nbconvert", "--to", "html", "--output-dir", outputDir, executedPath], ready.env, signal);
    assert.equal(exported.code, 0, `${relative}: jupyter nbconvert --to html failed:\n${tail(exported.stderr, 15)}`);
    const html = readFileSync(path.join(outputDir, name.replace(/\.ipynb$/, ".html")), "utf8");
    const images = chartImages(executed);
    for (const [i, image] of images.entries()) {
      assert.match(image, /^<img alt="[^"]*" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+">$/, `${relative}: chart ${i + 1} has no <img> fallback under text/html`);
      assert.ok(html.includes(image), `${relative}: the HTML export lacks the image of chart ${i + 1} of ${images.length} (${/alt="([^"]*)"/.exec(image)?.[1]})`);
    }
    const shown = html.match(/<img alt="[^"]*" src="data:image\/svg\+xml;base64,/g) ?? [];
    assert.equal(shown.length, images.length, `${relative}: the HTML export shows ${shown.length} chart images for ${images.length} charts`);
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
    test(`notebooks/${name} runs top to bottom as saved, and its HTML export shows its charts`, { timeout: NOTEBOOK_TIMEOUT_MS }, (t) =>
      executeNotebook(t, name),
    );
  }
  after(() => {
    if (typeof setup === "object") rmSync(setup.prefix, { recursive: true, force: true });
  });
});
