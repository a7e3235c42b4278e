/**
 * Where {@link scoreFile} writes the scored CSV: a function taking text, or an object whose
 * `bytes` takes the same text as UTF-8 bytes (what `leadlab score --out` passes: the lines are
 * assembled as bytes and never become one JS string, which is several times faster). Each
 * chunk is a new array, the caller's to keep; with `transient`, the chunk is read during the
 * call only (e.g. written to a file at once) and its memory is reused for the next chunk, which
 * spares a million leads' worth of fresh memory.
 */
export type ScoredOutput = ((text: string) => void) | { bytes(chunk: Uint8Array): void; transient?: boolean };

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
 * chunk.plainField(new TextEncoder().encode("L2"), 0, 2); // => true
 * chunk.plainField(new TextEncoder().encode(" L3"), 0, 3); // => false
 * chunk.bytes(new TextEncoder().encode("7\n"));
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

  /** Appends bytes (e.g. text encoded once and used many times). */
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buffer.set(b, this.used);
    this.used += b.length;
  }

  /**
   * Appends `length` bytes of `src` from `start` as a CSV field followed by a comma, when they
   * need no quoting: no quote, comma or line break, and neither end a space, a control
   * character or a byte of a non-ASCII character (which may be a Unicode space, as `csvField`
   * reads `\s`). Returns false, appending nothing, otherwise: the caller writes `csvField(text)`.
   */
  plainField(src: Uint8Array, start: number, length: number): boolean {
    const end = start + length;
    if (length > 0 && (src[start] <= 0x20 || src[start] >= 0x80 || src[end - 1] <= 0x20 || src[end - 1] >= 0x80)) return false;
    for (let i = start; i < end; i++) {
      const b = src[i];
      if (b === 0x22 || b === 0x2c || b === 0x0a || b === 0x0d) return false;
    }
    this.reserve(length + 1);
    const buffer = this.buffer;
    let at = this.used;
    for (let i = start; i < end; i++) buffer[at++] = src[i];
    buffer[at++] = 0x2c;
    this.used = at;
    return true;
  }

  /** Hands what was appended to `output` and starts a new chunk; nothing when empty. */
  flush(output: ScoredOutput): void {
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
