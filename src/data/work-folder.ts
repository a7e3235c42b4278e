import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let folder: string | undefined;

/**
 * The process's folder for the files leadlab derives from a user's file before DuckDB reads it
 * (a workbook's sheet as CSV, a report export without its footer): made on first use, removed
 * when the process exits.
 *
 * @example
 * import { existsSync } from "node:fs";
 * import { workFolder } from "./work-folder";
 * existsSync(workFolder()); // => true
 */
export function workFolder(): string {
  if (!folder) {
    const made = mkdtempSync(join(tmpdir(), "leadlab-work-"));
    process.on("exit", () => rmSync(made, { recursive: true, force: true }));
    folder = made;
  }
  return folder;
}
