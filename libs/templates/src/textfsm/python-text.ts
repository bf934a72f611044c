// str.isspace() in Python 3: JS's trim() set differs (no \x1c-\x1f or \x85, adds \ufeff).
const SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);
const isSpace = (char: string | undefined): boolean => char !== undefined && SPACE.has(char.charCodeAt(0));
// str.splitlines() boundaries, which include the \x1c-\x1e separators.
// eslint-disable-next-line no-control-regex -- those separators are control characters
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
