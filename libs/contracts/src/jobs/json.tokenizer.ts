/** What {@link JsonTokenizer.next} read. */
export const JsonToken = {
  End: 0,
  ObjectStart: 1,
  ObjectEnd: 2,
  ArrayStart: 3,
  ArrayEnd: 4,
  Key: 5,
  String: 6,
  Number: 7,
  Literal: 8,
} as const;
export type JsonToken = (typeof JsonToken)[keyof typeof JsonToken];

/** Bytes that are not JSON text (the message names the offset). */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
/** The characters that may follow a backslash: " \ / b f n r t u. */
const ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74, 0x75]);
const LITERALS: Record<number, Buffer> = { 0x74: Buffer.from('true'), 0x66: Buffer.from('false'), 0x6e: Buffer.from('null') };

/** What the tokenizer expects next. */
const enum Expect {
  Value,
  ValueOrArrayEnd,
  Key,
  KeyOrObjectEnd,
  Colon,
  After,
}

/** Largest property name JSON.parse orders as an array index (2^32 - 2), as text. */
const MAX_INDEX = 4294967294;

/**
 * A pull tokenizer over the UTF-8 bytes of one JSON text that checks the grammar as it goes (RFC 8259,
 * as `JSON.parse` reads it) without building any value: each {@link next} reads one token and leaves
 * its byte span in `start`/`end`. Separators and whitespace are not tokens: `spaced` tells that the
 * gap before a token held whitespace, `sep` which separator (`,` or `:`) it held.
 * The bytes are expected to be valid UTF-8 (the caller checks it once for the whole text).
 */
export class JsonTokenizer {
  /** Byte span of the last token. */
  start = 0;
  end = 0;
  /** The last string or key token holds a backslash escape. */
  escaped = false;
  /** The last number token is an integer of at most 15 digits (not `-0`): written back as it is. */
  plainNumber = false;
  /** Whitespace came between the token before and the last one. */
  spaced = false;
  /** The separator between the token before and the last one: `,`, `:` or none (0). */
  sep = 0;
  private pos: number;
  private expect = Expect.Value;
  /** One entry per open container: true for an object. */
  private readonly stack: boolean[] = [];

  constructor(
    private readonly b: Buffer,
    from = 0,
    private readonly to = b.length,
  ) {
    this.pos = from;
  }

  /** Nesting depth after the last token. */
  get depth(): number {
    return this.stack.length;
  }

  /** @throws JsonSyntaxError at the first byte that is not JSON */
  next(): JsonToken {
    const b = this.b;
    this.spaced = false;
    this.sep = 0;
    this.skipSpace();
    if (this.expect === Expect.After) {
      if (this.stack.length === 0) {
        if (this.pos < this.to) this.fail('unexpected data after the JSON value');
        this.start = this.end = this.pos;
        return JsonToken.End;
      }
      const c = b[this.pos];
      const inObject = this.stack[this.stack.length - 1];
      if (c === COMMA) {
        this.pos++;
        this.sep = COMMA;
        this.skipSpace();
        this.expect = inObject ? Expect.Key : Expect.Value;
      } else if (c === (inObject ? 0x7d : 0x5d)) {
        return this.close(inObject ? JsonToken.ObjectEnd : JsonToken.ArrayEnd);
      } else this.fail(`expected ',' or '${inObject ? '}' : ']'}'`);
    } else if (this.expect === Expect.Colon) {
      if (b[this.pos] !== COLON) this.fail("expected ':'");
      this.pos++;
      this.sep = COLON;
      this.skipSpace();
      this.expect = Expect.Value;
    }
    if (this.pos >= this.to) this.fail('unexpected end of the JSON text');
    const c = b[this.pos];
    this.start = this.pos;
    if (this.expect === Expect.KeyOrObjectEnd && c === 0x7d) return this.close(JsonToken.ObjectEnd);
    if (this.expect === Expect.ValueOrArrayEnd && c === 0x5d) return this.close(JsonToken.ArrayEnd);
    if (this.expect === Expect.Key || this.expect === Expect.KeyOrObjectEnd) {
      if (c !== QUOTE) this.fail('expected a property name');
      this.string();
      this.expect = Expect.Colon;
      return JsonToken.Key;
    }
    this.expect = Expect.After;
    if (c === QUOTE) {
      this.string();
      return JsonToken.String;
    }
    if (c === 0x7b || c === 0x5b) {
      this.stack.push(c === 0x7b);
      this.pos++;
      this.end = this.pos;
      this.expect = c === 0x7b ? Expect.KeyOrObjectEnd : Expect.ValueOrArrayEnd;
      return c === 0x7b ? JsonToken.ObjectStart : JsonToken.ArrayStart;
    }
    if (c === MINUS || isDigit(c)) {
      this.number();
      return JsonToken.Number;
    }
    const literal = LITERALS[c];
    if (literal && b.compare(literal, 0, literal.length, this.pos, Math.min(this.to, this.pos + literal.length)) === 0) {
      this.pos += literal.length;
      this.end = this.pos;
      return JsonToken.Literal;
    }
    return this.fail('expected a value');
  }

  /**
   * Reads the rest of a value whose first token `first` was just read, to its end (`end` is then the
   * value's end). True when `JSON.stringify(JSON.parse(text))` keeps its properties as they come:
   * no object in it has a property name twice, a `__proto__`, or an array-index name (`"10"`) after
   * another name or out of ascending order (JSON.parse puts those first, in ascending order).
   */
  skipValue(first: JsonToken): boolean {
    if (first !== JsonToken.ObjectStart && first !== JsonToken.ArrayStart) return true;
    const base = this.stack.length - 1;
    let stable = true;
    // One name set per open object (null for an array), checked while stable.
    const names: (PropertyNames | null)[] = [first === JsonToken.ObjectStart ? new PropertyNames() : null];
    for (;;) {
      const t = this.next();
      if (t === JsonToken.ObjectEnd || t === JsonToken.ArrayEnd) {
        names.pop();
        if (this.stack.length === base) return stable;
      } else if (t === JsonToken.ObjectStart) names.push(new PropertyNames());
      else if (t === JsonToken.ArrayStart) names.push(null);
      else if (t === JsonToken.Key && stable) stable = (names[names.length - 1] as PropertyNames).add(this.b, this.start, this.end, this.escaped);
    }
  }

