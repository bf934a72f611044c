import { PatternCursor } from './pattern-cursor';

export type CategoryLetter = 'd' | 'D' | 's' | 'S' | 'w' | 'W';
export type AssertionLetter = 'A' | 'b' | 'B' | 'Z';

export type PythonEscape =
  | { readonly kind: 'literal'; readonly codePoint: number }
  | { readonly kind: 'category'; readonly letter: CategoryLetter }
  | { readonly kind: 'assertion'; readonly letter: AssertionLetter }
  | { readonly kind: 'groupref'; readonly group: number };

/** What an escape needs to know about the groups parsed so far to validate `\N` back-references. */
export interface GroupTracker {
  /** Number of capturing groups opened so far (closed or not). */
  readonly openedGroups: number;
  isClosed(group: number): boolean;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
const CATEGORY_LETTERS = new Set<string>(['d', 'D', 's', 'S', 'w', 'W']);
const ASSERTION_LETTERS = new Set<string>(['A', 'b', 'B', 'Z']);
const isHex = (char: string): boolean => /^[0-9a-fA-F]$/.test(char);
const isOctal = (char: string): boolean => char >= '0' && char <= '7' && char.length === 1;
const isDigit = (char: string): boolean => char >= '0' && char <= '9' && char.length === 1;
const isAsciiLetter = (char: string): boolean => /^[a-zA-Z]$/.test(char);

/**
 * Reads one backslash escape the way Python's `sre_parse` does (`_escape` outside a character set,
 * `_class_escape` inside one), including its errors.
 */
export class PythonEscapeReader {
  /** Reads the escape whose backslash the cursor has just consumed. */
  static read(cursor: PatternCursor, inClass: boolean, groups: GroupTracker): PythonEscape {
    const start = cursor.position - 1;
    const letter = cursor.next();
    if (!inClass && ASSERTION_LETTERS.has(letter)) {
      return { kind: 'assertion', letter: letter as AssertionLetter };
    }
    if (CATEGORY_LETTERS.has(letter)) {
      return { kind: 'category', letter: letter as CategoryLetter };
    }
    if (inClass && letter === 'b') {
      return { kind: 'literal', codePoint: 8 };
    }
    const simple = SIMPLE_ESCAPES[letter];
    if (simple !== undefined) {
      return { kind: 'literal', codePoint: simple };
    }
    switch (letter) {
      case 'x':
        return PythonEscapeReader.hex(cursor, letter, 2, start);
      case 'u':
        return PythonEscapeReader.hex(cursor, letter, 4, start);
      case 'U':
        return PythonEscapeReader.hex(cursor, letter, 8, start);
      case 'N':
        throw cursor.error('named Unicode escapes (\\N{...}) are not supported', start);
      default:
        break;
    }
    if (letter === '0' || (inClass && isOctal(letter))) {
      return PythonEscapeReader.octal(cursor, letter, start);
    }
    if (isDigit(letter)) {
      if (inClass) {
        throw cursor.error(`bad escape \\${letter}`, start);
      }
      return PythonEscapeReader.digits(cursor, letter, start, groups);
    }
    if (isAsciiLetter(letter)) {
      throw cursor.error(`bad escape \\${letter}`, start);
    }
    return { kind: 'literal', codePoint: letter.codePointAt(0) ?? 0 };
  }

  private static hex(cursor: PatternCursor, letter: string, width: number, start: number): PythonEscape {
    const digits = cursor.takeWhile(isHex, width);
    if (digits.length !== width) {
      throw cursor.error(`incomplete escape \\${letter}${digits}`, start);
    }
    const codePoint = Number.parseInt(digits, 16);
    if (codePoint > 0x10ffff) {
      throw cursor.error(`bad escape \\${letter}${digits}`, start);
    }
    return { kind: 'literal', codePoint };
  }

  /** Octal escapes have at most three digits; `prefix` holds those already read. */
  private static octal(cursor: PatternCursor, prefix: string, start: number): PythonEscape {
    const digits = prefix + cursor.takeWhile(isOctal, 3 - prefix.length);
    const codePoint = Number.parseInt(digits, 8);
    if (codePoint > 0o377) {
      throw cursor.error(`octal escape value \\${digits} outside of range 0-0o377`, start);
    }
    return { kind: 'literal', codePoint };
  }

  private static digits(cursor: PatternCursor, first: string, start: number, groups: GroupTracker): PythonEscape {
    let digits = first;
    if (isDigit(cursor.peek())) {
      digits += cursor.next();
      if (isOctal(digits[0] ?? '') && isOctal(digits[1] ?? '') && isOctal(cursor.peek())) {
        return PythonEscapeReader.octal(cursor, digits + cursor.next(), start);
      }
    }
    const group = Number.parseInt(digits, 10);
    if (group > groups.openedGroups) {
      throw cursor.error(`invalid group reference ${group}`, start + 1);
    }
    if (!groups.isClosed(group)) {
      throw cursor.error('cannot refer to an open group', start);
    }
    return { kind: 'groupref', group };
  }
}
