import { PythonRegexError } from './python-regex.error';

/** Walks a pattern one Unicode code point at a time, as Python's `re` parser does for `str` patterns. */
export class PatternCursor {
  private readonly chars: readonly string[];
  private index = 0;

  constructor(readonly pattern: string) {
    this.chars = Array.from(pattern);
  }

  get position(): number {
    return this.index;
  }

  get atEnd(): boolean {
    return this.index >= this.chars.length;
  }

  /** The code point `offset` places ahead, or `''` past the end. */
  peek(offset = 0): string {
    return this.chars[this.index + offset] ?? '';
  }

  next(): string {
    const char = this.chars[this.index];
    if (char === undefined) {
      throw this.error('unexpected end of pattern');
    }
    this.index += 1;
    return char;
  }

  /** Consumes `text` when the pattern continues with it. */
  eat(text: string): boolean {
    const parts = Array.from(text);
    for (let offset = 0; offset < parts.length; offset += 1) {
      if (this.chars[this.index + offset] !== parts[offset]) {
        return false;
      }
    }
    this.index += parts.length;
    return true;
  }

  /** Consumes up to `max` code points while they pass `test`. */
  takeWhile(test: (char: string) => boolean, max = Number.POSITIVE_INFINITY): string {
    let taken = '';
    let count = 0;
    while (count < max && !this.atEnd && test(this.peek())) {
      taken += this.next();
      count += 1;
    }
    return taken;
  }

  rewind(position: number): void {
    this.index = position;
  }

  error(message: string, position = this.index): PythonRegexError {
    return new PythonRegexError(message, this.pattern, position);
  }
}