  /** The text of the last key or string token, decoded. */
  stringValue(): string {
    if (!this.escaped) return this.b.toString('utf8', this.start + 1, this.end - 1);
    return JSON.parse(this.b.toString('utf8', this.start, this.end)) as string;
  }

  private close(token: JsonToken): JsonToken {
    this.stack.pop();
    this.start = this.pos++;
    this.end = this.pos;
    this.expect = Expect.After;
    return token;
  }

  private skipSpace(): void {
    const b = this.b;
    const from = this.pos;
    while (this.pos < this.to && isSpace(b[this.pos])) this.pos++;
    if (this.pos > from) this.spaced = true;
  }

  private string(): void {
    const b = this.b;
    const to = this.to;
    let p = this.pos + 1;
    let escaped = false;
    for (;;) {
      if (p >= to) this.fail('unterminated string', p);
      const c = b[p];
      if (c === QUOTE) break;
      if (c < 0x20) this.fail('control character in a string', p);
      if (c === BACKSLASH) {
        escaped = true;
        const e = b[p + 1];
        if (p + 1 >= to || !ESCAPES.has(e)) this.fail('bad escape in a string', p);
        if (e === 0x75) {
          if (p + 5 >= to || !isHex(b[p + 2]) || !isHex(b[p + 3]) || !isHex(b[p + 4]) || !isHex(b[p + 5])) this.fail('bad \\u escape in a string', p);
          p += 6;
        } else p += 2;
      } else p++;
    }
    this.pos = p + 1;
    this.end = this.pos;
    this.escaped = escaped;
  }

  private number(): void {
    const b = this.b;
    const to = this.to;
    // The byte at p, or -1 past the text (the buffer may go on beyond it).
    const at = (p: number): number => (p < to ? b[p] : -1);
    const digitsFrom = (p: number): number => {
      if (!isDigit(at(p))) this.fail('bad number', p);
      while (isDigit(at(p))) p++;
      return p;
    };
    let p = this.pos;
    if (at(p) === MINUS) p++;
    const intStart = p;
    p = at(p) === 0x30 ? p + 1 : digitsFrom(p);
    const digits = p - intStart;
    let plain = digits <= 15 && !(p - this.pos === 2 && at(this.pos) === MINUS && at(intStart) === 0x30);
    if (at(p) === 0x2e) {
      plain = false;
      p = digitsFrom(p + 1);
    }
    if (at(p) === 0x65 || at(p) === 0x45) {
      plain = false;
      p++;
      if (at(p) === 0x2b || at(p) === MINUS) p++;
      p = digitsFrom(p);
    }
    this.pos = p;
    this.end = p;
    this.plainNumber = plain;
  }

  private fail(what: string, at = this.pos): never {
    throw new JsonSyntaxError(`${what} at byte ${at}`);
  }
}

/**
 * The property names of one object, to tell whether JSON.parse keeps them as they come: as 53-bit
 * hashes of their UTF-8 bytes (a linear list while few, a Set past that), so a 400k-name object costs
 * numbers, not strings. Two names with one hash count as a repeat: the value then takes the parsing
 * path, which is correct, only slower.
 */
class PropertyNames {
  private list: number[] | null = [];
  private set: Set<number> | null = null;
  private lastIndex = -1;
  private named = false;

  /** False when this name makes the object one JSON.parse would reorder or collapse. */
  add(b: Buffer, start: number, end: number, escaped: boolean): boolean {
    const bytes = escaped ? Buffer.from(JSON.parse(b.toString('utf8', start, end)) as string, 'utf8') : b;
    const from = escaped ? 0 : start + 1;
    const to = escaped ? bytes.length : end - 1;
    const index = indexOf(bytes, from, to);
    if (index >= 0) {
      if (this.named || index <= this.lastIndex) return false;
      this.lastIndex = index;
    } else {
      if (to - from === 9 && bytes.toString('latin1', from, to) === '__proto__') return false;
      this.named = true;
    }
    const h = hash53(bytes, from, to);
    if (this.list) {
      if (this.list.includes(h)) return false;
      this.list.push(h);
      if (this.list.length > 16) {
        this.set = new Set(this.list);
        this.list = null;
      }
      return true;
    }
    const set = this.set as Set<number>;
    if (set.has(h)) return false;
    set.add(h);
    return true;
  }
}

/** The array index a property name is (canonical decimal, at most 2^32 - 2), or -1. */
function indexOf(b: Buffer, from: number, to: number): number {
  const n = to - from;
  if (n === 0 || n > 10 || (n > 1 && b[from] === 0x30)) return -1;
  let v = 0;
  for (let p = from; p < to; p++) {
    if (!isDigit(b[p])) return -1;
    v = v * 10 + (b[p] - 0x30);
  }
  return v <= MAX_INDEX ? v : -1;
}

/** Two 32-bit FNV-1a style hashes of the bytes, as one 53-bit number. */
function hash53(b: Buffer, from: number, to: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ (to - from);
  for (let p = from; p < to; p++) {
    h1 = Math.imul(h1 ^ b[p], 0x01000193);
    h2 = Math.imul(h2 ^ b[p], 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}
