import { JsRegexEmitter } from './js-regex.emitter';
import { ParsedPattern, RegexNode } from './python-regex.ast';
import { JsDivergence, JsDivergenceAnalyzer } from './python-regex.divergence';
import { PythonRegexError } from './python-regex.error';
import { PythonRegexMatcher } from './python-regex.matcher';
import { PythonRegexParser } from './python-regex.parser';

/** A successful match: named groups as Python reports them (`undefined` for Python's `None`). */
export interface PythonMatch {
  readonly groups: Readonly<Record<string, string | undefined>>;
  /** The whole matched text. */
  readonly text: string;
}

const ASCII_ONLY = /^[^\u0080-\uffff]*$/;

/**
 * A compiled Python pattern with Python's `re.match` semantics: anchored at the start, not at the end.
 *
 * Runs on the JS engine through a translation. Three refinements keep Python's results:
 * - ASCII subjects (the usual device output) use a translation without Unicode property classes;
 *   the exact Unicode one is built on the first non-ASCII subject, because V8 takes about half a
 *   millisecond to build each `\p{L}` class and templates hold thousands of patterns.
 * - When a named group inside a repeat comes back unset, the match is redone by
 *   {@link PythonRegexMatcher}: Python may have kept a value JS cleared (see {@link JsDivergenceAnalyzer}).
 * - Patterns JS cannot express or may match differently (back-references, atomic groups, repeats
 *   that may prefer an empty iteration, `(?-i:...)` under `(?i)`) always use that matcher.
 */
export class PythonRegex {
  private readonly sets = new Map<RegexNode, RegExp>();
  private unicode: RegExp | undefined;

  private constructor(
    readonly pattern: string,
    private readonly parsed: ParsedPattern,
    private readonly divergence: JsDivergence,
    /** `undefined` when JS cannot express the pattern: only the Python-semantics matcher runs. */
    private readonly ascii: RegExp | undefined,
    private readonly unicodeSource: string | undefined,
  ) {}

  /** Whether every match runs on {@link PythonRegexMatcher} (slower) instead of the JS engine. */
  get usesPythonMatcher(): boolean {
    return this.divergence.alwaysPython;
  }

  /** @throws PythonRegexError when Python would refuse the pattern. */
  static compile(pattern: string): PythonRegex {
    const parsed = PythonRegexParser.parse(pattern);
    const divergence = JsDivergenceAnalyzer.analyze(parsed);
    const fast = JsRegexEmitter.emit(parsed, true);
    const exact = JsRegexEmitter.emit(parsed, false);
    if (fast === undefined || exact === undefined) {
      return new PythonRegex(pattern, parsed, { ...divergence, alwaysPython: true }, undefined, undefined);
    }
    const ascii = PythonRegex.build(fast.source, fast.flags, pattern);
    return new PythonRegex(pattern, parsed, divergence, ascii, exact.source === fast.source ? undefined : exact.source);
  }

  /** Whether `text` is all ASCII; callers matching one text against many patterns can pass it on. */
  static isAscii(text: string): boolean {
    return ASCII_ONLY.test(text);
  }

  /** Number of capturing groups (Python's `pattern.groups`). */
  get groupCount(): number {
    return this.parsed.groupCount;
  }

  /** Named groups in pattern order. */
  get groupNames(): readonly string[] {
    return [...this.parsed.groupNames.keys()];
  }

  /**
   * Python's `pattern.match(text)`.
   * @param ascii whether `text` is all ASCII, when the caller already knows
   */
  match(text: string, ascii?: boolean): PythonMatch | null {
    if (this.divergence.alwaysPython) {
      const python = this.matchPython(text);
      return python === undefined ? this.matchJs(text, ascii) : python;
    }
    const match = this.matchJs(text, ascii);
    if (match === null || !this.divergence.recheck.some((name) => match.groups[name] === undefined)) {
      return match;
    }
    const python = this.matchPython(text);
    return python === undefined ? match : python;
  }

  private matchJs(text: string, ascii: boolean | undefined): PythonMatch | null {
    if (this.ascii === undefined) {
      throw new PythonRegexError('input too long for the Python-semantics matcher', this.pattern, 0);
    }
    const regex = this.unicodeSource === undefined || (ascii ?? PythonRegex.isAscii(text)) ? this.ascii : this.unicodeRegex(this.ascii.flags);
    regex.lastIndex = 0;
    const match = regex.exec(text);
    return match === null ? null : { groups: match.groups ?? {}, text: match[0] };
  }

  /**
   * The match by Python's rules; `undefined` when the input is too long for the matcher's
   * recursion, where the caller falls back to the JS engine (right but for repeat captures).
   */
  private matchPython(text: string): PythonMatch | null | undefined {
    let values: (string | undefined)[] | null;
    try {
      values = PythonRegexMatcher.match(this.parsed.ast, this.parsed.groupCount, text, this.sets);
    } catch (error: unknown) {
      if (error instanceof RangeError) {
        return undefined;
      }
      throw error;
    }
    if (values === null) {
      return null;
    }
    const groups: Record<string, string | undefined> = {};
    for (const [name, index] of this.parsed.groupNames) {
      groups[name] = values[index];
    }
    return { groups, text: values[0] ?? '' };
  }

  private unicodeRegex(flags: string): RegExp {
    this.unicode ??= PythonRegex.build(this.unicodeSource ?? '', flags, this.pattern);
    return this.unicode;
  }

  private static build(source: string, flags: string, pattern: string): RegExp {
    try {
      // Sticky: matches only at lastIndex, which is how re.match anchors without touching the source.
      return new RegExp(source, flags.includes('y') ? flags : `${flags}y`);
    } catch (error: unknown) {
      // A translation the JS engine still refuses (e.g. a repeat count beyond its limits).
      throw new PythonRegexError(error instanceof Error ? error.message : String(error), pattern, 0);
    }
  }
}
