import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CliError } from "./cli-error";

/*
 * Output files appear whole or not at all: written to a temporary file in the same folder and
 * renamed over the destination only when complete, so a failure, a kill or a full disk never
 * leaves a truncated or emptied file behind. Written here rather than with the npm package
 * write-file-atomic because `leadlab score` streams a million rows chunk by chunk, and that
 * package takes the whole content at once.
 */

/** A file being written; `commit` puts it in place, `abort` removes it. */
export interface AtomicOutput {
  /** The temporary file, for a writer that opens it by its path (then `write` is not called). */
  readonly temp: string;
  write(data: string | Uint8Array): void;
  /** Flushes to disk and renames the temporary file over the destination. */
  commit(): void;
  /** Closes and deletes the temporary file; the destination is untouched. Safe to call after commit. */
  abort(): void;
}

/**
 * Throws a one-line error when the folder of `path` does not exist or `path` is a folder: to
 * check before any work is done.
 *
 * @example
 * import { checkOutputPath } from "./atomic-output";
 * checkOutputPath("/tmp/scored.csv"); // => undefined
 */
export function checkOutputPath(path: string): void {
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${path}: the folder ${dir} does not exist; create it or write elsewhere`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new CliError(`${path} is a folder; give a file name, e.g. ${join(path, "scored.csv")}`);
}

/**
 * Opens a temporary file next to `path` (`.<name>.<pid>.<random>.tmp`, created exclusively).
 *
 * @example
 * import { openAtomicOutput } from "./atomic-output";
 * const out = openAtomicOutput("/tmp/leadlab-example.csv");
 * out.write("a,b\n");
 * out.commit();
 */
export function openAtomicOutput(path: string): AtomicOutput {
  checkOutputPath(path);
  const temp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let fd: number | undefined = openSync(temp, "wx");
  let done = false;
  return {
    temp,
    write(data) {
      if (fd === undefined) throw new Error(`${path}: written after commit or abort`);
      if (typeof data === "string") writeSync(fd, data);
      else for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done);
    },
    commit() {
      if (fd === undefined) throw new Error(`${path}: committed twice or after abort`);
      fsyncSync(fd);
      closeSync(fd);
      fd = undefined;
      renameSync(temp, path);
      done = true;
    },
    abort() {
      if (done) return;
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      done = true;
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
    },
  };
}

/**
 * Writes a whole text to `path` atomically (temporary file, then rename).
 *
 * @example
 * import { writeFileAtomic } from "./atomic-output";
 * writeFileAtomic("/tmp/leadlab-example.sql", "SELECT 1;\n");
 */
export function writeFileAtomic(path: string, text: string): void {
  const out = openAtomicOutput(path);
  try {
    out.write(text);
    out.commit();
  } finally {
    out.abort();
  }
}
