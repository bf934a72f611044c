import { PyDict, PyValue } from './ttp-python.values';
import { TtpError } from './ttp.error';

/** Arguments of a TTP function call, as Python's `f(*args, **kwargs)` would receive them. */
export interface TtpCallArgs {
  readonly args: PyValue[];
  readonly kwargs: PyDict;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * Reads the Python literals TTP templates write inside `fn(...)` and in `<vars>`: strings (any
 * prefix and quoting), numbers, `True`/`False`/`None`, lists, tuples, dicts. A bare name that is
 * not a literal stands for its own text, as TTP evaluates calls with unknown names left as strings.
 */
export class PythonLiteralParser {
  private pos = 0;

  private constructor(private readonly text: string) {}

  /** `"a", 1, key=True` → `{args: ['a', 1], kwargs: {key: true}}`. */
  static callArgs(text: string): TtpCallArgs {
    const parser = new PythonLiteralParser(text);
    const args: PyValue[] = [];
    const kwargs: PyDict = {};
    parser.skipSpace();
    while (!parser.atEnd()) {
      const keyword = parser.at(/([A-Za-z_]\w*)\s*=(?!=)/y);
      if (keyword) {
        parser.pos += keyword[0].length;
        kwargs[keyword[1]] = parser.value();
      } else {
        if (Object.keys(kwargs).length > 0) throw parser.fail('positional argument follows keyword argument');
        args.push(parser.value());
      }
      parser.skipSpace();
      if (parser.atEnd()) break;
      parser.expect(',');
      parser.skipSpace();
    }
    return { args, kwargs };
  }

  /** One literal, the whole text. */
  static value(text: string): PyValue {
    const parser = new PythonLiteralParser(text);
    parser.skipSpace();
    const value = parser.value();
    parser.skipSpace();
    if (!parser.atEnd()) throw parser.fail('unexpected text after the value');
    return value;
  }

  /** `name = literal` statements, one after another (Python-syntax `<vars>` without code). */
  static assignments(text: string): PyDict {
    const parser = new PythonLiteralParser(text);
    const out: PyDict = {};
    for (;;) {
      parser.skipSpace(true);
      if (parser.atEnd()) return out;
      const name = parser.at(/([A-Za-z_]\w*)[ \t]*=(?!=)/y);
      if (!name) throw parser.fail('expected `name = value`');
      parser.pos += name[0].length;
      out[name[1]] = parser.value();
    }
  }

  private value(): PyValue {
    this.skipSpace(true);
    const ch = this.text[this.pos];
    if (ch === undefined) throw this.fail('missing value');
    if (ch === '[') return this.sequence(']');
    if (ch === '(') return this.sequence(')');
    if (ch === '{') return this.dict();
    const str = this.at(/([rRuUbBfF]{0,2})(['"])/y);
    if (str) return this.strings();
    const num = this.at(/[+-]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?)(?![\w.])/y);
    if (num) {
      this.pos += num[0].length;
      const clean = num[0].replace(/_/g, '');
      if (/^[+-]?0[xXoObB]/.test(clean)) {
        const sign = clean.startsWith('-') ? -1 : 1;
        return sign * Number(clean.replace(/^[+-]/, ''));
      }
      return Number(clean);
    }
    const name = this.at(/[A-Za-z_]\w*/y);
    if (name) {
      this.pos += name[0].length;
      if (name[0] === 'True' || name[0] === 'true') return true;
      if (name[0] === 'False' || name[0] === 'false') return false;
      if (name[0] === 'None') return null;
      return name[0];
    }
    throw this.fail(`unexpected ${JSON.stringify(ch)}`);
  }

  private strings(): string {
    let out = '';
    for (;;) {
      const head = this.at(/([rRuUbBfF]{0,2})('''|"""|'|")/y);
      if (!head) return out;
      this.pos += head[0].length;
      out += this.stringBody(head[2], /[rR]/.test(head[1]));
      this.skipSpace();
    }
  }

  private stringBody(quote: string, raw: boolean): string {
    let out = '';
    while (!this.text.startsWith(quote, this.pos)) {
      const ch = this.text[this.pos];
      if (ch === undefined || (ch === '\n' && quote.length === 1)) throw this.fail('unterminated string');
      if (ch === '\\') {
        const next = this.text[this.pos + 1] ?? '';
        if (raw) {
          out += ch + next;
        } else if (next in SIMPLE_ESCAPES) {
          out += SIMPLE_ESCAPES[next];
        } else if (next === 'x' || next === 'u' || next === 'U') {
          const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
          out += String.fromCodePoint(parseInt(this.text.slice(this.pos + 2, this.pos + 2 + len), 16));
          this.pos += len;
        } else {
          out += ch + next;
        }
        this.pos += 2;
        continue;
      }
      out += ch;
      this.pos += 1;
    }
    this.pos += quote.length;
    return out;
  }

  private sequence(close: string): PyValue[] {
    this.pos += 1;
    const items: PyValue[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.text[this.pos] === close) break;
      items.push(this.value());
      this.skipSpace(true);
      if (this.text[this.pos] === ',') this.pos += 1;
      else if (this.text[this.pos] !== close) throw this.fail(`expected , or ${close}`);
    }
    this.pos += 1;
    return items;
  }

  private dict(): PyValue {
    this.pos += 1;
    const out: PyDict = {};
    const items: PyValue[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.text[this.pos] === '}') break;
      const key = this.value();
      this.skipSpace(true);
      if (this.text[this.pos] === ':') {
        this.pos += 1;
        out[String(key)] = this.value();
      } else {
        items.push(key);
      }
      this.skipSpace(true);
      if (this.text[this.pos] === ',') this.pos += 1;
      else if (this.text[this.pos] !== '}') throw this.fail('expected , or }');
    }
    this.pos += 1;
    return items.length > 0 ? items : out;
  }

  private skipSpace(newlines = false): void {
    const m = this.at(newlines ? /(\s|#[^\n]*|\\\n)+/y : /[ \t]+/y);
    if (m) this.pos += m[0].length;
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw this.fail(`expected ${JSON.stringify(ch)}`);
    this.pos += 1;
  }

  /** The sticky `re` matched at the current position, without copying the rest of the text. */
  private at(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    return re.exec(this.text);
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private fail(reason: string): TtpError {
    return new TtpError(`cannot read arguments ${JSON.stringify(this.text)}: ${reason} at offset ${this.pos}`);
  }
}
