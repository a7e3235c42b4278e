import { closeSync, openSync, readSync } from "node:fs";

/** A CSV file whose lines end in both CRLF and LF alone (outside quoted values). */
export interface MixedLineEndings {
  /** Lines ending in CRLF, and in LF alone. */
  crlf: number;
  lf: number;
  /** The rarer ending, and the first line (counting the header, from 1) that ends with it. */
  odd: "CRLF" | "LF";
  firstOddLine: number;
}

/**
 * Whether a CSV file's lines end in both CRLF and LF alone, as when rows written on one system
 * are appended to a file written on another: DuckDB's CSV reader takes one line ending per file
 * and refuses the file ("could not detect the CSV parsing dialect", or its parser "reached an
 * invalid state"). Line ends inside quoted values (a note on several lines) are not counted. The
 * file is read a megabyte at a time; undefined when every line ends the same way.
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * import { mixedLineEndings } from "./line-endings";
 * writeFileSync("/tmp/leadlab-endings-example.csv", 'id,note\r\n1,"two\nlines"\r\n2,x\r\n3,y\n');
 * mixedLineEndings("/tmp/leadlab-endings-example.csv"); // => { crlf: 3, lf: 1, odd: "LF", firstOddLine: 4 }
 */
export function mixedLineEndings(path: string): MixedLineEndings | undefined {
  const chunk = Buffer.alloc(1 << 20);
  const fd = openSync(path, "r");
  let crlf = 0;
  let lf = 0;
  let firstCrlf = 0;
  let firstLf = 0;
  let quoted = false;
  let previous = 0;
  try {
    for (let at = 0, n: number; (n = readSync(fd, chunk, 0, chunk.length, at)) > 0; at += n) {
      for (let i = 0; i < n; i++) {
        const b = chunk[i];
        if (b === 0x22) quoted = !quoted;
        else if (b === 0x0a && !quoted) {
          const line = crlf + lf + 1;
          if (previous === 0x0d) {
            crlf++;
            if (firstCrlf === 0) firstCrlf = line;
          } else {
            lf++;
            if (firstLf === 0) firstLf = line;
          }
        }
        previous = b;
      }
    }
  } finally {
    closeSync(fd);
  }
  if (crlf === 0 || lf === 0) return undefined;
  const odd = lf < crlf ? "LF" : "CRLF";
  return { crlf, lf, odd, firstOddLine: odd === "LF" ? firstLf : firstCrlf };
}
