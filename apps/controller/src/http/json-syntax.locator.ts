/** Deepest nesting the locator follows; past it the position of the first opening is reported. */
const MAX_DEPTH = 1000;

class JsonSyntaxFault extends Error {
  constructor(
    readonly what: string,
    readonly at: number,
  ) {
    super(what);
  }
}

/**
 * Describes why a body is not JSON by position only, never quoting it (the parser's own message
 * quotes the text around the fault, which may be an unquoted password): `Expecting value: line 1
 * column 14 (char 13)`, the wording of Python's json module. Call it for text JSON.parse refused.
 */
export function describeJsonSyntaxError(text: string): string {
  try {
    new JsonScanner(text).document();
  } catch (err) {
    if (err instanceof JsonSyntaxFault) return `${err.what}: ${position(text, err.at)}`;
    throw err;
  }
  return 'JSON decode error';
}

function position(text: string, at: number): string {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line} column ${column} (char ${at})`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonScanner {
  private i = 0;

  constructor(private readonly s: string) {}

  document(): void {
    this.value(0);
    this.ws();
    if (this.i < this.s.length) throw new JsonSyntaxFault('Extra data', this.i);
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i] ?? '')) this.i++;
  }

  private value(depth: number): void {
    this.ws();
    const c = this.s[this.i];
    if (depth > MAX_DEPTH) throw new JsonSyntaxFault(`Nesting deeper than ${MAX_DEPTH} levels`, this.i);
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (m && m[0] !== '' && m[0] !== '-') {
      this.i += m[0].length;
      return;
    }
    throw new JsonSyntaxFault('Expecting value', this.i);
  }

  private object(depth: number): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') throw new JsonSyntaxFault('Expecting property name enclosed in double quotes', this.i);
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') throw new JsonSyntaxFault("Expecting ':' delimiter", this.i);
      this.i++;
      this.value(depth + 1);
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === '}') return;
      if (c !== ',') throw new JsonSyntaxFault("Expecting ',' delimiter", this.i - 1);
    }
  }

  private array(depth: number): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value(depth + 1);
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === ']') return;
      if (c !== ',') throw new JsonSyntaxFault("Expecting ',' delimiter", this.i - 1);
    }
  }

  private string(): void {
    const start = this.i;
    this.i++;
    for (;;) {
      if (this.i >= this.s.length) throw new JsonSyntaxFault('Unterminated string starting at', start);
      const c = this.s[this.i] ?? '';
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') {
        const e = this.s[this.i + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) throw new JsonSyntaxFault('Invalid \\uXXXX escape', this.i);
          this.i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') throw new JsonSyntaxFault('Invalid \\escape', this.i);
        this.i += 2;
        continue;
      }
      if (c < ' ') throw new JsonSyntaxFault('Invalid control character at', this.i);
      this.i++;
    }
  }
}
