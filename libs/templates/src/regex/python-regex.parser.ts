import { PythonCharClassReader } from './python-char-class.reader';
import { GroupTracker, PythonEscapeReader } from './python-escape.reader';
import { ParsedPattern, RegexNode } from './python-regex.ast';
import { PythonRegexWidth } from './python-regex.width';
import { PatternCursor } from './pattern-cursor';

interface Flags {
  readonly ascii: boolean;
  readonly dotAll: boolean;
  readonly ignoreCase: boolean;
  readonly multiline: boolean;
  readonly verbose: boolean;
}

/** A sequence being read: its items, and whether the last one may take a quantifier. */
interface Sequence {
  readonly items: RegexNode[];
  last: 'anchor' | 'atom' | 'none' | 'repeat';
}

const FLAG_LETTERS = 'aiLmsux';
const VERBOSE_SPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f']);
const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
const MAX_REPEAT = 4294967295;
const isDigit = (char: string): boolean => char.length === 1 && char >= '0' && char <= '9';

/**
 * Parses a Python `re` pattern (`str` semantics, Python 3.11 syntax) into a {@link RegexNode} tree,
 * raising Python's compile errors as {@link PythonRegexError}. Conditionals `(?(1)a|b)` and
 * `\N{...}` are rejected as unsupported.
 */
export class PythonRegexParser implements GroupTracker {
  private readonly closed = new Set<number>();
  private readonly cursor: PatternCursor;
  private readonly names = new Map<string, number>();
  private opened = 0;
  private readonly widths = new Map<number, readonly [number, number]>();

  private constructor(pattern: string) {
    this.cursor = new PatternCursor(pattern);
  }

  /** @throws PythonRegexError */
  static parse(pattern: string): ParsedPattern {
    return new PythonRegexParser(pattern).run();
  }

  get openedGroups(): number {
    return this.opened;
  }

  isClosed(group: number): boolean {
    return this.closed.has(group);
  }

  private run(): ParsedPattern {
    const flags = this.globalFlags();
    const ast = this.alternation(flags);
    if (!this.cursor.atEnd) {
      throw this.cursor.error('unbalanced parenthesis');
    }
    return {
      ast,
      groupCount: this.opened,
      groupNames: this.names,
      ignoreCase: flags.ignoreCase,
    };
  }

  private globalFlags(): Flags {
    let flags: Flags = { ascii: false, dotAll: false, ignoreCase: false, multiline: false, verbose: false };
    for (;;) {
      const start = this.cursor.position;
      if (!this.cursor.eat('(?')) {
        return flags;
      }
      const letters = this.cursor.takeWhile((char) => FLAG_LETTERS.includes(char));
      if (letters === '' || !this.cursor.eat(')')) {
        this.cursor.rewind(start);
        return flags;
      }
      flags = this.applyFlags(flags, letters, '', start);
    }
  }

  private applyFlags(flags: Flags, add: string, remove: string, position: number): Flags {
    if (add.includes('L')) {
      throw this.cursor.error("bad inline flags: cannot use 'L' flag with a str pattern", position);
    }
    if (add.includes('a') && add.includes('u')) {
      throw this.cursor.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", position);
    }
    const set = (letter: string, current: boolean): boolean => (add.includes(letter) ? true : remove.includes(letter) ? false : current);
    return {
      ascii: add.includes('u') ? false : set('a', flags.ascii),
      dotAll: set('s', flags.dotAll),
      ignoreCase: set('i', flags.ignoreCase),
      multiline: set('m', flags.multiline),
      verbose: set('x', flags.verbose),
    };
  }

  private alternation(flags: Flags): RegexNode {
    const branches = [this.sequence(flags)];
    while (this.cursor.eat('|')) {
      branches.push(this.sequence(flags));
    }
    return branches.length === 1 ? (branches[0] as RegexNode) : { branches, type: 'alternation' };
  }

  private sequence(flags: Flags): RegexNode {
    const sequence: Sequence = { items: [], last: 'none' };
    for (;;) {
      const char = this.cursor.peek();
      if (char === '' || char === '|' || char === ')') {
        return sequence.items.length === 1 ? (sequence.items[0] as RegexNode) : { items: sequence.items, type: 'sequence' };
      }
      if (flags.verbose && this.skipVerbose(char)) {
        continue;
      }
      if (char === '*' || char === '+' || char === '?' || (char === '{' && this.isBraceQuantifier())) {
        this.repeat(sequence);
        continue;
      }
      this.cursor.next();
      const item = this.item(char, flags);
      if (item !== undefined) {
        sequence.items.push(item);
        sequence.last = item.type === 'anchor' ? 'anchor' : 'atom';
      }
    }
  }

