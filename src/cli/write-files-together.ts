import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "./cli-error";

const LOCK = ".leadlab.lock";

/**
 * Throws a one-line error when the `--out` folder is a file: checked before a run's work, not
 * when its files are written.
 *
 * @example
 * import { assertOutputFolder } from "./write-files-together";
 * assertOutputFolder("package.json");
 * // throws: --out package.json is a file; pass a folder (created if missing)
 */
export function assertOutputFolder(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`--out ${dir} is a file; pass a folder (created if missing)`);
}

/**
 * Writes a run's files into `dir` so that they appear complete or not at all: each goes to a
 * temporary file in the same folder, and only when every one is written are they renamed into
 * place, one after the other (a rename within a folder is atomic). A lock file refuses a second
 * run into the same folder while one is writing; a lock left by a process that has ended is taken
 * over. `remove` names files of an earlier run that this one does not make (personas the data
 * could no longer give): they are deleted after the renames, under the same lock, so that no
 * stale file stands beside the new ones. Hand-written because it is twenty lines over `node:fs`
 * and has to hold a set of files.
 *
 * @example
 * import { writeFilesTogether } from "./write-files-together";
 * writeFilesTogether("/tmp/leadlab-doc-run", { "a.txt": "1\n", "b.txt": "2\n" }); // => ["a.txt", "b.txt"]
 * writeFilesTogether("/tmp/leadlab-doc-run", { "a.txt": "3\n" }, ["b.txt"]); // => ["a.txt"]
 */
export function writeFilesTogether(dir: string, files: Record<string, string>, remove: readonly string[] = []): string[] {
  assertOutputFolder(dir);
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, LOCK);
  takeLock(lock, dir);
  const temporary: [string, string][] = [];
  try {
    for (const [name, text] of Object.entries(files)) {
      const tmp = join(dir, `.${name}.${process.pid}.tmp`);
      temporary.push([tmp, join(dir, name)]);
      writeFileSync(tmp, text);
    }
    for (const [tmp, final] of temporary) renameSync(tmp, final);
    for (const name of remove) rmSync(join(dir, name), { force: true });
    return Object.keys(files);
  } finally {
    for (const [tmp] of temporary) rmSync(tmp, { force: true });
    rmSync(lock, { force: true });
  }
}

function takeLock(lock: string, dir: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(lock, "utf8"));
      if (Number.isInteger(pid) && pid > 0 && isRunning(pid))
        throw new CliError(`${dir} is being written by another leadlab run (process ${pid}); wait for it to finish or choose another --out`);
      if (existsSync(lock)) rmSync(lock, { force: true });
    }
  }
  throw new CliError(`${dir}: could not take the lock ${LOCK}; remove it if no leadlab run is writing there`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
