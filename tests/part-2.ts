/** The second of the two processes `npm test` runs (see tests/helpers/test-files.ts). */
import { partOf, runFiles, testFiles } from "./helpers/test-files";

runFiles(partOf(testFiles(), 1, 2));
