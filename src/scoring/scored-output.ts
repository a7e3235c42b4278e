/**
 * Where {@link scoreFile} writes the scored CSV: a function taking text, or an object whose
 * `bytes` takes the same text as UTF-8 bytes (what `leadlab score --out` passes: the lines are
 * assembled as bytes and never become one JS string, which is several times faster). Each
 * chunk is a new array, the caller's to keep.
 */
export type ScoredOutput = ((text: string) => void) | { bytes(chunk: Uint8Array): void };

const decoder = new TextDecoder();

/**
 * Scored lines assembled as UTF-8 bytes, a chunk at a time, then handed to a {@link ScoredOutput}
 * (decoded once per chunk for a text output).
 *
 * @example
 * import { ScoredChunk } from "./scored-output";
 * const chunk = new ScoredChunk();
 * chunk.text("L1,");
 * chunk.bytes(new TextEncoder().encode("−5\n"));
 * let text = "";
 * chunk.flush((t) => (text += t));
 * text; // => "L1,−5\n"
 */
export class ScoredChunk {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private used = 0;

  /** Appends text (as UTF-8). */
  text(s: string): void {
    this.reserve(3 * s.length);
    this.used += this.buffer.write(s, this.used);
  }

  /** Appends bytes (e.g. text encoded once and used many times). */
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    // A line's bytes are few: copied one by one, which is faster than set() for so few.
    const buffer = this.buffer;
    let at = this.used;
    for (let i = 0; i < b.length; i++) buffer[at++] = b[i];
    this.used = at;
  }

  /** Hands what was appended to `output` and starts a new chunk; nothing when empty. */
  flush(output: ScoredOutput): void {
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.used = 0;
    if (typeof output === "function") output(decoder.decode(chunk));
    else output.bytes(chunk);
  }

  private reserve(n: number): void {
    if (this.used + n <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.used + n));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }
}
