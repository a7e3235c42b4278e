import { basename, extname } from "node:path";
import { DatasetError } from "../formats/dataset-error";
import { readBytes } from "./file-bytes";

/** What a file holds, told by its first bytes (its "magic number"), whatever its name says. */
export type FileContent = "xlsx" | "zip" | "ole2" | "gzip" | "parquet" | "pdf" | "utf-16" | "text";

/** How many bytes are read to tell the content: a ZIP's first entry names (`xl/…`) fall in them. */
const HEAD_BYTES = 4096;

/**
 * What a file holds, by its first bytes: an Excel workbook (`xlsx`: a ZIP archive whose entries
 * are under `xl/`), another `zip` archive, an `ole2` container (a legacy `.xls` workbook, or an
 * Office file saved with a password), `gzip`-compressed data, `parquet` (`PAR1`), a `pdf`, text in
 * `utf-16` (a byte-order mark, or every other byte zero, as Excel's "Unicode Text" saves), or
 * `text` (anything else: CSV, JSON, or text in another 8-bit encoding).
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * import { fileContent } from "./file-content";
 * writeFileSync("/tmp/leadlab-content-example.csv", "PAR1");
 * fileContent("/tmp/leadlab-content-example.csv"); // => "parquet"
 */
export function fileContent(path: string): FileContent {
  const bytes = readBytes(path, 0, HEAD_BYTES);
  const n = bytes.length;
  const startsWith = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (startsWith(0x50, 0x4b, 0x03, 0x04) || startsWith(0x50, 0x4b, 0x05, 0x06)) return bytes.includes("xl/") ? "xlsx" : "zip";
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "ole2";
  if (startsWith(0x1f, 0x8b)) return "gzip";
  if (startsWith(0x50, 0x41, 0x52, 0x31)) return "parquet";
  if (startsWith(0x25, 0x50, 0x44, 0x46)) return "pdf";
  if (startsWith(0xff, 0xfe) || startsWith(0xfe, 0xff)) return "utf-16";
  // Without a byte-order mark: ASCII text in UTF-16 has a zero byte beside every character.
  const pairs = Math.min(n >> 1, 100);
  let zeros = 0;
  for (let k = 0; k < pairs; k++) if ((bytes[2 * k] === 0) !== (bytes[2 * k + 1] === 0)) zeros++;
  return pairs >= 4 && zeros >= pairs * 0.9 ? "utf-16" : "text";
}

/** What each content is called in messages. */
const CALLED: Record<FileContent, string> = {
  xlsx: "an Excel workbook (.xlsx)",
  zip: "a ZIP archive",
  ole2: "a legacy Excel workbook (.xls) or a password-protected Office file",
  gzip: "gzip-compressed",
  parquet: "a Parquet file",
  pdf: "a PDF document",
  "utf-16": "text in UTF-16 (as Excel's \"Unicode Text\" saves it)",
  text: "text",
};

/**
 * Throws a {@link DatasetError} when a data file's first bytes say it is not what its extension
 * says (an Excel workbook saved as `.csv`, a CSV named `.parquet`, a UTF-16 export), naming what
 * it is and the fix: the name to give it when leadlab reads that format, else how to convert it.
 * Left alone, DuckDB or the Excel reader would report a puzzling parse error ("could not detect
 * the CSV dialect", "not UTF-8", "no magic bytes") or read the bytes as garbage text.
 *
 * @param path the resolved path of the file
 * @param namedBy what names the file, for the fix (e.g. "`deals.file` in dataset.yaml"); undefined when nothing does yet (`leadlab init`)
 * @example
 * import { writeFileSync } from "node:fs";
 * import { checkFileContent } from "./file-content";
 * writeFileSync("/tmp/leadlab-content-example.parquet", "deal_id,stage\nD1,Won\n");
 * checkFileContent("/tmp/leadlab-content-example.parquet", "`deals.file` in dataset.yaml"); // throws: /tmp/leadlab-content-example.parquet: the file is text, not a Parquet file as its name (.parquet) says. Fix: rename it to leadlab-content-example.csv if it is CSV (leadlab-content-example.json if JSON) and change `deals.file` in dataset.yaml to match.
 */
export function checkFileContent(path: string, namedBy: string | undefined): void {
  const ext = extname(path).toLowerCase();
  const expected: FileContent = ext === ".xlsx" ? "xlsx" : ext === ".parquet" ? "parquet" : "text";
  const content = fileContent(path);
  if (content === expected) return;
  const stem = basename(path, extname(path));
  const name = basename(path);
  const rename = (to: string) => `rename it to ${stem}${to}${namedBy ? ` and change ${namedBy} to match` : ""}`;
  const fix: Record<FileContent, string> = {
    xlsx: rename(".xlsx") + " (leadlab reads Excel workbooks; `sheet:` picks a sheet)",
    zip: `unzip it${namedBy ? ` and set ${namedBy} to the file inside` : ""}`,
    ole2: "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx) without a password, or as CSV UTF-8",
    gzip: `decompress it (\`gunzip -c ${name} > ${stem}.uncompressed${ext}\`)${namedBy ? ` and set ${namedBy} to the result` : ""}`,
    parquet: rename(".parquet"),
    pdf: "export the table from the system it came from as CSV or Excel; a PDF report cannot be read as data",
    "utf-16": `re-save it as UTF-8 (\`iconv -f utf-16 -t utf-8 ${name} > utf8-${name}\`, or "CSV UTF-8" in Excel), or read it with a \`sql:\` table: select * from read_csv('${name}', encoding = 'utf-16', all_varchar = true)`,
    text: `rename it to ${stem}.csv if it is CSV (${stem}.json if JSON)${namedBy ? ` and change ${namedBy} to match` : ""}`,
  };
  const meant = expected === "text" ? ([".json", ".ndjson", ".jsonl"].includes(ext) ? "JSON text in UTF-8" : "CSV text in UTF-8") : CALLED[expected];
  throw new DatasetError(`the file is ${CALLED[content]}, not ${meant} as its name (${ext}) says`, { file: path }, fix[content]);
}