  private skipVerbose(char: string): boolean {
    if (VERBOSE_SPACE.has(char)) {
      this.cursor.next();
      return true;
    }
    if (char === '#') {
      this.cursor.takeWhile((next) => next !== '\n');
      return true;
    }
    return false;
  }

  /** One item after its first character; `undefined` for a comment group, which leaves nothing. */
  private item(char: string, flags: Flags): RegexNode | undefined {
    switch (char) {
      case '.':
        return { dotAll: flags.dotAll, type: 'any' };
      case '^':
        return { ascii: flags.ascii, kind: 'start', multiline: flags.multiline, type: 'anchor' };
      case '$':
        return { ascii: flags.ascii, kind: 'end', multiline: flags.multiline, type: 'anchor' };
      case '[':
        return PythonCharClassReader.read(this.cursor, { ascii: flags.ascii, foldCase: flags.ignoreCase }, this);
      case '(':
        return this.group(flags);
      case '\\':
        return this.escape(flags);
      default:
        return PythonRegexParser.literal(char.codePointAt(0) ?? 0, flags);
    }
  }

  private escape(flags: Flags): RegexNode {
    const escape = PythonEscapeReader.read(this.cursor, false, this);
    switch (escape.kind) {
      case 'literal':
        return PythonRegexParser.literal(escape.codePoint, flags);
      case 'category':
        return { ascii: flags.ascii, letter: escape.letter, type: 'category' };
      case 'assertion': {
        const kinds = { A: 'string-start', B: 'B', Z: 'string-end', b: 'b' } as const;
        return { ascii: flags.ascii, kind: kinds[escape.letter], multiline: flags.multiline, type: 'anchor' };
      }
      case 'groupref':
        return { foldCase: flags.ignoreCase, group: escape.group, type: 'backref' };
    }
  }

  /** Under `(?a)`, IGNORECASE only folds ASCII letters. */
  private static literal(codePoint: number, flags: Flags): RegexNode {
    return { codePoint, foldCase: flags.ignoreCase && !(flags.ascii && codePoint > 0x7f), type: 'literal' };
  }

  private isBraceQuantifier(): boolean {
    const start = this.cursor.position;
    const valid = this.readBraces() !== undefined;
    this.cursor.rewind(start);
    return valid;
  }

  /** Reads `{m}`, `{m,}`, `{,n}`, `{m,n}` or `{,}` as [min, max]; `undefined` when the brace is a literal. */
  private readBraces(): readonly [number, number] | undefined {
    const start = this.cursor.position;
    this.cursor.next();
    if (this.cursor.peek() === '}') {
      return undefined;
    }
    const low = this.cursor.takeWhile(isDigit);
    const high = this.cursor.eat(',') ? this.cursor.takeWhile(isDigit) : low;
    if (!this.cursor.eat('}')) {
      return undefined;
    }
    const min = low === '' ? 0 : Number(low);
    const max = high === '' ? Number.POSITIVE_INFINITY : Number(high);
    if (min >= MAX_REPEAT || (Number.isFinite(max) && max >= MAX_REPEAT)) {
      throw this.cursor.error('the repetition number is too large', start);
    }
    if (max < min) {
      throw this.cursor.error('min repeat greater than max repeat', start);
    }
    return [min, max];
  }

  private repeat(sequence: Sequence): void {
    const start = this.cursor.position;
    const bounds = this.quantifierBounds();
    if (sequence.last === 'none' || sequence.last === 'anchor') {
      throw this.cursor.error('nothing to repeat', start);
    }
    if (sequence.last === 'repeat') {
      throw this.cursor.error('multiple repeat', start);
    }
    const lazy = this.cursor.eat('?');
    const possessive = !lazy && this.cursor.eat('+');
    const body = sequence.items.pop() as RegexNode;
    const repeat: RegexNode = { body, lazy, max: bounds[1], min: bounds[0], type: 'repeat' };
    // Python 3.11: `X*+` is `(?>X*)`.
    sequence.items.push(possessive ? { body: repeat, type: 'atomic' } : repeat);
    sequence.last = 'repeat';
  }

  /** Reads `*`, `+`, `?` or a brace quantifier already known to be valid. */
  private quantifierBounds(): readonly [number, number] {
    const char = this.cursor.peek();
    if (char === '{') {
      return this.readBraces() ?? [0, 0];
    }
    this.cursor.next();
    return char === '*' ? [0, Infinity] : char === '+' ? [1, Infinity] : [0, 1];
  }

