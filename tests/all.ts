/**
 * Runs every test file under tests/ in this one process, each as a suite named for its path, so
 * what tests/helpers builds once (the sample loaded, tuned and clustered) is shared by all of them.
 * `npm test` runs this file; one file still runs alone with `node --import tsx --test tests/x.test.ts`.
 *
 * Node 20's test runner starts a process per file and has no option to share one (Node 22's
 * `--test-isolation=none` does that); loading the files from here does the same on both.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe } from "node:test";

const files = readdirSync(__dirname, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => f.split(path.sep).join("/"))
  .sort();

for (const file of files) {
  describe(file, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(__dirname, file));
  });
}
