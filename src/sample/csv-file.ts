import { closeSync, openSync, writeSync } from "node:fs";

/** A cell of a sample CSV file: `null` is an empty cell. */
export type Cell = string | number | null;

const CAPACITY = 1 << 20;
const NEWLINE = 0x0a;

/**
 * A CSV file written row by row through a fixed buffer, so that tables of any size stream to
 * disk without building large strings. Cells are written as they are (the sample's values
 * hold no comma, quote or line break); numbers must be integers (format others as text
 * first), so that output never depends on float printing.
 *
 * @example
 * import { CsvFile } from "./csv-file";
 * const f = new CsvFile("/tmp/example.csv", ["id", "n"]);
 * f.row(["a", 1]);
 * f.close(); // => 1 (rows written)
 */
export class CsvFile {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(CAPACITY);
  private used = 0;
  private rows = 0;

  constructor(
    readonly path: string,
    private readonly columns: readonly string[],
  ) {
    this.fd = openSync(path, "w");
    this.text(columns.join(","));
    this.buffer[this.used++] = NEWLINE;
  }

  /** Appends one row; throws on a wrong number of cells or a non-integer number. */
  row(cells: readonly Cell[]): void {
    if (cells.length !== this.columns.length)
      throw new Error(`${this.path}: a row has ${cells.length} cells for ${this.columns.length} columns`);
    let line = "";
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (typeof c === "number" && !Number.isInteger(c))
        throw new Error(`${this.path}: column ${this.columns[i]} got the non-integer ${c}; format it first`);
      line += i === 0 ? (c ?? "") : `,${c ?? ""}`;
    }
    this.text(line);
    this.byte(NEWLINE);
    this.rows++;
  }

  /** Writes what is buffered and closes the file; returns the number of rows written. */
  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.rows;
  }

  private byte(b: number): void {
    if (this.used === CAPACITY) this.flush();
    this.buffer[this.used++] = b;
  }

  private text(s: string): void {
    if (this.used + 3 * s.length > CAPACITY) {
      this.flush();
      if (3 * s.length > CAPACITY) {
        writeSync(this.fd, s);
        return;
      }
    }
    this.used += this.buffer.write(s, this.used);
  }

  private flush(): void {
    let done = 0;
    while (done < this.used) done += writeSync(this.fd, this.buffer, done, this.used - done);
    this.used = 0;
  }
}
