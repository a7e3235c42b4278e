import { writeSync } from "node:fs";

/**
 * Where {@link scoreFile} writes the scored CSV: the path of a file to write (what `leadlab score
 * --out` passes: DuckDB writes the lines there itself), a function taking text, or an object
 * whose `bytes` takes the same text as UTF-8 bytes. Each chunk is a new array, the caller's to
 * keep; with `transient`, the chunk is read during the call only (e.g. written to a file at once)
 * and its memory is reused for the next chunk.
 */
export type ScoredOutput = ChunkOutput | { path: string };

/** A {@link ScoredOutput} that takes the file a chunk at a time. */
export type ChunkOutput = ((text: string) => void) | { bytes(chunk: Uint8Array): void; transient?: boolean };

/** Writes all of `chunk` to an open file. */
export function writeAll(fd: number, chunk: Uint8Array): void {
  for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done);
}

const decoder = new TextDecoder();

/**
 * Scored lines assembled as UTF-8 bytes, a chunk at a time, then handed to a {@link ScoredOutput}
 * (decoded once per chunk for a text output).
 *
 * @example
 * import { ScoredChunk } from "./scored-output";
 * const chunk = new ScoredChunk();
 * chunk.text("L1,−5\n");
 * chunk.text("L2,7\n");
 * let text = "";
 * chunk.flush((t) => (text += t));
 * text; // => "L1,−5\nL2,7\n"
 */
export class ScoredChunk {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private used = 0;

  /** Appends text (as UTF-8). */
  text(s: string): void {
    this.reserve(3 * s.length);
    this.used += this.buffer.write(s, this.used);
  }

  /** Hands what was appended to `output` and starts a new chunk; nothing when empty. */
  flush(output: ChunkOutput): void {
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    this.used = 0;
    if (typeof output === "function") output(decoder.decode(chunk));
    else {
      if (!output.transient) this.buffer = Buffer.allocUnsafe(this.buffer.length);
      output.bytes(chunk);
    }
  }

  private reserve(n: number): void {
    if (this.used + n <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.used + n));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }
}