  /** Reads a group whose `(` was consumed; `undefined` for a comment. */
  private group(flags: Flags): RegexNode | undefined {
    const start = this.cursor.position - 1;
    if (!this.cursor.eat('?')) {
      return this.capture(flags, undefined, start);
    }
    if (this.cursor.eat('P<')) {
      const name = this.cursor.takeWhile((char) => char !== '>');
      if (!this.cursor.eat('>')) {
        throw this.cursor.error('missing >, unterminated name', start);
      }
      return this.capture(flags, this.checkedName(name, start), start);
    }
    if (this.cursor.eat('P=')) {
      return this.namedReference(flags, start);
    }
    const char = this.cursor.peek();
    if (char === '#') {
      this.cursor.takeWhile((next) => next !== ')');
      if (!this.cursor.eat(')')) {
        throw this.cursor.error('missing ), unterminated comment', start);
      }
      return undefined;
    }
    if (this.cursor.eat(':')) {
      return this.expectClose(start, { body: this.alternation(flags), type: 'group' });
    }
    for (const [opener, behind, negative] of [['=', false, false], ['!', false, true], ['<=', true, false], ['<!', true, true]] as const) {
      if (this.cursor.eat(opener)) {
        const body = this.alternation(flags);
        if (behind) {
          this.checkFixedWidth(body, start);
        }
        return this.expectClose(start, { behind, body, negative, type: 'lookaround' });
      }
    }
    if (FLAG_LETTERS.includes(char) || char === '-') {
      return this.scopedFlags(flags, start);
    }
    if (this.cursor.eat('>')) {
      return this.expectClose(start, { body: this.alternation(flags), type: 'atomic' });
    }
    if (char === '(') {
      throw this.cursor.error('conditional groups are not supported', start);
    }
    throw this.cursor.error(`unknown extension ?${char}`, start);
  }

  private capture(flags: Flags, name: string | undefined, start: number): RegexNode {
    this.opened += 1;
    const index = this.opened;
    if (name !== undefined) {
      this.names.set(name, index);
    }
    const body = this.alternation(flags);
    this.expectClose(start, body);
    this.closed.add(index);
    this.widths.set(index, PythonRegexWidth.of(body, this.widths));
    return name === undefined ? { body, index, type: 'group' } : { body, index, name, type: 'group' };
  }

  private checkedName(name: string, start: number): string {
    if (!IDENTIFIER.test(name)) {
      throw this.cursor.error(`bad character in group name '${name}'`, start);
    }
    const previous = this.names.get(name);
    if (previous !== undefined) {
      throw this.cursor.error(`redefinition of group name '${name}' as group ${this.opened + 1}; was group ${previous}`, start);
    }
    return name;
  }

  private namedReference(flags: Flags, start: number): RegexNode {
    const name = this.cursor.takeWhile((char) => char !== ')');
    if (!this.cursor.eat(')')) {
      throw this.cursor.error('missing ), unterminated name', start);
    }
    const group = this.names.get(name);
    if (group === undefined) {
      throw this.cursor.error(`unknown group name '${name}'`, start);
    }
    if (!this.closed.has(group)) {
      throw this.cursor.error('cannot refer to an open group', start);
    }
    return { foldCase: flags.ignoreCase, group, name, type: 'backref' };
  }

  private scopedFlags(flags: Flags, start: number): RegexNode {
    const add = this.cursor.takeWhile((char) => FLAG_LETTERS.includes(char));
    const remove = this.cursor.eat('-') ? this.cursor.takeWhile((char) => 'imsx'.includes(char)) : '';
    if (this.cursor.eat(')')) {
      throw this.cursor.error('global flags not at the start of the expression', start);
    }
    if (!this.cursor.eat(':')) {
      throw this.cursor.error('unknown flag', this.cursor.position);
    }
    const body = this.alternation(this.applyFlags(flags, add, remove, start));
    return this.expectClose(start, { body, type: 'group' });
  }

  private checkFixedWidth(body: RegexNode, start: number): void {
    const [low, high] = PythonRegexWidth.of(body, this.widths);
    if (low !== high) {
      throw this.cursor.error('look-behind requires fixed-width pattern', start);
    }
  }

  private expectClose<T>(start: number, node: T): T {
    if (!this.cursor.eat(')')) {
      throw this.cursor.error('missing ), unterminated subpattern', start);
    }
    return node;
  }
}
