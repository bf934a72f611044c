import type { OutputSource } from './shell.types';

const LINE = 64;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A deterministic output of exactly `size` bytes for `show bigoutput <bytes>`: 64-byte numbered
 * lines ending in `\r\n`, generated on demand so a 10 MB answer costs no 10 MB string. Tests
 * compare what they received with `BigOutputSource.text(size)`.
 */
export class BigOutputSource implements OutputSource {
  constructor(readonly size: number) {}

  /** The whole text, for assertions. */
  static text(size: number): string {
    return new BigOutputSource(size).read(0, size);
  }

  read(offset: number, length: number): string {
    const end = Math.min(this.size, offset + length);
    if (end <= offset) return '';
    const first = Math.floor(offset / LINE);
    const last = Math.floor((end - 1) / LINE);
    const parts: string[] = [];
    for (let i = first; i <= last; i += 1) parts.push(this.line(i));
    const base = first * LINE;
    return parts.join('').slice(offset - base, end - base);
  }

  private line(i: number): string {
    const start = i * LINE;
    const length = Math.min(LINE, this.size - start);
    if (length <= 2) return '\r\n'.slice(2 - length);
    const shift = i % ALPHABET.length;
    const body = `${String(i).padStart(8, '0')} ${ALPHABET.slice(shift)}${ALPHABET.slice(0, shift)}`.slice(0, LINE - 2);
    // The last line is cut short but still ends in a newline, so the prompt starts on its own line.
    return `${body.slice(0, length - 2)}\r\n`;
  }
}
