import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { DatasetError } from "../formats/dataset-error";
import type { SheetResult } from "./excel-sheet-worker";

let folder: string | undefined;
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
 * result; rows with no value are left out. The workbook is read with exceljs in a child process,
 * because DuckDB's table expressions are built synchronously; a conversion is reused while the
 * file is unchanged. Throws a {@link DatasetError} for an unknown sheet (naming the sheets), an
 * empty header cell, or a file exceljs cannot read.
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
  const arg = sheet === undefined ? "" : typeof sheet === "number" ? `index:${sheet}` : `name:${sheet}`;
  const result = runSheetWorker(path, arg, out);
  const field = `${ctx.field}.sheet`;
  if ("emptyHeader" in result)
    throw new DatasetError(
      `the header cell ${result.emptyHeader} of sheet "${result.sheet}" is empty`,
      { file: path, field: result.emptyHeader },
      "give every column a name in the first row of the sheet",
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
  const result = runSheetWorker(path, "index:0", join(workFolder(), "unused.csv"));
  return "sheets" in result ? result.sheets : [];
}

function runSheetWorker(path: string, arg: string, out: string): SheetResult {
  try {
    const stdout = execFileSync(process.execPath, [...loaderFlags(process.execArgv), require.resolve("./excel-sheet-worker"), path, arg, out], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout) as SheetResult;
  } catch (e) {
    const detail = String((e as { stderr?: string }).stderr || (e as Error).message).trim().split("\n")[0];
    throw new DatasetError(`could not read the workbook: ${detail}`, { file: path }, "save it again from Excel as .xlsx (Excel Workbook), or export the sheet as CSV");
  }
}

function workFolder(): string {
  if (!folder) {
    const made = mkdtempSync(join(tmpdir(), "leadlab-xlsx-"));
    process.on("exit", () => rmSync(made, { recursive: true, force: true }));
    folder = made;
  }
  return folder;
}

/** The flags that load TypeScript or other module hooks (e.g. `--import tsx`), for the child process. */
function loaderFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (/^(--import|--require|-r|--loader|--experimental-loader)$/.test(a) && i + 1 < argv.length) out.push(a, argv[++i]);
    else if (/^(--import|--require|--loader|--experimental-loader)=/.test(a)) out.push(a);
  }
  return out;
}
