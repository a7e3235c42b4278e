import { closeSync, openSync, readSync } from "node:fs";

/**
 * Up to `length` bytes of a file from byte `from` (fewer at its end): what leadlab reads to tell
 * a file's format, its header line and the lines an export wrote around its table, without
 * reading the whole file.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * import { readBytes } from "./file-bytes";
 * writeFileSync("/tmp/leadlab-bytes-example.csv", "id,stage\n1,Won\n");
 * readBytes("/tmp/leadlab-bytes-example.csv", 3, 100).toString(); // => "stage\n1,Won\n"
 */
export function readBytes(path: string, from: number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  const fd = openSync(path, "r");
  try {
    return bytes.subarray(0, readSync(fd, bytes, 0, length, from));
  } finally {
    closeSync(fd);
  }
}
