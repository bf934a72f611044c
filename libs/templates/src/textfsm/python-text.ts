// str.isspace() in Python 3: JS's trim() set differs (no \x1c-\x1f or \x85, adds \ufeff).
const SPACE = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
const isSpace = (char: string | undefined): boolean => char !== undefined && SPACE.test(char);
// str.splitlines() boundaries.
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
// Lines of a file read in Python's universal-newline text mode.
const FILE_LINE_BREAK = /\r\n|\r|\n/;

/** Python string behaviour that TextFSM's results depend on. */
export class PythonText {
  /** `str.splitlines()`: no trailing empty line after a final line break. */
  static splitLines(text: string): string[] {
    return PythonText.split(text, LINE_BREAK);
  }

  /** The lines of a text file as Python iterates them (universal newlines), without terminators. */
  static fileLines(text: string): string[] {
    return PythonText.split(text, FILE_LINE_BREAK);
  }

  static strip(text: string): string {
    const trimmed = PythonText.rstrip(text);
    let start = 0;
    while (isSpace(trimmed[start])) {
      start += 1;
    }
    return trimmed.slice(start);
  }

  static rstrip(text: string): string {
    let end = text.length;
    while (isSpace(text[end - 1])) {
      end -= 1;
    }
    return text.slice(0, end);
  }

  private static split(text: string, separator: RegExp): string[] {
    if (text === '') {
      return [];
    }
    const lines = text.split(separator);
    if (lines[lines.length - 1] === '') {
      lines.pop();
    }
    return lines;
  }
}
