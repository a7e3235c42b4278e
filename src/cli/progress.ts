// Hand-written rather than cli-progress: the library reports progress as phrases ("events: 300 of
// 3000 accounts, 15000 rows"), not as a known total to fill a bar with, so all a terminal needs
// is the latest phrase rewritten in place with the elapsed time -- a dozen lines, no dependency.

/** Where progress goes: stderr, or anything with its `write`, `isTTY` and `columns`. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Shows a command's progress messages; see {@link progressReporter}. */
export interface ProgressReporter {
  /** Shows a message: the phase and its counts. */
  report(message: string): void;
  /** Clears the updating line (before results are printed, or at the end). */
  clear(): void;
}

/** Messages kept on their own line in a terminal instead of being overwritten. */
const KEPT = /^(warning|wrote|personas: wrote)/;

/**
 * A progress reporter. On a terminal: one line rewritten in place with the elapsed time and the
 * latest message (cut to the terminal's width), warnings and written files kept on their own
 * lines. Anywhere else (a file, a pipe, CI): one plain `leadlab: message` line per message.
 *
 * @example
 * import { progressReporter } from "./progress";
 * const lines: string[] = [];
 * progressReporter({ write: (t: string) => lines.push(t) }).report("reading deals.csv");
 * lines; // => ["leadlab: reading deals.csv\n"]
 */
export function progressReporter(stream: ProgressStream, now: () => number = () => performance.now()): ProgressReporter {
  const started = now();
  let showing = false;
  const clear = () => {
    if (showing) stream.write("\r\x1b[2K");
    showing = false;
  };
  if (!stream.isTTY) return { report: (message) => void stream.write(`leadlab: ${message}\n`), clear: () => {} };
  return {
    report(message) {
      const line = `leadlab [${((now() - started) / 1000).toFixed(1)} s] ${message}`;
      clear();
      if (KEPT.test(message)) {
        stream.write(`leadlab: ${message}\n`);
        return;
      }
      // a terminal of unknown size (columns 0 or missing) is taken as 80 wide
      const width = (stream.columns || 80) - 1;
      stream.write(line.length > width ? `${line.slice(0, width - 1)}…` : line);
      showing = true;
    },
    clear,
  };
}
