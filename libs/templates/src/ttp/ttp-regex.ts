import { JsRegexEmitter } from '../regex/js-regex.emitter';
import { PythonRegex } from '../regex/python-regex';
import { PythonRegexError } from '../regex/python-regex.error';
import { PythonRegexParser } from '../regex/python-regex.parser';
import { TtpError } from './ttp.error';

/** One match of {@link TtpRegex.finditer}: offsets in the searched text and named groups. */
export interface TtpMatch {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly groups: Readonly<Record<string, string | undefined>>;
}

/**
 * A Python pattern (TTP builds its regexes with Python's `re`) translated to JS once, searched
 * with `finditer` semantics.
 */
export class TtpRegex {
  private ascii: RegExp | undefined;
  private unicode: RegExp | undefined;
  private readonly parsed: ReturnType<typeof PythonRegexParser.parse>;

  /** @throws TtpError naming the pattern when Python would refuse it */
  constructor(readonly pattern: string) {
    try {
      this.parsed = PythonRegexParser.parse(pattern);
    } catch (error) {
      if (error instanceof PythonRegexError) throw new TtpError(`invalid regular expression ${JSON.stringify(pattern)}: ${error.message}`);
      throw error;
    }
  }

  /** Python's `re.finditer(pattern, text)`. */
  finditer(text: string, asciiText: boolean): TtpMatch[] {
    const regex = this.regex(asciiText);
    regex.lastIndex = 0;
    const out: TtpMatch[] = [];
    for (;;) {
      const m = regex.exec(text);
      if (m === null) return out;
      out.push({ end: m.index + m[0].length, groups: m.groups ?? {}, start: m.index, text: m[0] });
      if (m[0] === '') regex.lastIndex = m.index + 1;
    }
  }

  /** Python's `re.search(pattern, text) is not None`. */
  test(text: string): boolean {
    const regex = this.regex(PythonRegex.isAscii(text));
    regex.lastIndex = 0;
    return regex.test(text);
  }

  /** Python's `re.sub(pattern, repl, text, count)` with a literal-ish replacement (`\1`, `\g<name>`). */
  sub(text: string, repl: string, count = 0): string {
    const regex = this.regex(PythonRegex.isAscii(text));
    regex.lastIndex = 0;
    let n = 0;
    return text.replace(regex, (...parts: unknown[]) => {
      const whole = String(parts[0]);
      if (count > 0 && n >= count) return whole;
      n += 1;
      const groups: unknown[] = parts.slice(1, 1 + this.parsed.groupCount);
      const named = parts[parts.length - 1];
      return repl.replace(/\\(\d+)|\\g<(\w+)>|\\([nt\\])/g, (_m, num: string | undefined, name: string | undefined, esc: string | undefined) => {
        if (esc !== undefined) return esc === 'n' ? '\n' : esc === 't' ? '\t' : '\\';
        if (num !== undefined) return String(num === '0' ? whole : (groups[Number(num) - 1] ?? ''));
        const key = name ?? '';
        if (/^\d+$/.test(key)) return String(key === '0' ? whole : (groups[Number(key) - 1] ?? ''));
        return typeof named === 'object' && named !== null ? String((named as Record<string, unknown>)[key] ?? '') : '';
      });
    });
  }

  private regex(asciiText: boolean): RegExp {
    if (asciiText) {
      this.ascii ??= this.build(true);
      return this.ascii;
    }
    this.unicode ??= this.build(false);
    return this.unicode;
  }

  private build(asciiSubject: boolean): RegExp {
    const emitted = JsRegexEmitter.emit(this.parsed, asciiSubject);
    if (emitted === undefined) throw new TtpError(`regular expression not supported: ${JSON.stringify(this.pattern)}`);
    try {
      return new RegExp(emitted.source, `${emitted.flags}g`);
    } catch (error) {
      throw new TtpError(`invalid regular expression ${JSON.stringify(this.pattern)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Python's `re.escape` (3.7+): escapes the characters special in patterns, and whitespace. */
export function pyReEscape(text: string): string {
  return text.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (ch) => `\\${ch}`);
}
