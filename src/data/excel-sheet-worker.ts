import { writeFileSync } from "node:fs";
import { isMainThread, parentPort, workerData, type MessagePort } from "node:worker_threads";
import { Workbook, type CellValue, type Worksheet } from "exceljs";
import { csvField } from "../format/csv-line";

/** What {@link writeSheetAsCsv} did: the CSV was written, or the sheet asked for does not exist. */
export type SheetResult =
  | { written: true; sheet: string; rows: number }
  | { written: false; sheets: string[] }
  | { emptyHeader: string; sheet: string }
  /** The first row has no value: where the sheet's first value is (the table starts below or right of A1), or null for an empty sheet. */
  | { emptyFirstRow: string | null; sheet: string };

/**
 * Reads one sheet of an `.xlsx` workbook (by name, or 1-based index) and writes it as an
 * RFC 4180 CSV: the first row is the header; dates as ISO text (`YYYY-MM-DD`, with the time
 * when it is not midnight), formulas as their cached result, rich text as its text, rows with
 * no value at all left out. Run in a worker thread, which {@link excelAsCsv} waits for, so that
 * it can be called synchronously.
 */
export async function writeSheetAsCsv(path: string, sheet: string | number | undefined, out: string): Promise<SheetResult> {
  const workbook = new Workbook();
  await workbook.xlsx.readFile(path);
  const sheets = workbook.worksheets.map((w) => w.name);
  const ws =
    sheet === undefined ? workbook.worksheets[0]
    : typeof sheet === "number" ? workbook.worksheets[sheet - 1]
    : workbook.worksheets.find((w) => w.name === sheet);
  if (!ws) return { written: false, sheets };
  const header = ws.getRow(1);
  const width = header.cellCount;
  if (width === 0) return { emptyFirstRow: firstValue(ws), sheet: ws.name };
  const lines: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: (string | null)[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    if (r === 1) {
      const blank = cells.findIndex((v) => v === null || v.trim() === "");
      if (blank >= 0) return { emptyHeader: row.getCell(blank + 1).address, sheet: ws.name };
    } else if (cells.every((v) => v === null)) continue;
    lines.push(cells.map(csvField).join(","));
  }
  writeFileSync(out, lines.join("\n") + "\n");
  return { written: true, sheet: ws.name, rows: lines.length - 1 };
}

/** The address of a sheet's first value, row by row (`C2` for a table set at B2 with an empty B2), or null when it has none. */
function firstValue(ws: Worksheet): string | null {
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= row.cellCount; c++) if (cellText(row.getCell(c).value)?.trim()) return row.getCell(c).address;
  }
  return null;
}

function cellText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return isoText(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return v;
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("result" in v) return v.result === undefined ? null : cellText(v.result as CellValue);
  if ("text" in v) return typeof v.text === "string" ? v.text : cellText(v.text as CellValue);
  if ("error" in v) return v.error;
  return null;
}

function isoText(d: Date): string {
  const s = d.toISOString();
  if (s.endsWith("T00:00:00.000Z")) return s.slice(0, 10);
  return s.endsWith(".000Z") ? s.slice(0, 19).replace("T", " ") : s.slice(0, 23).replace("T", " ");
}

/** A request to the worker thread: one sheet to write, as {@link writeSheetAsCsv} takes it. */
export interface SheetRequest {
  path: string;
  sheet: string | number | undefined;
  out: string;
}

/** The worker thread's answer: the result, or the message of what went wrong (`fatal` when the thread could not start). */
export type SheetReply = { result: SheetResult } | { error: string; fatal?: true };

/** What the worker thread is started with: where it answers, and the flag it raises once it has. */
export interface SheetWorkerData {
  port: MessagePort;
  signal: Int32Array;
}

// As a worker thread (started by excelAsCsv): answer each request on `port`, then raise `signal`
// so the thread that waits for the answer wakes up.
if (!isMainThread && (workerData as Partial<SheetWorkerData> | null)?.signal) {
  const { port, signal } = workerData as SheetWorkerData;
  const answer = (reply: SheetReply) => {
    port.postMessage(reply);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  process.on("uncaughtException", (e) => answer({ error: e.message }));
  parentPort!.on("message", (request: SheetRequest) => {
    writeSheetAsCsv(request.path, request.sheet, request.out).then(
      (result) => answer({ result }),
      (e: Error) => answer({ error: e.message }),
    );
  });
}
