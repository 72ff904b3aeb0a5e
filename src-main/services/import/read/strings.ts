import { AppError } from '../../../../src-shared/errors';
import { LIMITS } from './limits';

/**
 * An xlsx shared-string table kept off the JS heap: the strings one after
 * the other in a UTF-16 buffer, and where each one ends. A 100,000-row trade
 * directory has ~650,000 shared strings (20 million characters): as JS
 * strings — many of them slices that keep the parser's text chunks alive —
 * they held ~90 MB of heap for as long as the import lasts (the analysis and
 * the commit each read the sheet); here they take 2 bytes a character, which
 * the garbage collector never scans. `get` makes a string for the one cell
 * that asks.
 */
export class SharedStrings {
  private buf = Buffer.allocUnsafeSlow(1 << 20);
  private used = 0;
  private ends = new Uint32Array(4096);
  length = 0;

  /**
   * The most strings and characters the table takes (LIMITS): one more is
   * FILE_TOO_LARGE, so a table never holds more than maxChars × 2 bytes.
   */
  constructor(
    private readonly maxStrings: number = LIMITS.sharedStrings,
    private readonly maxChars: number = LIMITS.sharedStringChars,
  ) {}

  push(s: string): void {
    const bytes = s.length * 2;
    if (this.length >= this.maxStrings) throw new AppError('FILE_TOO_LARGE', undefined, `more than ${this.maxStrings} shared strings`);
    if (this.used + bytes > this.maxChars * 2) throw new AppError('FILE_TOO_LARGE', undefined, `shared strings over ${this.maxChars} characters`);
    if (this.used + bytes > this.buf.length) {
      // Doubling, but never beyond the limit: the copy costs old + new size for a moment.
      let size = this.buf.length * 2;
      while (this.used + bytes > size) size *= 2;
      const next = Buffer.allocUnsafeSlow(Math.min(size, this.maxChars * 2));
      this.buf.copy(next, 0, 0, this.used);
      this.buf = next;
    }
    this.buf.write(s, this.used, 'utf16le');
    this.used += bytes;
    if (this.length === this.ends.length) {
      const next = new Uint32Array(this.ends.length * 2);
      next.set(this.ends);
      this.ends = next;
    }
    this.ends[this.length++] = this.used;
  }

  /** The string at `index`, or undefined when the table has no such entry. */
  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    return this.buf.toString('utf16le', index === 0 ? 0 : this.ends[index - 1]!, this.ends[index]!);
  }

  /** Gives back the room kept for growth, once the table is complete. */
  seal(): this {
    const buf = Buffer.allocUnsafeSlow(this.used);
    this.buf.copy(buf, 0, 0, this.used);
    this.buf = buf;
    this.ends = this.ends.slice(0, this.length);
    return this;
  }
}
