/**
 * Runs every test file under tests/ but the notebooks' (`npm run test:notebooks`) in this one process, so what tests/helpers builds once (the
 * sample loaded, tuned and clustered) is shared by all of them. `npm test` runs the same files
 * split over two processes (tests/part-1.ts and tests/part-2.ts); one file still runs alone with
 * `node --import tsx --test tests/x.test.ts`.
 *
 * Node 20's test runner starts a process per file and has no option to share one (Node 22's
 * `--test-isolation=none` does that); loading the files from here does the same on both.
 */
import { runFiles, testFiles } from "./helpers/test-files";

runFiles(testFiles());
