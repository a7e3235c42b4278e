import { statSync } from "node:fs";
import { basename, join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { DatasetError } from "../formats/dataset-error";
import type { SheetReply, SheetRequest, SheetResult, SheetWorkerData } from "./excel-sheet-worker";
import { workFolder } from "./work-folder";

const converted = new Map<string, string>();

/** Where a sheet is named, for messages: the spec file and the field (e.g. `deals`). */
export interface ExcelContext {
  specFile: string;
  field: string;
}

/**
 * Converts one sheet of an `.xlsx` workbook to a CSV in a temporary folder (removed when the
 * process exits) and returns the CSV's path, so that DuckDB reads it like any other CSV and
 * everything downstream is unchanged. The sheet is a name or a 1-based index (default: the
 * first). Dates become ISO text (`2026-03-01`, or `2026-03-01 14:05:00`), formulas their cached
 * result; rows with no value are left out. The workbook is read with exceljs in a worker thread,
 * because DuckDB's table expressions are built synchronously; a conversion is reused while the
 * file is unchanged. Throws a {@link DatasetError} for an unknown sheet (naming the sheets), an
 * empty header cell, an empty first row (naming where the table starts), or a file exceljs
 * cannot read.
 *
 * @example
 * import { excelAsCsv } from "./read-excel";
 * import { readFileSync } from "node:fs";
 * const csv = excelAsCsv("data/examples/excel/deals.xlsx", "Deals", { specFile: "dataset.yaml", field: "deals" });
 * readFileSync(csv, "utf8").split("\n")[1]; // => "D1,Closed Won,2026-03-01,12000"
 */
export function excelAsCsv(path: string, sheet: string | number | undefined, ctx: ExcelContext): string {
  const { mtimeMs, size } = statSync(path);
  const key = JSON.stringify([path, mtimeMs, size, sheet ?? null]);
  const done = converted.get(key);
  if (done) return done;
  const out = join(workFolder(), `${converted.size + 1}-${basename(path)}.csv`);
  const result = runSheetWorker(path, sheet, out);
  const field = `${ctx.field}.sheet`;
  if ("emptyHeader" in result)
    throw new DatasetError(
      `the header cell ${result.emptyHeader} of sheet "${result.sheet}" is empty`,
      { file: path, field: result.emptyHeader },
      "give every column a name in the first row of the sheet",
    );
  if ("emptyFirstRow" in result)
    throw new DatasetError(
      result.emptyFirstRow ? `the first row of sheet "${result.sheet}" is empty: its first value is in ${result.emptyFirstRow}, and the header must be in row 1` : `sheet "${result.sheet}" is empty`,
      { file: path },
      result.emptyFirstRow ? "move the table so that its header is row 1 from column A (delete the rows and columns before it), or export the sheet as CSV" : "name the sheet that holds the table (`sheet:`)",
    );
  if (!result.written)
    throw new DatasetError(
      `the workbook has no sheet ${typeof sheet === "number" ? `number ${sheet}` : `"${sheet}"`} (it has: ${result.sheets.map((s, i) => `${i + 1} "${s}"`).join(", ")})`,
      { file: ctx.specFile, field, value: String(sheet) },
      "name one of these sheets, or give its 1-based position",
    );
  converted.set(key, out);
  return out;
}

/**
 * The names of a workbook's sheets, in order.
 *
 * @example
 * import { excelSheetNames } from "./read-excel";
 * excelSheetNames("data/examples/excel/deals.xlsx"); // => ["Deals", "Notes"]
 */
export function excelSheetNames(path: string): string[] {
  // sheet 0 never exists, so the answer is the list of sheets
  const result = runSheetWorker(path, 0, join(workFolder(), "unused.csv"));
  return "sheets" in result ? result.sheets : [];
}

/**
 * Converts a sheet in the worker thread, started on the first call and kept for the next ones
 * (exceljs loads once per process), waiting for its answer: DuckDB's table expressions are built
 * synchronously.
 */
function runSheetWorker(path: string, sheet: string | number | undefined, out: string): SheetResult {
  const thread = sheetThread();
  Atomics.store(thread.signal, 0, 0);
  thread.worker.postMessage({ path, sheet, out } satisfies SheetRequest);
  const answered = Atomics.wait(thread.signal, 0, 0, WORKER_TIMEOUT_MS) !== "timed-out";
  const reply = answered ? (receiveMessageOnPort(thread.port)?.message as SheetReply | undefined) : undefined;
  if (reply && "result" in reply) return reply.result;
  const detail = reply ? reply.error.trim().split("\n")[0] : `no answer from the reader in ${WORKER_TIMEOUT_MS / 1000} s`;
  if (!reply || reply.fatal) {
    void thread.worker.terminate();
    sheetWorker = undefined;
  }
  throw new DatasetError(`could not read the workbook: ${detail}`, { file: path }, "save it again from Excel as .xlsx (Excel Workbook), or export the sheet as CSV");
}

/** How long a sheet may take to convert before it is given up as an error. */
const WORKER_TIMEOUT_MS = 600_000;

let sheetWorker: { worker: Worker; port: MessagePort; signal: Int32Array } | undefined;

/** The worker thread that converts sheets; it does not keep the process alive. */
function sheetThread(): NonNullable<typeof sheetWorker> {
  if (!sheetWorker) {
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    // A worker thread does not inherit the module hooks the process was started with (e.g.
    // `--import tsx` when leadlab runs from source), so it loads them before the worker module.
    const hooks = hookModules(process.execArgv);
    // A thread that cannot start answers so at once (and is replaced), instead of leaving the wait to time out.
    const start = `const { workerData: { port, signal } } = require("node:worker_threads");
      (async () => { for (const m of ${JSON.stringify(hooks)}) await import(m); require(${JSON.stringify(require.resolve("./excel-sheet-worker"))}); })()
        .catch((e) => { port.postMessage({ error: String(e && e.message || e), fatal: true }); Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); });`;
    const worker = new Worker(start, { eval: true, workerData: { port: port2, signal } satisfies SheetWorkerData, transferList: [port2] });
    worker.unref();
    port1.unref();
    sheetWorker = { worker, port: port1, signal };
  }
  return sheetWorker;
}

/** The modules a process loads before its main one (`--import m`, `--require m`), in order. */
function hookModules(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = /^(--import|--require|-r)(?:=(.*))?$/.exec(argv[i]);
    if (!flag) continue;
    const module = flag[2] ?? argv[++i];
    if (module !== undefined) out.push(module);
  }
  return out;
}
