import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { DatasetError } from "./dataset-error";

/** What a path should be, for {@link requireFile}'s messages. */
export interface ExpectedFile {
  /** What the file is, as a message's subject: "the dataset spec". */
  what: string;
  /** The file's usual name, looked for inside a folder given instead (e.g. `dataset.yaml`). */
  name?: string;
  /** What to do when there is no such file. */
  fix: string;
}

/**
 * Throws a {@link DatasetError} unless `path` is a file: one that does not exist, or a folder
 * given for a file (naming the file of the usual name inside it when there is one), rather than
 * the system's ENOENT or EISDIR.
 *
 * @example
 * import { requireFile } from "./require-file";
 * requireFile("data/sample", { what: "the dataset spec", name: "dataset.yaml", fix: "pass the path of a dataset.yaml" });
 * // throws: data/sample: the dataset spec is a folder, not a file. Fix: pass data/sample/dataset.yaml.
 */
export function requireFile(path: string, expected: ExpectedFile): void {
  if (!existsSync(path)) throw new DatasetError(`${expected.what} does not exist`, { file: path }, expected.fix);
  if (!statSync(path).isDirectory()) return;
  const inside = expected.name === undefined ? undefined : join(path, expected.name);
  throw new DatasetError(`${expected.what} is a folder, not a file`, { file: path }, inside !== undefined && existsSync(inside) ? `pass ${inside}` : expected.fix);
}
