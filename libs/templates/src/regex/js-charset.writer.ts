import { CategoryLetter } from './python-escape.reader';
import { ClassItem } from './python-regex.ast';

type CodePointRange = readonly [number, number];

/**
 * How Python's `\d \s \w \b` are spelled: `ascii` for a `(?a)` pattern; `unicode` for Python's
 * default str semantics; `ascii-subject` for those semantics on subjects known to be ASCII.
 */
export type JsCharset = 'ascii' | 'ascii-subject' | 'unicode';

const MAX_CODE_POINT = 0x10ffff;
// Cased letters end in the Supplementary Multilingual Plane (Adlam, U+1E900-1E95F).
const MAX_CASED_CODE_POINT = 0x1ffff;
// Python's str.isspace(): JS \s lacks \x1c-\x1f and \x85 and adds \ufeff, so the set is spelled out.
const SPACE: Readonly<Record<JsCharset, readonly CodePointRange[]>> = {
  ascii: [[0x09, 0x0d], [0x20, 0x20]],
  'ascii-subject': [[0x09, 0x0d], [0x1c, 0x20]],
  unicode: [
    [0x09, 0x0d], [0x1c, 0x20], [0x85, 0x85], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
    [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000],
  ],
};
const ASCII_DIGIT: readonly CodePointRange[] = [[0x30, 0x39]];
const ASCII_WORD: readonly CodePointRange[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
// ASCII words plus the two non-ASCII letters that JS's /iu folds into them (long s, Kelvin sign):
// left in a spelled-out \W they would let `[\W]` match `s` or `k` under (?i).
const ASCII_WORD_FOLDS: readonly CodePointRange[] = [...ASCII_WORD, [0x17f, 0x17f], [0x212a, 0x212a]];
// Python's \w for str patterns: str.isalnum() or '_'; \d: Unicode decimal digits (Nd).
const UNICODE_WORD = '\\p{L}\\p{N}_';
const CLASS_SPECIAL = new Set(Array.from('\\]^-[/'));
// Spelling out the case variants of huge ranges would bloat the source for no practical gain.
const MAX_FOLDED_RANGE = 2000;

/** Writes character sets, categories and single code points as JS `u`-mode source. */
export class JsCharsetWriter {
  /** `\d \D \s \S \w \W` outside a set. */
  static category(letter: CategoryLetter, charset: JsCharset): string {
    const lower = letter.toLowerCase() as 'd' | 's' | 'w';
    return `[${letter === lower ? '' : '^'}${JsCharsetWriter.positive(lower, charset)}]`;
  }

  /** A Python set; `foldCase` spells out case variants (scoped `(?i:...)`). */
  static set(items: readonly ClassItem[], negated: boolean, charset: JsCharset, foldCase: boolean): string {
    let inline = '';
    const excluded: string[] = [];
    for (const item of items) {
      if (item.kind === 'range') {
        inline += JsCharsetWriter.range(item.low, item.high) + (foldCase ? JsCharsetWriter.foldedExtras(item.low, item.high) : '');
      } else if (item.letter === 'W' && charset === 'unicode') {
        excluded.push(UNICODE_WORD);
      } else {
        inline += JsCharsetWriter.inClass(item.letter, charset);
      }
    }
    if (excluded.length === 0) {
      return `[${negated ? '^' : ''}${inline}]`;
    }
    // Unicode \W only exists negated in a JS set, so unions and complements are rebuilt around it.
    if (!negated) {
      const branches = excluded.map((text) => `[^${text}]`);
      return `(?:${(inline ? [`[${inline}]`, ...branches] : branches).join('|')})`;
    }
    return `(?:${inline ? `(?![${inline}])` : ''}[${UNICODE_WORD}])`;
  }

  static wordBoundary(negated: boolean, charset: JsCharset): string {
    const word = charset === 'unicode' ? UNICODE_WORD : JsCharsetWriter.ranges(ASCII_WORD);
    // JS's own \b only knows ASCII word characters.
    return negated
      ? `(?:(?<=[${word}])(?=[${word}])|(?<![${word}])(?![${word}]))`
      : `(?:(?<=[${word}])(?![${word}])|(?<![${word}])(?=[${word}]))`;
  }

  /** A code point inside a set. */
  static classChar(codePoint: number): string {
    const char = String.fromCodePoint(codePoint);
    return CLASS_SPECIAL.has(char) ? `\\${char}` : JsCharsetWriter.printable(codePoint);
  }

  /** A code point that needs no escaping as itself: printable ASCII raw, anything else as `\u{...}`. */
  static printable(codePoint: number): string {
    return codePoint >= 0x20 && codePoint < 0x7f ? String.fromCodePoint(codePoint) : `\\u{${codePoint.toString(16)}}`;
  }

  /**
   * The code point and every code point sharing its lower- or upper-case form, e.g. `s`, `S` and
   * `ſ` (long s): what Python's IGNORECASE treats as equal, for spelling out a scoped `(?i:...)`.
   */
  static caseVariants(codePoint: number): number[] {
    const variants = new Set<number>([codePoint]);
    for (const form of JsCharsetWriter.caseForms(codePoint)) {
      variants.add(form);
      for (const other of JsCharsetWriter.sharedForms().get(form) ?? []) {
        variants.add(other);
      }
    }
    return [...variants];
  }

  private static caseForms(codePoint: number): number[] {
    const char = String.fromCodePoint(codePoint);
    return [char.toLowerCase(), char.toUpperCase()].filter((form) => Array.from(form).length === 1).map((form) => form.codePointAt(0) ?? codePoint);
  }

  private static shared: Map<number, number[]> | undefined;

  /** Case form → code points that have it; built once, on the first scoped `(?i:...)`. */
  private static sharedForms(): Map<number, number[]> {
    if (JsCharsetWriter.shared === undefined) {
      const shared = new Map<number, number[]>();
      for (let codePoint = 0; codePoint <= MAX_CASED_CODE_POINT; codePoint += 1) {
        for (const form of JsCharsetWriter.caseForms(codePoint)) {
          if (form !== codePoint) {
            shared.set(form, [...(shared.get(form) ?? []), codePoint]);
          }
        }
      }
      JsCharsetWriter.shared = shared;
    }
    return JsCharsetWriter.shared;
  }

  private static positive(letter: 'd' | 's' | 'w', charset: JsCharset): string {
    switch (letter) {
      case 'd':
        return charset === 'unicode' ? '\\p{Nd}' : JsCharsetWriter.ranges(ASCII_DIGIT);
      case 's':
        return JsCharsetWriter.ranges(SPACE[charset]);
      case 'w':
        return charset === 'unicode' ? UNICODE_WORD : JsCharsetWriter.ranges(ASCII_WORD);
    }
  }

  /** A category inside a set (Unicode `\W` is handled by the caller). */
  private static inClass(letter: CategoryLetter, charset: JsCharset): string {
    switch (letter) {
      case 'd':
      case 's':
      case 'w':
        return JsCharsetWriter.positive(letter, charset);
      case 'D':
        return charset === 'unicode' ? '\\P{Nd}' : JsCharsetWriter.ranges(JsCharsetWriter.complement(ASCII_DIGIT));
      case 'S':
        return JsCharsetWriter.ranges(JsCharsetWriter.complement(SPACE[charset]));
      case 'W':
        return JsCharsetWriter.ranges(JsCharsetWriter.complement(charset === 'ascii-subject' ? ASCII_WORD_FOLDS : ASCII_WORD));
    }
  }

  private static range(low: number, high: number): string {
    return low === high ? JsCharsetWriter.classChar(low) : `${JsCharsetWriter.classChar(low)}-${JsCharsetWriter.classChar(high)}`;
  }

  private static ranges(ranges: readonly CodePointRange[]): string {
    return ranges.map(([low, high]) => JsCharsetWriter.range(low, high)).join('');
  }

  private static complement(ranges: readonly CodePointRange[]): CodePointRange[] {
    const result: CodePointRange[] = [];
    let next = 0;
    for (const [low, high] of ranges) {
      if (low > next) {
        result.push([next, low - 1]);
      }
      next = high + 1;
    }
    if (next <= MAX_CODE_POINT) {
      result.push([next, MAX_CODE_POINT]);
    }
    return result;
  }

  private static foldedExtras(low: number, high: number): string {
    if (high - low > MAX_FOLDED_RANGE) {
      return '';
    }
    let extras = '';
    for (let codePoint = low; codePoint <= high; codePoint += 1) {
      for (const variant of JsCharsetWriter.caseVariants(codePoint)) {
        if (variant < low || variant > high) {
          extras += JsCharsetWriter.classChar(variant);
        }
      }
    }
    return extras;
  }
}
